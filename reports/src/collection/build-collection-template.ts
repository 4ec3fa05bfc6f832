import ExcelJS from 'exceljs';
import {
  TEXT_VALUE_MAX_LENGTH,
  formatValue,
  parsePeriod,
  valueTypeLabels,
  type CellValue,
  type PeriodType,
  type ValueType,
  formatInstantFr,
} from '@cn2r/shared';
import {
  CSV_COLUMNS,
  FIRST_PERIOD_COLUMN,
  FIXED_COLUMNS,
  GUIDE_SHEET,
  HEADER_ROW,
  METADATA_ROWS,
  METADATA_SHEET,
  PERIOD_SHEETS,
  PERIOD_SHEET_ORDER,
  STATE_ROW,
  TEMPLATE_FORMAT,
  TEMPLATE_VERSION,
  FIRST_DATA_ROW,
  columnLetter,
  periodHeader,
} from './collection-layout.js';
import { ALIGN, FILLS, FONTS, NUMBER_FORMATS, PROTECTION } from './collection-styles.js';
import { stampZipDates } from '../zip/zip-directory.js';

export interface CollectionTemplateIndicator {
  readonly code: string;
  readonly label: string;
  readonly definition: string;
  readonly unitOfMeasure: string;
  readonly valueType: ValueType;
  readonly periodType: PeriodType;
  readonly minValue: number | null;
  readonly maxValue: number | null;
  readonly required: boolean;
  /** The options of its disaggregation, in order; empty when it is not disaggregated. */
  readonly options: readonly { readonly code: string; readonly label: string }[];
  /** The periods where it is collected (catalogue revisions come and go); all periods of its type when omitted. */
  readonly periods?: readonly string[];
}

export interface CollectionTemplatePeriod {
  readonly code: string;
  /** Whether the unit may still change its values (not submitted or validated, campaign open). */
  readonly editable: boolean;
  /** Why it is locked, shown under the header: « Transmise », « Validée », « Campagne clôturée »… */
  readonly lockedReason?: string | null;
}

export interface CollectionTemplateValue {
  readonly indicatorCode: string;
  readonly optionCode: string | null;
  readonly period: string;
  readonly value: CellValue;
  /** A value reopened by the coordination stays editable in a locked (validated) period. */
  readonly reopened?: boolean;
}

/** Everything the template shows, as plain data: the builder reads no database and no clock. */
export interface CollectionTemplateData {
  readonly unit: { readonly code: string; readonly name: string };
  readonly year: number;
  /** When the data was last changed (ISO timestamp): the workbook's dates, so the same data gives the same bytes. */
  readonly asOf: string;
  readonly periods: readonly CollectionTemplatePeriod[];
  readonly indicators: readonly CollectionTemplateIndicator[];
  readonly values: readonly CollectionTemplateValue[];
}

const number = (n: number) => formatValue(n, 'decimal');

/** What a cell accepts, in words: the « Saisie attendue » column and the cell's prompt. */
export function expectedEntry(indicator: Pick<CollectionTemplateIndicator, 'valueType' | 'minValue' | 'maxValue'>): string {
  const { valueType, minValue, maxValue } = indicator;
  const range = (lower: number | null, upper: number | null, floor: number | null) => {
    const low = floor === null ? lower : Math.max(floor, lower ?? floor);
    if (low !== null && upper !== null) return ` de ${number(low)} à ${number(upper)}`;
    if (low !== null) return low === 0 ? ' positif ou nul' : ` au moins égal à ${number(low)}`;
    if (upper !== null) return ` au plus égal à ${number(upper)}`;
    return '';
  };
  switch (valueType) {
    case 'count':
      return `Nombre entier${range(minValue, maxValue, 0)}`;
    case 'days':
      return `Nombre de jours${range(minValue, maxValue, 0)}`;
    case 'decimal':
      return `Nombre décimal${range(minValue, maxValue, null)}`;
    case 'percentage':
      return `Pourcentage${range(minValue, Math.min(100, maxValue ?? 100), 0)} (45 pour 45 %)`;
    case 'boolean':
      return 'oui ou non';
    case 'text':
      return `Texte, ${number(TEXT_VALUE_MAX_LENGTH)} caractères au plus`;
  }
}

const UNBOUNDED = 999_999_999_999;

/** Excel's own check on the cell, with the indicator's bounds: the import checks again anyway. */
export function validationFor(indicator: Pick<CollectionTemplateIndicator, 'valueType' | 'minValue' | 'maxValue'>): ExcelJS.DataValidation {
  const expected = expectedEntry(indicator);
  const messages = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Valeur refusée',
    error: `Attendu : ${expected.charAt(0).toLowerCase()}${expected.slice(1)}.`,
    showInputMessage: true,
    promptTitle: 'Saisie attendue',
    prompt: expected,
  };
  const numeric = (type: 'whole' | 'decimal', lower: number | null, upper: number | null): ExcelJS.DataValidation => {
    if (lower !== null && upper !== null) return { ...messages, type, operator: 'between', formulae: [lower, upper] };
    if (lower !== null) return { ...messages, type, operator: 'greaterThanOrEqual', formulae: [lower] };
    if (upper !== null) return { ...messages, type, operator: 'lessThanOrEqual', formulae: [upper] };
    return { ...messages, type, operator: 'between', formulae: [-UNBOUNDED, UNBOUNDED] };
  };
  const { valueType, minValue, maxValue } = indicator;
  switch (valueType) {
    case 'count':
    case 'days':
      return numeric('whole', Math.max(0, minValue ?? 0), maxValue);
    case 'decimal':
      return numeric('decimal', minValue, maxValue);
    case 'percentage':
      return numeric('decimal', Math.max(0, minValue ?? 0), Math.min(100, maxValue ?? 100));
    case 'boolean':
      return { ...messages, type: 'list', formulae: ['"oui,non"'] };
    case 'text':
      return { ...messages, type: 'textLength', operator: 'lessThanOrEqual', formulae: [TEXT_VALUE_MAX_LENGTH] };
  }
}

export function numberFormatFor(valueType: ValueType): string {
  switch (valueType) {
    case 'count':
    case 'days':
      return NUMBER_FORMATS.whole;
    case 'decimal':
      return NUMBER_FORMATS.decimal;
    case 'percentage':
      return NUMBER_FORMATS.percentage;
    case 'boolean':
    case 'text':
      return NUMBER_FORMATS.text;
  }
}

/** A stored value as the cell shows it: numbers stay numbers, yes/no become « oui » / « non ». */
function cellContent(value: CellValue | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return value;
}

const byChronology = (a: string, b: string) => {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  return pa.start.localeCompare(pb.start);
};

async function addPeriodSheet(workbook: ExcelJS.Workbook, data: CollectionTemplateData, type: PeriodType): Promise<void> {
  const periods = data.periods.filter((p) => parsePeriod(p.code).type === type).sort((a, b) => byChronology(a.code, b.code));
  const indicators = data.indicators.filter((i) => i.periodType === type);
  if (periods.length === 0 || indicators.length === 0) return;

  const sheet = workbook.addWorksheet(PERIOD_SHEETS[type], {
    views: [{ state: 'frozen', xSplit: 3, ySplit: STATE_ROW, topLeftCell: `D${FIRST_DATA_ROW}`, activeCell: `${columnLetter(FIRST_PERIOD_COLUMN)}${FIRST_DATA_ROW}` }],
    properties: { tabColor: { argb: 'FF1F3864' } },
  });
  sheet.columns = [
    { width: 16 },
    { width: 16 },
    { width: 42 },
    { width: 56 },
    { width: 14 },
    { width: 30 },
    ...periods.map(() => ({ width: 13 })),
  ];

  const header = sheet.getRow(HEADER_ROW);
  FIXED_COLUMNS.forEach((title, i) => (header.getCell(i + 1).value = title));
  periods.forEach((p, i) => (header.getCell(FIRST_PERIOD_COLUMN + i).value = periodHeader(p.code)));
  header.height = 30;
  header.eachCell((cell) => {
    cell.font = FONTS.header;
    cell.fill = FILLS.header;
    cell.alignment = ALIGN.center;
  });

  const state = sheet.getRow(STATE_ROW);
  state.getCell(FIXED_COLUMNS.length).value = 'État de la période';
  state.getCell(FIXED_COLUMNS.length).alignment = { horizontal: 'right', vertical: 'middle' };
  state.getCell(FIXED_COLUMNS.length).font = FONTS.bold;
  periods.forEach((p, i) => {
    const cell = state.getCell(FIRST_PERIOD_COLUMN + i);
    cell.value = p.editable ? 'À saisir' : (p.lockedReason ?? 'Verrouillée');
    cell.alignment = ALIGN.center;
    cell.font = p.editable ? FONTS.bold : FONTS.locked;
    cell.fill = p.editable ? FILLS.input : FILLS.locked;
  });

  const values = new Map(data.values.map((v) => [`${v.indicatorCode}|${v.optionCode ?? ''}|${v.period}`, v]));
  let rowNumber = FIRST_DATA_ROW;
  for (const indicator of indicators) {
    const options: readonly ({ code: string; label: string } | null)[] = indicator.options.length > 0 ? indicator.options : [null];
    const expected = expectedEntry(indicator) + (indicator.required ? ' — obligatoire' : '');
    const collected = indicator.periods ? new Set(indicator.periods) : null;
    for (const option of options) {
      const row = sheet.getRow(rowNumber++);
      row.getCell(1).value = indicator.code;
      row.getCell(2).value = option?.code ?? null;
      row.getCell(3).value = option ? `${indicator.label} — ${option.label}` : indicator.label;
      row.getCell(4).value = indicator.definition || null;
      row.getCell(5).value = indicator.unitOfMeasure || null;
      row.getCell(6).value = expected;
      for (let c = 1; c <= FIXED_COLUMNS.length; c++) {
        const cell = row.getCell(c);
        cell.alignment = ALIGN.wrap;
        cell.font = c <= 2 ? FONTS.code : FONTS.body;
        cell.fill = FILLS.identity;
      }
      periods.forEach((period, i) => {
        const cell = row.getCell(FIRST_PERIOD_COLUMN + i);
        const stored = values.get(`${indicator.code}|${option?.code ?? ''}|${period.code}`);
        const isCollected = collected === null || collected.has(period.code);
        cell.value = isCollected ? cellContent(stored?.value) : null;
        cell.numFmt = numberFormatFor(indicator.valueType);
        cell.alignment = indicator.valueType === 'text' ? ALIGN.wrap : ALIGN.top;
        if (isCollected && (period.editable || stored?.reopened)) {
          cell.fill = FILLS.input;
          cell.font = FONTS.body;
          cell.protection = { locked: false };
          cell.dataValidation = validationFor(indicator);
        } else {
          cell.fill = FILLS.locked;
          cell.font = FONTS.locked;
          cell.protection = { locked: true };
        }
      });
    }
  }
  await sheet.protect('', { ...PROTECTION });
}

async function addGuideSheet(workbook: ExcelJS.Workbook, data: CollectionTemplateData, sheetNames: readonly string[]): Promise<void> {
  const sheet = workbook.getWorksheet(GUIDE_SHEET)!;
  sheet.columns = [{ width: 34 }, { width: 90 }];
  let r = 1;
  const line = (a: string | null, b: string | null = null, style: 'title' | 'subtitle' | 'body' = 'body') => {
    const row = sheet.getRow(r++);
    row.getCell(1).value = a;
    row.getCell(2).value = b;
    row.eachCell((cell) => {
      cell.font = style === 'body' ? FONTS.body : FONTS[style];
      cell.alignment = ALIGN.wrap;
    });
    if (style === 'body' && a && b) row.getCell(1).font = FONTS.bold;
    return row;
  };
  const gap = () => r++;

  line(`Saisie des indicateurs — ${data.unit.name} (${data.unit.code}) — campagne ${data.year}`, null, 'title');
  line('Données au', `${formatInstantFr(data.asOf)} (heure de Paris)`);
  line('Feuilles à remplir', sheetNames.join(', ') || 'aucune : aucun indicateur n’est attendu pour cette campagne');
  gap();
  line('Ce qu’il faut remplir', null, 'subtitle');
  line('Les cellules jaunes', 'Seules les cellules jaunes sont lues à l’import. Une ligne par indicateur et par modalité, une colonne par période.');
  line('Les cellules grises', 'Verrouillées : période transmise ou validée, campagne clôturée, centre non ouvert, ou indicateur non collecté sur cette période. Elles ne sont pas modifiables.');
  line('Valeurs déjà saisies', 'Les valeurs enregistrées dans CN2R Pilotage sont pré-remplies. Vider une cellule jaune efface la valeur enregistrée.');
  line('À ne pas modifier', 'Les colonnes A à F, les deux premières lignes et les noms des feuilles identifient chaque valeur : ne les modifiez pas, n’insérez ni ne supprimez de ligne ou de colonne.');
  gap();
  line('Formats', null, 'subtitle');
  line(valueTypeLabels.count, 'Chiffres seuls, sans décimale : 1234 ou 1 234. Positif ou nul.');
  line(valueTypeLabels.days, 'Comme un nombre entier : 45.');
  line(valueTypeLabels.decimal, 'La virgule sépare les décimales : 12,5.');
  line(valueTypeLabels.percentage, 'Le nombre seul, de 0 à 100 : 45 pour 45 %. N’ajoutez pas le signe %, le tableur le diviserait par 100.');
  line(valueTypeLabels.boolean, '« oui » ou « non », dans la liste de la cellule.');
  line(valueTypeLabels.text, `${number(TEXT_VALUE_MAX_LENGTH)} caractères au plus.`);
  line('Bornes', 'La colonne « Saisie attendue » donne le format et les bornes de chaque ligne ; le tableur refuse une valeur hors bornes, et l’import la refuse aussi.');
  gap();
  line('Importer le fichier', null, 'subtitle');
  line('1. Vérifier', 'Dans CN2R Pilotage, page « Importer un fichier » du centre et de l’année, choisissez ce classeur puis « Vérifier le fichier » : les modifications (ancienne → nouvelle valeur) et les problèmes, situés par feuille, ligne et colonne, s’affichent. Rien n’est enregistré.');
  line('2. Importer', 'Confirmez « Importer ces modifications » : elles sont toutes enregistrées ensemble, ou aucune s’il reste un problème. Chaque valeur est tracée comme une saisie dans le formulaire.');
  line('Ce classeur', `Il est propre au centre ${data.unit.code} et à la campagne ${data.year} : il est refusé pour un autre centre ou une autre année.`);
  gap();
  line('Autre possibilité : un fichier CSV', null, 'subtitle');
  line('Format', 'Texte séparé par des points-virgules (;), encodé en UTF-8 (avec ou sans BOM). Dans Excel : Fichier › Enregistrer sous › « CSV UTF-8 ».');
  line('Première ligne', CSV_COLUMNS.join(';'));
  line('Lignes suivantes', 'Une valeur par ligne : code de l’indicateur (colonne A des feuilles), code de la modalité (colonne B, vide si l’indicateur n’est pas ventilé), période, valeur au format ci-dessus.');
  line('Périodes', `${data.year} pour l’année, ${data.year}-T1 (ou ${data.year}-Q1) à ${data.year}-T4 pour les trimestres, ${data.year}-01 à ${data.year}-12 pour les mois.`);
  line('Exemple', `${CSV_COLUMNS.join(';')}\nACT_FA;0-5;${data.year}-T1;12\nACT_CS;psychologue;${data.year}-T1;1 234\nRES_PUB;;${data.year};3`);
  line('Valeurs absentes', 'Seules les valeurs présentes dans le fichier sont modifiées. Une ligne dont la valeur est vide efface la valeur enregistrée.');
  await sheet.protect('', { ...PROTECTION });
}

async function addMetadataSheet(workbook: ExcelJS.Workbook, data: CollectionTemplateData): Promise<void> {
  const sheet = workbook.addWorksheet(METADATA_SHEET, { state: 'veryHidden' });
  sheet.columns = [{ width: 24 }, { width: 50 }];
  const rows: [string, string | number][] = [
    [METADATA_ROWS.format, TEMPLATE_FORMAT],
    [METADATA_ROWS.version, TEMPLATE_VERSION],
    [METADATA_ROWS.unitCode, data.unit.code],
    [METADATA_ROWS.unitName, data.unit.name],
    [METADATA_ROWS.year, data.year],
    [METADATA_ROWS.asOf, new Date(data.asOf).toISOString()],
  ];
  rows.forEach(([label, value], i) => {
    sheet.getCell(i + 1, 1).value = label;
    sheet.getCell(i + 1, 2).value = value;
  });
  await sheet.protect('', { ...PROTECTION });
}

/**
 * The Excel template of a unit's collection campaign: a « Mode d’emploi » sheet, one sheet per
 * period type (Trimestres, Année, Mois) with one row per indicator × option and one column per
 * period, and a hidden metadata sheet that ties the file to the unit and the year.
 *
 * Pure: from data to workbook (asynchronous only because exceljs's sheet protection is). The
 * protection has no password: it guards against slips, and the bytes stay deterministic (a
 * password would add a random salt).
 */
export async function buildCollectionTemplate(data: CollectionTemplateData): Promise<ExcelJS.Workbook> {
  const asOf = new Date(data.asOf);
  if (Number.isNaN(asOf.getTime())) throw new RangeError(`Date des données invalide : ${data.asOf}`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CN2R Pilotage';
  workbook.lastModifiedBy = 'CN2R Pilotage';
  workbook.title = `Saisie ${data.unit.code} ${data.year}`;
  workbook.subject = `Campagne de collecte ${data.year} — ${data.unit.name}`;
  workbook.created = asOf;
  workbook.modified = asOf;

  // The guide first (the sheet a user sees on opening), filled once the period sheets are known.
  workbook.addWorksheet(GUIDE_SHEET, { properties: { tabColor: { argb: 'FFFFC000' } } });
  for (const type of PERIOD_SHEET_ORDER) await addPeriodSheet(workbook, data, type);
  const periodSheets = PERIOD_SHEET_ORDER.map((t) => PERIOD_SHEETS[t]).filter((name) => workbook.getWorksheet(name));
  await addGuideSheet(workbook, data, periodSheets);
  await addMetadataSheet(workbook, data);
  return workbook;
}

/** The template as .xlsx bytes, identical for identical data (every ZIP entry dated `asOf`). */
export async function writeCollectionTemplate(data: CollectionTemplateData): Promise<Buffer> {
  const workbook = await buildCollectionTemplate(data);
  const bytes = await workbook.xlsx.writeBuffer();
  return stampZipDates(new Uint8Array(bytes as ArrayBuffer), new Date(data.asOf));
}

/** The French file name of the template: `saisie-CRP-HDF-2026.xlsx`. */
export function collectionTemplateFileName(unitCode: string, year: number): string {
  const safe = unitCode.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_-]+/g, '-');
  return `saisie-${safe}-${year}.xlsx`;
}
