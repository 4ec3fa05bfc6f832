/** Calendar dates travel as `YYYY-MM-DD`; the datepicker works with local `Date`s. */

const pad = (n: number) => String(n).padStart(2, '0');

/** A local `Date` as `YYYY-MM-DD` (no time zone shift: it reads the local calendar day). */
export function toIsoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD` as a local `Date` at midnight, or null for an empty or malformed value. */
export function fromIsoDate(value: string | null | undefined): Date | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return null;
  return new Date(+match[1], +match[2] - 1, +match[3]);
}

/** Today's local calendar day as `YYYY-MM-DD`. */
export function todayIso(): string {
  return toIsoDate(new Date());
}
