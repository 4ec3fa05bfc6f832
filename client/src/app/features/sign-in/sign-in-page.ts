import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, OnInit, afterNextRender, computed, inject, input, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { oidcErrorMessage, type OidcSettings, type SecondFactorChallenge, type SecondFactorEnrolment, type SecondFactorSignInRequest } from '@cn2r/shared';
import { catchError, of } from 'rxjs';
import { AuthService, needsSecondFactor } from '../../core/auth/auth-service';
import { toApiError } from '../../core/http/api-error';
import { handles } from '../../core/http/handled-errors';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { EnrolmentQr } from '../../shared/second-factor/enrolment-qr';
import { RecoveryCodesList } from '../../shared/second-factor/recovery-codes-list';

export const WRONG_CREDENTIALS_MESSAGE = 'Adresse e-mail ou mot de passe incorrect.';

/** Only paths inside the application; « //evil.example » and absolute URLs go home. */
export function safeReturnUrl(retour: string | undefined | null): string {
  return retour && retour.startsWith('/') && !retour.startsWith('//') && !retour.startsWith('/\\') ? retour : '/';
}

/**
 * The steps of a sign-in: the password, then — when asked — the code of the app (or a recovery
 * code), or the enrolment the policy demands, then the recovery codes of that enrolment.
 */
type Step = 'password' | 'code' | 'enrolment' | 'recovery-codes';

/** Six digits, spaces allowed (« 123 456 »). */
const SIX_DIGITS = /^\s*(\d\s*){6}$/;
/** Twelve letters or digits, dashes and spaces allowed. */
const RECOVERY = /^[\s-]*([A-Za-z0-9][\s-]*){12}$/;

@Component({
  selector: 'app-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    EnrolmentQr,
    RecoveryCodesList,
  ],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
})
export class SignInPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  /** The code (or recovery code) field: it takes the focus when the step shows, for the keyboard. */
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');

  /** Query parameter: where to go once signed in. */
  readonly retour = input<string>();
  /** Query parameter: `second-facteur` after an identity provider's return, when a code is still to give. */
  readonly etape = input<string>();
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
  protected readonly codeForm = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(SIX_DIGITS)] }),
    recoveryCode: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(RECOVERY)] }),
    rememberDevice: new FormControl(false, { nonNullable: true }),
  });
  protected readonly step = signal<Step>('password');
  /** On the code step: a recovery code instead of the app's code. */
  protected readonly useRecoveryCode = signal(false);
  protected readonly enrolment = signal<SecondFactorEnrolment | null>(null);
  protected readonly recoveryCodes = signal<readonly string[]>([]);
  protected readonly submitting = signal(false);
  private readonly formError = signal<string | null>(null);
  /** The identity provider's refusal (`?erreur=`), hidden once the form is used: its own answer replaces it. */
  private readonly providerErrorDismissed = signal(false);
  protected readonly errorMessage = computed(() => {
    const code = this.erreur();
    return this.formError() ?? (code && !this.providerErrorDismissed() ? oidcErrorMessage(code) : null);
  });
  protected readonly passwordVisible = signal(false);
  protected readonly errorOf = controlErrorMessage;
  protected readonly title = computed(() =>
    this.step() === 'password' ? 'Connexion' : this.step() === 'recovery-codes' ? 'Vos codes de secours' : 'Double authentification',
  );
  protected readonly accountEmail = computed(() => this.auth.user()?.email ?? this.form.controls.email.value);

  ngOnInit(): void {
    if (this.etape() !== 'second-facteur') return;
    this.auth.pendingSecondFactor().subscribe(({ challenge }) => {
      if (challenge) this.askSecondFactor(challenge);
      else this.formError.set('Votre connexion a expiré : recommencez.');
    });
  }

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
      next: (answer) => {
        this.submitting.set(false);
        this.form.controls.password.reset();
        if (needsSecondFactor(answer)) this.askSecondFactor(answer);
        else this.goOn();
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

  protected submitCode(): void {
    if (this.submitting()) return;
    this.formError.set(null);
    const recovery = this.useRecoveryCode();
    const control = recovery ? this.codeForm.controls.recoveryCode : this.codeForm.controls.code;
    if (control.invalid) {
      control.markAsTouched();
      return;
    }
    const request: SecondFactorSignInRequest = recovery
      ? { recoveryCode: control.value, rememberDevice: this.codeForm.controls.rememberDevice.value }
      : { code: control.value.replace(/\s+/g, ''), rememberDevice: this.codeForm.controls.rememberDevice.value };
    this.submitting.set(true);
    this.auth.completeSecondFactor(request).subscribe({
      next: (answer) => {
        this.submitting.set(false);
        if (answer.recoveryCodes?.length) {
          this.recoveryCodes.set(answer.recoveryCodes);
          this.step.set('recovery-codes');
        } else {
          this.goOn();
        }
      },
      error: (response: unknown) => {
        this.submitting.set(false);
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        control.reset();
        if (error.status === 422) {
          this.formError.set(error.fields[0]?.message ?? error.message);
        } else if (error.status === 401) {
          // Expired or too many wrong codes: back to the password.
          this.restart(error.message);
        }
      },
    });
  }

  protected toggleRecoveryCode(): void {
    this.useRecoveryCode.set(!this.useRecoveryCode());
    this.formError.set(null);
    this.codeForm.controls.code.reset();
    this.codeForm.controls.recoveryCode.reset();
    this.focusCode();
  }

  private focusCode(): void {
    afterNextRender(() => this.codeInput()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Back to the e-mail and password (the pending sign-in expires by itself). */
  protected restart(message: string | null = null): void {
    this.step.set('password');
    this.enrolment.set(null);
    this.useRecoveryCode.set(false);
    this.codeForm.reset();
    this.formError.set(message);
  }

  protected goOn(): void {
    void this.router.navigateByUrl(safeReturnUrl(this.retour()));
  }

  private askSecondFactor(challenge: SecondFactorChallenge): void {
    this.codeForm.reset();
    this.useRecoveryCode.set(false);
    this.enrolment.set(challenge.enrolment);
    this.step.set(challenge.secondFactor === 'enrolment' ? 'enrolment' : 'code');
    this.focusCode();
  }
}
