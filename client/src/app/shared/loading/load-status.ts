import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { LoadState } from './load-resource';

/** What a page (dashboards, home) says while its data loads or when it cannot: in French, with « Réessayer » after a failure. */
@Component({
  selector: 'app-load-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    @switch (state()) {
      @case ('loading') {
        <div class="loading" role="status">
          <mat-progress-spinner mode="indeterminate" diameter="32" [attr.aria-label]="'Chargement : ' + what()" />
          <span>Chargement : {{ what() }}…</span>
        </div>
      }
      @case ('failed') {
        <div class="empty-state" role="alert">
          <mat-icon aria-hidden="true">cloud_off</mat-icon>
          <p>Échec du chargement : {{ what() }}. Le serveur est injoignable ou a renvoyé une erreur.</p>
          <button mat-stroked-button type="button" (click)="retry.emit()">Réessayer</button>
        </div>
      }
      @case ('forbidden') {
        <div class="empty-state">
          <mat-icon aria-hidden="true">lock</mat-icon>
          <p>Accès refusé : {{ what() }} n’est pas ouvert à votre rôle ou à votre centre.</p>
        </div>
      }
      @case ('notFound') {
        <div class="empty-state">
          <mat-icon aria-hidden="true">event_busy</mat-icon>
          <p>{{ what() }} : {{ notFoundText() }}</p>
        </div>
      }
    }
  `,
  styles: `
    .loading {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 16px 0;
    }
  `,
})
export class LoadStatus {
  readonly state = input.required<LoadState>();
  /** What is loading, lower-case (« le tableau de bord financier »). */
  readonly what = input.required<string>();
  readonly notFoundText = input<string>('rien pour cette année.');
  readonly retry = output<void>();
}
