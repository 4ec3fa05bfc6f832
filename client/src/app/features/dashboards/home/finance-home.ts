import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { KeyFigure } from '../../../shared/charts/chart-model';
import { BarListChart } from '../../../shared/charts/bar-list-chart';
import { NumberCards } from '../../../shared/charts/number-cards';
import { StackedBarChart } from '../../../shared/charts/stacked-bar-chart';
import { CostPerActivityPanel } from '../cost-per-activity-panel';
import { DashboardFiltersBar } from '../dashboard-filters-bar';
import { loadResource } from '../../../shared/loading/load-resource';
import { EXECUTION_DRAWN, executionRows, fteByFunderRows, migPostRows } from '../dashboard-series';
import { DashboardsApi } from '../dashboards-api';
import { LoadStatus } from '../../../shared/loading/load-status';
import { RoleHome } from './role-home';

/**
 * The finance home: execution by envelope, funding source and line (open, committed, paid,
 * forecast, with the theoretical line), alerts, the MIG H15 posts funded against FTE worked,
 * FTE by funder month by month, and the cost per activity.
 */
@Component({
  selector: 'app-finance-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatIconModule, RouterLink, DashboardFiltersBar, LoadStatus, NumberCards, BarListChart, StackedBarChart, CostPerActivityPanel],
  templateUrl: './finance-home.html',
  styleUrl: '../dashboards.scss',
})
export class FinanceHome extends RoleHome {
  private readonly api = inject(DashboardsApi);

  protected readonly resource = loadResource(
    () => ({ year: this.filters().year, fundingSourceId: this.filters().fundingSourceId }),
    (query) => this.api.finance(query),
  );
  protected readonly dashboard = this.resource.data;
  protected readonly fundingSourceChoices = computed(() => (this.dashboard()?.fundingSources ?? []).map((s) => ({ value: s.id, label: s.label })));
  protected readonly totals = computed<KeyFigure[]>(() => {
    const data = this.dashboard();
    if (!data) return [];
    const t = data.total;
    return [
      { label: 'CP ouverts', value: t.openCpCents, kind: 'cents' },
      { label: 'Engagé', value: t.committedCents, kind: 'cents' },
      { label: 'Payé', value: t.paidCents, kind: 'cents' },
      { label: 'Atterrissage des paiements', value: t.forecastPaidCents, kind: 'cents' },
      { label: 'Taux d’exécution (CP)', value: t.cpRateBp, kind: 'basisPoints' },
      { label: 'Taux théorique', value: data.theoreticalRateBp, kind: 'basisPoints' },
    ];
  });
  /** The bars drawn for each group (the table keeps the theoretical pace and the forecast). */
  protected readonly executionDrawn = EXECUTION_DRAWN;
  protected readonly executionNote = 'Triées par crédits ouverts ; le payé théorique et l’atterrissage sont dans « Voir les données ».';
  protected readonly envelopeRows = computed(() => executionRows(this.dashboard()?.byEnvelope ?? []));
  protected readonly fundingSourceRows = computed(() => executionRows(this.dashboard()?.byFundingSource ?? []));
  protected readonly lineRows = computed(() => executionRows(this.dashboard()?.lines ?? []));
  protected readonly migRows = computed(() => migPostRows(this.dashboard()?.migPosts ?? []));
  protected readonly fteRows = computed(() => fteByFunderRows(this.dashboard()?.fteByFunder ?? []));
}
