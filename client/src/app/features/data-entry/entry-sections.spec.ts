import { anIndicator, fileActive, newPatients, trainings } from './data-entry-form.fixture';
import { entryIndicators, hasTotalRow, indicatorTotal, referenceValue, sectionsByDomain } from './entry-sections';

describe('entry sections', () => {
  it('groups by domain in the catalogue’s order, then by order and code', () => {
    const research = anIndicator({ id: 9, code: 'RES_PUB', domain: 'recherche', sortOrder: 1 });
    const sections = sectionsByDomain([research, trainings, newPatients, fileActive], (i) => i);
    expect(sections.map((s) => [s.label, s.items.map((i) => i.code)])).toEqual([
      ['Activité clinique', ['ACT_FA', 'ACT_NEW']],
      ['Formation', ['FOR_SESS']],
      ['Recherche', ['RES_PUB']],
    ]);
  });

  it('enters only the indicators of the form’s period type', () => {
    const yearly = anIndicator({ id: 8, code: 'ACT_EVT', periodType: 'year' });
    expect(entryIndicators([fileActive, yearly], '2026-Q1').map((i) => i.code)).toEqual(['ACT_FA']);
    expect(entryIndicators([fileActive, yearly], '2026').map((i) => i.code)).toEqual(['ACT_EVT']);
  });

  it('totals counts and quantities only', () => {
    expect(hasTotalRow(fileActive)).toBeTrue();
    expect(hasTotalRow(newPatients)).toBeFalse();
    expect(hasTotalRow({ ...fileActive, valueType: 'days' })).toBeFalse();
    expect(hasTotalRow({ ...fileActive, valueType: 'decimal' })).toBeTrue();
  });

  it('sums the options entered, as the rules do; no option entered is no total', () => {
    const value = (optionId: number, v: number | null) => ({ indicatorId: 1, optionId, value: v });
    expect(indicatorTotal(fileActive, '2026-Q1', [value(11, 12), value(14, 300), value(12, null)])).toBe(312);
    expect(indicatorTotal(fileActive, '2026-Q1', [value(11, null)])).toBeNull();
    expect(indicatorTotal(fileActive, '2026-Q1', [])).toBeNull();
  });

  it('finds a reference value by indicator and option', () => {
    const values = [{ indicatorId: 1, optionId: 11, value: 10 }];
    expect(referenceValue(values, 1, 11)).toBe(10);
    expect(referenceValue(values, 1, 12)).toBeUndefined();
    expect(referenceValue(values, 1, null)).toBeUndefined();
  });
});
