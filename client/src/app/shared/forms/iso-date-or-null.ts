import { toIsoDate } from '../dates/iso-date';

/** A datepicker control's value as the API's `YYYY-MM-DD`, or null while the control is empty. */
export function isoDateOrNull(date: Date | null): string | null {
  return date ? toIsoDate(date) : null;
}
