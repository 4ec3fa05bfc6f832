import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, Router } from '@angular/router';
import {
  careOfferAccessLabels,
  careOfferCareLabels,
  careOfferKindLabels,
  careOfferPublicLabels,
  careOfferStatusLabels,
  formatDateFr,
  type CareOffer,
  type CareOfferStatus,
} from '@cn2r/shared';
import { filter, map, switchMap, type Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { reportEditOutcome } from '../../shared/forms/edit-outcome';
import { EmptyState } from '../../shared/loading/empty-state';
import { loadResource } from '../../shared/loading/load-resource';
import { LoadStatus } from '../../shared/loading/load-status';
import { UnitsApi } from '../units/units-api';
import { CareMap, type CareMapUnit } from '../../shared/care-map/care-map';
import { DownloadLink } from '../../shared/download/download-link';
import { CARE_OFFER_TEMPLATE_URL, CareOfferApi, careOfferExportUrl, type CareOfferFilters } from './care-offer-api';
import { CareOfferDialog, type CareOfferDialogData, type CareOfferDialogResult } from './care-offer-dialog';
import { CareOfferHistoryDialog } from './history-dialog';
import { CareOfferImportDialog } from './import-dialog';
import { CareOfferReturnDialog } from './return-dialog';

const FILTER_KEYS = ['kind', 'public', 'care', 'region', 'status'] as const;
const entries = <K extends string>(labels: Record<K, string>) => Object.entries(labels) as [K, string][];

/**
 * « Offre de soins »: the structures the centres reference. Filters in the URL; a unit lead
 * proposes and corrects its centres' structures; the coordination publishes, returns with a
 * message or withdraws, each after confirmation. Every entry's history; the registry's export
 * (xlsx, CSV) with the filters shown, the import (xlsx, CSV) and its template. Links to the open export.
 */
@Component({
  selector: 'app-care-offer-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CareMap, DownloadLink, FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatSelectModule, EmptyState, LoadStatus],
  host: { class: 'page' },
  styles: `
    .filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: baseline; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0 1rem; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--mat-sys-outline-variant, #ccc); vertical-align: top; }
    .chip { display: inline-block; padding: 0.1rem 0.6rem; border-radius: 1rem; font-size: 0.85em; border: 1px solid currentColor; }
    .chip.published { color: #1b5e20; }
    .chip.proposed { color: #8a4b00; }
    .chip.withdrawn { color: #555; }
    .return-message { font-style: italic; }
    .row-actions { display: flex; flex-wrap: wrap; gap: 0.25rem; }
    .map-section { margin-bottom: 1rem; }
  `,
  template: `
    <h1>Offre de soins</h1>
    <p>
      Les structures référencées par les centres régionaux du psychotraumatisme. Les structures publiées forment la carte et les données ouvertes :
      <a href="/api/open-data/care-offer.geojson" download>GeoJSON</a>, <a href="/api/open-data/care-offer.csv" download>CSV</a>
      (Licence Ouverte 2.0, sans connexion).
    </p>
    <div class="filters" role="search" aria-label="Filtrer les structures">
      <mat-form-field>
        <mat-label>Type</mat-label>
        <mat-select [ngModel]="filters().kind ?? ''" (ngModelChange)="setFilter('kind', $event)">
          <mat-option value="">Tous</mat-option>
          @for (k of kinds; track k[0]) {
            <mat-option [value]="k[0]">{{ k[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Public</mat-label>
        <mat-select [ngModel]="filters().public ?? ''" (ngModelChange)="setFilter('public', $event)">
          <mat-option value="">Tous</mat-option>
          @for (p of publics; track p[0]) {
            <mat-option [value]="p[0]">{{ p[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Soin proposé</mat-label>
        <mat-select [ngModel]="filters().care ?? ''" (ngModelChange)="setFilter('care', $event)">
          <mat-option value="">Tous</mat-option>
          @for (c of cares; track c[0]) {
            <mat-option [value]="c[0]">{{ c[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Région</mat-label>
        <mat-select [ngModel]="filters().region ?? ''" (ngModelChange)="setFilter('region', $event)">
          <mat-option value="">Toutes</mat-option>
          @for (r of regions(); track r) {
            <mat-option [value]="r">{{ r }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (canPropose) {
        <mat-form-field>
          <mat-label>Statut</mat-label>
          <mat-select [ngModel]="filters().status ?? ''" (ngModelChange)="setFilter('status', $event)">
            <mat-option value="">Tous</mat-option>
            @for (s of statuses; track s[0]) {
              <mat-option [value]="s[0]">{{ s[1] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
    </div>
    <div class="actions">
      @if (canPropose) {
        <button mat-flat-button type="button" (click)="propose()"><mat-icon aria-hidden="true">add</mat-icon> Proposer une structure</button>
        <button mat-stroked-button type="button" (click)="importFile()"><mat-icon aria-hidden="true">upload_file</mat-icon> Importer (Excel ou CSV)</button>
        <app-download-link [href]="templateUrl">Modèle d’import</app-download-link>
      }
      <app-download-link [href]="exportUrl('xlsx')">Exporter (xlsx)</app-download-link>
      <app-download-link [href]="exportUrl('csv')">Exporter (CSV)</app-download-link>
    </div>
    <app-load-status [state]="resource.state()" what="l’offre de soins" (retry)="resource.retry()" />
    @if (resource.data(); as list) {
      @if (list.length === 0) {
        <app-empty-state icon="location_off">
          @if (hasFilters()) {
            Aucune structure ne correspond à ces filtres.
          } @else {
            Aucune structure référencée pour l’instant.
          }
        </app-empty-state>
      } @else {
        @if (mapPlaces().length) {
          <section class="map-section" aria-labelledby="care-offer-map-heading">
            <h2 id="care-offer-map-heading">Carte des structures publiées</h2>
            <p>Les points sont les structures publiées qui répondent aux filtres (un chiffre : plusieurs structures proches) ; les pastilles sont les centres. Le tableau ci-dessous les liste toutes.</p>
            <app-care-map [units]="mapUnits()" [places]="mapPlaces()" />
          </section>
        }
        <table>
          <caption>{{ list.length }} structure{{ list.length > 1 ? 's' : '' }}</caption>
          <thead>
            <tr>
              <th scope="col">Structure</th>
              <th scope="col">Type</th>
              <th scope="col">Commune</th>
              <th scope="col">Public, soins et accès</th>
              <th scope="col">Centre référent</th>
              <th scope="col">Vérifiée le</th>
              <th scope="col">Statut</th>
              <th scope="col"><span class="cdk-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (e of list; track e.id) {
              <tr>
                <th scope="row">
                  {{ e.name }}
                  <br /><small>{{ e.address }}@if (e.phone) { — {{ e.phone }}}</small>
                  @if (e.website) {
                    <br /><a [href]="e.website" target="_blank" rel="noopener">Site internet</a>
                  }
                </th>
                <td>{{ kindLabel(e) }}</td>
                <td>{{ e.commune }} ({{ e.communeInsee }})</td>
                <td>{{ publicLabel(e) }} ; {{ careText(e) }} ; {{ accessLabel(e) }}</td>
                <td>{{ e.unitName }}<br /><small>{{ e.region }}</small></td>
                <td>{{ date(e.checkedOn) }}</td>
                <td>
                  <span class="chip" [class]="'chip ' + e.status">{{ statusLabel(e.status) }}</span>
                  @if (e.returnMessage) {
                    <br /><small class="return-message">Renvoyée : {{ e.returnMessage }}</small>
                  }
                </td>
                <td>
                  <div class="row-actions">
                    <button mat-button type="button" (click)="showHistory(e)" [attr.aria-label]="'Historique de ' + e.name">Historique</button>
                    @if (canEdit(e)) {
                      <button mat-button type="button" (click)="edit(e)" [attr.aria-label]="'Corriger ' + e.name">Corriger</button>
                    }
                    @if (canReview && e.status === 'proposed') {
                      <button mat-button type="button" (click)="publish(e)" [attr.aria-label]="'Publier ' + e.name">Publier</button>
                    }
                    @if (canReview && e.status !== 'withdrawn') {
                      <button mat-button type="button" (click)="returnToUnit(e)" [attr.aria-label]="'Renvoyer au centre ' + e.name">Renvoyer</button>
                      <button mat-button type="button" (click)="withdraw(e)" [attr.aria-label]="'Retirer ' + e.name">Retirer</button>
                    }
                  </div>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    }
  `,
})
export class CareOfferPage {
  private readonly api = inject(CareOfferApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly kinds = entries(careOfferKindLabels);
  protected readonly publics = entries(careOfferPublicLabels);
  protected readonly cares = entries(careOfferCareLabels);
  protected readonly statuses = entries(careOfferStatusLabels);
  protected readonly canPropose = this.auth.can('careOffer.propose');
  protected readonly canReview = this.auth.can('careOffer.review');

  private readonly units = toSignal(inject(UnitsApi).list(), { initialValue: [] });
  protected readonly regions = computed(() => [...new Set(this.units().filter((u) => u.kind === 'crp').map((u) => u.region))].sort((a, b) => a.localeCompare(b, 'fr')));

  protected readonly filters = toSignal(
    this.route.queryParamMap.pipe(map((params) => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)) as CareOfferFilters)),
    { initialValue: {} as CareOfferFilters },
  );
  protected readonly hasFilters = computed(() => Object.keys(this.filters()).length > 0);
  protected readonly templateUrl = CARE_OFFER_TEMPLATE_URL;
  /** The registry export of what the user may read, with the filters shown. */
  protected exportUrl = (format: 'xlsx' | 'csv') => careOfferExportUrl(format, this.filters());
  protected readonly resource = loadResource(() => this.filters(), (filters) => this.api.list(filters));

  protected readonly mapPlaces = computed(() => (this.resource.data() ?? []).filter((e) => e.status === 'published'));
  protected readonly mapUnits = computed<CareMapUnit[]>(() => this.units().filter((u) => u.kind === 'crp' && u.closedOn === null).map((u) => ({ id: u.id, name: u.name, region: u.region, keyFigures: [] })));

  protected setFilter(key: (typeof FILTER_KEYS)[number], value: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { [key]: value || null }, queryParamsHandling: 'merge' });
  }

  protected kindLabel = (e: CareOffer) => careOfferKindLabels[e.kind];
  protected publicLabel = (e: CareOffer) => careOfferPublicLabels[e.public];
  protected accessLabel = (e: CareOffer) => careOfferAccessLabels[e.access];
  protected careText = (e: CareOffer) => e.care.map((c) => careOfferCareLabels[c]).join(', ');
  protected statusLabel = (s: CareOfferStatus) => careOfferStatusLabels[s];
  protected date = (iso: string) => formatDateFr(iso);

  /** The centres the user may propose for: a lead's own, every open regional centre for the coordination. */
  private proposableUnits(): { id: number; name: string }[] {
    if (this.canReview) return this.units().filter((u) => u.kind === 'crp' && u.closedOn === null).map((u) => ({ id: u.id, name: u.name }));
    return (this.auth.user()?.units ?? []).map((u) => ({ id: u.id, name: u.name }));
  }

  protected canEdit(e: CareOffer): boolean {
    if (this.canReview) return e.status !== 'withdrawn';
    return this.canPropose && e.status === 'proposed' && (this.auth.user()?.units ?? []).some((u) => u.id === e.unitId);
  }

  protected propose(): void {
    this.openDialog(null, 'Structure proposée : la coordination la publiera.');
  }

  protected edit(entry: CareOffer): void {
    this.openDialog(entry, 'Structure enregistrée.');
  }

  private openDialog(entry: CareOffer | null, saved: string): void {
    const closed = this.dialog.open<CareOfferDialog, CareOfferDialogData, CareOfferDialogResult>(CareOfferDialog, { data: { entry, units: this.proposableUnits() }, width: '760px', maxWidth: '95vw' }).afterClosed();
    this.report(closed, saved);
  }

  private report(closed: Observable<CareOfferDialogResult | undefined>, saved: string): void {
    const conflict = 'Cette structure a été modifiée par quelqu’un d’autre entre-temps. La liste a été rechargée : reprenez votre action.';
    closed.subscribe((result) => reportEditOutcome(this.snackBar, result, { conflict, saved: () => saved }, () => this.resource.retry()));
  }

  protected showHistory(entry: CareOffer): void {
    this.dialog.open<CareOfferHistoryDialog, CareOffer>(CareOfferHistoryDialog, { data: entry, width: '760px', maxWidth: '95vw' });
  }

  protected importFile(): void {
    this.dialog
      .open<CareOfferImportDialog, void, boolean>(CareOfferImportDialog, { width: '720px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) this.resource.retry();
      });
  }

  protected publish(e: CareOffer): void {
    this.confirmThen('Publier la structure ?', `« ${e.name} » apparaîtra sur la carte et dans les données ouvertes.`, 'Publier', false, this.api.publish(e), 'Structure publiée.');
  }

  protected withdraw(e: CareOffer): void {
    this.confirmThen('Retirer la structure ?', `« ${e.name} » quittera la carte et les données ouvertes.`, 'Retirer', true, this.api.withdraw(e), 'Structure retirée.');
  }

  protected returnToUnit(e: CareOffer): void {
    this.report(this.dialog.open<CareOfferReturnDialog, CareOffer, CareOfferDialogResult>(CareOfferReturnDialog, { data: e, width: '560px', maxWidth: '95vw' }).afterClosed(), 'Structure renvoyée au centre.');
  }

  private confirmThen(title: string, message: string, confirmLabel: string, destructive: boolean, request: Observable<CareOffer>, done: string): void {
    confirmAction(this.dialog, { title, message, confirmLabel, destructive })
      .pipe(
        filter(Boolean),
        switchMap(() => request),
      )
      // A refusal (409) is explained by the interceptor's snackbar with the server's message.
      .subscribe({ next: () => (this.snackBar.open(done, 'Fermer', { duration: 5000 }), this.resource.retry()), error: () => this.resource.retry() });
  }
}
