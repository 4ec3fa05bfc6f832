import { schemaTable } from '../../spec/schema-table.js';
import { CreateIndicator, UpdateIndicator } from './catalogue.js';

/** Whether a disaggregated indicator's options add up (`optionsAdditive`), as the catalogue API takes it. */
const delay = {
  code: 'ACT_WAIT_D',
  label: 'Délai médian entre le premier contact et le premier rendez-vous',
  domain: 'activite_clinique',
  valueType: 'days',
  periodType: 'quarter',
  timeAggregation: 'average',
  unitAggregation: 'median',
  dimensionId: 4,
  activeFrom: '2024-01-01',
};
const parsed = {
  ...delay,
  definition: '',
  countingRule: '',
  unitOfMeasure: '',
  unitKind: 'crp',
  minValue: null,
  maxValue: null,
  required: true,
  expectedResult: null,
  sortOrder: 0,
  activeTo: null,
};

describe('CreateIndicator: optionsAdditive', () => {
  schemaTable(
    CreateIndicator,
    [
      // Left out, the database applies the value type's default (migration 033): the key stays absent.
      { name: 'no optionsAdditive (the value type decides)', input: delay, output: parsed },
      { name: 'options that do not add up (a median delay split adult / minor)', input: { ...delay, optionsAdditive: false }, output: { ...parsed, optionsAdditive: false } },
      { name: 'options that add up', input: { ...delay, valueType: 'count', optionsAdditive: true }, output: { ...parsed, valueType: 'count', optionsAdditive: true } },
    ],
    [
      { name: 'optionsAdditive as text', input: { ...delay, optionsAdditive: 'non' }, issues: [['optionsAdditive', 'Vrai ou faux attendu.']] },
      { name: 'optionsAdditive null', input: { ...delay, optionsAdditive: null }, issues: [['optionsAdditive', 'Vrai ou faux attendu.']] },
    ],
  );
});

describe('UpdateIndicator: optionsAdditive', () => {
  schemaTable(
    UpdateIndicator,
    [
      { name: 'optionsAdditive alone', input: { optionsAdditive: false, version: 3 }, output: { optionsAdditive: false, version: 3 } },
      { name: 'a change without it', input: { label: 'Délai', version: 3 }, output: { label: 'Délai', version: 3 } },
    ],
    [{ name: 'optionsAdditive as a number', input: { optionsAdditive: 0, version: 3 }, issues: [['optionsAdditive', 'Vrai ou faux attendu.']] }],
  );
});
