/**
 * The worked example of the MIG H15 follow-up (docs/domain/money.md), reproduced to the cent. It holds in a
 * non-leap year (2025, 2026…) with actual calendar days, both ends inclusive, over 365 days:
 * 1 March to 31 December is 306 days, 120 000 € × 306/365 = 100 602,739… → 100 602,74 €.
 */
import { executionAlerts, executionRateBp } from './execution.js';
import { etpt, formatEtpt, paidCost, sumFractions, type PaidWorkPeriod } from './fte.js';
import { formatEuros, sumCents } from './money.js';
import { allocate, formatPercent } from './shares.js';

const NBSP = '\u00A0';
const euros = (text: string) => text.replace(/ /g, NBSP);

const NOTIFIED = 28_000_000;
const OPERATING = 3_612_345;

const staff = (year: number): [post: string, period: PaidWorkPeriod, etpt: string, paid: string][] => [
  ['psychiatrist recruited 1 March', { annualCostCents: 12_000_000, quotiteBp: 10_000, start: `${year}-03-01`, end: null }, '0,84', '100 602,74 €'],
  ['psychologist at 80 % all year', { annualCostCents: 6_000_000, quotiteBp: 8_000, start: `${year - 3}-09-01`, end: null }, '0,80', '51 428,57 €'],
  ['medical auxiliary all year', { annualCostCents: 6_000_000, quotiteBp: 10_000, start: `${year}-01-01`, end: `${year}-12-31` }, '1,00', '60 000,00 €'],
];

describe('the MIG H15 worked example (docs/domain/money.md)', () => {
  for (const year of [2025, 2026]) {
    describe(`in ${year}`, () => {
      for (const [post, period, expectedEtpt, expectedPaid] of staff(year)) {
        it(`counts the ${post}: ${expectedEtpt} ETPT, ${expectedPaid} paid`, () => {
          expect(formatEtpt(etpt(period, year))).toBe(expectedEtpt);
          expect(formatEuros(paidCost(period, year))).toBe(euros(expectedPaid));
        });
      }

      it('totals 248 154,76 € of 280 000 € (88,63 %), 31 845,24 € left, no alert at year end', () => {
        const paid = sumCents([...staff(year).map(([, period]) => paidCost(period, year)), OPERATING]);
        expect(paid).toBe(24_815_476);
        expect(formatEuros(paid)).toBe(euros('248 154,76 €'));
        expect(formatEuros(OPERATING)).toBe(euros('36 123,45 €'));
        expect(formatPercent(executionRateBp(paid, NOTIFIED)!)).toBe(`88,63${NBSP}%`);
        expect(formatEuros(NOTIFIED - paid)).toBe(euros('31 845,24 €'));
        expect(formatEuros(NOTIFIED, { decimals: false })).toBe(euros('280 000 €'));
        expect(executionAlerts({ open: NOTIFIED, committed: paid, paid, asOf: `${year}-12-31`, year })).toEqual([]);
      });

      it('counts 2,64 funded-post ETPT in all, summed exactly before rounding', () => {
        // 0,838… + 0,80 + 1 = 2,638…: adding the rounded cells (0,84 + 0,80 + 1,00) would give 2,64 too,
        // but the exact sum is 963/365.
        const total = sumFractions(staff(year).map(([, period]) => etpt(period, year)));
        expect(total).toEqual({ num: 963, den: 365 });
        expect(formatEtpt(total)).toBe('2,64');
      });
    });
  }

  it('does not hold in a leap year (306/366): the convention matters', () => {
    const [, psychiatrist] = staff(2024)[0];
    expect(formatEuros(paidCost(psychiatrist, 2024))).toBe(euros('100 327,87 €'));
  });

  it('does not hold with 30/360 months (300/360 would give 100 000,00 €)', () => {
    expect(Math.round((12_000_000 * 300) / 360)).not.toBe(paidCost(staff(2026)[0][1], 2026));
  });

  it('splits the unspent balance over the four funded lines by their MIG weights, to the cent', () => {
    const parts = allocate(NOTIFIED - 24_815_476, [4_286, 2_143, 2_143, 1_428]); // 120/60/60/40 of 280, in bp
    expect(parts.reduce((a, b) => a + b, 0)).toBe(3_184_524);
    // Exact shares 1 364 886,99 / 682 443,49 / 682 443,49 / 454 750,03: the floors leave 2 cents,
    // one to the largest remainder (0,99), one to the first of the two equal remainders (0,49).
    expect(parts).toEqual([1_364_887, 682_444, 682_443, 454_750]);
  });
});
