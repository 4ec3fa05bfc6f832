import ExcelJS from 'exceljs';
import { formatInstantFr } from '@cn2r/shared';
import {
  cellDisplayKind,
  cellNumber,
  editionText,
  submissionText,
  isEtpt,
  isSensitive,
  isSuppressed,
  tableNotes,
  suppressedText,
  type AnnualColumn,
  type AnnualDocument,
  type AnnualSection,
  type AnnualTable,
  type Derived,
} from './annual-document.js';
import { ANNUAL_ALIGN, ANNUAL_BORDER, ANNUAL_FILLS, ANNUAL_FONTS, ANNUAL_NUMBER_FORMATS } from './annual-styles.js';
import { stampZipDates } from '../zip/zip-directory.js';

/**
 * An annual report as a workbook: a contents sheet, then one sheet per section (title, narrative,
 * tables with a frozen header row, totals and computed columns as formulas without a cached
 * value, notes), printable on A4 fitted to the width with the header row repeated and page
 * numbers in the footer. Same document, same bytes: every date comes from `generatedAt`.
 */

export const CONTENTS_SHEET = 'Sommaire';
const TITLE_ROW = 1;
const NARRATIVE_ROW = 2;
const FIRST_TABLE_ROW = 4;

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

function derivedFormula(derived: Derived, row: number): string {
  const cell = (i: number) => `${columnLetter(i)}${row}`;
  if ('difference' in derived) return `IF(OR(${cell(derived.difference[0])}="",${cell(derived.difference[1])}=""),"",${cell(derived.difference[0])}-${cell(derived.difference[1])})`;
  if ('points' in derived) {
    const [a, b] = derived.points;
    return `IF(OR(ISNUMBER(${cell(a)})=FALSE,ISNUMBER(${cell(b)})=FALSE),"",(${cell(a)}-${cell(b)})*100)`;
  }
  const [a, b] = 'ratio' in derived ? derived.ratio : derived.change;
  const test = `IF(OR(ISNUMBER(${cell(a)})=FALSE,ISNUMBER(${cell(b)})=FALSE,${cell(b)}=0),""`;
  return 'ratio' in derived ? `${test},${cell(a)}/${cell(b)})` : `${test},(${cell(a)}-${cell(b)})/${cell(b)})`;
}

const TOTAL_FUNCTIONS = { sum: 'SUM', average: 'AVERAGE', median: 'MEDIAN' } as const;

type TableCellRole = 'header' | 'body' | 'total';
const ROLE_STYLES: Record<TableCellRole, Partial<ExcelJS.Style>> = {
  header: { font: ANNUAL_FONTS.header, fill: ANNUAL_FILLS.header, alignment: ANNUAL_ALIGN.header, border: ANNUAL_BORDER },
  body: { font: ANNUAL_FONTS.body, border: ANNUAL_BORDER },
  total: { font: ANNUAL_FONTS.total, fill: ANNUAL_FILLS.total, border: ANNUAL_BORDER },
};
const sharedStyles = new Map<string, Readonly<Partial<ExcelJS.Style>>>();

/**
 * One frozen style object per look of a table cell, given to every cell that has it. exceljs
 * finds a style it has seen by the object (a WeakMap), and otherwise renders its font, border and
 * fill as XML to look it up, for each of tens of thousands of cells: most of a large workbook's
 * time. The styles written are the same either way, so are the bytes.
 */
function tableStyle(role: TableCellRole, numFmt?: string, alignment?: 'wrap' | 'right'): Readonly<Partial<ExcelJS.Style>> {
  const key = `${role}|${numFmt ?? ''}|${alignment ?? ''}`;
  let style = sharedStyles.get(key);
  if (!style) {
    style = Object.freeze({ ...ROLE_STYLES[role], ...(numFmt !== undefined && { numFmt }), ...(alignment && { alignment: ANNUAL_ALIGN[alignment] }) });
    sharedStyles.set(key, style);
  }
  return style;
}

function styleHeader(cell: ExcelJS.Cell): void {
  cell.style = tableStyle('header') as ExcelJS.Style;
}

function derivedKind(column: AnnualColumn): string {
  if (column.derived && 'points' in column.derived) return ANNUAL_NUMBER_FORMATS.points;
  return column.derived && !('difference' in column.derived) ? ANNUAL_NUMBER_FORMATS.percent : ANNUAL_NUMBER_FORMATS[column.kind];
}

/** Writes a table from `startRow`; returns the header row and the next free row. */
function writeTable(sheet: ExcelJS.Worksheet, table: AnnualTable, startRow: number): { headerRow: number; nextRow: number } {
  let rowNumber = startRow;
  if (table.title) {
    const titleCell = sheet.getCell(rowNumber, 1);
    titleCell.value = table.title;
    titleCell.font = ANNUAL_FONTS.subtitle;
    rowNumber++;
  }
  const headerRow = rowNumber;
  table.columns.forEach((column, i) => {
    const cell = sheet.getCell(headerRow, i + 1);
    cell.value = column.header;
    styleHeader(cell);
  });
  sheet.getRow(headerRow).height = 30;
  rowNumber++;

  const firstDataRow = rowNumber;
  for (const row of table.rows) {
    const sheetRow = sheet.getRow(rowNumber);
    table.columns.forEach((column, i) => {
      const cell = sheetRow.getCell(i + 1);
      const value = row[i];
      if (column.derived) {
        cell.value = { formula: derivedFormula(column.derived, rowNumber) } as ExcelJS.CellFormulaValue;
        cell.style = tableStyle('body', derivedKind(column)) as ExcelJS.Style;
      } else if (isSuppressed(value)) {
        cell.value = suppressedText(value);
        cell.style = tableStyle('body', undefined, 'right') as ExcelJS.Style;
      } else if (typeof value === 'string') {
        cell.value = value;
        cell.style = tableStyle('body', undefined, 'wrap') as ExcelJS.Style;
      } else if (value !== null && (typeof value === 'number' || isEtpt(value) || isSensitive(value))) {
        const number = cellNumber(column.kind, value);
        cell.value = number;
        cell.style = tableStyle('body', ANNUAL_NUMBER_FORMATS[number === null ? column.kind : cellDisplayKind(column.kind, number)]) as ExcelJS.Style;
      } else cell.style = tableStyle('body') as ExcelJS.Style;
    });
    rowNumber++;
  }
  const lastDataRow = rowNumber - 1;

  if (table.totalLabel) {
    table.columns.forEach((column, i) => {
      const cell = sheet.getCell(rowNumber, i + 1);
      if (i === 0) {
        cell.value = table.totalLabel;
        cell.style = tableStyle('total') as ExcelJS.Style;
      } else if (column.derived) {
        cell.value = { formula: derivedFormula(column.derived, rowNumber) } as ExcelJS.CellFormulaValue;
        cell.style = tableStyle('total', derivedKind(column)) as ExcelJS.Style;
      } else if (column.total && lastDataRow >= firstDataRow) {
        const range = `${columnLetter(i)}${firstDataRow}:${columnLetter(i)}${lastDataRow}`;
        cell.value = { formula: `${TOTAL_FUNCTIONS[column.total]}(${range})` } as ExcelJS.CellFormulaValue;
        cell.style = tableStyle('total', ANNUAL_NUMBER_FORMATS[column.kind]) as ExcelJS.Style;
      } else cell.style = tableStyle('total') as ExcelJS.Style;
    });
    rowNumber++;
  }

  for (const note of tableNotes(table)) {
    const cell = sheet.getCell(rowNumber, 1);
    cell.value = note;
    cell.font = ANNUAL_FONTS.note;
    rowNumber++;
  }
  return { headerRow, nextRow: rowNumber + 1 };
}

function setupPrint(sheet: ExcelJS.Worksheet, document: AnnualDocument, landscape: boolean): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const edition = editionText(document.edition);
  sheet.headerFooter.oddFooter = `&L&8${document.title} ${document.year}${edition ? ` — ${edition}` : ''}&R&8Page &P / &N`;
  sheet.headerFooter.evenFooter = sheet.headerFooter.oddFooter;
}

function writeSection(workbook: ExcelJS.Workbook, document: AnnualDocument, section: AnnualSection): void {
  const sheet = workbook.addWorksheet(section.sheetName);
  const widest = section.tables.reduce((max, t) => Math.max(max, t.columns.length), 1);
  const widths: number[] = [];
  for (const table of section.tables) table.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.width ?? (i === 0 ? 36 : 14))));
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));

  const title = sheet.getCell(TITLE_ROW, 1);
  title.value = `${section.title} — ${document.year}`;
  title.font = ANNUAL_FONTS.title;
  const narrativeColumns = Math.max(widest, 4);
  if (section.narrative) {
    sheet.mergeCells(NARRATIVE_ROW, 1, NARRATIVE_ROW, narrativeColumns);
    const narrative = sheet.getCell(NARRATIVE_ROW, 1);
    narrative.value = section.narrative;
    narrative.alignment = ANNUAL_ALIGN.wrap;
    narrative.font = ANNUAL_FONTS.body;
    const chars = widths.slice(0, narrativeColumns).reduce((a, b) => a + b, 0) || 80;
    const lines = section.narrative.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil(p.length / (chars * 1.1))), 0);
    sheet.getRow(NARRATIVE_ROW).height = Math.max(15, lines * 15);
  }

  let row = FIRST_TABLE_ROW;
  let firstHeader: number | null = null;
  for (const table of section.tables) {
    const written = writeTable(sheet, table, row);
    firstHeader ??= written.headerRow;
    row = written.nextRow;
  }
  if (firstHeader !== null) {
    sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: firstHeader, topLeftCell: `A${firstHeader + 1}`, activeCell: `A${firstHeader + 1}` }];
    sheet.pageSetup.printTitlesRow = `${firstHeader}:${firstHeader}`;
  }
  setupPrint(sheet, document, widest > 7);
}

function writeContents(workbook: ExcelJS.Workbook, document: AnnualDocument): void {
  const sheet = workbook.addWorksheet(CONTENTS_SHEET);
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 60;
  sheet.getColumn(3).width = 28;
  sheet.getCell('A1').value = `${document.title} ${document.year}`;
  sheet.getCell('A1').font = ANNUAL_FONTS.title;
  sheet.getCell('A2').value = document.organisation;
  sheet.getCell('A2').font = ANNUAL_FONTS.subtitle;
  sheet.getCell('A3').value = `Données arrêtées le ${formatInstantFr(document.generatedAt, { date: 'long' })} (heure de Paris)`;
  sheet.getCell('A3').font = ANNUAL_FONTS.note;
  const edition = editionText(document.edition);
  if (edition) {
    const submission = submissionText(document.edition);
    sheet.getCell('A4').value = submission ? `${edition} — ${submission}` : edition;
    sheet.getCell('A4').font = { ...ANNUAL_FONTS.subtitle, bold: true, ...(document.edition?.status === 'draft' && { color: { argb: 'FFB00020' } }) };
  }
  const header = 5;
  ['N°', 'Section', 'Feuille'].forEach((label, i) => {
    const cell = sheet.getCell(header, i + 1);
    cell.value = label;
    styleHeader(cell);
  });
  document.sections.forEach((section, i) => {
    const row = header + 1 + i;
    sheet.getCell(row, 1).value = i + 1;
    sheet.getCell(row, 2).value = section.title;
    const link = sheet.getCell(row, 3);
    link.value = { text: section.sheetName, hyperlink: `#${quoteSheet(section.sheetName)}!A1` };
    link.font = ANNUAL_FONTS.link;
    for (let c = 1; c <= 3; c++) sheet.getCell(row, c).border = ANNUAL_BORDER;
  });
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: header, topLeftCell: `A${header + 1}`, activeCell: `A${header + 1}` }];
  setupPrint(sheet, document, false);
  sheet.pageSetup.printTitlesRow = `${header}:${header}`;
}

export async function writeAnnualWorkbook(document: AnnualDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const at = new Date(document.generatedAt);
  workbook.creator = 'CN2R Pilotage';
  workbook.lastModifiedBy = 'CN2R Pilotage';
  workbook.title = `${document.title} ${document.year}`;
  workbook.company = document.organisation;
  workbook.created = at;
  workbook.modified = at;
  workbook.calcProperties.fullCalcOnLoad = true;
  writeContents(workbook, document);
  for (const section of document.sections) writeSection(workbook, document, section);
  const bytes = await workbook.xlsx.writeBuffer();
  return stampZipDates(new Uint8Array(bytes as ArrayBuffer), at);
}
