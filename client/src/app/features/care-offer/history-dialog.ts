import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { formatInstantFr, type CareOffer, type CareOfferHistoryItem } from '@cn2r/shared';
import { EmptyState } from '../../shared/loading/empty-state';
import { loadResource } from '../../shared/loading/load-resource';
import { LoadStatus } from '../../shared/loading/load-status';
import { CareOfferApi } from './care-offer-api';

/**
 * An entry's history, from the audit log: when, what (proposed, imported, corrected with the
 * fields changed, published, returned with the coordination's message, withdrawn) and who (the
 * coordination sees the person; the others see « CN2R »). Oldest first; read only.
 */
@Component({
  selector: 'app-care-offer-history-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, EmptyState, LoadStatus],
  styles: `
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--mat-sys-outline-variant, #ccc); vertical-align: top; }
    td.when { white-space: nowrap; }
    .message { font-style: italic; }
  `,
  template: `
    <h2 mat-dialog-title id="care-offer-history-title">Historique de « {{ entry.name }} »</h2>
    <mat-dialog-content role="region" aria-labelledby="care-offer-history-title" tabindex="0">
      <app-load-status [state]="history.state()" what="l’historique" (retry)="history.retry()" />
      @if (history.data(); as items) {
        @if (items.length === 0) {
          <app-empty-state icon="history">Aucun événement enregistré pour cette structure.</app-empty-state>
        } @else {
          <table>
            <caption class="cdk-visually-hidden">{{ items.length }} événement{{ items.length > 1 ? 's' : '' }}, du plus ancien au plus récent</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Événement</th>
                <th scope="col">Par</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              @for (item of items; track $index) {
                <tr>
                  <td class="when"><time [attr.datetime]="item.at">{{ when(item) }}</time></td>
                  <th scope="row">{{ item.action }}</th>
                  <td>{{ item.actor }}</td>
                  <td>
                    @if (item.message) {
                      <span class="message">Message : « {{ item.message }} »</span>
                    }
                    @if (item.changes.length) {
                      @if (item.message) {
                        <br />
                      }
                      Champs modifiés : {{ item.changes.join(', ') }}
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close cdkFocusInitial>Fermer</button>
    </mat-dialog-actions>
  `,
})
export class CareOfferHistoryDialog {
  private readonly api = inject(CareOfferApi);
  protected readonly entry = inject<CareOffer>(MAT_DIALOG_DATA);
  protected readonly history = loadResource(
    () => this.entry.id,
    (id) => this.api.history(id),
  );

  /** `15/03/2026 11:00`, in Paris time, where the coordination works. */
  protected when = (item: CareOfferHistoryItem) => formatInstantFr(item.at);
}
