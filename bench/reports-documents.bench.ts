/**
 * The four annual documents (activity report and financial summary, xlsx and PDF) built from the
 * fixture generator at network scale (10 CRP + CN2R) and at 20× (200 CRP): median time and peak
 * memory (each case in its own process, so the peak RSS is that case's), and the xlsx time against
 * a bare exceljs streaming write of the same number of cells. No database: the builders are pure.
 * `npm run bench -- reports-documents`.
 */
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { activityReportFixture, financialReportFixture } from '../reports/src/annual/annual-report-fixture.js';
import { activityReportDocument } from '../reports/src/annual/activity-report-document.js';
import { financialSummaryDocument } from '../reports/src/annual/financial-summary-document.js';
import { buildActivityReportWorkbook } from '../reports/src/annual/build-activity-report-workbook.js';
import { buildFinancialSummaryWorkbook } from '../reports/src/annual/build-financial-summary-workbook.js';
import { buildActivityReportPdf } from '../reports/src/annual/build-activity-report-pdf.js';
import { buildFinancialSummaryPdf } from '../reports/src/annual/build-financial-summary-pdf.js';
import type { AnnualDocument } from '../reports/src/annual/annual-document.js';

type Case = 'activity-xlsx' | 'activity-pdf' | 'financial-xlsx' | 'financial-pdf' | 'bare-activity' | 'bare-financial';
const CASES: Case[] = ['activity-xlsx', 'activity-pdf', 'financial-xlsx', 'financial-pdf', 'bare-activity', 'bare-financial'];
const SCALES = [10, 200];

/** Cells of a document's sheets (header, rows, total), what the bare write reproduces. */
function cellCount(document: AnnualDocument): { rows: number; cells: number } {
  let rows = 0;
  let cells = 0;
  for (const section of document.sections) {
    for (const table of section.tables) {
      const r = table.rows.length + 1 + (table.totalLabel ? 1 : 0);
      rows += r;
      cells += r * table.columns.length;
    }
  }
  return { rows, cells };
}

/** A streaming exceljs write of `cells` numeric cells in rows of the document's average width. */
async function bareStreamingWrite(rows: number, cells: number): Promise<number> {
  const sink = new PassThrough();
  let size = 0;
  sink.on('data', (chunk: Buffer) => (size += chunk.length));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true });
  const sheet = workbook.addWorksheet('Données');
  const width = Math.max(1, Math.round(cells / rows));
  for (let r = 0; r < rows; r++) {
    const values: number[] = [];
    for (let c = 0; c < width; c++) values.push(r * width + c);
    sheet.addRow(values).commit();
  }
  await workbook.commit();
  return size;
}

async function runCase(name: Case, units: number, runs: number): Promise<void> {
  const activity = activityReportFixture({ units });
  const financial = financialReportFixture({ units });
  const build: Record<Case, () => Promise<number>> = {
    'activity-xlsx': async () => (await buildActivityReportWorkbook(activity)).length,
    'activity-pdf': async () => (await buildActivityReportPdf(activity)).length,
    'financial-xlsx': async () => (await buildFinancialSummaryWorkbook(financial)).length,
    'financial-pdf': async () => (await buildFinancialSummaryPdf(financial)).length,
    'bare-activity': () => {
      const { rows, cells } = cellCount(activityReportDocument(activity));
      return bareStreamingWrite(rows, cells);
    },
    'bare-financial': () => {
      const { rows, cells } = cellCount(financialSummaryDocument(financial));
      return bareStreamingWrite(rows, cells);
    },
  };
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    bytes = await build[name]();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const doc = name.startsWith('activity') || name === 'bare-activity' ? activityReportDocument(activity) : financialSummaryDocument(financial);
  console.log(
    JSON.stringify({ name, units, runs, medianMs: Math.round(samples[samples.length >> 1]), bytes, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...cellCount(doc) }),
  );
}

const [, , caseName, unitsArg] = process.argv;
if (caseName) {
  const units = Number(unitsArg);
  await runCase(caseName as Case, units, units > 10 ? 2 : 5);
} else {
  const self = fileURLToPath(import.meta.url);
  const results: Record<string, string | number>[] = [];
  for (const units of SCALES) {
    for (const name of CASES) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', self, name, String(units)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const line = child.stdout.trim().split('\n').at(-1) ?? '';
      if (child.status !== 0 || !line.startsWith('{')) {
        console.error(child.stderr);
        process.exitCode = 1;
        continue;
      }
      results.push(JSON.parse(line));
    }
  }
  console.table(results.map((r) => ({ document: r.name, centres: r.units, 'médiane (ms)': r.medianMs, 'octets': r.bytes, 'pic RSS (Mo)': r.peakRssMb, lignes: r.rows, cellules: r.cells })));
}
