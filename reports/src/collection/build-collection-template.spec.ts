import ExcelJS from 'exceljs';
import {
  buildCollectionTemplate,
  collectionTemplateFileName,
  expectedEntry,
  writeCollectionTemplate,
  type CollectionTemplateData,
} from './build-collection-template.js';
import { collectionFixture } from './collection-fixture.js';
import { dosDateTime, zipEntries } from '../zip/zip-directory.js';

async function readBack(data: CollectionTemplateData = collectionFixture()): Promise<ExcelJS.Workbook> {
  const bytes = await writeCollectionTemplate(data);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/** exceljs reads the sheet protection back into this (untyped) property. */
const protectionOf = (sheet: ExcelJS.Worksheet) => (sheet as ExcelJS.Worksheet & { sheetProtection?: { sheet?: boolean; hashValue?: string } }).sheetProtection;
const isLocked = (cell: ExcelJS.Cell) => cell.protection?.locked !== false;
const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const YELLOW = 'FFFFF2CC';
const GREY = 'FFD9D9D9';

describe('buildCollectionTemplate', () => {
  let workbook: ExcelJS.Workbook;
  let quarters: ExcelJS.Worksheet;
  let year: ExcelJS.Worksheet;

  beforeAll(async () => {
    workbook = await readBack();
    quarters = workbook.getWorksheet('Trimestres')!;
    year = workbook.getWorksheet('Année')!;
  });

  it('has the guide first, one sheet per period type collected, and a very hidden metadata sheet', () => {
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Mode d’emploi', 'visible'],
      ['Trimestres', 'visible'],
      ['Année', 'visible'],
      ['Métadonnées', 'veryHidden'],
    ]);
    const meta = workbook.getWorksheet('Métadonnées')!;
    const rows = meta.getSheetValues().slice(1).map((r) => (r as ExcelJS.CellValue[]).slice(1, 3));
    expect(rows).toEqual([
      ['Format', 'CN2R Pilotage — saisie des indicateurs'],
      ['Version du modèle', 1],
      ['Code du centre', 'CRP-HDF'],
      ['Centre', 'CRP Hauts-de-France'],
      ['Année de la campagne', 2026],
      ['Données au', '2026-05-04T08:30:00.000Z'],
    ]);
    expect(protectionOf(meta)?.sheet).toBeTrue();
  });

  it('adds a « Mois » sheet only when monthly indicators and monthly periods exist', async () => {
    const base = collectionFixture();
    const withMonths = await readBack({
      ...base,
      periods: [...base.periods, { code: '2026-02', editable: true }, { code: '2026-01', editable: true }],
      indicators: [...base.indicators, { ...base.indicators[1], code: 'ACT_TEL', label: 'Appels', periodType: 'month' }],
    });
    const months = withMonths.getWorksheet('Mois')!;
    expect(withMonths.worksheets.map((s) => s.name)).toEqual(['Mode d’emploi', 'Trimestres', 'Année', 'Mois', 'Métadonnées']);
    expect(months.getRow(1).values).toEqual([, 'Code indicateur', 'Code modalité', 'Libellé', 'Définition', 'Unité', 'Saisie attendue', '01/2026', '02/2026']);
    // Periods without indicators of their type (or the reverse) make no sheet.
    const noYear = await readBack({ ...base, periods: base.periods.filter((p) => p.code !== '2026') });
    expect(noYear.worksheets.map((s) => s.name)).toEqual(['Mode d’emploi', 'Trimestres', 'Métadonnées']);
  });

  it('lays out one row per indicator × option and one column per period, in chronological order', () => {
    expect(quarters.getRow(1).values).toEqual([, 'Code indicateur', 'Code modalité', 'Libellé', 'Définition', 'Unité', 'Saisie attendue', 'T1 2026', 'T2 2026', 'T3 2026', 'T4 2026']);
    expect(quarters.getRow(2).values).toEqual([, , , , , , 'État de la période', 'Transmise', 'À saisir', 'À saisir', 'À saisir']);
    const identity = [3, 4, 5, 6].map((r) => [1, 2, 3, 5, 6].map((c) => quarters.getCell(r, c).value));
    expect(identity).toEqual([
      ['ACT_FA', 'mineur', 'File active — Mineurs', 'patients', 'Nombre entier positif ou nul — obligatoire'],
      ['ACT_FA', 'adulte', 'File active — Adultes', 'patients', 'Nombre entier positif ou nul — obligatoire'],
      ['ACT_NEW', null, 'Nouveaux patients', 'patients', 'Nombre entier de 0 à 5\u00A0000 — obligatoire'],
      ['ACT_WAIT_D', null, 'Délai médian', 'jours', 'Nombre de jours de 1 à 365 — obligatoire'],
    ]);
    expect(quarters.getCell('D3').value).toBe('Patients distincts vus au moins une fois pendant la période.');
    expect(quarters.rowCount).toBe(6);
    expect(year.getRow(1).values).toEqual([, 'Code indicateur', 'Code modalité', 'Libellé', 'Définition', 'Unité', 'Saisie attendue', 'Année 2026']);
  });

  it('pre-fills the current values: numbers as numbers, yes/no as « oui » / « non », texts as they are', () => {
    expect(quarters.getCell('G3').value).toBe(20);
    expect(quarters.getCell('G4').value).toBe(1180);
    expect(quarters.getCell('H5').value).toBe(95);
    expect(quarters.getCell('H3').value).toBeNull();
    expect(year.getCell('G3').value).toBe(12.5);
    expect(year.getCell('G5').value).toBe('oui');
    expect(year.getCell('G6').value).toBe('Ouverture d’une antenne');
  });

  it('protects every sheet without a password, unlocking only the yellow input cells', () => {
    for (const sheet of workbook.worksheets) {
      expect(protectionOf(sheet)?.sheet).withContext(sheet.name).toBeTrue();
      expect(protectionOf(sheet)?.hashValue).withContext(sheet.name).toBeUndefined();
    }
    for (let c = 1; c <= 6; c++) expect(isLocked(quarters.getCell(3, c))).withContext(`column ${c}`).toBeTrue();
    expect(isLocked(quarters.getCell('H1'))).toBeTrue();
    // Q2 to Q4 are open: unlocked and yellow.
    for (const address of ['H3', 'I3', 'J4', 'H5']) {
      expect(isLocked(quarters.getCell(address))).withContext(address).toBeFalse();
      expect(fillOf(quarters.getCell(address))).withContext(address).toBe(YELLOW);
    }
  });

  it('greys and locks the columns of periods that are not editable, except a reopened value', () => {
    for (const address of ['G3', 'G4', 'G6']) {
      expect(isLocked(quarters.getCell(address))).withContext(address).toBeTrue();
      expect(fillOf(quarters.getCell(address))).withContext(address).toBe(GREY);
      expect(quarters.getCell(address).dataValidation).withContext(address).toBeUndefined();
    }
    expect(isLocked(quarters.getCell('G5'))).withContext('reopened ACT_NEW T1').toBeFalse();
    expect(fillOf(quarters.getCell('G5'))).toBe(YELLOW);
  });

  it('locks the periods where an indicator is not collected', () => {
    expect(isLocked(quarters.getCell('H6'))).toBeTrue();
    expect(fillOf(quarters.getCell('H6'))).toBe(GREY);
    expect(isLocked(quarters.getCell('I6'))).toBeFalse();
  });

  it('puts Excel data validation on input cells, with the indicator’s type and bounds', () => {
    const dv = (sheet: ExcelJS.Worksheet, address: string) => {
      const v = sheet.getCell(address).dataValidation;
      return { type: v.type, operator: v.operator, formulae: v.formulae, showErrorMessage: v.showErrorMessage, allowBlank: v.allowBlank };
    };
    expect(dv(quarters, 'H3')).toEqual({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], showErrorMessage: true, allowBlank: true });
    expect(dv(quarters, 'H5')).toEqual({ type: 'whole', operator: 'between', formulae: [0, 5000], showErrorMessage: true, allowBlank: true });
    expect(dv(quarters, 'I6')).toEqual({ type: 'whole', operator: 'between', formulae: [1, 365], showErrorMessage: true, allowBlank: true });
    expect(dv(year, 'G3').type).toBe('decimal');
    expect(dv(year, 'G4')).toEqual({ type: 'decimal', operator: 'between', formulae: [0, 100], showErrorMessage: true, allowBlank: true });
    expect(dv(year, 'G5')).toEqual({ type: 'list', operator: undefined, formulae: ['"oui,non"'], showErrorMessage: true, allowBlank: true });
    expect(dv(year, 'G6')).toEqual({ type: 'textLength', operator: 'lessThanOrEqual', formulae: [2000], showErrorMessage: true, allowBlank: true });
    expect(quarters.getCell('H5').dataValidation.error).toBe('Attendu : nombre entier de 0 à 5\u00A0000.');
    expect(quarters.getCell('H5').dataValidation.prompt).toBe('Nombre entier de 0 à 5\u00A0000');
  });

  it('uses number formats a French reader shows with its own separators (never a literal space)', () => {
    expect(quarters.getCell('H3').numFmt).toBe('#,##0');
    expect(quarters.getCell('I6').numFmt).toBe('#,##0');
    expect(year.getCell('G3').numFmt).toBe('#,##0.0###');
    expect(year.getCell('G4').numFmt).toBe('0.0###" %"');
    expect(year.getCell('G6').numFmt).toBe('@');
    for (const sheet of [quarters, year]) {
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.numFmt ?? '').not.toContain('# ##')));
    }
  });

  it('freezes the two header rows and the identifying columns', () => {
    for (const sheet of [quarters, year]) {
      const view = sheet.views[0] as ExcelJS.WorksheetViewFrozen;
      expect([view.state, view.xSplit, view.ySplit, view.topLeftCell]).withContext(sheet.name).toEqual(['frozen', 3, 2, 'D3']);
    }
  });

  it('explains in the guide which cells are read, the formats and the CSV alternative', () => {
    const guide = workbook.getWorksheet('Mode d’emploi')!;
    const text = guide
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? r : []))
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(text).toContain('CRP Hauts-de-France (CRP-HDF) — campagne 2026');
    expect(text).toContain('Seules les cellules jaunes sont lues à l’import');
    expect(text).toContain('indicateur;modalite;periode;valeur');
    expect(text).toContain('UTF-8');
    expect(text).toContain('45 pour 45 %');
    expect(text).toContain('04/05/2026 10:30');
  });

  it('dates the workbook from the data, not from the clock', () => {
    expect(workbook.created.toISOString()).toBe('2026-05-04T08:30:00.000Z');
    expect(workbook.modified.toISOString()).toBe('2026-05-04T08:30:00.000Z');
    expect(workbook.creator).toBe('CN2R Pilotage');
  });

  it('writes the same bytes for the same data, every ZIP entry dated from the data', async () => {
    const first = await writeCollectionTemplate(collectionFixture());
    const second = await writeCollectionTemplate(collectionFixture());
    expect(first.equals(second)).toBeTrue();
    const expected = dosDateTime(new Date('2026-05-04T08:30:00.000Z'));
    const data = new DataView(first.buffer, first.byteOffset, first.byteLength);
    const entries = zipEntries(first);
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      expect([data.getUint16(entry.localOffset + 10, true), data.getUint16(entry.localOffset + 12, true)]).withContext(entry.name).toEqual([expected.time, expected.date]);
      expect([data.getUint16(entry.centralOffset + 12, true), data.getUint16(entry.centralOffset + 14, true)]).withContext(entry.name).toEqual([expected.time, expected.date]);
    }
    const changed = await writeCollectionTemplate(collectionFixture({ asOf: '2026-05-04T08:31:00.000Z' }));
    expect(changed.equals(first)).toBeFalse();
  });

  it('refuses a data date that is not a date', async () => {
    await expectAsync(buildCollectionTemplate(collectionFixture({ asOf: 'hier' }))).toBeRejectedWithError(RangeError, /Date des données invalide/);
  });

  it('describes each expected entry in French', () => {
    const entry = (valueType: Parameters<typeof expectedEntry>[0]['valueType'], minValue: number | null = null, maxValue: number | null = null) => expectedEntry({ valueType, minValue, maxValue });
    expect(entry('count')).toBe('Nombre entier positif ou nul');
    expect(entry('count', 10, 12000)).toBe('Nombre entier de 10 à 12\u00A0000');
    expect(entry('decimal')).toBe('Nombre décimal');
    expect(entry('decimal', -5)).toBe('Nombre décimal au moins égal à -5');
    expect(entry('decimal', null, 2.5)).toBe('Nombre décimal au plus égal à 2,5');
    expect(entry('percentage')).toBe('Pourcentage de 0 à 100 (45 pour 45 %)');
    expect(entry('boolean')).toBe('oui ou non');
    expect(entry('text')).toBe('Texte, 2\u00A0000 caractères au plus');
  });

  it('names the file after the unit and the year, in plain ASCII', () => {
    expect(collectionTemplateFileName('CRP-HDF', 2026)).toBe('saisie-CRP-HDF-2026.xlsx');
    expect(collectionTemplateFileName('CRP Île/Réunion', 2027)).toBe('saisie-CRP-Ile-Reunion-2027.xlsx');
  });
});
