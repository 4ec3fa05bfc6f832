import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

export const MISMATCH_MESSAGE = 'Les deux mots de passe ne correspondent pas.';

/**
 * A group validator: the confirmation must repeat the password. The error goes on the
 * confirmation control (as `{ mismatch: message }`), where the user sees it.
 */
export function matchingPasswords(passwordKey: string, confirmationKey: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const password = group.get(passwordKey);
    const confirmation = group.get(confirmationKey);
    if (!password || !confirmation) return null;
    const { mismatch: _previous, ...others } = confirmation.errors ?? {};
    const mismatch = confirmation.value !== '' && password.value !== confirmation.value;
    const errors = mismatch ? { ...others, mismatch: MISMATCH_MESSAGE } : others;
    confirmation.setErrors(Object.keys(errors).length ? errors : null);
    return mismatch ? { mismatch: true } : null;
  };
}
