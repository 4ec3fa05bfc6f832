import type { Indicator } from '@cn2r/shared';

export type ValueType = Indicator['valueType'];

/** The value types in French (the shared contract carries the codes only). */
export const valueTypeLabels: Record<ValueType, string> = {
  count: 'Nombre entier',
  decimal: 'Nombre décimal',
  percentage: 'Pourcentage',
  days: 'Nombre de jours',
  boolean: 'Oui / non',
  text: 'Texte',
};

/** Value types that take plausible bounds (minimum, maximum). */
export const NUMERIC_VALUE_TYPES: readonly ValueType[] = ['count', 'decimal', 'percentage', 'days'];
