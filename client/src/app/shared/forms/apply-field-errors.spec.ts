import { FormControl, FormGroup, Validators } from '@angular/forms';
import { applyFieldErrors } from './apply-field-errors';
import { controlErrorMessage } from './control-error-message';

describe('applyFieldErrors', () => {
  const makeForm = () =>
    new FormGroup({
      email: new FormControl('a@b.fr', { nonNullable: true }),
      unitIds: new FormControl<number[]>([], { nonNullable: true }),
    });

  it('puts each server message on its control, « unitIds.0 » on unitIds', () => {
    const form = makeForm();
    const unmatched = applyFieldErrors(form, [
      { path: 'email', message: 'Cette adresse e-mail est déjà utilisée.' },
      { path: 'unitIds.0', message: 'Centre inconnu.' },
    ]);
    expect(unmatched).toEqual([]);
    expect(form.controls.email.errors).toEqual({ server: 'Cette adresse e-mail est déjà utilisée.' });
    expect(controlErrorMessage(form.controls.unitIds)).toBe('Centre inconnu.');
    expect(form.controls.email.touched).toBeTrue();
  });

  it('returns the messages that match no control, and the error clears when the value changes', () => {
    const form = makeForm();
    const unmatched = applyFieldErrors(form, [
      { path: '', message: 'Erreur globale.' },
      { path: ['email'], message: 'Adresse refusée.' },
    ]);
    expect(unmatched).toEqual(['Erreur globale.']);
    form.controls.email.setValue('c@d.fr');
    expect(form.controls.email.errors).toBeNull();
  });
});

describe('controlErrorMessage', () => {
  it('speaks French for the usual validators', () => {
    const control = new FormControl('', [Validators.required, Validators.minLength(12)]);
    expect(controlErrorMessage(control)).toBe('Ce champ est obligatoire.');
    control.setValue('court');
    expect(controlErrorMessage(control)).toBe('12 caractères au moins.');
    expect(controlErrorMessage(control, { minlength: 'Trop court.' })).toBe('Trop court.');
    control.setValue('suffisamment long');
    expect(controlErrorMessage(control)).toBeNull();
  });
});
