import { Directive, type InputSignal, type Signal, computed, input } from '@angular/core';
import { LegendPosition } from '@swimlane/ngx-charts';
import type { ChartRow, DataTable, Series, ValueKind } from './chart-model';
import { CATEGORICAL_SCHEME } from './chart-palette';
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

  protected readonly table = computed(() =>
    toDataTable(this.rows(), { caption: this.heading(), rowHeader: this.rowHeader(), kind: this.kind(), rowsBy: this.rowsBy }),
  );

  protected format(value: number | null): string {
    return formatValue(this.kind(), value);
  }
}

/** Bars and lines: the categories along the x axis (labelled `categoryLabel`), the values up the y axis, the legend below. */
@Directive()
export abstract class AxisChart extends RowsChart {
  readonly kind = input<ValueKind>('count');
  /** The header of the categories (« Centre », « Année », « Période »). */
  abstract readonly categoryLabel: InputSignal<string>;
  readonly valueLabel = input<string>('');

  protected readonly scheme = CATEGORICAL_SCHEME;
  protected readonly legendBelow = LegendPosition.Below;
  protected abstract readonly series: Signal<Series[]>;
  protected readonly rowHeader = computed(() => this.categoryLabel());
  protected readonly ticks = computed(() => tickFormatter(this.kind()));
}

/** The frame every chart sits in (the class's `table`, heading, description and empty text). */
export const CHART_FRAME_OPEN = `<app-chart-frame [heading]="heading()" [table]="table()" [description]="description()" [emptyText]="emptyText()"`;

/** The bindings an AxisChart gives its ngx-charts chart: series, colours, legend below, labelled axes, French ticks. */
export const AXIS_CHART_BINDINGS = `[results]="series()" [scheme]="scheme" legendTitle="" [legendPosition]="legendBelow"
  [xAxis]="true" [yAxis]="true" [showXAxisLabel]="!!categoryLabel()" [xAxisLabel]="categoryLabel()"
  [showYAxisLabel]="!!valueLabel()" [yAxisLabel]="valueLabel()" [yAxisTickFormatting]="ticks()" [roundDomains]="true"`;

/** The tooltip of one value of an AxisChart: « series · category : value ». */
export const AXIS_CHART_TOOLTIP = `<ng-template #tooltipTemplate let-model="model">
  <span class="tooltip">{{ model.series }} · {{ model.name }} : {{ format(model.value) }}</span>
</ng-template>`;
