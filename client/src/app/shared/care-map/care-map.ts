import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import franceRegions from '@svg-maps/france.regions';
import { type MapUnitLike, type PlacedUnit, layOutUnits } from './care-map-layout';
import { INSET_SIZE, METROPOLITAN_VIEW_BOX, OVERSEAS_INSETS } from './france-geometry';
import { type CareOfferPlace, type PlaceCluster, layOutPlaces } from './care-offer-points';
import { formatNumber } from '@cn2r/shared';

/** A key figure shown with a unit on the map. */
export interface CareMapFigure {
  readonly label: string;
  readonly value: number | null;
  readonly unitOfMeasure: string;
}

export interface CareMapUnit extends MapUnitLike {
  readonly keyFigures: readonly CareMapFigure[];
}

interface SvgMap {
  readonly viewBox: string;
  readonly locations: readonly { readonly id: string; readonly name: string; readonly path: string }[];
}

/** U+202F kept between thousands, as the map always showed. */
const numbers = { format: (value: number) => formatNumber(value, { maximumFractionDigits: 2, narrowSpace: true }) };

/** « File active : 812 patients », « — » when there is no validated value. */
export function figureText(figure: CareMapFigure): string {
  const value = figure.value === null ? 'non disponible' : `${numbers.format(figure.value)}${figure.unitOfMeasure ? ` ${figure.unitOfMeasure}` : ''}`;
  return `${figure.label} : ${value}`;
}

/** What a marker says to a screen reader and in its tooltip: the unit, its region and its key figures. */
export function markerLabel(unit: CareMapUnit): string {
  const figures = unit.keyFigures.map(figureText).join(' ; ');
  return `${unit.name} (${unit.region})${figures ? ` — ${figures}` : ''}. Ouvrir son tableau de bord.`;
}

/**
 * The care-offer map: metropolitan France by region and the five overseas regions in insets,
 * drawn as SVG from geometry bundled with the app (no tile server, no request to another host).
 * Each unit is a link (Tab to reach it, Enter or a click to open its dashboard at `unitLink`);
 * units the map cannot place are listed under it.
 */
@Component({
  selector: 'app-care-map',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './care-map.html',
  styleUrl: './care-map.scss',
})
export class CareMap {
  private readonly router = inject(Router);

  readonly units = input.required<readonly CareMapUnit[]>();
  /** The address of a unit’s dashboard. */
  readonly unitLink = input<(unitId: number) => string>((unitId) => `/tableaux-de-bord/centres/${unitId}`);
  /** Query parameters carried to the unit’s dashboard (the year). */
  readonly queryParams = input<Record<string, string | number>>({});

  /** Published structures of the care offer, drawn as small points (clustered when close); the page lists them beside for the keyboard. */
  readonly places = input<readonly CareOfferPlace[]>([]);

  protected readonly viewBox = METROPOLITAN_VIEW_BOX;
  protected readonly placeLayout = computed(() => layOutPlaces(this.places()));

  protected placeTitle(cluster: PlaceCluster): string {
    return cluster.places.length === 1 ? cluster.places[0].name : `${cluster.places.length} structures : ${cluster.places.map((p) => p.name).join(' ; ')}`;
  }

  protected readonly regions = (franceRegions as unknown as SvgMap).locations;
  protected readonly insets = OVERSEAS_INSETS;
  protected readonly insetViewBox = `0 0 ${INSET_SIZE.width} ${INSET_SIZE.height}`;
  protected readonly layout = computed(() => layOutUnits(this.units()));
  /** Regions with at least one unit, drawn darker. */
  protected readonly served = computed(() => {
    const layout = this.layout();
    return new Set([...layout.metropolitan.map((p) => p.regionId), ...Object.keys(layout.overseas)]);
  });

  protected href(unitId: number): string {
    return this.router.serializeUrl(this.router.createUrlTree([this.unitLink()(unitId)], { queryParams: this.queryParams() }));
  }

  protected label(placed: PlacedUnit<CareMapUnit>): string {
    return markerLabel(placed.unit);
  }

  protected open(event: Event, unitId: number): void {
    event.preventDefault();
    void this.router.navigateByUrl(this.href(unitId));
  }
}
