import { seededRandom } from '../finance/seeded-random.js';
import { leakingEquations, readsUnmaskedCounts, suppressSmallCells, type SmallCellSuppression, type SmallCellTable, type SuppressionMark } from './small-cell-suppression.js';

const allSensitive = () => true;
const hiddenMark = (m: SuppressionMark) => m === 'primary' || m === 'secondary';

/** A compact picture of the marks: P primary, S secondary, . shown, - absent; totals after « | » and on the last line. */
function picture(s: SmallCellSuppression): string[] {
  const letter = (m: SuppressionMark) => ({ shown: '.', primary: 'P', secondary: 'S', absent: '-' })[m];
  return [...s.cells.map((row, r) => `${row.map(letter).join('')}|${letter(s.rowTotals[r])}`), `${s.columnTotals.map(letter).join('')}|${letter(s.grandTotal)}`];
}

describe('suppressSmallCells (table-driven examples)', () => {
  const examples: { name: string; table: SmallCellTable; expected: string[] }[] = [
    {
      name: 'the issue’s example: one option of 4 next to a printed total hides the next smallest option too',
      // 419 new patients: 4 + 15 + 100 + 300; the total is printed.
      table: { cells: [[4, 15, 100, 300]], sensitive: allSensitive, rowTotals: true, columnTotals: false },
      expected: ['PS..|.', '----|.'],
    },
    {
      name: 'no printed total: the small cell alone is hidden',
      table: { cells: [[4, 15, 100, 300]], sensitive: allSensitive, rowTotals: false, columnTotals: false, grandTotal: false },
      expected: ['P...|-', '----|-'],
    },
    {
      name: 'two small cells in the same row protect each other',
      table: { cells: [[2, 3, 100]], sensitive: allSensitive, rowTotals: true, columnTotals: false },
      expected: ['PP.|.', '---|.'],
    },
    {
      name: 'nothing small, nothing hidden',
      table: { cells: [[5, 0, 12]], sensitive: allSensitive, rowTotals: true, columnTotals: true },
      expected: ['...|.', '...|.'],
    },
    {
      name: 'a small count of a non-sensitive cell stays printed',
      table: { cells: [[3, 10]], sensitive: (_r, c) => c === 1, rowTotals: true, columnTotals: true },
      expected: ['..|.', '..|.'],
    },
    {
      name: 'two-way table: the secondary cell of the row opens its column, which is closed in turn',
      // Row 0: 2 (small) → hide 6 (next smallest of the row). Column 0: 2 hidden alone → hide 7 (row 1).
      // Column 1: 6 hidden alone → hide 8 (row 1). Row 1: 7 and 8 hidden: closed.
      table: {
        cells: [
          [2, 6, 50],
          [7, 8, 40],
        ],
        sensitive: allSensitive,
        rowTotals: true,
        columnTotals: true,
      },
      expected: ['PS.|.', 'SS.|.', '...|.'],
    },
    {
      name: 'a zero cell is hidden only when no positive cell is left, before the total',
      table: { cells: [[3, 0]], sensitive: allSensitive, rowTotals: true, columnTotals: false },
      expected: ['PS|.', '--|.'],
    },
    {
      name: 'a row with a single cell hides its total',
      table: { cells: [[3], [40]], sensitive: allSensitive, rowTotals: true, columnTotals: false, grandTotal: false },
      expected: ['P|S', '.|.', '-|-'],
    },
    {
      name: 'a sensitive column total of 1 to 4 (the network’s count of one option) is hidden and protected like a cell',
      // Column 0 adds up to 3 over the units: hidden; the row of totals then hides its next smallest
      // (column 1's 20), whose column then hides its first 10.
      table: {
        cells: [
          [1, 10],
          [2, 10],
        ],
        sensitive: allSensitive,
        rowTotals: false,
        columnTotals: true,
        sensitiveColumnTotals: true,
      },
      expected: ['PS|-', 'P.|-', 'PS|.'],
    },
    {
      name: 'an empty cell is printed empty and never hidden: the next value is',
      table: { cells: [[4, null, 9, 20]], sensitive: allSensitive, rowTotals: true, columnTotals: false },
      expected: ['P.S.|.', '----|.'],
    },
  ];
  for (const { name, table, expected } of examples) {
    it(name, () => {
      const result = suppressSmallCells(table);
      expect(picture(result)).toEqual(expected);
      expect(leakingEquations(result)).toEqual([]);
    });
  }

  it('breaks ties by the rows’ and columns’ keys, so another order of the same table hides the same cells', () => {
    const table = (order: number[]): SmallCellTable => ({
      cells: order.map((i) => [[2, 10], [7, 10], [7, 10]][i]),
      sensitive: allSensitive,
      rowTotals: false,
      columnTotals: true,
      rowKeys: order.map((i) => ['A', 'B', 'C'][i]),
    });
    const hiddenRows = (order: number[]) => {
      const result = suppressSmallCells(table(order));
      return order.filter((_, r) => result.cells[r][0] !== 'shown').map((i) => ['A', 'B', 'C'][i]).sort();
    };
    expect(hiddenRows([0, 1, 2])).toEqual(['A', 'B']);
    expect(hiddenRows([2, 1, 0])).toEqual(['A', 'B']);
    expect(hiddenRows([1, 0, 2])).toEqual(['A', 'B']);
  });

  it('sees a leak in a table masked by the primary rule only', () => {
    const primaryOnly: SmallCellSuppression = { cells: [['primary', 'shown']], rowTotals: ['shown'], columnTotals: ['absent', 'absent'], grandTotal: 'shown' };
    expect(leakingEquations(primaryOnly)).toEqual(['ligne 1']);
  });
});

describe('suppressSmallCells (property: no hidden value follows from one row or column equation)', () => {
  it('holds on 2 000 random tables with random sensitive cells, margins printed or not', () => {
    const random = seededRandom(20261206);
    const int = (n: number) => Math.floor(random() * n);
    for (let run = 0; run < 2_000; run++) {
      const rows = 1 + int(6);
      const columns = 1 + int(7);
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => {
          const roll = random();
          return roll < 0.08 ? null : roll < 0.18 ? 0 : roll < 0.55 ? 1 + int(4) : int(400);
        }),
      );
      const sensitive = Array.from({ length: rows }, () => Array.from({ length: columns }, () => random() < 0.7));
      const table: SmallCellTable = {
        cells,
        sensitive: (r, c) => sensitive[r][c],
        rowTotals: random() < 0.7,
        columnTotals: random() < 0.7,
        grandTotal: random() < 0.8,
        sensitiveRowTotals: random() < 0.3,
        sensitiveColumnTotals: random() < 0.5,
      };
      const result = suppressSmallCells(table);
      const context = `run ${run}: ${JSON.stringify({ cells, sensitive, rowTotals: table.rowTotals, columnTotals: table.columnTotals, grandTotal: table.grandTotal })}`;

      // 1. No single row or column equation gives a hidden value away.
      expect(leakingEquations(result)).withContext(context).toEqual([]);
      // The same check, written out against the numbers: a reader who sees the printed cells
      // and totals can compute no hidden value by one subtraction.
      const printed = (m: SuppressionMark) => m === 'shown';
      for (let r = 0; r < rows; r++) {
        const members = [...result.cells[r], result.rowTotals[r]];
        if (members.every((m) => m !== 'absent')) expect(members.filter(hiddenMark).length).not.toBe(1);
      }
      for (let c = 0; c < columns; c++) {
        const members = [...result.cells.map((row) => row[c]), result.columnTotals[c]];
        if (members.every((m) => m !== 'absent')) expect(members.filter(hiddenMark).length).withContext(context).not.toBe(1);
      }
      // 2. Every sensitive count of 1 to 4 is hidden as primary; nothing else is primary.
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < columns; c++) {
          const small = sensitive[r][c] && cells[r][c] !== null && cells[r][c]! >= 1 && cells[r][c]! <= 4;
          expect(result.cells[r][c] === 'primary').withContext(context).toBe(small);
          // 3. An empty cell is never hidden.
          if (cells[r][c] === null) expect(printed(result.cells[r][c])).withContext(context).toBeTrue();
        }
      const columnTotal = (c: number) => cells.reduce((sum, row) => sum + (row[c] ?? 0), 0);
      for (let c = 0; c < columns; c++) {
        const small = table.columnTotals && table.sensitiveColumnTotals === true && columnTotal(c) >= 1 && columnTotal(c) <= 4;
        expect(result.columnTotals[c] === 'primary').withContext(context).toBe(small);
      }
      // 4. Margins that are not printed stay absent, printed ones are never absent.
      expect(result.rowTotals.every((m) => (m === 'absent') === !table.rowTotals)).withContext(context).toBeTrue();
      expect(result.columnTotals.every((m) => (m === 'absent') === !table.columnTotals)).withContext(context).toBeTrue();
      // 5. Nothing is hidden in a table without a small sensitive count.
      if (![...result.cells.flat(), ...result.rowTotals, ...result.columnTotals].includes('primary')) {
        expect([...result.cells.flat(), ...result.rowTotals, ...result.columnTotals, result.grandTotal].some(hiddenMark)).withContext(context).toBeFalse();
      }
    }
  });
});

describe('readsUnmaskedCounts', () => {
  it('lets the coordination and the unit’s own lead read the counts, masks them for everyone else', () => {
    expect(readsUnmaskedCounts('admin', false)).toBeTrue();
    expect(readsUnmaskedCounts('unit_lead', true)).toBeTrue();
    expect(readsUnmaskedCounts('unit_lead', false)).toBeFalse();
    expect(readsUnmaskedCounts('board', true)).toBeFalse();
    expect(readsUnmaskedCounts('finance', true)).toBeFalse();
  });
});
