import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { EmptyState } from '../../shared/loading/empty-state';
import { LoadFailed } from '../../shared/loading/load-failed';
import type { LoadState } from '../../shared/loading/load-resource';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';

/**
 * What a budget report page (execution, comparison) shows until its data is ready: the spinner,
 * the failure with « Réessayer », the refusal, no fiscal year (`empty`), or none in the range
 * asked (`notFound`). Nothing once `ready`, nor for the page's own states.
 */
@Component({
  selector: 'app-budget-load-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSpinner, LoadFailed, EmptyState],
  template: `
    @switch (state()) {
      @case ('loading') {
        <app-loading-spinner [label]="loadingLabel()" />
      }
      @case ('failed') {
        <app-load-failed [text]="failedText()" (retry)="retry.emit()" />
      }
      @case ('forbidden') {
        <app-empty-state icon="lock">
          <p>Accès refusé : le budget est réservé aux finances, au bureau et à la coordination du CN2R.</p>
        </app-empty-state>
      }
      @case ('empty') {
        <app-empty-state icon="event_busy">
          <p>{{ emptyText() }}</p>
        </app-empty-state>
      }
      @case ('notFound') {
        <app-empty-state icon="event_busy">
          <p>{{ notFoundText() }}</p>
        </app-empty-state>
      }
    }
  `,
})
export class BudgetLoadStatus {
  readonly state = input.required<LoadState | 'empty' | 'invalid'>();
  /** The spinner's name (« Chargement de la comparaison »). */
  readonly loadingLabel = input.required<string>();
  readonly failedText = input.required<string>();
  /** No fiscal year at all. */
  readonly emptyText = input.required<string>();
  /** No data for the year or the range asked. */
  readonly notFoundText = input.required<string>();
  readonly retry = output<void>();
}
