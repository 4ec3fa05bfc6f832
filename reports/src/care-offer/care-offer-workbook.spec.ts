import ExcelJS from 'exceljs';
import { CARE_OFFER_IMPORT_COLUMNS, careOfferImportHeaders, type CareOffer } from '@cn2r/shared';
import { oversizedWorkbook } from '../zip/oversized-workbook-fixture.js';
import { CARE_OFFER_EXPORT_HEADERS, buildCareOfferCsv, buildCareOfferImportTemplate, buildCareOfferWorkbook } from './care-offer-workbook.js';
import { CARE_OFFER_MAX_WORKBOOK_CELLS, CareOfferWorkbookRefused, checkCareOfferWorkbook, readCareOfferWorkbook } from './read-care-offer-workbook.js';

type LoadInput = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];
const load = async (bytes: Uint8Array) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as LoadInput);
  return workbook;
};

const anEntry = (overrides: Partial<CareOffer> = {}): CareOffer => ({
  id: 1,
  name: 'Consultation Les Tilleuls',
  kind: 'specialised_consultation',
  address: '12 rue des Tilleuls',
  communeInsee: '01053',
  commune: 'Bourg-en-Bresse',
  latitude: 46.2052,
  longitude: 5.2255,
  public: 'all',
  care: ['evaluation', 'psychotherapy'],
  access: 'referral',
  phone: '04 74 00 00 00',
  website: null,
  unitId: 2,
  unitName: 'CRP Auvergne-Rhône-Alpes',
  region: 'Auvergne-Rhône-Alpes',
  checkedOn: '2026-03-15',
  status: 'published',
  returnMessage: null,
  // 23:30 UTC on 31 March is 1 April in Paris.
  publishedAt: '2026-03-31T23:30:00.000Z',
  createdAt: '2026-03-15T10:00:00.000Z',
  updatedAt: '2026-03-31T23:30:00.000Z',
  version: 2,
  ...overrides,
});

describe('care-offer workbooks', () => {
  it('the export: French headers styled in row 1, labels, codes as text, coordinates as numbers, dates as dates on the Paris day; the same bytes for the same data', async () => {
    const data = { generatedAt: '2026-04-02T08:00:00.000Z', entries: [anEntry(), anEntry({ id: 2, name: '=Formule', status: 'proposed', publishedAt: null, returnMessage: 'Précisez le téléphone.' })] };
    const bytes = await buildCareOfferWorkbook(data);
    expect((await buildCareOfferWorkbook(data)).equals(bytes)).toBeTrue();
    const sheet = (await load(bytes)).getWorksheet('Structures')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...CARE_OFFER_EXPORT_HEADERS]);
    expect(sheet.getRow(1).getCell(1).font.bold).toBeTrue();
    expect(sheet.views[0]).toEqual(jasmine.objectContaining({ state: 'frozen', ySplit: 1 }));
    const at = (row: number, header: string) => sheet.getRow(row).getCell(CARE_OFFER_EXPORT_HEADERS.indexOf(header) + 1);
    expect(at(2, 'Type').value).toBe('Consultation spécialisée');
    expect(at(2, 'Code INSEE').value).toBe('01053');
    expect(at(2, 'Soins').value).toBe('Évaluation, Psychothérapie du psychotraumatisme');
    expect(at(2, 'Latitude').value).toBe(46.2052);
    expect(at(2, 'Vérifié le').value).toEqual(new Date(Date.UTC(2026, 2, 15)));
    expect(at(2, 'Publiée le').value).toEqual(new Date(Date.UTC(2026, 3, 1)));
    expect(at(2, 'Publiée le').numFmt).toBe('dd/mm/yyyy');
    expect(at(3, 'Publiée le').value).toBeNull();
    expect(at(3, 'Statut').value).toBe('Proposée');
    expect(at(3, 'Message de renvoi').value).toBe('Précisez le téléphone.');
    // A text cell stays text in a workbook (no formula).
    expect(at(3, 'Nom').value).toBe('=Formule');
    expect(sheet.getColumn(1).width).toBe(40);
  });

  it('the export read back by the import’s reader: the same rows, numbered as the sheet numbers them', async () => {
    const read = await readCareOfferWorkbook(await buildCareOfferWorkbook({ generatedAt: '2026-04-02T08:00:00.000Z', entries: [anEntry()] }));
    expect(read.sheet).toBe('Structures');
    expect(read.records.map((r) => r.line)).toEqual([1, 2]);
    expect(read.records[1].fields.slice(0, 14)).toEqual([
      'Consultation Les Tilleuls',
      'Consultation spécialisée',
      '12 rue des Tilleuls',
      '01053',
      'Bourg-en-Bresse',
      '46.2052',
      '5.2255',
      'Tous publics',
      'Évaluation, Psychothérapie du psychotraumatisme',
      'Sur orientation d’un professionnel',
      '04 74 00 00 00',
      '',
      'CRP Auvergne-Rhône-Alpes',
      '2026-03-15',
    ]);
  });

  it('the CSV export: the same columns, decimal commas, JJ/MM/AAAA dates, formulas neutralised', () => {
    const csv = buildCareOfferCsv([anEntry({ name: '=Formule' })]);
    const [header, line] = csv.slice(1).split('\r\n');
    expect(csv.startsWith('\uFEFF')).toBeTrue();
    expect(header.split(';')).toEqual([...CARE_OFFER_EXPORT_HEADERS]);
    expect(line.split(';')).toEqual([
      "'=Formule",
      'Consultation spécialisée',
      '12 rue des Tilleuls',
      '01053',
      'Bourg-en-Bresse',
      '46,2052',
      '5,2255',
      'Tous publics',
      'Évaluation, Psychothérapie du psychotraumatisme',
      'Sur orientation d’un professionnel',
      '04 74 00 00 00',
      '',
      'CRP Auvergne-Rhône-Alpes',
      '15/03/2026',
      'Publiée',
      'Auvergne-Rhône-Alpes',
      '',
      '01/04/2026',
      '01/04/2026',
    ]);
  });

  it('the template: the import’s headers, text columns for codes, lists offered on the single-choice columns, the values explained', async () => {
    const bytes = await buildCareOfferImportTemplate();
    expect((await buildCareOfferImportTemplate()).equals(bytes)).toBeTrue();
    const workbook = await load(bytes);
    const sheet = workbook.getWorksheet('Structures')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(CARE_OFFER_IMPORT_COLUMNS.map((c) => careOfferImportHeaders[c]));
    expect(sheet.getColumn(4).numFmt).toBe('@');
    expect(sheet.getColumn(14).numFmt).toBe('dd/mm/yyyy');
    const typeList = sheet.getCell('B2').dataValidation;
    expect(typeList.type).toBe('list');
    const values = workbook.getWorksheet('Valeurs autorisées')!;
    const [, from, to] = /\$B\$(\d+):\$B\$(\d+)$/.exec(typeList.formulae[0] as string)!.map(Number);
    const listed: unknown[] = [];
    for (let r = from; r <= to; r++) listed.push(values.getCell(r, 2).value);
    expect(listed).toEqual(['Service hospitalier', 'Cellule d’urgence médico-psychologique (CUMP)', 'Consultation spécialisée', 'Association d’aide aux victimes', 'Centre de santé', 'Cabinet de groupe', 'Autre']);
    expect(sheet.getCell('I2').dataValidation).toBeUndefined();
    // An empty template is read as its header alone.
    expect((await readCareOfferWorkbook(bytes)).records.map((r) => r.line)).toEqual([1]);
  });

  it('reads « Structures » wherever it is, else the first visible sheet; dates, links, formulas and rich text as text', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').getCell('A1').value = 'nom';
    const sheet = workbook.addWorksheet('structures');
    sheet.getRow(1).values = ['nom', 'verifie_le', 'site_internet', 'latitude'];
    sheet.getRow(4).values = [{ richText: [{ text: 'Centre ' }, { text: 'Les Pins', font: { bold: true } }] }, new Date(Date.UTC(2031, 0, 9)), { text: 'https://a.example', hyperlink: 'https://a.example' }, { formula: '40+0.5', result: 40.5 }];
    const read = await readCareOfferWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read.sheet).toBe('structures');
    expect(read.records).toEqual([
      { line: 1, fields: ['nom', 'verifie_le', 'site_internet', 'latitude'] },
      { line: 4, fields: ['Centre Les Pins', '2031-01-09', 'https://a.example', '40.5'] },
    ]);

    const other = new ExcelJS.Workbook();
    other.addWorksheet('Brouillon', { state: 'hidden' }).getCell('A1').value = 'brouillon';
    other.addWorksheet('Liste').getCell('A1').value = 'nom';
    expect((await readCareOfferWorkbook(Buffer.from(await other.xlsx.writeBuffer()))).sheet).toBe('Liste');
  });

  it('refuses before loading: a damaged archive, too many rows in the sheet read, too many cells in the workbook', async () => {
    const template = await buildCareOfferImportTemplate();
    const refusal = (bytes: Uint8Array) => checkCareOfferWorkbook(bytes).then(
      () => null,
      (e: unknown) => (e instanceof CareOfferWorkbookRefused ? [e.reason, e.message] : e),
    );
    expect(await refusal(template.subarray(0, 1000))).toEqual(['unsupported', 'Classeur Excel illisible (fichier endommagé ?) : enregistrez-le de nouveau au format .xlsx.']);
    expect(await refusal(oversizedWorkbook(template, { sheet: 'Structures', rows: 2_001, columns: 1 }))).toEqual(['too_large', 'Plus de 2000 lignes : 2000 lignes au plus par fichier.']);
    expect(await refusal(oversizedWorkbook(template, { sheet: 'Structures', rows: 2_000, columns: 1 }))).toBeNull();
    expect(await refusal(oversizedWorkbook(template, { sheet: 'Valeurs autorisées', rows: CARE_OFFER_MAX_WORKBOOK_CELLS / 10, columns: 11 }))).toEqual([
      'too_large',
      `Classeur trop volumineux (plus de ${CARE_OFFER_MAX_WORKBOOK_CELLS} cellules) : gardez la seule feuille des structures.`,
    ]);
  });
});
