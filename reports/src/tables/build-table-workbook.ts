import ExcelJS from 'exceljs';
import { formatNumber } from '@cn2r/shared';
import { stampZipDates } from '../zip/zip-directory.js';
import { TABLE_FILLS, TABLE_FONTS, TABLE_FORMATS } from './table-styles.js';

/**
 * A generic, deterministic table workbook: any table of the application as an .xlsx, one sheet
 * per table. Values come as the API gives them — euros in integer cents, percentages in basis
 * points, dates as `YYYY-MM-DD` — and are written as real numbers and dates with French formats
 * (`#,##0.00 "€"`, `0.00 %`, `dd/mm/yyyy`, `#,##0.00` for decimals). Each sheet has its title, an optional subtitle, a
 * frozen header row with an autofilter, and, when a column asks for it, a totals row of real
 * formulas (`SUM`, or a ratio of two totals for a rate) with their exact cached results computed
 * from the cents.
 *
 * Usage:
 * ```ts
 * const bytes = await buildTableWorkbook({
 *   generatedAt: '2026-06-30T12:00:00.000Z',
 *   sheets: [{
 *     name: 'Exécution', title: 'Exécution 2026 par ligne', subtitle: 'Au 30/06/2026',
 *     columns: [
 *       { key: 'code', header: 'Ligne', kind: 'text' },
 *       { key: 'open', header: 'Ouvert (AE)', kind: 'euros', total: 'sum' },
 *       { key: 'committed', header: 'Engagé', kind: 'euros', total: 'sum' },
 *       { key: 'rate', header: 'Taux', kind: 'percent', total: { ratioOf: 'committed', over: 'open' } },
 *     ],
 *     rows: [{ code: 'PERS', open: 12_000_000, committed: 9_000_000, rate: 7_500 }],
 *   }],
 * });
 * ```
 * Pure: no clock (the workbook and its ZIP entries are dated `generatedAt`), no I/O; the same
 * data gives the same bytes.
 */

export type TableColumnKind = 'text' | 'euros' | 'percent' | 'date' | 'integer' | 'decimal';
/**
 * A cell as the API gives it: text, cents (euros), basis points (percent), `YYYY-MM-DD` (date), an
 * integer, or a decimal shown with two decimals (an exact ETPT as num / den, say); null is an empty cell.
 */
export type TableCell = string | number | null;

export interface TableColumn {
  /** The property of each row this column shows. */
  readonly key: string;
  readonly header: string;
  readonly kind: TableColumnKind;
  /** In characters; from the header and the values when absent. */
  readonly width?: number;
  /**
   * The cell of the totals row: `'sum'` (a `SUM` of the column, euros or integers), or for a
   * percent column the ratio of two columns' totals (`{ ratioOf: 'paid', over: 'openCp' }`, empty
   * when the denominator is 0). Rates are never summed nor averaged.
   */
  readonly total?: 'sum' | { readonly ratioOf: string; readonly over: string };
}

export interface TableSheet {
  /** The tab name: characters Excel refuses (`[]:*?/\`) are replaced, cut to 31 characters, made unique. */
  readonly name: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly Readonly<Record<string, TableCell>>[];
  /** The first cell of the totals row (present when a column has a total); « Total » by default. */
  readonly totalLabel?: string;
}

export interface TableWorkbookData {
  /** ISO timestamp of the data: the workbook's dates, so the same data gives the same bytes. */
  readonly generatedAt: string;
  readonly sheets: readonly TableSheet[];
  /** Document title in the file's properties. */
  readonly title?: string;
}

/** Rows of a sheet before the header: title, subtitle, a blank row. */
export const TABLE_HEADER_ROW = 4;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function assertInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} : un entier est attendu (${value}).`);
}

/** The cell value written for an API value of that kind. */
function cellValue(kind: TableColumnKind, value: TableCell, where: string): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return String(value);
    case 'euros':
      if (typeof value !== 'number') throw new TypeError(`${where} : des centimes sont attendus.`);
      assertInteger(value, where);
      return value / 100;
    case 'percent':
      if (typeof value !== 'number') throw new TypeError(`${where} : des points de base sont attendus.`);
      assertInteger(value, where);
      return value / 10_000;
    case 'integer':
      if (typeof value !== 'number') throw new TypeError(`${where} : un entier est attendu.`);
      assertInteger(value, where);
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${where} : un nombre est attendu.`);
      return value;
    case 'date': {
      const m = typeof value === 'string' ? DATE.exec(value) : null;
      if (!m) throw new TypeError(`${where} : une date AAAA-MM-JJ est attendue.`);
      return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    }
  }
}

function displayLength(kind: TableColumnKind, value: TableCell): number {
  if (value === null || value === undefined) return 0;
  if (kind === 'euros') return formatNumber(Number(value) / 100, { minimumFractionDigits: 2 }).length + 2;
  if (kind === 'percent') return 9;
  if (kind === 'date') return 10;
  if (kind === 'decimal') return 8;
  return String(value).length;
}

function sheetNames(sheets: readonly TableSheet[]): string[] {
  const used = new Set<string>();
  return sheets.map((s) => {
    const base = s.name.replace(/[[\]:*?/\\]/g, '-').trim().slice(0, 31) || 'Tableau';
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

function addSheet(workbook: ExcelJS.Workbook, name: string, sheet: TableSheet): void {
  const { columns, rows } = sheet;
  if (columns.length === 0) throw new RangeError(`Le tableau « ${sheet.title} » n’a aucune colonne.`);
  const keys = new Set(columns.map((c) => c.key));
  if (keys.size !== columns.length) throw new RangeError(`Le tableau « ${sheet.title} » a deux colonnes de même clé.`);
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: TABLE_HEADER_ROW, xSplit: 0, topLeftCell: `A${TABLE_HEADER_ROW + 1}`, activeCell: `A${TABLE_HEADER_ROW + 1}` }] });

  ws.getCell('A1').value = sheet.title;
  ws.getCell('A1').font = TABLE_FONTS.title;
  if (sheet.subtitle) {
    ws.getCell('A2').value = sheet.subtitle;
    ws.getCell('A2').font = TABLE_FONTS.subtitle;
  }

  const header = ws.getRow(TABLE_HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = TABLE_FONTS.header;
    cell.fill = TABLE_FILLS.header;
    cell.alignment = { vertical: 'middle', wrapText: true, horizontal: c.kind === 'text' ? 'left' : 'right' };
  });

  rows.forEach((row, r) => {
    const excelRow = ws.getRow(TABLE_HEADER_ROW + 1 + r);
    columns.forEach((c, i) => {
      const cell = excelRow.getCell(i + 1);
      cell.value = cellValue(c.kind, row[c.key] ?? null, `« ${sheet.title} », ligne ${r + 1}, colonne « ${c.header} »`);
      cell.numFmt = TABLE_FORMATS[c.kind];
    });
  });

  const first = TABLE_HEADER_ROW + 1;
  const last = TABLE_HEADER_ROW + rows.length;
  const lastColumn = columnLetter(columns.length - 1);
  ws.autoFilter = { from: `A${TABLE_HEADER_ROW}`, to: `${lastColumn}${Math.max(last, TABLE_HEADER_ROW)}` };

  if (columns.some((c) => c.total)) {
    const totalsRow = ws.getRow(last + 1);
    const index = new Map(columns.map((c, i) => [c.key, i]));
    const sums = new Map<string, number>();
    const sumOf = (key: string) => {
      if (!sums.has(key)) sums.set(key, rows.reduce((s, row) => s + (typeof row[key] === 'number' ? (row[key] as number) : 0), 0));
      return sums.get(key)!;
    };
    const totalRef = (key: string, where: string) => {
      const i = index.get(key);
      const column = i === undefined ? undefined : columns[i];
      if (!column || column.total !== 'sum') throw new RangeError(`${where} : la colonne « ${key} » n’a pas de total.`);
      return `${columnLetter(i!)}${last + 1}`;
    };
    columns.forEach((c, i) => {
      const cell = totalsRow.getCell(i + 1);
      cell.font = TABLE_FONTS.totals;
      cell.fill = TABLE_FILLS.totals;
      cell.numFmt = TABLE_FORMATS[c.kind];
      const letter = columnLetter(i);
      if (c.total === 'sum') {
        if (c.kind !== 'euros' && c.kind !== 'integer' && c.kind !== 'decimal') throw new RangeError(`« ${c.header} » : seuls des euros ou des nombres s’additionnent.`);
        const total = sumOf(c.key);
        const result = c.kind === 'euros' ? total / 100 : total;
        cell.value = rows.length === 0 ? { formula: '0', result: 0 } : { formula: `SUM(${letter}${first}:${letter}${last})`, result };
      } else if (c.total) {
        if (c.kind !== 'percent') throw new RangeError(`« ${c.header} » : un ratio de totaux est un pourcentage.`);
        const num = totalRef(c.total.ratioOf, c.header);
        const den = totalRef(c.total.over, c.header);
        const d = sumOf(c.total.over);
        cell.value = { formula: `IF(${den}=0,"",${num}/${den})`, result: d === 0 ? '' : sumOf(c.total.ratioOf) / d };
      }
    });
    const labelCell = totalsRow.getCell(1);
    if (columns[0].total === undefined) {
      labelCell.value = sheet.totalLabel ?? 'Total';
      labelCell.numFmt = TABLE_FORMATS.text;
    }
  }

  columns.forEach((c, i) => {
    const longest = Math.max(c.header.length, ...rows.map((r) => displayLength(c.kind, r[c.key] ?? null)));
    ws.getColumn(i + 1).width = c.width ?? Math.min(60, Math.max(10, longest + 2));
  });
}

/** The workbook as .xlsx bytes, identical for identical data. */
export async function buildTableWorkbook(data: TableWorkbookData): Promise<Buffer> {
  const generatedAt = new Date(data.generatedAt);
  if (Number.isNaN(generatedAt.getTime())) throw new RangeError(`Date des données invalide : ${data.generatedAt}`);
  if (data.sheets.length === 0) throw new RangeError('Un classeur a au moins un tableau.');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CN2R Pilotage';
  workbook.lastModifiedBy = 'CN2R Pilotage';
  workbook.title = data.title ?? data.sheets[0].title;
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  const names = sheetNames(data.sheets);
  data.sheets.forEach((sheet, i) => addSheet(workbook, names[i], sheet));
  const bytes = await workbook.xlsx.writeBuffer();
  return stampZipDates(new Uint8Array(bytes as ArrayBuffer), generatedAt);
}

/** A safe French file name: `execution-2026-par-ligne.xlsx` from `Exécution 2026 par ligne`. */
export function tableFileName(title: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'tableau'}.xlsx`;
}
