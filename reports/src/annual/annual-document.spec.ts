import { columnTotal, derivedValue, roundingMismatch, stateSmallCellRuleOnce, suppressedText, tableNotes, ROUNDING_NOTE, SECONDARY_CELL_TEXT, SMALL_CELL_NOTE, SMALL_CELL_TEXT, type AnnualSection, type AnnualTable } from './annual-document.js';

const third = { num: 1, den: 3, display: '0,33' };

describe('annual document tables', () => {
  it('sums ETPT exactly as fractions and cents as integers', () => {
    const table: AnnualTable = {
      columns: [{ header: 'Ligne', kind: 'text' }, { header: 'ETPT', kind: 'etpt', total: 'sum' }, { header: 'Montant', kind: 'euros', total: 'sum' }],
      rows: [
        ['a', third, 10],
        ['b', third, 20],
        ['c', third, 1],
      ],
      totalLabel: 'Total',
    };
    expect(columnTotal(table, 1)).toEqual({ num: 1, den: 1, display: '1,00' });
    expect(columnTotal(table, 2)).toBe(31);
  });

  it('notes when rounded cells do not add up to the rounded total (0,33 × 3 shown, 1,00 in total), and only then', () => {
    const thirds: AnnualTable = { columns: [{ header: 'L', kind: 'text' }, { header: 'ETPT', kind: 'etpt', total: 'sum' }], rows: [['a', third], ['b', third], ['c', third]], totalLabel: 'Total' };
    expect(roundingMismatch(thirds)).toBeTrue();
    expect(tableNotes(thirds)).toContain(ROUNDING_NOTE);
    const halves: AnnualTable = { ...thirds, rows: [['a', { num: 1, den: 2, display: '0,50' }], ['b', { num: 1, den: 4, display: '0,25' }]] };
    expect(roundingMismatch(halves)).toBeFalse();
    expect(tableNotes(halves)).not.toContain(ROUNDING_NOTE);
  });

  it('states the small-cell rule once per document, on the first table that hides a count, and only when one is hidden', () => {
    const table = (value: number, secondary = false): AnnualTable => ({ columns: [{ header: 'L', kind: 'text' }, { header: 'N', kind: 'count' }], rows: [['a', secondary ? { sensitive: value, secondary: true } : { sensitive: value }]] });
    const section = (...tables: AnnualTable[]): AnnualSection => ({ key: 'k', title: 'T', sheetName: 'S', narrative: '', tables });
    const notes = (sections: AnnualSection[]) => stateSmallCellRuleOnce(sections).flatMap((s) => s.tables.map((t) => t.notes ?? []));
    expect(notes([section(table(5), table(4)), section(table(1), table(12, true))])).toEqual([[], [SMALL_CELL_NOTE], [], []]);
    expect(notes([section(table(0), table(5))])).toEqual([[], []]);
    expect(notes([section(table(12, true))])).toEqual([[SMALL_CELL_NOTE]]);
    expect(tableNotes(table(4))).toEqual([]);
    expect(suppressedText({ sensitive: 3 })).toBe(SMALL_CELL_TEXT);
    expect(suppressedText({ sensitive: 120, secondary: true })).toBe(SECONDARY_CELL_TEXT);
    expect(SMALL_CELL_NOTE).toContain('« s » (secret secondaire)');
  });

  it('computes ratios, changes and differences in display units, null when the divisor is zero or missing', () => {
    const columns = [
      { header: 'L', kind: 'text' },
      { header: 'Financé', kind: 'euros' },
      { header: 'Dépensé', kind: 'euros' },
    ] as const;
    expect(derivedValue({ ratio: [2, 1] }, columns, ['x', 28_000_000, 24_815_476])).toBeCloseTo(0.8863, 4);
    expect(derivedValue({ difference: [1, 2] }, columns, ['x', 28_000_000, 24_815_476])).toBeCloseTo(31_845.24, 2);
    expect(derivedValue({ change: [2, 1] }, columns, ['x', 100, 150])).toBeCloseTo(0.5, 10);
    expect(derivedValue({ ratio: [2, 1] }, columns, ['x', 0, 5])).toBeNull();
    expect(derivedValue({ ratio: [2, 1] }, columns, ['x', null, 5])).toBeNull();
  });
});
