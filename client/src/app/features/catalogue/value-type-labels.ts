import type { Indicator } from '@cn2r/shared';

export type ValueType = Indicator['valueType'];

/** The value types in French: the one map of shared/src/collection/value-checks.ts. */
export { valueTypeLabels } from '@cn2r/shared';

/** Value types that take plausible bounds (minimum, maximum). */
export const NUMERIC_VALUE_TYPES: readonly ValueType[] = ['count', 'decimal', 'percentage', 'days'];
