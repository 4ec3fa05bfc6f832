import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { NumberCardModule } from '@swimlane/ngx-charts';
import { CHART_FRAME_OPEN, ChartBase } from './chart-base';
import { ChartFrame } from './chart-frame';
import type { KeyFigure } from './chart-model';
import { CATEGORICAL_SCHEME } from './chart-palette';
import { keyFiguresTable, toNumberCardSeries } from './chart-series';
import { formatValue } from './french-format';

/** Key figures as number cards, each in its own unit (€, %, count), with the table and exports. */
@Component({
  selector: 'app-number-cards',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFrame, NumberCardModule],
  template: `
    ${CHART_FRAME_OPEN} [height]="height()">
      <ngx-charts-number-card
        [results]="cards()"
        [scheme]="scheme"
        cardColor="#f3f5f9"
        textColor="#1a1c1e"
        emptyColor="#ffffff"
        [valueFormatting]="valueFormatting()"
      />
    </app-chart-frame>
  `,
})
export class NumberCards extends ChartBase {
  readonly figures = input.required<readonly KeyFigure[]>();
  readonly emptyText = input<string>('Aucun chiffre clé pour ces filtres.');
  readonly height = input<number>(160);

  protected readonly scheme = CATEGORICAL_SCHEME;
  protected readonly cards = computed(() => toNumberCardSeries(this.figures()));
  protected readonly table = computed(() => keyFiguresTable(this.figures(), this.heading()));
  protected readonly valueFormatting = computed(() => {
    const kinds = new Map(this.figures().map((figure) => [figure.label, figure.kind]));
    return ({ label, value }: { label: string; value: number }) => formatValue(kinds.get(label) ?? 'count', value);
  });
}
