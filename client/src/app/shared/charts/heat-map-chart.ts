import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { HeatMapModule } from '@swimlane/ngx-charts';
import { ChartFrame } from './chart-frame';
import type { ChartRow, ValueKind } from './chart-model';
import { SEQUENTIAL_SCHEME } from './chart-palette';
import { toDataTable, toHeatMapSeries } from './chart-series';
import { formatValue } from './french-format';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A grid of colour: one row per series (units), one column per category (periods), the value as the
 * lightness of one hue (completeness), with the table (units × periods) and exports.
 */
@Component({
  selector: 'app-heat-map-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame, HeatMapModule],
  template: `
    <app-chart-frame [heading]="heading()" [table]="table()" [description]="description()" [emptyText]="emptyText()" [height]="height()">
      <ngx-charts-heat-map
        [results]="series()"
        [scheme]="scheme"
        [legend]="true"
        legendTitle=""
        [xAxis]="true"
        [yAxis]="true"
        [min]="min()"
        [max]="max()"
        [innerPadding]="2"
        [tooltipText]="tooltip()"
        [trimYAxisTicks]="false"
        [maxYAxisTickLength]="40"
      />
    </app-chart-frame>
  `,
})
export class HeatMapChart {
  readonly heading = input.required<string>();
  readonly rows = input.required<readonly ChartRow[]>();
  readonly kind = input<ValueKind>('basisPoints');
  /** The header of the rows (« Centre »). */
  readonly seriesLabel = input<string>('Centre');
  readonly min = input<number>(0);
  readonly max = input<number>(10000);
  readonly description = input<string>('');
  readonly emptyText = input<string>('Aucune donnée pour ces filtres.');

  protected readonly scheme = SEQUENTIAL_SCHEME;
  protected readonly series = computed(() => toHeatMapSeries(this.rows()));
  protected readonly table = computed(() =>
    toDataTable(this.rows(), { caption: this.heading(), rowHeader: this.seriesLabel(), kind: this.kind(), rowsBy: 'series' }),
  );
  /** Room for each row of the grid. */
  protected readonly height = computed(() => Math.max(240, 80 + 28 * new Set(this.rows().map((row) => row.series)).size));
  /** ngx-charts puts this text in the tooltip as HTML: the labels are escaped. */
  protected readonly tooltip = computed(() => {
    const kind = this.kind();
    const values = new Map(this.rows().map((row) => [`${row.category}\u0000${row.series}`, row.value]));
    return ({ label, series }: { label: string; series: string }) =>
      `<span class="tooltip-label">${escapeHtml(label)} · ${escapeHtml(series)}</span>` +
      `<span class="tooltip-val">${escapeHtml(formatValue(kind, values.get(`${series}\u0000${label}`) ?? null))}</span>`;
  });
}
