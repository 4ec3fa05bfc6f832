import { formatEuros, formatPercent } from '@cn2r/shared';
import type { ValueKind } from './chart-model';

/** Counts (a median of counts may be a half). */
const count = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
/** Decimals such as FTE: always two digits (« 0,80 »). */
const decimal = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

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
