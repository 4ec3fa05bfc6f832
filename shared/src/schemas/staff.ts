import * as z from 'zod';
import '../zod-config.js';
import { IsoDate, Timestamp, requiredText, withoutControlCharacters } from './common.js';

/**
 * Staff and FTE: staff members (personal data: finance and administrators only), their
 * assignments, the effective-dated allocations of an assignment to budget lines, funders and
 * mission areas, the ceiling of ETPT paid by the grouping, in-kind contributions, and the
 * computed staff summary of a year. Amounts in integer euro cents (`…Cents`), shares in basis
 * points (`…Bp`, 10 000 = 100 %).
 */

const StaffYear = z.coerce
  .number({ error: 'Année attendue.' })
  .int({ error: 'Année attendue.' })
  .min(2000, { error: 'Année attendue entre 2000 et 2100.' })
  .max(2100, { error: 'Année attendue entre 2000 et 2100.' });

const StaffVersion = z.number({ error: 'La version lue est obligatoire.' }).int().positive();

const nonNegativeCents = (label: string) =>
  z
    .number({ error: `${label} : un montant en centimes (entier) est attendu.` })
    .int({ error: `${label} : un montant en centimes (entier) est attendu.` })
    .min(0, { error: `${label} ne peut pas être négatif.` })
    .max(1_000_000_000_000, { error: `${label} : montant hors limites.` });

const shareBp = (label: string) =>
  z
    .number({ error: `${label} : un entier en points de base est attendu (10 000 = 100 %).` })
    .int({ error: `${label} : un entier en points de base est attendu (10 000 = 100 %).` })
    .min(1, { error: `${label} doit être strictement positive.` })
    .max(10_000, { error: `${label} ne peut dépasser 100 % (10 000 points de base).` });

const nullableDate = IsoDate.nullish().transform((v) => v ?? null);

// ---- Parameters ----

export const StaffYearParams = z.object({ year: StaffYear });
export type StaffYearParams = z.infer<typeof StaffYearParams>;

export const InKindQuery = z.strictObject({ year: StaffYear.optional() });
export type InKindQuery = z.infer<typeof InKindQuery>;

// ---- Staff members ----

export const StaffCategory = z.enum(['medical', 'psychologist', 'paramedical', 'administrative', 'researcher', 'magistrate', 'other']);
export type StaffCategory = z.infer<typeof StaffCategory>;
export const staffCategoryLabels: Record<StaffCategory, string> = {
  medical: 'Médical',
  psychologist: 'Psychologue',
  paramedical: 'Paramédical',
  administrative: 'Administratif',
  researcher: 'Chercheur',
  magistrate: 'Magistrat',
  other: 'Autre',
};

export const EmployerKind = z.enum(['grouping', 'hospital', 'ministry', 'other']);
export type EmployerKind = z.infer<typeof EmployerKind>;
export const employerKindLabels: Record<EmployerKind, string> = {
  grouping: 'Le GIP',
  hospital: 'Établissement de santé',
  ministry: 'Ministère',
  other: 'Autre',
};

export const StaffStatus = z.enum(['own', 'seconded_with_reimbursement', 'seconded_without']);
export type StaffStatus = z.infer<typeof StaffStatus>;
export const staffStatusLabels: Record<StaffStatus, string> = {
  own: 'Personnel propre',
  seconded_with_reimbursement: 'Mis à disposition avec remboursement',
  seconded_without: 'Mis à disposition sans remboursement',
};

export const MigPost = z.enum(['psychiatrist', 'psychologist', 'medical_auxiliary']);
export type MigPost = z.infer<typeof MigPost>;
export const migPostLabels: Record<MigPost, string> = {
  psychiatrist: 'Psychiatre',
  psychologist: 'Psychologue clinicien',
  medical_auxiliary: 'Auxiliaire médical',
};

export const StaffAllocation = z.object({
  id: z.number().int(),
  fromOn: z.string().describe('AAAA-MM-JJ'),
  toOn: z.string().nullable().describe('AAAA-MM-JJ inclus, ou null : jusqu’à nouvel ordre'),
  shareBp: z.number().int(),
  budgetLineId: z.number().int(),
  fundingSourceId: z.number().int(),
  missionArea: z.string(),
});
export type StaffAllocation = z.infer<typeof StaffAllocation>;

export const StaffAssignment = z.object({
  id: z.number().int(),
  staffMemberId: z.number().int(),
  positionLabel: z.string(),
  startOn: z.string().describe('AAAA-MM-JJ'),
  endOn: z.string().nullable(),
  quotiteBp: z.number().int(),
  annualCostCents: z.number().int().describe('Coût employeur annuel à temps plein, en centimes'),
  migPost: MigPost.nullable(),
  allocations: z.array(StaffAllocation),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type StaffAssignment = z.infer<typeof StaffAssignment>;

export const StaffMember = z.object({
  id: z.number().int(),
  name: z.string(),
  category: StaffCategory,
  employerLabel: z.string(),
  employerKind: EmployerKind,
  status: StaffStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffMemberDetail = StaffMember.extend({ assignments: z.array(StaffAssignment) });
export type StaffMemberDetail = z.infer<typeof StaffMemberDetail>;

const staffMemberFields = {
  name: requiredText('Le nom', 200),
  category: StaffCategory,
  employerLabel: requiredText('L’employeur', 200),
  employerKind: EmployerKind,
  status: StaffStatus,
};

export const CreateStaffMember = z.strictObject(staffMemberFields);
export type CreateStaffMember = z.infer<typeof CreateStaffMember>;

export const UpdateStaffMember = z.strictObject(staffMemberFields).partial().extend({ version: StaffVersion });
export type UpdateStaffMember = z.infer<typeof UpdateStaffMember>;

// ---- Assignments and allocations ----

export const StaffAllocationInput = z.strictObject({
  fromOn: IsoDate,
  toOn: nullableDate,
  shareBp: shareBp('La part'),
  budgetLineId: z.number({ error: 'Ligne budgétaire attendue.' }).int().positive(),
  fundingSourceId: z.number({ error: 'Source de financement attendue.' }).int().positive(),
  missionArea: withoutControlCharacters(z.string({ error: 'Destination attendue.' }).trim().min(1, { error: 'Destination attendue.' }).max(32), 'single', 'La destination'),
});
export type StaffAllocationInput = z.infer<typeof StaffAllocationInput>;

const allocationList = z.array(StaffAllocationInput, { error: 'Liste de ventilations attendue.' }).max(200, { error: '200 ventilations au plus.' });

const endsAfterStart = (v: { startOn?: string; endOn?: string | null }) => !v.startOn || !v.endOn || v.endOn >= v.startOn;
const endError = { error: 'La date de fin doit suivre la date de début.', path: ['endOn'] };

const assignmentFields = {
  positionLabel: requiredText('Le poste', 200),
  startOn: IsoDate,
  endOn: nullableDate,
  quotiteBp: shareBp('La quotité'),
  annualCostCents: nonNegativeCents('Le coût employeur annuel'),
  migPost: MigPost.nullish().transform((v) => v ?? null),
};

/** A new assignment comes with its allocations: they must cover it at 100 % every day. */
export const CreateStaffAssignment = z.strictObject({ ...assignmentFields, allocations: allocationList }).refine(endsAfterStart, endError);
export type CreateStaffAssignment = z.infer<typeof CreateStaffAssignment>;

/** Changing the dates re-checks the allocations’ coverage; send `allocations` to replace them at the same time. */
export const UpdateStaffAssignment = z
  .strictObject(assignmentFields)
  .partial()
  .extend({ allocations: allocationList.optional(), version: StaffVersion })
  .refine(endsAfterStart, endError);
export type UpdateStaffAssignment = z.infer<typeof UpdateStaffAssignment>;

/** Replaces the whole set of an assignment’s allocations at once, with the assignment’s version read. */
export const PutStaffAllocations = z.strictObject({ allocations: allocationList, version: StaffVersion });
export type PutStaffAllocations = z.infer<typeof PutStaffAllocations>;

// ---- Ceiling (plafond d'emplois) ----

export const StaffCeiling = z.object({
  year: z.number().int(),
  ceilingEtptBp: z.number().int().describe('ETPT en points de base : 10 000 = 1 ETPT'),
  version: z.number().int(),
});
export type StaffCeiling = z.infer<typeof StaffCeiling>;

/** Sets the ceiling of a year; `version` is that of the ceiling read, or absent for a first value. */
export const PutStaffCeiling = z.strictObject({
  ceilingEtptBp: z.number({ error: 'Plafond attendu en points de base (10 000 = 1 ETPT).' }).int().min(0).max(100_000_000),
  version: StaffVersion.optional(),
});
export type PutStaffCeiling = z.infer<typeof PutStaffCeiling>;

// ---- In-kind contributions besides staff ----

export const InKindKind = z.enum(['premises', 'equipment', 'services', 'other']);
export type InKindKind = z.infer<typeof InKindKind>;
export const inKindKindLabels: Record<InKindKind, string> = { premises: 'Locaux', equipment: 'Équipements', services: 'Prestations', other: 'Autre' };

export const InKindContribution = z.object({
  id: z.number().int(),
  year: z.number().int(),
  label: z.string(),
  contributor: z.string(),
  kind: InKindKind,
  valuationMethod: z.string(),
  amountCents: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type InKindContribution = z.infer<typeof InKindContribution>;

const inKindFields = {
  year: StaffYear,
  label: requiredText('Le libellé', 200),
  contributor: requiredText('Le contributeur', 200),
  kind: InKindKind,
  valuationMethod: requiredText('La méthode de valorisation', 500, 'multi'),
  amountCents: nonNegativeCents('Le montant'),
};
export const CreateInKindContribution = z.strictObject(inKindFields);
export type CreateInKindContribution = z.infer<typeof CreateInKindContribution>;
export const UpdateInKindContribution = z.strictObject(inKindFields).partial().extend({ version: StaffVersion });
export type UpdateInKindContribution = z.infer<typeof UpdateInKindContribution>;

// ---- Summary of a year ----

/** An exact ETPT (num/den) with its fr-FR display rounded to two decimals (`0,84`). */
export const Etpt = z.object({ num: z.number().int(), den: z.number().int(), display: z.string() });
export type Etpt = z.infer<typeof Etpt>;

export const StaffEtptGroup = z.object({ key: z.string(), label: z.string(), etpt: Etpt });
export type StaffEtptGroup = z.infer<typeof StaffEtptGroup>;

/**
 * Staff costs are personal data: a cost (or an in-kind value) over a group of fewer than
 * `STAFF_COST_MIN_PEOPLE` distinct people of the year discloses their pay. Outside finance and
 * administrators (the board, the annual reports for the general assembly), such a cost is `null`
 * with the reason `fewer_than_3_people`; ETPT and head counts stay visible. A group of nobody
 * costs 0 and is shown.
 */
export const STAFF_COST_MIN_PEOPLE = 3;
export const StaffCostMask = z.enum(['fewer_than_3_people']);
export type StaffCostMask = z.infer<typeof StaffCostMask>;
export const staffCostMaskLabels: Record<StaffCostMask, string> = { fewer_than_3_people: 'masqué (moins de 3 personnes)' };

/** Whether the cost of a group of `people` distinct people must be withheld (1 or 2 people). */
export const isStaffCostMasked = (people: number): boolean => people > 0 && people < STAFF_COST_MIN_PEOPLE;

/** A cost that is `null` when masked, with the reason in the sibling `…Masked` field. */
const maskableCents = z.number().int().nullable().describe('En centimes ; null quand le groupe compte moins de 3 personnes (vue agrégée)');

/** A group by funder or mission area: ETPT, distinct people, and its cost (masked for 1 or 2 people in the aggregate view). */
export const StaffCostGroup = StaffEtptGroup.extend({ headcount: z.number().int(), costCents: maskableCents, costMasked: StaffCostMask.nullable() });
export type StaffCostGroup = z.infer<typeof StaffCostGroup>;

/**
 * The cost of a budget line with its head count. In the aggregate view (the board) a line of 1 or
 * 2 people is merged into a group (negative id, code `PERSONNEL-…`), see `planPersonnelDisclosure`.
 */
export const StaffCostLine = z.object({ budgetLineId: z.number().int(), code: z.string(), label: z.string(), etpt: Etpt, costCents: z.number().int(), headcount: z.number().int() });
export type StaffCostLine = z.infer<typeof StaffCostLine>;

export const StaffPersonSummary = z.object({
  staffMemberId: z.number().int(),
  name: z.string(),
  status: StaffStatus,
  etpt: Etpt,
  costCents: z.number().int().describe('Coût de l’année (quotité, ratio de rémunération, jours)'),
});
export type StaffPersonSummary = z.infer<typeof StaffPersonSummary>;

export const MigPostSummary = z.object({
  post: MigPost,
  label: z.string(),
  fundedEtp: z.number().int().describe('Postes financés (1 ETP chacun)'),
  etpt: Etpt,
  vacancies: z.array(z.object({ from: z.string(), to: z.string(), days: z.number().int() })),
});
export type MigPostSummary = z.infer<typeof MigPostSummary>;

export const SecondedInKind = z.object({
  employerLabel: z.string(),
  employerKind: EmployerKind,
  etpt: Etpt,
  headcount: z.number().int(),
  valueCents: maskableCents,
  valueMasked: StaffCostMask.nullable(),
});
export type SecondedInKind = z.infer<typeof SecondedInKind>;

export const StaffSummary = z.object({
  year: z.number().int(),
  /** Full detail for finance and administrators; aggregates only (`people: null`) for the board. */
  detail: z.enum(['full', 'aggregate']),
  people: z.array(StaffPersonSummary).nullable(),
  headcount: z.number().int(),
  totalEtpt: Etpt,
  /** The cost of the whole staff of the year (never masked: it is not a group of a few people). */
  totalCostCents: z.number().int(),
  /** Per budget line; in the aggregate view, lines of 1 or 2 people merged (`staffCostNote` says so). */
  byLine: z.array(StaffCostLine),
  staffCostNote: z.string().nullable(),
  byFunder: z.array(StaffCostGroup),
  byMission: z.array(StaffCostGroup),
  migPosts: z.array(MigPostSummary),
  ceiling: z.object({
    ceilingEtptBp: z.number().int().nullable(),
    /** The version of the ceiling, to send back with PUT /staff/ceilings/:year; null when none is set. */
    version: z.number().int().nullable(),
    paidByGroupingEtpt: Etpt,
    secondedWithoutReimbursementEtpt: Etpt,
    overCeiling: z.boolean(),
  }),
  secondedInKind: z.array(SecondedInKind),
  secondedInKindTotalCents: maskableCents,
  secondedInKindTotalMasked: StaffCostMask.nullable(),
  otherInKindTotalCents: z.number().int(),
});
export type StaffSummary = z.infer<typeof StaffSummary>;
