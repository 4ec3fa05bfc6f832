import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { forkJoin } from 'rxjs';
import { LoadFailed } from '../../shared/loading/load-failed';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { PageLoad } from '../../shared/loading/page-load';
import { SecondFactorApi } from '../../shared/second-factor/second-factor-api';

/**
 * The administrator's setting on the users page: a second factor required, or not, for the
 * administrator and finance roles; and how many accounts have one.
 */
@Component({
  selector: 'app-second-factor-policy',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatSlideToggleModule, LoadingSpinner, LoadFailed],
  template: `
    <section class="policy" aria-labelledby="second-factor-policy-title">
      <h2 id="second-factor-policy-title">Double authentification</h2>
      @if (load.loading()) {
        <app-loading-spinner label="Chargement du réglage de double authentification" />
      } @else if (load.loadFailed()) {
        <app-load-failed text="Le réglage de double authentification n’a pas pu être chargé." (retry)="reload()" />
      } @else {
        <mat-slide-toggle [checked]="required()" [disabled]="saving()" (change)="toggle($event)">
          Exiger la double authentification pour les administrateurs et les finances
        </mat-slide-toggle>
        <p class="hint">
          Exigée, un compte de ces rôles qui ne l’a pas encore l’active à sa prochaine connexion, avant d’accéder à l’application ;
          les sessions ouvertes continuent.
          {{ enrolled() === 0 ? 'Aucun compte ne l’a activée.' : enrolled() === 1 ? '1 compte l’a activée.' : enrolled() + ' comptes l’ont activée.' }}
          Un téléphone perdu : « Réinitialiser la double authentification » sur la ligne du compte.
        </p>
      }
    </section>
  `,
  styles: `
    .policy {
      margin: 0 0 16px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface);
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .hint {
      margin: 8px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class SecondFactorPolicyPanel {
  private readonly api = inject(SecondFactorApi);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly load = new PageLoad();
  protected readonly required = signal(false);
  protected readonly enrolled = signal(0);
  protected readonly saving = signal(false);

  constructor() {
    this.reload();
  }

  /** The users page calls it after a reset. */
  reload(): void {
    this.load.once(forkJoin([this.api.policy(), this.api.enrolledUsers()]), ([policy, enrolled]) => {
      this.required.set(policy.requiredForAdminAndFinance);
      this.enrolled.set(enrolled.users.length);
    });
  }

  protected toggle(event: MatSlideToggleChange): void {
    this.saving.set(true);
    this.api.setPolicy({ requiredForAdminAndFinance: event.checked }).subscribe({
      next: (policy) => {
        this.saving.set(false);
        this.required.set(policy.requiredForAdminAndFinance);
        this.snackBar.open(
          policy.requiredForAdminAndFinance
            ? 'La double authentification est désormais exigée pour les administrateurs et les finances.'
            : 'La double authentification n’est plus exigée.',
          'Fermer',
          { duration: 6000 },
        );
      },
      error: () => {
        this.saving.set(false);
        event.source.checked = this.required();
      },
    });
  }
}
