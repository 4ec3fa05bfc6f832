import { campaignYears, yearFromQuery } from './campaign-year';

describe('campaign year', () => {
  it('offers next year down to 2019', () => {
    expect(campaignYears(2021)).toEqual([2022, 2021, 2020, 2019]);
  });

  it('reads the year from the URL, or falls back on the current year', () => {
    expect(yearFromQuery('2025', 2026)).toBe(2025);
    expect(yearFromQuery('2027', 2026)).toBe(2027);
    expect(yearFromQuery('2028', 2026)).toBe(2026);
    expect(yearFromQuery('2018', 2026)).toBe(2026);
    expect(yearFromQuery('abcd', 2026)).toBe(2026);
    expect(yearFromQuery(undefined, 2026)).toBe(2026);
  });
});
