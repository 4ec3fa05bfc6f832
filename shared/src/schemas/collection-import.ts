import * as z from 'zod';
import { CellValue } from './data-entry.js';

/**
 * A unit's collection campaign of one year, as a file: the Excel template to download, and the
 * import of a filled workbook or CSV (dry run first, then confirmation).
 *
 * The year is only checked to be a positive whole number here: a year without a campaign is a 404
 * from the service, so a unit lead out of scope gets the same 403 whatever the year.
 */
export const CampaignFileParams = z.object({
  unitId: z.coerce.number({ error: 'Identifiant de centre invalide.' }).int({ error: 'Identifiant de centre invalide.' }).positive({ error: 'Identifiant de centre invalide.' }),
  year: z.coerce.number({ error: 'Année invalide.' }).int({ error: 'Année invalide.' }).min(1, { error: 'Année invalide.' }).max(9999, { error: 'Année invalide.' }),
});
export type CampaignFileParams = z.infer<typeof CampaignFileParams>;

export const CollectionImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun vaut true (vérification sans enregistrement) ou false (import).' })
    .default('true')
    .transform((v) => v === 'true')
    .describe('true (par défaut) : vérifier sans rien enregistrer ; false : enregistrer toutes les modifications, ou rien'),
});
export type CollectionImportQuery = z.infer<typeof CollectionImportQuery>;

/** Media types accepted for the uploaded file. */
export const COLLECTION_UPLOAD_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'] as const;
/** Largest file accepted, in bytes (5 MB). */
export const COLLECTION_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** Most value cells read from one file. */
export const COLLECTION_UPLOAD_MAX_CELLS = 50_000;

export const CollectionImportChange = z.object({
  period: z.string(),
  indicatorCode: z.string(),
  optionCode: z.string().nullable(),
  label: z.string().describe('Libellé de l’indicateur (et de la modalité)'),
  before: CellValue,
  after: CellValue,
});
export type CollectionImportChange = z.infer<typeof CollectionImportChange>;

export const CollectionImportProblem = z.object({
  location: z.string().describe('Où : « Feuille Trimestres, ligne 12, colonne G » ou « Fichier CSV, ligne 4 »'),
  message: z.string(),
});
export type CollectionImportProblem = z.infer<typeof CollectionImportProblem>;

export const CollectionImportResult = z.object({
  dryRun: z.boolean(),
  changes: z.array(CollectionImportChange),
  unchanged: z.number().int().describe('Cellules lues identiques aux valeurs enregistrées'),
  problems: z.array(CollectionImportProblem),
  applied: z.boolean().describe('Vrai si les modifications ont été enregistrées'),
});
export type CollectionImportResult = z.infer<typeof CollectionImportResult>;
