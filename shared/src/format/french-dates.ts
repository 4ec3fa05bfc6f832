/**
 * French (fr-FR) display of dates, the one place for client, server and reports. Calendar dates
 * (`YYYY-MM-DD`) are read in UTC so no time zone shifts a day; instants (a `Date`) are shown in
 * Paris time, where CN2R works, unless `{ timeZone: 'local' }` asks for the browser's zone.
 */
import { dayNumber } from '../finance/days.js';

/** French display of a `YYYY-MM-DD` date: `2026-03-01` → `01/03/2026`; a RangeError if it does not exist. */
export function formatDateFr(iso: string): string {
  dayNumber(iso);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** A `YYYY-MM-DD` date in words, as in sentences: `2026-03-01` → `1er mars 2026`, `2026-03-02` → `2 mars 2026`. */
export function formatLongDateFr(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return LONG_DATE.format(new Date(Date.UTC(y, m - 1, d))).replace(/^1 /, '1er ');
}

const SHORT_MONTH = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'short', year: 'numeric' });

/** A month `YYYY-MM` (or the month of a `YYYY-MM-DD` date) in short words: `2025-03` → `mars 2025`, `2025-01` → `janv. 2025`. */
export function formatMonthFr(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return SHORT_MONTH.format(new Date(Date.UTC(y, m - 1, 1)));
}

export interface FrenchInstantOptions {
  /** `short` (default): `06/12/2026`; `long`: `6 décembre 2026`. */
  readonly date?: 'short' | 'long';
  /** `short` (default): `22:45`; `medium`: with seconds, `22:45:10`; `none`: the date alone. */
  readonly time?: 'short' | 'medium' | 'none';
  /** `Europe/Paris` (default), or `local`: the zone of the machine (the user's browser). */
  readonly timeZone?: 'Europe/Paris' | 'local';
}

const instantFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant in French: `06/12/2026 22:45` by default, `6 décembre 2026 à 22:45` with `{ date: 'long' }`. */
export function formatInstantFr(instant: Date | string | number, options: FrenchInstantOptions = {}): string {
  const date = options.date ?? 'short';
  const time = options.time ?? 'short';
  const zone = options.timeZone ?? 'Europe/Paris';
  const key = `${date}|${time}|${zone}`;
  let format = instantFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', {
      dateStyle: date,
      ...(time === 'none' ? {} : { timeStyle: time }),
      ...(zone === 'local' ? {} : { timeZone: zone }),
    });
    instantFormatters.set(key, format);
  }
  return format.format(typeof instant === 'object' ? instant : new Date(instant));
}
