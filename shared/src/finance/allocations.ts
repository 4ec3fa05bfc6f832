/**
 * How an assignment (a person’s post) is charged: effective-dated allocations, each a share in
 * basis points of the post to a budget line, a funder and a mission area, from `from` to `to`
 * inclusive (`to` null: until further notice). On every day of the assignment the shares must
 * total exactly 100 %; this module says, in French, where they do not. Pure: no Node or browser API.
 */
import { assertSafeInteger } from './money.js';
import { FULL_SHARE_BP, formatPercent } from './shares.js';
import { dayNumber, isoOfDayNumber } from './days.js';
import { formatDateFr } from '../format/french-dates.js';

/** An assignment’s period: from `start` to `end` inclusive (`end` null: still under way). */
export interface AssignmentPeriod {
  readonly start: string;
  readonly end: string | null;
}

/** One effective-dated allocation of an assignment. */
export interface Allocation {
  /** First day, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day (inclusive), `YYYY-MM-DD`, or null until further notice. */
  readonly to: string | null;
  /** Share of the post, 0 to 10 000 bp. */
  readonly shareBp: number;
  /** The budget line charged. */
  readonly lineKey?: string | null;
  /** The funder (MIG H15, a ministry…). */
  readonly funderKey?: string | null;
  /** The mission area (destination). */
  readonly missionKey?: string | null;
}

/**
 * - `gap`: no share at all on days of the assignment;
 * - `under` / `over`: shares totalling less / more than 100 % (overlapping allocations);
 * - `outside`: shares on days outside the assignment;
 * - `invalid`: an allocation ending before it starts (ignored by the other checks).
 */
export type AllocationProblemKind = 'gap' | 'under' | 'over' | 'outside' | 'invalid';

export interface AllocationProblem {
  readonly kind: AllocationProblemKind;
  /** First day of the problem period, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day of the problem period, `YYYY-MM-DD`; null when it runs with no end. */
  readonly to: string | null;
  /** The shares’ total on those days (the row’s share for `invalid`). */
  readonly totalBp: number;
  /** For `invalid`: the index of the allocation in the list given. */
  readonly index?: number;
  readonly message: string;
}

const HUNDRED = formatPercent(FULL_SHARE_BP);

/** `Du 01/03/2026 au 31/03/2026`, `Le 01/03/2026`, `À partir du 01/03/2026`. */
function periodText(from: number, to: number): string {
  const first = formatDateFr(isoOfDayNumber(from));
  if (to === Number.POSITIVE_INFINITY) return `À partir du ${first}`;
  if (to === from) return `Le ${first}`;
  return `Du ${first} au ${formatDateFr(isoOfDayNumber(to))}`;
}

function assignmentText(start: number, end: number): string {
  const first = formatDateFr(isoOfDayNumber(start));
  return end === Number.POSITIVE_INFINITY ? `à partir du ${first}` : `du ${first} au ${formatDateFr(isoOfDayNumber(end))}`;
}

function message(kind: AllocationProblemKind, from: number, to: number, totalBp: number, start: number, end: number): string {
  const when = periodText(from, to);
  switch (kind) {
    case 'gap':
      return `${when}, aucune part n’est affectée (0\u00A0% au lieu de ${HUNDRED}).`;
    case 'outside':
      return `${when}, des parts totalisant ${formatPercent(totalBp)} sont affectées hors de la période de l’affectation (${assignmentText(start, end)}).`;
    default:
      return `${when}, les parts totalisent ${formatPercent(totalBp)} au lieu de ${HUNDRED}.`;
  }
}

/**
 * The problems of an assignment’s allocations, in date order (invalid rows first): every period
 * where the shares do not total exactly 10 000 bp within the assignment, or are not zero outside
 * it, with its first and last day; consecutive days with the same total make one problem:
 * « Du 01/03/2026 au 31/03/2026, les parts totalisent 80 % au lieu de 100 %. »
 * An empty list means the allocations cover the assignment exactly. Throws a RangeError on a
 * malformed date or share (0 to 10 000 bp) or an assignment ending before it starts.
 */
export function checkAllocationCoverage(assignment: AssignmentPeriod, allocations: readonly Allocation[]): AllocationProblem[] {
  const start = dayNumber(assignment.start, 'Début de l’affectation');
  const end = assignment.end === null ? Number.POSITIVE_INFINITY : dayNumber(assignment.end, 'Fin de l’affectation');
  if (end < start) {
    throw new RangeError(`Affectation invalide : la fin (${formatDateFr(assignment.end!)}) précède le début (${formatDateFr(assignment.start)}).`);
  }
  const problems: AllocationProblem[] = [];
  // Day → change of the total on that day; breakpoints also at the assignment’s bounds.
  const deltas = new Map<number, number>([[start, 0]]);
  if (end !== Number.POSITIVE_INFINITY) deltas.set(end + 1, 0);
  allocations.forEach((allocation, index) => {
    assertSafeInteger(allocation.shareBp, `Part de la ligne ${index + 1}`);
    if (allocation.shareBp < 0 || allocation.shareBp > FULL_SHARE_BP) {
      throw new RangeError(`Part de la ligne ${index + 1} hors limites : ${allocation.shareBp} points de base (de 0 à 10 000).`);
    }
    const from = dayNumber(allocation.from, `Début de la ligne ${index + 1}`);
    const to = allocation.to === null ? Number.POSITIVE_INFINITY : dayNumber(allocation.to, `Fin de la ligne ${index + 1}`);
    if (to < from) {
      problems.push({
        kind: 'invalid',
        from: allocation.from,
        to: allocation.to,
        totalBp: allocation.shareBp,
        index,
        message: `Ligne ${index + 1} : la fin (${formatDateFr(allocation.to!)}) précède le début (${formatDateFr(allocation.from)}).`,
      });
      return;
    }
    deltas.set(from, (deltas.get(from) ?? 0) + allocation.shareBp);
    if (to !== Number.POSITIVE_INFINITY) deltas.set(to + 1, (deltas.get(to + 1) ?? 0) - allocation.shareBp);
  });

  const days = [...deltas.keys()].sort((a, b) => a - b);
  let total = 0;
  let open: { kind: AllocationProblemKind; from: number; to: number; totalBp: number } | null = null;
  const close = () => {
    if (!open) return;
    problems.push({
      kind: open.kind,
      from: isoOfDayNumber(open.from),
      to: open.to === Number.POSITIVE_INFINITY ? null : isoOfDayNumber(open.to),
      totalBp: open.totalBp,
      message: message(open.kind, open.from, open.to, open.totalBp, start, end),
    });
    open = null;
  };
  days.forEach((day, k) => {
    total += deltas.get(day)!;
    const last = k + 1 < days.length ? days[k + 1] - 1 : Number.POSITIVE_INFINITY;
    const inside = day >= start && day <= end;
    const kind: AllocationProblemKind | null = inside
      ? total === FULL_SHARE_BP
        ? null
        : total === 0
          ? 'gap'
          : total < FULL_SHARE_BP
            ? 'under'
            : 'over'
      : total === 0
        ? null
        : 'outside';
    if (open && (kind !== open.kind || total !== open.totalBp)) close();
    if (kind === null) return;
    if (open) open.to = last;
    else open = { kind, from: day, to: last, totalBp: total };
  });
  close();
  return problems;
}
