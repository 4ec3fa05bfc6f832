import { AbstractControl, FormGroup } from '@angular/forms';

export interface FieldMessage {
  /** A dotted path as the API and zod give it: « email », « unitIds.0 ». */
  readonly path: string | readonly PropertyKey[];
  readonly message: string;
}

/**
 * Puts server (422) or schema field errors on the matching form controls, as `{ server: message }`.
 * « unitIds.0 » lands on the `unitIds` control. Returns the messages that matched no control,
 * for the form to show above its buttons.
 */
export function applyFieldErrors(form: FormGroup, fields: readonly FieldMessage[]): string[] {
  const unmatched: string[] = [];
  for (const field of fields) {
    const segments = (typeof field.path === 'string' ? field.path.split('.') : field.path.map(String)).filter(
      (segment) => segment !== '',
    );
    const control = closestControl(form, segments);
    if (control && control !== form) {
      control.setErrors({ ...(control.errors ?? {}), server: field.message });
      control.markAsTouched();
    } else {
      unmatched.push(field.message);
    }
  }
  return unmatched;
}

function closestControl(form: FormGroup, segments: string[]): AbstractControl | null {
  for (let length = segments.length; length > 0; length--) {
    const control = form.get(segments.slice(0, length));
    if (control) return control;
  }
  return null;
}
