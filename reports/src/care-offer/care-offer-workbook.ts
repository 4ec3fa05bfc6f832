import ExcelJS from 'exceljs';
import {
  CARE_OFFER_ACCESS_VALUES,
  CARE_OFFER_CARE_VALUES,
  CARE_OFFER_IMPORT_COLUMNS,
  CARE_OFFER_IMPORT_MAX_LINES,
  CARE_OFFER_KIND_VALUES,
  CARE_OFFER_PUBLIC_VALUES,
  careOfferAccessLabels,
  careOfferCareLabels,
  careOfferImportHeaders,
  careOfferLabelledFields,
  careOfferKindLabels,
  careOfferPublicLabels,
  careOfferStatusLabels,
  formatDateFr,
  type CareOffer,
  type CareOfferImportColumn,
} from '@cn2r/shared';
import { CSV_BOM, csvLine } from '../csv/csv-format.js';
import { TABLE_FILLS, TABLE_FONTS, TABLE_FORMATS } from '../tables/table-styles.js';
import { stampZipDates } from '../zip/zip-directory.js';

/**
 * The care-offer registry as a spreadsheet, for the people who keep it: the import template and
 * the export (xlsx and CSV). One layout for the three, so an export or a filled template comes
 * back in through the import: a sheet « Structures » whose first row holds the French headers of
 * the import's columns (`careOfferImportHeaders`), then one structure per row; the export adds
 * the columns the import ignores (status, region, return message, dates).
 *
 * Written as a spreadsheet reads it: a styled, frozen header row with an autofilter, column
 * widths, coordinates as numbers, dates as real dates (`dd/mm/yyyy`), INSEE codes and phone
 * numbers as text (their leading zeros kept). Pure and deterministic: the workbook and its ZIP
 * entries are dated `generatedAt`.
 */

export const CARE_OFFER_SHEET = 'Structures';
export const CARE_OFFER_VALUES_SHEET = 'Valeurs autorisées';

type Kind = 'text' | 'code' | 'coordinate' | 'date';
type ExtraColumn = 'statut' | 'region' | 'message_renvoi' | 'publiee_le' | 'modifiee_le';

interface Column {
  readonly key: CareOfferImportColumn | ExtraColumn;
  readonly header: string;
  readonly kind: Kind;
  readonly width: number;
}

const KINDS: Partial<Record<CareOfferImportColumn, Kind>> = { code_insee: 'code', telephone: 'code', latitude: 'coordinate', longitude: 'coordinate', verifie_le: 'date' };
const WIDTHS: Record<CareOfferImportColumn, number> = {
  nom: 40,
  type: 30,
  adresse: 36,
  code_insee: 12,
  commune: 22,
  latitude: 12,
  longitude: 12,
  public: 14,
  soins: 44,
  acces: 30,
  telephone: 16,
  site_internet: 32,
  centre: 28,
  verifie_le: 12,
};

const IMPORT_COLUMNS: readonly Column[] = CARE_OFFER_IMPORT_COLUMNS.map((key) => ({ key, header: careOfferImportHeaders[key], kind: KINDS[key] ?? 'text', width: WIDTHS[key] }));
const EXPORT_COLUMNS: readonly Column[] = [
  ...IMPORT_COLUMNS,
  { key: 'statut', header: 'Statut', kind: 'text', width: 12 },
  { key: 'region', header: 'Région', kind: 'text', width: 24 },
  { key: 'message_renvoi', header: 'Message de renvoi', kind: 'text', width: 40 },
  { key: 'publiee_le', header: 'Publiée le', kind: 'date', width: 12 },
  { key: 'modifiee_le', header: 'Modifiée le', kind: 'date', width: 12 },
];

/** The headers of the registry export, in order (the import's columns first). */
export const CARE_OFFER_EXPORT_HEADERS: readonly string[] = EXPORT_COLUMNS.map((c) => c.header);

const FORMATS: Record<Kind, string> = { text: TABLE_FORMATS.text, code: TABLE_FORMATS.text, coordinate: '0.000000', date: TABLE_FORMATS.date };

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
/** The Paris calendar day of an instant, `YYYY-MM-DD`. */
const parisDay = (instant: string) => PARIS_DAY.format(new Date(instant));

type Value = string | number | null;

/** One entry as the registry export shows it: French labels, dates `YYYY-MM-DD` (null when absent). */
function exportRow(e: CareOffer): Record<Column['key'], Value> {
  return {
    ...careOfferLabelledFields(e),
    centre: e.unitName,
    statut: careOfferStatusLabels[e.status],
    message_renvoi: e.returnMessage,
    publiee_le: e.publishedAt === null ? null : parisDay(e.publishedAt),
    modifiee_le: parisDay(e.updatedAt),
  };
}

const utcDate = (iso: string) => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));

function newWorkbook(title: string, generatedAt: Date): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CN2R Pilotage';
  workbook.lastModifiedBy = 'CN2R Pilotage';
  workbook.title = title;
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  return workbook;
}

/**
 * The sheet « Structures »: header row 1 (styled, frozen, filtered), the rows, widths, and each
 * column's format as the column's style, so the rows still to fill keep it too (text for codes:
 * their leading zeros stay).
 */
function structuresSheet(workbook: ExcelJS.Workbook, columns: readonly Column[], rows: readonly Record<string, Value>[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(CARE_OFFER_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }] });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width, style: { numFmt: FORMATS[c.kind] } }));
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = TABLE_FONTS.header;
    cell.fill = TABLE_FILLS.header;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  rows.forEach((row, r) => {
    const excelRow = ws.getRow(r + 2);
    columns.forEach((c, i) => {
      const value = row[c.key] ?? null;
      const cell = excelRow.getCell(i + 1);
      cell.value = value === null ? null : c.kind === 'date' ? utcDate(String(value)) : c.kind === 'coordinate' ? Number(value) : String(value);
      cell.numFmt = FORMATS[c.kind];
    });
  });
  const last = ws.getColumn(columns.length).letter;
  ws.autoFilter = { from: 'A1', to: `${last}${Math.max(1, rows.length + 1)}` };
  return ws;
}

export interface CareOfferWorkbookData {
  /** ISO timestamp of the export: the workbook's dates. */
  readonly generatedAt: string;
  /** The entries the reader may see, in the list's order. */
  readonly entries: readonly CareOffer[];
}

/** The registry export: every entry given, the import's columns then status, region, return message, publication and last change. */
export async function buildCareOfferWorkbook(data: CareOfferWorkbookData): Promise<Buffer> {
  const generatedAt = new Date(data.generatedAt);
  const workbook = newWorkbook('Offre de soins référencée (registre)', generatedAt);
  structuresSheet(workbook, EXPORT_COLUMNS, data.entries.map(exportRow));
  return stampZipDates(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer), generatedAt);
}

/** The registry export as CSV: the same columns, `;`, UTF-8 with BOM, decimal commas and `JJ/MM/AAAA` dates as a French spreadsheet reads them. */
export function buildCareOfferCsv(entries: readonly CareOffer[]): string {
  const cell = (c: Column, value: Value): Value => {
    if (value === null) return null;
    if (c.kind === 'date') return formatDateFr(String(value));
    if (c.kind === 'coordinate') return String(value).replace('.', ',');
    return value;
  };
  return CSV_BOM + csvLine(CARE_OFFER_EXPORT_HEADERS) + entries.map((e) => exportRow(e)).map((row) => csvLine(EXPORT_COLUMNS.map((c) => cell(c, row[c.key])))).join('');
}

/** What each column holds, for the template's second sheet. */
const COLUMN_HELP: Record<CareOfferImportColumn, [required: boolean, help: string]> = {
  nom: [true, 'Nom de la structure (jamais le nom d’une personne), 200 caractères au plus.'],
  type: [true, 'Une valeur de la liste « Type » ci-dessous (libellé ou code).'],
  adresse: [true, 'Numéro et voie, 300 caractères au plus.'],
  code_insee: [true, 'Code INSEE de la commune, 5 caractères (75056, 2A004, 97209) ; un code à 4 chiffres reçoit son zéro initial.'],
  commune: [true, 'Nom de la commune.'],
  latitude: [true, 'Degrés décimaux (WGS 84), point ou virgule : 47,322. Entre -28 et 52.'],
  longitude: [true, 'Degrés décimaux (WGS 84), point ou virgule : 5,041. Entre -180 et 180.'],
  public: [true, 'Une valeur de la liste « Public » ci-dessous.'],
  soins: [true, 'Une ou plusieurs valeurs de la liste « Soins » ci-dessous, séparées par des virgules.'],
  acces: [true, 'Une valeur de la liste « Accès » ci-dessous.'],
  telephone: [false, 'Chiffres, espaces, points ou « + » : 03 80 29 30 31.'],
  site_internet: [false, 'Adresse commençant par https://'],
  centre: [true, 'Code ou nom du centre régional référent (un responsable : un de ses centres).'],
  verifie_le: [true, 'Date de la dernière vérification des informations : JJ/MM/AAAA ou une date Excel.'],
};

const LISTS: readonly { readonly column: CareOfferImportColumn; readonly title: string; readonly values: readonly string[]; readonly labels: Record<string, string> }[] = [
  { column: 'type', title: 'Type', values: CARE_OFFER_KIND_VALUES, labels: careOfferKindLabels },
  { column: 'public', title: 'Public', values: CARE_OFFER_PUBLIC_VALUES, labels: careOfferPublicLabels },
  { column: 'soins', title: 'Soins (plusieurs possibles, séparés par des virgules)', values: CARE_OFFER_CARE_VALUES, labels: careOfferCareLabels },
  { column: 'acces', title: 'Accès', values: CARE_OFFER_ACCESS_VALUES, labels: careOfferAccessLabels },
];

/** The template's date: fixed, so the template downloads as the same bytes every time. */
const TEMPLATE_DATE = '2026-01-01T00:00:00.000Z';

/**
 * The import template: the sheet « Structures » with the headers only (its rows formatted, the
 * single-choice columns offering their list of labels), and the sheet « Valeurs autorisées »: what
 * each column holds, then the labels and codes of every list, from the shared schema.
 */
export async function buildCareOfferImportTemplate(): Promise<Buffer> {
  const generatedAt = new Date(TEMPLATE_DATE);
  const workbook = newWorkbook('Offre de soins : modèle d’import', generatedAt);
  const structures = structuresSheet(workbook, IMPORT_COLUMNS, []);

  const ws = workbook.addWorksheet(CARE_OFFER_VALUES_SHEET);
  ws.columns = [{ width: 26 }, { width: 48 }, { width: 70 }];
  ws.getCell('A1').value = 'Offre de soins : remplir la feuille « Structures »';
  ws.getCell('A1').font = TABLE_FONTS.title;
  ws.getCell('A2').value =
    'Une structure par ligne, à partir de la ligne 2 ; les colonnes peuvent être dans n’importe quel ordre. Les structures importées arrivent en propositions ; rien n’est enregistré tant qu’une ligne a un problème (les problèmes sont donnés avec le numéro de ligne de la feuille).';
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells('A2:C2');
  ws.getRow(2).height = 45;

  const headerRow = (row: number, labels: readonly string[]) => {
    labels.forEach((label, i) => {
      const cell = ws.getCell(row, i + 1);
      cell.value = label;
      cell.font = TABLE_FONTS.header;
      cell.fill = TABLE_FILLS.header;
    });
  };
  let row = 4;
  headerRow(row++, ['Colonne', 'Obligatoire', 'Contenu']);
  for (const column of CARE_OFFER_IMPORT_COLUMNS) {
    const [required, help] = COLUMN_HELP[column];
    ws.getRow(row++).values = [careOfferImportHeaders[column], required ? 'Oui' : 'Non', help];
  }

  for (const list of LISTS) {
    row++;
    ws.getCell(row, 1).value = list.title;
    ws.getCell(row++, 1).font = TABLE_FONTS.totals;
    headerRow(row++, ['Colonne', 'Libellé (à écrire)', 'Code (accepté aussi)']);
    const first = row;
    for (const value of list.values) ws.getRow(row++).values = [careOfferImportHeaders[list.column], list.labels[value], value];
    if (list.column !== 'soins') {
      // The column's cells offer the labels (a warning, not a refusal: the import names a wrong value).
      const letter = structures.getColumn(CARE_OFFER_IMPORT_COLUMNS.indexOf(list.column) + 1).letter;
      (structures as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${CARE_OFFER_IMPORT_MAX_LINES + 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`'${CARE_OFFER_VALUES_SHEET}'!$B$${first}:$B$${row - 1}`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: list.title,
        error: `Choisissez une valeur de la liste « ${list.title} » (feuille « ${CARE_OFFER_VALUES_SHEET} »).`,
      });
    }
  }
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return stampZipDates(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer), generatedAt);
}
