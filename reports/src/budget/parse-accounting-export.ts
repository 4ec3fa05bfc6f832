import ExcelJS from 'exceljs';
import type { PaymentKind } from '@cn2r/shared';
import { ZipFormatError, zipEntries } from '../zip/zip-directory.js';
import { WorkbookTooLarge, scanWorkbook, type WorkbookSheet } from '../zip/workbook-scan.js';

/**
 * Reads an accounting export (commitments, payments and receipts) from a CSV file or an Excel workbook.
 *
 * Format (documented in the README): one header row, then one entry per row. Column names are
 * matched without regard to case or accents, in any order:
 *
 * | Column | Content |
 * |---|---|
 * | `date` | `JJ/MM/AAAA` or `AAAA-MM-JJ` (an Excel date cell too) |
 * | `ligne` | the budget line code of the year (`FONC-COURANT`); empty for a receipt |
 * | `type` | `engagement`, `paiement` or `recette` (cash collected from a funding source) |
 * | `source` | for a receipt, the funding source code (`MIG-H15`) |
 * | `tiers` | the third party (required for a commitment) |
 * | `objet` | what it is for (required for a commitment) |
 * | `reference` | the accounting reference, required and unique: a re-import is refused line by line |
 * | `montant` | positive, in euros: `1 234,56`, `1234,56`, `1234.56` (an Excel number too) |
 * | `engagement` | for a payment, the reference of its commitment (in the file or already recorded), optional |
 * | `nature_paiement` | for a payment: `facture` (default), `paie`, `remboursement`, `autre` |
 *
 * CSV: `;` separators, `"` quoting, UTF-8 with or without BOM. Excel: the first sheet. Pure: the
 * server checks codes, references and credits against the database.
 */

export type AccountingEntryKind = 'commitment' | 'payment' | 'receipt';

export interface AccountingExportEntry {
  /** « Fichier CSV, ligne 4 » or « Feuille Export, ligne 4 ». */
  readonly location: string;
  readonly kind: AccountingEntryKind;
  readonly date: string;
  /** Empty for a receipt. */
  readonly lineCode: string;
  /** The funding source of a receipt; null otherwise. */
  readonly sourceCode: string | null;
  readonly thirdParty: string | null;
  readonly object: string | null;
  readonly reference: string;
  readonly amountCents: number;
  readonly commitmentReference: string | null;
  readonly paymentKind: PaymentKind;
}

export interface AccountingExportProblem {
  readonly location: string;
  readonly message: string;
}

export interface ParsedAccountingExport {
  readonly entries: AccountingExportEntry[];
  readonly problems: AccountingExportProblem[];
}

/** The file cannot be read at all (not CSV nor xlsx, no header…): nothing to report line by line. */
export class AccountingExportRefused extends Error {
  override readonly name = 'AccountingExportRefused';
  constructor(
    readonly reason: 'unsupported' | 'structure' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

export const ACCOUNTING_COLUMNS = ['date', 'ligne', 'type', 'tiers', 'objet', 'reference', 'montant', 'engagement', 'nature_paiement', 'source'] as const;
type Column = (typeof ACCOUNTING_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly Column[] = ['date', 'ligne', 'type', 'reference', 'montant'];
export const ACCOUNTING_MAX_ROWS = 20_000;
/** Bytes of a workbook once unzipped. */
const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
/** Cells of any kind in the whole workbook: 20 000 rows of 20 columns. */
export const ACCOUNTING_MAX_WORKBOOK_CELLS = 400_000;
const CSV = 'Fichier CSV';

const PAYMENT_KINDS: Record<string, PaymentKind> = { facture: 'invoice', paie: 'payroll', remboursement: 'seconded_reimbursement', autre: 'other' };
const KINDS: Record<string, AccountingEntryKind> = { engagement: 'commitment', paiement: 'payment', recette: 'receipt' };
const DONE: Record<AccountingEntryKind, string> = { commitment: 'engagée', payment: 'payée', receipt: 'encaissée' };

type Raw = string | number | Date | null;

const normalize = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A date cell or text → `YYYY-MM-DD`, or a French message. */
export function readAccountingDate(raw: Raw): { value: string } | { message: string } {
  if (raw instanceof Date) return { value: `${raw.getUTCFullYear()}-${pad(raw.getUTCMonth() + 1)}-${pad(raw.getUTCDate())}` };
  const text = raw === null ? '' : String(raw).trim();
  if (text === '') return { message: 'Date manquante.' };
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const value = m ? validDate(Number(m[3]), Number(m[2]), Number(m[1])) : (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)) ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (value === undefined) return { message: `Date « ${text} » illisible : JJ/MM/AAAA attendu.` };
  if (value === null) return { message: `La date « ${text} » n’existe pas.` };
  return { value };
}

/** A positive amount in euros (`1 234,56`, or an Excel number) → cents, or a French message. */
export function readAccountingAmount(raw: Raw): { value: number } | { message: string } {
  let cents: number;
  if (typeof raw === 'number') {
    const c = raw * 100;
    cents = Math.round(c);
    if (!Number.isFinite(raw) || Math.abs(c - cents) > 1e-6) return { message: `Montant ${raw} : deux décimales au plus.` };
  } else {
    const text = raw === null || raw instanceof Date ? '' : String(raw).trim();
    if (text === '') return { message: 'Montant manquant.' };
    const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
    const m = /^(-?)(\d+)(?:[,.](\d{1,2}))?$/.exec(compact);
    if (!m) return { message: `Montant « ${text} » illisible : un montant en euros comme « 1 234,56 » est attendu.` };
    cents = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
    if (m[1] === '-') cents = -cents;
    if (!Number.isSafeInteger(cents)) return { message: `Montant « ${text} » hors limites.` };
  }
  if (cents <= 0) return { message: 'Le montant doit être strictement positif : une annulation se saisit dans l’application (écriture d’annulation motivée).' };
  if (cents > 1_000_000_000_000) return { message: 'Montant hors limites.' };
  return { value: cents };
}

const text = (raw: Raw): string => (raw === null ? '' : raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw)).trim();

/** Reads the rows (header first) once the file is split into cells; `where(row, column)` names a cell in French. */
function readRows(rows: { row: number; cells: Raw[] }[], where: (row: number, column?: string) => string): ParsedAccountingExport {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => text(c) !== ''));
  if (nonEmpty.length === 0) throw new AccountingExportRefused('structure', `Le fichier est vide : la première ligne doit nommer les colonnes (${ACCOUNTING_COLUMNS.join(';')}).`);
  const [header, ...body] = nonEmpty;
  const index = new Map<Column, number>();
  header.cells.forEach((c, i) => {
    const name = normalize(text(c)) as Column;
    if ((ACCOUNTING_COLUMNS as readonly string[]).includes(name) && !index.has(name)) index.set(name, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new AccountingExportRefused(
      'structure',
      `${where(header.row)} : colonne${missing.length > 1 ? 's' : ''} ${missing.map((c) => `« ${c} »`).join(', ')} introuvable${missing.length > 1 ? 's' : ''} dans l’en-tête (colonnes attendues : ${ACCOUNTING_COLUMNS.join(';')}).`,
    );
  }
  if (body.length > ACCOUNTING_MAX_ROWS) throw new AccountingExportRefused('too_large', `Trop de lignes (${body.length}) : ${ACCOUNTING_MAX_ROWS} au plus par import.`);

  const entries: AccountingExportEntry[] = [];
  const problems: AccountingExportProblem[] = [];
  const seen = new Map<string, number>();
  for (const r of body) {
    const cell = (c: Column): Raw => (index.has(c) ? (r.cells[index.get(c)!] ?? null) : null);
    const at = (c: Column) => where(r.row, c);
    const before = problems.length;
    const problem = (c: Column, message: string) => problems.push({ location: at(c), message });

    const typeText = normalize(text(cell('type')));
    const kind: AccountingEntryKind | undefined = Object.hasOwn(KINDS, typeText) ? KINDS[typeText] : undefined;
    if (!kind) problem('type', typeText === '' ? 'Type manquant : « engagement », « paiement » ou « recette ».' : `Type « ${text(cell('type'))} » inconnu : « engagement », « paiement » ou « recette » attendu.`);
    const date = readAccountingDate(cell('date'));
    if ('message' in date) problem('date', date.message);
    const lineCode = text(cell('ligne')).toUpperCase();
    const sourceCode = text(cell('source')).toUpperCase();
    if (kind === 'receipt') {
      if (sourceCode === '') problem('source', 'Code de la source de financement manquant : il est obligatoire pour une recette.');
      if (lineCode !== '') problem('ligne', 'Une recette ne se rattache pas à une ligne de dépense : laissez cette colonne vide.');
    } else {
      if (lineCode === '') problem('ligne', 'Code de ligne budgétaire manquant.');
      if (sourceCode !== '') problem('source', 'Seule une recette nomme une source de financement : laissez cette colonne vide.');
    }
    const reference = text(cell('reference'));
    if (reference === '') problem('reference', 'Référence manquante : elle est obligatoire (elle empêche d’importer deux fois la même écriture).');
    else if (reference.length > 200) problem('reference', 'La référence : 200 caractères au plus.');
    const amount = readAccountingAmount(cell('montant'));
    if ('message' in amount) problem('montant', amount.message);
    const thirdParty = text(cell('tiers')) || null;
    const object = text(cell('objet')) || null;
    if (kind === 'commitment' && !thirdParty) problem('tiers', 'Tiers manquant : il est obligatoire pour un engagement.');
    if (kind === 'commitment' && !object) problem('objet', 'Objet manquant : il est obligatoire pour un engagement.');
    if (thirdParty && thirdParty.length > 200) problem('tiers', 'Le tiers : 200 caractères au plus.');
    if (object && object.length > 500) problem('objet', 'L’objet : 500 caractères au plus.');
    const commitmentReference = text(cell('engagement')) || null;
    if (kind === 'commitment' && commitmentReference) problem('engagement', 'Un engagement ne renvoie pas à un autre engagement : laissez cette colonne vide.');
    if (kind === 'receipt' && commitmentReference) problem('engagement', 'Une recette ne renvoie pas à un engagement : laissez cette colonne vide.');
    const kindText = normalize(text(cell('nature_paiement')));
    const paymentKind = kindText === '' ? 'invoice' : PAYMENT_KINDS[kindText];
    if (!paymentKind) problem('nature_paiement', `Nature de paiement « ${text(cell('nature_paiement'))} » inconnue : facture, paie, remboursement ou autre.`);
    if (kind && reference) {
      const key = `${kind}:${reference}`;
      const first = seen.get(key);
      if (first !== undefined) problem('reference', `Référence « ${reference} » en double : déjà ${DONE[kind]} ligne ${first} du fichier.`);
      else seen.set(key, r.row);
    }
    if (problems.length > before) continue;
    entries.push({
      location: where(r.row),
      kind: kind!,
      date: (date as { value: string }).value,
      lineCode: kind === 'receipt' ? '' : lineCode,
      sourceCode: kind === 'receipt' ? sourceCode : null,
      thirdParty,
      object,
      reference,
      amountCents: (amount as { value: number }).value,
      commitmentReference: kind === 'payment' ? commitmentReference : null,
      paymentKind: kind === 'payment' ? paymentKind : 'invoice',
    });
  }
  return { entries, problems };
}

// ---- CSV ----

function csvRecords(input: string): { row: number; cells: Raw[] }[] {
  const records: { row: number; cells: Raw[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ';') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ row: start, cells: fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ row: start, cells: fields });
  }
  return records;
}

// ---- Excel ----

function cellRaw(value: ExcelJS.CellValue): Raw {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('result' in value) return cellRaw((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
  }
  return null;
}

/** The sheet read: the first visible one, else the first (as `workbookRows` picks it). */
const sheetRead = (sheets: readonly WorkbookSheet[]) => sheets.find((s) => s.state === 'visible') ?? sheets[0];

/**
 * The archive and one streamed pass over it before exceljs loads anything (see `scanWorkbook`):
 * the bytes actually inflated, every cell of the workbook, and the rows holding something in the
 * sheet read — stopped as soon as a count is over its limit.
 */
async function checkWorkbook(bytes: Uint8Array): Promise<void> {
  const unreadable = () => new AccountingExportRefused('unsupported', 'Classeur Excel illisible (fichier endommagé ?) : enregistrez-le de nouveau au format .xlsx.');
  try {
    const unzipped = zipEntries(bytes).reduce((s, e) => s + e.uncompressedSize, 0);
    if (unzipped > MAX_UNZIPPED_BYTES) throw new AccountingExportRefused('too_large', 'Classeur trop volumineux une fois décompressé.');
  } catch (error) {
    if (error instanceof ZipFormatError) throw unreadable();
    throw error;
  }
  const watch = (sheets: readonly WorkbookSheet[]) => {
    const read = sheetRead(sheets);
    let rows = 0;
    let counted = 0;
    const tooMany = () => new AccountingExportRefused('too_large', `Trop de lignes (plus de ${ACCOUNTING_MAX_ROWS}) : ${ACCOUNTING_MAX_ROWS} au plus par import.`);
    return new Map(
      read
        ? [
            [
              read.path,
              {
                cell: (row: number, _column: number, filled: boolean) => {
                  if (!filled || row === counted) return;
                  counted = row;
                  // The header and the entries.
                  if (++rows > ACCOUNTING_MAX_ROWS + 1) throw tooMany();
                },
              },
            ],
          ]
        : [],
    );
  };
  try {
    await scanWorkbook(bytes, { maxUnzippedBytes: MAX_UNZIPPED_BYTES, maxCells: ACCOUNTING_MAX_WORKBOOK_CELLS, watch });
  } catch (error) {
    if (error instanceof WorkbookTooLarge) {
      throw new AccountingExportRefused(
        'too_large',
        error.limit === 'cells' ? `Classeur trop volumineux (plus de ${error.max} cellules) : exportez seulement les écritures à importer.` : 'Classeur trop volumineux une fois décompressé.',
      );
    }
    if (error instanceof ZipFormatError) throw unreadable();
    throw error;
  }
}

async function workbookRows(bytes: Uint8Array): Promise<{ sheet: string; rows: { row: number; cells: Raw[] }[] }> {
  await checkWorkbook(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new AccountingExportRefused('unsupported', 'Classeur Excel illisible : enregistrez-le de nouveau au format .xlsx.');
  }
  const sheet = workbook.worksheets.find((s) => s.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw new AccountingExportRefused('structure', 'Le classeur n’a aucune feuille.');
  const rows: { row: number; cells: Raw[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: Raw[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellRaw(row.getCell(c).value));
    rows.push({ row: n, cells });
  });
  return { sheet: sheet.name, rows };
}

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);

/**
 * The checks that need no parse, alone: for a workbook, its archive and a streamed count of its
 * cells and rows that stops at the limits. Throws AccountingExportRefused as
 * `parseAccountingExport` would; a file that passes may still be refused by the parse. Cheap and
 * asynchronous: the server runs it in its own thread before handing the file to the parsing thread.
 */
export async function checkAccountingExport(bytes: Uint8Array): Promise<void> {
  if (bytes.length === 0) throw new AccountingExportRefused('unsupported', 'Le fichier est vide.');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) await checkWorkbook(bytes);
}

/** Reads the file (xlsx by its ZIP signature, else UTF-8 CSV); throws AccountingExportRefused when it cannot be read at all. */
export async function parseAccountingExport(bytes: Uint8Array): Promise<ParsedAccountingExport> {
  if (bytes.length === 0) throw new AccountingExportRefused('unsupported', 'Le fichier est vide.');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const { sheet, rows } = await workbookRows(bytes);
    return readRows(rows, (row, column) => `Feuille ${sheet}, ligne ${row}${column ? `, colonne « ${column} »` : ''}`);
  }
  if (bytes.includes(0)) throw new AccountingExportRefused('unsupported', 'Ce fichier n’est ni un classeur Excel (.xlsx) ni un fichier CSV.');
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AccountingExportRefused('unsupported', 'Le fichier CSV n’est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 ».');
  }
  const records = csvRecords(decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded);
  const first = records.find((r) => r.cells.some((c) => text(c) !== ''));
  if (first && first.cells.length === 1 && String(first.cells[0]).includes(',')) {
    throw new AccountingExportRefused('structure', `${CSV}, ligne ${first.row} : séparateur « ; » attendu (le fichier utilise des virgules).`);
  }
  return readRows(records, (row, column) => `${CSV}, ligne ${row}${column ? `, colonne « ${column} »` : ''}`);
}
