import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { ChartBase } from './chart-base';
import { ChartFrame } from './chart-frame';
import type { KeyFigure } from './chart-model';
import { keyFiguresTable } from './chart-series';
import { formatValue } from './french-format';

/**
 * Key figures as cards, read as text (not a drawing): each card its label, its value with its unit
 * (« 74 jours », « 1 169 233,46 € », « 88,6 % ») and, when there is a comparison, the change in
 * words; with the table and exports. The cards wrap to the width of the screen.
 */
@Component({
  selector: 'app-number-cards',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame, MatCardModule],
  template: `
    <app-chart-frame [heading]="heading()" [table]="table()" [description]="description()" [emptyText]="emptyText()" [decorative]="false" [height]="null">
      <ul class="cards">
        @for (figure of figures(); track $index) {
          <li>
            <mat-card appearance="outlined" class="card">
              <span class="label">{{ figure.label }}</span>
              <span class="value">{{ valueText(figure) }}@if (unitText(figure); as unit) {
                  {{ ' ' }}<span class="unit">{{ unit }}</span>
                }</span>
              @if (figure.change) {
                <span class="change">{{ figure.change }}</span>
              }
            </mat-card>
          </li>
        }
      </ul>
    </app-chart-frame>
  `,
  styles: `
    .cards {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 200px), 1fr));
      gap: 12px;
    }
    li {
      display: flex;
      min-width: 0;
    }
    .card {
      flex: 1;
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 12px 16px;
      min-width: 0;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
    }
    .label {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: break-word;
    }
    .value {
      font: var(--mat-sys-headline-small);
      overflow-wrap: break-word;
    }
    .unit {
      font: var(--mat-sys-title-medium);
    }
    .change {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class NumberCards extends ChartBase {
  readonly figures = input.required<readonly KeyFigure[]>();
  readonly emptyText = input<string>('Aucun chiffre clé pour ces filtres.');

  protected readonly table = computed(() => keyFiguresTable(this.figures(), this.heading()));

  /** The value alone (« 74 287 », « 1 169 233,46 € »); « Aucune valeur » when there is none. */
  protected valueText(figure: KeyFigure): string {
    return figure.value === null ? 'Aucune valeur' : formatValue(figure.kind, figure.value);
  }

  /** The unit after a count or a decimal (« consultations »), set smaller so a long one wraps as a word, never inside it. */
  protected unitText(figure: KeyFigure): string {
    if (figure.value === null || !figure.unit || figure.kind === 'cents' || figure.kind === 'basisPoints') return '';
    return figure.unit;
  }
}
