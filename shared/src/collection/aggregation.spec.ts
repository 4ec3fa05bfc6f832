import { optionsAdditiveByDefault } from '../schemas/catalogue.js';
import {
  achievementBp,
  aggregateAcrossUnits,
  aggregateOverTime,
  aggregateTotalOverTime,
  changeBp,
  disaggregatedTotal,
  fromScaled,
  medianOf,
  toScaled,
  type AggregatableValue,
  type PeriodValue,
  type TimeAggregationKind,
  type UnitAggregationKind,
} from './aggregation.js';

const quarters = (year: number, values: AggregatableValue[]): PeriodValue[] => values.map((value, i) => ({ period: `${year}-Q${i + 1}`, value }));

describe('aggregateOverTime', () => {
  const cases: [name: string, points: PeriodValue[], aggregation: TimeAggregationKind, expected: number | null][] = [
    ['sum of four quarters', quarters(2025, [120, 95, 101, 88]), 'sum', 404],
    ['sum skips a missing quarter', quarters(2025, [120, null, 101, undefined]), 'sum', 221],
    ['sum of nothing is null', quarters(2025, [null, null]), 'sum', null],
    ['sum of no period is null', [], 'sum', null],
    ['sum of decimals is exact (no 0.30000000000000004)', quarters(2025, [0.1, 0.2]), 'sum', 0.3],
    ['sum of PostgreSQL numeric strings', quarters(2025, ['12.3400', '0.0001', '7']), 'sum', 19.3401],
    ['average of the filled periods only', quarters(2025, [60, null, 90]), 'average', 75],
    ['average rounded half away from zero at 4 decimals', quarters(2025, [1, 1, 2]), 'average', 1.3333],
    ['average 2/3 rounds up', quarters(2025, [0, 1, 1]), 'average', 0.6667],
    ['average of negatives rounds away from zero', quarters(2025, ['-0.0001', '-0.0002']), 'average', -0.0002],
    ['max', quarters(2025, [120, 310, 101, 88]), 'max', 310],
    ['max of negatives', quarters(2025, [-5, -2, -9]), 'max', -2],
    ['last: the latest period with a value, whatever the order', [{ period: '2025-Q3', value: 300 }, { period: '2025-Q4', value: null }, { period: '2025-Q1', value: 100 }], 'last', 300],
    ['last over months', [{ period: '2025-11', value: 4 }, { period: '2025-12', value: 5 }, { period: '2025-02', value: 9 }], 'last', 5],
    ['booleans count as 1 and 0', quarters(2025, [true, false, true]), 'sum', 2],
  ];
  for (const [name, points, aggregation, expected] of cases) {
    it(name, () => expect(aggregateOverTime(points, aggregation)).toBe(expected));
  }

  it('refuses a text value and an unknown aggregation', () => {
    expect(() => aggregateOverTime(quarters(2025, ['beaucoup']), 'sum')).toThrowError(RangeError, /non numérique/);
    expect(() => aggregateOverTime(quarters(2025, [1]), 'median' as TimeAggregationKind)).toThrowError(RangeError, /inconnue/);
  });

  it('refuses a value finer than the storage scale rather than rounding it silently', () => {
    expect(() => aggregateOverTime(quarters(2025, [0.1 + 0.2]), 'sum')).toThrowError(RangeError, /4 décimales/);
    expect(() => aggregateOverTime(quarters(2025, ['1.00001']), 'sum')).toThrowError(RangeError, /4 décimales/);
  });
});

describe('aggregateAcrossUnits', () => {
  const cases: [name: string, values: AggregatableValue[], aggregation: UnitAggregationKind, expected: number | null][] = [
    ['sum of ten units', [404, 512, 388, 610, 701, 455, 890, 301, 520, 433], 'sum', 5214],
    ['sum of big counts stays exact', [9_007_199_254_740, 1], 'sum', 9_007_199_254_741],
    ['average', [10, 20, 40], 'average', 23.3333],
    ['median of an odd count', [90, 30, 60], 'median', 60],
    ['median of an even count: mean of the middle two', [30, 120, 60, 90], 'median', 75],
    ['median of an even count with a half', [1, 2], 'median', 1.5],
    ['median rounds the fifth decimal half away from zero', ['0.0001', '0.0002'], 'median', 0.0002],
    ['median ignores units without a value', [null, 7, undefined, 3, 5], 'median', 5],
    ['median of one unit', [42], 'median', 42],
    ['nothing is null', [null], 'sum', null],
    ['nothing is null for a median too', [], 'median', null],
  ];
  for (const [name, values, aggregation, expected] of cases) {
    it(name, () => expect(aggregateAcrossUnits(values, aggregation)).toBe(expected));
  }

  it('medianOf is the median', () => expect(medianOf([4, 1, 3, 2])).toBe(2.5));
});

describe('disaggregatedTotal', () => {
  const cases: [AggregatableValue[], number | null][] = [
    [[12, 30, 41, 310], 393],
    [[12, null, 41, null], 53],
    [[null, null], null],
    [[], null],
    [['0.5000', '0.2500'], 0.75],
    [[0, 0], 0],
  ];
  for (const [values, expected] of cases) {
    it(`${JSON.stringify(values)} → ${expected}`, () => expect(disaggregatedTotal(values)).toBe(expected));
  }
});

describe('aggregateTotalOverTime (a unit\'s total of a disaggregated indicator whose options add up)', () => {
  /** Waiting list adult / minor by quarter: `[period, adult, minor]`. */
  const split = (rows: [period: string, adult: AggregatableValue, minor: AggregatableValue][]): PeriodValue[] =>
    rows.flatMap(([period, adult, minor]) => [
      { period, value: adult },
      { period, value: minor },
    ]);
  const waiting = split([
    ['2025-Q1', 100, 20],
    ['2025-Q2', 150, 10],
    ['2025-Q3', 90, 25],
    ['2025-Q4', 110, 30],
  ]);
  const cases: [name: string, points: PeriodValue[], aggregation: TimeAggregationKind, expected: number | null][] = [
    ['sum: every option of every period', waiting, 'sum', 535],
    ['last: the total of the latest quarter (a stock at period end, e.g. the waiting list)', waiting, 'last', 140],
    ['last: options of the same quarter in any order, quarters in any order', [...waiting].reverse(), 'last', 140],
    // The sum of each option's own max would be 150 + 30 = 180, a total no quarter ever had.
    ['max: the highest quarter total, not the sum of the options\' maxima', waiting, 'max', 160],
    // The sum of each option's average would be 112.5 + 21.25 = 133.75 too, but not when an option is missing somewhere:
    ['average: the mean of the quarter totals', waiting, 'average', 133.75],
    ['average over quarters with a missing option: mean of the totals (130 + 150) / 2', split([['2025-Q1', 100, 30], ['2025-Q2', 150, null]]), 'average', 140],
    ['last: a quarter with only one option filled is still the latest total', split([['2025-Q3', 90, 25], ['2025-Q4', 110, null]]), 'last', 110],
    ['last skips a quarter with nothing filled', split([['2025-Q3', 90, 25], ['2025-Q4', null, undefined]]), 'last', 115],
    ['average rounded once, half away from zero, at 4 decimals', split([['2025-Q1', 1, 0], ['2025-Q2', 0, 0], ['2025-Q3', '0.5', '0.5']]), 'average', 0.6667],
    ['exact decimals: no 0.30000000000000004', split([['2025-Q1', 0.1, 0.2]]), 'sum', 0.3],
    ['PostgreSQL numerics', split([['2025-Q4', '12.3400', '0.0001']]), 'last', 12.3401],
    ['nothing filled is null, not 0', split([['2025-Q1', null, null]]), 'last', null],
    ['no value at all is null', [], 'average', null],
  ];
  for (const [name, points, aggregation, expected] of cases) {
    it(name, () => expect(aggregateTotalOverTime(points, aggregation)).toBe(expected));
  }

  it('is aggregateOverTime when each period has one value', () => {
    const single = quarters(2025, [120, null, 101, 88]);
    for (const aggregation of ['sum', 'average', 'last', 'max'] as const) {
      expect(aggregateTotalOverTime(single, aggregation)).withContext(aggregation).toBe(aggregateOverTime(single, aggregation));
    }
  });

  it('refuses text, finer decimals and an unknown aggregation like aggregateOverTime', () => {
    expect(() => aggregateTotalOverTime(split([['2025-Q1', 'beaucoup', 1]]), 'sum')).toThrowError(RangeError, /non numérique/);
    expect(() => aggregateTotalOverTime(split([['2025-Q1', '1.00001', 1]]), 'sum')).toThrowError(RangeError, /4 décimales/);
    expect(() => aggregateTotalOverTime(waiting, 'median' as TimeAggregationKind)).toThrowError(RangeError, /inconnue/);
  });
});

describe('optionsAdditiveByDefault', () => {
  const cases: [valueType: Parameters<typeof optionsAdditiveByDefault>[0], expected: boolean][] = [
    ['count', true],
    ['days', false],
    ['percentage', false],
    ['decimal', false],
    ['boolean', false],
    ['text', false],
  ];
  for (const [valueType, expected] of cases) {
    it(`${valueType}: ${expected ? 'the options add up' : 'no total'}`, () => expect(optionsAdditiveByDefault(valueType)).toBe(expected));
  }
});

describe('changeBp and achievementBp', () => {
  const changes: [AggregatableValue, AggregatableValue, number | null][] = [
    [125, 100, 2_500],
    [50, 100, -5_000],
    [100, 100, 0],
    [1, 3, -6_667],
    [2, 3, -3_333],
    [5, 0, null],
    [null, 3, null],
    [3, null, null],
    [-50, -100, 5_000],
  ];
  for (const [current, previous, expected] of changes) {
    it(`change ${previous} → ${current} is ${expected} bp`, () => expect(changeBp(current, previous)).toBe(expected));
  }
  const achievements: [AggregatableValue, AggregatableValue, number | null][] = [
    [450, 600, 7_500],
    [601, 600, 10_017],
    [0, 600, 0],
    [10, 0, null],
    [null, 600, null],
    [10, null, null],
  ];
  for (const [actual, target, expected] of achievements) {
    it(`achievement ${actual} of ${target} is ${expected} bp`, () => expect(achievementBp(actual, target)).toBe(expected));
  }
});

describe('toScaled / fromScaled', () => {
  it('round-trips 4-decimal values exactly', () => {
    for (const v of [0, 1, -1, 0.5, 12.3456, -0.0001, 123_456_789.1234, 1e21]) expect(fromScaled(toScaled(v)!)).toBe(v);
  });
  it('reads PostgreSQL numerics', () => {
    expect(toScaled('12.3400')).toBe(123_400n);
    expect(toScaled('-0.0100')).toBe(-100n);
    expect(toScaled(null)).toBeNull();
  });
});
