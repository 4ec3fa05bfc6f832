import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { careOfferKindLabels, type CareOffer, type CareOfferKind } from '@cn2r/shared';
import { catchError, of } from 'rxjs';
import { CareOfferApi } from '../care-offer/care-offer-api';
import { CareMap, type CareMapUnit } from '../../shared/care-map/care-map';
import { ChartFrame } from '../../shared/charts/chart-frame';
import type { ChartRow } from '../../shared/charts/chart-model';
import { toDataTable } from '../../shared/charts/chart-series';
import { loadResource } from '../../shared/loading/load-resource';
import { DashboardsApi } from './dashboards-api';
import { LoadStatus } from '../../shared/loading/load-status';

/** The care-offer map of a year: the units open that year with their key figures (validated values), each opening its dashboard. */
@Component({
  selector: 'app-care-map-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CareMap, ChartFrame, LoadStatus, RouterLink],
  template: `
    <app-load-status [state]="resource.state()" what="la carte de l’offre de soins" (retry)="resource.retry()" />
    @if (resource.data()) {
      <app-chart-frame
        [heading]="'Carte de l’offre de soins ' + year()"
        [table]="table()"
        [decorative]="false"
        description="Les grands points sont les centres : Tab pour passer de l’un à l’autre, Entrée pour ouvrir son tableau de bord. Les petits sont les structures référencées publiées (un chiffre : plusieurs structures proches, qui se séparent en zoomant)."
        emptyText="Aucun centre ouvert cette année."
      >
        <app-care-map [units]="units()" [places]="places()" [queryParams]="{ annee: year() }" />
      </app-chart-frame>
      @if (places().length) {
        <details class="places-list">
          <summary>Structures référencées sur la carte ({{ places().length }}), par région</summary>
          @for (group of placesByRegion(); track group.region) {
            <h3>{{ group.region }}</h3>
            <ul>
              @for (p of group.places; track p.id) {
                <li>{{ p.name }} — {{ p.commune }} ({{ kindLabel(p.kind) }})</li>
              }
            </ul>
          }
          <p><a routerLink="/offre-de-soins">Toute l’offre de soins, avec ses filtres</a></p>
        </details>
      }
    }
  `,
})
export class CareMapPanel {
  private readonly api = inject(DashboardsApi);

  readonly year = input.required<number>();

  protected readonly resource = loadResource(() => ({ year: this.year() }), (query) => this.api.map(query));
  /** The published structures of the care offer (every role reads them). */
  private readonly published = toSignal(inject(CareOfferApi).list({ status: 'published' }).pipe(catchError(() => of([] as CareOffer[]))), { initialValue: [] as CareOffer[] });
  protected readonly places = computed(() => this.published().filter((p) => p.status === 'published'));
  protected readonly placesByRegion = computed(() => {
    const groups = new Map<string, CareOffer[]>();
    for (const p of this.places()) groups.set(p.region, [...(groups.get(p.region) ?? []), p]);
    return [...groups].sort(([a], [b]) => a.localeCompare(b, 'fr')).map(([region, places]) => ({ region, places }));
  });
  protected readonly kindLabel = (kind: CareOfferKind) => careOfferKindLabels[kind];

  protected readonly units = computed<CareMapUnit[]>(() => (this.resource.data()?.units ?? []).filter((unit) => unit.openInYear));
  protected readonly table = computed(() => {
    const rows: ChartRow[] = this.units().flatMap((unit) =>
      unit.keyFigures.map((figure) => ({ series: `${figure.label}${figure.unitOfMeasure ? ` (${figure.unitOfMeasure})` : ''}`, category: unit.name, value: figure.value })),
    );
    // A unit without key figures still has its row.
    const table = toDataTable(rows, { caption: `Centres et chiffres clés ${this.year()} (valeurs validées)`, rowHeader: 'Centre', kind: 'count' });
    const listed = new Set(table.rows.map((row) => row.label));
    const missing = this.units().filter((unit) => !listed.has(unit.name)).map((unit) => ({ label: unit.name, values: table.columns.map(() => null) }));
    return { ...table, rows: [...table.rows, ...missing] };
  });
}
