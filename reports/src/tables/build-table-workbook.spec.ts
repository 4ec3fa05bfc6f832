import ExcelJS from 'exceljs';
import { buildTableWorkbook, tableFileName, TABLE_HEADER_ROW, type TableWorkbookData } from './build-table-workbook.js';

const data = (): TableWorkbookData => ({
  generatedAt: '2026-06-30T10:00:00.000Z',
  sheets: [
    {
      name: 'Exécution',
      title: 'Exécution 2026 par ligne',
      subtitle: 'Au 30/06/2026',
      columns: [
        { key: 'code', header: 'Ligne', kind: 'text' },
        { key: 'open', header: 'Ouvert (CP)', kind: 'euros', total: 'sum' },
        { key: 'paid', header: 'Payé', kind: 'euros', total: 'sum' },
        { key: 'rate', header: 'Taux', kind: 'percent', total: { ratioOf: 'paid', over: 'open' } },
        { key: 'count', header: 'Paiements', kind: 'integer', total: 'sum' },
        { key: 'last', header: 'Dernier paiement', kind: 'date' },
        { key: 'etpt', header: 'ETPT', kind: 'decimal' },
      ],
      rows: [
        { code: 'PERS', open: 12_000_000, paid: 10_060_274, rate: 8_384, count: 12, last: '2026-06-25', etpt: 307 / 365 },
        { code: 'FONC', open: 4_000_000, paid: 3_612_345, rate: 9_031, count: 1_234, last: null },
        { code: 'DEPL', open: 0, paid: 1, rate: null, count: 0, last: '2026-02-28' },
      ],
    },
    { name: 'Liste: A/B', title: 'Sans totaux', columns: [{ key: 'x', header: 'X', kind: 'text' }], rows: [] },
  ],
});

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

describe('buildTableWorkbook', () => {
  let workbook: ExcelJS.Workbook;
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    workbook = await readBack(await buildTableWorkbook(data()));
    sheet = workbook.worksheets[0];
  });

  it('names the sheets safely, with the title, subtitle and a frozen header row', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Exécution', 'Liste- A-B']);
    expect(sheet.getCell('A1').value).toBe('Exécution 2026 par ligne');
    expect(sheet.getCell('A1').font?.bold).toBeTrue();
    expect(sheet.getCell('A2').value).toBe('Au 30/06/2026');
    expect(sheet.getRow(TABLE_HEADER_ROW).values).toEqual([undefined, 'Ligne', 'Ouvert (CP)', 'Payé', 'Taux', 'Paiements', 'Dernier paiement', 'ETPT']);
    expect(sheet.views[0]).toEqual(jasmine.objectContaining({ state: 'frozen', ySplit: TABLE_HEADER_ROW }));
    expect(sheet.autoFilter).toEqual('A4:G7' as unknown as ExcelJS.AutoFilter);
    expect(workbook.created?.toISOString()).toBe('2026-06-30T10:00:00.000Z');
  });

  it('writes euros from cents, percentages from basis points, dates and integers as real values with French formats', () => {
    const row = sheet.getRow(5);
    expect(row.getCell(1).value).toBe('PERS');
    expect(row.getCell(2).value).toBe(120_000);
    expect(row.getCell(2).numFmt).toBe('#,##0.00 "€"');
    expect(row.getCell(3).value).toBe(100_602.74);
    expect(row.getCell(4).value).toBe(0.8384);
    expect(row.getCell(4).numFmt).toBe('0.00 %');
    expect(row.getCell(5).value).toBe(12);
    expect(row.getCell(5).numFmt).toBe('#,##0');
    expect((row.getCell(6).value as Date).toISOString()).toBe('2026-06-25T00:00:00.000Z');
    expect(row.getCell(6).numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getRow(6).getCell(6).value).toBeNull();
    expect(row.getCell(7).value).toBe(307 / 365);
    expect(row.getCell(7).numFmt).toBe('#,##0.00');
    expect(sheet.getRow(7).getCell(4).value).toBeNull();
  });

  it('adds a totals row of real formulas with exact cached results, a rate as the ratio of the totals', () => {
    const totals = sheet.getRow(8);
    expect(totals.getCell(1).value).toBe('Total');
    expect(totals.getCell(2).value).toEqual({ formula: 'SUM(B5:B7)', result: 160_000 } as ExcelJS.CellFormulaValue);
    expect(totals.getCell(3).value).toEqual({ formula: 'SUM(C5:C7)', result: 136_726.2 } as ExcelJS.CellFormulaValue);
    const rate = totals.getCell(4).value as ExcelJS.CellFormulaValue;
    expect(rate.formula).toBe('IF(B8=0,"",C8/B8)');
    expect(rate.result).toBeCloseTo(13_672_620 / 16_000_000, 12);
    expect(totals.getCell(5).value).toEqual({ formula: 'SUM(E5:E7)', result: 1_246 } as ExcelJS.CellFormulaValue);
    expect(totals.getCell(6).value).toBeNull();
    expect(totals.getCell(2).font?.bold).toBeTrue();
    // No totals row when no column asks for one, and an empty table still has its header.
    const other = workbook.worksheets[1];
    expect(other.getCell('A4').value).toBe('X');
    expect(other.rowCount).toBe(TABLE_HEADER_ROW);
  });

  it('gives the same bytes for the same data', async () => {
    const a = await buildTableWorkbook(data());
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const b = await buildTableWorkbook(data());
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('refuses values that are not what their kind expects, and totals that make no sense', async () => {
    const base = data();
    const sheetWith = (over: Partial<TableWorkbookData['sheets'][number]>) => ({ ...base, sheets: [{ ...base.sheets[0], ...over }] });
    await expectAsync(buildTableWorkbook(sheetWith({ rows: [{ code: 'X', open: 12.5 }] }))).toBeRejectedWithError(RangeError, /ligne 1, colonne « Ouvert \(CP\) »/);
    await expectAsync(buildTableWorkbook(sheetWith({ rows: [{ code: 'X', last: '30/06/2026' }] }))).toBeRejectedWithError(TypeError, /une date AAAA-MM-JJ est attendue/);
    await expectAsync(buildTableWorkbook(sheetWith({ columns: [{ key: 'rate', header: 'Taux', kind: 'percent', total: 'sum' }] }))).toBeRejectedWithError(
      RangeError,
      /seuls des euros ou des nombres s’additionnent/,
    );
    await expectAsync(buildTableWorkbook({ ...base, sheets: [] })).toBeRejectedWithError(RangeError);
  });

  it('makes a French file name', () => {
    expect(tableFileName('Exécution 2026 par ligne')).toBe('execution-2026-par-ligne.xlsx');
    expect(tableFileName('Comparaison 2024–2026 : enveloppes')).toBe('comparaison-2024-2026-enveloppes.xlsx');
  });
});
