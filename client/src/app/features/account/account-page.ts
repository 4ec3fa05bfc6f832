import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ChangePasswordRequest, PASSWORD_MIN_LENGTH, roleLabels } from '@cn2r/shared';
import { AuthService } from '../../core/auth/auth-service';
import { toApiError } from '../../core/http/api-error';
import { applyFieldErrors } from '../../shared/forms/apply-field-errors';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { matchingPasswords } from '../../shared/forms/matching-passwords';
import { MailPreferencesSection } from './mail-preferences-section';
import { SecondFactorSection } from './second-factor-section';

@Component({
  selector: 'app-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule, SecondFactorSection, MailPreferencesSection],
  templateUrl: './account-page.html',
  styleUrl: './account-page.scss',
  host: { class: 'page' },
})
export class AccountPage {
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly user = this.auth.user;
  protected readonly roleLabel = computed(() => {
    const role = this.auth.role();
    return role ? roleLabels[role] : '';
  });
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly errorOf = controlErrorMessage;
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);

  protected readonly form = new FormGroup(
    {
      currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
      newPassword: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(256)],
      }),
      confirmation: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    },
    { validators: matchingPasswords('newPassword', 'confirmation') },
  );

  protected submit(formDirective: FormGroupDirective): void {
    if (this.saving()) return;
    this.formError.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { currentPassword, newPassword } = this.form.getRawValue();
    const parsed = ChangePasswordRequest.safeParse({ currentPassword, newPassword });
    if (!parsed.success) {
      const unmatched = applyFieldErrors(
        this.form,
        parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
      );
      this.formError.set(unmatched[0] ?? null);
      return;
    }
    this.saving.set(true);
    this.auth.changePassword(parsed.data).subscribe({
      next: () => {
        this.saving.set(false);
        // resetForm also clears the « submitted » state, so no error shows on the emptied fields.
        formDirective.resetForm();
        this.snackBar.open('Votre mot de passe a été modifié.', 'Fermer', { duration: 6000 });
      },
      error: (response: unknown) => {
        this.saving.set(false);
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        if (error.status !== 422) return; // the snackbar told
        const unmatched = applyFieldErrors(this.form, error.fields);
        this.formError.set(error.fields.length === 0 ? error.message : (unmatched[0] ?? null));
      },
    });
  }
}
