import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { LineChartModule } from '@swimlane/ngx-charts';
import { AXIS_CHART_BINDINGS, AXIS_CHART_TOOLTIP, AxisChart, CHART_FRAME_OPEN } from './chart-base';
import { ChartFrame } from './chart-frame';
import { toLineSeries } from './chart-series';

/** Trends: one line per series along the categories (periods, years), with its data table and exports. */
@Component({
  selector: 'app-line-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame, LineChartModule],
  template: `
    ${CHART_FRAME_OPEN}>
      <ngx-charts-line-chart ${AXIS_CHART_BINDINGS} [legend]="series().length > 1" [autoScale]="false">
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

  protected readonly series = computed(() => toLineSeries(this.rows()));
}
