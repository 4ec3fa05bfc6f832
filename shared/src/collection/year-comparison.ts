import { parsePeriod, periodsOfYear, periodsWithin, samePeriodLastYear } from './periods.js';

/**
 * Which periods a year-over-year comparison may put side by side: a year is compared whole only
 * once it has ended; before that, the quarters ended so far (and their months) are compared with
 * the same quarters of the year before — never three quarters with four. Pure.
 */
export interface YearComparison {
  /** Every period of the year has ended on `today`. */
  readonly complete: boolean;
  readonly periods: readonly string[];
  readonly previousPeriods: readonly string[];
  /** What each side covers: « 2025 » / « 2024 », « T1–T3 2026 » / « T1–T3 2025 ». */
  readonly currentLabel: string;
  readonly previousLabel: string;
  /** « 2025 contre 2024 », « T1–T3 2026 contre T1–T3 2025 », « T1 2026 contre T1 2025 ». */
  readonly label: string;
}

/** The last year whose periods have all ended on `today` (`YYYY-MM-DD`): the year before today's. */
export function lastCompleteYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

const quarterSpan = (count: number, year: number) => (count === 1 ? `T1 ${year}` : `T1–T${count} ${year}`);

/** The periods of `year` to compare with `year − 1` on `today` (see YearComparison). */
export function yearComparison(year: number, today: string): YearComparison {
  if (today > `${year}-12-31`) {
    return { complete: true, periods: [String(year)], previousPeriods: [String(year - 1)], currentLabel: String(year), previousLabel: String(year - 1), label: `${year} contre ${year - 1}` };
  }
  const quarters = periodsOfYear(year, 'quarter').filter((q) => parsePeriod(q).end < today);
  const periods = quarters.flatMap((q) => [...periodsWithin(q, 'month'), q]);
  const none = quarters.length === 0;
  const currentLabel = none ? String(year) : quarterSpan(quarters.length, year);
  const previousLabel = none ? String(year - 1) : quarterSpan(quarters.length, year - 1);
  return {
    complete: false,
    periods,
    previousPeriods: periods.map(samePeriodLastYear),
    currentLabel,
    previousLabel,
    label: none ? `aucun trimestre de ${year} n’est terminé` : `${currentLabel} contre ${previousLabel}`,
  };
}
