import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, threadId } from 'node:worker_threads';
import { activityReportFixture, financialReportFixture } from '../../../../reports/src/annual/annual-report-fixture.js';
import type { WorkerReadyNotice } from '../../workers/worker-pool.js';
import { annualReportBuilders } from './annual-report-builders.js';
import type { ReportBuilders } from './report-documents.js';

/** A build asked of this thread: one of the builders, on plain data (structured-cloned). */
export interface BuildRequest {
  readonly id: number;
  readonly builder: Exclude<keyof ReportBuilders, 'warmUp'>;
  readonly data: unknown;
  /** The workbooks' format (`AnnualWorkbookFormat`); the current one when left out. */
  readonly format?: number;
}

/** Its answer: the document's bytes, or the builder's error message. */
export interface BuildReply {
  readonly id: number;
  readonly threadId: number;
  readonly bytes?: Uint8Array;
  readonly error?: string;
}

/**
 * Above this much heap after a document, its garbage is collected before the next one. 256 MB, not
 * 64: the demo network's documents stay below it — the forced collection between them cost about
 * 0,2 s of a generation (1,99 s → 1,16 s with the warm-up's own collection dropped, load 1–2) —
 * while a large network's activity PDF (hundreds of MB) is still collected (`reports-server` 20×:
 * peak resident memory 1 574 MB, 1 628 MB before).
 */
const COLLECT_ABOVE_BYTES = 256 * 1024 * 1024;

// The garbage collector, callable: V8 would rather grow the heap than collect the previous
// document's hundreds of megabytes (the activity report PDF of a large network), so a thread that
// builds several documents in a row would hold them all at once.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Twice: measured in CPU time (load 8 on two cores), the first build of the demo network's four
 * documents took 2,6 s in a fresh thread, 1,2 s after one pass, 0,9 s after two — as fast as a
 * thread's third build (the second pass costs about 1 s of CPU, spent while the board reads the page).
 */
const WARM_UP_PASSES = 2;

/**
 * Builds each of the four documents from a tiny fixture (two centres): V8 compiles the builders'
 * code on its first runs, which made the first real documents of a fresh thread twice as slow;
 * after this, they are built at full speed. A failure here only costs that speed: the real build
 * reports its own error.
 */
async function warmUp(): Promise<void> {
  try {
    const activity = activityReportFixture({ units: 2 });
    const financial = financialReportFixture({ units: 2 });
    const steps = [
      () => annualReportBuilders.activityPdf(activity),
      () => annualReportBuilders.activityWorkbook(activity),
      () => annualReportBuilders.financialPdf(financial),
      () => annualReportBuilders.financialWorkbook(financial),
    ];
    // A real request waiting goes first: the warm-up stops after the document it is building.
    for (let pass = 0; pass < WARM_UP_PASSES; pass++) {
      for (const step of steps) {
        if (requested) return;
        await step();
      }
    }
    // No forced collection after it: measured (load 2, demo network), the activity PDF then took
    // 0,6 s instead of 0,85–0,95 s — the forced full collection seemed to throw away part of what
    // the warm-up compiled. Its garbage is small (two centres).
  } catch {
    // Not warm: the first real builds are slower, and report their own errors.
  } finally {
    parentPort?.postMessage({ ready: true } satisfies WorkerReadyNotice);
  }
}

async function answer(request: BuildRequest): Promise<void> {
  let reply: BuildReply;
  try {
    const build = annualReportBuilders[request.builder] as (data: unknown, format?: number) => Promise<Buffer>;
    reply = { id: request.id, threadId, bytes: await build(request.data, request.format) };
  } catch (error) {
    reply = { id: request.id, threadId, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
  // Once this task is over: until then the document's layout is still reachable from its stack.
  setImmediate(() => {
    if (getHeapStatistics().used_heap_size > COLLECT_ABOVE_BYTES) collectGarbage();
  });
}

/**
 * The worker thread of ReportBuilderThread: runs the pure builders of `reports/` away from the
 * thread that serves HTTP, so building a large PDF never holds up other users' requests. Its
 * modules (exceljs, pdfmake) load as soon as it starts, then it warms up (`warmUp`) and says it is
 * ready. Requests are answered in their order, one at a time; one that arrives during the warm-up
 * cuts it short (after the document being built).
 */
let requested = false;
let turn = warmUp();
parentPort?.on('message', (request: BuildRequest) => {
  requested = true;
  turn = turn.then(() => answer(request));
});
