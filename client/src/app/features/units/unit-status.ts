import type { Unit } from '@cn2r/shared';

export type UnitStatus = 'Ouvert' | 'Fermé';

/** A unit is closed from its closing date on (dates compared as `YYYY-MM-DD`). */
export function unitStatus(unit: Pick<Unit, 'closedOn'>, today: string): UnitStatus {
  return unit.closedOn !== null && unit.closedOn <= today ? 'Fermé' : 'Ouvert';
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Case- and accent-insensitive search on code, name, region and host institution. */
export function matchesUnitFilter(unit: Unit, filter: string): boolean {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([unit.code, unit.name, unit.region, unit.hostInstitution ?? ''].join(' '));
  return words.every((word) => haystack.includes(word));
}
