import { inject, signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import type { FieldMessage } from './apply-field-errors';
import { changedFields } from './changed-fields';
import { controlErrorMessage } from './control-error-message';
import { type FormDialog, saveFromDialog, showIssues } from './dialog-save';

/** What a dialog needs of a shared zod schema: its `safeParse`. */
export interface RequestSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly FieldMessage[] } };
}

/**
 * The submit cycle that every create/edit dialog shares: a pending flag for the progress bar and
 * the submit button, the messages above the form, schema issues on their controls, and the save
 * of {@link saveFromDialog}. A dialog declares its `form`, then in `submit()`:
 * `if (!this.startSubmit()) return;`, `const data = this.parse(Schema, …); if (!data) return;`,
 * `this.save(request, toResult)`. `R` is what the dialog closes with once saved.
 */
export abstract class FormDialogBase<R> {
  protected readonly dialogRef = inject<MatDialogRef<unknown, R>>(MatDialogRef);
  /** True while the request runs: the progress bar shows, the submit button is disabled. */
  protected readonly saving = signal(false);
  /** The messages shown above the form. */
  protected readonly formErrors = signal<string[]>([]);
  /** The message a control's `<mat-error>` shows. */
  protected readonly errorOf: typeof controlErrorMessage = controlErrorMessage;

  protected abstract readonly form: FormGroup;
  /** What the dialog closes with on a stale version (see {@link FormDialog.conflict}). */
  protected readonly conflict?: R;
  /** Also list above the form the server's errors on disabled controls (see {@link FormDialog.disabledFieldsAbove}). */
  protected readonly disabledFieldsAbove?: boolean;
  /** The server's errors to list above the form rather than on a control (see {@link FormDialog.fieldAbove}). */
  protected readonly fieldAbove?: (path: string) => boolean;

  /**
   * Begins a submit: clears the messages above the form and marks every control touched, so that
   * their errors show. False while a save runs or when a control is invalid: nothing to send.
   */
  protected startSubmit(): boolean {
    if (this.saving()) return false;
    this.formErrors.set([]);
    this.form.markAllAsTouched();
    return !this.form.invalid;
  }

  /**
   * `input` parsed with the request's schema; or null once its issues show on their controls
   * (or above the form). `toField` renames an issue whose path is not the control's name.
   */
  protected parse<T>(schema: RequestSchema<T>, input: unknown, toField?: (issue: FieldMessage) => FieldMessage): T | null {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    showIssues(this.formDialog(), toField ? parsed.error.issues.map(toField) : parsed.error.issues);
    return null;
  }

  /** Sends `request` and closes with `toResult(saved)`; the API's errors as {@link saveFromDialog} shows them. */
  protected save<T>(request: Observable<T>, toResult: (saved: T) => R): void {
    saveFromDialog(request, this.formDialog(), toResult);
  }

  /**
   * True when an edit changed nothing (`changes` has no field): the dialog then closes without a
   * result, as if cancelled, and sends nothing.
   */
  protected closeIfUnchanged(changes: object): boolean {
    if (Object.keys(changes).length > 0) return false;
    this.dialogRef.close();
    return true;
  }

  /**
   * Saves a record edited in the form: creates it from `body` when there is no `original`; else
   * sends only the fields of `body` that differ from `original`, with the version read, or closes
   * without a request when none do.
   */
  protected saveEdit<B extends object, T>(
    original: { readonly id: number; readonly version: number } | null,
    body: B,
    send: { create: (body: B) => Observable<T>; update: (id: number, changes: Partial<B> & { version: number }) => Observable<T> },
    toResult: (saved: T) => R,
  ): void {
    if (!original) return this.save(send.create(body), toResult);
    const changes = changedFields(original, body);
    if (this.closeIfUnchanged(changes)) return;
    this.save(send.update(original.id, { ...changes, version: original.version }), toResult);
  }

  private formDialog(): FormDialog<R> {
    return {
      form: this.form,
      saving: this.saving,
      formErrors: this.formErrors,
      dialogRef: this.dialogRef,
      conflict: this.conflict,
      disabledFieldsAbove: this.disabledFieldsAbove,
      fieldAbove: this.fieldAbove,
    };
  }
}
