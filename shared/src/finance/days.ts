/**
 * Calendar days for the finance module: `YYYY-MM-DD` strings read as UTC day numbers (days since
 * 1970-01-01), so no time zone ever shifts a day. Invalid dates throw a RangeError with a French
 * message. Pure: no Node or browser API.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** Four-digit years, as in the collection periods. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The day number of a `YYYY-MM-DD` date, checked to exist; a RangeError otherwise. */
export function dayNumber(iso: unknown, what = 'Date'): number {
  const match = typeof iso === 'string' ? DATE_PATTERN.exec(iso) : null;
  if (!match) throw new RangeError(`${what} invalide « ${String(iso)} » : format AAAA-MM-JJ attendu.`);
  const year = Number(match[1]);
  if (year < MIN_YEAR) throw new RangeError(`${what} hors limites : ${iso} (années ${MIN_YEAR} à ${MAX_YEAR}).`);
  const n = Date.UTC(year, Number(match[2]) - 1, Number(match[3])) / DAY_MS;
  if (isoOfDayNumber(n) !== iso) throw new RangeError(`${what} invalide : le ${iso} n’existe pas.`);
  return n;
}

/** The `YYYY-MM-DD` date of a day number. */
export function isoOfDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Throws a RangeError unless `year` is an integer from 1000 to 9999. */
export function assertYear(year: unknown): asserts year is number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Année invalide : ${String(year)} (de ${MIN_YEAR} à ${MAX_YEAR}).`);
  }
}

/** First and last day numbers (inclusive) of a calendar year. */
export function yearDayNumbers(year: number): { first: number; last: number } {
  assertYear(year);
  return { first: Date.UTC(year, 0, 1) / DAY_MS, last: Date.UTC(year, 11, 31) / DAY_MS };
}
