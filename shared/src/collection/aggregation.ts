import { roundHalfAwayFromZero } from '../finance/money.js';
import { parsePeriod } from './periods.js';

/**
 * Aggregation of indicator values, exactly: over the periods of a year (sum, average, last,
 * max — the indicator's `timeAggregation`), across units (sum, average, median — its
 * `unitAggregation`), and the total of a disaggregated value (the sum of its options, only for an
 * indicator whose options add up: `optionsAdditive` in the catalogue; a median delay split adult /
 * minor has no total).
 *
 * Values are decimals with at most {@link VALUE_SCALE} decimals (the storage scale,
 * `numeric(20,4)`), given as numbers or as the strings PostgreSQL returns (`'12.3400'`). The
 * arithmetic runs on BigInt units of 10^-4, so a sum of counts is an exact integer and no float
 * error creeps in; an average or a median is rounded once, half away from zero, to 4 decimals —
 * the same result as `round(avg(x), 4)` in PostgreSQL. Missing values (null) are left out; an
 * aggregate of nothing is null. Text values are not aggregated; booleans count as 1 / 0.
 * Pure: no Node or browser API.
 */

/** Decimals kept by the database and by every aggregate. */
export const VALUE_SCALE = 4;
const UNIT = 10n ** BigInt(VALUE_SCALE);

export type TimeAggregationKind = 'sum' | 'average' | 'last' | 'max';
export type UnitAggregationKind = 'sum' | 'average' | 'median';
export type AggregatableValue = number | string | boolean | null | undefined;

/** A value of one period, for the aggregation over time. */
export interface PeriodValue {
  readonly period: string;
  readonly value: AggregatableValue;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A value in units of 10^-4 (BigInt), null when missing; a RangeError for text or finer decimals. */
export function toScaled(value: AggregatableValue): bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? UNIT : 0n;
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Valeur non finie : ${value}.`);
    // String() gives the shortest decimals that read back as the same number; anything finer than 4 is refused below.
    text = Number.isInteger(value) ? BigInt(value).toString() : String(value);
    if (/e/i.test(text)) text = value.toFixed(VALUE_SCALE + 1);
  } else {
    text = value.trim();
  }
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`Valeur non numérique : « ${String(value)} ».`);
  const [, sign, whole, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > VALUE_SCALE) throw new RangeError(`Plus de ${VALUE_SCALE} décimales : ${String(value)}.`);
  const scaled = BigInt(whole) * UNIT + BigInt(significant.padEnd(VALUE_SCALE, '0') || '0');
  return sign === '-' ? -scaled : scaled;
}

/** Back from units of 10^-4 to a JS number (exact for 4 decimals within the safe range). */
export function fromScaled(scaled: bigint): number {
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  const whole = magnitude / UNIT;
  const fraction = (magnitude % UNIT).toString().padStart(VALUE_SCALE, '0').replace(/0+$/, '');
  const result = Number(`${whole}${fraction ? `.${fraction}` : ''}`);
  return negative ? -result : result;
}

const present = (values: readonly AggregatableValue[]) => values.map(toScaled).filter((v): v is bigint => v !== null);

function sumScaled(values: readonly bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n);
}

function averageScaled(values: readonly bigint[]): bigint {
  return roundHalfAwayFromZero(sumScaled(values), BigInt(values.length));
}

function medianScaled(values: readonly bigint[]): bigint {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : roundHalfAwayFromZero(sorted[mid - 1] + sorted[mid], 2n);
}

/**
 * The total of a disaggregated value: the exact sum of its options; null when no option is filled.
 * Only for an indicator whose options add up (counts of exclusive options); never for a median,
 * an average or a rate split by option.
 */
export function disaggregatedTotal(optionValues: readonly AggregatableValue[]): number | null {
  const values = present(optionValues);
  return values.length === 0 ? null : fromScaled(sumScaled(values));
}

interface ScaledPoint {
  readonly end: string;
  readonly value: bigint;
}

function timeAggregateScaled(filled: readonly ScaledPoint[], aggregation: TimeAggregationKind): bigint | null {
  if (filled.length === 0) return null;
  const values = filled.map((p) => p.value);
  switch (aggregation) {
    case 'sum':
      return sumScaled(values);
    case 'average':
      return averageScaled(values);
    case 'max':
      return values.reduce((a, b) => (b > a ? b : a));
    case 'last':
      return filled.reduce((a, b) => (b.end >= a.end ? b : a)).value;
    default:
      throw new RangeError(`Agrégation dans le temps inconnue : ${String(aggregation)}.`);
  }
}

/**
 * A unit's value over several periods (the quarters of a year, the months of a quarter):
 * `sum`, `average` (of the periods that have a value), `last` (the latest period with a value),
 * `max`. Periods may come in any order.
 */
export function aggregateOverTime(points: readonly PeriodValue[], aggregation: TimeAggregationKind): number | null {
  const filled = points
    .map((p) => ({ end: parsePeriod(p.period).end, value: toScaled(p.value) }))
    .filter((p): p is ScaledPoint => p.value !== null);
  const scaled = timeAggregateScaled(filled, aggregation);
  return scaled === null ? null : fromScaled(scaled);
}

/**
 * A unit's total of a disaggregated indicator over several periods, from the values of its
 * options (several points per period, in any order): the total of each period is the exact sum
 * of its filled options, then the time aggregation runs over the periods' totals — so `last` is
 * the total of the latest period with a value, `max` the highest period total, `average` the
 * mean of the period totals, rounded once. For an indicator whose options add up only (the
 * catalogue's `optionsAdditive`); null when nothing is filled.
 */
export function aggregateTotalOverTime(optionPoints: readonly PeriodValue[], aggregation: TimeAggregationKind): number | null {
  const totals = new Map<string, ScaledPoint>();
  for (const p of optionPoints) {
    const value = toScaled(p.value);
    if (value === null) continue;
    const previous = totals.get(p.period);
    totals.set(p.period, { end: previous?.end ?? parsePeriod(p.period).end, value: (previous?.value ?? 0n) + value });
  }
  const scaled = timeAggregateScaled([...totals.values()], aggregation);
  return scaled === null ? null : fromScaled(scaled);
}

/** The network value from the units' values: `sum`, `average` or `median` (of the units that have a value). */
export function aggregateAcrossUnits(values: readonly AggregatableValue[], aggregation: UnitAggregationKind): number | null {
  const filled = present(values);
  if (filled.length === 0) return null;
  switch (aggregation) {
    case 'sum':
      return fromScaled(sumScaled(filled));
    case 'average':
      return fromScaled(averageScaled(filled));
    case 'median':
      return fromScaled(medianScaled(filled));
    default:
      throw new RangeError(`Agrégation entre centres inconnue : ${String(aggregation)}.`);
  }
}

/** The median of the units' values (the network median the unit-lead dashboard compares with). */
export function medianOf(values: readonly AggregatableValue[]): number | null {
  return aggregateAcrossUnits(values, 'median');
}

/**
 * Change from `previous` to `current` in basis points of `previous` (+2 500 = +25 %), rounded
 * once half away from zero; null when either is missing or `previous` is 0.
 */
export function changeBp(current: AggregatableValue, previous: AggregatableValue): number | null {
  const c = toScaled(current);
  const p = toScaled(previous);
  if (c === null || p === null || p === 0n) return null;
  return Number(roundHalfAwayFromZero((c - p) * 10_000n, p < 0n ? -p : p));
}

/** `actual / target` in basis points (10 000 = target reached), rounded once; null without a positive target. */
export function achievementBp(actual: AggregatableValue, target: AggregatableValue): number | null {
  const a = toScaled(actual);
  const t = toScaled(target);
  if (a === null || t === null || t <= 0n) return null;
  return Number(roundHalfAwayFromZero(a * 10_000n, t));
}
