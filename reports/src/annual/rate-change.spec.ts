import ExcelJS from 'exceljs';
import { derivedValue } from './annual-document.js';
import { keyFigureTable } from './activity-report-document.js';
import { financialReportFixture } from './annual-report-fixture.js';
import { buildFinancialSummaryPdf } from './build-financial-summary-pdf.js';
import { buildFinancialSummaryWorkbook } from './build-financial-summary-workbook.js';
import { pdfPagesText } from './pdf-text.js';

/**
 * Year-over-year tables: a rate changes in points, a count or an amount in percent. The fixture's
 * CP execution rate goes from 91,05 % to 93,12 %: +2,07 points (« +2,1 pt »), not the relative
 * 2,27 % (« 2,3 % ») the table used to print.
 */
describe('changes of rates in points, of amounts in percent', () => {
  it('gives a table of rates a change column in points, a table of amounts one in percent', () => {
    const tables = keyFigureTable(
      [
        { code: 'CP_RATE', label: 'Taux d’exécution des CP', kind: 'percent', n: 9_312, n1: 9_105, n2: 8_870 },
        { code: 'PAID', label: 'CP consommés', kind: 'euros', n: 68_234_567, n1: 64_120_033, n2: 59_876_410 },
      ],
      2026,
    );
    const rates = tables.find((t) => t.columns[3].kind === 'percent')!;
    expect(rates.columns[4]).toEqual({ header: 'Évolution 2026/2025 (points)', kind: 'points', derived: { points: [3, 2] } });
    expect(derivedValue(rates.columns[4].derived!, rates.columns, rates.rows[0])).toBeCloseTo(2.07, 10);
    const amounts = tables.find((t) => t.columns[3].kind === 'euros')!;
    expect(amounts.columns[4]).toEqual({ header: 'Évolution 2026/2025', kind: 'percent', derived: { change: [3, 2] } });
    // (68 234 567 − 64 120 033) / 64 120 033 = 6,417 %.
    expect(derivedValue(amounts.columns[4].derived!, amounts.columns, amounts.rows[0])).toBeCloseTo(0.06417, 5);
  });

  it('writes the workbook’s change of a rate as a difference times 100, shown « +0.0 pt »', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildFinancialSummaryWorkbook(financialReportFixture())) as unknown as ArrayBuffer);
    const found: { formula: string; numFmt: string }[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.value === 'Évolution 2026/2025 (points)') {
            const below = sheet.getCell(Number(cell.row) + 1, Number(cell.col));
            found.push({ formula: (below.value as { formula: string }).formula, numFmt: below.numFmt });
          }
        }),
      ),
    );
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(f.formula).toMatch(/^IF\(OR\(ISNUMBER\(D\d+\)=FALSE,ISNUMBER\(C\d+\)=FALSE\),"",\(D\d+-C\d+\)\*100\)$/);
      expect(f.numFmt).toBe('+0.0" pt";-0.0" pt";0.0" pt"');
    }
  });

  it('prints « +2,1 pt » for the execution rate in the PDF, never a relative change of a rate', async () => {
    const text = pdfPagesText(await buildFinancialSummaryPdf(financialReportFixture())).join('\n');
    expect(text).toContain('Taux d’exécution des CP | 88,7\u00A0% | 91,1\u00A0% | 93,1\u00A0% | +2,1\u00A0pt');
    expect(text).not.toMatch(/Taux d’exécution des CP \|[^\n]*\| 2,3\u00A0%/);
  });
});
