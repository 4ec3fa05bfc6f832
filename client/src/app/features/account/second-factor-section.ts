import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { RememberedDevice, SecondFactorEnrolment, SecondFactorProof, SecondFactorStatus } from '@cn2r/shared';
import type { Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { toApiError } from '../../core/http/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { LoadFailed } from '../../shared/loading/load-failed';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { PageLoad } from '../../shared/loading/page-load';
import { EnrolmentQr } from '../../shared/second-factor/enrolment-qr';
import { RecoveryCodesList } from '../../shared/second-factor/recovery-codes-list';
import { SecondFactorApi } from '../../shared/second-factor/second-factor-api';

const SIX_DIGITS = /^\s*(\d\s*){6}$/;

/** Six digits are a code of the app (a password has 12 characters at least); anything else, the password. */
export function proofOf(value: string): SecondFactorProof {
  return SIX_DIGITS.test(value) ? { code: value.replace(/\s+/g, '') } : { password: value };
}

/** A short name for a browser from its User-Agent: « Firefox sur Windows »… */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Navigateur inconnu';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Navigateur';
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return system ? `${browser} sur ${system}` : browser;
}

/**
 * « Double authentification » on the account page: turn it on (QR code and the key as text, a
 * first code, the recovery codes shown once), new recovery codes, turn it off, remembered devices.
 */
@Component({
  selector: 'app-second-factor-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatCardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    LoadingSpinner,
    LoadFailed,
    EnrolmentQr,
    RecoveryCodesList,
  ],
  templateUrl: './second-factor-section.html',
  styleUrl: './account-page.scss',
})
export class SecondFactorSection {
  private readonly api = inject(SecondFactorApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly injector = inject(Injector);
  /** The first code's field: it takes the focus when the QR code shows. */
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');

  protected readonly load = new PageLoad();
  protected readonly status = signal<SecondFactorStatus | null>(null);
  protected readonly enrolment = signal<SecondFactorEnrolment | null>(null);
  protected readonly recoveryCodes = signal<readonly string[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly email = () => this.auth.user()?.email ?? '';
  protected readonly deviceName = deviceName;
  protected readonly errorOf = controlErrorMessage;

  protected readonly enrolForm = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(SIX_DIGITS)] }),
  });
  protected readonly proofForm = new FormGroup({
    proof: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly code = this.enrolForm.controls.code;
  protected readonly proof = this.proofForm.controls.proof;

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.load.once(this.api.status(), (status) => this.status.set(status));
  }

  protected start(): void {
    this.run(this.api.startEnrolment(), (enrolment) => {
      this.code.reset();
      this.enrolment.set(enrolment);
      afterNextRender(() => this.codeInput()?.nativeElement.focus(), { injector: this.injector });
    });
  }

  protected cancelEnrolment(): void {
    this.enrolment.set(null);
    this.message.set(null);
  }

  protected confirm(): void {
    if (this.code.invalid) {
      this.code.markAsTouched();
      return;
    }
    this.run(this.api.confirm({ code: this.code.value.replace(/\s+/g, '') }), ({ recoveryCodes }) => {
      this.enrolment.set(null);
      this.recoveryCodes.set(recoveryCodes);
      this.snackBar.open('La double authentification est activée.', 'Fermer', { duration: 6000 });
      this.reload();
    });
  }

  protected regenerate(): void {
    if (this.proof.invalid) {
      this.proof.markAsTouched();
      return;
    }
    this.run(this.api.regenerateRecoveryCodes(proofOf(this.proof.value)), ({ recoveryCodes }) => {
      this.proof.reset();
      this.recoveryCodes.set(recoveryCodes);
      this.reload();
    });
  }

  protected disable(): void {
    if (this.proof.invalid) {
      this.proof.markAsTouched();
      return;
    }
    const proof = proofOf(this.proof.value);
    confirmAction(this.dialog, {
      title: 'Désactiver la double authentification ?',
      message: 'Seul votre mot de passe protégera votre compte. Vos codes de secours et vos appareils retenus seront supprimés.',
      confirmLabel: 'Désactiver',
      destructive: true,
    }).subscribe((confirmed) => {
      if (!confirmed) return;
      this.run(this.api.disable(proof), () => {
        this.proof.reset();
        this.recoveryCodes.set(null);
        this.snackBar.open('La double authentification est désactivée.', 'Fermer', { duration: 6000 });
        this.reload();
      });
    });
  }

  protected revoke(device: RememberedDevice): void {
    this.run(this.api.revokeDevice(device.id), () => {
      this.snackBar.open('Cet appareil devra de nouveau saisir un code.', 'Fermer', { duration: 6000 });
      this.reload();
    });
  }

  /** Sends `request`; a 422 or 409 message is shown in the section, other failures by the snackbar. */
  private run<T>(request: Observable<T>, done: (answer: T) => void): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.message.set(null);
    request.subscribe({
      next: (answer) => {
        this.busy.set(false);
        done(answer);
      },
      error: (response: unknown) => {
        this.busy.set(false);
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        if (error.status === 422 || error.status === 409) this.message.set(error.fields[0]?.message ?? error.message);
      },
    });
  }
}
