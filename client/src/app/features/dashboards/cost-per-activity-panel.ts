import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { formatEuros } from '@cn2r/shared';
import type { ChartRow, KeyFigure } from '../../shared/charts/chart-model';
import { GroupedBarChart } from '../../shared/charts/grouped-bar-chart';
import { NumberCards } from '../../shared/charts/number-cards';
import { dashboardResource } from './dashboard-resource';
import { DashboardsApi } from './dashboards-api';
import { LoadStatus } from './load-status';

/**
 * The cost per activity: euros paid (CP) in the year per patient followed, per consultation,
 * per professional trained, network-wide; and per expected result, from the lines of its mission areas.
 */
@Component({
  selector: 'app-cost-per-activity-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [GroupedBarChart, NumberCards, LoadStatus],
  template: `
    <app-load-status [state]="resource.state()" what="le coût par activité" notFoundText="pas d’exercice budgétaire cette année." (retry)="resource.retry()" />
    @if (resource.data(); as data) {
      <p class="hint">Crédits de paiement consommés en {{ data.year }} : {{ euros(data.spentCents) }}, divisés par les valeurs validées du réseau.</p>
      <div class="chart-grid">
        <app-number-cards [heading]="'Coût par activité ' + data.year + ' (réseau)'" [figures]="networkFigures()" emptyText="Aucune valeur validée : le coût ne peut pas encore être calculé." />
        <app-grouped-bar-chart
          [heading]="'Coût par unité, par résultat attendu ' + data.year"
          [rows]="byResultRows()"
          kind="cents"
          categoryLabel="Indicateur"
          emptyText="Aucune ligne budgétaire rattachée aux destinations des résultats attendus."
        />
      </div>
    }
  `,
  styleUrl: './dashboards.scss',
})
export class CostPerActivityPanel {
  private readonly api = inject(DashboardsApi);

  readonly year = input.required<number>();

  protected readonly resource = dashboardResource(() => ({ year: this.year() }), (query) => this.api.costPerActivity(query));
  protected readonly networkFigures = computed<KeyFigure[]>(() =>
    (this.resource.data()?.network ?? []).map((activity) => ({ label: `Par ${activity.label.toLowerCase()}`, value: activity.centsPerActivity, kind: 'cents' })),
  );
  protected readonly byResultRows = computed<ChartRow[]>(() =>
    (this.resource.data()?.byExpectedResult ?? []).flatMap((result) =>
      result.indicators.map((indicator) => ({ series: result.label, category: indicator.label, value: indicator.centsPerUnit })),
    ),
  );

  protected euros(cents: number): string {
    return formatEuros(cents);
  }
}
