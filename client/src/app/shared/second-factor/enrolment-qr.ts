import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { SecondFactorEnrolment } from '@cn2r/shared';

/**
 * The enrolment of an authenticator app: the QR code the server drew (an SVG shown as an image, so
 * nothing of it runs in the page) and the secret as text, for typing it in by hand.
 */
@Component({
  selector: 'app-enrolment-qr',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="steps">
      <li>Ouvrez votre application d’authentification (par exemple FreeOTP, Aegis, Google Authenticator ou Microsoft Authenticator).</li>
      <li>Scannez ce QR code :</li>
    </ol>
    <img class="qr" [src]="qrSrc()" width="200" height="200" alt="QR code à scanner avec votre application d’authentification" />
    <p class="manual">
      Ou saisissez cette clé à la main :
      <code class="secret" data-testid="totp-secret">{{ groupedSecret() }}</code>
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .steps {
      margin: 0 0 8px;
      padding-left: 20px;
    }
    .qr {
      display: block;
      margin: 8px auto;
      background: #fff;
      padding: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .manual {
      margin: 8px 0;
    }
    .secret {
      display: block;
      margin-top: 4px;
      font-size: 1.05em;
      letter-spacing: 0.05em;
      word-break: break-all;
      user-select: all;
    }
  `,
})
export class EnrolmentQr {
  readonly enrolment = input.required<SecondFactorEnrolment>();

  protected readonly qrSrc = computed(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(this.enrolment().qrSvg)}`);
  /** Groups of four characters, easier to copy by hand (spaces are ignored by the apps). */
  protected readonly groupedSecret = computed(() => this.enrolment().secret.replace(/(.{4})(?=.)/g, '$1 '));
}
