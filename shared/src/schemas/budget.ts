import * as z from 'zod';
import '../zod-config.js';
import { IsoDate, Timestamp, optionalText, requiredText, uploadFileName } from './common.js';

/**
 * Budget under French public accounting (décret GBCP 2012-1246): fiscal years, funding sources,
 * budget lines with AE / CP, budget decisions, commitments and payments, execution. Every amount
 * is an integer number of euro cents (`…Cents`); every share is in basis points (`…Bp`, 10 000 =
 * 100 %).
 */

/** Integer cents, within the safe range of a JS number and of bigint. */
const cents = (label: string) =>
  z
    .number({ error: `${label} : un montant en centimes (entier) est attendu.` })
    .int({ error: `${label} : un montant en centimes (entier) est attendu.` })
    .min(-1_000_000_000_000, { error: `${label} : montant hors limites.` })
    .max(1_000_000_000_000, { error: `${label} : montant hors limites.` });
const positiveCents = (label: string) => cents(label).positive({ error: `${label} doit être strictement positif.` });

const Year = z.coerce
  .number({ error: 'Année attendue.' })
  .int({ error: 'Année attendue.' })
  .min(2000, { error: 'Année attendue entre 2000 et 2100.' })
  .max(2100, { error: 'Année attendue entre 2000 et 2100.' });

const Version = z.number({ error: 'La version lue est obligatoire.' }).int().positive();

const BudgetCode = z
  .string({ error: 'Code attendu.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,39}$/, { error: 'Le code compte de 1 à 40 caractères parmi lettres, chiffres, « . », « _ », « - ».' });

// ---- Path and query parameters ----

export const YearParams = z.object({ year: Year });
export type YearParams = z.infer<typeof YearParams>;

export const BudgetYearQuery = z.strictObject({ year: Year });
export type BudgetYearQuery = z.infer<typeof BudgetYearQuery>;

export const BudgetEntryQuery = z.strictObject({
  year: Year,
  lineId: z.coerce.number({ error: 'Identifiant de ligne attendu.' }).int().positive().optional(),
});
export type BudgetEntryQuery = z.infer<typeof BudgetEntryQuery>;

export const ExecutionQuery = z.strictObject({
  /** The date the execution is read at (theoretical rate, alerts); today in Paris by default. */
  asOf: IsoDate.optional(),
});
export type ExecutionQuery = z.infer<typeof ExecutionQuery>;

// ---- Reference data ----

export const FiscalYearStatus = z.enum(['open', 'closed']);
export type FiscalYearStatus = z.infer<typeof FiscalYearStatus>;
export const fiscalYearStatusLabels: Record<FiscalYearStatus, string> = { open: 'Ouvert', closed: 'Clos' };

export const FiscalYear = z.object({ year: z.number().int(), status: FiscalYearStatus, createdAt: Timestamp, updatedAt: Timestamp, version: z.number().int() });
export type FiscalYear = z.infer<typeof FiscalYear>;

export const CreateFiscalYear = z.strictObject({ year: Year });
export type CreateFiscalYear = z.infer<typeof CreateFiscalYear>;

export const UpdateFiscalYear = z.strictObject({ status: FiscalYearStatus, version: Version });
export type UpdateFiscalYear = z.infer<typeof UpdateFiscalYear>;

export const Envelope = z.enum(['personnel', 'fonctionnement', 'investissement', 'intervention']);
export type Envelope = z.infer<typeof Envelope>;
export const envelopeLabels: Record<Envelope, string> = {
  personnel: 'Personnel',
  fonctionnement: 'Fonctionnement',
  investissement: 'Investissement',
  intervention: 'Intervention',
};

export const MissionArea = z.enum(['information', 'outils_bonnes_pratiques', 'formation', 'recherche', 'animation_reseau', 'support']);
export type MissionArea = z.infer<typeof MissionArea>;
/**
 * A line's destination in the execution views: a mission area, or (the board's view)
 * `personnel_regroupe`, a group of personnel lines of 1 or 2 people that spans several destinations.
 */
export const ExecutionMissionArea = z.union([MissionArea, z.literal('personnel_regroupe')]);
export type ExecutionMissionArea = z.infer<typeof ExecutionMissionArea>;
export const missionAreaLabels: Record<MissionArea, string> = {
  information: 'Information',
  outils_bonnes_pratiques: 'Outils et bonnes pratiques',
  formation: 'Formation',
  recherche: 'Recherche',
  animation_reseau: 'Animation du réseau',
  support: 'Support',
};

export const ReferenceItem = z.object({ code: z.string(), label: z.string(), sortOrder: z.number().int() });
export type ReferenceItem = z.infer<typeof ReferenceItem>;

export const FundingNature = z.enum(['mig', 'subsidy', 'financial_contribution', 'seconded_staff', 'own']);
export type FundingNature = z.infer<typeof FundingNature>;
export const fundingNatureLabels: Record<FundingNature, string> = {
  mig: 'Mission d’intérêt général (MIG)',
  subsidy: 'Subvention',
  financial_contribution: 'Contribution financière',
  seconded_staff: 'Mise à disposition de personnel',
  own: 'Ressources propres',
};

export const FundingNotification = z.object({
  year: z.number().int(),
  amountCents: z.number().int(),
  reference: z.string().nullable().describe('Arrêté, convention…'),
  version: z.number().int(),
});
export type FundingNotification = z.infer<typeof FundingNotification>;

/**
 * The in-kind valuation of an in-kind funding source for a year (mise à disposition sans
 * remboursement): never typed, derived from the staff records — the employer's cost for the year
 * of the people seconded without reimbursement whose allocations name the source (the staff
 * summary's valuation). For the board, null under 3 people (`valueMasked`).
 */
export const InKindValuation = z.object({
  year: z.number().int(),
  valueCents: z.number().int().nullable(),
  valueMasked: z.enum(['fewer_than_3_people']).nullable(),
  headcount: z.number().int(),
  /** ETPT of those people, for display (`0,75`). */
  etpt: z.string(),
});
export type InKindValuation = z.infer<typeof InKindValuation>;

/** The note shown wherever an in-kind source's valuation is. */
export const IN_KIND_VALUATION_NOTE = 'valorisation issue des fiches de personnel mis à disposition';

export const FundingSource = z.object({
  id: z.number().int(),
  code: z.string(),
  label: z.string(),
  funder: z.string(),
  nature: FundingNature,
  inKind: z.boolean(),
  /** Typed notified amounts; always empty for an in-kind source (its value comes from `valuations`). */
  notifications: z.array(FundingNotification),
  /** In-kind source: its valuation per year, derived from the staff records; empty otherwise. */
  valuations: z.array(InKindValuation),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type FundingSource = z.infer<typeof FundingSource>;

export const CreateFundingSource = z.strictObject({
  code: BudgetCode,
  label: requiredText('Le libellé', 200),
  funder: requiredText('Le financeur', 200),
  nature: FundingNature,
  inKind: z.boolean().default(false),
});
export type CreateFundingSource = z.infer<typeof CreateFundingSource>;

export const UpdateFundingSource = z.strictObject({
  label: requiredText('Le libellé', 200).optional(),
  funder: requiredText('Le financeur', 200).optional(),
  nature: FundingNature.optional(),
  inKind: z.boolean().optional(),
  version: Version,
});
export type UpdateFundingSource = z.infer<typeof UpdateFundingSource>;

export const FundingNotificationParams = z.object({
  id: z.coerce.number({ error: 'Identifiant invalide : un entier positif est attendu.' }).int().positive().max(2_147_483_647),
  year: Year,
});
export type FundingNotificationParams = z.infer<typeof FundingNotificationParams>;

/** Sets the notified amount of a year; `version` is that of the notification when it exists already. */
export const PutFundingNotification = z.strictObject({
  amountCents: cents('Le montant notifié').nonnegative({ error: 'Le montant notifié ne peut pas être négatif.' }),
  reference: optionalText('La référence', 200),
  version: Version.optional(),
});
export type PutFundingNotification = z.infer<typeof PutFundingNotification>;

// ---- Budget lines ----

export const BudgetLine = z.object({
  id: z.number().int(),
  year: z.number().int(),
  code: z.string(),
  label: z.string(),
  envelope: Envelope,
  missionArea: MissionArea,
  fundingSourceId: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type BudgetLine = z.infer<typeof BudgetLine>;

export const CreateBudgetLine = z.strictObject({
  year: Year,
  code: BudgetCode,
  label: requiredText('Le libellé', 200),
  envelope: Envelope,
  missionArea: MissionArea,
  fundingSourceId: z.number({ error: 'Source de financement attendue.' }).int().positive(),
});
export type CreateBudgetLine = z.infer<typeof CreateBudgetLine>;

/** The envelope of a line with adopted credits or entries cannot change (it would rewrite history). */
export const UpdateBudgetLine = z.strictObject({
  label: requiredText('Le libellé', 200).optional(),
  envelope: Envelope.optional(),
  missionArea: MissionArea.optional(),
  fundingSourceId: z.number().int().positive().optional(),
  version: Version,
});
export type UpdateBudgetLine = z.infer<typeof UpdateBudgetLine>;

// ---- Budget decisions ----

export const DecisionKind = z.enum(['initial', 'amending', 'transfer']);
export type DecisionKind = z.infer<typeof DecisionKind>;
export const decisionKindLabels: Record<DecisionKind, string> = { initial: 'Budget initial', amending: 'Budget rectificatif', transfer: 'Virement' };

export const DecisionStatus = z.enum(['draft', 'adopted']);
export type DecisionStatus = z.infer<typeof DecisionStatus>;

export const DecisionEntry = z.object({ lineId: z.number().int(), aeDeltaCents: z.number().int(), cpDeltaCents: z.number().int() });
export type DecisionEntry = z.infer<typeof DecisionEntry>;

export const BudgetDecision = z.object({
  id: z.number().int(),
  year: z.number().int(),
  kind: DecisionKind,
  code: z.string().describe('BI, BR1, BR2…, VIR1, VIR2…'),
  decidedOn: z.string(),
  reference: z.string().nullable(),
  rationale: z.string().nullable(),
  status: DecisionStatus,
  adoptedAt: Timestamp.nullable(),
  /** The general assembly's deliberation that adopted a BI or a BR (none for a transfer). */
  deliberation: z.object({ id: z.number().int(), number: z.string(), title: z.string(), adoptedOn: z.string() }).nullable(),
  entries: z.array(DecisionEntry),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type BudgetDecision = z.infer<typeof BudgetDecision>;

const EntryInput = z
  .strictObject({
    lineId: z.number({ error: 'Ligne attendue.' }).int().positive(),
    aeDeltaCents: cents('La variation d’AE'),
    cpDeltaCents: cents('La variation de CP'),
  })
  .refine((e) => e.aeDeltaCents !== 0 || e.cpDeltaCents !== 0, { error: 'Une ligne de la décision ne change ni les AE ni les CP.' });

const Entries = z
  .array(EntryInput)
  .min(1, { error: 'Une décision modifie au moins une ligne.' })
  .max(500)
  .refine((entries) => new Set(entries.map((e) => e.lineId)).size === entries.length, { error: 'Une ligne figure deux fois dans la décision.' });

export const CreateBudgetDecision = z.strictObject({
  year: Year,
  kind: DecisionKind,
  decidedOn: IsoDate,
  reference: optionalText('La référence', 200),
  rationale: optionalText('L’exposé des motifs', 2000, 'multi'),
  entries: Entries,
});
export type CreateBudgetDecision = z.infer<typeof CreateBudgetDecision>;

/** Only a draft decision changes; an adopted one is corrected by a new decision. */
export const UpdateBudgetDecision = z.strictObject({
  decidedOn: IsoDate.optional(),
  reference: optionalText('La référence', 200).optional(),
  rationale: optionalText('L’exposé des motifs', 2000, 'multi').optional(),
  entries: Entries.optional(),
  version: Version,
});
export type UpdateBudgetDecision = z.infer<typeof UpdateBudgetDecision>;

/** A BI or a BR names the general assembly's deliberation that adopted it; a transfer names none. */
export const AdoptBudgetDecision = z.strictObject({
  version: Version,
  deliberationId: z.number({ error: 'Délibération attendue.' }).int({ error: 'Délibération attendue.' }).positive({ error: 'Délibération attendue.' }).optional(),
});
export type AdoptBudgetDecision = z.infer<typeof AdoptBudgetDecision>;

// ---- Commitments and payments ----

export const Commitment = z.object({
  id: z.number().int(),
  year: z.number().int(),
  lineId: z.number().int(),
  committedOn: z.string(),
  thirdParty: z.string(),
  object: z.string(),
  reference: z.string().nullable(),
  amountCents: z.number().int().describe('Négatif pour une écriture d’annulation'),
  reversesId: z.number().int().nullable(),
  reason: z.string().nullable(),
  paidCents: z.number().int().describe('Payé sur cet engagement (annulations de paiement déduites)'),
  createdAt: Timestamp,
});
export type Commitment = z.infer<typeof Commitment>;

export const CreateCommitment = z.strictObject({
  lineId: z.number({ error: 'Ligne attendue.' }).int().positive(),
  committedOn: IsoDate,
  thirdParty: requiredText('Le tiers', 200),
  object: requiredText('L’objet', 500),
  reference: optionalText('La référence', 200),
  amountCents: positiveCents('Le montant'),
});
export type CreateCommitment = z.infer<typeof CreateCommitment>;

export const PaymentKind = z.enum(['invoice', 'payroll', 'seconded_reimbursement', 'other']);
export type PaymentKind = z.infer<typeof PaymentKind>;
export const paymentKindLabels: Record<PaymentKind, string> = {
  invoice: 'Facture',
  payroll: 'Paie',
  seconded_reimbursement: 'Remboursement de mise à disposition',
  other: 'Autre',
};

export const Payment = z.object({
  id: z.number().int(),
  year: z.number().int(),
  lineId: z.number().int(),
  paidOn: z.string(),
  commitmentId: z.number().int().nullable(),
  kind: PaymentKind,
  reference: z.string().nullable(),
  amountCents: z.number().int().describe('Négatif pour une écriture d’annulation'),
  reversesId: z.number().int().nullable(),
  reason: z.string().nullable(),
  createdAt: Timestamp,
});
export type Payment = z.infer<typeof Payment>;

export const CreatePayment = z.strictObject({
  lineId: z.number({ error: 'Ligne attendue.' }).int().positive(),
  paidOn: IsoDate,
  commitmentId: z.number().int().positive().nullish().transform((v) => v ?? null),
  kind: PaymentKind,
  reference: optionalText('La référence', 200),
  amountCents: positiveCents('Le montant'),
});
export type CreatePayment = z.infer<typeof CreatePayment>;

/** A correction: a reversal entry (negative amount) referencing the corrected entry. */
export const ReverseEntry = z.strictObject({
  date: IsoDate,
  reason: requiredText('Le motif de l’annulation', 500, 'multi'),
  /** The part to reverse, positive; the whole remaining amount when absent. */
  amountCents: positiveCents('Le montant annulé').optional(),
});
export type ReverseEntry = z.infer<typeof ReverseEntry>;

// ---- Execution ----

export const ExecutionAlert = z.object({
  level: z.enum(['blocking', 'warning']),
  code: z.enum(['over_100', 'over_90', 'under_execution']),
  /** Commitments (against open AE) or payments (against open CP). */
  measure: z.enum(['committed', 'paid']),
  message: z.string(),
});
export type ExecutionAlert = z.infer<typeof ExecutionAlert>;

export const ExecutionFigures = z.object({
  openAeCents: z.number().int(),
  openCpCents: z.number().int(),
  committedCents: z.number().int(),
  paidCents: z.number().int(),
  leftAeCents: z.number().int(),
  leftCpCents: z.number().int(),
  /** committed / open AE, in basis points; null when nothing is open. */
  aeRateBp: z.number().int().nullable(),
  /** paid / open CP, in basis points; null when nothing is open. */
  cpRateBp: z.number().int().nullable(),
  /**
   * Year-end landing (atterrissage) of payments used: the manual forecast of a line when there is
   * one, else the projection at the current pace; for a group or the total, the sum of its lines'
   * landings. Null before the year starts when no line has a manual forecast.
   */
  forecastPaidCents: z.number().int().nullable(),
  /** The projection of payments at the current pace (sum of the lines' projections for a group); null before the year starts. */
  projectedPaidCents: z.number().int().nullable(),
  /** What `forecastPaidCents` is made of: the projection, manual forecasts, or both (a group with some manual lines). */
  forecastSource: z.enum(['projected', 'manual', 'mixed']).nullable(),
  alerts: z.array(ExecutionAlert),
});
export type ExecutionFigures = z.infer<typeof ExecutionFigures>;

/** The manual year-end forecast of a line, as stored (the version is the one to send back on a change). */
export const LineForecast = z.object({
  lineId: z.number().int(),
  amountCents: z.number().int(),
  comment: z.string(),
  updatedBy: z.number().int().nullable(),
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type LineForecast = z.infer<typeof LineForecast>;

/**
 * Sets the manual year-end forecast of a line's payments (`PUT /budget/lines/:id/forecast`):
 * without `version` the first time, with the version read afterwards (409 when stale).
 */
export const PutLineForecast = z.strictObject({
  amountCents: cents('L’atterrissage').nonnegative({ error: 'L’atterrissage ne peut pas être négatif.' }),
  comment: requiredText('Le commentaire de l’atterrissage', 1000, 'multi'),
  version: Version.optional(),
});
export type PutLineForecast = z.infer<typeof PutLineForecast>;

/** Withdraws the manual forecast (the projection is used again): `POST /budget/lines/:id/forecast/withdrawal`, with the version read. */
export const WithdrawLineForecast = z.strictObject({ version: Version });
export type WithdrawLineForecast = z.infer<typeof WithdrawLineForecast>;

export const ExecutionLine = ExecutionFigures.extend({
  lineId: z.number().int(),
  code: z.string(),
  label: z.string(),
  envelope: Envelope,
  missionArea: ExecutionMissionArea,
  fundingSourceId: z.number().int(),
  /** The manual forecast of the line, when one was entered. */
  manualForecast: LineForecast.nullable(),
  /**
   * Personnel lines: the distinct people whose cost the line pays in the year. In the board's
   * view a line of 1 or 2 people is merged into a group line (negative id, code `PERSONNEL-…`).
   */
  headcount: z.number().int().optional(),
});
export type ExecutionLine = z.infer<typeof ExecutionLine>;
export const ExecutionGroup = ExecutionFigures.extend({ key: z.string(), label: z.string() });
export type ExecutionGroup = z.infer<typeof ExecutionGroup>;

export const BudgetExecution = z.object({
  year: z.number().int(),
  asOf: z.string(),
  /** Share of the year elapsed on `asOf` (whole days, `asOf` included), basis points. */
  theoreticalRateBp: z.number().int(),
  lines: z.array(ExecutionLine),
  byEnvelope: z.array(ExecutionGroup),
  byFundingSource: z.array(ExecutionGroup),
  byMissionArea: z.array(ExecutionGroup),
  total: ExecutionFigures,
  /** The board's view: why some personnel lines are merged (null when none is). */
  staffCostNote: z.string().nullable().optional(),
});
export type BudgetExecution = z.infer<typeof BudgetExecution>;

// ---- Multi-year comparison ----

/** `GET /budget/comparison?from=&to=`: at most ten consecutive years, `from` ≤ `to`. */
export const BudgetComparisonQuery = z
  .strictObject({ from: Year, to: Year })
  .refine((q) => q.from <= q.to, { error: 'L’année de début doit précéder l’année de fin.', path: ['to'] })
  .refine((q) => q.to - q.from < 10, { error: 'La comparaison porte sur dix exercices au plus.', path: ['to'] });
export type BudgetComparisonQuery = z.infer<typeof BudgetComparisonQuery>;

/** The figures of one row in one year (zeros and `present: false` when the row has no line that year). */
export const ComparisonCell = z.object({
  year: z.number().int(),
  present: z.boolean(),
  openAeCents: z.number().int(),
  openCpCents: z.number().int(),
  committedCents: z.number().int(),
  paidCents: z.number().int(),
  aeRateBp: z.number().int().nullable(),
  cpRateBp: z.number().int().nullable(),
});
export type ComparisonCell = z.infer<typeof ComparisonCell>;

export const ComparisonRow = z.object({
  /** Envelope, funding source or mission area code; for lines, the line code (lines are matched by code across years). */
  key: z.string(),
  /** The label of the latest year the row appears in. */
  label: z.string(),
  years: z.array(ComparisonCell),
});
export type ComparisonRow = z.infer<typeof ComparisonRow>;

export const BudgetComparison = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** The fiscal years of the range that exist, in order; every row has one cell per year. */
  years: z.array(z.number().int()),
  lines: z.array(ComparisonRow),
  byEnvelope: z.array(ComparisonRow),
  byFundingSource: z.array(ComparisonRow),
  byMissionArea: z.array(ComparisonRow),
  total: ComparisonRow,
  /** The board's view: why some personnel lines are merged (absent for finance and administrators). */
  staffCostNote: z.string().nullable().optional(),
});
export type BudgetComparison = z.infer<typeof BudgetComparison>;

// ---- Supporting documents (pièces justificatives) ----

/** What a document is attached to. */
export const AttachmentEntityType = z.enum(['commitment', 'payment', 'decision', 'receipt']);
export type AttachmentEntityType = z.infer<typeof AttachmentEntityType>;
export const attachmentEntityLabels: Record<AttachmentEntityType, string> = { commitment: 'Engagement', payment: 'Paiement', decision: 'Décision budgétaire', receipt: 'Recette' };

/** The media types accepted (checked again on the file's first bytes), and the size limit. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_TYPES)[number];
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

export const BudgetAttachment = z.object({
  id: z.number().int(),
  entityType: AttachmentEntityType,
  entityId: z.number().int(),
  fileName: z.string(),
  mediaType: z.enum(ATTACHMENT_TYPES),
  sizeBytes: z.number().int(),
  sha256: z.string().describe('Empreinte SHA-256 du fichier, en hexadécimal'),
  createdBy: z.number().int().nullable(),
  createdAt: Timestamp,
  /** A withdrawn document stays listed and downloadable (nothing is deleted), with who withdrew it and why. */
  withdrawnAt: Timestamp.nullable(),
  withdrawnBy: z.number().int().nullable(),
  withdrawalReason: z.string().nullable(),
});
export type BudgetAttachment = z.infer<typeof BudgetAttachment>;

/**
 * The file name of an upload, in the query (`?fileName=`): 1 to 200 characters, no path
 * separator nor control character, ending in .pdf, .png, .jpg or .jpeg.
 */
export const AttachmentUploadQuery = z.strictObject({
  fileName: uploadFileName.regex(/\.(pdf|png|jpe?g)$/i, { error: 'Le nom du fichier se termine par .pdf, .png, .jpg ou .jpeg.' }),
});
export type AttachmentUploadQuery = z.infer<typeof AttachmentUploadQuery>;

/** Withdraws a document attached by mistake: it stays stored, marked withdrawn with this reason. */
export const WithdrawAttachment = z.strictObject({ reason: requiredText('Le motif du retrait', 500, 'multi') });
export type WithdrawAttachment = z.infer<typeof WithdrawAttachment>;

// ---- Import of an accounting export (commitments and payments) ----

/** Media types of the accounting export: an Excel workbook or a CSV file; 5 MB at most. */
export const ACCOUNTING_IMPORT_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'] as const;
export const ACCOUNTING_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export const AccountingImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun vaut true (vérification sans enregistrement) ou false (import).' })
    .default('true')
    .transform((v) => v === 'true')
    .describe('true (par défaut) : vérifier sans rien enregistrer ; false : enregistrer toutes les écritures, ou aucune'),
});
export type AccountingImportQuery = z.infer<typeof AccountingImportQuery>;

/** An entry of the file, as it would be (dry run) or was recorded. */
export const AccountingImportEntry = z.object({
  location: z.string().describe('« Fichier CSV, ligne 4 » ou « Feuille Export, ligne 4 »'),
  kind: z.enum(['commitment', 'payment', 'receipt']),
  date: z.string(),
  /** Empty for a receipt. */
  lineCode: z.string(),
  /** Null for a receipt. */
  lineId: z.number().int().nullable(),
  /** The funding source of a receipt; null otherwise. */
  sourceCode: z.string().nullable(),
  thirdParty: z.string().nullable(),
  object: z.string().nullable(),
  reference: z.string(),
  amountCents: z.number().int(),
  commitmentReference: z.string().nullable(),
  paymentKind: PaymentKind,
  /** The id of the commitment, payment or receipt recorded; null in a dry run. */
  id: z.number().int().nullable(),
});
export type AccountingImportEntry = z.infer<typeof AccountingImportEntry>;

export const AccountingImportProblem = z.object({ location: z.string(), message: z.string() });
export type AccountingImportProblem = z.infer<typeof AccountingImportProblem>;

export const AccountingImportResult = z.object({
  dryRun: z.boolean(),
  entries: z.array(AccountingImportEntry),
  problems: z.array(AccountingImportProblem),
  /** True when every entry was recorded (dryRun=false and no problem). */
  applied: z.boolean(),
  commitmentsCents: z.number().int().describe('Total des engagements du fichier'),
  paymentsCents: z.number().int().describe('Total des paiements du fichier'),
  receiptsCents: z.number().int().describe('Total des recettes du fichier'),
});
export type AccountingImportResult = z.infer<typeof AccountingImportResult>;

// ---- Receipts (recettes encaissées) ----

/** Cash a funding source actually paid in a year, against its notification; a reversal has a negative amount. */
export const FundingReceipt = z.object({
  id: z.number().int(),
  fundingSourceId: z.number().int(),
  year: z.number().int(),
  receivedOn: z.string().describe('Date d’encaissement (AAAA-MM-JJ)'),
  reference: z.string().describe('Référence comptable (titre de recette, avis de crédit)'),
  amountCents: z.number().int(),
  /** The receipt this entry reverses, for a reversal. */
  reversesId: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** What is left of the receipt once its reversals are deducted (the reversal itself: 0). */
  netCents: z.number().int(),
  attachmentCount: z.number().int(),
  createdAt: Timestamp,
});
export type FundingReceipt = z.infer<typeof FundingReceipt>;

export const CreateFundingReceipt = z.strictObject({
  fundingSourceId: z.number({ error: 'Source de financement attendue.' }).int().positive({ error: 'Source de financement attendue.' }),
  receivedOn: IsoDate,
  reference: requiredText('La référence', 200),
  amountCents: positiveCents('Le montant encaissé'),
});
export type CreateFundingReceipt = z.infer<typeof CreateFundingReceipt>;

/** One source's year: notified, collected (net of reversals), and its receipts in date order. */
export const SourceReceipts = z.object({
  fundingSourceId: z.number().int(),
  code: z.string(),
  label: z.string(),
  inKind: z.boolean(),
  notifiedCents: z.number().int(),
  collectedCents: z.number().int(),
  /** Notified − collected: still to collect (negative when more was collected than notified). */
  toCollectCents: z.number().int(),
  receipts: z.array(FundingReceipt),
});
export type SourceReceipts = z.infer<typeof SourceReceipts>;

/** The cash position on 1 January, as finance recorded it. */
export const OpeningCash = z.object({
  year: z.number().int(),
  amountCents: z.number().int(),
  reference: z.string().nullable().describe('Compte financier, relevé du Trésor…'),
  version: z.number().int(),
});
export type OpeningCash = z.infer<typeof OpeningCash>;

/** Sets the cash position on 1 January; `version` is that of the position when it exists already. */
export const PutOpeningCash = z.strictObject({
  amountCents: cents('La trésorerie au 1er janvier'),
  reference: optionalText('La référence', 200),
  version: Version.optional(),
});
export type PutOpeningCash = z.infer<typeof PutOpeningCash>;

/** A year's receipts, per notified source, with the totals (cash sources only: in-kind sources collect nothing). */
export const ReceiptsOfYear = z.object({
  year: z.number().int(),
  /** Null until finance records it. */
  openingCash: OpeningCash.nullable(),
  sources: z.array(SourceReceipts),
  notifiedCents: z.number().int().describe('Total notifié des sources non « en nature »'),
  collectedCents: z.number().int().describe('Total encaissé'),
});
export type ReceiptsOfYear = z.infer<typeof ReceiptsOfYear>;
