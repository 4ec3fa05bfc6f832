import { can } from '@cn2r/shared';
import type { Knex } from 'knex';
import {
  ENVELOPE_GROUP_KEY,
  STAFF_COST_GROUP_NOTE,
  planPersonnelDisclosure,
  type BudgetLine,
  type FundingSource,
  type LineForecast,
  type MissionArea,
  type PersonnelDisclosure,
  type PersonnelLineInput,
  type ReferenceItem,
} from '@cn2r/shared';
import type { LineTotals } from './budget-repository.js';

type Db = Knex | Knex.Transaction;

/** Staff statuses whose cost the grouping pays on a personnel line (payroll, reimbursed secondments). */
const PAID_STATUSES = ['own', 'seconded_with_reimbursement'];

/** The mission-area key of a merged group that spans several mission areas. */
export const MERGED_MISSION_AREA = 'personnel_regroupe';
export const MERGED_MISSION_AREA_LABEL = 'Personnel regroupé (plusieurs destinations)';
export const MERGED_FUNDING_SOURCE_ID = -1;

/**
 * Who reads the people and personnel lines of fewer than 3 people: finance and administrators.
 * The board (and the documents for the general assembly) read the merged view of
 * `planPersonnelDisclosure`.
 */
export const readsStaffDetail = (role: string): boolean => can(role, 'staff.readIndividual');

/** Whose view of the personnel lines a user reads: `detail` (finance, administrators) or `board` (merged). */
export type StaffView = 'detail' | 'board';
export const staffView = (actor: { role: string }): StaffView => (readsStaffDetail(actor.role) ? 'detail' : 'board');

/** The distinct people of each personnel line of a year. */
export class PersonnelDisclosureRepository {
  /**
   * `paid`: the people whose cost the line pays (own staff, staff seconded with reimbursement);
   * `all`: every person allocated to the line (the staff summary's cost includes the in-kind value
   * of staff seconded without reimbursement).
   */
  async peopleByLine(db: Db, year: number, which: 'paid' | 'all'): Promise<Map<number, number[]>> {
    const query = db('staff_allocations as al')
      .join('staff_assignments as a', 'a.id', 'al.assignment_id')
      .join('staff_members as m', 'm.id', 'a.staff_member_id')
      .join('budget_lines as bl', 'bl.id', 'al.budget_line_id')
      .where('bl.year', year)
      .where('al.from_on', '<=', `${year}-12-31`)
      .where((q) => q.whereNull('al.to_on').orWhere('al.to_on', '>=', `${year}-01-01`))
      .where('a.start_on', '<=', `${year}-12-31`)
      .where((q) => q.whereNull('a.end_on').orWhere('a.end_on', '>=', `${year}-01-01`))
      .distinct('al.budget_line_id', 'a.staff_member_id');
    if (which === 'paid') query.whereIn('m.status', PAID_STATUSES);
    const rows: { budget_line_id: number; staff_member_id: number }[] = await query;
    const out = new Map<number, number[]>();
    for (const r of rows) out.set(Number(r.budget_line_id), [...(out.get(Number(r.budget_line_id)) ?? []), Number(r.staff_member_id)]);
    return out;
  }

  /**
   * `peopleByLine` of every year at once (year → line → people): one query whatever the number of
   * years, each line's people taken within its own year.
   */
  async peopleByLineAllYears(db: Db, which: 'paid' | 'all'): Promise<Map<number, Map<number, number[]>>> {
    const query = db('staff_allocations as al')
      .join('staff_assignments as a', 'a.id', 'al.assignment_id')
      .join('staff_members as m', 'm.id', 'a.staff_member_id')
      .join('budget_lines as bl', 'bl.id', 'al.budget_line_id')
      .whereRaw('al.from_on <= make_date(bl.year, 12, 31)')
      .where((q) => q.whereNull('al.to_on').orWhereRaw('al.to_on >= make_date(bl.year, 1, 1)'))
      .whereRaw('a.start_on <= make_date(bl.year, 12, 31)')
      .where((q) => q.whereNull('a.end_on').orWhereRaw('a.end_on >= make_date(bl.year, 1, 1)'))
      .distinct('bl.year', 'al.budget_line_id', 'a.staff_member_id');
    if (which === 'paid') query.whereIn('m.status', PAID_STATUSES);
    const rows: { year: number; budget_line_id: number; staff_member_id: number }[] = await query;
    const out = new Map<number, Map<number, number[]>>();
    for (const r of rows) {
      const year = out.get(Number(r.year)) ?? new Map<number, number[]>();
      out.set(Number(r.year), year);
      year.set(Number(r.budget_line_id), [...(year.get(Number(r.budget_line_id)) ?? []), Number(r.staff_member_id)]);
    }
    return out;
  }

  /** Every fiscal year's lines carrying staff, as the plan reads them (for `planAcrossYears`). */
  async allYears(db: Db, which: 'paid' | 'all'): Promise<{ year: number; lines: PersonnelLineInput[] }[]> {
    const years: number[] = (await db('fiscal_years').select('year').orderBy('year')).map((r: { year: number }) => Number(r.year));
    return Promise.all(
      years.map(async (year) => {
        const people = await this.peopleByLine(db, year, which);
        const lines: { id: number; code: string; mission_area: string; funder_code: string; funder_label: string }[] = await db('budget_lines as bl')
          .join('funding_sources as fs', 'fs.id', 'bl.funding_source_id')
          .where('bl.year', year)
          .where((q) => q.where('bl.envelope', 'personnel').orWhereIn('bl.id', [...people.keys()]))
          .select('bl.id', 'bl.code', 'bl.mission_area', 'fs.code as funder_code', 'fs.label as funder_label');
        return {
          year,
          lines: lines.map((l) => ({ id: Number(l.id), code: l.code, funderKey: l.funder_code, funderLabel: l.funder_label, missionArea: l.mission_area, people: people.get(Number(l.id)) ?? [] })),
        };
      }),
    );
  }
}

/** The personnel lines of a year as the plan reads them, with their people. */
export function personnelInputs(lines: readonly BudgetLine[], fundingSources: readonly FundingSource[], people: ReadonlyMap<number, readonly number[]>): PersonnelLineInput[] {
  const source = new Map(fundingSources.map((f) => [f.id, f]));
  return lines
    .filter((l) => l.envelope === 'personnel')
    .map((l) => ({
      id: l.id,
      code: l.code,
      funderKey: source.get(l.fundingSourceId)?.code ?? String(l.fundingSourceId),
      funderLabel: source.get(l.fundingSourceId)?.label ?? '',
      missionArea: l.missionArea,
      people: people.get(l.id) ?? [],
    }));
}

/** The plan of one year's personnel lines, on its own (the specs; the services use `planAcrossYears`). */
export function personnelPlan(lines: readonly BudgetLine[], fundingSources: readonly FundingSource[], people: ReadonlyMap<number, readonly number[]>): PersonnelDisclosure {
  return planPersonnelDisclosure(personnelInputs(lines, fundingSources, people));
}

export interface MergedBudgetInput {
  lines: BudgetLine[];
  totals: Map<number, LineTotals>;
  forecasts: Map<number, LineForecast>;
  fundingSources: FundingSource[];
  missionAreas: ReferenceItem[];
  /** Synthetic line id → the group it stands for. */
  merged: Map<number, { key: string; headcount: number; lineCodes: readonly string[]; withheld: boolean }>;
  note: string | null;
}

/**
 * The lines of a year as the board reads them: each merged group of personnel lines becomes one
 * line (negative id, the group's key as code, the sums of its lines' credits and consumption),
 * its funder when it has one (else a funding source « plusieurs financeurs »), its mission area
 * when it has one (else « plusieurs destinations »). Every aggregate computed from these lines
 * (envelope, funder, mission area, total) is then a sum of items of 0 or at least 3 people.
 */
export function mergePersonnelLines(
  input: { lines: readonly BudgetLine[]; totals: ReadonlyMap<number, LineTotals>; forecasts?: ReadonlyMap<number, LineForecast>; fundingSources: readonly FundingSource[]; missionAreas: readonly ReferenceItem[] },
  plan: PersonnelDisclosure,
): MergedBudgetInput {
  const lines = input.lines.filter((l) => !plan.groupOf.has(l.id));
  const totals = new Map([...input.totals].filter(([id]) => !plan.groupOf.has(id)));
  const forecasts = new Map([...(input.forecasts ?? new Map<number, LineForecast>())].filter(([id]) => !plan.groupOf.has(id)));
  const fundingSources = [...input.fundingSources];
  const missionAreas = [...input.missionAreas];
  const merged: MergedBudgetInput['merged'] = new Map();
  const source = new Map(input.fundingSources.map((f) => [f.code, f]));
  plan.groups.forEach((group, i) => {
    const id = -(i + 1);
    const members = input.lines.filter((l) => plan.groupOf.get(l.id) === group);
    if (members.length === 0) return;
    const funder = group.funderKey === null ? undefined : source.get(group.funderKey);
    if (!funder && !fundingSources.some((f) => f.id === MERGED_FUNDING_SOURCE_ID)) {
      const template = input.fundingSources[0];
      fundingSources.push({ ...template, id: MERGED_FUNDING_SOURCE_ID, code: ENVELOPE_GROUP_KEY, label: 'Personnel de plusieurs financeurs (groupes de moins de 3 personnes regroupés)', funder: '—', notifications: [] });
    }
    if (group.missionArea === null && !missionAreas.some((m) => m.code === MERGED_MISSION_AREA)) {
      missionAreas.push({ code: MERGED_MISSION_AREA, label: MERGED_MISSION_AREA_LABEL, sortOrder: 9_999 });
    }
    lines.push({
      ...members[0],
      id,
      code: group.key,
      label: `${group.label} — ${group.headcount} personnes`,
      envelope: 'personnel',
      missionArea: (group.missionArea ?? MERGED_MISSION_AREA) as MissionArea,
      fundingSourceId: funder?.id ?? MERGED_FUNDING_SOURCE_ID,
    });
    const sum: LineTotals = { lineId: id, openAeCents: 0, openCpCents: 0, committedCents: 0, paidCents: 0 };
    for (const m of members) {
      const t = input.totals.get(m.id);
      if (!t) continue;
      sum.openAeCents += t.openAeCents;
      sum.openCpCents += t.openCpCents;
      sum.committedCents += t.committedCents;
      sum.paidCents += t.paidCents;
    }
    totals.set(id, sum);
    merged.set(id, { key: group.key, headcount: group.headcount, lineCodes: group.lineCodes, withheld: group.withheld });
  });
  return { lines, totals, forecasts, fundingSources, missionAreas, merged, note: plan.groups.length > 0 ? STAFF_COST_GROUP_NOTE : null };
}
