import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { HeatMapModule } from '@swimlane/ngx-charts';
import { CHART_FRAME_OPEN, RowsChart } from './chart-base';
import { ChartFrame } from './chart-frame';
import type { ValueKind } from './chart-model';
import { SEQUENTIAL_SCHEME } from './chart-palette';
import { toHeatMapSeries } from './chart-series';
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
    ${CHART_FRAME_OPEN} [height]="height()">
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
export class HeatMapChart extends RowsChart {
  readonly kind = input<ValueKind>('basisPoints');
  /** The header of the rows (« Centre »). */
  readonly seriesLabel = input<string>('Centre');
  readonly min = input<number>(0);
  readonly max = input<number>(10000);

  protected readonly scheme = SEQUENTIAL_SCHEME;
  protected readonly series = computed(() => toHeatMapSeries(this.rows()));
  protected readonly rowHeader = computed(() => this.seriesLabel());
  protected override readonly rowsBy = 'series';
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
