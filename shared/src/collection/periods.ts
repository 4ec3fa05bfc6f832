/**
 * Reporting periods: `YYYY` (year), `YYYY-Qn` (quarter 1 to 4), `YYYY-MM` (month 01 to 12).
 *
 * Dates are `YYYY-MM-DD` strings; all arithmetic goes through UTC day numbers, so the local
 * time zone (Paris, Martinique, La Réunion…) never shifts a day. Pure: no Node or browser API.
 */

export const PERIOD_TYPES = ['month', 'quarter', 'year'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export interface Period {
  /** The canonical code: `2026`, `2026-Q2`, `2026-05`. */
  readonly code: string;
  readonly type: PeriodType;
  readonly year: number;
  /** 1-based: month 1–12, quarter 1–4, year 1. */
  readonly index: number;
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day (inclusive), `YYYY-MM-DD`. */
  readonly end: string;
}

/** An invalid period code, date or argument; the message is French. */
export class PeriodError extends Error {
  override readonly name = 'PeriodError';
}

/** Four-digit years from 1000 to 9999 (no year 0 or negative years to get wrong). */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const PERIOD_PATTERN = /^([1-9]\d{3})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const MONTH_NAMES = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

const PERIOD_FORMAT_HINT = 'formats attendus AAAA (année), AAAA-Qn (trimestre 1 à 4) ou AAAA-MM (mois 01 à 12)';

// ---- Day numbers (days since 1970-01-01, UTC) ----

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function dayNumber(year: number, month: number, day: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; MIN_YEAR keeps us away from that.
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoOfDay(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** The day number of a `YYYY-MM-DD` date, checked to exist; throws PeriodError. */
function dayOf(iso: unknown, what = 'Date'): number {
  const match = typeof iso === 'string' ? DATE_PATTERN.exec(iso) : null;
  if (!match) throw new PeriodError(`${what} invalide « ${String(iso)} » : format AAAA-MM-JJ attendu.`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const n = dayNumber(year, month, day);
  if (year < MIN_YEAR) throw new PeriodError(`${what} hors limites : ${iso} (années ${MIN_YEAR} à ${MAX_YEAR}).`);
  if (isoOfDay(n) !== iso) {
    throw new PeriodError(`${what} invalide : le ${String(iso)} n’existe pas.`);
  }
  return n;
}

const lastDayOfMonth = (year: number, month: number) => dayNumber(year, month + 1, 1) - 1;

// ---- Building periods ----

function periodCode(type: PeriodType, year: number, index: number): string {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new PeriodError(`Année hors limites : ${year} (de ${MIN_YEAR} à ${MAX_YEAR}).`);
  }
  if (type === 'year') return String(year);
  if (type === 'quarter') return `${year}-Q${index}`;
  return `${year}-${pad(index, 2)}`;
}

function build(type: PeriodType, year: number, index: number): Period {
  const code = periodCode(type, year, index);
  const [firstMonth, lastMonth] = type === 'year' ? [1, 12] : type === 'quarter' ? [3 * index - 2, 3 * index] : [index, index];
  return {
    code,
    type,
    year,
    index,
    start: isoOfDay(dayNumber(year, firstMonth, 1)),
    end: isoOfDay(lastDayOfMonth(year, lastMonth)),
  };
}

function assertType(type: unknown): asserts type is PeriodType {
  if (!(PERIOD_TYPES as readonly unknown[]).includes(type)) {
    throw new PeriodError(`Type de période inconnu « ${String(type)} » : month, quarter ou year attendu.`);
  }
}

/** Whether `code` is a valid period code (canonical form only: `2026-Q1`, not `2026-q1` or `2026-1`). */
export function isPeriodCode(code: unknown): code is string {
  return typeof code === 'string' && PERIOD_PATTERN.test(code);
}

/** Parses a period code; throws PeriodError with a French message when it is invalid. */
export function parsePeriod(code: string): Period {
  const match = typeof code === 'string' ? PERIOD_PATTERN.exec(code) : null;
  if (!match) throw new PeriodError(`Code de période invalide « ${String(code)} » : ${PERIOD_FORMAT_HINT}.`);
  const year = Number(match[1]);
  if (match[2] !== undefined) return build('quarter', year, Number(match[2]));
  if (match[3] !== undefined) return build('month', year, Number(match[3]));
  return build('year', year, 1);
}

const countOf = (type: PeriodType) => (type === 'year' ? 1 : type === 'quarter' ? 4 : 12);

/** The periods of a type in a year, in order: `periodsOfYear(2026, 'quarter')` → `2026-Q1` … `2026-Q4`. */
export function periodsOfYear(year: number, type: PeriodType): string[] {
  assertType(type);
  return Array.from({ length: countOf(type) }, (_, i) => periodCode(type, year, i + 1));
}

/** The period of a type that holds a date: `periodOf('2026-05-15', 'quarter')` → `2026-Q2`. */
export function periodOf(dateIso: string, type: PeriodType): string {
  assertType(type);
  dayOf(dateIso);
  const year = Number(dateIso.slice(0, 4));
  const month = Number(dateIso.slice(5, 7));
  if (type === 'year') return periodCode(type, year, 1);
  if (type === 'quarter') return periodCode(type, year, Math.ceil(month / 3));
  return periodCode(type, year, month);
}

/** The period of the same type just before: `2026-Q1` → `2025-Q4`, `2026-01` → `2025-12`. */
export function previousPeriod(code: string): string {
  const p = parsePeriod(code);
  if (p.index > 1) return periodCode(p.type, p.year, p.index - 1);
  return periodCode(p.type, p.year - 1, countOf(p.type));
}

/** The period of the same type just after: `2025-Q4` → `2026-Q1`. */
export function nextPeriod(code: string): string {
  const p = parsePeriod(code);
  if (p.index < countOf(p.type)) return periodCode(p.type, p.year, p.index + 1);
  return periodCode(p.type, p.year + 1, 1);
}

/** The same period one year earlier, for year-over-year comparison: `2026-Q2` → `2025-Q2`. */
export function samePeriodLastYear(code: string): string {
  const p = parsePeriod(code);
  return periodCode(p.type, p.year - 1, p.index);
}

/** Whether `outer` covers `inner` entirely: a year its quarters and months, a quarter its months, any period itself. */
export function periodContains(outer: string, inner: string): boolean {
  const o = parsePeriod(outer);
  const i = parsePeriod(inner);
  return o.start <= i.start && i.end <= o.end;
}

/**
 * The periods of `type` that `outer` contains, in order: the quarters of a year, the months of a
 * quarter, the period itself when `type` is its own type; none when `type` is coarser (no year
 * lies within a quarter).
 */
export function periodsWithin(outer: string, type: PeriodType): string[] {
  assertType(type);
  const o = parsePeriod(outer);
  return periodsOfYear(o.year, type).filter((code) => periodContains(outer, code));
}

/** Number of days in the period (365 or 366 for a year, 90 to 92 for a quarter, 28 to 31 for a month). */
export function daysInPeriod(code: string): number {
  const p = parsePeriod(code);
  return dayOf(p.end) - dayOf(p.start) + 1;
}

/** French label: `Année 2026`, `1er trimestre 2026`, `2e trimestre 2026`, `mars 2026`. */
export function periodLabel(code: string): string {
  const p = parsePeriod(code);
  if (p.type === 'year') return `Année ${p.year}`;
  if (p.type === 'quarter') return `${p.index === 1 ? '1er' : `${p.index}e`} trimestre ${p.year}`;
  return `${MONTH_NAMES[p.index - 1]} ${p.year}`;
}

/** Short French label for table headers: `2026`, `T1 2026`, `03/2026`. */
export function periodShortLabel(code: string): string {
  const p = parsePeriod(code);
  if (p.type === 'year') return String(p.year);
  if (p.type === 'quarter') return `T${p.index} ${p.year}`;
  return `${pad(p.index, 2)}/${p.year}`;
}

/** Days of the period on which a unit open from `openedOn` to `closedOn` (both inclusive) was open. */
function openDays(period: string, openedOn: string, closedOn: string | null): { open: number; total: number } {
  const p = parsePeriod(period);
  const opened = dayOf(openedOn, 'Date d’ouverture');
  const closed = closedOn === null ? Number.POSITIVE_INFINITY : dayOf(closedOn, 'Date de fermeture');
  if (closed < opened) throw new PeriodError('La date de fermeture doit suivre la date d’ouverture.');
  const start = dayOf(p.start);
  const end = dayOf(p.end);
  const first = Math.max(start, opened);
  const last = Math.min(end, closed);
  return { open: Math.max(0, last - first + 1), total: end - start + 1 };
}

/**
 * Whether a unit was open on at least one day of a period (open from `openedOn` inclusive to
 * `closedOn` inclusive; `null` while it is still open). Being open is not enough to owe a form:
 * `unitExpectedFor` (expected-forms.ts) also asks that something be due for the period.
 * Throws PeriodError on an invalid period or date, or a closing date before the opening date.
 */
export function unitOpenDuring(period: string, openedOn: string, closedOn: string | null): boolean {
  return openDays(period, openedOn, closedOn).open > 0;
}

/**
 * Share (0 to 1) of the period's days on which the unit was open, to weigh completeness for units
 * that open or close during the period: a unit opening 2026-05-15 counts 47/91 of 2026-Q2.
 */
export function openDaysShare(period: string, openedOn: string, closedOn: string | null): number {
  const { open, total } = openDays(period, openedOn, closedOn);
  return open / total;
}

/** The due date of a period's report, `daysAfterEnd` days after its last day: `dueDateOf('2026-Q1', 30)` → `2026-04-30`. */
export function dueDateOf(period: string, daysAfterEnd: number): string {
  if (!Number.isInteger(daysAfterEnd) || daysAfterEnd < 0 || daysAfterEnd > 3660) {
    throw new PeriodError('Le délai de transmission doit être un nombre entier de jours, de 0 à 3 660.');
  }
  const p = parsePeriod(period);
  return isoOfDay(dayOf(p.end) + daysAfterEnd);
}
