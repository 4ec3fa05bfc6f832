import type { Indicator } from '@cn2r/shared';

export type RevisionStatus = 'current' | 'closed' | 'upcoming';

/** A revision is closed after its end date, upcoming before its start date (dates as `YYYY-MM-DD`). */
export function revisionStatus(indicator: Pick<Indicator, 'activeFrom' | 'activeTo'>, today: string): RevisionStatus {
  if (indicator.activeTo !== null && indicator.activeTo < today) return 'closed';
  if (indicator.activeFrom > today) return 'upcoming';
  return 'current';
}

export const revisionStatusLabels: Record<RevisionStatus, string> = {
  current: 'En vigueur',
  closed: 'Close',
  upcoming: 'À venir',
};

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Case- and accent-insensitive search on code and label; every word must match. */
export function matchesIndicatorFilter(indicator: Pick<Indicator, 'code' | 'label'>, filter: string): boolean {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(`${indicator.code} ${indicator.label}`);
  return words.every((word) => haystack.includes(word));
}

/** Catalogue order: sort order, then code, then revision. */
export function byCatalogueOrder(a: Indicator, b: Indicator): number {
  return a.sortOrder - b.sortOrder || a.code.localeCompare(b.code, 'fr') || a.revision - b.revision;
}
