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

/** A year of a yearly trend that has not ended on `today`: left out of the trend, its ended quarters named. */
export interface YearUnderWay {
  readonly year: number;
  /** The last quarter ended on `today` (`2026-Q3`); null when none has ended yet. */
  readonly throughPeriod: string | null;
  /** The quarters ended so far, « T1–T3 2026 », « T1 2026 »; null when none has ended. */
  readonly endedLabel: string | null;
}

/** The years a yearly trend draws, and the year it leaves out because it is under way. */
export interface YearlyTrendSpan {
  /** `length` complete years, oldest first, ending with the last complete year not after `year`. */
  readonly years: readonly number[];
  /** `year` when it has not ended on `today` (never drawn next to complete years), null otherwise. */
  readonly yearUnderWay: YearUnderWay | null;
}

/**
 * The years of a yearly trend asked for `year` on `today` (`YYYY-MM-DD`): complete years only, so a
 * year under way (three quarters) is never drawn as a point next to whole years as if equal. Pure.
 */
export function yearlyTrendSpan(year: number, today: string, length: number): YearlyTrendSpan {
  const last = Math.min(year, lastCompleteYear(today));
  const years = Array.from({ length }, (_, i) => last - length + 1 + i);
  if (last === year) return { years, yearUnderWay: null };
  const ended = periodsOfYear(year, 'quarter').filter((q) => parsePeriod(q).end < today);
  const through = ended.at(-1) ?? null;
  return { years, yearUnderWay: { year, throughPeriod: through, endedLabel: through === null ? null : quarterSpan(ended.length, year) } };
}
