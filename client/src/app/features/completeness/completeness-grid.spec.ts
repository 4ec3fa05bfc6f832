import { aCompleteness } from './completeness.fixture';
import { completenessRows, completenessSummary, filledText } from './completeness-grid';

describe('completeness grid', () => {
  it('aligns each unit’s cells on the campaign’s periods', () => {
    const data = aCompleteness();
    data.cells.pop();
    const rows = completenessRows(data);
    expect(rows.map((r) => [r.unit.code, r.cells.map((c) => c?.status ?? null)])).toEqual([
      ['CRP-HDF', ['validated', 'returned']],
      ['CRP-BZH', ['not_started', null]],
    ]);
  });

  it('words the filled share', () => {
    expect(filledText({ filledPercent: 99.6 })).toBe('100 % renseigné');
    expect(filledText({ filledPercent: null })).toBe('');
  });

  it('counts the expected forms, the validated and the late ones', () => {
    expect(completenessSummary(aCompleteness())).toEqual({ expected: 3, validated: 1, late: 1 });
  });
});
