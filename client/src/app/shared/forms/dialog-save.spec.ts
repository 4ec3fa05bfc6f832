import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { FormControl, FormGroup } from '@angular/forms';
import type { MatDialogRef } from '@angular/material/dialog';
import { Subject, config } from 'rxjs';
import { controlErrorMessage } from './control-error-message';
import { type FormDialog, saveFromDialog, showIssues } from './dialog-save';

interface Thing {
  readonly id: number;
  readonly code: string;
}
type ThingResult = { readonly outcome: 'created'; readonly thing: Thing } | { readonly outcome: 'conflict' };

const codes: Record<number, string> = { 409: 'conflict', 422: 'validation_failed', 500: 'internal' };
const apiError = (status: number, message: string, fields: { path: string; message: string }[] = []) =>
  new HttpErrorResponse({ status, url: '/api/things', error: { error: { code: codes[status], message, fields } } });

describe('saveFromDialog', () => {
  let close: jasmine.Spy;
  let request: Subject<Thing>;
  let dialog: FormDialog<ThingResult>;

  const makeDialog = (extra: Partial<FormDialog<ThingResult>> = {}): FormDialog<ThingResult> => ({
    form: new FormGroup({
      code: new FormControl('AGE', { nonNullable: true }),
      kind: new FormControl({ value: 'x', disabled: true }, { nonNullable: true }),
    }),
    saving: signal(false),
    formErrors: signal<string[]>([]),
    dialogRef: { close } as unknown as MatDialogRef<unknown, ThingResult>,
    ...extra,
  });

  beforeEach(() => {
    close = jasmine.createSpy('close');
    request = new Subject<Thing>();
    dialog = makeDialog({ conflict: { outcome: 'conflict' } });
  });

  const save = () => saveFromDialog(request, dialog, (thing) => ({ outcome: 'created', thing }));

  it('is saving while the request runs, then closes with the result', () => {
    save();
    expect(dialog.saving()).toBeTrue();
    request.next({ id: 3, code: 'AGE' });
    expect(dialog.saving()).toBeFalse();
    expect(close).toHaveBeenCalledOnceWith({ outcome: 'created', thing: { id: 3, code: 'AGE' } });
  });

  it('closes with the conflict on a stale version', () => {
    save();
    request.error(apiError(409, 'Version périmée.', [{ path: 'version', message: 'Version périmée.' }]));
    expect(dialog.saving()).toBeFalse();
    expect(close).toHaveBeenCalledOnceWith({ outcome: 'conflict' });
    expect(dialog.formErrors()).toEqual([]);
  });

  it('shows another 409 above the form and on its field', () => {
    save();
    request.error(apiError(409, 'Le code AGE est déjà utilisé.', [{ path: 'code', message: 'Code déjà utilisé.' }]));
    expect(close).not.toHaveBeenCalled();
    expect(dialog.saving()).toBeFalse();
    expect(dialog.formErrors()).toEqual(['Le code AGE est déjà utilisé.']);
    expect(controlErrorMessage(dialog.form.get('code'))).toBe('Code déjà utilisé.');
  });

  it('shows a 422 above the form, its field errors on the controls and those matching no control above', () => {
    save();
    request.error(
      apiError(422, 'Certaines valeurs saisies sont invalides.', [
        { path: 'code', message: 'Code invalide.' },
        { path: 'other', message: 'Autre erreur.' },
      ]),
    );
    expect(close).not.toHaveBeenCalled();
    expect(dialog.formErrors()).toEqual(['Certaines valeurs saisies sont invalides.', 'Autre erreur.']);
    expect(controlErrorMessage(dialog.form.get('code'))).toBe('Code invalide.');
  });

  it('shows a stale version like any other 409 when the dialog has no conflict result', () => {
    dialog = makeDialog();
    save();
    request.error(apiError(409, 'Version périmée.', [{ path: 'version', message: 'Version périmée.' }]));
    expect(close).not.toHaveBeenCalled();
    expect(dialog.formErrors()).toEqual(['Version périmée.', 'Version périmée.']);
  });

  it('lists errors on disabled controls above the form only when asked', () => {
    const errorOnKind = () => apiError(422, 'Valeurs invalides.', [{ path: 'kind', message: 'Type inconnu.' }]);
    save();
    request.error(errorOnKind());
    expect(dialog.formErrors()).toEqual(['Valeurs invalides.']);

    dialog = makeDialog({ disabledFieldsAbove: true });
    request = new Subject<Thing>();
    save();
    request.error(errorOnKind());
    expect(dialog.formErrors()).toEqual(['Valeurs invalides.', 'Type inconnu.']);
  });

  it('lists above the form, off their controls, the errors whose path it names', () => {
    dialog = makeDialog({ fieldAbove: (path) => path.startsWith('rows') });
    save();
    request.error(
      apiError(422, 'Valeurs invalides.', [
        { path: 'rows.0.share', message: 'Les parts totalisent 80 %.' },
        { path: 'code', message: 'Code invalide.' },
      ]),
    );
    expect(dialog.formErrors()).toEqual(['Valeurs invalides.', 'Les parts totalisent 80 %.']);
    expect(controlErrorMessage(dialog.form.get('code'))).toBe('Code invalide.');
  });

  it('leaves a 500 to the snackbar: the dialog stays open, the form unchanged', () => {
    save();
    request.error(apiError(500, 'Erreur interne.'));
    expect(dialog.saving()).toBeFalse();
    expect(close).not.toHaveBeenCalled();
    expect(dialog.formErrors()).toEqual([]);
    expect(dialog.form.get('code')?.errors).toBeNull();
  });

  describe('with an error that is not HTTP', () => {
    const previous = config.onUnhandledError;
    afterEach(() => (config.onUnhandledError = previous));

    it('rethrows it', async () => {
      const unhandled = jasmine.createSpy('onUnhandledError');
      config.onUnhandledError = unhandled;
      const bug = new TypeError('bug');
      save();
      request.error(bug);
      await new Promise((resolve) => setTimeout(resolve)); // RxJS reports it on a timer
      expect(dialog.saving()).toBeFalse();
      expect(close).not.toHaveBeenCalled();
      expect(unhandled).toHaveBeenCalledOnceWith(bug);
    });
  });
});

describe('showIssues', () => {
  it('puts schema issues on their controls and the others above the form', () => {
    const form = new FormGroup({ code: new FormControl('', { nonNullable: true }) });
    const formErrors = signal<string[]>(['ancien message']);
    showIssues({ form, formErrors }, [
      { path: ['code'], message: 'Code obligatoire.' },
      { path: [], message: 'Formulaire incomplet.' },
    ]);
    expect(formErrors()).toEqual(['Formulaire incomplet.']);
    expect(controlErrorMessage(form.controls.code)).toBe('Code obligatoire.');
  });
});
