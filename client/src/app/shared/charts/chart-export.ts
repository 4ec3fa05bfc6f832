import type { DataTable, ValueKind } from './chart-model';
import { formatValue } from './french-format';

/** The unit a column header carries in an export, so the numbers stay plain numbers. */
const unitSuffix: Record<ValueKind, string> = { count: '', decimal: '', cents: ' (€)', basisPoints: ' (%)' };

/** A value for a spreadsheet: euros from cents, percent from basis points, counts as they are. */
export function exportNumber(kind: ValueKind, value: number): number {
  if (kind === 'cents') return value / 100;
  if (kind === 'basisPoints') return value / 100;
  return value;
}

/** A number as a French spreadsheet reads it from CSV: decimal comma, no thousands separator. */
function csvNumber(kind: ValueKind, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  const number = exportNumber(kind, value);
  const text = kind === 'cents' ? number.toFixed(2) : String(Math.round(number * 10000) / 10000);
  return text.replace('.', ',');
}

function csvCell(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header of each column, with its unit when every row shares the table’s kind. */
function headers(table: DataTable): string[] {
  const mixed = table.rows.some((row) => row.kind !== undefined && row.kind !== table.kind);
  const suffix = mixed ? '' : unitSuffix[table.kind];
  return [table.rowHeader, ...table.columns.map((column) => `${column}${suffix}`)];
}

/**
 * The table as CSV for a French spreadsheet: UTF-8 with a byte-order mark, `;` between fields,
 * decimal commas, CRLF line ends. Rows of their own kind (key figures) carry the unit in their label.
 */
export function tableToCsv(table: DataTable): string {
  const lines = [headers(table).map(csvCell).join(';')];
  for (const row of table.rows) {
    const kind = row.kind ?? table.kind;
    const label = row.kind && row.kind !== table.kind ? `${row.label}${unitSuffix[kind]}` : row.label;
    lines.push([csvCell(label), ...row.values.map((value) => csvNumber(kind, value))].join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const excelFormats: Record<ValueKind, string> = {
  count: '#,##0',
  decimal: '#,##0.00',
  cents: '#,##0.00 "€"',
  basisPoints: '0.00 %',
};

/** A spreadsheet cell value: percent as a fraction (Excel’s % format multiplies by 100). */
function excelValue(kind: ValueKind, value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return kind === 'basisPoints' ? value / 10000 : exportNumber(kind, value);
}

/** Excel sheet names: 31 characters at most, without : \ / ? * [ ]. */
export function sheetName(caption: string): string {
  return caption.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Données';
}

/**
 * The table as an xlsx workbook (one sheet, bold frozen header, French number formats). exceljs is
 * loaded only now, with a dynamic import, so it stays out of the dashboards’ bundles until an export.
 */
export async function tableToXlsx(table: DataTable): Promise<Blob> {
  const exceljs = await import('exceljs');
  // The browser build of exceljs is CommonJS: its classes may sit under `default`.
  const Workbook = exceljs.Workbook ?? (exceljs as unknown as { default: typeof exceljs }).default.Workbook;
  const workbook = new Workbook();
  workbook.creator = 'CN2R Pilotage';
  const sheet = workbook.addWorksheet(sheetName(table.caption), { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([table.caption]).font = { bold: true, size: 12 };
  const header = sheet.addRow(headers(table));
  header.font = { bold: true };
  for (const row of table.rows) {
    const kind = row.kind ?? table.kind;
    const line = sheet.addRow([row.label, ...row.values.map((value) => excelValue(kind, value))]);
    line.eachCell((cell, column) => {
      if (column > 1) cell.numFmt = excelFormats[kind];
    });
  }
  sheet.getColumn(1).width = Math.min(50, Math.max(14, ...table.rows.map((row) => row.label.length + 2)));
  for (let i = 2; i <= table.columns.length + 1; i++) sheet.getColumn(i).width = Math.max(14, (table.columns[i - 2]?.length ?? 0) + 6);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** A file name from a caption: lower case, no accents, dashes. */
export function exportFileName(caption: string, extension: 'csv' | 'xlsx'): string {
  const slug = caption
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'donnees'}.${extension}`;
}

/** Hands a file to the browser’s download. */
export function downloadFile(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The value of a table cell as shown on screen. */
export const cellText = (kind: ValueKind, value: number | null) => formatValue(kind, value);
