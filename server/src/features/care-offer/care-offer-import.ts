import {
  CARE_OFFER_ACCESS_VALUES,
  CARE_OFFER_CARE_VALUES,
  CARE_OFFER_IMPORT_COLUMNS,
  CARE_OFFER_IMPORT_MAX_LINES,
  CARE_OFFER_KIND_VALUES,
  CARE_OFFER_PUBLIC_VALUES,
  CreateCareOffer,
  careOfferAccessLabels,
  careOfferCareLabels,
  careOfferKindLabels,
  careOfferPublicLabels,
  formatMessage,
  type CareOfferImportResult,
  type Unit,
} from '@cn2r/shared';
import { csvRecords } from '@cn2r/reports';
import { canAccessUnit, type Actor } from '../auth/actor.js';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .trim()
    .toLowerCase();

/** A controlled value from its code or its French label (accents and case ignored); the text itself when unknown, so the schema names it. */
function codeOf<T extends string>(values: readonly T[], labels: Record<T, string>, text: string): string {
  const f = fold(text);
  return values.find((v) => fold(v) === f || fold(labels[v]) === f) ?? text;
}

const decimal = (text: string): number | string => {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : text;
};

/** `AAAA-MM-JJ` as is; `JJ/MM/AAAA` turned into it. */
const isoDate = (text: string) => {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text.trim();
};

export interface ParsedImport {
  readonly entries: { line: number; input: CreateCareOffer; unitName: string }[];
  readonly problems: CareOfferImportResult['problems'];
}

/** A row of the file: its number as the user sees it (CSV line, spreadsheet row) and its cells as text. */
export interface ImportRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/** A header cell as a column name: « Vérifié le », `verifie_le` and `Verifie-le` are the same. */
const columnName = (header: string) => fold(header).replace(/[\s-]+/g, '_');

/** A 4-digit INSEE code is one whose leading zero a spreadsheet dropped (01053 read as the number 1053). */
const inseeCode = (text: string) => (/^\d{4}$/.test(text) ? `0${text}` : text);

/**
 * Reads a CSV of structures (`;`, UTF-8 with or without BOM), then checks it as `parseCareOfferRecords` does.
 */
export function parseCareOfferCsv(text: string, actor: Actor, units: readonly Unit[]): ParsedImport {
  return parseCareOfferRecords(csvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text), actor, units);
}

/**
 * Checks the rows of an import file, CSV or workbook (header first: the columns of
 * `CARE_OFFER_IMPORT_COLUMNS` by name or French header, in any order; other columns ignored, so
 * the open export and the registry export come back in) with the form's schema; a line's unit
 * must be one the actor may propose for. Nothing is written here.
 */
export function parseCareOfferRecords(rows: readonly ImportRecord[], actor: Actor, units: readonly Unit[]): ParsedImport {
  const records = rows.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const problems: CareOfferImportResult['problems'] = [];
  if (records.length < 2) return { entries: [], problems: [{ line: records[0]?.line ?? 1, field: 'fichier', message: formatMessage('careOffer.import_empty') }] };
  const header = records[0].fields.map(columnName);
  const aliases: Record<string, string> = { centre_referent: 'centre' };
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const name = aliases[h] ?? h;
    if (!index.has(name)) index.set(name, i);
  });
  const missing = CARE_OFFER_IMPORT_COLUMNS.filter((c) => !index.has(c) && c !== 'telephone' && c !== 'site_internet');
  if (missing.length) return { entries: [], problems: [{ line: records[0].line, field: 'en-tête', message: formatMessage('careOffer.import_missing_columns', { columns: missing }) }] };
  if (records.length - 1 > CARE_OFFER_IMPORT_MAX_LINES) return { entries: [], problems: [{ line: records[CARE_OFFER_IMPORT_MAX_LINES + 1].line, field: 'fichier', message: `${CARE_OFFER_IMPORT_MAX_LINES} lignes au plus par fichier.` }] };

  const crps = units.filter((u) => u.kind === 'crp');
  const entries: ParsedImport['entries'] = [];
  for (const { line, fields } of records.slice(1)) {
    const cell = (column: string) => {
      const i = index.get(column);
      return i === undefined ? '' : (fields[i] ?? '').trim().replace(/^'([=+\-@])/, '$1');
    };
    const unitText = fold(cell('centre'));
    const unit = crps.find((u) => fold(u.code) === unitText || fold(u.name) === unitText);
    if (!unit) {
      problems.push({ line, field: 'centre', message: `Centre inconnu : « ${cell('centre')} » (code ou nom d’un centre régional).` });
      continue;
    }
    if (!canAccessUnit(actor, unit.id)) {
      problems.push({ line, field: 'centre', message: formatMessage('access.unit_out_of_scope') });
      continue;
    }
    const parsed = CreateCareOffer.safeParse({
      name: cell('nom'),
      kind: codeOf(CARE_OFFER_KIND_VALUES, careOfferKindLabels, cell('type')),
      address: cell('adresse'),
      communeInsee: inseeCode(cell('code_insee')),
      commune: cell('commune'),
      latitude: decimal(cell('latitude')),
      longitude: decimal(cell('longitude')),
      public: codeOf(CARE_OFFER_PUBLIC_VALUES, careOfferPublicLabels, cell('public')),
      care: cell('soins')
        .split(/[,|]/)
        .map((c) => c.trim())
        .filter((c) => c !== '')
        .map((c) => codeOf(CARE_OFFER_CARE_VALUES, careOfferCareLabels, c)),
      access: codeOf(CARE_OFFER_ACCESS_VALUES, careOfferAccessLabels, cell('acces')),
      phone: cell('telephone'),
      website: cell('site_internet'),
      unitId: unit.id,
      checkedOn: isoDate(cell('verifie_le')),
    });
    if (parsed.success) entries.push({ line, input: parsed.data, unitName: unit.name });
    else for (const issue of parsed.error.issues) problems.push({ line, field: String(issue.path[0] ?? ''), message: issue.message });
  }
  return { entries, problems };
}
