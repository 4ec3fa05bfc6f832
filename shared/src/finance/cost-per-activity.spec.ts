import { costPerActivityCents } from './cost-per-activity.js';

describe('costPerActivityCents', () => {
  const cases: [name: string, spentCents: number, count: number | string | null | undefined, expected: number | null][] = [
    ['even division', 28_000_000, 700, 40_000],
    ['1 000,00 € for 3 patients is 333,33 €', 100_000, 3, 33_333],
    ['2 000,00 € for 3 is 666,67 € (rounded up)', 200_000, 3, 66_667],
    ['half a cent rounds away from zero: 2,00 € for 8 is 0,25 €', 200, 8, 25],
    ['half a cent rounds away from zero: 0,05 € for 2 is 0,03 €', 5, 2, 3],
    ['a negative spending (reversals) rounds away from zero too', -5, 2, -3],
    ['a PostgreSQL numeric count', 100_000, '4.0000', 25_000],
    ['a decimal count', 100_000, 2.5, 40_000],
    ['nothing spent', 0, 12, 0],
    ['a count of 0 gives null', 100_000, 0, null],
    ['a count of "0.0000" gives null', 100_000, '0.0000', null],
    ['no count gives null', 100_000, null, null],
    ['an undefined count gives null', 100_000, undefined, null],
    ['a negative count gives null', 100_000, -3, null],
    ['the MIG H15 on 880 patients', 28_000_000, 880, 31_818],
  ];
  for (const [name, spent, count, expected] of cases) {
    it(name, () => expect(costPerActivityCents(spent, count)).toBe(expected));
  }

  it('refuses a spending that is not whole cents', () => {
    expect(() => costPerActivityCents(10.5, 3)).toThrowError(RangeError);
  });
});
