import ExcelJS from 'exceljs';
import { ACTIVITY_SECTION_KEYS, FINANCIAL_SECTION_KEYS } from '@cn2r/shared';
import { activityReportFixture, financialReportFixture, FIXTURE_GENERATED_AT, WORKED_EXAMPLE } from './annual-report-fixture.js';
import { ACTIVITY_SHEETS } from './activity-report-document.js';
import { FINANCIAL_SHEETS } from './financial-summary-document.js';
import { buildActivityReportWorkbook } from './build-activity-report-workbook.js';
import { buildFinancialSummaryWorkbook } from './build-financial-summary-workbook.js';
import { SMALL_CELL_NOTE, SMALL_CELL_TEXT } from './annual-document.js';
import { CONTENTS_SHEET } from './write-annual-workbook.js';
import { zipEntries, dosDateTime } from '../zip/zip-directory.js';

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/** The row whose first cell is `label`, after `from`. */
function rowOf(sheet: ExcelJS.Worksheet, label: string, from = 1): ExcelJS.Row {
  for (let r = from; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === label) return sheet.getRow(r);
  throw new Error(`« ${label} » absent de ${sheet.name}`);
}

describe('buildFinancialSummaryWorkbook', () => {
  let workbook: ExcelJS.Workbook;
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await buildFinancialSummaryWorkbook(financialReportFixture());
    workbook = await read(bytes);
  });

  it('has a contents sheet, then one sheet per section in the outline order, linked from the contents', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([CONTENTS_SHEET, ...FINANCIAL_SECTION_KEYS.map((k) => FINANCIAL_SHEETS[k])]);
    const contents = workbook.getWorksheet(CONTENTS_SHEET)!;
    expect(contents.getCell('A1').value).toBe('Bilan financier 2026');
    const link = contents.getCell('C12').value as ExcelJS.CellHyperlinkValue;
    expect(link.text).toBe('MIG H15');
    expect(link.hyperlink).toBe("#'MIG H15'!A1");
  });

  it('MIG H15: the four lines of docs/domain/money.md, totals and balance as formulas without a cached value, euro formats', () => {
    const sheet = workbook.getWorksheet('MIG H15')!;
    const psychiatrist = rowOf(sheet, 'Psychiatre (1 ETP)');
    expect(psychiatrist.getCell(4).value).toBe(120_000);
    expect(psychiatrist.getCell(5).value).toBe(100_602.74);
    expect(psychiatrist.getCell(4).numFmt).toBe('#,##0.00 "€"');
    expect(psychiatrist.getCell(3).value).toBeCloseTo(306 / 365, 10);
    expect(psychiatrist.getCell(3).numFmt).toBe('0.00');
    const r = psychiatrist.number;
    expect(psychiatrist.getCell(6).formula).toBe(`IF(OR(D${r}="",E${r}=""),"",D${r}-E${r})`);
    expect(psychiatrist.getCell(7).formula).toContain(`E${r}/D${r}`);
    expect(psychiatrist.getCell(7).numFmt).toBe('0.0 %');

    const total = rowOf(sheet, 'Total');
    const first = psychiatrist.number;
    expect(total.getCell(4).formula).toBe(`SUM(D${first}:D${first + 3})`);
    expect(total.getCell(5).formula).toBe(`SUM(E${first}:E${first + 3})`);
    expect((total.getCell(5).value as ExcelJS.CellFormulaValue).result).toBeUndefined();
    expect(rowOf(sheet, 'Reliquat à justifier ou à reporter').getCell(2).value).toBe(WORKED_EXAMPLE.unspentCents / 100);
    expect(rowOf(sheet, 'Dépensé sur la MIG H15').getCell(2).value).toBe(248_154.76);
  });

  it('freezes the header row, prints on A4 fitted to the width with the header repeated and page numbers', () => {
    for (const sheet of workbook.worksheets) {
      const view = sheet.views[0] as ExcelJS.WorksheetViewFrozen;
      expect(view.state).withContext(sheet.name).toBe('frozen');
      expect(sheet.pageSetup.paperSize).withContext(sheet.name).toBe(9);
      expect(sheet.pageSetup.fitToPage).toBeTrue();
      expect(sheet.pageSetup.fitToWidth).toBe(1);
      expect(sheet.pageSetup.fitToHeight).toBe(0);
      expect(sheet.pageSetup.printTitlesRow).toBe(`${view.ySplit}:${view.ySplit}`);
      expect(sheet.headerFooter.oddFooter).toContain('Page &P / &N');
    }
    const execution = workbook.getWorksheet('Exécution par enveloppe')!;
    const header = (execution.views[0] as ExcelJS.WorksheetViewFrozen).ySplit!;
    expect(execution.getCell(header, 2).value).toBe('BI — AE');
    expect(execution.getCell(header - 1, 1).value).toBe('Autorisations budgétaires 2026 par enveloppe');
  });

  it('shows the section narrative under its title', () => {
    const sheet = workbook.getWorksheet('MIG H15')!;
    expect(sheet.getCell('A1').value).toBe('Suivi de la MIG H15 — 2026');
    expect(sheet.getCell('A2').value).toContain('Le reliquat sera justifié');
  });

  it('dates the workbook from the snapshot and writes the same bytes twice', async () => {
    expect(workbook.created.toISOString()).toBe(FIXTURE_GENERATED_AT);
    expect(workbook.modified.toISOString()).toBe(FIXTURE_GENERATED_AT);
    const again = await buildFinancialSummaryWorkbook(financialReportFixture());
    expect(Buffer.compare(again, bytes)).toBe(0);
    const dos = dosDateTime(new Date(FIXTURE_GENERATED_AT));
    for (const entry of zipEntries(bytes)) expect(bytes.readUInt16LE(entry.localOffset + 12)).withContext(entry.name).toBe(dos.date);
  });
});

describe('buildActivityReportWorkbook', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await read(await buildActivityReportWorkbook(activityReportFixture()));
  });

  it('has a contents sheet, then one sheet per section', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([CONTENTS_SHEET, ...ACTIVITY_SECTION_KEYS.map((k) => ACTIVITY_SHEETS[k])]);
  });

  it('per-unit tables end with a total formula by the indicator’s own aggregation', () => {
    const sheet = workbook.getWorksheet('Activité du réseau')!;
    const title = rowOf(sheet, 'File active (patients distincts vus) par centre');
    const total = rowOf(sheet, 'Total du réseau', title.number);
    expect(total.getCell(4).formula).toBe(`SUM(D${title.number + 2}:D${total.number - 1})`);
    expect(sheet.getCell(title.number + 2, 1).value).toBe('CRP Bourgogne-Franche-Comté');
    const delay = rowOf(sheet, 'Délai médian du premier contact au premier rendez-vous par centre');
    expect(rowOf(sheet, 'Médiane des centres', delay.number).getCell(4).formula).toMatch(/^MEDIAN\(D\d+:D\d+\)$/);
    const change = total.getCell(5);
    expect(change.formula).toBe(`IF(OR(ISNUMBER(D${total.number})=FALSE,ISNUMBER(C${total.number})=FALSE,C${total.number}=0),"",(D${total.number}-C${total.number})/C${total.number})`);
  });

  it('shows sensitive counts of 1 to 4 as « < 5 » with the rule in a note, other values as numbers', () => {
    const data = activityReportFixture();
    const sheet = workbook.getWorksheet('Annexes par centre')!;
    const events = data.annexes[0].rows.filter((r) => r.indicatorCode === 'ACT_EVT' && r.optionLabel !== null);
    const small = events.find((r) => r.n !== null && r.n >= 1 && r.n <= 4)!;
    const large = events.find((r) => r.n !== null && r.n >= 5)!;
    // One table per unit, under the unit's name; the first is the first CRP.
    const title = rowOf(sheet, 'CRP Bourgogne-Franche-Comté');
    expect(sheet.getCell(title.number + 1, 3).value).toBe('2025');
    const evtLabel = data.annexes[0].rows.find((r) => r.indicatorCode === 'ACT_EVT')!.label;
    const cellFor = (option: string) => {
      for (let r = title.number; r <= sheet.rowCount; r++) {
        if (sheet.getCell(r, 1).value === evtLabel && sheet.getCell(r, 2).value === option) return sheet.getCell(r, 4);
      }
      throw new Error(option);
    };
    expect(cellFor(small.optionLabel!).value).toBe(SMALL_CELL_TEXT);
    expect(cellFor(large.optionLabel!).value).toBe(large.n);
    let note = false;
    sheet.eachRow((row) => (note ||= row.getCell(1).value === SMALL_CELL_NOTE));
    expect(note).toBeTrue();
    // Age bands are not sensitive: a small count stays a number.
    const ages = workbook.getWorksheet('Activité du réseau')!;
    let masked = 0;
    ages.eachRow((row) => row.eachCell((cell) => (masked += cell.value === SMALL_CELL_TEXT ? 1 : 0)));
    const networkSmall = data.networkActivity.flatMap((i) => i.disaggregation?.options ?? []).filter((o) => o.sensitive && o.value !== null && o.value >= 1 && o.value <= 4).length;
    expect(masked).toBe(networkSmall);
  });

  it('annexes: a whole value in the count format, a median’s half with one decimal, in the same column', async () => {
    const data = activityReportFixture();
    const median = data.annexes[0].rows.find((r) => r.indicatorCode === 'ACT_WAIT_D')!;
    const withHalf = { ...data, annexes: [{ ...data.annexes[0], rows: data.annexes[0].rows.map((r) => (r === median ? { ...r, n: 85.5 } : r)) }, ...data.annexes.slice(1)] };
    const sheet = (await read(await buildActivityReportWorkbook(withHalf))).getWorksheet('Annexes par centre')!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => cells.push(row.getCell(4)));
    const half = cells.find((c) => c.value === 85.5)!;
    expect(half.numFmt).toBe('#,##0.0');
    const wholes = cells.filter((c) => typeof c.value === 'number' && Number.isInteger(c.value));
    expect(wholes.length).toBeGreaterThan(10);
    expect(wholes.filter((c) => c.numFmt !== '#,##0')).toEqual([]);
  });

  it('completeness: expected, submitted and on-time counts with rates as formulas', () => {
    const sheet = workbook.getWorksheet('Collecte')!;
    const network = rowOf(sheet, 'Réseau');
    expect(network.getCell(2).formula).toMatch(/^SUM\(B\d+:B\d+\)$/);
    expect(network.getCell(6).formula).toContain(`C${network.number}/B${network.number}`);
    expect(network.getCell(6).numFmt).toBe('0.0 %');
  });
});
