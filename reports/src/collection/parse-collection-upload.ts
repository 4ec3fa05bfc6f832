import ExcelJS from 'exceljs';
import { COLLECTION_UPLOAD_MAX_BYTES, COLLECTION_UPLOAD_MAX_CELLS, formatNumber, parseEnteredValue, type ParsedValue, type ValueType } from '@cn2r/shared';
import {
  CODE_COLUMN,
  CSV_COLUMNS,
  CSV_LOCATION,
  FIRST_DATA_ROW,
  FIRST_PERIOD_COLUMN,
  FIXED_COLUMNS,
  HEADER_ROW,
  METADATA_ROWS,
  METADATA_SHEET,
  OPTION_COLUMN,
  PERIOD_SHEETS,
  PERIOD_SHEET_ORDER,
  TEMPLATE_FORMAT,
  TEMPLATE_VERSION,
  columnLetter,
  locationOf,
  periodHeader,
  periodOfCsv,
  periodOfHeader,
} from './collection-layout.js';
import { ZipFormatError, zipEntries } from '../zip/zip-directory.js';
import { WorkbookTooLarge, scanWorkbook, type SheetWatcher } from '../zip/workbook-scan.js';

/**
 * Reads a filled collection file: the Excel template (any version of it this code can read) or
 * the CSV alternative (`indicateur;modalite;periode;valeur`). It knows the layout, not the
 * catalogue: the server checks codes, periods, types and bounds against the database.
 */

/** What a cell held, before it is read as the indicator's type: a number typed in Excel stays a number. */
export type RawValue = string | number | boolean | null;

export interface UploadCell {
  /** The sheet name, or « Fichier CSV ». */
  readonly sheet: string;
  readonly row: number;
  /** The column letter (for CSV, the « valeur » column: D). */
  readonly column: string;
  readonly indicatorCode: string;
  readonly optionCode: string | null;
  readonly period: string;
  readonly raw: RawValue;
}

export interface UploadProblem {
  readonly location: string;
  readonly message: string;
}

export interface ParsedCollectionUpload {
  readonly format: 'xlsx' | 'csv';
  /** From the metadata sheet; null for a CSV, which names no unit. */
  readonly unitCode: string | null;
  readonly year: number | null;
  /** When the template's data was read (ISO); null for a CSV. */
  readonly asOf: string | null;
  readonly cells: UploadCell[];
  readonly problems: UploadProblem[];
}

export type UploadRefusalReason = 'too_large' | 'unsupported' | 'corrupt' | 'structure';

/** The whole file is refused: nothing in it is read. The message is French and says what to do. */
export class CollectionUploadRefused extends Error {
  override readonly name = 'CollectionUploadRefused';
  constructor(
    readonly reason: UploadRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

export interface UploadLimits {
  /** Largest file, in bytes (5 MB). */
  readonly maxBytes: number;
  /** Most value cells read (`COLLECTION_UPLOAD_MAX_CELLS`, 50 000). */
  readonly maxCells: number;
  /** Largest total size of the workbook once unzipped (100 MB): a small archive can inflate enormously. */
  readonly maxUnzippedBytes: number;
  /**
   * Most cells of any kind in the whole workbook, read or not (400 000): the fixed columns, the
   * guide, a sheet added by hand all cost exceljs memory. A template holding `maxCells` values has
   * far fewer (at worst 7 cells per value: the six fixed columns and one period).
   */
  readonly maxWorkbookCells: number;
}

/** The API's limits (shared/src/schemas/collection-import.ts), and the unzipped size. */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: COLLECTION_UPLOAD_MAX_BYTES,
  maxCells: COLLECTION_UPLOAD_MAX_CELLS,
  maxUnzippedBytes: 100 * 1024 * 1024,
  maxWorkbookCells: 400_000,
};

const fr = (n: number) => formatNumber(n);

/** The location of a cell in a French sentence: « Feuille Trimestres, ligne 12, colonne G ». */
export function cellLocation(cell: Pick<UploadCell, 'sheet' | 'row' | 'column'>): string {
  return locationOf(cell.sheet, cell.row, cell.column);
}

/**
 * A raw cell read as an indicator's type, with the form's own French checks: text typed in a cell
 * (« 1 234 », « 12,5 », « oui ») goes through `parseEnteredValue`; a number typed in Excel stays
 * that number (its type and bounds are checked after, as for the form).
 */
export function valueFromRaw(raw: RawValue, valueType: ValueType): ParsedValue {
  if (raw === null) return { ok: true, value: null };
  if (typeof raw === 'string') return parseEnteredValue(raw, valueType);
  if (typeof raw === 'boolean') {
    return valueType === 'boolean' ? { ok: true, value: raw } : valueType === 'text' ? { ok: true, value: raw ? 'oui' : 'non' } : parseEnteredValue(raw ? 'oui' : 'non', valueType);
  }
  if (valueType === 'text') return { ok: true, value: String(raw) };
  if (valueType === 'boolean') return raw === 1 ? { ok: true, value: true } : raw === 0 ? { ok: true, value: false } : parseEnteredValue(String(raw), valueType);
  return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, message: 'Nombre attendu.' };
}

// ---- Format detection ----

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46];

/**
 * Parses an uploaded file. Throws CollectionUploadRefused when the file as a whole cannot be read
 * (not a workbook nor a CSV, damaged, too big, not built from the template); cell-level problems
 * come back in `problems`, each located.
 */
export async function parseCollectionUpload(bytes: Uint8Array, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): Promise<ParsedCollectionUpload> {
  checkSize(bytes, limits);
  if (startsWith(bytes, ZIP)) return parseWorkbook(bytes, limits);
  if (startsWith(bytes, OLE)) {
    throw new CollectionUploadRefused(
      'unsupported',
      'Classeur Excel ancien (.xls) ou protégé par un mot de passe : enregistrez-le au format .xlsx, sans mot de passe, ou utilisez le modèle téléchargé.',
    );
  }
  if (startsWith(bytes, PDF)) throw new CollectionUploadRefused('unsupported', 'Un PDF ne peut pas être importé : envoyez le classeur .xlsx ou un fichier CSV.');
  const text = decodeText(bytes);
  if (text === null) {
    throw new CollectionUploadRefused('unsupported', 'Ce fichier n’est ni un classeur Excel (.xlsx) ni un fichier CSV : utilisez le modèle téléchargé ou le format CSV décrit dans son mode d’emploi.');
  }
  return parseCsv(text, limits);
}

/**
 * The checks that need no parse, alone: the file's size, and for a workbook its archive and a
 * streamed count of its cells that stops at the limits (see `scanWorkbook`). Throws
 * CollectionUploadRefused as `parseCollectionUpload` would; a file that passes may still be
 * refused by the parse. Asynchronous and cheap (a few milliseconds for a template, at most the
 * reading of `maxCells` cells for an oversized one), it lets the server refuse a huge workbook at
 * once, in its own thread, before handing the file to the parsing thread.
 */
export async function checkCollectionUpload(bytes: Uint8Array, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): Promise<void> {
  checkSize(bytes, limits);
  if (startsWith(bytes, ZIP)) await checkWorkbook(bytes, limits);
}

function checkSize(bytes: Uint8Array, limits: UploadLimits): void {
  if (bytes.length > limits.maxBytes) {
    throw new CollectionUploadRefused('too_large', `Fichier trop volumineux (${fr(Math.ceil(bytes.length / 1024))} Ko) : ${fr(limits.maxBytes / 1024 / 1024)} Mo au plus.`);
  }
  if (bytes.length === 0) throw new CollectionUploadRefused('unsupported', 'Le fichier est vide.');
}

/** UTF-8 text without NUL bytes, BOM removed; null when the bytes are not that (binary, or another encoding). */
function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text;
  } catch {
    // Valid Windows-1252 text (Excel's « CSV (séparateur : point-virgule) ») is not valid UTF-8.
    if (looksLikeText(bytes)) {
      throw new CollectionUploadRefused(
        'unsupported',
        'Le fichier CSV n’est pas encodé en UTF-8 : dans Excel, enregistrez-le au format « CSV UTF-8 (délimité par des virgules) », ou dans LibreOffice choisissez le jeu de caractères Unicode (UTF-8).',
      );
    }
    return null;
  }
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  return control === 0;
}

// ---- CSV ----

/** Splits CSV text into records of fields: `;` separators, `"` quoting with `""` escapes, CRLF or LF line ends. */
export function csvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ';') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}

const normalizeHeader = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/** A spreadsheet's guard against formulas (`'=…`) is taken off what was typed. */
const unguard = (s: string) => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);

function parseCsv(text: string, limits: UploadLimits): ParsedCollectionUpload {
  const records = csvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const expected = CSV_COLUMNS.join(';');
  if (records.length === 0) throw new CollectionUploadRefused('structure', `Le fichier CSV est vide : la première ligne doit être « ${expected} ».`);
  const [header, ...rows] = records;
  if (header.fields.length === 1 && header.fields[0].includes(',')) {
    throw new CollectionUploadRefused('structure', `${CSV_LOCATION}, ligne ${header.line} : séparateur « ; » attendu (le fichier utilise des virgules). Première ligne attendue : « ${expected} ».`);
  }
  const names = header.fields.map(normalizeHeader);
  if (names.length !== CSV_COLUMNS.length || names.some((n, i) => n !== CSV_COLUMNS[i])) {
    throw new CollectionUploadRefused('structure', `${CSV_LOCATION}, ligne ${header.line} : en-tête « ${expected} » attendu, « ${header.fields.join(';')} » trouvé.`);
  }
  if (rows.length > limits.maxCells) {
    throw new CollectionUploadRefused('too_large', `Trop de valeurs dans le fichier (${fr(rows.length)}) : ${fr(limits.maxCells)} au plus par import.`);
  }

  const cells: UploadCell[] = [];
  const problems: UploadProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    const where = locationOf(CSV_LOCATION, line);
    if (fields.length !== CSV_COLUMNS.length) {
      problems.push({ location: where, message: `${CSV_COLUMNS.length} champs séparés par « ; » attendus, ${fields.length} trouvé${fields.length > 1 ? 's' : ''}.` });
      continue;
    }
    const [code, option, periodText, value] = fields.map((f) => unguard(f.trim()));
    if (!code) {
      problems.push({ location: where, message: 'Code de l’indicateur manquant (colonne « indicateur »).' });
      continue;
    }
    const period = periodOfCsv(periodText);
    if (!period) {
      problems.push({ location: where, message: `Période « ${periodText} » invalide : AAAA (année), AAAA-T1 à AAAA-T4 (trimestre) ou AAAA-MM (mois) attendu.` });
      continue;
    }
    const key = `${code.toUpperCase()}|${option}|${period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ location: where, message: `Valeur en double : déjà donnée ligne ${first} pour le même indicateur, la même modalité et la même période.` });
      continue;
    }
    seen.set(key, line);
    cells.push({ sheet: CSV_LOCATION, row: line, column: columnLetter(4), indicatorCode: code.toUpperCase(), optionCode: option || null, period, raw: value === '' ? null : value });
  }
  return { format: 'csv', unitCode: null, year: null, asOf: null, cells, problems };
}

// ---- Workbook ----

function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).trim();
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value && value.result !== undefined && value.result !== null && typeof value.result !== 'object') return String(value.result).trim();
  return '';
}

type CellReading = { ok: true; raw: RawValue } | { ok: false; message: string };

/** What one input cell holds, for the import: formulas count by their computed result. */
function readCell(cell: ExcelJS.Cell): CellReading {
  let value: ExcelJS.CellValue = cell.value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return { ok: false, message: 'Formule sans résultat calculé : saisissez la valeur elle-même.' };
    value = result as ExcelJS.CellValue;
  }
  if (value === null || value === undefined) return { ok: true, raw: null };
  if (typeof value === 'number') return { ok: true, raw: value };
  if (typeof value === 'boolean') return { ok: true, raw: value };
  if (typeof value === 'string') return { ok: true, raw: value.trim() === '' ? null : value.trim() };
  if (value instanceof Date) return { ok: false, message: 'Le tableur a lu une date : saisissez un nombre (par exemple 12 ou 12,5), sans « / ».' };
  if ('error' in value) return { ok: false, message: `Erreur du tableur ${value.error} : saisissez une valeur.` };
  const text = textOf(value);
  return { ok: true, raw: text === '' ? null : text };
}

function checkZip(bytes: Uint8Array, limits: UploadLimits): void {
  let entries;
  try {
    entries = zipEntries(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError) {
      throw new CollectionUploadRefused('corrupt', 'Le classeur est endommagé ou incomplet (archive illisible) : enregistrez-le de nouveau au format .xlsx puis réessayez.');
    }
    throw error;
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw new CollectionUploadRefused('unsupported', 'Cette archive ZIP n’est pas un classeur Excel (.xlsx).');
  }
  const unzipped = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unzipped > limits.maxUnzippedBytes) {
    throw new CollectionUploadRefused('too_large', `Classeur trop volumineux une fois décompressé (${fr(Math.round(unzipped / 1024 / 1024))} Mo) : utilisez le modèle téléchargé, sans données ajoutées.`);
  }
}

/**
 * The archive (directory, declared sizes), then one streamed pass over it: the bytes actually
 * inflated, every cell of every sheet (`maxWorkbookCells`), and on the period sheets the cells the
 * parse would read — rows from FIRST_DATA_ROW down to the last one, times the period headers of
 * HEADER_ROW, as counted after the parse below. The pass stops as soon as a count is over its limit.
 */
async function checkWorkbook(bytes: Uint8Array, limits: UploadLimits): Promise<void> {
  checkZip(bytes, limits);
  const periodSheets = new Set(Object.values(PERIOD_SHEETS));
  const estimates: number[] = [];
  const watch = (sheets: readonly { name: string; path: string }[]) =>
    new Map(
      sheets
        .filter((s) => periodSheets.has(s.name))
        .map((s): [string, SheetWatcher] => {
          const index = estimates.push(0) - 1;
          let periods = 0;
          let lastRow = 0;
          return [
            s.path,
            {
              cell: (row, column, filled) => {
                if (row === HEADER_ROW && column >= FIRST_PERIOD_COLUMN && filled) periods++;
              },
              row: (row) => {
                lastRow = Math.max(lastRow, row);
                estimates[index] = Math.max(0, lastRow - FIRST_DATA_ROW + 1) * periods;
                if (estimates.reduce((a, b) => a + b, 0) > limits.maxCells) {
                  throw new CollectionUploadRefused('too_large', `Trop de cellules à lire (plus de ${fr(limits.maxCells)}) : ${fr(limits.maxCells)} au plus par import.`);
                }
              },
            },
          ];
        }),
    );
  try {
    await scanWorkbook(bytes, { maxUnzippedBytes: limits.maxUnzippedBytes, maxCells: limits.maxWorkbookCells, watch });
  } catch (error) {
    if (error instanceof WorkbookTooLarge) {
      throw new CollectionUploadRefused(
        'too_large',
        error.limit === 'cells'
          ? `Classeur trop volumineux (plus de ${fr(error.max)} cellules) : utilisez le modèle téléchargé, sans données ajoutées.`
          : `Classeur trop volumineux une fois décompressé (plus de ${fr(Math.round(error.max / 1024 / 1024))} Mo) : utilisez le modèle téléchargé, sans données ajoutées.`,
      );
    }
    if (error instanceof ZipFormatError) {
      throw new CollectionUploadRefused('corrupt', 'Le classeur est endommagé et ne peut pas être lu : enregistrez-le de nouveau au format .xlsx puis réessayez.');
    }
    throw error;
  }
}

function readMetadata(workbook: ExcelJS.Workbook): { unitCode: string; year: number; asOf: string | null } {
  const sheet = workbook.getWorksheet(METADATA_SHEET);
  const missing = `Ce classeur n’est pas le modèle de saisie de CN2R Pilotage (feuille « ${METADATA_SHEET} » absente ou modifiée) : téléchargez le modèle du centre et de l’année, ou utilisez le format CSV.`;
  if (!sheet) throw new CollectionUploadRefused('structure', missing);
  const values = new Map<string, string>();
  sheet.eachRow((row) => values.set(textOf(row.getCell(1).value), textOf(row.getCell(2).value)));
  if (values.get(METADATA_ROWS.format) !== TEMPLATE_FORMAT) throw new CollectionUploadRefused('structure', missing);
  const version = Number(values.get(METADATA_ROWS.version));
  if (!Number.isInteger(version) || version < 1 || version > TEMPLATE_VERSION) {
    throw new CollectionUploadRefused('structure', `Version de modèle inconnue (${values.get(METADATA_ROWS.version) || 'absente'}) : téléchargez un nouveau modèle.`);
  }
  const unitCode = values.get(METADATA_ROWS.unitCode) ?? '';
  const year = Number(values.get(METADATA_ROWS.year));
  if (!unitCode || !Number.isInteger(year)) throw new CollectionUploadRefused('structure', missing);
  const asOf = values.get(METADATA_ROWS.asOf) ?? '';
  return { unitCode, year, asOf: asOf && !Number.isNaN(Date.parse(asOf)) ? new Date(asOf).toISOString() : null };
}

async function parseWorkbook(bytes: Uint8Array, limits: UploadLimits): Promise<ParsedCollectionUpload> {
  await checkWorkbook(bytes, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; at run time it hands it to JSZip, which reads a Node Buffer as well.
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(input as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new CollectionUploadRefused('corrupt', 'Le classeur est endommagé et ne peut pas être lu : enregistrez-le de nouveau au format .xlsx puis réessayez.');
  }
  const { unitCode, year, asOf } = readMetadata(workbook);

  const sheets = PERIOD_SHEET_ORDER.map((type) => ({ type, sheet: workbook.getWorksheet(PERIOD_SHEETS[type]) })).filter(
    (s): s is { type: (typeof PERIOD_SHEET_ORDER)[number]; sheet: ExcelJS.Worksheet } => s.sheet !== undefined,
  );
  if (sheets.length === 0) {
    throw new CollectionUploadRefused('structure', `Aucune feuille de saisie trouvée (${PERIOD_SHEET_ORDER.map((t) => `« ${PERIOD_SHEETS[t]} »`).join(', ')}) : ne renommez pas les feuilles du modèle.`);
  }

  // Structure first, for every sheet, before any cell is read.
  const layouts = sheets.map(({ type, sheet }) => {
    const header = sheet.getRow(HEADER_ROW);
    FIXED_COLUMNS.forEach((title, i) => {
      const found = textOf(header.getCell(i + 1).value);
      if (found !== title) {
        throw new CollectionUploadRefused(
          'structure',
          `${locationOf(sheet.name, HEADER_ROW, columnLetter(i + 1))} : en-tête « ${title} » attendu, ${found ? `« ${found} » trouvé` : 'cellule vide'}. Ne modifiez pas les colonnes A à F du modèle.`,
        );
      }
    });
    const periods: { column: number; period: string }[] = [];
    for (let column = FIRST_PERIOD_COLUMN; column <= Math.max(sheet.columnCount, FIRST_PERIOD_COLUMN); column++) {
      const found = textOf(header.getCell(column).value);
      if (!found) continue;
      const period = periodOfHeader(found, year, type);
      if (!period) {
        throw new CollectionUploadRefused(
          'structure',
          `${locationOf(sheet.name, HEADER_ROW, columnLetter(column))} : en-tête « ${found} » inattendu (une période de ${year} attendue, par exemple « ${periodHeader(defaultPeriod(year, type))} »).`,
        );
      }
      if (periods.some((p) => p.period === period)) {
        throw new CollectionUploadRefused('structure', `${locationOf(sheet.name, HEADER_ROW, columnLetter(column))} : la période « ${found} » apparaît deux fois.`);
      }
      periods.push({ column, period });
    }
    return { sheet, periods };
  });
  const cellCount = layouts.reduce((sum, { sheet, periods }) => sum + Math.max(0, sheet.rowCount - FIRST_DATA_ROW + 1) * periods.length, 0);
  if (cellCount > limits.maxCells) {
    throw new CollectionUploadRefused('too_large', `Trop de cellules à lire (${fr(cellCount)}) : ${fr(limits.maxCells)} au plus par import.`);
  }

  const cells: UploadCell[] = [];
  const problems: UploadProblem[] = [];
  for (const { sheet, periods } of layouts) {
    const seen = new Map<string, number>();
    for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const code = textOf(row.getCell(CODE_COLUMN).value).toUpperCase();
      const option = textOf(row.getCell(OPTION_COLUMN).value) || null;
      const readings = periods.map(({ column, period }) => ({ column, period, reading: readCell(row.getCell(column)) }));
      const hasContent = readings.some(({ reading }) => !reading.ok || reading.raw !== null);
      if (!code) {
        if (hasContent) problems.push({ location: locationOf(sheet.name, r, columnLetter(CODE_COLUMN)), message: 'Code de l’indicateur manquant : cette ligne ne peut pas être lue.' });
        continue;
      }
      const key = `${code}|${option ?? ''}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ location: locationOf(sheet.name, r, columnLetter(CODE_COLUMN)), message: `Ligne en double : ${code}${option ? ` / ${option}` : ''} figure déjà ligne ${first}.` });
        continue;
      }
      seen.set(key, r);
      for (const { column, period, reading } of readings) {
        const letter = columnLetter(column);
        if (!reading.ok) {
          problems.push({ location: locationOf(sheet.name, r, letter), message: reading.message });
          continue;
        }
        cells.push({ sheet: sheet.name, row: r, column: letter, indicatorCode: code, optionCode: option, period, raw: reading.raw });
      }
    }
  }
  return { format: 'xlsx', unitCode, year, asOf, cells, problems };
}

function defaultPeriod(year: number, type: (typeof PERIOD_SHEET_ORDER)[number]): string {
  return type === 'year' ? String(year) : type === 'quarter' ? `${year}-Q1` : `${year}-01`;
}
