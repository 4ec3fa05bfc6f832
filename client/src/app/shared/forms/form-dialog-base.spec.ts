import { HttpErrorResponse } from '@angular/common/http';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { Subject, of } from 'rxjs';
import { controlErrorMessage } from './control-error-message';
import type { FieldMessage } from './apply-field-errors';
import { FormDialogBase, type RequestSchema } from './form-dialog-base';

interface Thing {
  readonly id: number;
  readonly code: string;
  readonly version?: number;
}
type ThingResult = { readonly outcome: 'saved'; readonly thing: Thing } | { readonly outcome: 'conflict' };

/** A schema that accepts `{ code }` with a code of two letters or more, as zod's `safeParse` answers. */
const ThingSchema: RequestSchema<{ code: string }> = {
  safeParse: (input: unknown) => {
    const code = (input as { code?: unknown }).code;
    return typeof code === 'string' && code.length >= 2
      ? { success: true, data: { code } }
      : { success: false, error: { issues: [{ path: ['code'], message: 'Deux lettres au moins.' }, { path: [], message: 'Formulaire incomplet.' }] } };
  },
};

/** The smallest dialog: every protected member of the base opened up for the spec. */
class ThingDialog extends FormDialogBase<ThingResult> {
  readonly form = new FormGroup({ code: new FormControl('AGE', { nonNullable: true, validators: [Validators.required] }) });
  protected override readonly conflict = { outcome: 'conflict' } as const;
  readonly state = { saving: this.saving, formErrors: this.formErrors };

  begin = () => this.startSubmit();
  parseWith = (input: unknown, toField?: (issue: FieldMessage) => FieldMessage) => this.parse(ThingSchema, input, toField);
  send = (request: Subject<Thing>) => this.save(request, (thing) => ({ outcome: 'saved', thing }));
  unchanged = (changes: object) => this.closeIfUnchanged(changes);
  edit = (original: { id: number; code: string; version: number } | null, body: { code: string }, create: jasmine.Spy, update: jasmine.Spy) =>
    this.saveEdit<{ code: string }, Thing>(original, body, { create, update }, (thing) => ({ outcome: 'saved', thing }));
}

describe('FormDialogBase', () => {
  let close: jasmine.Spy;
  let dialog: ThingDialog;

  beforeEach(() => {
    close = jasmine.createSpy('close');
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), { provide: MatDialogRef, useValue: { close } }] });
    dialog = TestBed.runInInjectionContext(() => new ThingDialog());
  });

  describe('startSubmit', () => {
    it('clears the messages above the form, marks the controls touched and lets a valid form through', () => {
      dialog.state.formErrors.set(['ancien message']);
      expect(dialog.begin()).toBeTrue();
      expect(dialog.state.formErrors()).toEqual([]);
      expect(dialog.form.controls.code.touched).toBeTrue();
    });

    it('stops on an invalid form, its errors now showing', () => {
      dialog.form.controls.code.setValue('');
      expect(dialog.begin()).toBeFalse();
      expect(dialog.form.controls.code.touched).toBeTrue();
    });

    it('stops while a save runs, the messages left as they are', () => {
      dialog.state.saving.set(true);
      dialog.state.formErrors.set(['ancien message']);
      expect(dialog.begin()).toBeFalse();
      expect(dialog.state.formErrors()).toEqual(['ancien message']);
      expect(dialog.form.controls.code.touched).toBeFalse();
    });
  });

  describe('parse', () => {
    it('returns the parsed request', () => {
      expect(dialog.parseWith({ code: 'AGE' })).toEqual({ code: 'AGE' });
      expect(dialog.state.formErrors()).toEqual([]);
    });

    it('returns null once the issues show on their controls and above the form', () => {
      expect(dialog.parseWith({ code: 'A' })).toBeNull();
      expect(controlErrorMessage(dialog.form.controls.code)).toBe('Deux lettres au moins.');
      expect(dialog.state.formErrors()).toEqual(['Formulaire incomplet.']);
    });

    it('puts an issue on the control that `toField` names', () => {
      expect(dialog.parseWith({ code: 'A' }, (issue) => ({ path: 'code', message: issue.message }))).toBeNull();
      expect(controlErrorMessage(dialog.form.controls.code)).toBe('Formulaire incomplet.');
      expect(dialog.state.formErrors()).toEqual([]);
    });
  });

  describe('save', () => {
    it('is saving while the request runs, then closes with the result', () => {
      const request = new Subject<Thing>();
      dialog.send(request);
      expect(dialog.state.saving()).toBeTrue();
      request.next({ id: 3, code: 'AGE' });
      expect(dialog.state.saving()).toBeFalse();
      expect(close).toHaveBeenCalledOnceWith({ outcome: 'saved', thing: { id: 3, code: 'AGE' } });
    });

    it('closes with the dialog’s conflict on a stale version', () => {
      const request = new Subject<Thing>();
      dialog.send(request);
      request.error(
        new HttpErrorResponse({
          status: 409,
          url: '/api/things/3',
          error: { error: { code: 'conflict', message: 'Version périmée.', fields: [{ path: 'version', message: 'Version périmée.' }] } },
        }),
      );
      expect(close).toHaveBeenCalledOnceWith({ outcome: 'conflict' });
    });
  });

  describe('closeIfUnchanged', () => {
    it('closes without a result when nothing changed', () => {
      expect(dialog.unchanged({})).toBeTrue();
      expect(close).toHaveBeenCalledOnceWith();
    });

    it('leaves the dialog open when a field changed', () => {
      expect(dialog.unchanged({ code: 'AGF' })).toBeFalse();
      expect(close).not.toHaveBeenCalled();
    });
  });

  describe('saveEdit', () => {
    const saved: Thing = { id: 3, code: 'AGF', version: 6 };
    let create: jasmine.Spy;
    let update: jasmine.Spy;
    beforeEach(() => {
      create = jasmine.createSpy('create').and.returnValue(of(saved));
      update = jasmine.createSpy('update').and.returnValue(of(saved));
    });

    it('creates the record when there is none', () => {
      dialog.edit(null, { code: 'AGF' }, create, update);
      expect(create).toHaveBeenCalledOnceWith({ code: 'AGF' });
      expect(update).not.toHaveBeenCalled();
      expect(close).toHaveBeenCalledOnceWith({ outcome: 'saved', thing: saved });
    });

    it('sends only the changed fields with the version read', () => {
      dialog.edit({ id: 3, code: 'AGE', version: 5 }, { code: 'AGF' }, create, update);
      expect(update).toHaveBeenCalledOnceWith(3, { code: 'AGF', version: 5 });
      expect(close).toHaveBeenCalledOnceWith({ outcome: 'saved', thing: saved });
    });

    it('closes without a request when nothing changed', () => {
      dialog.edit({ id: 3, code: 'AGF', version: 5 }, { code: 'AGF' }, create, update);
      expect(create).not.toHaveBeenCalled();
      expect(update).not.toHaveBeenCalled();
      expect(close).toHaveBeenCalledOnceWith();
    });
  });
});
