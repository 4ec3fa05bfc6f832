import { columnTotal, derivedValue, roundingMismatch, tableNotes, ROUNDING_NOTE, SMALL_CELL_NOTE, type AnnualTable } from './annual-document.js';

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

  it('adds the small-cell note only when a sensitive count of 1 to 4 is hidden', () => {
    const table = (value: number): AnnualTable => ({ columns: [{ header: 'L', kind: 'text' }, { header: 'N', kind: 'count' }], rows: [['a', { sensitive: value }]] });
    expect(tableNotes(table(4))).toEqual([SMALL_CELL_NOTE]);
    expect(tableNotes(table(1))).toEqual([SMALL_CELL_NOTE]);
    expect(tableNotes(table(0))).toEqual([]);
    expect(tableNotes(table(5))).toEqual([]);
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
