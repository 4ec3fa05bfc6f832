import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** What a page or a tab says when its data could not be loaded: `text`, then « Réessayer ». */
@Component({
  selector: 'app-load-failed',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule],
  template: `
    <mat-icon aria-hidden="true">cloud_off</mat-icon>
    <p>{{ text() }}</p>
    <button mat-stroked-button type="button" (click)="retry.emit()">Réessayer</button>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  host: { class: 'empty-state' },
})
export class LoadFailed {
  /** The sentence in French (« La liste des centres n’a pas pu être chargée. »). */
  readonly text = input.required<string>();
  readonly retry = output<void>();
}
