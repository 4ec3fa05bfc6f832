import { toScaled, VALUE_SCALE } from '../collection/aggregation.js';
import { assertCents, centsFromBigInt, roundHalfAwayFromZero } from './money.js';

/**
 * Euros spent per activity: `spentCents ÷ count` (per patient followed, per consultation, per
 * professional trained), in integer cents rounded once, half away from zero — computed exactly in
 * BigInt, so 1 000,00 € for 3 patients is 333,33 € and 2,00 € for 8 is 0,25 €. The count is an
 * aggregate of indicator values (a number or a PostgreSQL numeric string, at most 4 decimals).
 * Null when the count is missing or 0 (nothing to divide by), or negative (not a count).
 */
export function costPerActivityCents(spentCents: number, count: number | string | null | undefined): number | null {
  assertCents(spentCents, 'Dépense en centimes');
  const scaled = toScaled(count ?? null);
  if (scaled === null || scaled <= 0n) return null;
  return centsFromBigInt(roundHalfAwayFromZero(BigInt(spentCents) * 10n ** BigInt(VALUE_SCALE), scaled), 'Coût par activité');
}
