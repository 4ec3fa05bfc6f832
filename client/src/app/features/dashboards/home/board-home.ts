import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { KeyFigure } from '../../../shared/charts/chart-model';
import { BarListChart } from '../../../shared/charts/bar-list-chart';
import { LineChart } from '../../../shared/charts/line-chart';
import { NumberCards } from '../../../shared/charts/number-cards';
import { DashboardFiltersBar } from '../dashboard-filters-bar';
import { loadResource } from '../../../shared/loading/load-resource';
import { EXECUTION_DRAWN, activityTrendRows, boardKeyFigure, executionRows, trendSpanText, yearOverYearRows } from '../dashboard-series';
import { DashboardsApi } from '../dashboards-api';
import { LoadStatus } from '../../../shared/loading/load-status';
import { NetworkPanels } from '../network-panels';
import { RoleHome } from './role-home';

/**
 * The board’s home: key figures of the year against the year before (validated values), activity
 * trends, budget execution, links to the annual reports, the map and the cost per activity.
 */
@Component({
  selector: 'app-board-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, DashboardFiltersBar, LoadStatus, NumberCards, BarListChart, LineChart, NetworkPanels],
  templateUrl: './board-home.html',
  styleUrl: '../dashboards.scss',
})
export class BoardHome extends RoleHome {
  private readonly api = inject(DashboardsApi);

  protected readonly resource = loadResource(() => ({ year: this.filters().year }), (query) => this.api.board(query));
  protected readonly dashboard = this.resource.data;
  protected readonly figures = computed<KeyFigure[]>(() => {
    const data = this.dashboard();
    return data ? data.keyFigures.map((figure) => boardKeyFigure(figure, data.comparison.currentLabel, data.comparison.previousLabel)) : [];
  });
  protected readonly activityComparison = computed(() => {
    const data = this.dashboard();
    return data ? yearOverYearRows(data, 'indicator') : [];
  });
  /** The unit of each indicator of the comparison, after its name in its small chart. */
  protected readonly activityUnits = computed(() =>
    Object.fromEntries((this.dashboard()?.keyFigures ?? []).filter((f) => f.kind === 'indicator').map((f) => [f.label, f.unitOfMeasure])),
  );
  protected readonly trends = computed(() => {
    const data = this.dashboard();
    return (data?.activityTrends ?? []).map((trend) => ({
      code: trend.code,
      heading: `${trend.label}${trend.unitOfMeasure ? ` (${trend.unitOfMeasure})` : ''}`,
      rows: activityTrendRows(trend, data!.trend),
    }));
  });
  /** What the trends show: complete years only; a year under way is left out, compared on the same quarters in the key figures. */
  protected readonly trendText = computed(() => {
    const data = this.dashboard();
    if (!data) return '';
    const seeAlso = data.trend.yearUnderWay?.endedLabel && !data.comparison.complete ? `Les chiffres clés ci-dessus comparent ${data.comparison.currentLabel} aux mêmes trimestres de ${data.previousYear}.` : '';
    return trendSpanText(data.trend, seeAlso);
  });
  protected readonly budgetFigures = computed<KeyFigure[]>(() => {
    const budget = this.dashboard()?.budget;
    if (!budget) return [];
    return [
      { label: 'CP ouverts', value: budget.total.openCpCents, kind: 'cents' },
      { label: 'Payé', value: budget.total.paidCents, kind: 'cents' },
      { label: 'Taux d’exécution (CP)', value: budget.total.cpRateBp, kind: 'basisPoints' },
      { label: 'Taux théorique', value: budget.theoreticalRateBp, kind: 'basisPoints' },
    ];
  });
  protected readonly executionDrawn = EXECUTION_DRAWN;
  protected readonly envelopeRows = computed(() => executionRows(this.dashboard()?.budget?.byEnvelope ?? []));
}
