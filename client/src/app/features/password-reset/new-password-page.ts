import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { PasswordTokenInfo } from '@cn2r/shared';
import { PASSWORD_MIN_LENGTH } from '@cn2r/shared/labels';
import { toApiError } from '../../core/http/api-error';
import { applyFieldErrors } from '../../shared/forms/apply-field-errors';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { matchingPasswords } from '../../shared/forms/matching-passwords';
import { PasswordResetApi } from './password-reset-api';

/** Shown when the page opens without a token (a link cut in the e-mail). */
export const MISSING_TOKEN_MESSAGE = 'Ce lien est incomplet : ouvrez-le en entier depuis le courriel, ou demandez un nouveau lien.';

type State = 'checking' | 'form' | 'invalid' | 'done';

/**
 * The link of an e-mail (public): `?jeton=` is checked first, then the new password, twice, with
 * show and hide. An invitation says « Choisissez votre mot de passe ». The server's strength
 * message lands on the field; once set, a link to sign in.
 */
@Component({
  selector: 'app-new-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './new-password-page.html',
  styleUrl: './password-pages.scss',
})
export class NewPasswordPage implements OnInit {
  private readonly api = inject(PasswordResetApi);

  /** Query parameter: the link's token. */
  readonly jeton = input<string>();

  protected readonly state = signal<State>('checking');
  protected readonly link = signal<PasswordTokenInfo | null>(null);
  protected readonly invalidMessage = signal<string>(MISSING_TOKEN_MESSAGE);
  protected readonly formError = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly passwordVisible = signal(false);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly errorOf = controlErrorMessage;
  protected readonly invitation = computed(() => this.link()?.purpose === 'invitation');
  protected readonly title = computed(() => (this.invitation() ? 'Choisissez votre mot de passe' : 'Nouveau mot de passe'));

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

  ngOnInit(): void {
    const token = this.jeton()?.trim();
    if (!token) {
      this.state.set('invalid');
      return;
    }
    this.api.check(token).subscribe({
      next: (info) => {
        this.link.set(info);
        this.state.set('form');
      },
      error: (response: unknown) => {
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        this.invalidMessage.set(error.status === 422 ? (error.fields[0]?.message ?? error.message) : error.message);
        this.state.set('invalid');
      },
    });
  }

  protected submit(): void {
    if (this.submitting()) return;
    this.formError.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.submitting.set(true);
    this.api.confirm(this.jeton()!.trim(), this.form.controls.password.value).subscribe({
      next: () => {
        this.submitting.set(false);
        this.form.reset();
        this.state.set('done');
      },
      error: (response: unknown) => {
        this.submitting.set(false);
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        if (error.status !== 422) return;
        const token = error.fields.find((f) => f.path === 'token');
        if (token) {
          this.invalidMessage.set(token.message);
          this.state.set('invalid');
          return;
        }
        const unmatched = applyFieldErrors(this.form, error.fields);
        this.formError.set(error.fields.length === 0 ? error.message : (unmatched[0] ?? null));
      },
    });
  }
}
