import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
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

/** What a sheet needs before its first row: a streamed sheet writes it first. */
interface SheetSetup {
  readonly views: Partial<ExcelJS.WorksheetView>[];
  readonly pageSetup: Partial<ExcelJS.PageSetup>;
  readonly headerFooter: Partial<ExcelJS.HeaderFooter>;
}

/** A new sheet of the workbook with its views, page setup and footer (see `AnnualWorkbookFormat`). */
type OpenSheet = (name: string, setup: SheetSetup) => ExcelJS.Worksheet;

function printSetup(document: AnnualDocument, landscape: boolean, headerRow: number | null): Pick<SheetSetup, 'pageSetup' | 'headerFooter'> {
  const edition = editionText(document.edition);
  const footer = `&L&8${document.title} ${document.year}${edition ? ` — ${edition}` : ''}&R&8Page &P / &N`;
  return {
    pageSetup: {
      paperSize: 9,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(headerRow !== null && { printTitlesRow: `${headerRow}:${headerRow}` }),
    },
    headerFooter: { oddFooter: footer, evenFooter: footer },
  };
}

/** Frozen above the first header row, the cell under it active. */
const frozenAt = (headerRow: number): Partial<ExcelJS.WorksheetView>[] => [
  { state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` },
];

function writeSection(open: OpenSheet, document: AnnualDocument, section: AnnualSection): void {
  const widest = section.tables.reduce((max, t) => Math.max(max, t.columns.length), 1);
  const widths: number[] = [];
  for (const table of section.tables) table.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.width ?? (i === 0 ? 36 : 14))));
  const first = section.tables[0];
  const firstHeader = first ? FIRST_TABLE_ROW + (first.title ? 1 : 0) : null;
  const sheet = open(section.sheetName, { views: firstHeader === null ? [] : frozenAt(firstHeader), ...printSetup(document, widest > 7, firstHeader) });
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
  for (const table of section.tables) row = writeTable(sheet, table, row).nextRow;
}

function writeContents(open: OpenSheet, document: AnnualDocument): void {
  const header = 5;
  const sheet = open(CONTENTS_SHEET, { views: frozenAt(header), ...printSetup(document, false, header) });
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
}

/**
 * How the workbook is written; stored with each official version, whose verification rebuilds
 * its files byte for byte with the same format.
 * - 1: built in memory, then zipped by exceljs through JSZip (versions generated until December 2026).
 * - 2: streamed, each sheet written as it is filled and zipped by Node's zlib (about half the time
 *   of 1 on a large network, README « Performances »). Same cells, styles, formulas, merges, views,
 *   page setup and properties (a spec reads both back and compares them); other bytes.
 */
export type AnnualWorkbookFormat = 1 | 2;
/** The format of the workbooks built now. */
export const ANNUAL_WORKBOOK_FORMAT: AnnualWorkbookFormat = 2;

function setProperties(workbook: { creator: string; lastModifiedBy: string; title: string; company: string; created: Date; modified: Date }, document: AnnualDocument, at: Date): void {
  workbook.creator = 'CN2R Pilotage';
  workbook.lastModifiedBy = 'CN2R Pilotage';
  workbook.title = `${document.title} ${document.year}`;
  workbook.company = document.organisation;
  workbook.created = at;
  workbook.modified = at;
}

function writeSheets(open: OpenSheet, document: AnnualDocument): void {
  writeContents(open, document);
  for (const section of document.sections) writeSection(open, document, section);
}

async function writeInMemory(document: AnnualDocument, at: Date): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  setProperties(workbook, document, at);
  workbook.calcProperties.fullCalcOnLoad = true;
  writeSheets((name, setup) => {
    const sheet = workbook.addWorksheet(name);
    sheet.views = setup.views;
    sheet.pageSetup = { ...sheet.pageSetup, ...setup.pageSetup };
    Object.assign(sheet.headerFooter, setup.headerFooter);
    return sheet;
  }, document);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

// exceljs's streaming writer writes workbook.xml without calculation properties and app.xml
// without the company: its own two parts, written with its own transforms, with them.
const require = createRequire(import.meta.url);
type Xform = new () => { prepare?(model: unknown): void; toXml(model: unknown): string };
const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform.js') as Xform;
const AppXform = require('exceljs/lib/xlsx/xform/core/app-xform.js') as Xform;
interface StreamingInternals {
  readonly zip: { append(text: string, entry: { name: string }): void };
  readonly _worksheets: unknown[];
  readonly _definedNames: { model: unknown };
  readonly views: unknown[];
  addWorkbook(): Promise<void>;
  addApp(): Promise<void>;
}

async function writeStreamed(document: AnnualDocument, at: Date): Promise<Uint8Array> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  const company = document.organisation;
  setProperties(workbook as unknown as Parameters<typeof setProperties>[0], document, at);
  const internals = workbook as unknown as StreamingInternals;
  internals.addWorkbook = async () => {
    const model = { worksheets: internals._worksheets.filter(Boolean), definedNames: internals._definedNames.model, views: internals.views, properties: {}, calcProperties: { fullCalcOnLoad: true } };
    const xform = new WorkbookXform();
    xform.prepare!(model);
    internals.zip.append(xform.toXml(model), { name: '/xl/workbook.xml' });
  };
  internals.addApp = async () => {
    internals.zip.append(new AppXform().toXml({ worksheets: internals._worksheets.filter(Boolean), company }), { name: 'docProps/app.xml' });
  };
  const sheets: ExcelJS.Worksheet[] = [];
  writeSheets((name, setup) => {
    // The previous sheet is complete: written out (and its rows freed) now.
    sheets.at(-1)?.commit();
    const sheet = workbook.addWorksheet(name, setup) as unknown as ExcelJS.Worksheet;
    sheets.push(sheet);
    return sheet;
  }, document);
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** The workbook's bytes: the same document and format give the same bytes (every date from `generatedAt`). */
export async function writeAnnualWorkbook(document: AnnualDocument, format: AnnualWorkbookFormat = ANNUAL_WORKBOOK_FORMAT): Promise<Buffer> {
  const at = new Date(document.generatedAt);
  const bytes = format === 1 ? await writeInMemory(document, at) : await writeStreamed(document, at);
  return stampZipDates(bytes, at);
}
