import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { User } from '@cn2r/shared';
import { PASSWORD_MIN_LENGTH } from '@cn2r/shared/labels';
import { toApiError } from '../../core/http/api-error';
import { applyFieldErrors } from '../../shared/forms/apply-field-errors';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { matchingPasswords } from '../../shared/forms/matching-passwords';
import { UsersApi } from './users-api';

/** The administrator sets a new password for someone who lost theirs. Closes with true once done. */
@Component({
  selector: 'app-reset-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>Réinitialiser le mot de passe</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>
          Nouveau mot de passe pour <strong>{{ user.displayName }}</strong> ({{ user.email }}). Ses sessions en cours
          seront fermées.
        </p>
        @if (formError(); as message) {
          <p class="error-message" role="alert">{{ message }}</p>
        }
        <mat-form-field class="full-width">
          <mat-label>Nouveau mot de passe</mat-label>
          <input matInput type="password" formControlName="password" required autocomplete="new-password" />
          <mat-hint>{{ minLength }} caractères au moins</mat-hint>
          @if (form.controls.password.invalid) {
            <mat-error>{{ errorOf(form.controls.password) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Confirmation du mot de passe</mat-label>
          <input matInput type="password" formControlName="confirmation" required autocomplete="new-password" />
          @if (form.controls.confirmation.invalid) {
            <mat-error>{{ errorOf(form.controls.confirmation) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Réinitialiser</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      margin-bottom: 8px;
    }
  `,
})
export class ResetPasswordDialog {
  private readonly api = inject(UsersApi);
  private readonly dialogRef = inject<MatDialogRef<ResetPasswordDialog, boolean>>(MatDialogRef);
  protected readonly user = inject<User>(MAT_DIALOG_DATA);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly errorOf = controlErrorMessage;
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);

  protected readonly form = new FormGroup(
    {
      password: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(256)],
      }),
      confirmation: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    },
    { validators: matchingPasswords('password', 'confirmation') },
  );

  protected submit(): void {
    if (this.saving()) return;
    this.formError.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.saving.set(true);
    this.api.resetPassword(this.user.id, { password: this.form.controls.password.value }).subscribe({
      next: () => {
        this.saving.set(false);
        this.dialogRef.close(true);
      },
      error: (response: unknown) => {
        this.saving.set(false);
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        if (error.status !== 422) return;
        const unmatched = applyFieldErrors(this.form, error.fields);
        this.formError.set(error.fields.length === 0 ? error.message : (unmatched[0] ?? null));
      },
    });
  }
}
