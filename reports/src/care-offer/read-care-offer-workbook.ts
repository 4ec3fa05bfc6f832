import ExcelJS from 'exceljs';
import { CARE_OFFER_IMPORT_MAX_LINES } from '@cn2r/shared';
import { ZipFormatError, zipEntries } from '../zip/zip-directory.js';
import { WorkbookTooLarge, scanWorkbook, type WorkbookSheet } from '../zip/workbook-scan.js';
import { CARE_OFFER_SHEET } from './care-offer-workbook.js';

/**
 * Reads an uploaded care-offer workbook into text rows, as the CSV import reads its lines: the
 * sheet « Structures » when there is one, else the first visible sheet; each row that holds
 * something, with its number as Excel shows it. Cells become text: a date cell `YYYY-MM-DD`, a
 * number with a `.` decimal point, a link its text, a formula its cached result. The checks of
 * the structures are the server's (the same as for a CSV); nothing is interpreted here.
 *
 * Before exceljs loads anything, one streamed pass (`scanWorkbook`) refuses an archive that
 * inflates too much, holds too many cells, or more rows than an import takes.
 */

export interface CareOfferWorkbookRows {
  /** The sheet read, by its tab name. */
  readonly sheet: string;
  /** The rows holding something, header first: their number in the sheet and their cells as text. */
  readonly records: { readonly line: number; readonly fields: string[] }[];
}

/** The file cannot be read at all: nothing to report line by line. */
export class CareOfferWorkbookRefused extends Error {
  override readonly name = 'CareOfferWorkbookRefused';
  constructor(
    readonly reason: 'unsupported' | 'structure' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

/** Bytes of the workbook once unzipped. */
const MAX_UNZIPPED_BYTES = 30 * 1024 * 1024;
/** Cells of the whole workbook: the import's rows of 25 columns, besides the template's help sheet. */
export const CARE_OFFER_MAX_WORKBOOK_CELLS = (CARE_OFFER_IMPORT_MAX_LINES + 1) * 25 + 1_000;

const unreadable = () => new CareOfferWorkbookRefused('unsupported', 'Classeur Excel illisible (fichier endommagé ?) : enregistrez-le de nouveau au format .xlsx.');
const tooManyRows = () => new CareOfferWorkbookRefused('too_large', `Plus de ${CARE_OFFER_IMPORT_MAX_LINES} lignes : ${CARE_OFFER_IMPORT_MAX_LINES} lignes au plus par fichier.`);

/** The sheet read: « Structures » (accents and case aside), else the first visible one, else the first. */
function sheetIndex(sheets: readonly { name: string; state: string }[]): number {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();
  const named = sheets.findIndex((s) => fold(s.name) === fold(CARE_OFFER_SHEET));
  if (named >= 0) return named;
  const visible = sheets.findIndex((s) => s.state === 'visible');
  return visible >= 0 ? visible : 0;
}

/**
 * The checks that need no parse: the archive, and a streamed count of its cells and of the rows
 * holding something in the sheet read, stopped at the limits. Cheap and asynchronous: the server
 * runs it in the thread that serves HTTP before handing the file to the parsing thread.
 */
export async function checkCareOfferWorkbook(bytes: Uint8Array): Promise<void> {
  try {
    const unzipped = zipEntries(bytes).reduce((s, e) => s + e.uncompressedSize, 0);
    if (unzipped > MAX_UNZIPPED_BYTES) throw new CareOfferWorkbookRefused('too_large', 'Classeur trop volumineux une fois décompressé.');
  } catch (error) {
    if (error instanceof ZipFormatError) throw unreadable();
    throw error;
  }
  const watch = (sheets: readonly WorkbookSheet[]) => {
    const read = sheets[sheetIndex(sheets)];
    let rows = 0;
    let counted = 0;
    const watcher = {
      cell: (row: number, _column: number, filled: boolean) => {
        if (!filled || row === counted) return;
        counted = row;
        // The header and the structures.
        if (++rows > CARE_OFFER_IMPORT_MAX_LINES + 1) throw tooManyRows();
      },
    };
    return new Map(read ? [[read.path, watcher]] : []);
  };
  try {
    await scanWorkbook(bytes, { maxUnzippedBytes: MAX_UNZIPPED_BYTES, maxCells: CARE_OFFER_MAX_WORKBOOK_CELLS, watch });
  } catch (error) {
    if (error instanceof WorkbookTooLarge) {
      throw new CareOfferWorkbookRefused('too_large', error.limit === 'cells' ? `Classeur trop volumineux (plus de ${error.max} cellules) : gardez la seule feuille des structures.` : 'Classeur trop volumineux une fois décompressé.');
    }
    if (error instanceof ZipFormatError) throw unreadable();
    throw error;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a CSV would hold. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'VRAI' : 'FAUX';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return '';
}

/** Reads the workbook (after `checkCareOfferWorkbook`); throws CareOfferWorkbookRefused when it cannot be read at all. */
export async function readCareOfferWorkbook(bytes: Uint8Array): Promise<CareOfferWorkbookRows> {
  await checkCareOfferWorkbook(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw unreadable();
  }
  const sheet = workbook.worksheets[sheetIndex(workbook.worksheets)];
  if (!sheet) throw new CareOfferWorkbookRefused('structure', 'Le classeur n’a aucune feuille.');
  const records: { line: number; fields: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const fields: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) fields.push(cellText(row.getCell(c).value));
    if (fields.some((f) => f.trim() !== '')) records.push({ line, fields });
  });
  return { sheet: sheet.name, records };
}
