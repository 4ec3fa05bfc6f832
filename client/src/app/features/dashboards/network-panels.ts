import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { CareMapPanel } from './care-map-panel';
import { CostPerActivityPanel } from './cost-per-activity-panel';

/** The network-wide blocks closing the coordination's and the board's homes: the care map, then the cost per activity. */
@Component({
  selector: 'app-network-panels',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CareMapPanel, CostPerActivityPanel],
  template: `
    <section [attr.aria-labelledby]="'carte-' + key()" class="block">
      <h2 [id]="'carte-' + key()">Carte de l’offre de soins</h2>
      <app-care-map-panel [year]="year()" />
    </section>

    <section [attr.aria-labelledby]="'cout-' + key()" class="block">
      <h2 [id]="'cout-' + key()">Coût par activité</h2>
      <app-cost-per-activity-panel [year]="year()" />
    </section>
  `,
  styleUrl: './dashboards.scss',
  host: { style: 'display: contents' },
})
export class NetworkPanels {
  readonly year = input.required<number>();
  /** Makes the headings' ids unique on the page (« admin », « bureau »). */
  readonly key = input.required<string>();
}
