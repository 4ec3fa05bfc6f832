import { parsePeriod, periodShortLabel, periodsOfYear, type PeriodType } from '@cn2r/shared';

/**
 * The layout of the collection workbook, shared by the builder and the parser: a file built by one
 * is read by the other, so every name and position lives here once.
 */

/** Raised when the layout changes in a way an older file can no longer be read. */
export const TEMPLATE_VERSION = 1;
/** What the metadata sheet says the file is, so any other workbook is refused by name. */
export const TEMPLATE_FORMAT = 'CN2R Pilotage — saisie des indicateurs';

export const GUIDE_SHEET = 'Mode d’emploi';
export const METADATA_SHEET = 'Métadonnées';

/** One sheet per period type, in this order. */
export const PERIOD_SHEET_ORDER: readonly PeriodType[] = ['quarter', 'year', 'month'];
export const PERIOD_SHEETS: Readonly<Record<PeriodType, string>> = { quarter: 'Trimestres', year: 'Année', month: 'Mois' };

/** The columns before the periods: read-only, the first two identify the row. */
export const FIXED_COLUMNS = ['Code indicateur', 'Code modalité', 'Libellé', 'Définition', 'Unité', 'Saisie attendue'] as const;
export const CODE_COLUMN = 1;
export const OPTION_COLUMN = 2;
export const LABEL_COLUMN = 3;
/** First period column (G). */
export const FIRST_PERIOD_COLUMN = FIXED_COLUMNS.length + 1;
export const HEADER_ROW = 1;
/** Under each period header: « À saisir » or why the period is locked. */
export const STATE_ROW = 2;
export const FIRST_DATA_ROW = 3;

/** Rows of the metadata sheet: a label in column A, its value in column B. */
export const METADATA_ROWS = {
  format: 'Format',
  version: 'Version du modèle',
  unitCode: 'Code du centre',
  unitName: 'Centre',
  year: 'Année de la campagne',
  asOf: 'Données au',
} as const;

/** The CSV alternative: `;` between fields, UTF-8 (with or without BOM), this header line. */
export const CSV_COLUMNS = ['indicateur', 'modalite', 'periode', 'valeur'] as const;
export const CSV_LOCATION = 'Fichier CSV';

/** A column number as its letter(s): 1 → A, 7 → G, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The header of a period column: `T1 2026`, `Année 2026`, `03/2026`. */
export function periodHeader(period: string): string {
  const p = parsePeriod(period);
  return p.type === 'year' ? `Année ${p.year}` : periodShortLabel(period);
}

/** The period of a column header, among the periods of `type` in `year`; null when it is none of them. */
export function periodOfHeader(header: string, year: number, type: PeriodType): string | null {
  const text = header.replace(/\s+/g, ' ').trim();
  return periodsOfYear(year, type).find((code) => periodHeader(code) === text || code === text) ?? null;
}

/**
 * A period code as written in a CSV: the canonical `2026-Q1`, `2026`, `2026-03`, and also the
 * French `2026-T1` for a quarter. Null when it is none of these.
 */
export function periodOfCsv(text: string): string | null {
  const value = text.trim().toUpperCase().replace(/^(\d{4})-T([1-4])$/, '$1-Q$2');
  try {
    return parsePeriod(value).code;
  } catch {
    return null;
  }
}

/** « Feuille Trimestres, ligne 12, colonne G » or « Fichier CSV, ligne 4 ». */
export function locationOf(sheet: string, row: number, column?: string): string {
  if (sheet === CSV_LOCATION) return `${CSV_LOCATION}, ligne ${row}`;
  return column ? `Feuille ${sheet}, ligne ${row}, colonne ${column}` : `Feuille ${sheet}, ligne ${row}`;
}
