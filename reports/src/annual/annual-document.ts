import { DRAFT_MARK, formatLongDateFr, SECONDARY_CELL_TEXT, SMALL_CELL_TEXT, type Etpt, type ReportEdition } from '@cn2r/shared';

export { SECONDARY_CELL_TEXT, SMALL_CELL_TEXT };

/**
 * One description of an annual report, rendered twice: as a workbook (one sheet per section,
 * totals as formulas) and as a PDF (totals computed here from the exact values). The section
 * builders turn the shared data into this; the writers never look at the data themselves.
 *
 * Values stay in their exact units: euros in integer cents, percentages in basis points, ETPT as
 * a fraction; the writers convert for display.
 */

/** `points`: a change of a rate, in percentage points (a derived column only: `{ points: … }`). */
/**
 * `number`: values of indicators of several types in one column (a unit's annex: counts beside
 * medians): a whole value without decimals, a fraction with one (`883`, `85,5`), see `cellDisplayKind`.
 */
export type AnnualCellKind = 'text' | 'count' | 'euros' | 'percent' | 'etpt' | 'decimal' | 'number' | 'days' | 'points';

/**
 * A count of a sensitive disaggregation: shown « < 5 » when it is between 1 and 4 (primary
 * suppression), « s » when secondary suppression hides it (`secondary`, see
 * `suppressSmallCells` in shared/), so that no « < 5 » follows from a total by subtraction.
 */
export interface SensitiveCount {
  readonly sensitive: number;
  readonly secondary?: true;
}

export type AnnualCell = string | number | Etpt | SensitiveCount | null;

/** A column computed from others of the same row (and of the total row), by their index. */
export type Derived =
  | { readonly ratio: readonly [number, number] }
  | { readonly difference: readonly [number, number] }
  /** (a − b) / b: the change of a over b (a count or an amount). */
  | { readonly change: readonly [number, number] }
  /** a − b in percentage points: the change of a rate (cells of kind `percent`), never divided by b (DOMAIN.md, « Changes »). */
  | { readonly points: readonly [number, number] };

export interface AnnualColumn {
  readonly header: string;
  readonly kind: AnnualCellKind;
  /** Width in characters (xlsx) and relative width (PDF). */
  readonly width?: number;
  /** How the total row fills this column; nothing when omitted. */
  readonly total?: 'sum' | 'average' | 'median';
  /** Computed in every row and in the total row (a formula in the workbook). */
  readonly derived?: Derived;
}

export interface AnnualTable {
  readonly title?: string;
  readonly columns: readonly AnnualColumn[];
  /** One cell per column; a derived column's cell is ignored (null). */
  readonly rows: readonly (readonly AnnualCell[])[];
  /** Label of the total row, in the first column; no total row when omitted. */
  readonly totalLabel?: string;
  readonly notes?: readonly string[];
}

/** A bar chart of the PDF (the workbook shows the same figures as a table). */
export interface AnnualChart {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly { readonly label: string; readonly values: readonly (number | null)[] }[];
  readonly kind: 'euros' | 'count' | 'percent';
}

export interface AnnualSection {
  readonly key: string;
  readonly title: string;
  /** Sheet name: 31 characters at most, none of : \ / ? * [ ]. */
  readonly sheetName: string;
  readonly narrative: string;
  readonly tables: readonly AnnualTable[];
  readonly charts?: readonly AnnualChart[];
}

export interface AnnualDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly organisation: string;
  readonly year: number;
  /** ISO instant of the data snapshot: creation and modification dates of both files. */
  readonly generatedAt: string;
  /** Draft or official version N; absent: no mention (a snapshot stored before editions). */
  readonly edition?: ReportEdition;
  readonly sections: readonly AnnualSection[];
}

/** « Projet — document de travail », « Version officielle n° 3 », or nothing. */
export function editionText(edition: ReportEdition | undefined): string | null {
  if (!edition) return null;
  return edition.status === 'draft' ? DRAFT_MARK : `Version officielle n° ${edition.number}`;
}

/** On an official version's cover: « Soumise à l’assemblée générale du 26 mars 2027 », or nothing (no meeting recorded then). */
export function submissionText(edition: ReportEdition | undefined): string | null {
  if (edition?.status !== 'official' || !edition.submittedTo) return null;
  const { bodyName, heldOn } = edition.submittedTo;
  const body = /^Assemblée /.test(bodyName) ? `l’a${bodyName.slice(1)}` : `« ${bodyName} »`;
  return `Soumise à ${body} du ${formatLongDateFr(heldOn)}`;
}

/** The rule, stated once per document (on the first table that hides a value). */
export const SMALL_CELL_NOTE =
  'Secret statistique : les effectifs de 1 à 4 des ventilations sensibles sont affichés « < 5 » pour ne pas permettre d’identifier des personnes ; pour qu’aucun ne se déduise d’un total par soustraction, la plus petite autre valeur de la même ligne ou colonne (ou, à défaut, le total) est masquée aussi et affichée « s » (secret secondaire). Cette règle vaut pour tout le document.';
export const ROUNDING_NOTE = 'Les valeurs sont arrondies à l’affichage : le total, calculé sur les valeurs exactes, peut différer de la somme des valeurs affichées.';

export const isEtpt = (cell: AnnualCell): cell is Etpt => typeof cell === 'object' && cell !== null && 'num' in cell && 'den' in cell;
export const isSensitive = (cell: AnnualCell): cell is SensitiveCount => typeof cell === 'object' && cell !== null && 'sensitive' in cell;

/** Whether a sensitive count is hidden: 1 to 4, or hidden by secondary suppression. */
export const isSuppressed = (cell: AnnualCell): boolean => isSensitive(cell) && (cell.secondary === true || (cell.sensitive >= 1 && cell.sensitive <= 4));

/** The text shown instead of a hidden count: « < 5 » or « s ». */
export const suppressedText = (cell: AnnualCell): string => (isSensitive(cell) && cell.secondary ? SECONDARY_CELL_TEXT : SMALL_CELL_TEXT);

/** A sensitive count, or null when there is none; `secondary` when secondary suppression hides it. */
export const sensitiveCount = (value: number | null, secondary = false): SensitiveCount | null =>
  value === null ? null : secondary ? { sensitive: value, secondary: true } : { sensitive: value };

/**
 * The number a spreadsheet cell holds: euros (from cents), a fraction for a percentage (from basis
 * points), ETPT as a decimal; null for text, an empty or a suppressed cell.
 */
export function cellNumber(kind: AnnualCellKind, cell: AnnualCell): number | null {
  if (cell === null || typeof cell === 'string') return null;
  if (isEtpt(cell)) return cell.den === 0 ? null : cell.num / cell.den;
  if (isSensitive(cell)) return isSuppressed(cell) ? null : cell.sensitive;
  if (kind === 'euros') return cell / 100;
  if (kind === 'percent') return cell / 10_000;
  return cell;
}

/** Decimals shown for a kind (what the number formats show). */
export const DISPLAY_DECIMALS: Record<AnnualCellKind, number> = { text: 0, count: 0, euros: 2, percent: 1, etpt: 2, decimal: 1, number: 1, days: 0, points: 1 };

/** The kind a number is shown as in its column: a `number` column shows whole values as counts. */
export function cellDisplayKind(kind: AnnualCellKind, value: number): AnnualCellKind {
  if (kind !== 'number') return kind;
  return Number.isInteger(value) ? 'count' : 'decimal';
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The exact total of a column, in the cell's own units (cents summed as integers, ETPT as one
 * fraction), the same thing the workbook's formula computes.
 */
export function columnTotal(table: AnnualTable, index: number): AnnualCell {
  const column = table.columns[index];
  if (!column.total) return null;
  const cells = table.rows.map((row) => row[index]).filter((cell) => cell !== null && typeof cell !== 'string' && !isSuppressed(cell));
  if (column.kind === 'etpt') {
    let num = 0n;
    let den = 1n;
    for (const cell of cells) {
      if (!isEtpt(cell) || cell.den === 0) continue;
      num = num * BigInt(cell.den) + BigInt(cell.num) * den;
      den *= BigInt(cell.den);
      const divisor = gcd(num < 0n ? -num : num, den);
      num /= divisor;
      den /= divisor;
    }
    const value = Number(num) / Number(den);
    if (column.total === 'sum') return { num: Number(num), den: Number(den), display: value.toFixed(2).replace('.', ',') };
  }
  const numbers = cells.map((cell) => (isEtpt(cell) ? cell.num / cell.den : isSensitive(cell) ? cell.sensitive : (cell as number)));
  if (numbers.length === 0) return null;
  if (column.total === 'sum') return numbers.reduce((a, b) => a + b, 0);
  if (column.total === 'median') return median(numbers);
  return numbers.reduce((a, b) => a + b, 0) / numbers.length;
}

/** The two columns a derived column reads. */
export function derivedOperands(derived: Derived): readonly [number, number] {
  return 'ratio' in derived ? derived.ratio : 'difference' in derived ? derived.difference : 'points' in derived ? derived.points : derived.change;
}

/** The value of a derived column (a plain number: a ratio or change is a fraction, a difference in the cells' units, points in points). */
export function derivedValue(derived: Derived, columns: readonly AnnualColumn[], row: readonly AnnualCell[]): number | null {
  const [i, j] = derivedOperands(derived);
  const a = cellNumber(columns[i].kind, row[i]);
  const b = cellNumber(columns[j].kind, row[j]);
  if (a === null || b === null) return null;
  if ('difference' in derived) return a - b;
  // Fractions (0,847 and 0,863) differ by 1,6 points.
  if ('points' in derived) return (a - b) * 100;
  if (b === 0) return null;
  return 'ratio' in derived ? a / b : (a - b) / b;
}

const roundTo = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.sign(value) * Math.round(Math.abs(value) * factor) / factor;
};

/** Whether the rounded cells of a summed column do not add up to the rounded total. */
export function roundingMismatch(table: AnnualTable): boolean {
  if (!table.totalLabel) return false;
  return table.columns.some((column, index) => {
    if (column.total !== 'sum' || column.kind === 'euros' || column.kind === 'count') return false;
    const decimals = DISPLAY_DECIMALS[column.kind];
    const total = cellNumber(column.kind, columnTotal(table, index));
    if (total === null) return false;
    const shown = table.rows.reduce((sum, row) => sum + roundTo(cellNumber(column.kind, row[index]) ?? 0, decimals), 0);
    return Math.abs(roundTo(shown, decimals) - roundTo(total, decimals)) > 10 ** -(decimals + 3);
  });
}

/** The notes of a table, with the rounding rule when it applies (the small-cell rule is stated once per document: `stateSmallCellRuleOnce`). */
export function tableNotes(table: AnnualTable): string[] {
  const notes = [...(table.notes ?? [])];
  if (roundingMismatch(table)) notes.push(ROUNDING_NOTE);
  return notes;
}

/** Whether a table hides a count. */
export const hidesCounts = (table: AnnualTable): boolean => table.rows.some((row) => row.some(isSuppressed));

/** The sections with the small-cell rule stated once: in the notes of the first table (in reading order) that hides a count. */
export function stateSmallCellRuleOnce(sections: readonly AnnualSection[]): AnnualSection[] {
  let stated = false;
  return sections.map((section) => ({
    ...section,
    tables: section.tables.map((table) => {
      if (stated || !hidesCounts(table)) return table;
      stated = true;
      return { ...table, notes: [...(table.notes ?? []), SMALL_CELL_NOTE] };
    }),
  }));
}
