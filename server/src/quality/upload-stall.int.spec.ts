import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { threadId } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { writeCollectionTemplate } from '../../../reports/src/collection/build-collection-template.js';
import { collectionFixture } from '../../../reports/src/collection/collection-fixture.js';
import { issueOversizedWorkbook, oversizedWorkbook } from '../../../reports/src/zip/oversized-workbook-fixture.js';
import type { App } from '../app.js';
import { uploadParserThread } from '../features/upload-parsing/index.js';
import { TestClient, signInFixtures, startFixtureApp, type Fixtures } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The issue's thresholds: the oversized upload answered within 2 s, each health check within 200 ms meanwhile. */
const ANSWER_MS = 2000;
const HEALTH_MS = 200;
const POLL_EVERY_MS = 50;

interface Measure {
  readonly res: Response;
  readonly answerMs: number;
  /** Every health check sent while the upload was under way: ms from when it was due to its answer. */
  readonly healthMs: number[];
  /** Resident memory before the upload and at its highest meanwhile, in MB. */
  readonly rssBeforeMb: number;
  readonly rssPeakMb: number;
}

/**
 * Finding « One upload stalls the server » (issue #15): a 4,8 MB workbook of 1,9 million cells was
 * loaded whole by exceljs before its size was checked — 20 s of the thread that serves HTTP, the
 * health checks timing out, memory doubling. It is now refused after a streamed count that stops at
 * the limit, and the reading of a file that passes runs in a worker thread.
 */
describe('an oversized workbook upload (issue #15, « One upload stalls the server »)', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let finance: TestClient;
  let template: Buffer;

  /**
   * This upload alone, measured: the parsing worker that an earlier spec started is stopped (on a
   * busy two-core machine its idle heap still costs the CPU), and this thread's garbage collected.
   */
  async function quiet(): Promise<void> {
    await uploadParserThread.close();
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  }

  /** Uploads `bytes` while polling /api/health every 50 ms, until the upload is answered. */
  async function measure(client: TestClient, url: string, bytes: Buffer): Promise<Measure> {
    const probe = new TestClient(app.app);
    await probe.get('/api/health'); // the probe's first request out of the measure
    const healthMs: number[] = [];
    const rssBeforeMb = process.memoryUsage().rss / 1e6;
    let rssPeakMb = rssBeforeMb;
    let done = false;
    // Latency as an outside prober sees it: from the moment its request was due (every 50 ms, or
    // as soon as the previous one was answered) to the answer. A thread blocked between two checks
    // delays the next one: that wait counts too.
    const polling = (async () => {
      let due = performance.now();
      while (!done) {
        const res = await probe.get('/api/health');
        const answered = performance.now();
        expect(res.status).toBe(200);
        healthMs.push(answered - due);
        rssPeakMb = Math.max(rssPeakMb, process.memoryUsage().rss / 1e6);
        due = Math.max(due + POLL_EVERY_MS, answered);
        await new Promise((resolve) => setTimeout(resolve, due - answered));
      }
    })();
    const started = performance.now();
    const res = await client.upload(url, bytes, XLSX);
    const answerMs = performance.now() - started;
    done = true;
    await polling;
    rssPeakMb = Math.max(rssPeakMb, process.memoryUsage().rss / 1e6);
    return { res, answerMs, healthMs, rssBeforeMb, rssPeakMb };
  }

  const summary = (what: string, m: Measure) =>
    `[upload-stall] ${what}: answer ${m.res.status} in ${Math.round(m.answerMs)} ms; ${m.healthMs.length} health checks, slowest ${Math.round(Math.max(...m.healthMs))} ms; ` +
    `rss ${Math.round(m.rssBeforeMb)} → ${Math.round(m.rssPeakMb)} MB at most`;

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp(async (knex) => {
      await knex('campaigns').insert({ year: 2026, label: 'Campagne 2026', status: 'open' });
    }));
    ({ admin, finance } = await signInFixtures(app.app, fx, 'admin', 'finance'));
    template = await writeCollectionTemplate(collectionFixture());
    issueOversizedWorkbook(template); // built once (a few seconds), kept in the temporary directory
  }, 120_000);
  afterAll(() => db.drop());

  it('answers the 1,9 M-cell collection workbook with a French 413 within 2 s, the health check answering within 200 ms all along', async () => {
    const file = issueOversizedWorkbook(template);
    expect(file.length).toBeGreaterThan(4.5 * 1024 * 1024);
    await quiet();
    const m = await measure(admin, `/api/units/${fx.unitA}/campaigns/2026/import?dryRun=true`, file);
    console.log(summary('collection import', m));
    expect(m.res.status).toBe(413);
    expect(m.res.body.error.message).toBe('Trop de cellules à lire (plus de 50\u00A0000) : 50\u00A0000 au plus par import.');
    expect(m.answerMs).toBeLessThan(ANSWER_MS);
    expect(m.healthMs.length).toBeGreaterThan(0);
    expect(Math.max(...m.healthMs)).toBeLessThan(HEALTH_MS);
    // exceljs held about 350 MB more for this file; the streamed count a few tens.
    expect(m.rssPeakMb - m.rssBeforeMb).toBeLessThan(200);
  });

  it('answers an accounting export of too many lines the same way', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Export').addRow(['date', 'ligne', 'type', 'tiers', 'objet', 'reference', 'montant']);
    const file = oversizedWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), { sheet: 'Export', rows: 200_000, columns: 7 });
    expect(file.length).toBeLessThan(5 * 1024 * 1024);
    await quiet();
    const m = await measure(finance, '/api/budget/2026/accounting-import?dryRun=true', file);
    console.log(summary('accounting import', m));
    expect(m.res.status).toBe(413);
    expect(m.res.body.error.message).toBe('Trop de lignes (plus de 20000) : 20000 au plus par import.');
    expect(m.answerMs).toBeLessThan(ANSWER_MS);
    expect(Math.max(...m.healthMs)).toBeLessThan(HEALTH_MS);
  });

  it('still reads a workbook within the limits, in the worker thread, and answers it', async () => {
    uploadParserThread.lastThreadId = null;
    const m = await measure(admin, `/api/units/${fx.unitA}/campaigns/2026/import?dryRun=true`, template);
    // Logged, not asserted: starting the worker (its TypeScript compiled by tsx) competes for the
    // CPU with this thread on a busy two-core machine.
    console.log(summary('template within the limits (worker thread)', m));
    // The fixture template names its own unit: the reading went through, the unit check answers.
    expect(m.res.status).withContext(JSON.stringify(m.res.body)).toBe(422);
    expect(m.res.body.error.message).toContain('CRP-HDF');
    expect(uploadParserThread.lastThreadId).not.toBeNull();
    expect(uploadParserThread.lastThreadId as number | null).not.toBe(threadId);
  }, 30_000);
});
