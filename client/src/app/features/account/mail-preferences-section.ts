import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { MailKind, MailPreferences } from '@cn2r/shared';
import { toApiError } from '../../core/http/api-error';
import { LoadFailed } from '../../shared/loading/load-failed';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { PageLoad } from '../../shared/loading/page-load';
import { MailPreferencesApi } from './mail-preferences-api';

/**
 * « Courriels » on the account page: a checkbox per e-mail of the user's role; a mandatory one
 * (a security e-mail, the overdue reminders of a unit lead) is checked, disabled, and says why.
 */
@Component({
  selector: 'app-mail-preferences-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, MatCheckboxModule, MatProgressBarModule, LoadFailed, LoadingSpinner],
  template: `
    <mat-card appearance="outlined">
      @if (saving()) {
        <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
      }
      <mat-card-header>
        <mat-card-title><h2 id="mail-preferences-title">Courriels</h2></mat-card-title>
      </mat-card-header>
      <mat-card-content>
        @if (load.loading()) {
          <app-loading-spinner label="Chargement de vos préférences de courriel" />
        } @else if (load.loadFailed()) {
          <app-load-failed text="Vos préférences de courriel n’ont pas pu être chargées." (retry)="reload()" />
        } @else if (prefs(); as p) {
          @if (p.items.length === 0) {
            <p>L’application n’adresse aucun courriel à votre rôle.</p>
          } @else {
            <form (submit)="$event.preventDefault(); save()" novalidate>
              @if (message(); as text) {
                <p class="error-message" role="alert">{{ text }}</p>
              }
              <fieldset class="kinds">
                <legend>Les courriels que vous recevez</legend>
                @for (item of p.items; track item.kind) {
                  <div class="kind">
                    <mat-checkbox
                      [checked]="item.mandatory || !off().has(item.kind)"
                      [disabled]="item.mandatory || saving()"
                      [aria-describedby]="item.mandatory ? 'mandatory-' + $index : ''"
                      (change)="toggle(item.kind, $event.checked)"
                      >{{ item.label }}</mat-checkbox
                    >
                    @if (item.mandatory) {
                      <p class="hint" [id]="'mandatory-' + $index">Obligatoire pour votre rôle : ce courriel ne peut pas être désactivé.</p>
                    }
                  </div>
                }
              </fieldset>
              <div class="form-actions">
                <button mat-flat-button type="submit" [disabled]="saving() || !changed()">Enregistrer mes préférences</button>
              </div>
            </form>
          }
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .kinds {
      border: none;
      margin: 0;
      padding: 0;
    }
    legend {
      padding: 0;
      margin-bottom: 4px;
    }
    .kind .hint {
      margin: -4px 0 4px 40px;
    }
  `,
  styleUrl: './account-page.scss',
})
export class MailPreferencesSection {
  private readonly api = inject(MailPreferencesApi);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly load = new PageLoad();
  protected readonly prefs = signal<MailPreferences | null>(null);
  /** The kinds turned off in the form (saved or not). */
  protected readonly off = signal<ReadonlySet<MailKind>>(new Set());
  protected readonly saving = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly changed = computed(() => {
    const saved = this.savedOff();
    const now = this.off();
    return saved.size !== now.size || [...now].some((k) => !saved.has(k));
  });
  private readonly savedOff = computed(() => new Set((this.prefs()?.items ?? []).filter((i) => !i.received).map((i) => i.kind)));

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.load.once(this.api.get(), (prefs) => this.show(prefs));
  }

  protected toggle(kind: MailKind, received: boolean): void {
    const next = new Set(this.off());
    if (received) next.delete(kind);
    else next.add(kind);
    this.off.set(next);
  }

  protected save(): void {
    const prefs = this.prefs();
    if (!prefs || this.saving()) return;
    this.saving.set(true);
    this.message.set(null);
    this.api.save({ version: prefs.version, optedOut: [...this.off()] }).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.show(saved);
        this.snackBar.open('Vos préférences de courriel sont enregistrées.', 'Fermer', { duration: 6000 });
      },
      error: (response: unknown) => {
        this.saving.set(false);
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        if (error.status === 422 || error.status === 409) this.message.set(error.status === 409 ? error.message : (error.fields[0]?.message ?? error.message));
      },
    });
  }

  private show(prefs: MailPreferences): void {
    this.prefs.set(prefs);
    this.off.set(new Set(prefs.items.filter((i) => !i.received).map((i) => i.kind)));
  }
}
