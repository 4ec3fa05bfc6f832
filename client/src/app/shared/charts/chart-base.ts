import { Directive, type InputSignal, type Signal, computed, input } from '@angular/core';
import type { ChartRow, DataTable, Series, ValueKind } from './chart-model';
import type { LegendItem } from './chart-legend';
import { CATEGORICAL_SCHEME, OKABE_ITO } from './chart-palette';
import { toDataTable } from './chart-series';
import { formatValue, tickFormatter } from './french-format';

/** What every chart component hands its frame: a heading, a description under it, the text shown when there is no data. */
@Directive()
export abstract class ChartBase {
  readonly heading = input.required<string>();
  readonly description = input<string>('');
  abstract readonly emptyText: InputSignal<string>;
  /** The data behind the chart, shown under it and exported. */
  protected abstract readonly table: Signal<DataTable>;
}

/** The charts drawn from rows (bars, lines, heat map): their data table and how a value reads. */
@Directive()
export abstract class RowsChart extends ChartBase {
  readonly rows = input.required<readonly ChartRow[]>();
  readonly emptyText = input<string>('Aucune donnée pour ces filtres.');
  abstract readonly kind: InputSignal<ValueKind>;
  /** The header of the table's first column. */
  protected abstract readonly rowHeader: Signal<string>;
  /** One table row per category (the default) or per series (the heat map). */
  protected readonly rowsBy: 'category' | 'series' = 'category';

  /** The data table; no row at all when no value is there, so the frame says why instead of drawing bare axes. */
  protected readonly table = computed(() => {
    const rows = this.rows().some((row) => row.value !== null) ? this.rows() : [];
    return toDataTable(rows, { caption: this.heading(), rowHeader: this.rowHeader(), kind: this.kind(), rowsBy: this.rowsBy });
  });

  protected format(value: number | null): string {
    return formatValue(this.kind(), value);
  }
}

/** The legend of series drawn in the categorical palette, in the order ngx-charts gives them their colours. */
export function legendItems(names: readonly string[]): LegendItem[] {
  return names.map((name, i) => ({ name, color: OKABE_ITO[i % OKABE_ITO.length] }));
}

/** The series names inside groups (grouped or stacked bars), in first-appearance order: ngx-charts' colour domain. */
export function innerSeriesNames(groups: readonly Series[]): string[] {
  return [...new Set(groups.flatMap((group) => group.series.map((point) => point.name)))];
}

/** Bars and lines: the categories along the x axis (labelled `categoryLabel`), the values up the y axis, the legend above in the page's text. */
@Directive()
export abstract class AxisChart extends RowsChart {
  readonly kind = input<ValueKind>('count');
  /** The header of the categories (« Centre », « Année », « Période »). */
  abstract readonly categoryLabel: InputSignal<string>;
  readonly valueLabel = input<string>('');

  protected readonly scheme = CATEGORICAL_SCHEME;
  protected abstract readonly series: Signal<Series[]>;
  /** The legend above the drawing (none for a single series). */
  protected abstract readonly legend: Signal<LegendItem[]>;
  protected readonly rowHeader = computed(() => this.categoryLabel());
  protected readonly ticks = computed(() => tickFormatter(this.kind()));
}

/** The frame every chart sits in (the class's `table`, heading, description and empty text). */
export const CHART_FRAME_OPEN = `<app-chart-frame [heading]="heading()" [table]="table()" [description]="description()" [emptyText]="emptyText()"`;

/** The frame of an AxisChart: the same, with its legend. */
export const AXIS_FRAME_OPEN = `${CHART_FRAME_OPEN} [legend]="legend()"`;

/** The bindings an AxisChart gives its ngx-charts chart: series, colours, no legend of its own (the frame's), labelled axes, French ticks. */
export const AXIS_CHART_BINDINGS = `[results]="series()" [scheme]="scheme" [legend]="false"
  [xAxis]="true" [yAxis]="true" [showXAxisLabel]="!!categoryLabel()" [xAxisLabel]="categoryLabel()"
  [showYAxisLabel]="!!valueLabel()" [yAxisLabel]="valueLabel()" [yAxisTickFormatting]="ticks()" [roundDomains]="true"`;

/** The tooltip of one value of an AxisChart: « series · category : value ». */
export const AXIS_CHART_TOOLTIP = `<ng-template #tooltipTemplate let-model="model">
  <span class="tooltip">{{ model.series }} · {{ model.name }} : {{ format(model.value) }}</span>
</ng-template>`;
