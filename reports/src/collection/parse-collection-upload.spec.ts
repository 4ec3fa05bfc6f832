import ExcelJS from 'exceljs';
import { COLLECTION_UPLOAD_MAX_BYTES, COLLECTION_UPLOAD_MAX_CELLS } from '@cn2r/shared';
import { writeCollectionTemplate } from './build-collection-template.js';
import { collectionFixture } from './collection-fixture.js';
import { deflatedZip, issueOversizedWorkbook, oversizedWorkbook, unzipped } from '../zip/oversized-workbook-fixture.js';
import {
  CollectionUploadRefused,
  DEFAULT_UPLOAD_LIMITS,
  cellLocation,
  checkCollectionUpload,
  parseCollectionUpload,
  valueFromRaw,
  type ParsedCollectionUpload,
  type UploadCell,
} from './parse-collection-upload.js';

type LoadInput = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];

/** The template of the fixture, changed by `edit` as a user would in a spreadsheet, as bytes. */
async function filledTemplate(edit: (workbook: ExcelJS.Workbook) => void = () => {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeCollectionTemplate(collectionFixture())) as unknown as LoadInput);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const key = (c: Pick<UploadCell, 'indicatorCode' | 'optionCode' | 'period'>) => `${c.indicatorCode}|${c.optionCode ?? ''}|${c.period}`;
const filled = (parsed: ParsedCollectionUpload) => Object.fromEntries(parsed.cells.filter((c) => c.raw !== null).map((c) => [key(c), c.raw]));

async function refusal(bytes: Uint8Array, limits = DEFAULT_UPLOAD_LIMITS, read: (bytes: Uint8Array, limits: typeof DEFAULT_UPLOAD_LIMITS) => Promise<unknown> = parseCollectionUpload): Promise<CollectionUploadRefused> {
  try {
    await read(bytes, limits);
  } catch (error) {
    if (error instanceof CollectionUploadRefused) return error;
    throw error;
  }
  throw new Error('the file was not refused');
}

/** A ZIP archive with stored (uncompressed) entries; CRCs are left at zero, the parser refuses before reading contents. */
function storedZip(files: Record<string, string>, declaredSize?: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = utf8(name);
    const data = utf8(content);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, declaredSize ?? data.length, true);
    local.setUint16(26, nameBytes.length, true);
    const record = new DataView(new ArrayBuffer(46));
    record.setUint32(0, 0x02014b50, true);
    record.setUint32(20, data.length, true);
    record.setUint32(24, declaredSize ?? data.length, true);
    record.setUint16(28, nameBytes.length, true);
    record.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), nameBytes, data);
    central.push(new Uint8Array(record.buffer), nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, Object.keys(files).length, true);
  end.setUint16(10, Object.keys(files).length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  return Buffer.concat([...parts, ...central, new Uint8Array(end.buffer)]);
}

describe('parseCollectionUpload — workbook', () => {
  it('reads the untouched template back: unit, year, data date, and one cell per row × period column', async () => {
    const parsed = await parseCollectionUpload(await filledTemplate());
    expect([parsed.format, parsed.unitCode, parsed.year, parsed.asOf]).toEqual(['xlsx', 'CRP-HDF', 2026, '2026-05-04T08:30:00.000Z']);
    expect(parsed.problems).toEqual([]);
    // Trimestres: 4 rows × 4 quarters; Année: 4 rows × 1.
    expect(parsed.cells.length).toBe(20);
    expect(filled(parsed)).toEqual({
      'ACT_FA|mineur|2026-Q1': 20,
      'ACT_FA|adulte|2026-Q1': 1180,
      'ACT_NEW||2026-Q1': 90,
      'ACT_NEW||2026-Q2': 95,
      'RES_BUDGET||2026': 12.5,
      'NET_MAP||2026': 'oui',
      'NET_NOTE||2026': 'Ouverture d’une antenne',
    });
    const q2 = parsed.cells.find((c) => key(c) === 'ACT_NEW||2026-Q2')!;
    expect(q2).toEqual({ sheet: 'Trimestres', row: 5, column: 'H', indicatorCode: 'ACT_NEW', optionCode: null, period: '2026-Q2', raw: 95 });
    expect(cellLocation(q2)).toBe('Feuille Trimestres, ligne 5, colonne H');
  });

  it('round-trips what a user types: numbers, French text numbers, oui/non, cleared cells, formulas', async () => {
    const bytes = await filledTemplate((wb) => {
      const q = wb.getWorksheet('Trimestres')!;
      q.getCell('H3').value = 25;
      q.getCell('H4').value = '1 234';
      q.getCell('I5').value = { formula: 'H5+1', result: 96 };
      q.getCell('H5').value = null;
      const y = wb.getWorksheet('Année')!;
      y.getCell('G3').value = '12,75';
      y.getCell('G4').value = 45;
      y.getCell('G5').value = 'non';
      y.getCell('G6').value = { richText: [{ text: 'Deux ' }, { text: 'antennes', font: { bold: true } }] };
    });
    const parsed = await parseCollectionUpload(bytes);
    expect(parsed.problems).toEqual([]);
    expect(filled(parsed)).toEqual({
      'ACT_FA|mineur|2026-Q1': 20,
      'ACT_FA|mineur|2026-Q2': 25,
      'ACT_FA|adulte|2026-Q1': 1180,
      'ACT_FA|adulte|2026-Q2': '1 234',
      'ACT_NEW||2026-Q1': 90,
      'ACT_NEW||2026-Q3': 96,
      'RES_BUDGET||2026': '12,75',
      'FOR_RATE||2026': 45,
      'NET_MAP||2026': 'non',
      'NET_NOTE||2026': 'Deux antennes',
    });
    expect(parsed.cells.find((c) => key(c) === 'ACT_NEW||2026-Q2')?.raw).toBeNull();
  });

  it('locates cell problems by sheet, row and column: spreadsheet errors, dates, rows without a code, duplicate rows', async () => {
    const bytes = await filledTemplate((wb) => {
      const q = wb.getWorksheet('Trimestres')!;
      q.getCell('H3').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
      // « 1/2 » typed in a number cell: the spreadsheet stores a date and switches the cell to a date format.
      q.getCell('I4').value = new Date(Date.UTC(2026, 1, 1));
      // (A style of its own: a loaded workbook shares style objects between cells.)
      q.getCell('I4').style = { ...q.getCell('I4').style, numFmt: 'dd/mm/yyyy' };
      q.getCell('J5').value = { formula: 'A1+1' } as ExcelJS.CellFormulaValue;
      q.getCell('A7').value = null;
      q.getCell('H7').value = 4;
      q.getCell('A8').value = 'ACT_NEW';
      q.getCell('H8').value = 5;
    });
    const parsed = await parseCollectionUpload(bytes);
    expect(parsed.problems).toEqual([
      { location: 'Feuille Trimestres, ligne 3, colonne H', message: 'Erreur du tableur #DIV/0! : saisissez une valeur.' },
      { location: 'Feuille Trimestres, ligne 4, colonne I', message: 'Le tableur a lu une date : saisissez un nombre (par exemple 12 ou 12,5), sans « / ».' },
      { location: 'Feuille Trimestres, ligne 5, colonne J', message: 'Formule sans résultat calculé : saisissez la valeur elle-même.' },
      { location: 'Feuille Trimestres, ligne 7, colonne A', message: 'Code de l’indicateur manquant : cette ligne ne peut pas être lue.' },
      { location: 'Feuille Trimestres, ligne 8, colonne A', message: 'Ligne en double : ACT_NEW figure déjà ligne 5.' },
    ]);
    expect(parsed.cells.some((c) => c.row === 7 || c.row === 8)).toBeFalse();
    expect(parsed.cells.some((c) => c.row === 3 && c.column === 'H')).toBeFalse();
  });

  it('refuses a workbook that is not the template: no metadata sheet, a changed fixed column, an unknown period, a newer version', async () => {
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Trimestres').getCell('A1').value = 'Code indicateur';
    const noMeta = await refusal(Buffer.from(await plain.xlsx.writeBuffer()));
    expect(noMeta.reason).toBe('structure');
    expect(noMeta.message).toContain('Ce classeur n’est pas le modèle de saisie de CN2R Pilotage');

    const renamed = await refusal(await filledTemplate((wb) => (wb.getWorksheet('Trimestres')!.getCell('C1').value = 'Nom')));
    expect(renamed.message).toBe('Feuille Trimestres, ligne 1, colonne C : en-tête « Libellé » attendu, « Nom » trouvé. Ne modifiez pas les colonnes A à F du modèle.');

    const inserted = await refusal(await filledTemplate((wb) => wb.getWorksheet('Trimestres')!.spliceColumns(2, 0, ['Ajout'])));
    expect(inserted.message).toContain('Feuille Trimestres, ligne 1, colonne B : en-tête « Code modalité » attendu');

    const period = await refusal(await filledTemplate((wb) => (wb.getWorksheet('Trimestres')!.getCell('K1').value = 'T1 2027')));
    expect(period.message).toBe('Feuille Trimestres, ligne 1, colonne K : en-tête « T1 2027 » inattendu (une période de 2026 attendue, par exemple « T1 2026 »).');

    const twice = await refusal(await filledTemplate((wb) => (wb.getWorksheet('Trimestres')!.getCell('K1').value = 'T2 2026')));
    expect(twice.message).toBe('Feuille Trimestres, ligne 1, colonne K : la période « T2 2026 » apparaît deux fois.');

    const newer = await refusal(await filledTemplate((wb) => (wb.getWorksheet('Métadonnées')!.getCell('B2').value = 99)));
    expect(newer.message).toBe('Version de modèle inconnue (99) : téléchargez un nouveau modèle.');

    const noSheet = await refusal(
      await filledTemplate((wb) => {
        wb.getWorksheet('Trimestres')!.name = 'T';
        wb.getWorksheet('Année')!.name = 'A';
      }),
    );
    expect(noSheet.message).toContain('Aucune feuille de saisie trouvée');
  });

  it('refuses more cells than the limit before reading them, and counts them as the reading does', async () => {
    const file = await filledTemplate();
    const error = await refusal(file, { ...DEFAULT_UPLOAD_LIMITS, maxCells: 19 });
    expect(error.reason).toBe('too_large');
    expect(error.message).toBe('Trop de cellules à lire (plus de 19) : 19 au plus par import.');
    await expectAsync(checkCollectionUpload(file, { ...DEFAULT_UPLOAD_LIMITS, maxCells: 19 })).toBeRejectedWith(error);
    // The 20 cells the reading counts (rows × period columns of the two sheets) are within a limit of 20.
    const parsed = await parseCollectionUpload(file, { ...DEFAULT_UPLOAD_LIMITS, maxCells: 20 });
    expect(parsed.cells.length).toBe(20);
    await expectAsync(checkCollectionUpload(file, { ...DEFAULT_UPLOAD_LIMITS, maxCells: 20 })).toBeResolved();
  });

  it('refuses the issue’s workbook (1,9 million cells in 4,8 MB) within a fraction of a second, reading a small part of it', async () => {
    const file = issueOversizedWorkbook(await writeCollectionTemplate(collectionFixture()));
    expect(file.length).toBeLessThan(COLLECTION_UPLOAD_MAX_BYTES);
    for (const step of [checkCollectionUpload, parseCollectionUpload] as const) {
      const started = performance.now();
      const error = await refusal(file, DEFAULT_UPLOAD_LIMITS, step);
      const elapsed = performance.now() - started;
      expect([error.reason, error.message]).withContext(step.name).toEqual(['too_large', 'Trop de cellules à lire (plus de 50\u00A0000) : 50\u00A0000 au plus par import.']);
      // exceljs alone takes 20 s to load it; the count stops after 12 500 of its 100 000 rows.
      expect(elapsed).withContext(step.name).toBeLessThan(1500);
    }
  });

  it('refuses a workbook with too many cells anywhere, even in a sheet the import does not read', async () => {
    const template = await writeCollectionTemplate(collectionFixture());
    const guide = oversizedWorkbook(template, { sheet: 'Mode d’emploi', rows: 100, columns: 20 });
    const error = await refusal(guide, { ...DEFAULT_UPLOAD_LIMITS, maxWorkbookCells: 1000 });
    expect([error.reason, error.message]).toEqual(['too_large', 'Classeur trop volumineux (plus de 1\u00A0000 cellules) : utilisez le modèle téléchargé, sans données ajoutées.']);
    expect(DEFAULT_UPLOAD_LIMITS.maxWorkbookCells).toBe(400_000);
    // Within the limit, the added sheet is not read.
    expect((await parseCollectionUpload(guide)).cells.length).toBe((await parseCollectionUpload(template)).cells.length);
  });

  it('reads by default within the API’s limits, from shared: 5 Mo and 50 000 cells', () => {
    expect(DEFAULT_UPLOAD_LIMITS.maxBytes).toBe(COLLECTION_UPLOAD_MAX_BYTES);
    expect(DEFAULT_UPLOAD_LIMITS.maxCells).toBe(COLLECTION_UPLOAD_MAX_CELLS);
    expect([COLLECTION_UPLOAD_MAX_BYTES, COLLECTION_UPLOAD_MAX_CELLS]).toEqual([5 * 1024 * 1024, 50_000]);
  });
});

describe('parseCollectionUpload — CSV', () => {
  it('reads UTF-8 with a BOM, CRLF, quoted fields, French numbers and T for quarters', async () => {
    const csv = '\uFEFFindicateur;modalité;periode;valeur\r\nACT_FA;mineur;2026-T1;1 234\r\nact_new;;2026-Q2;12,5\r\n\r\nNET_NOTE;;2026;"Deux; ""antennes"""\r\nNET_MAP;;2026;oui\r\n';
    const parsed = await parseCollectionUpload(utf8(csv));
    expect([parsed.format, parsed.unitCode, parsed.year, parsed.asOf]).toEqual(['csv', null, null, null]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.cells).toEqual([
      { sheet: 'Fichier CSV', row: 2, column: 'D', indicatorCode: 'ACT_FA', optionCode: 'mineur', period: '2026-Q1', raw: '1 234' },
      { sheet: 'Fichier CSV', row: 3, column: 'D', indicatorCode: 'ACT_NEW', optionCode: null, period: '2026-Q2', raw: '12,5' },
      { sheet: 'Fichier CSV', row: 5, column: 'D', indicatorCode: 'NET_NOTE', optionCode: null, period: '2026', raw: 'Deux; "antennes"' },
      { sheet: 'Fichier CSV', row: 6, column: 'D', indicatorCode: 'NET_MAP', optionCode: null, period: '2026', raw: 'oui' },
    ]);
    expect(cellLocation(parsed.cells[1])).toBe('Fichier CSV, ligne 3');
  });

  it('reads UTF-8 without a BOM and LF line ends; an empty value clears', async () => {
    const parsed = await parseCollectionUpload(utf8('indicateur;modalite;periode;valeur\nACT_NEW;;2026-03;\nACT_NEW;;2026-04;7'));
    expect(parsed.cells.map((c) => [c.row, c.period, c.raw])).toEqual([
      [2, '2026-03', null],
      [3, '2026-04', '7'],
    ]);
  });

  it('locates line problems: wrong field count, missing code, bad period, duplicates', async () => {
    const csv = ['indicateur;modalite;periode;valeur', 'ACT_NEW;;2026-Q1', ';;2026-Q1;3', 'ACT_NEW;;T1;3', 'ACT_NEW;;2026-Q2;3', 'act_new;;2026-q2;4'].join('\n');
    const parsed = await parseCollectionUpload(utf8(csv));
    expect(parsed.problems).toEqual([
      { location: 'Fichier CSV, ligne 2', message: '4 champs séparés par « ; » attendus, 3 trouvés.' },
      { location: 'Fichier CSV, ligne 3', message: 'Code de l’indicateur manquant (colonne « indicateur »).' },
      { location: 'Fichier CSV, ligne 4', message: 'Période « T1 » invalide : AAAA (année), AAAA-T1 à AAAA-T4 (trimestre) ou AAAA-MM (mois) attendu.' },
      { location: 'Fichier CSV, ligne 6', message: 'Valeur en double : déjà donnée ligne 5 pour le même indicateur, la même modalité et la même période.' },
    ]);
    expect(parsed.cells.map((c) => c.row)).toEqual([5]);
  });

  it('refuses a CSV with commas, another header, another encoding, or nothing in it', async () => {
    const comma = await refusal(utf8('indicateur,modalite,periode,valeur\nACT_NEW,,2026-Q1,3\n'));
    expect(comma.message).toBe('Fichier CSV, ligne 1 : séparateur « ; » attendu (le fichier utilise des virgules). Première ligne attendue : « indicateur;modalite;periode;valeur ».');
    const header = await refusal(utf8('code;periode;valeur\nACT_NEW;2026-Q1;3\n'));
    expect(header.message).toBe('Fichier CSV, ligne 1 : en-tête « indicateur;modalite;periode;valeur » attendu, « code;periode;valeur » trouvé.');
    // « modalité » in Windows-1252: é is the single byte 0xE9, not valid UTF-8.
    const latin1 = Uint8Array.from([...utf8('indicateur;modalit'), 0xe9, ...utf8(';periode;valeur\r\n')]);
    expect((await refusal(latin1)).message).toContain('n’est pas encodé en UTF-8');
    expect((await refusal(utf8('\uFEFF\r\n\r\n'))).message).toBe('Le fichier CSV est vide : la première ligne doit être « indicateur;modalite;periode;valeur ».');
  });

  it('refuses more lines than the cell limit', async () => {
    const lines = ['indicateur;modalite;periode;valeur', ...Array.from({ length: 6 }, (_, i) => `ACT_NEW;;2026-0${i + 1};${i}`)];
    const error = await refusal(utf8(lines.join('\n')), { ...DEFAULT_UPLOAD_LIMITS, maxCells: 5 });
    expect([error.reason, error.message]).toEqual(['too_large', 'Trop de valeurs dans le fichier (6) : 5 au plus par import.']);
  });
});

describe('parseCollectionUpload — files that are not collection files', () => {
  it('refuses an empty file and a file over the size limit', async () => {
    expect((await refusal(new Uint8Array())).message).toBe('Le fichier est vide.');
    const big = await refusal(new Uint8Array(6 * 1024 * 1024));
    expect([big.reason, big.message]).toEqual(['too_large', 'Fichier trop volumineux (6\u00A0144 Ko) : 5 Mo au plus.']);
  });

  it('tells an old .xls (or password-protected workbook), a PDF and a binary file apart by their first bytes', async () => {
    const xls = await refusal(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    expect([xls.reason, xls.message]).toEqual([
      'unsupported',
      'Classeur Excel ancien (.xls) ou protégé par un mot de passe : enregistrez-le au format .xlsx, sans mot de passe, ou utilisez le modèle téléchargé.',
    ]);
    expect((await refusal(utf8('%PDF-1.7\n…'))).message).toBe('Un PDF ne peut pas être importé : envoyez le classeur .xlsx ou un fichier CSV.');
    const png = await refusal(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect([png.reason, png.message]).toEqual([
      'unsupported',
      'Ce fichier n’est ni un classeur Excel (.xlsx) ni un fichier CSV : utilisez le modèle téléchargé ou le format CSV décrit dans son mode d’emploi.',
    ]);
  });

  it('refuses a truncated or damaged workbook as corrupt', async () => {
    const whole = await filledTemplate();
    const truncated = await refusal(whole.subarray(0, Math.floor(whole.length / 2)));
    expect([truncated.reason, truncated.message]).toEqual([
      'corrupt',
      'Le classeur est endommagé ou incomplet (archive illisible) : enregistrez-le de nouveau au format .xlsx puis réessayez.',
    ]);
    const damaged = await refusal(storedZip({ '[Content_Types].xml': '<Types', 'xl/workbook.xml': '<<<not xml' }));
    expect(damaged.reason).toBe('corrupt');
    expect(damaged.message).toContain('Le classeur est endommagé');
  });

  it('refuses a ZIP that is not a workbook, and one that would inflate beyond the limit', async () => {
    const zip = await refusal(storedZip({ 'notes.txt': 'bonjour' }));
    expect([zip.reason, zip.message]).toEqual(['unsupported', 'Cette archive ZIP n’est pas un classeur Excel (.xlsx).']);
    const bomb = await refusal(storedZip({ 'xl/workbook.xml': 'x' }, 300 * 1024 * 1024));
    expect([bomb.reason, bomb.message]).toEqual(['too_large', 'Classeur trop volumineux une fois décompressé (300 Mo) : utilisez le modèle téléchargé, sans données ajoutées.']);
    // Sizes understated in the directory: the bytes actually inflated are counted, and the inflating stops at the limit.
    const template = unzipped(await writeCollectionTemplate(collectionFixture()));
    const liar = deflatedZip([...template, ['xl/media/image1.png', new Uint8Array(3 * 1024 * 1024)]]);
    const view = new DataView(liar.buffer, liar.byteOffset, liar.byteLength);
    const directory = view.getUint32(liar.length - 22 + 16, true);
    for (let at = directory; view.getUint32(at, true) === 0x02014b50; at += 46 + view.getUint16(at + 28, true)) view.setUint32(at + 24, 1, true);
    const lie = await refusal(liar, { ...DEFAULT_UPLOAD_LIMITS, maxUnzippedBytes: 2 * 1024 * 1024 });
    expect([lie.reason, lie.message]).toEqual(['too_large', 'Classeur trop volumineux une fois décompressé (plus de 2 Mo) : utilisez le modèle téléchargé, sans données ajoutées.']);
    // A damaged deflate stream is a damaged workbook.
    const broken = Buffer.from(deflatedZip(template));
    const sheet = broken.indexOf('xl/worksheets/sheet2.xml') + 'xl/worksheets/sheet2.xml'.length;
    broken.fill(0xff, sheet + 10, sheet + 60);
    expect((await refusal(broken)).message).toContain('Le classeur est endommagé');
  });
});

describe('valueFromRaw', () => {
  const cases: [raw: string | number | boolean | null, type: Parameters<typeof valueFromRaw>[1], expected: ReturnType<typeof valueFromRaw>][] = [
    [null, 'count', { ok: true, value: null }],
    [12, 'count', { ok: true, value: 12 }],
    ['1 234', 'count', { ok: true, value: 1234 }],
    ['12,5', 'decimal', { ok: true, value: 12.5 }],
    ['45 %', 'percentage', { ok: true, value: 45 }],
    ['douze', 'count', { ok: false, message: 'Nombre attendu, par exemple 1 234 ou 12,5.' }],
    ['oui', 'boolean', { ok: true, value: true }],
    ['Non', 'boolean', { ok: true, value: false }],
    [true, 'boolean', { ok: true, value: true }],
    [1, 'boolean', { ok: true, value: true }],
    [0, 'boolean', { ok: true, value: false }],
    [2, 'boolean', { ok: false, message: 'Réponse attendue : oui ou non.' }],
    [42, 'text', { ok: true, value: '42' }],
    [true, 'count', { ok: false, message: 'Nombre attendu, par exemple 1 234 ou 12,5.' }],
  ];
  for (const [raw, type, expected] of cases) {
    it(`reads ${JSON.stringify(raw)} as ${type}`, () => expect(valueFromRaw(raw, type)).toEqual(expected));
  }
  it('leaves type and bounds of an Excel number to the server checks (2.5 stays 2.5 for a count)', () => {
    expect(valueFromRaw(2.5, 'count')).toEqual({ ok: true, value: 2.5 });
  });
});
