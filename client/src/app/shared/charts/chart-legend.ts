import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** One entry of a chart's legend: a series and its colour. */
export interface LegendItem {
  readonly name: string;
  readonly color: string;
}

/**
 * A chart's legend in the page's own text (not ngx-charts' pale, fixed-width one): a swatch and
 * the series name, in the card's text colour, wrapping inside the card at any width.
 */
@Component({
  selector: 'app-chart-legend',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="legend">
      @for (item of items(); track item.name) {
        <li><span class="swatch" [style.background]="item.color"></span>{{ item.name }}</li>
      }
    </ul>
  `,
  styles: `
    .legend {
      list-style: none;
      margin: 0 0 8px;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface);
    }
    li {
      display: flex;
      align-items: center;
      gap: 6px;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .swatch {
      flex: none;
      width: 12px;
      height: 12px;
      border-radius: 2px;
      outline: 1px solid var(--mat-sys-outline-variant);
    }
  `,
  host: { class: 'chart-legend' },
})
export class ChartLegend {
  readonly items = input.required<readonly LegendItem[]>();
}
