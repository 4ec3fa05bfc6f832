import { type AssignmentPeriod, FULL_SHARE_BP } from '@cn2r/shared';

const DAY_MS = 86_400_000;
/** `YYYY-MM-DD` as a UTC day number (days since 1970-01-01): no time zone shifts a day. */
const dayNumber = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const isoOfDayNumber = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** One row of the editor as the totals need it; rows with a missing or malformed date or share are left out. */
export interface AllocationShare {
  readonly from: string | null;
  readonly to: string | null;
  readonly shareBp: number | null;
}

export interface AllocationPeriodTotal {
  readonly from: string;
  /** Last day, inclusive; null when the period runs with no end. */
  readonly to: string | null;
  readonly totalBp: number;
  readonly ok: boolean;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The total of the shares on each period of the assignment where it is constant, in date order:
 * the live « per period » view of the allocation editor (100 % every day is the rule). Periods are
 * split at every row's first day and the day after its last; consecutive periods with the same
 * total are merged.
 */
export function allocationPeriodTotals(assignment: AssignmentPeriod, rows: readonly AllocationShare[]): AllocationPeriodTotal[] {
  if (!ISO.test(assignment.start) || (assignment.end !== null && !ISO.test(assignment.end))) return [];
  const start = dayNumber(assignment.start);
  const end = assignment.end === null ? Number.POSITIVE_INFINITY : dayNumber(assignment.end);
  if (end < start) return [];
  const deltas = new Map<number, number>([[start, 0]]);
  for (const row of rows) {
    if (!row.from || !ISO.test(row.from) || (row.to !== null && !ISO.test(row.to)) || row.shareBp === null || !Number.isSafeInteger(row.shareBp)) continue;
    const from = Math.max(dayNumber(row.from), start);
    const to = Math.min(row.to === null ? Number.POSITIVE_INFINITY : dayNumber(row.to), end);
    if (to < from) continue;
    deltas.set(from, (deltas.get(from) ?? 0) + row.shareBp);
    if (to !== Number.POSITIVE_INFINITY) deltas.set(to + 1, (deltas.get(to + 1) ?? 0) - row.shareBp);
  }
  const days = [...deltas.keys()].filter((day) => day <= end).sort((a, b) => a - b);
  const periods: { from: number; to: number; totalBp: number }[] = [];
  let total = 0;
  days.forEach((day, i) => {
    total += deltas.get(day)!;
    const last = i + 1 < days.length ? days[i + 1] - 1 : end;
    const previous = periods.at(-1);
    if (previous && previous.totalBp === total) previous.to = last;
    else periods.push({ from: day, to: last, totalBp: total });
  });
  return periods.map((p) => ({
    from: isoOfDayNumber(p.from),
    to: p.to === Number.POSITIVE_INFINITY ? null : isoOfDayNumber(p.to),
    totalBp: p.totalBp,
    ok: p.totalBp === FULL_SHARE_BP,
  }));
}
