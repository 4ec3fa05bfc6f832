/**
 * Calendar dates (`YYYY-MM-DD`) as the server uses them (the clock, catalogue revisions, campaigns,
 * dashboards, completeness): today in Paris, and day arithmetic in UTC day numbers so that no time
 * zone shifts a day.
 */

import { formatLongDateFr } from '@cn2r/shared';

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

/** `2026-03-01` → `1er mars 2026` (error messages): the shared French long date. */
export const frenchDate = formatLongDateFr;
