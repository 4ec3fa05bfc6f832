import * as z from 'zod';
import { ExpectedResult } from './catalogue.js';
import { IsoDate, Timestamp, optionalText, requiredText, uploadFileName } from './common.js';

/**
 * Governance records of the grouping (../../shared/DOMAIN.md, « Governance of the grouping »):
 * its members, its bodies (general assembly, board), their meetings and the deliberations they
 * adopt, numbered per year (« 2025-07 ») with the vote and the minutes; and the deliverables of
 * the four expected results. Shares of rights in basis points (10 000 = 100 %).
 */

const version = z.number({ error: 'Version attendue.' }).int().positive();
const count = (label: string) =>
  z
    .number({ error: `${label} : nombre entier attendu.` })
    .int({ error: `${label} : nombre entier attendu.` })
    .min(0, { error: `${label} ne peut pas être négatif.` })
    .max(100_000, { error: `${label} : 100 000 au plus.` });
const endsAfterStart = <T extends { from?: string; to?: string | null }>(v: T) => !v.from || !v.to || v.to >= v.from;
const endError = { error: 'La date de fin doit suivre la date de début.', path: ['to'] };

// ---- Members ----

export const MemberCategory = z.enum(['state', 'public_body', 'health_establishment', 'other'], { error: 'Catégorie inconnue.' });
export type MemberCategory = z.infer<typeof MemberCategory>;
export const memberCategoryLabels: Record<MemberCategory, string> = {
  state: 'État',
  public_body: 'Établissement public',
  health_establishment: 'Établissement de santé',
  other: 'Autre',
};

export const GovernanceMember = z.object({
  id: z.number().int(),
  name: z.string(),
  category: MemberCategory,
  /** Share of the rights or votes, in basis points (10 000 = 100 %). */
  rightsBp: z.number().int(),
  from: IsoDate,
  to: IsoDate.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type GovernanceMember = z.infer<typeof GovernanceMember>;

const memberFields = {
  name: requiredText('Le nom du membre', 200),
  category: MemberCategory,
  rightsBp: z
    .number({ error: 'Les droits de vote : nombre entier de points de base attendu.' })
    .int({ error: 'Les droits de vote : nombre entier de points de base attendu.' })
    .min(0, { error: 'Les droits de vote ne peuvent pas être négatifs.' })
    .max(10_000, { error: 'Les droits de vote : 10 000 points de base (100 %) au plus.' }),
  from: IsoDate,
  to: IsoDate.nullish().transform((v) => v ?? null),
};
const MemberFields = z.strictObject(memberFields);
export const CreateGovernanceMember = MemberFields.refine(endsAfterStart, endError);
export type CreateGovernanceMember = z.infer<typeof CreateGovernanceMember>;
export const UpdateGovernanceMember = MemberFields.partial().extend({ version }).refine(endsAfterStart, endError);
export type UpdateGovernanceMember = z.infer<typeof UpdateGovernanceMember>;

// ---- Bodies ----

export const GovernanceBodyKind = z.enum(['general_assembly', 'board'], { error: 'Type d’instance inconnu.' });
export type GovernanceBodyKind = z.infer<typeof GovernanceBodyKind>;
export const governanceBodyKindLabels: Record<GovernanceBodyKind, string> = {
  general_assembly: 'Assemblée générale',
  board: 'Conseil d’administration / bureau',
};

export const GovernanceBody = z.object({
  id: z.number().int(),
  kind: GovernanceBodyKind,
  name: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type GovernanceBody = z.infer<typeof GovernanceBody>;

const bodyFields = { kind: GovernanceBodyKind, name: requiredText('Le nom de l’instance', 200) };
export const CreateGovernanceBody = z.strictObject(bodyFields);
export type CreateGovernanceBody = z.infer<typeof CreateGovernanceBody>;
export const UpdateGovernanceBody = z.strictObject(bodyFields).partial().extend({ version });
export type UpdateGovernanceBody = z.infer<typeof UpdateGovernanceBody>;

// ---- Meetings ----

export const MeetingKind = z.enum(['ordinary', 'extraordinary'], { error: 'Nature de séance inconnue (ordinaire ou extraordinaire).' });
export type MeetingKind = z.infer<typeof MeetingKind>;
export const meetingKindLabels: Record<MeetingKind, string> = { ordinary: 'Ordinaire', extraordinary: 'Extraordinaire' };

export const AttendanceKind = z.enum(['present', 'represented'], { error: 'Présence inconnue (présent ou représenté).' });
export type AttendanceKind = z.infer<typeof AttendanceKind>;
export const attendanceKindLabels: Record<AttendanceKind, string> = { present: 'Présent', represented: 'Représenté' };

export const MeetingAttendance = z.strictObject({
  memberId: z.number({ error: 'Membre attendu.' }).int().positive(),
  attendance: AttendanceKind,
});
export type MeetingAttendance = z.infer<typeof MeetingAttendance>;

export const GovernanceMeeting = z.object({
  id: z.number().int(),
  bodyId: z.number().int(),
  bodyName: z.string(),
  bodyKind: GovernanceBodyKind,
  heldOn: IsoDate,
  kind: MeetingKind,
  quorumReached: z.boolean(),
  attendees: z.array(MeetingAttendance.extend({ memberName: z.string() })),
  notes: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type GovernanceMeeting = z.infer<typeof GovernanceMeeting>;

const noDuplicateMember = (v: { attendees?: readonly MeetingAttendance[] }) => !v.attendees || new Set(v.attendees.map((a) => a.memberId)).size === v.attendees.length;
const duplicateError = { error: 'Un membre ne figure qu’une fois parmi les présents ou représentés.', path: ['attendees'] };
const meetingFields = {
  bodyId: z.number({ error: 'L’instance est obligatoire.' }).int().positive(),
  heldOn: IsoDate,
  kind: MeetingKind,
  quorumReached: z.boolean({ error: 'Le quorum atteint : oui ou non.' }),
  attendees: z.array(MeetingAttendance).max(200).default([]),
  notes: optionalText('Les observations', 2000, 'multi'),
};
export const CreateGovernanceMeeting = z.strictObject(meetingFields).refine(noDuplicateMember, duplicateError);
export type CreateGovernanceMeeting = z.infer<typeof CreateGovernanceMeeting>;
export const UpdateGovernanceMeeting = z
  .strictObject({ ...meetingFields, attendees: z.array(MeetingAttendance).max(200) })
  .partial()
  .extend({ version })
  .refine(noDuplicateMember, duplicateError);
export type UpdateGovernanceMeeting = z.infer<typeof UpdateGovernanceMeeting>;

// ---- Deliberations ----

export const DELIBERATION_NUMBER_PATTERN = /^\d{4}-\d{2,3}$/;

export const GovernanceDeliberation = z.object({
  id: z.number().int(),
  /** « AAAA-NN », unique: its year is the year of the deliberation's date. */
  number: z.string(),
  meetingId: z.number().int(),
  adoptedOn: IsoDate,
  title: z.string(),
  votesFor: z.number().int(),
  votesAgainst: z.number().int(),
  abstentions: z.number().int(),
  /** More votes for than against. */
  adopted: z.boolean(),
  minutes: z
    .object({ fileName: z.string(), sizeBytes: z.number().int(), sha256: z.string().describe('Empreinte SHA-256 du PDF, en hexadécimal'), uploadedAt: Timestamp })
    .nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type GovernanceDeliberation = z.infer<typeof GovernanceDeliberation>;

/** Checked only on a well-formed number (a malformed one has its own message). */
const numberOfYear = (v: { number?: string; adoptedOn?: string }) =>
  !v.number || !v.adoptedOn || !DELIBERATION_NUMBER_PATTERN.test(v.number) || v.number.slice(0, 4) === v.adoptedOn.slice(0, 4);
const numberYearError = { error: 'Le numéro commence par l’année de la délibération (AAAA-NN).', path: ['number'] };
const deliberationFields = {
  number: z
    .string({ error: 'Le numéro : texte attendu (AAAA-NN).' })
    .trim()
    .regex(DELIBERATION_NUMBER_PATTERN, { error: 'Le numéro s’écrit AAAA-NN, par exemple 2025-07.' }),
  meetingId: z.number({ error: 'La séance est obligatoire.' }).int().positive(),
  adoptedOn: IsoDate,
  title: requiredText('L’intitulé', 500),
  votesFor: count('Les voix pour'),
  votesAgainst: count('Les voix contre'),
  abstentions: count('Les abstentions'),
};
export const CreateGovernanceDeliberation = z.strictObject(deliberationFields).refine(numberOfYear, numberYearError);
export type CreateGovernanceDeliberation = z.infer<typeof CreateGovernanceDeliberation>;
export const UpdateGovernanceDeliberation = z.strictObject(deliberationFields).partial().extend({ version }).refine(numberOfYear, numberYearError);
export type UpdateGovernanceDeliberation = z.infer<typeof UpdateGovernanceDeliberation>;

/**
 * A deliberation of the general assembly, adopted, with its meeting: what a budget decision (BI,
 * BR) or a report approval rests on, and what the approval certificate cites.
 */
export const AssemblyDeliberation = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  adoptedOn: IsoDate,
  votesFor: z.number().int(),
  votesAgainst: z.number().int(),
  abstentions: z.number().int(),
  /** The sha256 of its minutes PDF, when attached. */
  minutesSha256: z.string().nullable(),
  meeting: z.object({ id: z.number().int(), bodyName: z.string(), heldOn: IsoDate, quorumReached: z.boolean() }),
});
export type AssemblyDeliberation = z.infer<typeof AssemblyDeliberation>;

/** The general assembly's adopted deliberations taken from `from` to `to` (ISO dates, both included). */
export const AssemblyDeliberationQuery = z
  .strictObject({ from: IsoDate.optional(), to: IsoDate.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'La date de fin suit la date de début.', path: ['to'] });
export type AssemblyDeliberationQuery = z.infer<typeof AssemblyDeliberationQuery>;

/** The file name of an uploaded PDF (minutes, deliverable) in `?fileName=`. */
export const GovernancePdfQuery = z.strictObject({
  fileName: uploadFileName.regex(/\.pdf$/i, { error: 'Le fichier attendu est un PDF : son nom se termine par .pdf.' }),
});
export type GovernancePdfQuery = z.infer<typeof GovernancePdfQuery>;
export const GOVERNANCE_PDF_MAX_BYTES = 10 * 1024 * 1024;

/** Lists of a year (`?year=`), or every year without it. */
export const GovernanceYearQuery = z.strictObject({
  year: z.coerce
    .number({ error: 'Année attendue.' })
    .int({ error: 'Année attendue.' })
    .min(2000, { error: 'Année entre 2000 et 2100.' })
    .max(2100, { error: 'Année entre 2000 et 2100.' })
    .optional(),
});
export type GovernanceYearQuery = z.infer<typeof GovernanceYearQuery>;

// ---- Deliverables of the expected results ----

export const DeliverableKind = z.enum(['map', 'referential', 'module', 'meeting', 'other'], { error: 'Type de livrable inconnu.' });
export type DeliverableKind = z.infer<typeof DeliverableKind>;
export const deliverableKindLabels: Record<DeliverableKind, string> = {
  map: 'Cartographie',
  referential: 'Référentiel',
  module: 'Module de formation',
  meeting: 'Réunion',
  other: 'Autre',
};

export const DeliverableStatus = z.enum(['planned', 'in_progress', 'delivered'], { error: 'État inconnu (prévu, en cours ou livré).' });
export type DeliverableStatus = z.infer<typeof DeliverableStatus>;
export const deliverableStatusLabels: Record<DeliverableStatus, string> = { planned: 'Prévu', in_progress: 'En cours', delivered: 'Livré' };

export const Deliverable = z.object({
  id: z.number().int(),
  expectedResult: ExpectedResult,
  title: z.string(),
  kind: DeliverableKind,
  /** Delivery date (done) or planned date. */
  dueOn: IsoDate,
  status: DeliverableStatus,
  linkUrl: z.string().nullable(),
  attachment: z.object({ fileName: z.string(), sizeBytes: z.number().int(), sha256: z.string() }).nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type Deliverable = z.infer<typeof Deliverable>;

const deliverableFields = {
  expectedResult: z.enum(ExpectedResult.options, { error: 'Résultat attendu inconnu.' }),
  title: requiredText('L’intitulé', 300),
  kind: DeliverableKind,
  dueOn: IsoDate,
  status: DeliverableStatus,
  linkUrl: z
    .string({ error: 'Le lien : texte attendu.' })
    .trim()
    .max(500, { error: 'Le lien : 500 caractères au plus.' })
    .regex(/^https?:\/\/\S+$/i, { error: 'Le lien commence par http:// ou https://.' })
    .or(z.literal(''))
    .nullish()
    .transform((v) => (v ? v : null)),
};
export const CreateDeliverable = z.strictObject(deliverableFields);
export type CreateDeliverable = z.infer<typeof CreateDeliverable>;
export const UpdateDeliverable = z.strictObject(deliverableFields).partial().extend({ version });
export type UpdateDeliverable = z.infer<typeof UpdateDeliverable>;
