import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { oidcErrorMessage, type OidcSettings } from '@cn2r/shared';
import { catchError, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { toApiError } from '../../core/http/api-error';
import { handles } from '../../core/http/handled-errors';
import { controlErrorMessage } from '../../shared/forms/control-error-message';

export const WRONG_CREDENTIALS_MESSAGE = 'Adresse e-mail ou mot de passe incorrect.';

/** Only paths inside the application; « //evil.example » and absolute URLs go home. */
export function safeReturnUrl(retour: string | undefined | null): string {
  return retour && retour.startsWith('/') && !retour.startsWith('//') && !retour.startsWith('/\\') ? retour : '/';
}

@Component({
  selector: 'app-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Query parameter: where to go once signed in. */
  readonly retour = input<string>();
  /** Query parameter: why the sign-in through the identity provider ended without a session. */
  readonly erreur = input<string>();

  /** The « Se connecter avec … » button, when the server has an identity provider; none if it cannot tell. */
  protected readonly oidc = toSignal(
    inject(HttpClient)
      .get<OidcSettings>('/api/auth/oidc/config', { context: handles(0, 500, 502, 503, 504) })
      .pipe(catchError(() => of<OidcSettings>({ enabled: false, buttonLabel: null }))),
    { initialValue: { enabled: false, buttonLabel: null } satisfies OidcSettings },
  );

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitting = signal(false);
  private readonly formError = signal<string | null>(null);
  /** Hidden once the form is used: its own answer replaces it. */
  private readonly providerErrorDismissed = signal(false);
  protected readonly errorMessage = computed(() => {
    const code = this.erreur();
    return this.formError() ?? (code && !this.providerErrorDismissed() ? oidcErrorMessage(code) : null);
  });
  protected readonly passwordVisible = signal(false);
  protected readonly errorOf = controlErrorMessage;

  protected submit(): void {
    if (this.submitting()) return;
    this.formError.set(null);
    this.providerErrorDismissed.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.auth.login(email.trim(), password).subscribe({
      next: () => {
        this.submitting.set(false);
        void this.router.navigateByUrl(safeReturnUrl(this.retour()));
      },
      error: (response: unknown) => {
        this.submitting.set(false);
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        // The snackbar already told about other failures (server down, 500…).
        if (error.status === 401) this.formError.set(WRONG_CREDENTIALS_MESSAGE);
        else if (error.status === 429 || error.status === 422) this.formError.set(error.message);
        this.form.controls.password.reset();
      },
    });
  }
}
