import type { FiscalYear } from '@cn2r/shared';

/** The fiscal years to choose from, most recent first. */
export function fiscalYearsDescending(fiscalYears: readonly FiscalYear[]): FiscalYear[] {
  return [...fiscalYears].sort((a, b) => b.year - a.year);
}

/**
 * The year to show: the `annee` query parameter when it names a fiscal year, else the current
 * year when it has one, else the most recent fiscal year; null when there is none.
 */
export function chosenFiscalYear(value: string | undefined, fiscalYears: readonly FiscalYear[], currentYear: number): number | null {
  if (fiscalYears.length === 0) return null;
  const years = fiscalYears.map((f) => f.year);
  const asked = value && /^\d{4}$/.test(value) ? Number(value) : null;
  if (asked !== null && years.includes(asked)) return asked;
  if (years.includes(currentYear)) return currentYear;
  return Math.max(...years);
}
