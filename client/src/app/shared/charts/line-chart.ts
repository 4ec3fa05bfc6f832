import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { LineChartModule } from '@swimlane/ngx-charts';
import { AXIS_CHART_BINDINGS, AXIS_CHART_TOOLTIP, AxisChart, legendItems } from './chart-base';
import { ChartFrame } from './chart-frame';
import { toLineSeries } from './chart-series';

/**
 * Trends: one line per series along the categories (periods, years), with its data table and exports.
 * Given `years`, the axis shows every one of them (« sur cinq ans » shows five years), even those
 * without a value yet.
 */
@Component({
  selector: 'app-line-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame, LineChartModule],
  template: `
    <app-chart-frame [heading]="heading()" [table]="table()" [description]="fullDescription()" [emptyText]="emptyText()" [legend]="legend()">
      <ngx-charts-line-chart
        ${AXIS_CHART_BINDINGS}
        [autoScale]="false"
        [xScaleMin]="$any(xRange()?.min)"
        [xScaleMax]="$any(xRange()?.max)"
        [xAxisTicks]="$any(xRange()?.ticks)"
        [xAxisTickFormatting]="yearTick"
      >
        ${AXIS_CHART_TOOLTIP}
        <ng-template #seriesTooltipTemplate let-model="model">
          @for (item of model; track item.series) {
            <span class="tooltip">{{ item.series }} : {{ format(item.value) }}</span><br />
          }
        </ng-template>
      </ngx-charts-line-chart>
    </app-chart-frame>
  `,
})
export class LineChart extends AxisChart {
  /** The header of the categories (« Période », « Année »). */
  readonly categoryLabel = input<string>('Période');
  /** The years the axis spans, every one of them shown; empty: the categories of the rows. */
  readonly years = input<readonly number[]>([]);

  /** Years as numbers on a linear axis from the first to the last year, a tick each; null for other categories. */
  protected readonly xRange = computed(() => {
    const years = this.years();
    if (years.length === 0 || !this.rows().every((row) => /^\d{4}$/.test(row.category))) return null;
    return { min: Math.min(...years), max: Math.max(...years), ticks: [...years] };
  });
  protected readonly series = computed(() => {
    const lines = toLineSeries(this.rows());
    // ngx-charts reads a number name as a point of a linear axis.
    return this.xRange() ? lines.map((line) => ({ ...line, series: line.series.map((p) => ({ ...p, name: Number(p.name) as unknown as string })) })) : lines;
  });
  protected readonly legend = computed(() => {
    const names = this.series().map((line) => line.name);
    return names.length > 1 ? legendItems(names) : [];
  });
  /** The description, and the years of the axis with no value at all (« Aucune valeur en 2021 et 2022. »). */
  protected readonly fullDescription = computed(() => {
    const range = this.xRange();
    const withValue = new Set(this.rows().filter((row) => row.value !== null).map((row) => Number(row.category)));
    const missing = range ? range.ticks.filter((year) => !withValue.has(year)) : [];
    const note = missing.length === 0 ? '' : `Aucune valeur en ${missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} et ${missing[missing.length - 1]}`}.`;
    return [this.description(), note].filter(Boolean).join(' ');
  });
  /** A year tick without a thousands separator (« 2025 », not « 2 025 »). */
  protected readonly yearTick = (tick: unknown) => String(tick);
}
