import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { BarChartModule, LegendPosition } from '@swimlane/ngx-charts';
import { ChartFrame } from './chart-frame';
import type { ChartRow, ValueKind } from './chart-model';
import { CATEGORICAL_SCHEME } from './chart-palette';
import { toDataTable, toStackedBarSeries } from './chart-series';
import { formatValue, tickFormatter } from './french-format';

/** Parts of a whole: one bar per category (a year, a month), one segment per series (FTE by funder), with its data table and exports. */
@Component({
  selector: 'app-stacked-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame, BarChartModule],
  template: `
    <app-chart-frame [heading]="heading()" [table]="table()" [description]="description()" [emptyText]="emptyText()">
      <ngx-charts-bar-vertical-stacked
        [results]="series()"
        [scheme]="scheme"
        [legend]="true"
        legendTitle=""
        [legendPosition]="legendBelow"
        [xAxis]="true"
        [yAxis]="true"
        [showXAxisLabel]="!!categoryLabel()"
        [xAxisLabel]="categoryLabel()"
        [showYAxisLabel]="!!valueLabel()"
        [yAxisLabel]="valueLabel()"
        [yAxisTickFormatting]="ticks()"
        [roundDomains]="true"
      >
        <ng-template #tooltipTemplate let-model="model">
          <span class="tooltip">{{ model.series }} · {{ model.name }} : {{ format(model.value) }}</span>
        </ng-template>
      </ngx-charts-bar-vertical-stacked>
    </app-chart-frame>
  `,
})
export class StackedBarChart {
  readonly heading = input.required<string>();
  readonly rows = input.required<readonly ChartRow[]>();
  readonly kind = input<ValueKind>('count');
  readonly categoryLabel = input<string>('Année');
  readonly valueLabel = input<string>('');
  readonly description = input<string>('');
  readonly emptyText = input<string>('Aucune donnée pour ces filtres.');

  protected readonly scheme = CATEGORICAL_SCHEME;
  protected readonly legendBelow = LegendPosition.Below;
  protected readonly series = computed(() => toStackedBarSeries(this.rows()));
  protected readonly table = computed(() =>
    toDataTable(this.rows(), { caption: this.heading(), rowHeader: this.categoryLabel(), kind: this.kind() }),
  );
  protected readonly ticks = computed(() => tickFormatter(this.kind()));

  protected format(value: number): string {
    return formatValue(this.kind(), value);
  }
}
