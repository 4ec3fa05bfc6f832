import * as z from 'zod';
import '../zod-config.js';
import { IsoDate, Timestamp, withoutControlCharacters } from './common.js';

/**
 * The annual reports' API around the documents (`/api/reports/…`): narratives per section, the
 * official versions (frozen snapshot + four files with their sha256) and their status.
 * The documents' data model itself is `annual-report.ts`.
 */

const ReportYear = z.coerce
  .number({ error: 'Année attendue.' })
  .int({ error: 'Année attendue.' })
  .min(2000, { error: 'Année attendue entre 2000 et 2100.' })
  .max(2100, { error: 'Année attendue entre 2000 et 2100.' });

const Version = z.number({ error: 'La version lue est obligatoire.' }).int({ error: 'La version lue est obligatoire.' }).positive({ error: 'La version lue est obligatoire.' });

export const ReportKind = z.enum(['activity', 'financial'], { error: 'Rapport attendu : « activity » ou « financial ».' });
export type ReportKind = z.infer<typeof ReportKind>;

/** The four files of an official version, as named in their download URL. */
export const ReportFile = z.enum(['activity.xlsx', 'activity.pdf', 'financial.xlsx', 'financial.pdf'], { error: 'Fichier inconnu.' });
export type ReportFile = z.infer<typeof ReportFile>;
export const REPORT_FILES = ReportFile.options;

export const ReportYearParams = z.object({ year: ReportYear });
export type ReportYearParams = z.infer<typeof ReportYearParams>;
export const ReportNarrativeParams = z.object({
  year: ReportYear,
  report: ReportKind,
  section: z.string().regex(/^[a-z0-9_]{1,40}$/, { error: 'Section inconnue.' }),
});
export type ReportNarrativeParams = z.infer<typeof ReportNarrativeParams>;
export const ReportVersionParams = z.object({
  year: ReportYear,
  number: z.coerce.number({ error: 'Numéro de version attendu.' }).int({ error: 'Numéro de version attendu.' }).min(1, { error: 'Numéro de version attendu.' }).max(10_000),
});
export type ReportVersionParams = z.infer<typeof ReportVersionParams>;
export const ReportFileParams = ReportVersionParams.extend({ file: ReportFile });
export type ReportFileParams = z.infer<typeof ReportFileParams>;

// ---- Narratives ----

export const ReportNarrative = z.object({
  year: z.number().int(),
  report: ReportKind,
  section: z.string(),
  body: z.string(),
  updatedBy: z.string().nullable().describe('Nom de la dernière personne qui l’a modifié'),
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type ReportNarrative = z.infer<typeof ReportNarrative>;

/** Sets a section's text: without `version` the first time, with the version read afterwards (409 when stale). An empty text clears it. */
export const PutReportNarrative = z.strictObject({
  body: withoutControlCharacters(z.string({ error: 'Texte attendu.' }).trim().max(20_000, { error: 'Le texte : 20 000 caractères au plus.' }), 'multi', 'Le texte'),
  version: Version.optional(),
});
export type PutReportNarrative = z.infer<typeof PutReportNarrative>;

// ---- Official versions ----

export const ReportVersionStatus = z.enum(['draft', 'presented', 'approved', 'superseded']);
export type ReportVersionStatus = z.infer<typeof ReportVersionStatus>;
/**
 * An official version is never called a draft (« brouillon » is the document on live data): its
 * first status, `draft` in the API, means generated and not yet presented.
 */
export const reportVersionStatusLabels: Record<ReportVersionStatus, string> = {
  draft: 'Générée — non présentée',
  presented: 'Présentée à l’AG',
  approved: 'Approuvée',
  superseded: 'Remplacée',
};

const Step = z.object({ at: Timestamp, by: z.string().nullable() }).nullable();

export const ReportVersion = z.object({
  id: z.number().int(),
  year: z.number().int(),
  number: z.number().int(),
  status: ReportVersionStatus,
  /** The instant of the data snapshot: the documents' creation date. */
  snapshotAt: Timestamp,
  files: z.array(z.object({ file: ReportFile, sha256: z.string(), bytes: z.number().int() })),
  generated: Step,
  presented: Step,
  approved: Step,
  superseded: Step,
  agDate: IsoDate.nullable(),
  deliberationReference: z.string().nullable(),
  /** The general assembly meeting the version is submitted to (the next one recorded when it was generated), printed on its cover. */
  submittedTo: z.object({ meetingId: z.number().int(), bodyName: z.string(), heldOn: IsoDate }).nullable(),
  /** The deliberation that approved it. */
  deliberation: z.object({ id: z.number().int(), number: z.string(), title: z.string(), adoptedOn: IsoDate }).nullable(),
  /** The approval certificate (PDF built once at approval, frozen), downloadable at `…/certificate.pdf`. */
  certificate: z.object({ sha256: z.string(), bytes: z.number().int() }).nullable(),
  version: z.number().int(),
});
export type ReportVersion = z.infer<typeof ReportVersion>;

export const PresentReportVersion = z.strictObject({ version: Version });
export type PresentReportVersion = z.infer<typeof PresentReportVersion>;
export const SupersedeReportVersion = z.strictObject({ version: Version });
export type SupersedeReportVersion = z.infer<typeof SupersedeReportVersion>;
/** The general assembly's deliberation that approved the version: its date is the AG date, its number the reference. */
export const ApproveReportVersion = z.strictObject({
  version: Version,
  deliberationId: z.number({ error: 'Choisissez la délibération de l’assemblée générale.' }).int({ error: 'Choisissez la délibération de l’assemblée générale.' }).positive({ error: 'Choisissez la délibération de l’assemblée générale.' }),
});
export type ApproveReportVersion = z.infer<typeof ApproveReportVersion>;

/** Proof that the stored files are those the stored snapshot builds: each rebuilt and compared. */
export const ReportVersionVerification = z.object({
  year: z.number().int(),
  number: z.number().int(),
  files: z.array(z.object({ file: ReportFile, storedSha256: z.string(), rebuiltSha256: z.string(), identical: z.boolean() })),
  identical: z.boolean(),
});
export type ReportVersionVerification = z.infer<typeof ReportVersionVerification>;

/** A year the reports can be drawn for, with its versions. */
export const ReportYearSummary = z.object({
  year: z.number().int(),
  versions: z.array(ReportVersion),
});
export type ReportYearSummary = z.infer<typeof ReportYearSummary>;
