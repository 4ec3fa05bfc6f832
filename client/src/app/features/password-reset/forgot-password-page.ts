import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { toApiError } from '../../core/http/api-error';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { PasswordResetApi } from './password-reset-api';

/**
 * « Mot de passe oublié ? » (public): the account's address, then the server's sentence — the same
 * whether the address has an account or not. The e-mail holds a link valid 30 minutes.
 */
@Component({
  selector: 'app-forgot-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './forgot-password-page.html',
  styleUrl: './password-pages.scss',
})
export class ForgotPasswordPage {
  private readonly api = inject(PasswordResetApi);

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
  });
  protected readonly submitting = signal(false);
  /** The server's answer once sent. */
  protected readonly sent = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly errorOf = controlErrorMessage;

  protected submit(): void {
    if (this.submitting()) return;
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.api.request(this.form.controls.email.value.trim()).subscribe({
      next: (answer) => {
        this.submitting.set(false);
        this.sent.set(answer.message);
      },
      error: (response: unknown) => {
        this.submitting.set(false);
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        if (error.status === 422 || error.status === 429) this.formError.set(error.fields[0]?.message ?? error.message);
      },
    });
  }

  /** Another address (or the same again). */
  protected again(): void {
    this.sent.set(null);
    this.form.reset();
  }
}
