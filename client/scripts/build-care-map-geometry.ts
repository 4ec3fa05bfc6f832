/**
 * Pre-projects the geometry of the care-offer map into a small TypeScript file the client bundles
 * (lazy-loaded with the map), so the browser never loads the 750 kB world atlas:
 *  - the anchor of each metropolitan region of `@svg-maps/france.regions` (the centroid of its
 *    largest outline, in the map's own SVG coordinates), where the units of the region are drawn;
 *  - the outlines of the five overseas regions, cut out of France in Natural Earth's 1:50m
 *    countries (`world-atlas`, public domain), each projected (Mercator) and fitted to its inset.
 *
 * Run: `npx tsx client/scripts/build-care-map-geometry.ts` (writes
 * client/src/app/shared/care-map/france-geometry.ts; commit the result).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import franceRegions from '@svg-maps/france.regions';
import { geoBounds, geoMercator, geoPath } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);
const atlas = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;

type Point = [number, number];

/** The absolute points of each subpath of an SVG path made of M, L, l, h, H, v, V and z commands. */
export function subpaths(d: string): Point[][] {
  const tokens = d.match(/[a-zA-Z]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const result: Point[][] = [];
  let current: Point[] = [];
  let x = 0;
  let y = 0;
  let command = '';
  for (let i = 0; i < tokens.length; ) {
    if (/[a-zA-Z]/.test(tokens[i])) command = tokens[i++];
    const next = () => Number(tokens[i++]);
    switch (command) {
      case 'M':
        if (current.length) result.push(current);
        x = next();
        y = next();
        current = [[x, y]];
        command = 'L';
        break;
      case 'L':
        x = next();
        y = next();
        current.push([x, y]);
        break;
      case 'l':
        x += next();
        y += next();
        current.push([x, y]);
        break;
      case 'h':
        x += next();
        current.push([x, y]);
        break;
      case 'H':
        x = next();
        current.push([x, y]);
        break;
      case 'v':
        y += next();
        current.push([x, y]);
        break;
      case 'V':
        y = next();
        current.push([x, y]);
        break;
      case 'z':
      case 'Z':
        break;
      default:
        throw new Error(`Commande SVG non prise en charge : ${command}`);
    }
  }
  if (current.length) result.push(current);
  return result;
}

/** Signed area and centroid of a closed polygon (shoelace formula). */
function polygonCentroid(points: Point[]): { area: number; x: number; y: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[(i + 1) % points.length];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  area /= 2;
  return { area: Math.abs(area), x: cx / (6 * area), y: cy / (6 * area) };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

const regions = franceRegions.locations.map((location) => {
  const largest = subpaths(location.path)
    .map(polygonCentroid)
    .reduce((a, b) => (b.area > a.area ? b : a));
  return { id: location.id, name: location.name, x: round1(largest.x), y: round1(largest.y) };
});

/** The overseas regions, each as the polygons of France inside a longitude/latitude box. */
const overseas: { id: string; name: string; box: [[number, number], [number, number]] }[] = [
  { id: 'gp', name: 'Guadeloupe', box: [[-62, 15.8], [-61, 16.6]] },
  { id: 'mq', name: 'Martinique', box: [[-61.3, 14.3], [-60.7, 15]] },
  { id: 'gf', name: 'Guyane', box: [[-55, 2], [-51.5, 6]] },
  { id: 're', name: 'La Réunion', box: [[55, -21.5], [56, -20.8]] },
  { id: 'yt', name: 'Mayotte', box: [[44.9, -13.1], [45.4, -12.6]] },
];

const countries = feature(atlas, atlas.objects.countries);
const france = countries.features.find((f) => f.properties.name === 'France') as Feature<MultiPolygon>;
if (!france) throw new Error('France introuvable dans world-atlas.');

const INSET_WIDTH = 110;
const INSET_HEIGHT = 90;
const inside = (ring: Position[], [[w, s], [e, n]]: [[number, number], [number, number]]) =>
  ring.every(([lon, lat]) => lon >= w && lon <= e && lat >= s && lat <= n);

const insets = overseas.map(({ id, name, box }) => {
  const polygons = france.geometry.coordinates.filter((polygon) => inside(polygon[0], box));
  if (polygons.length === 0) throw new Error(`${name} : aucun contour dans la boîte ${JSON.stringify(box)}.`);
  const shape: Feature<MultiPolygon> = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons } };
  const projection = geoMercator().fitExtent(
    [
      [6, 6],
      [INSET_WIDTH - 6, INSET_HEIGHT - 6],
    ],
    shape,
  );
  const path = geoPath(projection).digits(1);
  // The anchor: the centroid of the largest island.
  const largest = polygons
    .map((coordinates) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } }) as Feature<Polygon>)
    .reduce((a, b) => (path.area(b) > path.area(a) ? b : a));
  const [x, y] = path.centroid(largest);
  const bounds = geoBounds(shape);
  return { id, name, path: path(shape) ?? '', x: round1(x), y: round1(y), bounds };
});

const out = fileURLToPath(new URL('../src/app/shared/care-map/france-geometry.ts', import.meta.url));
const body = `// Generated by client/scripts/build-care-map-geometry.ts — do not edit by hand.
// Regions: anchors computed from @svg-maps/france.regions (Victor Cazanave, CC BY-NC 4.0).
// Overseas outlines: Natural Earth 1:50m via world-atlas (public domain), Mercator per inset.

export interface RegionAnchor {
  readonly id: string;
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

export interface OverseasInset extends RegionAnchor {
  /** The outline, in the inset's own ${INSET_WIDTH} × ${INSET_HEIGHT} coordinates. */
  readonly path: string;
}

export const INSET_SIZE = { width: ${INSET_WIDTH}, height: ${INSET_HEIGHT} } as const;

export const METROPOLITAN_VIEW_BOX = ${JSON.stringify(franceRegions.viewBox)};

export const METROPOLITAN_ANCHORS: readonly RegionAnchor[] = ${JSON.stringify(regions, null, 2)};

export const OVERSEAS_INSETS: readonly OverseasInset[] = ${JSON.stringify(
  insets.map(({ bounds: _bounds, ...inset }) => inset),
  null,
  2,
)};
`;
writeFileSync(out, body);
console.log(`${out}: ${regions.length} régions, ${insets.length} encarts, ${body.length} caractères.`);
