import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/** The spinner a page or a tab shows while its data loads, announced by `label` (« Chargement des centres »). */
@Component({
  selector: 'app-loading-spinner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatProgressSpinnerModule],
  template: `<mat-progress-spinner mode="indeterminate" diameter="40" [attr.aria-label]="label()" />`,
  host: { class: 'loading', role: 'status' },
})
export class LoadingSpinner {
  readonly label = input.required<string>();
}
