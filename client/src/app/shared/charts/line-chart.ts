import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { LegendPosition, LineChartModule } from '@swimlane/ngx-charts';
import { ChartFrame } from './chart-frame';
import type { ChartRow, ValueKind } from './chart-model';
import { CATEGORICAL_SCHEME } from './chart-palette';
import { toDataTable, toLineSeries } from './chart-series';
import { formatValue, tickFormatter } from './french-format';

/** Trends: one line per series along the categories (periods, years), with its data table and exports. */
@Component({
  selector: 'app-line-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame, LineChartModule],
  template: `
    <app-chart-frame [heading]="heading()" [table]="table()" [description]="description()" [emptyText]="emptyText()">
      <ngx-charts-line-chart
        [results]="series()"
        [scheme]="scheme"
        [legend]="series().length > 1"
        legendTitle=""
        [legendPosition]="legendBelow"
        [xAxis]="true"
        [yAxis]="true"
        [showXAxisLabel]="!!categoryLabel()"
        [xAxisLabel]="categoryLabel()"
        [showYAxisLabel]="!!valueLabel()"
        [yAxisLabel]="valueLabel()"
        [yAxisTickFormatting]="ticks()"
        [autoScale]="false"
        [roundDomains]="true"
      >
        <ng-template #tooltipTemplate let-model="model">
          <span class="tooltip">{{ model.series }} · {{ model.name }} : {{ format(model.value) }}</span>
        </ng-template>
        <ng-template #seriesTooltipTemplate let-model="model">
          @for (item of model; track item.series) {
            <span class="tooltip">{{ item.series }} : {{ format(item.value) }}</span><br />
          }
        </ng-template>
      </ngx-charts-line-chart>
    </app-chart-frame>
  `,
})
export class LineChart {
  readonly heading = input.required<string>();
  readonly rows = input.required<readonly ChartRow[]>();
  readonly kind = input<ValueKind>('count');
  /** The header of the categories (« Période », « Année »). */
  readonly categoryLabel = input<string>('Période');
  readonly valueLabel = input<string>('');
  readonly description = input<string>('');
  readonly emptyText = input<string>('Aucune donnée pour ces filtres.');

  protected readonly scheme = CATEGORICAL_SCHEME;
  protected readonly legendBelow = LegendPosition.Below;
  protected readonly series = computed(() => toLineSeries(this.rows()));
  protected readonly table = computed(() =>
    toDataTable(this.rows(), { caption: this.heading(), rowHeader: this.categoryLabel(), kind: this.kind() }),
  );
  protected readonly ticks = computed(() => tickFormatter(this.kind()));

  protected format(value: number): string {
    return formatValue(this.kind(), value);
  }
}
