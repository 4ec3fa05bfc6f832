import { HttpErrorResponse } from '@angular/common/http';
import type { WritableSignal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import type { MatDialogRef } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import { isStaleVersion, toApiError } from '../../core/http/api-error';
import { applyFieldErrors, type FieldMessage } from './apply-field-errors';

/** A dialog that edits a form and closes with `R` once saved. */
export interface FormDialog<R> {
  readonly form: FormGroup;
  readonly saving: WritableSignal<boolean>;
  /** The messages shown above the form. */
  readonly formErrors: WritableSignal<string[]>;
  readonly dialogRef: MatDialogRef<unknown, R>;
  /**
   * What the dialog closes with when the row changed since it was read (a 409 naming `version`),
   * for the page to reload. Without it, that 409 shows like any other.
   */
  readonly conflict?: R;
  /**
   * Also lists above the form the server's errors on disabled controls, which cannot show them
   * (fields the user cannot change).
   */
  readonly disabledFieldsAbove?: boolean;
  /**
   * The server's errors listed above the form instead of on a control: those whose path this
   * answers true for (the rows of a split, say, that the form shows as a whole).
   */
  readonly fieldAbove?: (path: string) => boolean;
}

/** Client-side schema issues (zod's) as messages: on their controls, or above the form. */
export function showIssues(dialog: Pick<FormDialog<unknown>, 'form' | 'formErrors'>, issues: readonly FieldMessage[]): void {
  dialog.formErrors.set(applyFieldErrors(dialog.form, issues));
}

/**
 * Sends `request` and closes the dialog with `toResult(saved)`. Of the API's errors it handles
 * only those the user can act on in the form: a stale version closes it with `dialog.conflict`;
 * another 409 or a 422 shows the server's message above the form and its field errors on the
 * controls. Other statuses are left to the HTTP interceptor's snackbar; non-HTTP errors are rethrown.
 * (`const R` keeps the literals of `toResult`, `outcome: 'created'`, literal: the result is checked
 * against the dialog's own type.)
 */
export function saveFromDialog<T, const R>(request: Observable<T>, dialog: FormDialog<R>, toResult: (saved: T) => R): void {
  dialog.saving.set(true);
  request.subscribe({
    next: (saved) => {
      dialog.saving.set(false);
      dialog.dialogRef.close(toResult(saved));
    },
    error: (response: unknown) => {
      dialog.saving.set(false);
      if (!(response instanceof HttpErrorResponse)) throw response;
      const error = toApiError(response);
      if (error.status !== 409 && error.status !== 422) return; // the snackbar told
      if (dialog.conflict !== undefined && isStaleVersion(error)) {
        dialog.dialogRef.close(dialog.conflict);
        return;
      }
      const onDisabled = dialog.disabledFieldsAbove
        ? error.fields.filter((field) => dialog.form.get(field.path.split('.')[0])?.disabled).map((field) => field.message)
        : [];
      const above = dialog.fieldAbove ?? (() => false);
      const listed = error.fields.filter((field) => above(field.path)).map((field) => field.message);
      const onControls = error.fields.filter((field) => !above(field.path));
      dialog.formErrors.set([error.message, ...onDisabled, ...listed, ...applyFieldErrors(dialog.form, onControls)]);
    },
  });
}
