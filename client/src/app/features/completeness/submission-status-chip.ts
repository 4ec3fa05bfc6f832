import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { SubmissionStatus } from '@cn2r/shared';
import { statusView } from './submission-status';

/** A submission status as an icon and a word on a tinted background: never the colour alone. */
@Component({
  selector: 'app-submission-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `<mat-icon aria-hidden="true">{{ view().icon }}</mat-icon><span>{{ view().label }}</span>`,
  host: { class: 'submission-status', '[class]': '"submission-status status-" + view().tone' },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 10px 2px 6px;
      border-radius: 12px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      border: 1px solid transparent;
    }
    mat-icon {
      font-size: 16px;
      width: 16px;
      height: 16px;
    }
    :host(.status-neutral) {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
    :host(.status-progress) {
      background: #e3ecfa;
      color: #123c73;
    }
    :host(.status-pending) {
      background: #fff1d6;
      color: #5c3b00;
    }
    :host(.status-done) {
      background: #dff5e3;
      color: #1b5e20;
    }
    :host(.status-attention) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class SubmissionStatusChip {
  readonly status = input.required<SubmissionStatus>();
  protected readonly view = computed(() => statusView(this.status()));
}
