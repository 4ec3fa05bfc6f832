import { can, limitedToOwnUnits } from '../auth/capabilities.js';

/**
 * Statistical secrecy of small counts (*secret statistique*), primary and secondary.
 *
 * - **Primary**: a count of a sensitive disaggregation between 1 and 4 is hidden (shown « < 5 »).
 * - **Secondary** (*secret secondaire*): a hidden count must not follow from the printed ones by a
 *   row or a column equation (cells + … = total). Whenever a row or a column (with its printed
 *   total) has exactly one hidden value, the next smallest printed value of that row or column is
 *   hidden too (a positive cell first, then a zero cell, then the total), and so on until no row
 *   or column equation has a single hidden unknown.
 *
 * The table is read with its margins: each row's total (a column of totals), each column's total
 * (a row of totals) and the grand total, printed or not (a total printed elsewhere in the same
 * document or view counts as printed). A margin that is not printed is an unknown no reader
 * has, so an equation through it leaks nothing.
 *
 * Who sees the counts unmasked (one place that says it, read by the server and the documents):
 * the lead of the unit the counts belong to, for that unit only, and the coordination (`admin`).
 * Everyone else (board, finance, the map, the annual documents for the general assembly and every
 * export built for them) gets them masked by this function.
 */

export type SuppressionMark = 'shown' | 'primary' | 'secondary' | 'absent';

export interface SmallCellTable {
  /** cells[row][column]: a count, or null for an empty cell (printed empty: it counts as 0). */
  readonly cells: readonly (readonly (number | null)[])[];
  /** Whether a cell is a sensitive count (primary suppression applies to it). */
  readonly sensitive: (row: number, column: number) => boolean;
  /** Whether each row's total is printed (or can be read elsewhere). */
  readonly rowTotals: boolean;
  /** Whether each column's total is printed (or can be read elsewhere). */
  readonly columnTotals: boolean;
  /** Whether the grand total is printed; by default when a row or column of totals is. */
  readonly grandTotal?: boolean;
  /** Whether the row totals are sensitive counts themselves (1 to 4 hidden as primary). */
  readonly sensitiveRowTotals?: boolean;
  /** Whether the column totals are sensitive counts themselves (the network's count of one option). */
  readonly sensitiveColumnTotals?: boolean;
  /**
   * Stable names of the rows and columns (a unit's code, an option's label): ties between equal
   * values go to the first name, so two views that list the same table in another order hide the
   * same cells. By position when omitted.
   */
  readonly rowKeys?: readonly string[];
  readonly columnKeys?: readonly string[];
}

export interface SmallCellSuppression {
  readonly cells: SuppressionMark[][];
  /** One mark per row: the row's total (`absent` when not printed). */
  readonly rowTotals: SuppressionMark[];
  /** One mark per column: the column's total (`absent` when not printed). */
  readonly columnTotals: SuppressionMark[];
  readonly grandTotal: SuppressionMark;
}

/** A sensitive count that primary suppression hides: 1 to 4. */
export const isSmallCount = (value: number | null): boolean => value !== null && value >= 1 && value <= 4;

export const SMALL_CELL_THRESHOLD = 5;
/** What a reader sees instead of a count hidden by primary suppression. */
export const SMALL_CELL_TEXT = '< 5';
/** What a reader sees instead of a value hidden by secondary suppression (*secret secondaire*), whatever its size. */
export const SECONDARY_CELL_TEXT = 's';

/** The text shown for a mark, or null when the value is printed. */
export const suppressionText = (mark: SuppressionMark): string | null => (mark === 'primary' ? SMALL_CELL_TEXT : mark === 'secondary' ? SECONDARY_CELL_TEXT : null);

/** Roles that read sensitive counts unmasked: the coordination, and a unit lead for their own unit only. */
export const UNMASKED_SENSITIVE_COUNT_ROLES = ['admin', 'unit_lead'] as const;

/** Whether a role reads the sensitive counts of a unit unmasked (`ownUnit`: the unit is in the user's scope). */
export function readsUnmaskedCounts(role: string, ownUnit: boolean): boolean {
  return can(role, 'counts.readUnmasked') && (ownUnit || !limitedToOwnUnits(role, 'counts.readUnmasked'));
}

interface Member {
  readonly row: number;
  readonly column: number;
  /** A margin (a total), hidden only when no cell can be. */
  readonly total: boolean;
}

/**
 * Which cells and totals to hide. Pure and deterministic: ties between equal values go to the
 * first row, then the first column (by their keys when given).
 */
export function suppressSmallCells(table: SmallCellTable): SmallCellSuppression {
  const rows = table.cells.length;
  const columns = rows === 0 ? 0 : Math.max(...table.cells.map((r) => r.length));
  const grand = table.grandTotal ?? (table.rowTotals || table.columnTotals);
  // The grid with its margins: column `columns` holds row totals, row `rows` column totals.
  const value = (r: number, c: number): number => {
    if (r < rows && c < columns) return table.cells[r][c] ?? 0;
    if (r < rows) return table.cells[r].reduce<number>((s, v) => s + (v ?? 0), 0);
    if (c < columns) return table.cells.reduce<number>((s, row) => s + (row[c] ?? 0), 0);
    return table.cells.reduce<number>((s, row) => s + row.reduce<number>((t, v) => t + (v ?? 0), 0), 0);
  };
  const empty = (v: number | null | undefined) => (v ?? null) === null;
  // An empty cell, or a total of nothing but empty cells: known to be nothing, never hidden.
  const isNull = (r: number, c: number): boolean => {
    if (r < rows && c < columns) return empty(table.cells[r][c]);
    if (r < rows) return table.cells[r].every(empty);
    if (c < columns) return table.cells.every((row) => empty(row[c]));
    return table.cells.every((row) => row.every(empty));
  };
  const mark: SuppressionMark[][] = [];
  for (let r = 0; r <= rows; r++) {
    mark.push([]);
    for (let c = 0; c <= columns; c++) {
      let m: SuppressionMark = 'shown';
      if (r < rows && c < columns) m = table.sensitive(r, c) && isSmallCount(table.cells[r][c] ?? null) ? 'primary' : 'shown';
      else if (r < rows && c === columns) m = !table.rowTotals ? 'absent' : table.sensitiveRowTotals && isSmallCount(value(r, c)) ? 'primary' : 'shown';
      else if (r === rows && c < columns) m = !table.columnTotals ? 'absent' : table.sensitiveColumnTotals && isSmallCount(value(r, c)) ? 'primary' : 'shown';
      else m = grand ? 'shown' : 'absent';
      mark[r].push(m);
    }
  }

  // Every equation: a line of members whose values add up to its last member (the total).
  const equations: Member[][] = [];
  for (let r = 0; r <= rows; r++) equations.push(Array.from({ length: columns + 1 }, (_, c) => ({ row: r, column: c, total: c === columns || r === rows })));
  for (let c = 0; c <= columns; c++) equations.push(Array.from({ length: rows + 1 }, (_, r) => ({ row: r, column: c, total: r === rows || c === columns })));

  const hidden = (m: SuppressionMark) => m === 'primary' || m === 'secondary';
  const byKey = (keys: readonly string[] | undefined, i: number, j: number) => {
    const a = keys?.[i];
    const b = keys?.[j];
    return a !== undefined && b !== undefined && a !== b ? (a < b ? -1 : 1) : i - j;
  };
  const order = (a: Member, b: Member) => byKey(table.rowKeys, a.row, b.row) || byKey(table.columnKeys, a.column, b.column);
  for (let changed = true; changed; ) {
    changed = false;
    for (const equation of equations) {
      const marks = equation.map((m) => mark[m.row][m.column]);
      if (marks.includes('absent') || marks.filter(hidden).length !== 1) continue;
      const candidates = equation.filter((m) => mark[m.row][m.column] === 'shown' && !isNull(m.row, m.column));
      if (candidates.length === 0) continue;
      const rank = (m: Member) => (m.total ? 2 : value(m.row, m.column) > 0 ? 0 : 1);
      candidates.sort((a, b) => rank(a) - rank(b) || value(a.row, a.column) - value(b.row, b.column) || order(a, b));
      const next = candidates[0];
      mark[next.row][next.column] = 'secondary';
      changed = true;
    }
  }

  return {
    cells: mark.slice(0, rows).map((line) => line.slice(0, columns)),
    rowTotals: mark.slice(0, rows).map((line) => line[columns]),
    columnTotals: mark[rows].slice(0, columns),
    grandTotal: mark[rows][columns],
  };
}

/**
 * The equations of a table that still give away a hidden value: a row or column (with its
 * total) whose members are all printed but one hidden. Empty for a table masked by
 * `suppressSmallCells`; the specs check it on random tables.
 */
export function leakingEquations(suppression: SmallCellSuppression): string[] {
  const rows = suppression.cells.length;
  const columns = suppression.columnTotals.length;
  const at = (r: number, c: number): SuppressionMark =>
    r < rows && c < columns ? suppression.cells[r][c] : r < rows ? suppression.rowTotals[r] : c < columns ? suppression.columnTotals[c] : suppression.grandTotal;
  const leaks: string[] = [];
  const check = (name: string, marks: SuppressionMark[]) => {
    if (!marks.includes('absent') && marks.filter((m) => m === 'primary' || m === 'secondary').length === 1) leaks.push(name);
  };
  for (let r = 0; r <= rows; r++) check(r === rows ? 'ligne des totaux' : `ligne ${r + 1}`, Array.from({ length: columns + 1 }, (_, c) => at(r, c)));
  for (let c = 0; c <= columns; c++) check(c === columns ? 'colonne des totaux' : `colonne ${c + 1}`, Array.from({ length: rows + 1 }, (_, r) => at(r, c)));
  return leaks;
}
