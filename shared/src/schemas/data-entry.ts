import * as z from 'zod';
import { Timestamp, requiredText, withoutControlCharacters } from './common.js';
import { ConsistencyRule, Indicator } from './catalogue.js';
import { PeriodCode } from './campaign.js';

export const SubmissionStatus = z.enum(['not_started', 'draft', 'submitted', 'validated', 'returned']);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;
export const submissionStatusLabels: Record<SubmissionStatus, string> = {
  not_started: 'Non commencée',
  draft: 'Brouillon',
  submitted: 'Transmise',
  validated: 'Validée',
  returned: 'Renvoyée pour correction',
};

export const FormParams = z.object({
  unitId: z.coerce.number({ error: 'Identifiant de centre invalide.' }).int().positive(),
  period: PeriodCode,
});
export type FormParams = z.infer<typeof FormParams>;

export const ValueParams = FormParams.extend({ valueId: z.coerce.number({ error: 'Identifiant de valeur invalide.' }).int().positive() });

/** A stored value: a number (count, decimal, percentage, days, 1/0 for yes/no) or a text. */
export const CellValue = z.union([z.number().finite(), z.string().max(4000), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof CellValue>;
/** A value as typed: a text may span lines but holds no other control character. */
const CellValueInput = z.union([z.number().finite(), withoutControlCharacters(z.string().max(4000), 'multi', 'La valeur'), z.boolean(), z.null()]);

export const FormValue = z.object({
  id: z.number().int(),
  indicatorId: z.number().int(),
  optionId: z.number().int().nullable(),
  value: CellValue,
  explanation: z.string().nullable(),
  reopened: z.boolean(),
  /** The last value the coordination validated in this cell (null: never validated, or validated empty). */
  validatedValue: CellValue,
  /** When this cell was last validated; null when it never was. */
  validatedAt: Timestamp.nullable(),
  /**
   * True when `value` is not what readers of validated data see: it differs from the last validated
   * value (a reopened value changed, a value changed after the form was returned), or the cell was
   * filled after the form's validation. Readers of validated data see `validatedValue` until the
   * coordination validates again.
   */
  pendingValidation: z.boolean(),
  commentCount: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type FormValue = z.infer<typeof FormValue>;

/** A value of another period shown beside the field: previous period, same period last year. */
export const ReferenceValue = z.object({ indicatorId: z.number().int(), optionId: z.number().int().nullable(), value: CellValue });
export type ReferenceValue = z.infer<typeof ReferenceValue>;

export const Submission = z.object({
  id: z.number().int().nullable(),
  unitId: z.number().int(),
  period: z.string(),
  status: SubmissionStatus,
  returnMessage: z.string().nullable(),
  returnedAt: Timestamp.nullable(),
  returnedBy: z.string().nullable(),
  submittedAt: Timestamp.nullable(),
  submittedBy: z.string().nullable(),
  validatedAt: Timestamp.nullable(),
  validatedBy: z.string().nullable(),
  changedSinceValidation: z.boolean(),
  dueOn: z.string().nullable(),
  version: z.number().int(),
});
export type Submission = z.infer<typeof Submission>;

export const RuleResult = z.object({
  ruleId: z.number().int(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  indicatorCodes: z.array(z.string()),
  explanation: z.string().nullable(),
});
export type RuleResult = z.infer<typeof RuleResult>;

/** Everything the data-entry page needs for one unit × period, in one answer. */
export const DataEntryForm = z.object({
  submission: Submission,
  unit: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  periodLabel: z.string(),
  editable: z.boolean().describe('Vrai si l’utilisateur peut modifier des valeurs maintenant'),
  outlierThresholdPercent: z.number(),
  indicators: z.array(Indicator),
  rules: z.array(ConsistencyRule),
  values: z.array(FormValue),
  previousPeriod: z.object({ period: z.string(), values: z.array(ReferenceValue) }),
  lastYear: z.object({ period: z.string(), values: z.array(ReferenceValue) }),
  /** Indicators of finer period types and their values inside this period (the quarters of a year form), for rules across periods. */
  finerIndicators: z.array(Indicator),
  finerValues: z.array(z.object({ indicatorId: z.number().int(), optionId: z.number().int().nullable(), period: z.string(), value: CellValue })),
  ruleResults: z.array(RuleResult),
});
export type DataEntryForm = z.infer<typeof DataEntryForm>;

export const SaveValue = z.strictObject({
  indicatorId: z.number({ error: 'Indicateur attendu.' }).int().positive(),
  optionId: z.number().int().positive().nullable().default(null),
  value: CellValueInput,
  explanation: withoutControlCharacters(z.string().trim().max(2000), 'multi', 'L’explication').nullable().optional(),
  /** The version read; omitted for a first entry. */
  version: z.number().int().positive().optional(),
});
export type SaveValue = z.infer<typeof SaveValue>;

export const SavedValue = z.object({ value: FormValue, ruleResults: z.array(RuleResult), submission: Submission });
export type SavedValue = z.infer<typeof SavedValue>;

export const SubmitRequest = z.strictObject({
  ruleExplanations: z.array(z.strictObject({ ruleId: z.number().int().positive(), explanation: requiredText('L’explication', 2000, 'multi') })).max(200).default([]),
  version: z.number().int().positive(),
});
export type SubmitRequest = z.infer<typeof SubmitRequest>;

export const RuleExplanationParams = FormParams.extend({
  ruleId: z.coerce.number({ error: 'Identifiant de règle invalide.' }).int().positive(),
});
/** The explanation of a warning, saved as it is typed; an empty text removes it. */
export const SaveRuleExplanation = z.strictObject({
  explanation: withoutControlCharacters(z.string({ error: 'Texte attendu.' }).trim().max(2000, { error: 'L’explication : 2 000 caractères au plus.' }), 'multi', 'L’explication'),
});
export type SaveRuleExplanation = z.infer<typeof SaveRuleExplanation>;

export const ReviewRequest = z.strictObject({ version: z.number().int().positive() });
export const ReturnRequest = z.strictObject({
  message: requiredText('Le message au centre', 4000, 'multi'),
  version: z.number().int().positive(),
});
export type ReturnRequest = z.infer<typeof ReturnRequest>;

export const ReopenValueRequest = z.strictObject({ reason: requiredText('Le motif', 2000, 'multi') });

export const ValueComment = z.object({ id: z.number().int(), author: z.string(), body: z.string(), createdAt: Timestamp });
export type ValueComment = z.infer<typeof ValueComment>;
export const CreateComment = z.strictObject({ body: requiredText('Le commentaire', 4000, 'multi') });

export const ValueHistoryEntry = z.object({
  at: Timestamp,
  actor: z.string().nullable(),
  action: z.string(),
  before: CellValue,
  after: CellValue,
  reason: z.string().nullable(),
});
export type ValueHistoryEntry = z.infer<typeof ValueHistoryEntry>;
