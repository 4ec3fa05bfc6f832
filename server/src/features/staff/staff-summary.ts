import {
  migPostLabels,
  type Etpt,
  type MigPost,
  type StaffCeiling,
  type StaffSummary,
  daysWorkedIn,
  etpt,
  formatEtpt,
  fraction,
  isStaffCostMasked,
  overlapDays,
  planAcrossYears,
  STAFF_COST_GROUP_NOTE,
  type PersonnelDisclosure,
  type PersonnelLineInput,
  paidCost,
  splitLargestRemainder,
  sumFractions,
  type Fraction,
} from '@cn2r/shared';
import type { StaffYearRow } from './staff-repository.js';

/**
 * The staff figures of a civil year, from the assignments and allocations overlapping it. Every
 * ETPT is an exact fraction (shared/finance `etpt`), added exactly and rounded only for display;
 * every cost is `paidCost` of an assignment, split across its allocations (share × days) with the
 * largest-remainder method, so the lines add up to the cent to the assignments’ costs.
 *
 * Privacy: in the aggregate view (the board, the annual reports), the cost of a group by funder,
 * mission area or employer, and the in-kind total of seconded staff, are null
 * (`…Masked: 'fewer_than_3_people'`) when the group covers 1 or 2 distinct people of the year; ETPT
 * and head counts stay. Per budget line, the aggregate view merges the lines of 1 or 2 people into
 * their funder's group, else one group of every such line (`planPersonnelDisclosure`, the same
 * rule as the board's budget execution), each shown with its head count.
 */

const FULL_BP = 10_000n;
const MIG_POSTS: readonly MigPost[] = ['psychiatrist', 'psychologist', 'medical_auxiliary'];
const PAID_BY_GROUPING = new Set(['own', 'seconded_with_reimbursement']);

const show = (f: Fraction): Etpt => ({ num: f.num, den: f.den, display: formatEtpt(f) });
const scale = (f: Fraction, shareBp: number): Fraction => fraction(BigInt(f.num) * BigInt(shareBp), BigInt(f.den) * FULL_BP);
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);

/** `YYYY-MM-DD` shifted by whole days (UTC, no time zone). */
function shiftDay(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

interface Assignment {
  id: number;
  memberId: number;
  name: string;
  status: StaffYearRow['status'];
  employerLabel: string;
  employerKind: StaffYearRow['employerKind'];
  startOn: string;
  endOn: string | null;
  quotiteBp: number;
  annualCostCents: number;
  migPost: MigPost | null;
  allocations: NonNullable<StaffYearRow['allocation']>[];
}

class Bucket {
  readonly parts: Fraction[] = [];
  /** The distinct staff members of the group. */
  readonly people = new Set<number>();
  cents = 0;
  constructor(readonly label: string) {}
}

function bucket<K>(map: Map<K, Bucket>, key: K, label: string): Bucket {
  let b = map.get(key);
  if (!b) map.set(key, (b = new Bucket(label)));
  return b;
}

/** The assignments of the rows (one row per allocation), each with its allocations. */
function assignmentsOf(rows: readonly StaffYearRow[]): Map<number, Assignment> {
  const assignments = new Map<number, Assignment>();
  for (const r of rows) {
    let a = assignments.get(r.assignmentId);
    if (!a) {
      a = {
        id: r.assignmentId,
        memberId: r.staffMemberId,
        name: r.name,
        status: r.status,
        employerLabel: r.employerLabel,
        employerKind: r.employerKind,
        startOn: r.startOn,
        endOn: r.endOn,
        quotiteBp: r.quotiteBp,
        annualCostCents: r.annualCostCents,
        migPost: r.migPost,
        allocations: [],
      };
      assignments.set(r.assignmentId, a);
    }
    if (r.allocation) a.allocations.push(r.allocation);
  }
  return assignments;
}

/** ETPT of an assignment in the year (exact). */
const assignmentEtpt = (a: Assignment, year: number): Fraction => etpt({ quotiteBp: a.quotiteBp, start: a.startOn, end: a.endOn }, year);

/**
 * What an assignment costs its employer in the year (`paidCost`: annual cost × pay ratio × days
 * worked / days in the year): the one valuation of a person and a year, used by every figure of
 * the staff summary and by the in-kind valuation of the funding sources.
 */
const assignmentCost = (a: Assignment, year: number): number => paidCost({ quotiteBp: a.quotiteBp, start: a.startOn, end: a.endOn, annualCostCents: a.annualCostCents }, year);

/** The valuation of the staff seconded without reimbursement to one in-kind funding source, for a year. */
export interface InKindStaffValuation {
  readonly fundingSourceId: number;
  readonly year: number;
  readonly etpt: Etpt;
  readonly headcount: number;
  /** Employer's cost in cents; null in the aggregate view under 3 people. */
  readonly valueCents: number | null;
  readonly valueMasked: 'fewer_than_3_people' | null;
}

/**
 * The in-kind valuation of each in-kind funding source for a year, derived from the staff records:
 * each assignment of a person seconded without reimbursement is valued at its employer's cost for
 * the year (`assignmentCost`, the staff summary's figure: the same as its employer's row of
 * « Personnels mis à disposition sans remboursement »), and that value goes to the in-kind source
 * its allocations of the year name — the whole value, even when part of the person's time is
 * charged to a line of a cash source (the contribution is the employer's, whatever the work). An
 * assignment naming several in-kind sources in the year is split between them by share × days
 * (largest remainder), so the sources add up to the cent. A seconded person none of whose
 * allocations names an in-kind source values no source (the staff summary still shows them under
 * their employer). Aggregate view: the value of a source covering 1 or 2 people is null, and so is
 * that of a source whose showing would leave 1 or 2 seconded people outside the shown sources.
 */
export function inKindStaffValuations(input: { year: number; rows: readonly StaffYearRow[]; detail: 'full' | 'aggregate' }): InKindStaffValuation[] {
  const { year } = input;
  const bySource = new Map<number, { parts: Fraction[]; people: Set<number>; cents: number }>();
  const seconded = new Set<number>();
  for (const a of assignmentsOf(input.rows).values()) {
    if (a.status !== 'seconded_without') continue;
    seconded.add(a.memberId);
    const inKind = a.allocations
      .filter((al) => al.funderInKind)
      .map((al) => {
        const start = later(al.fromOn, a.startOn);
        const end = earlier(al.toOn, a.endOn);
        const inside = end === null || start <= end;
        return { al, weight: inside ? al.shareBp * daysWorkedIn({ start, end }, year) : 0, etpt: inside ? scale(etpt({ quotiteBp: a.quotiteBp, start, end }, year), al.shareBp) : fraction(0, 1) };
      })
      .filter((x) => x.weight > 0);
    if (inKind.length === 0) continue;
    const aEtpt = assignmentEtpt(a, year);
    const parts = splitLargestRemainder(assignmentCost(a, year), inKind.map((x) => x.weight));
    const totalWeight = inKind.reduce((t, x) => t + x.weight, 0);
    inKind.forEach((x, i) => {
      const s = bySource.get(x.al.fundingSourceId) ?? { parts: [], people: new Set<number>(), cents: 0 };
      bySource.set(x.al.fundingSourceId, s);
      // The person's whole ETPT of the year, shared between the in-kind sources like the value.
      s.parts.push(fraction(BigInt(aEtpt.num) * BigInt(x.weight), BigInt(aEtpt.den) * BigInt(totalWeight)));
      s.people.add(a.memberId);
      s.cents += parts[i];
    });
  }
  // Aggregate view: a source of 3 people or more is shown unless the seconded people outside the
  // shown sources are 1 or 2 (the board reads the in-kind total of all seconded staff in the staff
  // summary: the total minus the shown sources would give their value back); the smallest shown
  // source is then withheld too, until the rest is 0 or at least 3 people.
  const shown = new Set([...bySource.entries()].filter(([, s]) => !isStaffCostMasked(s.people.size)).map(([id]) => id));
  if (input.detail === 'aggregate') {
    for (;;) {
      const covered = new Set([...shown].flatMap((id) => [...bySource.get(id)!.people]));
      const rest = [...seconded].filter((m) => !covered.has(m)).length;
      if (shown.size === 0 || !isStaffCostMasked(rest)) break;
      const smallest = [...shown].sort((x, y) => bySource.get(x)!.people.size - bySource.get(y)!.people.size || x - y)[0];
      shown.delete(smallest);
    }
  }
  return [...bySource.entries()]
    .map(([fundingSourceId, s]) => {
      const masked = input.detail === 'aggregate' && !shown.has(fundingSourceId) ? ('fewer_than_3_people' as const) : null;
      return { fundingSourceId, year, etpt: show(sumFractions(s.parts)), headcount: s.people.size, valueCents: masked ? null : s.cents, valueMasked: masked };
    })
    .sort((x, y) => x.fundingSourceId - y.fundingSourceId);
}

export function buildStaffSummary(input: {
  year: number;
  rows: readonly StaffYearRow[];
  ceiling: StaffCeiling | undefined;
  otherInKindTotalCents: number;
  detail: 'full' | 'aggregate';
  /** The other years' lines with their people: a line is merged with the same others in every year (`planAcrossYears`). */
  otherYears?: readonly { year: number; lines: readonly PersonnelLineInput[] }[];
}): StaffSummary {
  const { year } = input;
  const assignments = assignmentsOf(input.rows);

  const people = new Map<number, Bucket & { status: Assignment['status'] }>();
  const lines = new Map<number, LineBucket>();
  const funders = new Map<number, Bucket>();
  const missions = new Map<string, Bucket>();
  const posts = new Map<MigPost, { parts: Fraction[]; covered: [string, string][] }>(MIG_POSTS.map((p) => [p, { parts: [], covered: [] }]));
  const seconded = new Map<string, Bucket & { employerLabel: string; employerKind: Assignment['employerKind'] }>();
  const paidByGrouping: Fraction[] = [];
  const secondedWithout: Fraction[] = [];
  const all: Fraction[] = [];
  let totalCost = 0;

  for (const a of assignments.values()) {
    const aEtpt = assignmentEtpt(a, year);
    const cost = assignmentCost(a, year);
    totalCost += cost;
    all.push(aEtpt);

    const person = people.get(a.memberId) ?? Object.assign(new Bucket(a.name), { status: a.status });
    people.set(a.memberId, person);
    person.parts.push(aEtpt);
    person.cents += cost;

    (PAID_BY_GROUPING.has(a.status) ? paidByGrouping : secondedWithout).push(aEtpt);
    if (a.status === 'seconded_without') {
      const key = `${a.employerKind}\u0000${a.employerLabel}`;
      const s = seconded.get(key) ?? Object.assign(new Bucket(a.employerLabel), { employerLabel: a.employerLabel, employerKind: a.employerKind });
      seconded.set(key, s);
      s.parts.push(aEtpt);
      s.people.add(a.memberId);
      s.cents += cost;
    }
    if (a.migPost) {
      const post = posts.get(a.migPost)!;
      post.parts.push(aEtpt);
      const from = later(a.startOn, `${year}-01-01`);
      const to = earlier(a.endOn, `${year}-12-31`)!;
      if (from <= to) post.covered.push([from, to]);
    }

    // Each allocation, clipped to the assignment: its ETPT, and its weight (share × days) in the cost.
    const clipped = a.allocations.map((al) => {
      const start = later(al.fromOn, a.startOn);
      const end = earlier(al.toOn, a.endOn);
      const inside = end === null || start <= end;
      const days = inside ? daysWorkedIn({ start, end }, year) : 0;
      return { al, etpt: inside ? scale(etpt({ quotiteBp: a.quotiteBp, start, end }, year), al.shareBp) : fraction(0, 1), weight: al.shareBp * days };
    });
    const weights = clipped.map((c) => c.weight);
    const parts = weights.some((w) => w > 0) ? splitLargestRemainder(cost, weights) : weights.map(() => 0);
    clipped.forEach((c, i) => {
      if (c.weight === 0) return;
      const { al } = c;
      const line =
        lines.get(al.budgetLineId) ??
        Object.assign(new Bucket(al.lineLabel), { code: al.lineCode, funderKey: al.funderCode ?? String(al.fundingSourceId), funderLabel: al.funderLabel, missionArea: al.missionArea, funderIds: new Set<number>(), missions: new Set<string>() });
      line.funderIds.add(al.fundingSourceId);
      line.missions.add(al.missionArea);
      lines.set(al.budgetLineId, line);
      const funder = bucket(funders, al.fundingSourceId, al.funderLabel);
      const mission = bucket(missions, al.missionArea, al.missionLabel);
      for (const b of [line, funder, mission]) {
        b.parts.push(c.etpt);
        b.people.add(a.memberId);
        b.cents += parts[i];
      }
    });
  }

  const paidEtpt = sumFractions(paidByGrouping);
  const ceilingBp = input.ceiling?.ceilingEtptBp ?? null;
  const byCode = <T extends { key: string }>(xs: T[]) => xs.sort((x, y) => x.key.localeCompare(y.key));
  // A cost over 1 or 2 people is withheld from the aggregate view.
  const masked = (people: number) => (input.detail === 'aggregate' && isStaffCostMasked(people) ? ('fewer_than_3_people' as const) : null);
  const cents = (value: number, people: number) => (masked(people) ? null : value);
  const lineView = byLine(lines, input.detail, year, input.otherYears ?? []);
  /**
   * In the aggregate view a funder's or mission area's cost is shown only when it is a sum of the
   * items of the per-line table (lines of at least 3 people, groups): a funder none of whose lines
   * was merged across funders, a mission area none of whose lines was merged or split across areas.
   * Otherwise (funder − its other lines, area − its other lines) a subtraction would give back the
   * cost of a merged line of 1 or 2 people.
   */
  const crossesGroups = (belongs: (l: LineBucket) => boolean, sameItem: (id: number, l: LineBucket) => boolean) =>
    input.detail === 'aggregate' && [...lines.entries()].some(([id, l]) => belongs(l) && !sameItem(id, l));
  const group = (key: string, b: Bucket, crosses = false) => ({
    key,
    label: b.label,
    etpt: show(sumFractions(b.parts)),
    headcount: b.people.size,
    costCents: crosses ? null : cents(b.cents, b.people.size),
    costMasked: crosses ? ('fewer_than_3_people' as const) : masked(b.people.size),
  });
  const secondedPeople = new Set([...seconded.values()].flatMap((s) => [...s.people])).size;
  const secondedTotal = [...seconded.values()].reduce((t, s) => t + s.cents, 0);

  return {
    year,
    detail: input.detail,
    people:
      input.detail === 'full'
        ? [...people.entries()].map(([id, p]) => ({ staffMemberId: id, name: p.label, status: p.status, etpt: show(sumFractions(p.parts)), costCents: p.cents }))
        : null,
    headcount: people.size,
    totalEtpt: show(sumFractions(all)),
    totalCostCents: totalCost,
    byLine: lineView.byLine,
    staffCostNote: lineView.staffCostNote,
    byFunder: byCode(
      [...funders.entries()].map(([id, f]) =>
        group(
          String(id),
          f,
          crossesGroups(
            (l) => l.funderIds.has(id),
            (lineId, l) => l.funderIds.size === 1 && (!lineView.plan.groupOf.has(lineId) || lineView.plan.groupOf.get(lineId)!.funderKey === l.funderKey),
          ),
        ),
      ),
    ),
    byMission: byCode(
      [...missions.entries()].map(([code, m]) =>
        group(
          code,
          m,
          crossesGroups(
            (l) => l.missions.has(code),
            (lineId, l) => l.missions.size === 1 && !lineView.plan.groupOf.has(lineId),
          ),
        ),
      ),
    ),
    migPosts: MIG_POSTS.map((post) => {
      const { parts, covered } = posts.get(post)!;
      return { post, label: migPostLabels[post], fundedEtp: 1, etpt: show(sumFractions(parts)), vacancies: vacancies(year, covered) };
    }),
    ceiling: {
      ceilingEtptBp: ceilingBp,
      version: input.ceiling?.version ?? null,
      paidByGroupingEtpt: show(paidEtpt),
      secondedWithoutReimbursementEtpt: show(sumFractions(secondedWithout)),
      overCeiling: ceilingBp !== null && BigInt(paidEtpt.num) * FULL_BP > BigInt(ceilingBp) * BigInt(paidEtpt.den),
    },
    secondedInKind: secondedRows(
      [...seconded.values()].map((s) => ({
        employerLabel: s.employerLabel,
        employerKind: s.employerKind,
        etpt: show(sumFractions(s.parts)),
        headcount: s.people.size,
        valueCents: s.cents,
      })),
      input.detail === 'full' ? 'full' : !isStaffCostMasked(secondedPeople),
    ),
    secondedInKindTotalCents: cents(secondedTotal, secondedPeople),
    secondedInKindTotalMasked: masked(secondedPeople),
    otherInKindTotalCents: input.otherInKindTotalCents,
  };
}

type SecondedRow = Omit<StaffSummary['secondedInKind'][number], 'valueMasked'>;

/**
 * The in-kind secondments by employer. In the aggregate view an employer of 1 or 2 people is
 * masked; and when the total is shown and the masked employers hold 1 or 2 people in all, the
 * smallest shown employer is masked too (secondary suppression), so that the total minus the shown
 * rows never gives back the cost of 1 or 2 people.
 */
function secondedRows(rows: readonly SecondedRow[], aggregateWithTotal: boolean | 'full'): StaffSummary['secondedInKind'] {
  const sorted = [...rows].sort((x, y) => x.employerLabel.localeCompare(y.employerLabel));
  if (aggregateWithTotal === 'full') return sorted.map((r) => ({ ...r, valueMasked: null }));
  const hidden = new Set(sorted.filter((r) => isStaffCostMasked(r.headcount)));
  const hiddenPeople = [...hidden].reduce((n, r) => n + r.headcount, 0);
  if (aggregateWithTotal && hiddenPeople > 0 && isStaffCostMasked(hiddenPeople)) {
    const next = sorted.filter((r) => !hidden.has(r)).sort((x, y) => x.headcount - y.headcount || (x.valueCents ?? 0) - (y.valueCents ?? 0))[0];
    if (next) hidden.add(next);
  }
  return sorted.map((r) => (hidden.has(r) ? { ...r, valueCents: null, valueMasked: 'fewer_than_3_people' as const } : { ...r, valueMasked: null }));
}

/** The cost per budget line: every line for finance, lines of 1 or 2 people merged in the aggregate view. */
type LineBucket = Bucket & { code: string; funderKey: string; funderLabel: string; missionArea: string; funderIds: Set<number>; missions: Set<string> };

function byLine(
  lines: ReadonlyMap<number, LineBucket>,
  detail: 'full' | 'aggregate',
  year: number,
  otherYears: readonly { year: number; lines: readonly PersonnelLineInput[] }[],
): Pick<StaffSummary, 'byLine' | 'staffCostNote'> & { plan: PersonnelDisclosure } {
  const row = (id: number, code: string, label: string, parts: Fraction[], costCents: number, headcount: number) => ({ budgetLineId: id, code, label, etpt: show(sumFractions(parts)), costCents, headcount });
  const own = [...lines.entries()].map(([id, l]) => ({ id, code: l.code, funderKey: l.funderKey, funderLabel: l.funderLabel, missionArea: l.missionArea, people: [...l.people] }));
  const plan = planAcrossYears([...otherYears, { year, lines: own }], year);
  if (detail === 'full') {
    return { byLine: [...lines.entries()].map(([id, l]) => row(id, l.code, l.label, l.parts, l.cents, l.people.size)).sort((x, y) => x.code.localeCompare(y.code)), staffCostNote: null, plan };
  }
  const shown = [...lines.entries()].filter(([id]) => !plan.groupOf.has(id)).map(([id, l]) => row(id, l.code, l.label, l.parts, l.cents, l.people.size));
  const groups = plan.groups.map((g, i) => {
    const members = g.lineIds.map((id) => lines.get(id)!);
    return row(-(i + 1), g.key, `${g.label} (${g.lineCodes.join(', ')})`, members.flatMap((m) => m.parts), members.reduce((t, m) => t + m.cents, 0), g.headcount);
  });
  return { byLine: [...shown, ...groups].sort((x, y) => x.code.localeCompare(y.code)), staffCostNote: plan.groups.length > 0 ? STAFF_COST_GROUP_NOTE : null, plan };
}

/** The days of the year no assignment covers: periods with their first and last day. */
function vacancies(year: number, covered: [string, string][]): { from: string; to: string; days: number }[] {
  const gaps: { from: string; to: string; days: number }[] = [];
  let cursor = `${year}-01-01`;
  const lastDay = `${year}-12-31`;
  for (const [from, to] of [...covered].sort((x, y) => x[0].localeCompare(y[0]))) {
    if (from > cursor) gaps.push({ from: cursor, to: shiftDay(from, -1), days: overlapDays(cursor, shiftDay(from, -1), cursor, shiftDay(from, -1)) });
    if (to >= cursor) cursor = shiftDay(to, 1);
    if (cursor > lastDay) return gaps;
  }
  gaps.push({ from: cursor, to: lastDay, days: overlapDays(cursor, lastDay, cursor, lastDay) });
  return gaps;
}
