/**
 * Staff counted two ways (docs/domain/staff-fte.md, « ETP » and « ETPT »), and what they cost.
 *
 * - **ETP** (équivalent temps plein): the contractual share, the quotité, in basis points
 *   (10 000 = full time).
 * - **ETPT** (équivalent temps plein travaillé): the ETP actually worked over a calendar year,
 *   quotité × days worked / days in the year. Someone at 80 % all year counts 0.80 ETPT.
 *
 * Day-count convention (the one that reproduces the worked example of docs/domain/money.md to the cent):
 * **actual calendar days, both ends inclusive, over the actual days of the civil year
 * (365, or 366 in a leap year)** — “actual/actual”, no 30/360 months. A psychiatrist recruited on
 * 1 March of a non-leap year (2025, 2026) works 306 of 365 days: 306/365 = 0.838 → 0.84 ETPT,
 * and 120 000 € × 306/365 = 100 602,739… → 100 602,74 €. (30/360 would give 300/360 → 100 000 €;
 * in the leap year 2024 the same dates give 306/366 → 100 327,87 €.)
 *
 * Pay follows the French part-time rule: 80 % is paid 6/7 of full pay (85,71 %), 90 % is paid
 * 32/35 (91,43 %), any other quotité proportionally. Costs are computed as exact fractions and
 * rounded half away from zero once, at the end. Pure: no Node or browser API.
 */
import { assertCents, assertSafeInteger, centsFromBigInt, groupThousands, roundHalfAwayFromZero } from './money.js';
import { FULL_SHARE_BP } from './shares.js';
import { assertYear, dayNumber, yearDayNumbers } from './days.js';

/** An exact, reduced fraction with a positive denominator; both are safe integers. */
export interface Fraction {
  readonly num: number;
  readonly den: number;
}

/** A period of work at a quotité: from `start` to `end` inclusive (`end` null: still under way). */
export interface WorkPeriod {
  /** Contractual share in basis points, 0 to 10 000. */
  readonly quotiteBp: number;
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day (inclusive), `YYYY-MM-DD`, or null when no end is known. */
  readonly end: string | null;
}

export interface PaidWorkPeriod extends WorkPeriod {
  /** Full-time employer cost for a whole year, in cents. */
  readonly annualCostCents: number;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** The reduced fraction num/den (den ≠ 0), as safe integers; a RangeError if they overflow. */
export function fraction(num: bigint | number, den: bigint | number): Fraction {
  let n = typeof num === 'bigint' ? num : (assertSafeInteger(num, 'Numérateur'), BigInt(num));
  let d = typeof den === 'bigint' ? den : (assertSafeInteger(den, 'Dénominateur'), BigInt(den));
  if (d === 0n) throw new RangeError('Division par zéro : le dénominateur doit être non nul.');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { num: centsFromBigInt(n / g, 'Numérateur'), den: centsFromBigInt(d / g, 'Dénominateur') };
}

/** The exact sum of fractions (0/1 for none): totals of ETPT are added exactly, then rounded. */
export function sumFractions(fractions: readonly Fraction[]): Fraction {
  let n = 0n;
  let d = 1n;
  for (const f of fractions) {
    const fn = BigInt(f.num);
    const fd = BigInt(f.den);
    n = n * fd + fn * d;
    d = d * fd;
    const g = gcd(n, d) || 1n;
    n /= g;
    d /= g;
  }
  return fraction(n, d);
}

/** The nearest JS number (for charts and sorting only; never for money). */
export function toNumber(f: Fraction): number {
  return f.num / f.den;
}

/**
 * An ETPT (or any fraction) with two decimals and a French comma, rounded half away from zero
 * exactly: 306/365 → `0,84`, 4/5 → `0,80`, 1 → `1,00`.
 */
export function formatEtpt(f: Fraction, decimals = 2): string {
  const hundredths = roundHalfAwayFromZero(BigInt(f.num) * 10n ** BigInt(decimals), BigInt(f.den));
  const negative = hundredths < 0n;
  const digits = (negative ? -hundredths : hundredths).toString().padStart(decimals + 1, '0');
  const whole = groupThousands(digits.slice(0, digits.length - decimals));
  const rest = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `,${rest}` : ''}`;
}

/** 365 or 366 (Gregorian leap years: every 4th, except centuries not divisible by 400). */
export function daysInYear(year: number): number {
  const { first, last } = yearDayNumbers(year);
  return last - first + 1;
}

/**
 * Days common to [aStart, aEnd] and [bStart, bEnd], all inclusive; 0 when they do not meet.
 * `overlapDays('2026-03-01', '2026-12-31', '2026-01-01', '2026-12-31')` → 306.
 * A RangeError if a date is invalid or a period ends before it starts.
 */
export function overlapDays(aStart: string, aEnd: string, bStart: string, bEnd: string): number {
  const [a0, a1, b0, b1] = [dayNumber(aStart), dayNumber(aEnd), dayNumber(bStart), dayNumber(bEnd)];
  if (a1 < a0) throw new RangeError(`Période invalide : le ${aEnd} précède le ${aStart}.`);
  if (b1 < b0) throw new RangeError(`Période invalide : le ${bEnd} précède le ${bStart}.`);
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0) + 1);
}

function assertQuotite(quotiteBp: unknown): asserts quotiteBp is number {
  assertSafeInteger(quotiteBp, 'Quotité en points de base');
  if (quotiteBp < 0 || quotiteBp > FULL_SHARE_BP) {
    throw new RangeError(`Quotité hors limites : ${quotiteBp} points de base (de 0 à 10 000).`);
  }
}

/** Days of `year` within the work period (end null: to the end of the year). */
export function daysWorkedIn(period: Pick<WorkPeriod, 'start' | 'end'>, year: number): number {
  const { first, last } = yearDayNumbers(year);
  const start = dayNumber(period.start, 'Date de début');
  const end = period.end === null ? Number.POSITIVE_INFINITY : dayNumber(period.end, 'Date de fin');
  if (end < start) throw new RangeError(`Période invalide : la fin (${period.end}) précède le début (${period.start}).`);
  return Math.max(0, Math.min(end, last) - Math.max(start, first) + 1);
}

/**
 * ETPT of a work period over a civil year, exactly: quotité × days worked / (10 000 × days in
 * the year). 100 % from 2026-03-01 → 306/365 (0,84); 80 % all of 2026 → 4/5 (0,80).
 */
export function etpt(period: WorkPeriod, year: number): Fraction {
  assertQuotite(period.quotiteBp);
  assertYear(year);
  return fraction(period.quotiteBp * daysWorkedIn(period, year), FULL_SHARE_BP * daysInYear(year));
}

/**
 * Share of full pay for a quotité, exactly (the French public-service part-time rule, applied
 * alike to contract staff): 80 % → 6/7, 90 % → 32/35, otherwise the quotité itself
 * (50 % → 1/2, 70 % → 7/10, 100 % → 1).
 */
export function payRatio(quotiteBp: number): Fraction {
  assertQuotite(quotiteBp);
  if (quotiteBp === 8_000) return fraction(6, 7);
  if (quotiteBp === 9_000) return fraction(32, 35);
  return fraction(quotiteBp, FULL_SHARE_BP);
}

/**
 * What a work period costs within a civil year, in cents: annual full-time cost × pay ratio ×
 * days worked / days in the year, rounded half away from zero once, at the end.
 * 120 000 € from 2026-03-01 → 100 602,74 €; 60 000 € at 80 % all year → 51 428,57 €.
 */
export function paidCost(period: PaidWorkPeriod, year: number): number {
  assertCents(period.annualCostCents, 'Coût annuel en centimes');
  const ratio = payRatio(period.quotiteBp);
  const days = daysWorkedIn(period, year);
  const numerator = BigInt(period.annualCostCents) * BigInt(ratio.num) * BigInt(days);
  const denominator = BigInt(ratio.den) * BigInt(daysInYear(year));
  return centsFromBigInt(roundHalfAwayFromZero(numerator, denominator), 'Coût en centimes');
}
