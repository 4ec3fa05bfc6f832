import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** An empty or unavailable view: a large icon, then the projected explanation (paragraphs, an action). */
@Component({
  selector: 'app-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
    <ng-content />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  host: { class: 'empty-state' },
})
export class EmptyState {
  /** The Material icon name (« groups », « event_busy »). */
  readonly icon = input.required<string>();
}
