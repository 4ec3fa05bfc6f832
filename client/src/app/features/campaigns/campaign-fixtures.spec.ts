// Test data shared by the campaign specs (a spec file, so that it stays out of the application build).
import type { Campaign, Unit } from '@cn2r/shared';

export function aCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 7,
    year: 2026,
    label: 'Campagne 2026',
    status: 'draft',
    periods: [
      { period: '2026-Q1', opensOn: '2026-01-01', dueOn: '2026-04-30' },
      { period: '2026-Q2', opensOn: '2026-04-01', dueOn: '2026-07-30' },
      { period: '2026-Q3', opensOn: '2026-07-01', dueOn: '2026-10-30' },
      { period: '2026-Q4', opensOn: '2026-10-01', dueOn: '2027-01-30' },
      { period: '2026', opensOn: '2026-01-01', dueOn: '2027-03-01' },
    ],
    extensions: [],
    updatedAt: '2026-01-01T00:00:00Z',
    version: 4,
    ...overrides,
  };
}

export function aUnit(id: number, code: string, name: string, overrides: Partial<Unit> = {}): Unit {
  return {
    id,
    code,
    name,
    region: name,
    hostInstitution: null,
    kind: 'crp',
    openedOn: '2019-01-01',
    closedOn: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}

export const units: Unit[] = [aUnit(2, 'CRP-HDF', 'CRP Hauts-de-France'), aUnit(5, 'CRP-ARA', 'CRP Auvergne-Rhône-Alpes')];
