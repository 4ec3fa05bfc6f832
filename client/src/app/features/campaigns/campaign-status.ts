import { type Campaign, type CampaignStatus, parsePeriod } from '@cn2r/shared';

/** The chip class of each status (colours from the global `.status-chip` and the feature styles). */
export const campaignStatusClasses: Record<CampaignStatus, string> = {
  draft: 'is-draft',
  open: 'is-open',
  closed: 'is-closed',
};

/** The first year from `from` on that has no campaign yet: what « Nouvelle campagne » suggests. */
export function nextFreeYear(campaigns: readonly Pick<Campaign, 'year'>[], from: number): number {
  const taken = new Set(campaigns.map((campaign) => campaign.year));
  let year = from;
  while (taken.has(year)) year++;
  return year;
}

/**
 * A campaign's periods in the order they fall due, as the server lists them: by last day, and on
 * the same last day the shorter period first (March, then Q1; December, Q4, then the year).
 */
export function byPeriodOrder(a: { period: string }, b: { period: string }): number {
  const pa = parsePeriod(a.period);
  const pb = parsePeriod(b.period);
  if (pa.end !== pb.end) return pa.end < pb.end ? -1 : 1;
  return pa.start === pb.start ? 0 : pa.start > pb.start ? -1 : 1;
}

/** `YYYY-MM-DD` as `JJ/MM/AAAA`, for sentences. */
export function frenchDate(iso: string): string {
  return iso.split('-').reverse().join('/');
}
