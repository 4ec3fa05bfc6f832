import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth/auth-service';
import type { KeyFigure } from '../../shared/charts/chart-model';
import { NumberCards } from '../../shared/charts/number-cards';
import { type DashboardFilterValues, filterParams, readFilters, yearChoices } from './dashboard-filters';
import { DashboardFiltersBar } from './dashboard-filters-bar';
import { loadResource } from '../../shared/loading/load-resource';
import { DashboardsApi } from './dashboards-api';
import { LoadStatus } from '../../shared/loading/load-status';
import { UnitDashboard } from './unit-dashboard';

/**
 * A unit’s dashboard (`/tableaux-de-bord/centres/:unitId?annee=…`), opened from the map or a list.
 * The coordination and the unit’s lead see the full dashboard (campaign, trends against the
 * median, warnings); finance and the board, who read validated figures only, see the unit’s key
 * figures of the year.
 */
@Component({
  selector: 'app-unit-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, DashboardFiltersBar, LoadStatus, NumberCards, UnitDashboard],
  template: `
    <div class="page-header">
      <h1>Tableau de bord du centre{{ mapUnit() ? ' — ' + mapUnit()!.name : '' }}</h1>
    </div>
    <p><a routerLink="/" [queryParams]="{ annee: filters().year }">Retour à l’accueil</a></p>
    @if (id() === null) {
      <p class="empty-state">Adresse de centre invalide.</p>
    } @else {
      <app-dashboard-filters-bar [filters]="filters()" [years]="years" [showDomain]="full()" (changed)="changeFilters($event)" />
      @if (full()) {
        <app-unit-dashboard [unitId]="id()!" [year]="filters().year" [domain]="filters().domain" />
      } @else {
        <app-load-status [state]="map.state()" what="les chiffres clés du centre" (retry)="map.retry()" />
        @if (map.data()) {
          @if (mapUnit(); as unit) {
            <p>{{ unit.region }}{{ unit.hostInstitution ? ' — ' + unit.hostInstitution : '' }}.</p>
            <app-number-cards [heading]="'Chiffres clés ' + filters().year + ' (valeurs validées)'" [figures]="figures()" />
          } @else {
            <p class="empty-state">Centre introuvable.</p>
          }
        }
      }
    }
  `,
  host: { class: 'page' },
})
export class UnitDashboardPage {
  private readonly router = inject(Router);
  private readonly api = inject(DashboardsApi);
  private readonly auth = inject(AuthService);

  /** Route parameter and query parameters (withComponentInputBinding). */
  readonly unitId = input<string>();
  readonly annee = input<string>();
  readonly domaine = input<string>();

  private readonly currentYear = new Date().getFullYear();
  protected readonly years = yearChoices(this.currentYear);
  protected readonly id = computed(() => (/^\d{1,9}$/.test(this.unitId() ?? '') ? Number(this.unitId()) : null));
  protected readonly filters = computed(() => readFilters({ annee: this.annee(), domaine: this.domaine() }, this.currentYear));
  /** The full dashboard is for the coordination and unit leads (the server checks the unit). */
  protected readonly full = computed(() => this.auth.can('dashboards.unit'));

  /** The map’s data gives the unit’s name and its validated key figures to every role. */
  protected readonly map = loadResource(() => ({ year: this.filters().year }), (query) => this.api.map(query));
  protected readonly mapUnit = computed(() => this.map.data()?.units.find((unit) => unit.id === this.id()) ?? null);
  protected readonly figures = computed<KeyFigure[]>(() =>
    (this.mapUnit()?.keyFigures ?? []).map((figure) => ({ label: figure.label, value: figure.value, kind: 'count', unit: figure.unitOfMeasure })),
  );

  protected changeFilters(change: Partial<DashboardFilterValues>): void {
    void this.router.navigate([], { queryParams: filterParams(change), queryParamsHandling: 'merge' });
  }
}
