import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { formatNumber } from '@cn2r/shared';

/** Spaces a French user (or fr-FR formatting) may put between thousands: space, no-break and narrow no-break. */
const GROUP_SEPARATORS = /[\s\u00a0\u202f]/g;
const NUMBER = /^-?\d+([.,]\d+)?$/;

export const FRENCH_NUMBER_MESSAGE = 'Nombre attendu, par exemple 1 250 ou 12,5.';

/**
 * Reads a number as a French user types it: « 1 250 », « 12,5 », « 12.5 », « -3 ».
 * Empty text is null; anything else that is not a number is NaN.
 */
export function parseFrenchNumber(text: string | null | undefined): number | null {
  const compact = (text ?? '').replace(GROUP_SEPARATORS, '');
  if (compact === '') return null;
  if (!NUMBER.test(compact)) return Number.NaN;
  return Number(compact.replace(',', '.'));
}

/** A number as fr-FR shows it (« 1 250,5 », U+202F kept between thousands), or '' for null. */
export function formatFrenchNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatNumber(value, { maximumFractionDigits: 4, narrowSpace: true });
}

/** `{ frenchNumber: message }` when the text is neither empty nor a number. */
export const frenchNumberValidator: ValidatorFn = (control: AbstractControl<string | null>): ValidationErrors | null =>
  Number.isNaN(parseFrenchNumber(control.value)) ? { frenchNumber: FRENCH_NUMBER_MESSAGE } : null;
