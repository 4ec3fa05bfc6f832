import type { Unit } from '@cn2r/shared';
import { matchesUnitFilter, unitStatus } from './unit-status';

const unit = (overrides: Partial<Unit> = {}): Unit => ({
  id: 1,
  code: 'CRP-ARA',
  name: 'CRP Auvergne-Rhône-Alpes',
  region: 'Auvergne-Rhône-Alpes',
  hostInstitution: 'Hospices civils de Lyon',
  kind: 'crp',
  openedOn: '2019-01-01',
  closedOn: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  ...overrides,
});

describe('unitStatus', () => {
  it('is open without a closing date or before it, closed from it on', () => {
    expect(unitStatus(unit(), '2026-06-01')).toBe('Ouvert');
    expect(unitStatus(unit({ closedOn: '2026-06-02' }), '2026-06-01')).toBe('Ouvert');
    expect(unitStatus(unit({ closedOn: '2026-06-01' }), '2026-06-01')).toBe('Fermé');
    expect(unitStatus(unit({ closedOn: '2025-12-31' }), '2026-06-01')).toBe('Fermé');
  });
});

describe('matchesUnitFilter', () => {
  it('ignores case and accents, and needs every word', () => {
    expect(matchesUnitFilter(unit(), 'rhone lyon')).toBeTrue();
    expect(matchesUnitFilter(unit(), 'crp-ara')).toBeTrue();
    expect(matchesUnitFilter(unit(), 'rhône bretagne')).toBeFalse();
    expect(matchesUnitFilter(unit(), '   ')).toBeTrue();
  });
});
