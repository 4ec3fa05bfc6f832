import { aCompleteness } from './completeness.fixture';
import { cellDescription, completenessRows, completenessSummary, filledText } from './completeness-grid';

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

  it('says everything about a cell in words', () => {
    const [q1, q2, notExpected] = aCompleteness().cells;
    expect(cellDescription('CRP Hauts-de-France', 'T1 2026', q1)).toBe(
      'CRP Hauts-de-France, T1 2026 : Validée, 100 % renseigné, modifiée depuis la validation',
    );
    expect(cellDescription('CRP Hauts-de-France', 'T2 2026', q2)).toBe(
      'CRP Hauts-de-France, T2 2026 : Renvoyée pour correction, 80 % renseigné, en retard',
    );
    expect(cellDescription('CRP Bretagne', 'T1 2026', notExpected)).toBe('CRP Bretagne, T1 2026 : saisie non attendue');
    expect(filledText({ filledPercent: 99.6 })).toBe('100 % renseigné');
    expect(filledText({ filledPercent: null })).toBe('');
  });

  it('counts the expected forms, the validated and the late ones', () => {
    expect(completenessSummary(aCompleteness())).toEqual({ expected: 3, validated: 1, late: 1 });
  });
});
