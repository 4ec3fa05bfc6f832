import { INSET_SIZE, OVERSEAS_INSETS } from './france-geometry';
import { regionIdOf } from './care-map-layout';

/** A published structure of the care offer, as the map draws it. */
export interface CareOfferPlace {
  readonly id: number;
  readonly name: string;
  readonly region: string;
  readonly latitude: number;
  readonly longitude: number;
}

/** Several structures drawn as one point (clustering): their count and names. */
export interface PlaceCluster {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly places: readonly CareOfferPlace[];
}

/**
 * Metropolitan France on the shipped base map: its viewBox (15 -1 598 586) spans longitudes
 * −5,14° to 9,56° and latitudes 51,09° to 41,33° in an equirectangular projection (the ratio of
 * its scales is cos 47°), which places a structure within a few kilometres of where it is.
 */
const METRO = { x0: 15, lon0: -5.14, xPerDegree: 598 / (9.56 + 5.14), y0: -1, lat0: 51.09, yPerDegree: 586 / (51.09 - 41.33) };
export const inMetropolitanFrance = (p: { readonly latitude: number; readonly longitude: number }) => p.latitude >= 41 && p.latitude <= 51.5 && p.longitude >= -5.5 && p.longitude <= 10;

export function projectMetropolitan(latitude: number, longitude: number): { x: number; y: number } {
  return { x: METRO.x0 + (longitude - METRO.lon0) * METRO.xPerDegree, y: METRO.y0 + (METRO.lat0 - latitude) * METRO.yPerDegree };
}

/** The position of a point of the metropolitan map (the inverse of `projectMetropolitan`), to 4 decimals (about 10 m). */
export function unprojectMetropolitan(x: number, y: number): { latitude: number; longitude: number } {
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return { latitude: round(METRO.lat0 - (y - METRO.y0) / METRO.yPerDegree), longitude: round(METRO.lon0 + (x - METRO.x0) / METRO.xPerDegree) };
}

/** Points closer than `cell` map units are drawn as one: the caller shrinks the cell as the map zooms in. */
function cluster(points: readonly { place: CareOfferPlace; x: number; y: number }[], cell: number, prefix: string): PlaceCluster[] {
  const cells = new Map<string, { place: CareOfferPlace; x: number; y: number }[]>();
  for (const p of points) {
    const key = `${prefix}${Math.round(p.x / cell)}:${Math.round(p.y / cell)}`;
    cells.set(key, [...(cells.get(key) ?? []), p]);
  }
  return (
    [...cells]
      .map(([key, members]) => ({
        key,
        x: members.reduce((s, m) => s + m.x, 0) / members.length,
        y: members.reduce((s, m) => s + m.y, 0) / members.length,
        places: members.map((m) => m.place),
      }))
      // Groups drawn last, over any single point beside them: their count stays readable and a click reaches them.
      .sort((a, b) => Number(a.places.length > 1) - Number(b.places.length > 1))
  );
}

export interface PlacesLayout {
  readonly metropolitan: PlaceCluster[];
  /** By overseas inset id: the structures of the region, drawn near its anchor. */
  readonly overseas: Partial<Record<string, PlaceCluster[]>>;
}

/** `cell`: the clustering distance in map units (14 when the whole of France is shown, less when zoomed in). */
export function layOutPlaces(places: readonly CareOfferPlace[], cell = 14): PlacesLayout {
  const metropolitan = cluster(
    places.filter(inMetropolitanFrance).map((place) => ({ place, ...projectMetropolitan(place.latitude, place.longitude) })),
    cell,
    'm',
  );
  const overseas: Record<string, PlaceCluster[]> = {};
  for (const inset of OVERSEAS_INSETS) {
    const members = places.filter((p) => !inMetropolitanFrance(p) && regionIdOf({ id: p.id, name: p.name, region: p.region }) === inset.id);
    // Insets are small: one point per region, beside its centre, with the count.
    if (members.length) overseas[inset.id] = [{ key: `o${inset.id}`, x: Math.min(INSET_SIZE.width - 10, inset.x + 14), y: Math.min(INSET_SIZE.height - 10, inset.y + 10), places: members }];
  }
  return { metropolitan, overseas };
}
