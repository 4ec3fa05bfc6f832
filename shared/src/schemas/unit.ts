import * as z from 'zod';
import { UNIT_KIND_VALUES } from '../labels.js';
import { IsoDate, Timestamp, optionalText, requiredText } from './common.js';

export const UnitKind = z.enum(UNIT_KIND_VALUES);
export type UnitKind = z.infer<typeof UnitKind>;
export { unitKindLabels } from '../labels.js';

export const Unit = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  region: z.string(),
  hostInstitution: z.string().nullable(),
  kind: UnitKind,
  openedOn: z.string().describe('AAAA-MM-JJ'),
  closedOn: z.string().nullable().describe('AAAA-MM-JJ ou null si le centre est ouvert'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;

const UnitCode = z
  .string({ error: 'Code attendu.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, {
    error: 'Le code compte de 2 à 32 caractères : lettres majuscules, chiffres, « - » ou « _ ».',
  });

const unitFields = {
  code: UnitCode,
  name: requiredText('Le nom', 200),
  region: requiredText('La région', 100),
  hostInstitution: optionalText('L’établissement porteur', 200),
  kind: UnitKind,
  openedOn: IsoDate,
  closedOn: IsoDate.nullish().transform((v) => v ?? null),
};

const closesAfterOpening = (v: { openedOn?: string; closedOn?: string | null }) =>
  !v.openedOn || !v.closedOn || v.closedOn >= v.openedOn;
const closingError = { error: 'La date de fermeture doit suivre la date d’ouverture.', path: ['closedOn'] };

const UnitFields = z.strictObject(unitFields);

export const CreateUnit = UnitFields.refine(closesAfterOpening, closingError);
export type CreateUnit = z.infer<typeof CreateUnit>;

/** A partial update, carrying the version read (optimistic concurrency). */
export const UpdateUnit = UnitFields.partial()
  .extend({ version: z.number({ error: 'Version attendue.' }).int().positive() })
  .refine(closesAfterOpening, closingError);
export type UpdateUnit = z.infer<typeof UpdateUnit>;
