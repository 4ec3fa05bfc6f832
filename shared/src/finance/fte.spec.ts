import {
  daysInYear,
  daysWorkedIn,
  etpt,
  formatEtpt,
  fraction,
  overlapDays,
  paidCost,
  payRatio,
  sumFractions,
  toNumber,
  type Fraction,
  type PaidWorkPeriod,
  type WorkPeriod,
} from './fte.js';
import { seededRandom } from './seeded-random.js';

describe('daysInYear', () => {
  const cases: [year: number, days: number][] = [
    [2023, 365],
    [2024, 366],
    [2025, 365],
    [2026, 365],
    [2028, 366],
    [1900, 365],
    [2000, 366],
    [2100, 365],
  ];
  for (const [year, days] of cases) {
    it(`counts ${days} days in ${year}`, () => expect(daysInYear(year)).toBe(days));
  }

  it('refuses a year that is not a four-digit integer', () => {
    for (const year of [999, 10_000, 2026.5, NaN]) {
      expect(() => daysInYear(year)).withContext(String(year)).toThrowError(RangeError, /Année invalide/);
    }
  });
});

describe('overlapDays', () => {
  const cases: [aStart: string, aEnd: string, bStart: string, bEnd: string, days: number][] = [
    ['2026-03-01', '2026-12-31', '2026-01-01', '2026-12-31', 306],
    ['2024-03-01', '2024-12-31', '2024-01-01', '2024-12-31', 306],
    ['2024-01-01', '2024-12-31', '2024-01-01', '2024-12-31', 366],
    ['2026-01-01', '2026-01-01', '2026-01-01', '2026-01-01', 1],
    ['2026-01-01', '2026-01-31', '2026-01-31', '2026-02-28', 1],
    ['2026-01-01', '2026-01-31', '2026-02-01', '2026-02-28', 0],
    ['2026-02-01', '2026-02-28', '2026-01-01', '2026-01-31', 0],
    ['2025-07-01', '2027-06-30', '2026-01-01', '2026-12-31', 365],
    ['2026-02-15', '2026-03-14', '2026-01-01', '2026-12-31', 28],
    ['2024-02-15', '2024-03-14', '2024-01-01', '2024-12-31', 29],
  ];
  for (const [aStart, aEnd, bStart, bEnd, days] of cases) {
    it(`counts ${days} days common to ${aStart}…${aEnd} and ${bStart}…${bEnd}`, () => {
      expect(overlapDays(aStart, aEnd, bStart, bEnd)).toBe(days);
      expect(overlapDays(bStart, bEnd, aStart, aEnd)).toBe(days);
    });
  }

  it('refuses invalid dates and reversed periods', () => {
    expect(() => overlapDays('2026-02-30', '2026-03-01', '2026-01-01', '2026-12-31')).toThrowError(RangeError, 'Date invalide : le 2026-02-30 n’existe pas.');
    expect(() => overlapDays('01/03/2026', '2026-03-01', '2026-01-01', '2026-12-31')).toThrowError(RangeError, /format AAAA-MM-JJ attendu/);
    expect(() => overlapDays('2026-03-02', '2026-03-01', '2026-01-01', '2026-12-31')).toThrowError(RangeError, 'Période invalide : le 2026-03-01 précède le 2026-03-02.');
  });
});

describe('etpt', () => {
  const cases: [period: WorkPeriod, year: number, expected: Fraction, text: string][] = [
    [{ quotiteBp: 10_000, start: '2026-03-01', end: null }, 2026, { num: 306, den: 365 }, '0,84'],
    [{ quotiteBp: 10_000, start: '2026-03-01', end: '2026-12-31' }, 2026, { num: 306, den: 365 }, '0,84'],
    [{ quotiteBp: 10_000, start: '2024-03-01', end: null }, 2024, { num: 51, den: 61 }, '0,84'], // 306/366
    [{ quotiteBp: 8_000, start: '2020-09-01', end: null }, 2026, { num: 4, den: 5 }, '0,80'],
    [{ quotiteBp: 10_000, start: '2019-01-01', end: null }, 2026, { num: 1, den: 1 }, '1,00'],
    [{ quotiteBp: 5_000, start: '2026-07-01', end: '2026-12-31' }, 2026, { num: 92, den: 365 }, '0,25'],
    [{ quotiteBp: 10_000, start: '2026-01-01', end: '2026-01-01' }, 2026, { num: 1, den: 365 }, '0,00'],
    [{ quotiteBp: 10_000, start: '2025-01-01', end: '2025-12-31' }, 2026, { num: 0, den: 1 }, '0,00'],
    [{ quotiteBp: 10_000, start: '2027-01-01', end: null }, 2026, { num: 0, den: 1 }, '0,00'],
    [{ quotiteBp: 0, start: '2026-01-01', end: null }, 2026, { num: 0, den: 1 }, '0,00'],
    [{ quotiteBp: 9_000, start: '2025-10-01', end: '2026-06-30' }, 2026, { num: 1_629, den: 3_650 }, '0,45'], // 0,9 × 181/365
  ];
  for (const [period, year, expected, text] of cases) {
    it(`counts ${text} ETPT in ${year} for ${period.quotiteBp} bp from ${period.start} to ${period.end ?? '…'}`, () => {
      const value = etpt(period, year);
      expect(value).toEqual(fraction(expected.num, expected.den));
      expect(formatEtpt(value)).toBe(text);
      expect(toNumber(value)).toBeCloseTo(expected.num / expected.den, 12);
    });
  }

  it('refuses a quotité out of range, an end before the start or a bad year', () => {
    expect(() => etpt({ quotiteBp: 10_001, start: '2026-01-01', end: null }, 2026)).toThrowError(RangeError, /Quotité hors limites/);
    expect(() => etpt({ quotiteBp: -1, start: '2026-01-01', end: null }, 2026)).toThrowError(RangeError, /Quotité hors limites/);
    expect(() => etpt({ quotiteBp: 80.5, start: '2026-01-01', end: null }, 2026)).toThrowError(RangeError, /Quotité en points de base invalide/);
    expect(() => etpt({ quotiteBp: 8_000, start: '2026-03-01', end: '2026-02-28' }, 2026)).toThrowError(
      RangeError,
      'Période invalide : la fin (2026-02-28) précède le début (2026-03-01).',
    );
    expect(() => etpt({ quotiteBp: 8_000, start: '2026-03-01', end: null }, 26)).toThrowError(RangeError, /Année invalide/);
  });

  it('adds the days of each month of a year back to the whole year (seeded quotités)', () => {
    const random = seededRandom(2026);
    for (const year of [2024, 2025, 2026]) {
      const quotiteBp = Math.floor(random() * 10_001);
      const months = Array.from({ length: 12 }, (_, m) => {
        const start = `${year}-${String(m + 1).padStart(2, '0')}-01`;
        const end = new Date(Date.UTC(year, m + 1, 0)).toISOString().slice(0, 10);
        return etpt({ quotiteBp, start, end }, year);
      });
      expect(sumFractions(months)).toEqual(fraction(quotiteBp, 10_000));
      const days = Array.from({ length: 12 }, (_, m) => daysWorkedIn({ start: `${year}-${String(m + 1).padStart(2, '0')}-01`, end: new Date(Date.UTC(year, m + 1, 0)).toISOString().slice(0, 10) }, year));
      expect(days.reduce((a, b) => a + b, 0)).toBe(daysInYear(year));
    }
  });
});

describe('fractions', () => {
  it('reduces, normalises the sign and sums exactly', () => {
    expect(fraction(612, 730)).toEqual({ num: 306, den: 365 });
    expect(fraction(3, -6)).toEqual({ num: -1, den: 2 });
    expect(fraction(0, -5)).toEqual({ num: 0, den: 1 });
    expect(sumFractions([])).toEqual({ num: 0, den: 1 });
    expect(sumFractions([fraction(306, 365), fraction(4, 5), fraction(1, 1)])).toEqual({ num: 963, den: 365 }); // 2,638… ETPT
    expect(formatEtpt(sumFractions([fraction(306, 365), fraction(4, 5), fraction(1, 1)]))).toBe('2,64');
    expect(() => fraction(1, 0)).toThrowError(RangeError, /Division par zéro/);
  });

  const formats: [f: Fraction, text: string][] = [
    [{ num: 1, den: 200 }, '0,01'], // 0,005 → 0,01 (half away from zero)
    [{ num: 1, den: 201 }, '0,00'],
    [{ num: -1, den: 200 }, '-0,01'],
    [{ num: 5, den: 4 }, '1,25'],
    [{ num: 123_456, den: 100 }, '1\u00A0234,56'],
    [{ num: 0, den: 1 }, '0,00'],
  ];
  for (const [f, text] of formats) {
    it(`formats ${f.num}/${f.den} as ${text}`, () => expect(formatEtpt(f)).toBe(text));
  }
});

describe('payRatio', () => {
  const cases: [quotiteBp: number, expected: Fraction][] = [
    [10_000, { num: 1, den: 1 }],
    [9_000, { num: 32, den: 35 }],
    [8_000, { num: 6, den: 7 }],
    [7_000, { num: 7, den: 10 }],
    [5_000, { num: 1, den: 2 }],
    [8_050, { num: 161, den: 200 }],
    [0, { num: 0, den: 1 }],
  ];
  for (const [quotiteBp, expected] of cases) {
    it(`pays ${quotiteBp} bp ${expected.num}/${expected.den} of full pay`, () => expect(payRatio(quotiteBp)).toEqual(expected));
  }

  it('refuses a quotité out of range', () => {
    expect(() => payRatio(10_001)).toThrowError(RangeError, /Quotité hors limites/);
  });
});

describe('paidCost', () => {
  const cases: [label: string, period: PaidWorkPeriod, year: number, cents: number][] = [
    ['a psychiatrist from 1 March 2026', { annualCostCents: 12_000_000, quotiteBp: 10_000, start: '2026-03-01', end: null }, 2026, 10_060_274],
    ['a psychiatrist from 1 March 2024 (leap year)', { annualCostCents: 12_000_000, quotiteBp: 10_000, start: '2024-03-01', end: null }, 2024, 10_032_787],
    ['a psychologist at 80 % all year', { annualCostCents: 6_000_000, quotiteBp: 8_000, start: '2021-01-01', end: null }, 2026, 5_142_857],
    ['a psychologist at 90 % all year', { annualCostCents: 6_000_000, quotiteBp: 9_000, start: '2021-01-01', end: null }, 2026, 5_485_714],
    ['someone at 50 % all year', { annualCostCents: 6_000_000, quotiteBp: 5_000, start: '2026-01-01', end: '2026-12-31' }, 2026, 3_000_000],
    ['a medical auxiliary all year', { annualCostCents: 6_000_000, quotiteBp: 10_000, start: '2026-01-01', end: '2026-12-31' }, 2026, 6_000_000],
    // 0,8 paid 6/7 for 184 days: 6 000 000 × 6 × 184 / (7 × 365) = 2 592 563,6… → 2 592 564
    ['80 % from 1 July', { annualCostCents: 6_000_000, quotiteBp: 8_000, start: '2026-07-01', end: null }, 2026, 2_592_564],
    ['one day in a year', { annualCostCents: 36_500, quotiteBp: 10_000, start: '2026-05-05', end: '2026-05-05' }, 2026, 100],
    // 365 × 1/2 × 1/365 = 0,5 cent: half away from zero.
    ['half a cent rounds away from zero', { annualCostCents: 365, quotiteBp: 5_000, start: '2026-01-01', end: '2026-01-01' }, 2026, 1],
    ['minus half a cent rounds away from zero', { annualCostCents: -365, quotiteBp: 5_000, start: '2026-01-01', end: '2026-01-01' }, 2026, -1],
    ['another year', { annualCostCents: 12_000_000, quotiteBp: 10_000, start: '2026-03-01', end: null }, 2025, 0],
  ];
  for (const [label, period, year, cents] of cases) {
    it(`costs ${cents} cents for ${label}`, () => expect(paidCost(period, year)).toBe(cents));
  }

  it('rounds once at the end, not at each step', () => {
    // 100 cents at 80 % for 100 days: 100 × 6/7 × 100/365 = 23,48… → 23. Rounding the pay first
    // (85,71 → 86 cents) then the days (86 × 100/365 = 23,56) would give 24.
    expect(paidCost({ annualCostCents: 100, quotiteBp: 8_000, start: '2026-01-01', end: '2026-04-10' }, 2026)).toBe(23);
    // Negative costs (reversals) round symmetrically.
    expect(paidCost({ annualCostCents: -12_000_000, quotiteBp: 10_000, start: '2026-03-01', end: null }, 2026)).toBe(-10_060_274);
  });

  it('refuses a cost that is not a whole number of cents', () => {
    expect(() => paidCost({ annualCostCents: 1.5, quotiteBp: 10_000, start: '2026-01-01', end: null }, 2026)).toThrowError(
      RangeError,
      /Coût annuel en centimes invalide/,
    );
  });
});
