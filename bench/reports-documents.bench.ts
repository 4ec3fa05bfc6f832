/**
 * The four annual documents (activity report and financial summary, xlsx and PDF) built from the
 * fixture generator at network scale (10 CRP + CN2R) and at 20× (200 CRP): median time after a
 * warm-up and peak memory (each case in its own process, so the peak RSS is that case's; garbage
 * collected between two builds, as the server's builder thread does between two documents), and
 * each workbook beside a bare exceljs streaming write of the same number of cells, in the same
 * process, one after the other, with their ratio — in the current workbook format (streamed) and,
 * for comparison, in format 1 (in memory, the official versions generated before December 2026,
 * still rebuilt that way to verify them). No database: the builders are pure.
 * `npm run bench -- reports-documents`.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
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

type Case = 'activity-xlsx' | 'activity-xlsx-format-1' | 'activity-pdf' | 'financial-xlsx' | 'financial-xlsx-format-1' | 'financial-pdf';
const CASES: Case[] = ['activity-xlsx', 'activity-xlsx-format-1', 'activity-pdf', 'financial-xlsx', 'financial-xlsx-format-1', 'financial-pdf'];
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

/**
 * The garbage of a build collected before the next, as the server's builder thread does between
 * two documents (once the task that built it is over: until then its layout is still reachable).
 */
const gc = (globalThis as { gc?: () => void }).gc;
const collect = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  gc?.();
};

async function timed(fn: () => Promise<number>): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const bytes = await fn();
  return { ms: performance.now() - started, bytes };
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[samples.length >> 1];

/**
 * One document in this process: a warm-up build, then `runs` builds, each workbook followed by the
 * bare write of the same cells (side by side, so a load on the machine weighs on both alike).
 */
async function runCase(name: Case, units: number, runs: number): Promise<void> {
  const activity = activityReportFixture({ units });
  const financial = financialReportFixture({ units });
  const doc = name.startsWith('activity') ? activityReportDocument(activity) : financialSummaryDocument(financial);
  const { rows, cells } = cellCount(doc);
  const build: Record<Case, () => Promise<number>> = {
    'activity-xlsx': async () => (await buildActivityReportWorkbook(activity)).length,
    'activity-xlsx-format-1': async () => (await buildActivityReportWorkbook(activity, 1)).length,
    'activity-pdf': async () => (await buildActivityReportPdf(activity)).length,
    'financial-xlsx': async () => (await buildFinancialSummaryWorkbook(financial)).length,
    'financial-xlsx-format-1': async () => (await buildFinancialSummaryWorkbook(financial, 1)).length,
    'financial-pdf': async () => (await buildFinancialSummaryPdf(financial)).length,
  };
  const workbook = name.includes('xlsx');
  const samples: number[] = [];
  const bare: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= runs; i++) {
    await collect();
    const built = await timed(build[name]);
    bytes = built.bytes;
    await collect();
    const reference = workbook ? (await timed(() => bareStreamingWrite(rows, cells))).ms : 0;
    if (i === 0) continue; // warm-up
    samples.push(built.ms);
    bare.push(reference);
  }
  const medianMs = median(samples);
  const bareMs = workbook ? median(bare) : null;
  console.log(
    JSON.stringify({ name, units, runs, medianMs: Math.round(medianMs), bareMs: bareMs === null ? null : Math.round(bareMs), ratio: bareMs === null ? null : medianMs / bareMs, bytes, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rows, cells }),
  );
}

const [, , caseName, unitsArg] = process.argv;
if (caseName) {
  const units = Number(unitsArg);
  await runCase(caseName as Case, units, units > 10 ? 3 : 7);
} else {
  const self = fileURLToPath(import.meta.url);
  const results: Record<string, string | number | null>[] = [];
  for (const units of SCALES) {
    for (const name of CASES) {
      const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, name, String(units)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const line = child.stdout.trim().split('\n').at(-1) ?? '';
      if (child.status !== 0 || !line.startsWith('{')) {
        console.error(child.stderr);
        process.exitCode = 1;
        continue;
      }
      results.push(JSON.parse(line));
    }
  }
  const fr = (n: number, digits = 0) => n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const labels: Record<Case, string> = {
    'activity-xlsx': 'Rapport d’activité, xlsx',
    'activity-xlsx-format-1': 'Rapport d’activité, xlsx au format 1 (versions d’avant décembre 2026)',
    'activity-pdf': 'Rapport d’activité, PDF',
    'financial-xlsx': 'Bilan financier, xlsx',
    'financial-xlsx-format-1': 'Bilan financier, xlsx au format 1',
    'financial-pdf': 'Bilan financier, PDF',
  };
  // The table as bench-app's printTable writes it (not imported: the server's modules would weigh on each case's memory).
  const headers = ['Document', 'Centres', 'Lignes / cellules', 'Médiane (ms)', 'Écriture exceljs nue des mêmes cellules (ms)', 'Rapport à l’écriture nue', 'Taille (octets)', 'Pic de mémoire (Mo)'];
  console.log(`\n| ${headers.join(' | ')} |\n|${' --- |'.repeat(headers.length)}`);
  for (const r of results) {
    console.log(
      `| ${labels[r.name as Case]} | ${r.units} | ${fr(r.rows as number)} / ${fr(r.cells as number)} | ${fr(r.medianMs as number)} | ${r.bareMs === null ? '—' : fr(r.bareMs as number)} | ${r.ratio === null ? '—' : `${fr(r.ratio as number, 1)}×`} | ${fr(r.bytes as number)} | ${r.peakRssMb} |`,
    );
  }
  console.log(`\nCharge de la machine : ${loadavg().map((l) => fr(l, 2)).join(' ; ')}`);
}
