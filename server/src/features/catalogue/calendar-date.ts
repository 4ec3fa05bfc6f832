/**
 * Calendar dates (`YYYY-MM-DD`) as the catalogue uses them: today in Paris, and day arithmetic in
 * UTC day numbers so that no time zone shifts a day.
 */

const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Paris, where CN2R works: `2026-11-23`. */
export function parisToday(now: Date = new Date()): string {
  return PARIS_DATE.format(now);
}

/** The date `days` days after (or before, when negative) `iso`. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `2026-03-01` → `1 mars 2026` (error messages). */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).replace(/^1 /, '1er ');
}
