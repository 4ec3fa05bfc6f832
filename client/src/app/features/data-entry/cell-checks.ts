import {
  type CellValue,
  type Indicator,
  type IndicatorValue,
  type OutlierResult,
  checkBounds,
  formatValue,
  outlierCheck,
  parseEnteredValue,
  SECONDARY_CELL_TEXT,
  SMALL_CELL_TEXT,
} from '@cn2r/shared';

/** What the checks as you type say about one field's text. */
export interface CellCheck {
  /** The value the text stands for (null when empty or invalid). */
  readonly value: IndicatorValue;
  /** A type or bounds error, in French; the value is then not saved. */
  readonly error: string | null;
  /** Year-over-year change beyond the threshold: an explanation is needed. Null when not checked. */
  readonly outlier: OutlierResult | null;
}

export type CheckedIndicator = Pick<Indicator, 'valueType' | 'minValue' | 'maxValue'>;

/** A stored value as the rules and the outlier check read it: numbers, and yes/no as 1/0. */
export function numericValue(value: CellValue | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

/**
 * Reads a field's text with the shared checks: French number (« 1 234 », « 12,5 »), bounds,
 * and the outlier check against the same period last year.
 */
export function checkCell(text: string, indicator: CheckedIndicator, lastYear: CellValue | undefined, thresholdPercent: number): CellCheck {
  // A count masked by the server for a reader of masked counts (board, finance): « < 5 » or « s ».
  if (isMaskedCount(text)) return { value: null, error: null, outlier: null };
  const parsed = parseEnteredValue(text, indicator.valueType);
  if (!parsed.ok) return { value: null, error: parsed.message, outlier: null };
  const value = parsed.value;
  if (typeof value !== 'number') return { value, error: null, outlier: null };
  const boundsError = checkBounds(value, { min: indicator.minValue, max: indicator.maxValue });
  if (boundsError) return { value: null, error: boundsError, outlier: null };
  if (indicator.valueType === 'boolean') return { value, error: null, outlier: null };
  const reference = numericValue(lastYear);
  const outlier = reference === null ? null : outlierCheck(value, reference, thresholdPercent);
  return { value, error: null, outlier };
}

/** Whether a value is a sensitive count masked by small-cell suppression (« < 5 », « s »). */
export function isMaskedCount(value: CellValue | string | undefined): boolean {
  return value === SMALL_CELL_TEXT || value === SECONDARY_CELL_TEXT;
}

/** Whether a typed value is the one stored (1 and true are the same answer to a yes/no question). */
export function sameValue(a: CellValue | undefined, b: CellValue | undefined, type: Indicator['valueType']): boolean {
  const left = a ?? null;
  const right = b ?? null;
  if (type === 'boolean' && left !== null && right !== null) return numericValue(left) === numericValue(right);
  return left === right;
}

/** A stored value as the field shows it, ready to be typed back. */
export function textOf(value: CellValue | undefined, type: Indicator['valueType']): string {
  return value === undefined ? '' : formatValue(value, type);
}

/** A value of another period beside the field: fr-FR, « — » when there is none. */
export function displayValue(value: CellValue | undefined, type: Indicator['valueType']): string {
  const text = value === undefined || value === null ? '' : formatValue(value, type);
  return text === '' ? '—' : text;
}

/** « Écart de +65 % avec T1 2025 (seuil : 50 %) ». */
export function outlierMessage(outlier: OutlierResult, thresholdPercent: number, referenceLabel: string): string {
  if (outlier.changePercent === null) {
    return `Écart important avec ${referenceLabel}, où la valeur était nulle (seuil : ${thresholdPercent} %).`;
  }
  const rounded = Math.round(outlier.changePercent);
  const sign = rounded > 0 ? '+' : '';
  return `Écart de ${sign}${formatValue(rounded, 'count')} % avec ${referenceLabel} (seuil : ${thresholdPercent} %).`;
}
