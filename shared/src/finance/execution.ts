/**
 * Budget execution (docs/domain/budget-gbcp.md, « taux d’exécution », « atterrissage »): the rate consumed / open,
 * the theoretical rate (pro rata of the elapsed year), a linear year-end forecast, and the alerts
 * finance officers see on a budget line. Exact: comparisons are made on cents, never on rounded
 * rates. Pure: no Node or browser API.
 */
import { assertCents, centsFromBigInt, formatEuros, roundHalfAwayFromZero } from './money.js';
import { FULL_SHARE_BP, formatPercent } from './shares.js';
import { daysInYear } from './fte.js';
import { assertYear, dayNumber, yearDayNumbers } from './days.js';
import { formatDateFr } from '../format/french-dates.js';

/** Above this rate (strictly), a line is close to its limit: a warning. */
export const NEAR_LIMIT_BP = 9_000;
/**
 * Under-execution: from 1 October (after 30 September) a line whose rate lies more than
 * 25 points below the theoretical rate is flagged. On 31 October 2026 (304/365 of the year
 * elapsed, 83,29 %) that means below 58,29 %; on 31 December, below 75 %. 25 points leave room
 * for the usual lag of payments (invoices and December pay) while catching, in time for a
 * budget rectificatif, the credits that will not be used.
 */
export const UNDER_EXECUTION_GAP_BP = 2_500;
/** Month and day after which under-execution is checked (the end of the third quarter). */
export const UNDER_EXECUTION_AFTER = '09-30';

export type ExecutionMeasure = 'committed' | 'paid';
/** The same codes as the API schema’s `ExecutionAlert` (shared/src/schemas/budget.ts). */
export type ExecutionAlertCode = 'over_100' | 'over_90' | 'under_execution';

/** An alert on a budget line; assignable to the API schema’s `ExecutionAlert`, with the measure it concerns. */
export interface LineExecutionAlert {
  readonly code: ExecutionAlertCode;
  /** `blocking`: the operation must not go through as is; `warning`: to look at. */
  readonly level: 'blocking' | 'warning';
  /** Commitments (AE consumed) or payments (CP consumed). */
  readonly measure: ExecutionMeasure;
  readonly message: string;
}

export interface ExecutionInput {
  /**
   * Open credits of the line, in cents (sum of the adopted decisions): one amount when AE = CP
   * (personnel), or `{ ae, cp }` when they differ; commitments are compared with the AE, payments
   * with the CP.
   */
  readonly open: number | { readonly ae: number; readonly cp: number };
  /** Commitments (engagements) in cents. */
  readonly committed: number;
  /** Payments in cents. */
  readonly paid: number;
  /** The situation date, `YYYY-MM-DD` (the day counts as elapsed). */
  readonly asOf: string;
  /** The budget year. */
  readonly year: number;
}

/**
 * consumed / open in basis points, rounded half away from zero: 24 815 476 of 28 000 000 cents
 * → 8 863 (88,63 %). Null when nothing is open (0). A RangeError on negative open credits.
 */
export function executionRateBp(consumedCents: number, openCents: number): number | null {
  assertCents(consumedCents, 'Montant consommé en centimes');
  assertCents(openCents, 'Crédits ouverts en centimes');
  if (openCents < 0) throw new RangeError(`Crédits ouverts négatifs : ${formatEuros(openCents)}.`);
  if (openCents === 0) return null;
  return Number(roundHalfAwayFromZero(BigInt(consumedCents) * BigInt(FULL_SHARE_BP), BigInt(openCents)));
}

/** Days of `year` elapsed at the end of `asOfIso` (0 before the year, all after it). */
export function elapsedDays(asOfIso: string, year: number): number {
  const { first, last } = yearDayNumbers(year);
  const asOf = dayNumber(asOfIso, 'Date de situation');
  return Math.max(0, Math.min(asOf, last) - first + 1);
}

/**
 * Share of the year elapsed at the end of `asOfIso`, in basis points, by days: 1 January → 27
 * (1/365), 30 June 2026 → 4 959 (181/365), 31 December → 10 000; 0 before the year, 10 000 after.
 */
export function theoreticalRateBp(asOfIso: string, year: number): number {
  return Number(roundHalfAwayFromZero(BigInt(elapsedDays(asOfIso, year)) * BigInt(FULL_SHARE_BP), BigInt(daysInYear(year))));
}

/**
 * Year-end projection (atterrissage) at the current pace: consumed × days in the year / days
 * elapsed, rounded half away from zero. The consumption itself once the year is over; null
 * before the year starts (no pace to extend).
 */
export function forecastLinear(consumedCents: number, asOfIso: string, year: number): number | null {
  assertCents(consumedCents, 'Montant consommé en centimes');
  const elapsed = elapsedDays(asOfIso, year);
  if (elapsed === 0) return null;
  return centsFromBigInt(roundHalfAwayFromZero(BigInt(consumedCents) * BigInt(daysInYear(year)), BigInt(elapsed)), 'Prévision en centimes');
}

const MEASURE_LABELS: Record<ExecutionMeasure, { subject: string; short: string }> = {
  committed: { subject: 'Les engagements', short: 'engagements' },
  paid: { subject: 'Les paiements', short: 'paiements' },
};

/**
 * The alerts of a budget line at a date, for commitments (against open AE) then payments
 * (against open CP):
 * - `over_100` (blocking): consumed > open credits (any amount above 100 %, even 100,004 %);
 * - `over_90` (warning): consumed > 90 % of open credits (strictly), when not already over;
 * - `under_execution` (warning): after 30 September of the budget year (from 1 October, and
 *   after the year), the rate is more than 25 points below the theoretical rate
 *   (consumed / open < elapsed / days − 25 %), compared exactly. Not checked without open credits.
 */
export function executionAlerts(input: ExecutionInput): LineExecutionAlert[] {
  const { asOf, year } = input;
  const openOf: Record<ExecutionMeasure, number> =
    typeof input.open === 'number' ? { committed: input.open, paid: input.open } : { committed: input.open.ae, paid: input.open.cp };
  for (const open of Object.values(openOf)) {
    assertCents(open, 'Crédits ouverts en centimes');
    if (open < 0) throw new RangeError(`Crédits ouverts négatifs : ${formatEuros(open)}.`);
  }
  assertCents(input.committed, 'Engagements en centimes');
  assertCents(input.paid, 'Paiements en centimes');
  assertYear(year);
  const elapsed = elapsedDays(asOf, year);
  const days = daysInYear(year);
  const checksUnder = dayNumber(asOf, 'Date de situation') > dayNumber(`${year}-${UNDER_EXECUTION_AFTER}`);
  const alerts: LineExecutionAlert[] = [];
  for (const measure of ['committed', 'paid'] as const) {
    const consumed = input[measure];
    const open = openOf[measure];
    const { subject, short } = MEASURE_LABELS[measure];
    const rate = executionRateBp(consumed, open);
    const rateText = rate === null ? '' : `, soit ${formatPercent(rate)}`;
    if (consumed > open) {
      const message =
        open === 0
          ? `${subject} (${formatEuros(consumed)}) n’ont aucun crédit ouvert en regard.`
          : `${subject} (${formatEuros(consumed)}${rateText}) dépassent les crédits ouverts (${formatEuros(open)}) de ${formatEuros(consumed - open)}.`;
      alerts.push({ code: 'over_100', level: 'blocking', measure, message });
    } else if (BigInt(consumed) * BigInt(FULL_SHARE_BP) > BigInt(open) * BigInt(NEAR_LIMIT_BP)) {
      alerts.push({
        code: 'over_90',
        level: 'warning',
        measure,
        message: `${subject} atteignent ${formatPercent(rate!)} des crédits ouverts (plus de ${formatPercent(NEAR_LIMIT_BP)}) : il reste ${formatEuros(open - consumed)}.`,
      });
    }
    if (checksUnder && open > 0) {
      // consumed / open < elapsed / days − gap / 10 000, multiplied out by open × days × 10 000.
      const lhs = BigInt(consumed) * BigInt(days) * BigInt(FULL_SHARE_BP);
      const rhs = BigInt(open) * (BigInt(elapsed) * BigInt(FULL_SHARE_BP) - BigInt(UNDER_EXECUTION_GAP_BP) * BigInt(days));
      if (lhs < rhs) {
        const theoretical = theoreticalRateBp(asOf, year);
        alerts.push({
          code: 'under_execution',
          level: 'warning',
          measure,
          message: `Sous-exécution au ${formatDateFr(asOf)} : taux des ${short} de ${formatPercent(rate!)} pour un taux théorique de ${formatPercent(theoretical)} (écart de plus de ${UNDER_EXECUTION_GAP_BP / 100}\u00A0points).`,
        });
      }
    }
  }
  return alerts;
}
