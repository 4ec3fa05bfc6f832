import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router } from '@angular/router';
import franceRegions from '@svg-maps/france.regions';
import { type MapUnitLike, type PlacedUnit, layOutUnits } from './care-map-layout';
import { INSET_SIZE, OVERSEAS_INSETS } from './france-geometry';
import { type CareOfferPlace, type PlaceCluster, inMetropolitanFrance, layOutPlaces, projectMetropolitan, unprojectMetropolitan } from './care-offer-points';
import { type ZoomLevel, WHOLE_MAP, ZOOM_LEVELS, centreOf, nextZoom, viewAt, viewBoxOf } from './map-view';
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

/** A position on the map, in decimal degrees. */
export interface MapPosition {
  readonly latitude: number;
  readonly longitude: number;
}

/** Base sizes of what is drawn on the whole map, in map units; divided by the zoom so that they keep their size on screen. */
const SIZES = { unit: 9, place: 4, cluster: 7, text: 8, textShift: 3, pin: 8 } as const;
/** The clustering distance on the whole map, in map units (≈ 30 km); divided by the zoom. */
const CLUSTER_CELL = 14;
/** A press that moves farther than this (screen pixels) drags the map: it is not a click. */
const DRAG_THRESHOLD = 4;

/**
 * The care-offer map: metropolitan France by region and the five overseas regions in insets,
 * drawn as SVG from geometry bundled with the app (no tile server, no request to another host).
 * Each unit is a link (Tab to reach it, Enter or a click to open its dashboard at `unitLink`);
 * units the map cannot place are listed under it. Zoom with the buttons, + and − (a click on a
 * group of structures zooms on it), move with the arrow keys or by dragging: groups of structures
 * split as the map zooms in. With `pickable`, a click on metropolitan France gives its position
 * (`picked`), drawn as a pin; overseas positions are typed.
 */
@Component({
  selector: 'app-care-map',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
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

  /** A click on the metropolitan map picks a position (the form of a structure); the units' links are then not drawn. */
  readonly pickable = input(false);
  /** The position picked or typed, drawn as a pin. */
  readonly pin = input<MapPosition | null>(null);
  readonly picked = output<MapPosition>();

  protected readonly zoom = signal<ZoomLevel>(1);
  private readonly centre = signal(centreOf(WHOLE_MAP));
  protected readonly view = computed(() => viewAt(this.zoom(), this.centre()));
  protected readonly viewBox = computed(() => viewBoxOf(this.view()));
  /** Sizes on the map at this zoom: the same on screen whatever the zoom. */
  protected readonly size = computed(() => {
    const z = this.zoom();
    return { unit: SIZES.unit / z, place: SIZES.place / z, cluster: SIZES.cluster / z, text: SIZES.text / z, textShift: SIZES.textShift / z, pin: SIZES.pin / z };
  });
  protected readonly placeLayout = computed(() => layOutPlaces(this.places(), CLUSTER_CELL / this.zoom()));
  protected readonly maxZoom = ZOOM_LEVELS[ZOOM_LEVELS.length - 1];
  protected readonly pinPoint = computed(() => {
    const pin = this.pin();
    return pin && inMetropolitanFrance(pin) ? projectMetropolitan(pin.latitude, pin.longitude) : null;
  });
  protected readonly zoomText = computed(() => (this.zoom() === 1 ? 'France entière' : `Zoom × ${this.zoom()}`));

  protected zoomBy(direction: 1 | -1, at?: { x: number; y: number }): void {
    if (at) this.centre.set(at);
    else this.centre.set(centreOf(this.view()));
    this.zoom.set(nextZoom(this.zoom(), direction));
  }

  protected reset(): void {
    this.zoom.set(1);
    this.centre.set(centreOf(WHOLE_MAP));
  }

  /** Moves the view by a fraction of its size (the arrow keys: a quarter). */
  protected pan(dx: number, dy: number): void {
    const view = this.view();
    const centre = centreOf(view);
    this.centre.set(centreOf(viewAt(this.zoom(), { x: centre.x + dx * view.width, y: centre.y + dy * view.height })));
  }

  protected onKey(event: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-0.25, 0], ArrowRight: [0.25, 0], ArrowUp: [0, -0.25], ArrowDown: [0, 0.25] };
    if (event.key === '+' || event.key === '=') this.zoomBy(1);
    else if (event.key === '-') this.zoomBy(-1);
    else if (event.key === '0') this.reset();
    else if (moves[event.key] && this.zoom() > 1) this.pan(...moves[event.key]);
    else return;
    event.preventDefault();
  }

  private press: { clientX: number; clientY: number; centre: { x: number; y: number }; scale: number; onCluster: boolean; dragged: boolean } | null = null;

  protected onPointerDown(event: PointerEvent, svg: Element): void {
    if (event.button !== 0) return;
    const scale = this.view().width / (svg.getBoundingClientRect().width || 1);
    const onCluster = !!(event.target as Element | null)?.closest?.('.place.cluster');
    this.press = { clientX: event.clientX, clientY: event.clientY, centre: centreOf(this.view()), scale, onCluster, dragged: false };
  }

  protected onPointerMove(event: PointerEvent): void {
    const press = this.press;
    if (!press || this.zoom() === 1) return;
    const dx = event.clientX - press.clientX;
    const dy = event.clientY - press.clientY;
    if (!press.dragged && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    press.dragged = true;
    this.centre.set(centreOf(viewAt(this.zoom(), { x: press.centre.x - dx * press.scale, y: press.centre.y - dy * press.scale })));
  }

  /** A press that did not drag: a click on a group zooms on it; in pick mode, a click elsewhere picks the position. */
  protected onPointerUp(event: PointerEvent, svg: Element): void {
    const press = this.press;
    this.press = null;
    if (!press || press.dragged) return;
    const point = this.mapPoint(event, svg);
    if (!point) return;
    if (press.onCluster && this.zoom() < this.maxZoom) {
      this.zoomBy(1, point);
      return;
    }
    if (this.pickable()) this.picked.emit(unprojectMetropolitan(point.x, point.y));
  }

  protected onPointerLeave(): void {
    this.press = null;
  }

  private mapPoint(event: MouseEvent, svg: Element): { x: number; y: number } | null {
    const matrix = (svg as SVGSVGElement).getScreenCTM();
    if (!matrix) return null;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }

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
