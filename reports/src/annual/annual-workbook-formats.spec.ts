import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { zipEntries } from '../zip/zip-directory.js';
import { activityReportDocument } from './activity-report-document.js';
import { financialSummaryDocument } from './financial-summary-document.js';
import { activityReportFixture, financialReportFixture } from './annual-report-fixture.js';
import { ANNUAL_WORKBOOK_FORMAT, writeAnnualWorkbook } from './write-annual-workbook.js';

/** Where the compressed data of the entry `name` starts (after its local header). */
function dataOffset(bytes: Buffer, name: string): number {
  const entry = zipEntries(bytes).find((e) => e.name.replace(/^\//, '') === name)!;
  return entry.localOffset + 30 + bytes.readUInt16LE(entry.localOffset + 26) + bytes.readUInt16LE(entry.localOffset + 28);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Everything a reader of the workbook sees, as plain data (read back by exceljs, whatever the format wrote). */
async function readBack(bytes: Buffer): Promise<unknown> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return {
    creator: workbook.creator,
    lastModifiedBy: workbook.lastModifiedBy,
    title: workbook.title,
    company: workbook.company,
    created: workbook.created?.toISOString(),
    modified: workbook.modified?.toISOString(),
    calcProperties: workbook.calcProperties,
    definedNames: workbook.definedNames.model,
    sheets: workbook.worksheets.map((sheet) => {
      const cells: unknown[] = [];
      const rows: unknown[] = [];
      sheet.eachRow({ includeEmpty: true }, (row, r) => {
        rows.push([r, row.height]);
        row.eachCell({ includeEmpty: true }, (cell) => cells.push([cell.address, cell.type, cell.value, cell.style]));
      });
      return {
        name: sheet.name,
        views: sheet.views,
        pageSetup: sheet.pageSetup,
        headerFooter: sheet.headerFooter,
        columns: (sheet.columns ?? []).map((c) => c.width),
        merges: Object.keys((sheet as unknown as { _merges: Record<string, unknown> })._merges).sort(),
        rows,
        cells,
      };
    }),
  };
}

describe('annual workbook formats', () => {
  const activity = activityReportDocument(activityReportFixture({ units: 10 }));
  const financial = financialSummaryDocument(financialReportFixture({ units: 10 }));

  it('format 1 (versions generated until December 2026) still gives the very bytes it gave: they verify', async () => {
    // Measured on the builder of format 1 before format 2 existed.
    expect(sha256(await writeAnnualWorkbook(activity, 1))).toBe('4511ebe0c18cd8d76a47e31b7517abd48098d811f62d9f4434f7f3ccb449b198');
    expect(sha256(await writeAnnualWorkbook(financial, 1))).toBe('482a0c68da6353f7ac62802de1e0e1f12df43cfb8a94e6291f3c33d089c58105');
  });

  it('builds in format 2 by default', async () => {
    expect(ANNUAL_WORKBOOK_FORMAT).toBe(2);
    expect(sha256(await writeAnnualWorkbook(activity))).toBe(sha256(await writeAnnualWorkbook(activity, 2)));
  });

  it('format 2 gives the same bytes for the same document, built seconds apart', async () => {
    const first = await writeAnnualWorkbook(financial, 2);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // past the 2-second grain of a ZIP date
    expect(sha256(await writeAnnualWorkbook(financial, 2))).toBe(sha256(first));
  });

  it('format 2 reads back exactly as format 1: cells, formulas, styles, merges, views, page setup, print titles, properties', async () => {
    for (const document of [activity, financial]) {
      const [one, two] = [await writeAnnualWorkbook(document, 1), await writeAnnualWorkbook(document, 2)];
      expect(sha256(two)).not.toBe(sha256(one));
      const [a, b] = [await readBack(one), await readBack(two)];
      expect(b).withContext(document.title).toEqual(a);
      // What exceljs does not read back: recalculation on opening (the formulas carry no cached value), the company.
      for (const bytes of [one, two]) {
        const text = (name: string) => inflateRawSync(bytes.subarray(dataOffset(bytes, name))).toString('utf8');
        expect(text('xl/workbook.xml')).toContain('fullCalcOnLoad="1"');
        expect(text('docProps/app.xml')).toContain(`<Company>${document.organisation}</Company>`);
      }
    }
  });
});
