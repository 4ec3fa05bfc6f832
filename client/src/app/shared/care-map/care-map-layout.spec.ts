import { layOutUnits, normaliseRegion, regionIdOf } from './care-map-layout';
import { METROPOLITAN_ANCHORS, OVERSEAS_INSETS } from './france-geometry';

describe('care map layout', () => {
  const unit = (id: number, region: string, regionCode: string | null = null) => ({ id, name: `Centre ${id}`, region, regionCode });

  it('finds a region by INSEE code, else by its name whatever the accents, apostrophes or case', () => {
    expect(regionIdOf(unit(1, 'n’importe', '32'))).toBe('hdf');
    expect(regionIdOf(unit(2, 'Provence-Alpes-Côte d’Azur'))).toBe('pac');
    expect(regionIdOf(unit(3, "Provence-Alpes-Côte d'Azur"))).toBe('pac');
    expect(regionIdOf(unit(4, 'ÎLE-DE-FRANCE'))).toBe('idf');
    expect(regionIdOf(unit(5, 'Martinique'))).toBe('mq');
    expect(regionIdOf(unit(6, 'Océan Indien'))).toBe('re');
    expect(regionIdOf(unit(7, 'PACA'))).toBe('pac');
    expect(regionIdOf(unit(8, 'National'))).toBeNull();
    expect(normaliseRegion('Centre-Val de Loire')).toBe('centre val de loire');
  });

  it('puts a unit on its region’s anchor, an overseas unit in its inset, and lists the units the map cannot place', () => {
    const layout = layOutUnits([unit(1, 'Hauts-de-France'), unit(2, 'Martinique'), unit(3, 'National')]);
    const hdf = METROPOLITAN_ANCHORS.find((a) => a.id === 'hdf')!;
    const mq = OVERSEAS_INSETS.find((a) => a.id === 'mq')!;
    expect(layout.metropolitan).toEqual([{ unit: unit(1, 'Hauts-de-France'), regionId: 'hdf', inset: null, x: hdf.x, y: hdf.y }]);
    expect(layout.overseas['mq']).toEqual([{ unit: unit(2, 'Martinique'), regionId: 'mq', inset: 'mq', x: mq.x, y: mq.y }]);
    expect(layout.unplaced.map((u) => u.id)).toEqual([3]);
  });

  it('spreads the units of one region side by side around its anchor', () => {
    const layout = layOutUnits([unit(1, 'Île-de-France'), unit(2, 'Île-de-France')]);
    const idf = METROPOLITAN_ANCHORS.find((a) => a.id === 'idf')!;
    expect(layout.metropolitan.map((p) => [p.unit.id, p.x, p.y])).toEqual([
      [1, idf.x - 10, idf.y],
      [2, idf.x + 10, idf.y],
    ]);
  });

  it('ships geometry for every metropolitan region and the five overseas regions, Martinique included', () => {
    expect(METROPOLITAN_ANCHORS.length).toBe(13);
    expect(OVERSEAS_INSETS.map((inset) => inset.name)).toEqual(['Guadeloupe', 'Martinique', 'Guyane', 'La Réunion', 'Mayotte']);
    for (const inset of OVERSEAS_INSETS) expect(inset.path).toMatch(/^M[\d.]+,[\d.]+/);
  });
});
