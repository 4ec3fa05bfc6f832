import { INSET_SIZE, METROPOLITAN_ANCHORS, OVERSEAS_INSETS, type RegionAnchor } from './france-geometry';

/** INSEE code of each region drawn on the map, by the map’s own region id. */
export const REGION_INSEE_CODES: Readonly<Record<string, string>> = {
  gp: '01',
  mq: '02',
  gf: '03',
  re: '04',
  yt: '06',
  idf: '11',
  cvl: '24',
  bfc: '27',
  nor: '28',
  hdf: '32',
  ges: '44',
  pdl: '52',
  bre: '53',
  naq: '75',
  occ: '76',
  ara: '84',
  pac: '93',
  cor: '94',
};

/** What the map needs of a unit. */
export interface MapUnitLike {
  readonly id: number;
  readonly name: string;
  readonly region: string;
  /** INSEE region code when the server knows it. */
  readonly regionCode?: string | null;
}

export interface PlacedUnit<U extends MapUnitLike> {
  readonly unit: U;
  /** The map’s region id (`hdf`, `mq`…). */
  readonly regionId: string;
  /** Null on the metropolitan map, else the overseas inset’s id. */
  readonly inset: string | null;
  readonly x: number;
  readonly y: number;
}

export interface MapLayout<U extends MapUnitLike> {
  readonly metropolitan: PlacedUnit<U>[];
  /** Units of each overseas inset, by inset id. */
  readonly overseas: Partial<Record<string, PlacedUnit<U>[]>>;
  /** Units whose region the map does not know (the CN2R itself: « National »). */
  readonly unplaced: U[];
}

/** A region name without accents, case, apostrophes or dashes: « Provence-Alpes-Côte d’Azur » = « provence alpes cote d azur ». */
export function normaliseRegion(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const ALIASES: Readonly<Record<string, string>> = { paca: 'pac', 'ocean indien': 're', reunion: 're' };

const allAnchors: readonly (RegionAnchor & { inset: boolean })[] = [
  ...METROPOLITAN_ANCHORS.map((anchor) => ({ ...anchor, inset: false })),
  ...OVERSEAS_INSETS.map((inset) => ({ id: inset.id, name: inset.name, x: inset.x, y: inset.y, inset: true })),
];
const byInsee = new Map(Object.entries(REGION_INSEE_CODES).map(([id, code]) => [code, id]));
const byName = new Map(allAnchors.map((anchor) => [normaliseRegion(anchor.name), anchor.id]));

/** The map’s region id of a unit: by INSEE code first, then by its region’s name; null when unknown. */
export function regionIdOf(unit: MapUnitLike): string | null {
  if (unit.regionCode && byInsee.has(unit.regionCode)) return byInsee.get(unit.regionCode)!;
  const name = normaliseRegion(unit.region);
  return byName.get(name) ?? ALIASES[name] ?? null;
}

/** Horizontal room between the markers of one region (map units; insets are smaller). */
const SPACING = { metropolitan: 20, inset: 14 };

/**
 * Places each unit on its region’s anchor; several units of one region (the two AP-HP units of
 * Île-de-France) are spread side by side around it, in the order given.
 */
export function layOutUnits<U extends MapUnitLike>(units: readonly U[]): MapLayout<U> {
  const groups = new Map<string, U[]>();
  const unplaced: U[] = [];
  for (const unit of units) {
    const id = regionIdOf(unit);
    if (id === null) unplaced.push(unit);
    else groups.set(id, [...(groups.get(id) ?? []), unit]);
  }
  const metropolitan: PlacedUnit<U>[] = [];
  const overseas: Record<string, PlacedUnit<U>[]> = {};
  for (const [regionId, members] of groups) {
    const anchor = allAnchors.find((a) => a.id === regionId)!;
    const spacing = anchor.inset ? SPACING.inset : SPACING.metropolitan;
    const placed = members.map((unit, i) => ({
      unit,
      regionId,
      inset: anchor.inset ? regionId : null,
      x: clamp(anchor.x + (i - (members.length - 1) / 2) * spacing, anchor.inset ? INSET_SIZE.width : Infinity),
      y: anchor.y,
    }));
    if (anchor.inset) overseas[regionId] = placed;
    else metropolitan.push(...placed);
  }
  return { metropolitan, overseas, unplaced };
}

/** Keeps a marker inside an inset (8 units from its edges). */
function clamp(x: number, width: number): number {
  return Number.isFinite(width) ? Math.min(width - 8, Math.max(8, x)) : x;
}
