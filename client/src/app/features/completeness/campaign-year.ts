/** The first campaign year offered (the network's first full year). */
export const FIRST_CAMPAIGN_YEAR = 2019;

/** The years to choose from, most recent first: next year (campaigns prepared ahead) down to the first. */
export function campaignYears(currentYear: number): number[] {
  const years: number[] = [];
  for (let year = currentYear + 1; year >= FIRST_CAMPAIGN_YEAR; year--) years.push(year);
  return years;
}

/** The `annee` query parameter as a year, or the current year when it is missing or not a plausible year. */
export function yearFromQuery(value: string | undefined, currentYear: number): number {
  const year = Number(value);
  return value && /^\d{4}$/.test(value) && year >= FIRST_CAMPAIGN_YEAR && year <= currentYear + 1 ? year : currentYear;
}
