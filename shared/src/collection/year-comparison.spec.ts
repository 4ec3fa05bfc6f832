import { lastCompleteYear, yearComparison, yearlyTrendSpan } from './year-comparison.js';

describe('yearComparison: the same periods on both sides', () => {
  it('compares a year that has ended with the whole year before', () => {
    expect(yearComparison(2025, '2026-12-06')).toEqual({ complete: true, periods: ['2025'], previousPeriods: ['2024'], currentLabel: '2025', previousLabel: '2024', label: '2025 contre 2024' });
    expect(yearComparison(2025, '2026-01-01').complete).toBeTrue();
  });

  it('compares the quarters ended so far with the same quarters last year (6 December 2026: Q1–Q3)', () => {
    const c = yearComparison(2026, '2026-12-06');
    expect(c.complete).toBeFalse();
    expect(c.label).toBe('T1–T3 2026 contre T1–T3 2025');
    expect([c.currentLabel, c.previousLabel]).toEqual(['T1–T3 2026', 'T1–T3 2025']);
    expect(c.periods.filter((p) => p.includes('Q'))).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(c.previousPeriods.filter((p) => p.includes('Q'))).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    // The months of those quarters (a monthly indicator), not October or November.
    expect(c.periods.filter((p) => !p.includes('Q'))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(c.periods).not.toContain('2026');
  });

  const cases: [today: string, label: string, quarters: number][] = [
    ['2026-03-31', 'aucun trimestre de 2026 n’est terminé', 0],
    ['2026-04-01', 'T1 2026 contre T1 2025', 1],
    ['2026-07-01', 'T1–T2 2026 contre T1–T2 2025', 2],
    ['2026-12-31', 'T1–T3 2026 contre T1–T3 2025', 3],
  ];
  for (const [today, label, quarters] of cases) {
    it(`on ${today}: ${label}`, () => {
      const c = yearComparison(2026, today);
      expect(c.label).toBe(label);
      expect(c.periods.filter((p) => p.includes('Q')).length).toBe(quarters);
      expect(c.previousPeriods.length).toBe(c.periods.length);
    });
  }

  it('defaults to the last complete year: the one before today’s, even on 31 December', () => {
    expect(lastCompleteYear('2026-12-06')).toBe(2025);
    expect(lastCompleteYear('2026-12-31')).toBe(2025);
    expect(lastCompleteYear('2027-01-01')).toBe(2026);
  });
});

describe('yearlyTrendSpan: complete years only in a yearly trend', () => {
  it('leaves out 2026 on 6 December 2026, through T3, and draws the five years up to 2025', () => {
    expect(yearlyTrendSpan(2026, '2026-12-06', 5)).toEqual({
      years: [2021, 2022, 2023, 2024, 2025],
      yearUnderWay: { year: 2026, throughPeriod: '2026-Q3', endedLabel: 'T1–T3 2026' },
    });
  });

  it('leaves nothing out for a complete year', () => {
    expect(yearlyTrendSpan(2025, '2026-12-06', 5)).toEqual({ years: [2021, 2022, 2023, 2024, 2025], yearUnderWay: null });
    expect(yearlyTrendSpan(2023, '2026-12-06', 3)).toEqual({ years: [2021, 2022, 2023], yearUnderWay: null });
    expect(yearlyTrendSpan(2026, '2027-01-01', 5).yearUnderWay).toBeNull();
  });

  it('names the quarters ended so far, none before 1 April', () => {
    expect(yearlyTrendSpan(2026, '2026-03-31', 5).yearUnderWay).toEqual({ year: 2026, throughPeriod: null, endedLabel: null });
    expect(yearlyTrendSpan(2026, '2026-04-01', 5).yearUnderWay).toEqual({ year: 2026, throughPeriod: '2026-Q1', endedLabel: 'T1 2026' });
    expect(yearlyTrendSpan(2026, '2026-12-31', 5).yearUnderWay).toEqual({ year: 2026, throughPeriod: '2026-Q3', endedLabel: 'T1–T3 2026' });
  });

  it('ends a trend asked for a future year at the last complete year', () => {
    expect(yearlyTrendSpan(2027, '2026-12-06', 2)).toEqual({ years: [2024, 2025], yearUnderWay: { year: 2027, throughPeriod: null, endedLabel: null } });
  });
});
