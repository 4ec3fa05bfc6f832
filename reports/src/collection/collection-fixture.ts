import type { CollectionTemplateData, CollectionTemplateIndicator } from './build-collection-template.js';

/** Fixture data for the collection specs: a small catalogue of each value type, quarters and the year. */

const indicator = (overrides: Partial<CollectionTemplateIndicator> & Pick<CollectionTemplateIndicator, 'code' | 'label'>): CollectionTemplateIndicator => ({
  definition: '',
  unitOfMeasure: '',
  valueType: 'count',
  periodType: 'quarter',
  minValue: null,
  maxValue: null,
  required: true,
  options: [],
  ...overrides,
});

export function collectionFixture(overrides: Partial<CollectionTemplateData> = {}): CollectionTemplateData {
  return {
    unit: { code: 'CRP-HDF', name: 'CRP Hauts-de-France' },
    year: 2026,
    asOf: '2026-05-04T08:30:00.000Z',
    periods: [
      { code: '2026-Q2', editable: true },
      { code: '2026-Q1', editable: false, lockedReason: 'Transmise' },
      { code: '2026-Q3', editable: true },
      { code: '2026-Q4', editable: true },
      { code: '2026', editable: true },
    ],
    indicators: [
      indicator({
        code: 'ACT_FA',
        label: 'File active',
        definition: 'Patients distincts vus au moins une fois pendant la période.',
        unitOfMeasure: 'patients',
        options: [
          { code: 'mineur', label: 'Mineurs' },
          { code: 'adulte', label: 'Adultes' },
        ],
      }),
      indicator({ code: 'ACT_NEW', label: 'Nouveaux patients', maxValue: 5000, unitOfMeasure: 'patients' }),
      indicator({ code: 'ACT_WAIT_D', label: 'Délai médian', valueType: 'days', minValue: 1, maxValue: 365, unitOfMeasure: 'jours', periods: ['2026-Q3', '2026-Q4'] }),
      indicator({ code: 'RES_BUDGET', label: 'Budget recherche', valueType: 'decimal', periodType: 'year', unitOfMeasure: 'k€', required: false }),
      indicator({ code: 'FOR_RATE', label: 'Taux de satisfaction', valueType: 'percentage', periodType: 'year', maxValue: 100 }),
      indicator({ code: 'NET_MAP', label: 'Cartographie à jour', valueType: 'boolean', periodType: 'year' }),
      indicator({ code: 'NET_NOTE', label: 'Faits marquants', valueType: 'text', periodType: 'year', required: false }),
    ],
    values: [
      { indicatorCode: 'ACT_FA', optionCode: 'mineur', period: '2026-Q1', value: 20 },
      { indicatorCode: 'ACT_FA', optionCode: 'adulte', period: '2026-Q1', value: 1180 },
      { indicatorCode: 'ACT_NEW', optionCode: null, period: '2026-Q1', value: 90, reopened: true },
      { indicatorCode: 'ACT_NEW', optionCode: null, period: '2026-Q2', value: 95 },
      { indicatorCode: 'RES_BUDGET', optionCode: null, period: '2026', value: 12.5 },
      { indicatorCode: 'NET_MAP', optionCode: null, period: '2026', value: true },
      { indicatorCode: 'NET_NOTE', optionCode: null, period: '2026', value: 'Ouverture d’une antenne' },
    ],
    ...overrides,
  };
}
