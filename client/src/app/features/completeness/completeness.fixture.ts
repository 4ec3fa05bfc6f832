import type { Completeness, CompletenessCell } from '@cn2r/shared';

/** Test data: a 2026 campaign of two quarters for two units, in the API's shape. Used by the specs only. */
export const aCell = (overrides: Partial<CompletenessCell>): CompletenessCell => ({
  unitId: 1,
  period: '2026-Q1',
  expected: true,
  status: 'draft',
  late: false,
  filledPercent: 50,
  submittedOnTime: null,
  dueOn: '2026-04-30',
  changedSinceValidation: false,
  returnMessage: null,
  ...overrides,
});

export const aCompleteness = (): Completeness => ({
  year: 2026,
  periods: [
    { period: '2026-Q1', label: '1er trimestre 2026', dueOn: '2026-04-30' },
    { period: '2026-Q2', label: '2e trimestre 2026', dueOn: '2026-07-30' },
  ],
  units: [
    { id: 1, code: 'CRP-HDF', name: 'CRP Hauts-de-France' },
    { id: 2, code: 'CRP-BZH', name: 'CRP Bretagne' },
  ],
  cells: [
    aCell({ status: 'validated', filledPercent: 100, changedSinceValidation: true }),
    aCell({ period: '2026-Q2', dueOn: '2026-07-30', status: 'returned', late: true, filledPercent: 80 }),
    aCell({ unitId: 2, expected: false, status: 'not_started', filledPercent: null }),
    aCell({ unitId: 2, period: '2026-Q2', dueOn: '2026-07-30', status: 'submitted', filledPercent: 99.6 }),
  ],
  lateUnits: [{ unitId: 1, periods: ['2026-Q2'], reminder: 'Bonjour,\nla saisie du 2e trimestre 2026 est attendue.' }],
});

