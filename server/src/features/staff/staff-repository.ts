import type { Knex } from 'knex';
import type {
  CreateInKindContribution,
  CreateStaffMember,
  InKindContribution,
  StaffAllocation,
  StaffAllocationInput,
  StaffAssignment,
  StaffCeiling,
  StaffMember,
  UpdateInKindContribution,
} from '@cn2r/shared';
import { definedColumns, nextVersion } from '../../db/row-columns.js';

type Db = Knex | Knex.Transaction;

interface MemberRow {
  id: number;
  name: string;
  category: StaffMember['category'];
  employer_label: string;
  employer_kind: StaffMember['employerKind'];
  status: StaffMember['status'];
  created_at: Date;
  updated_at: Date;
  version: number;
}

interface AssignmentRow {
  id: number;
  staff_member_id: number;
  position_label: string;
  start_on: string;
  end_on: string | null;
  quotite_bp: number;
  annual_cost_cents: number | string;
  mig_post: StaffAssignment['migPost'];
  created_at: Date;
  updated_at: Date;
  version: number;
}

interface AllocationRow {
  id: number;
  assignment_id: number;
  from_on: string;
  to_on: string | null;
  share_bp: number;
  budget_line_id: number;
  funding_source_id: number;
  mission_area: string;
}

interface InKindRow {
  id: number;
  year: number;
  label: string;
  contributor: string;
  kind: InKindContribution['kind'];
  valuation_method: string;
  amount_cents: number | string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const iso = (d: Date) => new Date(d).toISOString();

const toMember = (r: MemberRow): StaffMember => ({
  id: r.id,
  name: r.name,
  category: r.category,
  employerLabel: r.employer_label,
  employerKind: r.employer_kind,
  status: r.status,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  version: r.version,
});

const toAllocation = (r: AllocationRow): StaffAllocation => ({
  id: r.id,
  fromOn: r.from_on,
  toOn: r.to_on,
  shareBp: r.share_bp,
  budgetLineId: r.budget_line_id,
  fundingSourceId: r.funding_source_id,
  missionArea: r.mission_area,
});

const toAssignment = (r: AssignmentRow, allocations: StaffAllocation[]): StaffAssignment => ({
  id: r.id,
  staffMemberId: r.staff_member_id,
  positionLabel: r.position_label,
  startOn: r.start_on,
  endOn: r.end_on,
  quotiteBp: r.quotite_bp,
  annualCostCents: Number(r.annual_cost_cents),
  migPost: r.mig_post,
  allocations,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  version: r.version,
});

const toInKind = (r: InKindRow): InKindContribution => ({
  id: r.id,
  year: r.year,
  label: r.label,
  contributor: r.contributor,
  kind: r.kind,
  valuationMethod: r.valuation_method,
  amountCents: Number(r.amount_cents),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  version: r.version,
});

const toCeiling = (r: { year: number; ceiling_etpt_bp: number; version: number }): StaffCeiling => ({ year: r.year, ceilingEtptBp: r.ceiling_etpt_bp, version: r.version });

const memberColumns = (f: Partial<CreateStaffMember>) => definedColumns(f, { name: 'name', category: 'category', employerLabel: 'employer_label', employerKind: 'employer_kind', status: 'status' });

export interface AssignmentFields {
  positionLabel: string;
  startOn: string;
  endOn: string | null;
  quotiteBp: number;
  annualCostCents: number;
  migPost: StaffAssignment['migPost'];
}

const assignmentColumns = (f: Partial<AssignmentFields>) => definedColumns(f, { positionLabel: 'position_label', startOn: 'start_on', endOn: 'end_on', quotiteBp: 'quotite_bp', annualCostCents: 'annual_cost_cents', migPost: 'mig_post' });

const inKindColumns = (f: Partial<CreateInKindContribution>) => definedColumns(f, { year: 'year', label: 'label', contributor: 'contributor', kind: 'kind', valuationMethod: 'valuation_method', amountCents: 'amount_cents' });

/** One row per allocation of the assignments overlapping a year, with everything the summary needs. */
export interface StaffYearRow {
  staffMemberId: number;
  name: string;
  status: StaffMember['status'];
  employerLabel: string;
  employerKind: StaffMember['employerKind'];
  assignmentId: number;
  startOn: string;
  endOn: string | null;
  quotiteBp: number;
  annualCostCents: number;
  migPost: StaffAssignment['migPost'];
  allocation: (StaffAllocation & { lineCode: string; lineLabel: string; funderLabel: string; funderCode?: string; funderInKind?: boolean; missionLabel: string }) | null;
}

/** The only Knex code of the staff feature. */
export class StaffRepository {
  // ---- Members ----

  async listMembers(db: Db): Promise<StaffMember[]> {
    return (await db<MemberRow>('staff_members').orderBy('name').orderBy('id')).map(toMember);
  }

  async findMember(db: Db, id: number): Promise<StaffMember | undefined> {
    const row = await db<MemberRow>('staff_members').where({ id }).first();
    return row && toMember(row);
  }

  async insertMember(db: Db, fields: CreateStaffMember): Promise<StaffMember> {
    const [row] = await db<MemberRow>('staff_members').insert(memberColumns(fields)).returning('*');
    return toMember(row);
  }

  async updateMember(db: Db, id: number, version: number, fields: Partial<CreateStaffMember>): Promise<StaffMember | undefined> {
    const [row]: MemberRow[] = await db('staff_members')
      .where({ id, version })
      .update({ ...memberColumns(fields), ...nextVersion(db) })
      .returning('*');
    return row && toMember(row);
  }

  async deleteMember(db: Db, id: number): Promise<number> {
    return db('staff_members').where({ id }).delete();
  }

  async countAssignments(db: Db, staffMemberId: number): Promise<number> {
    const [row] = await db('staff_assignments').where({ staff_member_id: staffMemberId }).count<{ n: number }[]>({ n: '*' });
    return Number(row.n);
  }

  // ---- Assignments and allocations ----

  private async allocationsOf(db: Db, assignmentIds: readonly number[]): Promise<Map<number, StaffAllocation[]>> {
    const byAssignment = new Map<number, StaffAllocation[]>(assignmentIds.map((id) => [id, []]));
    if (assignmentIds.length === 0) return byAssignment;
    const rows = await db<AllocationRow>('staff_allocations').whereIn('assignment_id', assignmentIds).orderBy('from_on').orderBy('id');
    for (const r of rows) byAssignment.get(r.assignment_id)!.push(toAllocation(r));
    return byAssignment;
  }

  async listAssignments(db: Db, staffMemberId: number): Promise<StaffAssignment[]> {
    const rows = await db<AssignmentRow>('staff_assignments').where({ staff_member_id: staffMemberId }).orderBy('start_on').orderBy('id');
    const allocations = await this.allocationsOf(db, rows.map((r) => r.id));
    return rows.map((r) => toAssignment(r, allocations.get(r.id)!));
  }

  async findAssignment(db: Db, id: number, forUpdate = false): Promise<StaffAssignment | undefined> {
    const query = db<AssignmentRow>('staff_assignments').where({ id }).first();
    const row = await (forUpdate ? query.forUpdate() : query);
    if (!row) return undefined;
    return toAssignment(row, (await this.allocationsOf(db, [row.id])).get(row.id)!);
  }

  async insertAssignment(db: Db, staffMemberId: number, fields: AssignmentFields): Promise<number> {
    const [row] = await db('staff_assignments')
      .insert({ staff_member_id: staffMemberId, ...assignmentColumns(fields) })
      .returning('id');
    return row.id as number;
  }

  /** Updates (and bumps the version) when the version still matches; false when someone changed the row meanwhile. */
  async updateAssignment(db: Db, id: number, version: number, fields: Partial<AssignmentFields>): Promise<boolean> {
    const n = await db('staff_assignments')
      .where({ id, version })
      .update({ ...assignmentColumns(fields), ...nextVersion(db) });
    return n === 1;
  }

  /** Deletes an assignment (its allocations go with it, ON DELETE CASCADE). */
  async deleteAssignment(db: Db, id: number): Promise<number> {
    return db('staff_assignments').where({ id }).delete();
  }

  async replaceAllocations(db: Db, assignmentId: number, allocations: readonly StaffAllocationInput[]): Promise<void> {
    await db('staff_allocations').where({ assignment_id: assignmentId }).delete();
    if (allocations.length === 0) return;
    await db('staff_allocations').insert(
      allocations.map((a) => ({
        assignment_id: assignmentId,
        from_on: a.fromOn,
        to_on: a.toOn,
        share_bp: a.shareBp,
        budget_line_id: a.budgetLineId,
        funding_source_id: a.fundingSourceId,
        mission_area: a.missionArea,
      })),
    );
  }

  /** The fiscal year and code of the given budget lines, by id (missing ids are absent). */
  async lineYears(db: Db, ids: readonly number[]): Promise<Map<number, { year: number; code: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await db('budget_lines').whereIn('id', [...new Set(ids)]).select('id', 'year', 'code');
    return new Map(rows.map((r) => [r.id as number, { year: r.year as number, code: r.code as string }]));
  }

  // ---- Summary ----

  /** Assignments overlapping the civil year, one row per allocation (a null allocation for an assignment with none). */
  async yearRows(db: Db, year: number): Promise<StaffYearRow[]> {
    const first = `${year}-01-01`;
    const last = `${year}-12-31`;
    const rows = await db('staff_assignments as a')
      .join('staff_members as m', 'm.id', 'a.staff_member_id')
      .leftJoin('staff_allocations as al', 'al.assignment_id', 'a.id')
      .leftJoin('budget_lines as bl', 'bl.id', 'al.budget_line_id')
      .leftJoin('funding_sources as fs', 'fs.id', 'al.funding_source_id')
      .leftJoin('mission_areas as ma', 'ma.code', 'al.mission_area')
      .where('a.start_on', '<=', last)
      .andWhere((q) => q.whereNull('a.end_on').orWhere('a.end_on', '>=', first))
      .orderBy(['m.name', 'm.id', 'a.start_on', 'a.id', 'al.from_on', 'al.id'])
      .select(
        'm.id as member_id',
        'm.name',
        'm.status',
        'm.employer_label',
        'm.employer_kind',
        'a.id as assignment_id',
        'a.start_on',
        'a.end_on',
        'a.quotite_bp',
        'a.annual_cost_cents',
        'a.mig_post',
        'al.id as allocation_id',
        'al.from_on',
        'al.to_on',
        'al.share_bp',
        'al.budget_line_id',
        'al.funding_source_id',
        'al.mission_area',
        'bl.code as line_code',
        'bl.label as line_label',
        'fs.label as funder_label',
        'fs.code as funder_code',
        'fs.in_kind as funder_in_kind',
        'ma.label as mission_label',
      );
    return rows.map((r) => ({
      staffMemberId: r.member_id,
      name: r.name,
      status: r.status,
      employerLabel: r.employer_label,
      employerKind: r.employer_kind,
      assignmentId: r.assignment_id,
      startOn: r.start_on,
      endOn: r.end_on,
      quotiteBp: r.quotite_bp,
      annualCostCents: Number(r.annual_cost_cents),
      migPost: r.mig_post,
      allocation:
        r.allocation_id === null
          ? null
          : {
              id: r.allocation_id,
              fromOn: r.from_on,
              toOn: r.to_on,
              shareBp: r.share_bp,
              budgetLineId: r.budget_line_id,
              fundingSourceId: r.funding_source_id,
              missionArea: r.mission_area,
              lineCode: r.line_code,
              lineLabel: r.line_label,
              funderLabel: r.funder_label,
              funderCode: r.funder_code,
              funderInKind: Boolean(r.funder_in_kind),
              missionLabel: r.mission_label,
            },
    }));
  }

  // ---- Ceilings ----

  async findCeiling(db: Db, year: number): Promise<StaffCeiling | undefined> {
    const row = await db('staff_ceilings').where({ year }).first();
    return row && toCeiling(row);
  }

  async insertCeiling(db: Db, year: number, ceilingEtptBp: number): Promise<StaffCeiling> {
    const [row] = await db('staff_ceilings').insert({ year, ceiling_etpt_bp: ceilingEtptBp }).returning('*');
    return toCeiling(row);
  }

  async updateCeiling(db: Db, year: number, version: number, ceilingEtptBp: number): Promise<StaffCeiling | undefined> {
    const [row] = await db('staff_ceilings')
      .where({ year, version })
      .update({ ceiling_etpt_bp: ceilingEtptBp, ...nextVersion(db) })
      .returning('*');
    return row && toCeiling(row);
  }

  /** The status of a fiscal year, locked (shared) so it cannot be closed while the write runs; undefined if none. */
  async fiscalYearStatus(db: Db, year: number): Promise<'open' | 'closed' | undefined> {
    const row = await db('fiscal_years').where({ year }).forShare().first();
    return row?.status;
  }

  /** The closed fiscal years, locked (shared) so none is reopened or closed while the write runs. */
  async closedYears(db: Db): Promise<number[]> {
    const rows = await db('fiscal_years').where({ status: 'closed' }).forShare().select('year');
    return rows.map((r) => r.year as number);
  }

  // ---- In-kind contributions ----

  async listInKind(db: Db, year?: number): Promise<InKindContribution[]> {
    const q = db<InKindRow>('in_kind_contributions').orderBy('year', 'desc').orderBy('label').orderBy('id');
    if (year !== undefined) q.where({ year });
    return (await q).map(toInKind);
  }

  async inKindTotal(db: Db, year: number): Promise<number> {
    const [row] = await db('in_kind_contributions').where({ year }).sum<{ total: number | string | null }[]>({ total: 'amount_cents' });
    return Number(row?.total ?? 0);
  }

  async findInKind(db: Db, id: number): Promise<InKindContribution | undefined> {
    const row = await db<InKindRow>('in_kind_contributions').where({ id }).first();
    return row && toInKind(row);
  }

  async insertInKind(db: Db, fields: CreateInKindContribution): Promise<InKindContribution> {
    const [row] = await db<InKindRow>('in_kind_contributions').insert(inKindColumns(fields)).returning('*');
    return toInKind(row);
  }

  async updateInKind(db: Db, id: number, version: number, fields: Omit<UpdateInKindContribution, 'version'>): Promise<InKindContribution | undefined> {
    const [row]: InKindRow[] = await db('in_kind_contributions')
      .where({ id, version })
      .update({ ...inKindColumns(fields), ...nextVersion(db) })
      .returning('*');
    return row && toInKind(row);
  }

  async deleteInKind(db: Db, id: number): Promise<number> {
    return db('in_kind_contributions').where({ id }).delete();
  }
}
