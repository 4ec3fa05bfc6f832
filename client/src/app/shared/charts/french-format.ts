import { formatDecimal, formatEuros, formatNumber, formatPercent } from '@cn2r/shared';
import type { ValueKind } from './chart-model';

/** Counts (a median of counts may be a half); Intl's U+202F between thousands kept, as the charts always showed. */
const count = { format: (value: number) => formatNumber(value, { maximumFractionDigits: 2, narrowSpace: true }) };
/** Decimals such as FTE: always two digits (« 0,80 »), U+202F kept. */
const decimal = { format: (value: number) => formatDecimal(value, 2, { narrowSpace: true }) };

/** A value as a French reader expects it: « 1 250 », « 640,5 », « 0,80 », « 280 000,00 € », « 88,63 % »; « — » when there is none. */
export function formatValue(kind: ValueKind, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (kind) {
    case 'count':
      return count.format(value);
    case 'decimal':
      return decimal.format(value);
    case 'cents':
      return formatEuros(Math.round(value));
    case 'basisPoints':
      return formatPercent(Math.round(value));
  }
}

/** An axis tick: like `formatValue`, euros without cents. ngx-charts passes ticks as numbers or strings. */
export function tickFormatter(kind: ValueKind): (tick: unknown) => string {
  return (tick: unknown) => {
    const value = typeof tick === 'number' ? tick : Number(tick);
    if (!Number.isFinite(value)) return String(tick);
    if (kind === 'cents') return formatEuros(Math.round(value), { decimals: false });
    if (kind === 'count' || kind === 'decimal') return count.format(value);
    return formatValue(kind, value);
  };
}
