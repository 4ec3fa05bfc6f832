import { allocationPeriodTotals } from './allocation-periods';

describe('allocationPeriodTotals', () => {
  const year = { start: '2026-01-01', end: '2026-12-31' };

  it('one period at 100 % when a single row covers the assignment', () => {
    expect(allocationPeriodTotals(year, [{ from: '2026-01-01', to: null, shareBp: 10_000 }])).toEqual([
      { from: '2026-01-01', to: '2026-12-31', totalBp: 10_000, ok: true },
    ]);
  });

  it('merges consecutive periods with the same total: a split between two funders from 1 July', () => {
    const rows = [
      { from: '2026-01-01', to: '2026-06-30', shareBp: 10_000 },
      { from: '2026-07-01', to: null, shareBp: 6_000 },
      { from: '2026-07-01', to: null, shareBp: 4_000 },
    ];
    expect(allocationPeriodTotals(year, rows)).toEqual([{ from: '2026-01-01', to: '2026-12-31', totalBp: 10_000, ok: true }]);
  });

  it('shows a gap, an overlap and an open end', () => {
    const rows = [
      { from: '2026-01-01', to: '2026-03-31', shareBp: 10_000 },
      { from: '2026-05-01', to: null, shareBp: 10_000 },
      { from: '2026-06-01', to: '2026-06-30', shareBp: 2_000 },
    ];
    expect(allocationPeriodTotals({ start: '2026-01-01', end: null }, rows)).toEqual([
      { from: '2026-01-01', to: '2026-03-31', totalBp: 10_000, ok: true },
      { from: '2026-04-01', to: '2026-04-30', totalBp: 0, ok: false },
      { from: '2026-05-01', to: '2026-05-31', totalBp: 10_000, ok: true },
      { from: '2026-06-01', to: '2026-06-30', totalBp: 12_000, ok: false },
      { from: '2026-07-01', to: null, totalBp: 10_000, ok: true },
    ]);
  });

  it('ignores incomplete rows and what falls outside the assignment', () => {
    const rows = [
      { from: '2025-06-01', to: '2026-02-28', shareBp: 10_000 },
      { from: null, to: null, shareBp: 5_000 },
      { from: '2026-03-01', to: null, shareBp: null },
    ];
    expect(allocationPeriodTotals(year, rows)).toEqual([
      { from: '2026-01-01', to: '2026-02-28', totalBp: 10_000, ok: true },
      { from: '2026-03-01', to: '2026-12-31', totalBp: 0, ok: false },
    ]);
  });
});
