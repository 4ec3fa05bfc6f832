import { parentPort, threadId } from 'node:worker_threads';
import { annualReportBuilders } from './annual-report-builders.js';
import type { ReportBuilders } from './report-documents.js';

/** A build asked of this thread: one of the four builders, on plain data (structured-cloned). */
export interface BuildRequest {
  readonly id: number;
  readonly builder: keyof ReportBuilders;
  readonly data: unknown;
}

/** Its answer: the document's bytes, or the builder's error message. */
export interface BuildReply {
  readonly id: number;
  readonly threadId: number;
  readonly bytes?: Uint8Array;
  readonly error?: string;
}

/**
 * The worker thread of ReportBuilderThread: runs the pure builders of `reports/` away from the
 * thread that serves HTTP, so building a large PDF never holds up other users' requests.
 */
parentPort?.on('message', async (request: BuildRequest) => {
  let reply: BuildReply;
  try {
    const build = annualReportBuilders[request.builder] as (data: unknown) => Promise<Buffer>;
    reply = { id: request.id, threadId, bytes: await build(request.data) };
  } catch (error) {
    reply = { id: request.id, threadId, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
