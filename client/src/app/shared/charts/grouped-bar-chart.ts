import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { BarChartModule } from '@swimlane/ngx-charts';
import { AXIS_CHART_BINDINGS, AXIS_CHART_TOOLTIP, AXIS_FRAME_OPEN, AxisChart, innerSeriesNames, legendItems } from './chart-base';
import { ChartFrame } from './chart-frame';
import { toGroupedBarSeries } from './chart-series';

/** Comparisons: one group of bars per category (a unit, a year), one bar per series, with its data table and exports. */
@Component({
  selector: 'app-grouped-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame, BarChartModule],
  template: `
    ${AXIS_FRAME_OPEN}>
      <ngx-charts-bar-vertical-2d ${AXIS_CHART_BINDINGS} [noBarWhenZero]="false">
        ${AXIS_CHART_TOOLTIP}
      </ngx-charts-bar-vertical-2d>
    </app-chart-frame>
  `,
})
export class GroupedBarChart extends AxisChart {
  readonly categoryLabel = input<string>('Centre');

  protected readonly series = computed(() => toGroupedBarSeries(this.rows()));
  protected readonly legend = computed(() => {
    const names = innerSeriesNames(this.series());
    return names.length > 1 ? legendItems(names) : [];
  });
}
