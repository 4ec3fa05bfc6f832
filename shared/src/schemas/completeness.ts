import * as z from 'zod';
import { SubmissionStatus } from './data-entry.js';

export const CompletenessCell = z.object({
  unitId: z.number().int(),
  period: z.string(),
  expected: z.boolean().describe('Le centre était ouvert pendant la période et au moins un indicateur de son catalogue y est dû'),
  status: SubmissionStatus,
  late: z.boolean(),
  filledPercent: z.number().nullable().describe('Part des valeurs obligatoires renseignées'),
  submittedOnTime: z.boolean().nullable(),
  dueOn: z.string().nullable(),
  changedSinceValidation: z.boolean(),
  returnMessage: z.string().nullable().describe('Le message de renvoi, quand la saisie a été renvoyée'),
});
export type CompletenessCell = z.infer<typeof CompletenessCell>;

export const Completeness = z.object({
  year: z.number().int(),
  periods: z.array(z.object({ period: z.string(), label: z.string(), dueOn: z.string() })),
  units: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string() })),
  cells: z.array(CompletenessCell),
  lateUnits: z.array(z.object({ unitId: z.number().int(), periods: z.array(z.string()), reminder: z.string() })),
});
export type Completeness = z.infer<typeof Completeness>;
export const CompletenessQuery = z.strictObject({ year: z.coerce.number().int().min(2018).max(2100) });
