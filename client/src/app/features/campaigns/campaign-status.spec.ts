import { byPeriodOrder, frenchDate, nextFreeYear } from './campaign-status';

describe('nextFreeYear', () => {
  it('suggests the first year without a campaign', () => {
    expect(nextFreeYear([], 2026)).toBe(2026);
    expect(nextFreeYear([{ year: 2026 }, { year: 2027 }, { year: 2029 }], 2026)).toBe(2028);
  });
});

describe('byPeriodOrder', () => {
  it('orders by due date: each quarter after its months, the year last', () => {
    const periods = ['2026', '2026-Q3', '2026-Q1', '2026-Q4', '2026-03', '2026-Q2', '2026-01'].map((period) => ({ period }));
    expect([...periods].sort(byPeriodOrder).map((p) => p.period)).toEqual([
      '2026-01',
      '2026-03',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2026',
    ]);
  });
});

describe('frenchDate', () => {
  it('writes JJ/MM/AAAA', () => expect(frenchDate('2026-04-30')).toBe('30/04/2026'));
});
