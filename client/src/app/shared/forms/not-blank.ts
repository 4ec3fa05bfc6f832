import type { AbstractControl, ValidationErrors } from '@angular/forms';

/** `Validators.required` for text that must be more than blanks: the same `required` error. */
export function notBlank(control: AbstractControl): ValidationErrors | null {
  return String(control.value ?? '').trim() === '' ? { required: true } : null;
}
