import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { costLeftOutLabels, formatEuros } from '@cn2r/shared';
import type { KeyFigure } from '../../shared/charts/chart-model';
import { NumberCards } from '../../shared/charts/number-cards';
import { loadResource } from '../../shared/loading/load-resource';
import { DashboardsApi } from './dashboards-api';
import { LoadStatus } from '../../shared/loading/load-status';

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The cost per activity: the credits paid (CP) in the year on each destination’s lines, divided
 * by that destination’s own unit of work — the CN2R’s validated outputs (people it trained, grants
 * it awarded…) —, each euro counted once; the spending that serves no measured output, or whose
 * output has no validated value, stated as left out with its amount. The centres’ patients and
 * consultations are funded by their hospitals, not by this budget: no cost per patient.
 */
@Component({
  selector: 'app-cost-per-activity-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NumberCards, LoadStatus],
  template: `
    <app-load-status [state]="resource.state()" what="le coût par activité" notFoundText="pas d’exercice budgétaire cette année." (retry)="resource.retry()" />
    @if (resource.data(); as data) {
      <p class="hint">
        Crédits de paiement consommés en {{ data.year }} : {{ euros(data.spentCents) }}. Les dépenses de chaque destination sont divisées par les seules réalisations
        validées du CN2R dans cette destination : chaque euro n’est compté qu’une fois ({{ euros(data.attributedCents) }} répartis, {{ euros(data.leftOutCents) }} non répartis).
      </p>
      @if (data.staffCostNote) {
        <p class="hint">{{ data.staffCostNote }}</p>
      }
      <app-number-cards [heading]="'Coût par activité ' + data.year + ' (budget du CN2R)'" [figures]="figures()" emptyText="Aucune réalisation validée cette année : le coût par unité ne peut pas encore être calculé ; il s’affichera quand la coordination aura validé les réalisations du CN2R (formations, allocations…)." />
      @if (leftOut().length) {
        <h3>Dépenses non réparties</h3>
        <ul class="left-out">
          @for (line of leftOut(); track line) {
            <li>{{ line }}</li>
          }
        </ul>
      }
      <p class="hint">Les patients et consultations des centres régionaux sont financés par leurs établissements, non par le budget du CN2R : aucun coût par patient ni par consultation n’est calculé.</p>
    }
  `,
  styleUrl: './dashboards.scss',
})
export class CostPerActivityPanel {
  private readonly api = inject(DashboardsApi);

  readonly year = input.required<number>();

  protected readonly resource = loadResource(() => ({ year: this.year() }), (query) => this.api.costPerActivity(query));
  /** One card per destination whose spending is divided by its unit of work. */
  protected readonly figures = computed<KeyFigure[]>(() =>
    (this.resource.data()?.byMissionArea ?? [])
      .filter((area) => area.leftOut === null && area.output !== null)
      .map((area) => ({ label: `${area.label} : par ${lowerFirst(area.output!.label)}`, value: area.centsPerUnit, kind: 'cents' })),
  );
  /** The spending left out, destination by destination (and the board's merged personnel), with why. */
  protected readonly leftOut = computed<string[]>(() =>
    (this.resource.data()?.byMissionArea ?? [])
      .filter((area) => area.leftOut !== null && area.spentCents !== 0)
      .map((area) => `${area.label} : ${formatEuros(area.spentCents)} — ${costLeftOutLabels[area.leftOut!]}`),
  );

  protected euros(cents: number): string {
    return formatEuros(cents);
  }
}
