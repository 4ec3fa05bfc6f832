// Test data shared by the catalogue specs (a spec file, so that it stays out of the application build).
import type { ConsistencyRule, Dimension, Indicator } from '@cn2r/shared';

export const ageBands: Dimension = {
  id: 3,
  code: 'AGE',
  label: 'Tranche d’âge',
  sensitive: false,
  options: [
    { id: 11, code: '0-5', label: '0–5 ans', sortOrder: 1 },
    { id: 12, code: '6-11', label: '6–11 ans', sortOrder: 2 },
    { id: 13, code: '12-17', label: '12–17 ans', sortOrder: 3 },
    { id: 14, code: '18+', label: '18 ans et plus', sortOrder: 4 },
  ],
  version: 2,
};

export const eventTypes: Dimension = {
  id: 4,
  code: 'EVENT',
  label: 'Type d’événement',
  sensitive: true,
  options: [
    { id: 21, code: 'attentat', label: 'Attentat', sortOrder: 1 },
    { id: 22, code: 'vsx', label: 'Violences sexuelles', sortOrder: 2 },
  ],
  version: 1,
};

export function anIndicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    id: 1,
    code: 'ACT_FA',
    revision: 1,
    label: 'File active',
    definition: 'Patients distincts vus au moins une fois pendant la période.',
    countingRule: '',
    domain: 'activite_clinique',
    unitKind: 'crp',
    valueType: 'count',
    unitOfMeasure: 'patients',
    periodType: 'quarter',
    timeAggregation: 'sum',
    unitAggregation: 'sum',
    dimension: ageBands,
    minValue: 0,
    maxValue: 1000,
    required: true,
    expectedResult: null,
    sortOrder: 10,
    activeFrom: '2024-01-01',
    activeTo: null,
    supersedesId: null,
    valueCount: 0,
    updatedAt: '2026-01-01T00:00:00Z',
    version: 3,
    ...overrides,
  };
}

export function aRule(overrides: Partial<ConsistencyRule> = {}): ConsistencyRule {
  return {
    id: 5,
    code: 'NEW_LE_FA',
    label: 'Les nouveaux patients ne dépassent pas la file active',
    expression: 'ACT_NEW <= ACT_FA',
    severity: 'error',
    message: 'Il y a plus de nouveaux patients que de patients suivis.',
    active: true,
    version: 2,
    ...overrides,
  };
}
