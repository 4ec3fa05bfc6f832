import type { ConsistencyRule, DataEntryForm, FormValue, Indicator, Submission } from '@cn2r/shared';

/** Test data: a CRP's 1st quarter 2026 form, in the API's shape. Used by the specs only. */

const AGE_BANDS = {
  id: 1,
  code: 'AGE',
  label: 'Tranche d’âge',
  sensitive: false,
  version: 1,
  options: [
    { id: 11, code: '0-5', label: '0-5 ans', sortOrder: 1 },
    { id: 12, code: '6-11', label: '6-11 ans', sortOrder: 2 },
    { id: 13, code: '12-17', label: '12-17 ans', sortOrder: 3 },
    { id: 14, code: '18+', label: '18 ans et plus', sortOrder: 4 },
  ],
};

export function anIndicator(overrides: Partial<Indicator> = {}): Indicator {
  return {
    id: 1,
    code: 'ACT_FA',
    revision: 1,
    label: 'File active',
    definition: 'Patients distincts vus au moins une fois dans la période.',
    countingRule: 'Un patient vu plusieurs fois compte une fois.',
    domain: 'activite_clinique',
    unitKind: 'crp',
    valueType: 'count',
    unitOfMeasure: 'patients',
    periodType: 'quarter',
    timeAggregation: 'sum',
    unitAggregation: 'sum',
    dimension: AGE_BANDS,
    minValue: 0,
    maxValue: 5000,
    required: true,
    expectedResult: null,
    sortOrder: 10,
    activeFrom: '2019-01-01',
    activeTo: null,
    supersedesId: null,
    valueCount: 0,
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}

export const fileActive = anIndicator();
export const newPatients = anIndicator({
  id: 2,
  code: 'ACT_NEW',
  label: 'Nouveaux patients',
  definition: 'Patients vus pour la première fois.',
  countingRule: '',
  dimension: null,
  sortOrder: 20,
  maxValue: 2000,
});
export const trainings = anIndicator({
  id: 3,
  code: 'FOR_SESS',
  label: 'Sessions de formation',
  definition: '',
  countingRule: '',
  domain: 'formation',
  unitOfMeasure: 'sessions',
  dimension: null,
  required: false,
  sortOrder: 5,
  maxValue: null,
});

export const newNotAboveActive: ConsistencyRule = {
  id: 100,
  code: 'NEW_LE_FA',
  label: 'Nouveaux ≤ file active',
  expression: 'ACT_NEW <= ACT_FA',
  severity: 'error',
  message: 'Les nouveaux patients ne peuvent pas dépasser la file active.',
  active: true,
  version: 1,
};

export function aSubmission(overrides: Partial<Submission> = {}): Submission {
  return {
    id: 50,
    unitId: 4,
    period: '2026-Q1',
    status: 'draft',
    returnMessage: null,
    returnedAt: null,
    returnedBy: null,
    submittedAt: null,
    submittedBy: null,
    validatedAt: null,
    validatedBy: null,
    changedSinceValidation: false,
    dueOn: '2026-04-30',
    version: 3,
    ...overrides,
  };
}

export function aValue(overrides: Partial<FormValue> = {}): FormValue {
  return {
    id: 900,
    indicatorId: 2,
    optionId: null,
    value: 40,
    validatedValue: null,
    validatedAt: null,
    pendingValidation: false,
    explanation: null,
    reopened: false,
    commentCount: 0,
    updatedBy: 'lead.lille@demo.local',
    updatedAt: '2026-03-02T09:00:00Z',
    version: 2,
    ...overrides,
  };
}

export function aForm(overrides: Partial<DataEntryForm> = {}): DataEntryForm {
  return {
    submission: aSubmission(),
    unit: { id: 4, code: 'CRP-HDF', name: 'CRP Hauts-de-France' },
    periodLabel: '1er trimestre 2026',
    editable: true,
    outlierThresholdPercent: 50,
    indicators: [fileActive, newPatients, trainings],
    rules: [newNotAboveActive],
    values: [aValue()],
    previousPeriod: {
      period: '2025-Q4',
      values: [
        { indicatorId: 1, optionId: 11, value: 12 },
        { indicatorId: 1, optionId: 14, value: 300 },
        { indicatorId: 2, optionId: null, value: 38 },
      ],
    },
    lastYear: {
      period: '2025-Q1',
      values: [
        { indicatorId: 1, optionId: 11, value: 10 },
        { indicatorId: 2, optionId: null, value: 35 },
        { indicatorId: 3, optionId: null, value: 4 },
      ],
    },
    finerIndicators: [],
    finerValues: [],
    ruleResults: [],
    ...overrides,
  };
}
