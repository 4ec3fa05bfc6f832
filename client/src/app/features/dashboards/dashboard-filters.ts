import type { Domain } from '@cn2r/shared';

/**
 * The filters of the dashboards as they live in the URL (French names, like `annee` on the
 * budget page): `annee`, `periode`, `centres` (ids separated by commas), `domaine`, `financeur`.
 * Reading is forgiving: a value that does not parse is ignored, so an old link still opens.
 */
export interface DashboardFilterValues {
  readonly year: number;
  readonly period: string | null;
  readonly unitIds: number[];
  readonly domain: Domain | null;
  readonly fundingSourceId: number | null;
}

export interface DashboardQueryParams {
  readonly annee?: string;
  readonly periode?: string;
  readonly centres?: string;
  readonly domaine?: string;
  readonly financeur?: string;
}

const DOMAINS: readonly Domain[] = ['activite_clinique', 'formation', 'reseau', 'recherche', 'cartographie', 'sensibilisation'];

/** The filters of a URL; the year defaults to `defaultYear`. */
export function readFilters(query: DashboardQueryParams, defaultYear: number): DashboardFilterValues {
  const year = query.annee && /^\d{4}$/.test(query.annee) ? Number(query.annee) : defaultYear;
  const period = query.periode && /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(query.periode) && query.periode.startsWith(String(year)) ? query.periode : null;
  const unitIds = [...new Set((query.centres ?? '').split(',').filter((s) => /^\d{1,9}$/.test(s)).map(Number).filter((id) => id > 0))];
  const domain = DOMAINS.includes(query.domaine as Domain) ? (query.domaine as Domain) : null;
  const fundingSourceId = query.financeur && /^\d{1,9}$/.test(query.financeur) && Number(query.financeur) > 0 ? Number(query.financeur) : null;
  return { year, period, unitIds, domain, fundingSourceId };
}

/**
 * The query parameters of a change of filters, to merge into the URL: an empty filter is removed
 * (null), a new year drops the period of the previous year.
 */
export function filterParams(change: Partial<DashboardFilterValues>): Record<string, string | number | null> {
  const params: Record<string, string | number | null> = {};
  if (change.year !== undefined) {
    params['annee'] = change.year;
    if (change.period === undefined) params['periode'] = null;
  }
  if (change.period !== undefined) params['periode'] = change.period || null;
  if (change.unitIds !== undefined) params['centres'] = change.unitIds.length ? [...change.unitIds].sort((a, b) => a - b).join(',') : null;
  if (change.domain !== undefined) params['domaine'] = change.domain || null;
  if (change.fundingSourceId !== undefined) params['financeur'] = change.fundingSourceId ?? null;
  return params;
}

/** The years offered in the year filter: the current one and the nine before, most recent first. */
export function yearChoices(currentYear: number, count = 10): number[] {
  return Array.from({ length: count }, (_, i) => currentYear - i);
}
