import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { BarChartModule } from '@swimlane/ngx-charts';
import { AXIS_CHART_BINDINGS, AXIS_CHART_TOOLTIP, AXIS_FRAME_OPEN, AxisChart, innerSeriesNames, legendItems } from './chart-base';
import { ChartFrame } from './chart-frame';
import { toStackedBarSeries } from './chart-series';

/** Parts of a whole: one bar per category (a year, a month), one segment per series (FTE by funder), with its data table and exports. */
@Component({
  selector: 'app-stacked-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame, BarChartModule],
  template: `
    ${AXIS_FRAME_OPEN}>
      <ngx-charts-bar-vertical-stacked ${AXIS_CHART_BINDINGS}>
        ${AXIS_CHART_TOOLTIP}
      </ngx-charts-bar-vertical-stacked>
    </app-chart-frame>
  `,
})
export class StackedBarChart extends AxisChart {
  readonly categoryLabel = input<string>('Année');

  protected readonly series = computed(() => toStackedBarSeries(this.rows()));
  protected readonly legend = computed(() => {
    const names = innerSeriesNames(this.series());
    return names.length > 1 ? legendItems(names) : [];
  });
}
