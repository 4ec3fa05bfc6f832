import { AbstractControl } from '@angular/forms';

/**
 * The French message for a control's first error, or null when it has none.
 * `custom` overrides a message by error key (a `pattern` needs words that fit the field).
 */
export function controlErrorMessage(control: AbstractControl | null, custom: Record<string, string> = {}): string | null {
  const errors = control?.errors;
  if (!errors) return null;
  const [key, value] = Object.entries(errors)[0] as [string, unknown];
  if (custom[key]) return custom[key];
  switch (key) {
    case 'server':
    case 'mismatch':
      return String(value);
    case 'required':
      return 'Ce champ est obligatoire.';
    case 'email':
      return 'Adresse e-mail invalide.';
    case 'minlength':
      return `${(value as { requiredLength: number }).requiredLength} caractères au moins.`;
    case 'maxlength':
      return `${(value as { requiredLength: number }).requiredLength} caractères au plus.`;
    case 'pattern':
      return 'Format invalide.';
    case 'matDatepickerParse':
      return 'Date invalide : saisissez-la au format JJ/MM/AAAA.';
    case 'matDatepickerMin':
      return 'Date trop ancienne.';
    case 'matDatepickerMax':
      return 'Date trop tardive.';
    default:
      return 'Valeur invalide.';
  }
}
