import { FormControl, Validators } from '@angular/forms';
import { fromIsoDate } from '../dates/iso-date';

/** A text field that must be filled, of at most `maxLength` characters. */
export function requiredTextControl(value: string, maxLength: number): FormControl<string> {
  return new FormControl(value, { nonNullable: true, validators: [Validators.required, Validators.maxLength(maxLength)] });
}

/** A text field that may stay empty, of at most `maxLength` characters. */
export function optionalTextControl(value: string, maxLength: number): FormControl<string> {
  return new FormControl(value, { nonNullable: true, validators: [Validators.maxLength(maxLength)] });
}

/** A choice or amount that must be given: null until it is. */
export function requiredControl<T>(value: T | null): FormControl<T | null> {
  return new FormControl<T | null>(value, { validators: [Validators.required] });
}

/** A datepicker control that must be filled, starting at the `YYYY-MM-DD` day given (empty without one). */
export function requiredDateControl(isoDate: string | null | undefined): FormControl<Date | null> {
  return new FormControl<Date | null>(fromIsoDate(isoDate), { validators: [Validators.required] });
}
