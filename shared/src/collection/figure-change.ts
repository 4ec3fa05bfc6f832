import { roundHalfAwayFromZero } from '../finance/money.js';
import { formatNumber } from '../format/french-numbers.js';
import { changeBp, toScaled, type AggregatableValue } from './aggregation.js';

/**
 * The change between two figures, as the board and the assembly read it (DOMAIN.md, « Changes »):
 * a change of a rate is a difference in points (45,3 % → 46,9 % is « +1,6 pt »), a change of a
 * count or an amount is a relative change in percent (400 → 252 is « −37 % »). One helper, so no
 * view divides two rates or subtracts two counts by mistake. Pure: no Node or browser API.
 */

/**
 * What a figure measures: a count or an amount (`quantity`), or a rate given in basis points
 * (`rate_bp`: 10 000 = 100 %, the execution and achievement rates) or in percent (`rate_percent`:
 * 100 = 100 %, a percentage indicator).
 */
export type FigureMeasure = 'quantity' | 'rate_bp' | 'rate_percent';

/**
 * A change: in `percent`, basis points of the previous value (+2 500 = +25 %); in `points`, hundredths
 * of a point (+160 = +1,6 pt). Integers, rounded once half away from zero.
 */
export interface FigureChange {
  readonly unit: 'percent' | 'points';
  readonly bp: number;
}

/**
 * The change from `previous` to `current`; null when either is missing, or for a quantity whose
 * previous value is 0 (no relative change from nothing).
 */
export function figureChange(current: AggregatableValue, previous: AggregatableValue, measure: FigureMeasure): FigureChange | null {
  if (measure === 'quantity') {
    const bp = changeBp(current, previous);
    return bp === null ? null : { unit: 'percent', bp };
  }
  const c = toScaled(current);
  const p = toScaled(previous);
  if (c === null || p === null) return null;
  // Values are scaled by 10^4: a rate in bp differs by (c − p) / 10^4 bp; one in percent by (c − p) / 10^4 × 100 bp.
  return { unit: 'points', bp: Number(roundHalfAwayFromZero(c - p, measure === 'rate_bp' ? 10_000n : 100n)) };
}

const NBSP = '\u00A0';
const MINUS = '\u2212';

/**
 * fr-FR text of a change, signed, to one decimal: « +8,2 % », « −37 % », « +1,6 pt », « 0 pt »;
 * `whenNull` (default « n.d. ») when there is no change to show.
 */
export function formatFigureChange(change: FigureChange | null, whenNull = 'n.d.'): string {
  if (change === null) return whenNull;
  const tenths = Number(roundHalfAwayFromZero(change.bp, 10));
  const sign = tenths > 0 ? '+' : tenths < 0 ? MINUS : '';
  const magnitude = formatNumber(Math.abs(tenths) / 10, { maximumFractionDigits: 1 });
  return `${sign}${magnitude}${NBSP}${change.unit === 'points' ? 'pt' : '%'}`;
}
