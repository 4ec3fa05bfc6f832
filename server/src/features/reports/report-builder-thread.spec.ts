import { threadId } from 'node:worker_threads';
import { activityReportFixture, financialReportFixture } from '../../../../reports/src/annual/annual-report-fixture.js';
import { annualReportBuilders } from './annual-report-builders.js';
import { BUILDER_THREADS, ReportBuilderThread } from './report-builder-thread.js';

describe('ReportBuilderThread', () => {
  let thread: ReportBuilderThread;

  beforeEach(() => {
    thread = new ReportBuilderThread();
  });

  afterEach(async () => {
    await thread.close();
  });

  it('builds the four documents in another thread, byte for byte as the builders do in this one', async () => {
    const activity = activityReportFixture();
    const financial = financialReportFixture();
    const cases: [string, () => Promise<Buffer>, () => Promise<Buffer>][] = [
      ['activity.xlsx', () => thread.activityWorkbook(activity), () => annualReportBuilders.activityWorkbook(activity)],
      ['activity.xlsx in format 1', () => thread.activityWorkbook(activity, 1), () => annualReportBuilders.activityWorkbook(activity, 1)],
      ['activity.pdf', () => thread.activityPdf(activity), () => annualReportBuilders.activityPdf(activity)],
      ['financial.xlsx', () => thread.financialWorkbook(financial), () => annualReportBuilders.financialWorkbook(financial)],
      ['financial.pdf', () => thread.financialPdf(financial), () => annualReportBuilders.financialPdf(financial)],
    ];
    for (const [file, inWorker, here] of cases) {
      const bytes = await inWorker();
      expect(Buffer.isBuffer(bytes)).withContext(file).toBeTrue();
      expect(bytes.length).withContext(file).toBeGreaterThan(1000);
      expect(bytes.equals(await here())).withContext(file).toBeTrue();
      expect(thread.lastThreadId).withContext(file).not.toBe(threadId);
      expect(thread.lastThreadId).withContext(file).not.toBeNull();
    }
  });

  it('builds with a builder taken off the object, as the routes call it', async () => {
    const pick = (xlsx: boolean) => (xlsx ? thread.financialWorkbook : thread.financialPdf);
    expect((await pick(true)(financialReportFixture())).subarray(0, 2).toString()).toBe('PK');
  });

  it('builds several documents at once, each answer to its own request', async () => {
    const small = activityReportFixture();
    const [pdf, xlsx] = await Promise.all([thread.financialPdf(financialReportFixture()), thread.activityWorkbook(small)]);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });

  it('builds one document at a time in one thread when sized so, and in two threads at most by default, each answer to its request', async () => {
    expect(BUILDER_THREADS).toBe(2);
    const financial = financialReportFixture();
    await thread.close();
    thread = new ReportBuilderThread(60_000, 1);
    await Promise.all([thread.financialWorkbook(financial), thread.financialWorkbook(financial)]);
    expect(thread.workers).toBe(1);
    await thread.close();
    thread = new ReportBuilderThread();
    const threads = new Set<number>();
    const built = await Promise.all(
      [thread.financialPdf, thread.financialWorkbook, thread.financialPdf].map(async (build) => {
        const bytes = await build(financial);
        threads.add(thread.lastThreadId!);
        return bytes.subarray(0, 2).toString();
      }),
    );
    expect(built).toEqual(['%P', 'PK', '%P']);
    expect(thread.workers).toBe(2);
    expect(threads.size).toBe(2);
    expect(threads.has(threadId)).toBeFalse();
  });

  it('starts its workers ahead of the first build when warmed up, and no other', async () => {
    thread.warmUp();
    thread.warmUp();
    expect(thread.workers).toBe(BUILDER_THREADS);
    expect((await thread.financialWorkbook(financialReportFixture())).subarray(0, 2).toString()).toBe('PK');
    expect(thread.workers).toBe(BUILDER_THREADS);
  });

  it('warms up when started (each document built once), says when it is ready, and answers a build asked meanwhile after it', async () => {
    // One thread: `ready()` waits for every thread, and the build asked goes to one of them.
    await thread.close();
    thread = new ReportBuilderThread(60_000, 1);
    const events: string[] = [];
    thread.warmUp();
    const built = thread.activityWorkbook(activityReportFixture()).then((bytes) => (events.push('built'), bytes));
    const ready = thread.ready().then(() => events.push('ready'));
    const bytes = await built;
    await ready;
    expect(events).toEqual(['ready', 'built']);
    expect(bytes.equals(await annualReportBuilders.activityWorkbook(activityReportFixture()))).toBeTrue();
    expect(thread.workers).toBe(1);
  });

  it('stops after its idle delay, counted from when it is ready, and pushed back by another warm-up', async () => {
    await thread.close();
    thread = new ReportBuilderThread(2_000, 1);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    thread.warmUp();
    await thread.ready();
    await sleep(1_200);
    thread.warmUp();
    await sleep(1_200);
    expect(thread.workers).withContext('2,4 s after ready, warmed up again at 1,2 s').toBe(1);
    await sleep(2_500);
    expect(thread.workers).withContext('stopped 2 s after the last warm-up').toBe(0);
  });

  it('turns a builder’s failure into a rejected build, and goes on building', async () => {
    await expectAsync(thread.activityPdf({} as never)).toBeRejectedWithError();
    const bytes = await thread.financialWorkbook(financialReportFixture());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('fails the builds still waiting when it is closed, and starts again on the next build', async () => {
    const failed = expectAsync(thread.activityPdf(activityReportFixture())).toBeRejectedWithError(/interrompue/);
    await thread.close();
    await failed;
    const bytes = await thread.financialPdf(financialReportFixture());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
