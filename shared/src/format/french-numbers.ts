/**
 * French (fr-FR) display of plain numbers, the one place that calls `Intl.NumberFormat('fr-FR')`
 * for client, server and reports. Pure: no Node or browser API beyond Intl.
 *
 * Intl puts U+202F (narrow no-break space) between thousands in fr-FR; some PDF fonts (Roboto)
 * have no such glyph, so by default it becomes U+00A0, HERE and nowhere else. The browser views
 * that always showed Intl's own output ask for `{ narrowSpace: true }` and keep U+202F.
 *
 * Euros and percentages are exact integer arithmetic, not Intl: `formatEuros(cents)`
 * (finance/money.ts, `280 000,00 €`) and `formatPercent(basisPoints)` (finance/shares.ts,
 * `88,63 %`), both with U+00A0; the spec next to this file checks them with the others.
 */

export interface FrenchNumberOptions {
  /** Digits always shown after the comma; Intl's default (0) when absent. */
  readonly minimumFractionDigits?: number;
  /** Digits at most after the comma, rounded half away from zero; Intl's default (3) when absent. */
  readonly maximumFractionDigits?: number;
  /** `true`: keep Intl's U+202F between thousands (browser views); default `false`: U+00A0. */
  readonly narrowSpace?: boolean;
}

const NARROW_NBSP = /\u202F/g;
const NBSP = '\u00A0';
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(minimumFractionDigits?: number, maximumFractionDigits?: number): Intl.NumberFormat {
  const key = `${minimumFractionDigits ?? ''}|${maximumFractionDigits ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.NumberFormatOptions = {};
    if (minimumFractionDigits !== undefined) options.minimumFractionDigits = minimumFractionDigits;
    if (maximumFractionDigits !== undefined) options.maximumFractionDigits = maximumFractionDigits;
    format = new Intl.NumberFormat('fr-FR', options);
    formatters.set(key, format);
  }
  return format;
}

/** fr-FR digits: `1 234,5` (U+00A0 between thousands unless `narrowSpace`). */
export function formatNumber(value: number, options: FrenchNumberOptions = {}): string {
  const text = formatter(options.minimumFractionDigits, options.maximumFractionDigits).format(value);
  return options.narrowSpace ? text : text.replace(NARROW_NBSP, NBSP);
}

/** A count: `12 500` (a fraction, if any, shown to three digits as Intl does). */
export function formatInteger(value: number, options: Pick<FrenchNumberOptions, 'narrowSpace'> = {}): string {
  return formatNumber(value, options);
}

/** A decimal with exactly `digits` digits after the comma: `formatDecimal(0.8, 2)` → `0,80`. */
export function formatDecimal(value: number, digits: number, options: Pick<FrenchNumberOptions, 'narrowSpace'> = {}): string {
  return formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits, ...options });
}
