import type { FiscalYear } from '@cn2r/shared';
import { chosenFiscalYear, fiscalYearsDescending } from './budget-year';

const fy = (year: number, status: FiscalYear['status'] = 'open'): FiscalYear => ({
  year,
  status,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  version: 1,
});

describe('budget year', () => {
  const years = [fy(2024, 'closed'), fy(2026), fy(2025, 'closed')];

  it('lists the fiscal years most recent first', () => {
    expect(fiscalYearsDescending(years).map((f) => f.year)).toEqual([2026, 2025, 2024]);
  });

  for (const [value, current, expected] of [
    ['2025', 2026, 2025],
    [undefined, 2026, 2026],
    ['2019', 2026, 2026],
    ['abcd', 2026, 2026],
    [undefined, 2027, 2026],
    ['2024', 2027, 2024],
  ] as const) {
    it(`shows ${expected} for annee=${value} in ${current}`, () => {
      expect(chosenFiscalYear(value, years, current)).toBe(expected);
    });
  }

  it('has no year to show without fiscal years', () => {
    expect(chosenFiscalYear('2026', [], 2026)).toBeNull();
  });
});
