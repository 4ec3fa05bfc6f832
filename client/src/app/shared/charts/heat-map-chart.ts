import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CHART_FRAME_OPEN, RowsChart } from './chart-base';
import { ChartFrame } from './chart-frame';
import type { ValueKind } from './chart-model';
import { SEQUENTIAL_SCHEME } from './chart-palette';
import { formatValue } from './french-format';

/** The five shades of the heat map, light to dark, each with a text colour that reads on it (≥ 4.5:1). */
const SHADES = (SEQUENTIAL_SCHEME.domain as string[]).map((background, i) => ({ background, color: i < 3 ? '#1a1c1e' : '#ffffff' }));

/** The shade of a value between `min` and `max`: five equal steps. */
export function heatShade(value: number, min: number, max: number): number {
  if (max <= min) return SHADES.length - 1;
  const share = (Math.min(max, Math.max(min, value)) - min) / (max - min);
  return Math.min(SHADES.length - 1, Math.floor(share * SHADES.length));
}

/**
 * A grid of colour drawn in HTML: one row per series (units), one column per category (periods),
 * the value as the lightness of one hue and written in the cell (« 100 % »), the row and column
 * labels wrapping instead of being cut; a legend of the five steps in the value's own unit; with the
 * table (units × periods) and exports.
 */
@Component({
  selector: 'app-heat-map-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame],
  template: `
    ${CHART_FRAME_OPEN} [height]="null">
      <ul class="steps">
        @for (step of steps(); track step.label) {
          <li><span class="swatch" [style.background]="step.background"></span>{{ step.label }}</li>
        }
        <li><span class="swatch none">—</span>non attendu</li>
      </ul>
      <div class="grid" [style.grid-template-columns]="columnsTemplate()">
        <span class="corner"></span>
        @for (column of columns(); track column) {
          <span class="column-label">{{ column }}</span>
        }
        @for (row of grid(); track row.label) {
          <span class="row-label">{{ row.label }}</span>
          @for (cell of row.cells; track $index) {
            <span class="heat-cell" [class.none]="cell.value === null" [style.background]="cell.background" [style.color]="cell.color">{{ cell.text }}</span>
          }
        }
      </div>
    </app-chart-frame>
  `,
  styles: `
    .steps {
      list-style: none;
      margin: 0 0 8px;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface);
    }
    .steps li {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .swatch {
      width: 14px;
      height: 14px;
      border-radius: 2px;
      outline: 1px solid var(--mat-sys-outline-variant);
      font-size: 10px;
      line-height: 14px;
      text-align: center;
    }
    .grid {
      display: grid;
      gap: 2px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface);
    }
    .column-label {
      text-align: center;
      align-self: end;
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .row-label {
      align-self: center;
      overflow-wrap: anywhere;
      padding-right: 4px;
    }
    .heat-cell {
      display: flex;
      align-items: center;
      justify-content: center;
      min-height: 28px;
      border-radius: 2px;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .heat-cell.none,
    .swatch.none {
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface-variant);
      outline: 1px solid var(--mat-sys-outline-variant);
      outline-offset: -1px;
    }
  `,
})
export class HeatMapChart extends RowsChart {
  readonly kind = input<ValueKind>('basisPoints');
  /** The header of the rows (« Centre »). */
  readonly seriesLabel = input<string>('Centre');
  readonly min = input<number>(0);
  readonly max = input<number>(10000);

  protected readonly rowHeader = computed(() => this.seriesLabel());
  protected override readonly rowsBy = 'series';
  protected readonly columns = computed(() => [...new Set(this.rows().map((row) => row.category))]);
  protected readonly columnsTemplate = computed(() => `minmax(6rem, 1.6fr) repeat(${this.columns().length}, minmax(2.6rem, 1fr))`);
  protected readonly grid = computed(() => {
    const values = new Map(this.rows().map((row) => [`${row.series}\u0000${row.category}`, row.value]));
    const columns = this.columns();
    return [...new Set(this.rows().map((row) => row.series))].map((label) => ({
      label,
      cells: columns.map((column) => {
        const value = values.get(`${label}\u0000${column}`) ?? null;
        if (value === null) return { value, text: '—', background: null, color: null };
        const shade = SHADES[heatShade(value, this.min(), this.max())];
        return { value, text: this.cellText(value), ...shade };
      }),
    }));
  });
  /** The five steps in the value's unit: « 0 à 20 % » … « 80 à 100 % ». */
  protected readonly steps = computed(() => {
    const min = this.min();
    const step = (this.max() - min) / SHADES.length;
    return SHADES.map((shade, i) => ({
      background: shade.background,
      label: i === SHADES.length - 1 ? `${this.cellText(min + i * step)} à ${this.cellText(this.max())}` : `${this.cellText(min + i * step)} à moins de ${this.cellText(min + (i + 1) * step)}`,
    }));
  });

  /** A percentage in whole percents in a cell (« 46 % »); other kinds as the table shows them. */
  private cellText(value: number): string {
    return this.kind() === 'basisPoints' ? formatValue('basisPoints', Math.round(value / 100) * 100) : this.format(value);
  }
}
