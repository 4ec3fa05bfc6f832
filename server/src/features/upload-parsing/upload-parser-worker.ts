import { parentPort, threadId } from 'node:worker_threads';
import { AccountingExportRefused, CareOfferWorkbookRefused, CollectionUploadRefused } from '@cn2r/reports';
import { inProcessUploadParsers, type UploadParsers } from './upload-parsers.js';

/** A file to read in this thread (its bytes transferred, not copied). */
export interface ParseRequest {
  readonly id: number;
  readonly parser: keyof UploadParsers;
  readonly bytes: Uint8Array;
}

/** The answer: the parsed data, the reading's refusal (its class, reason and French message), or an unexpected error. */
export interface ParseReply {
  readonly id: number;
  readonly threadId: number;
  readonly result?: unknown;
  readonly refused?: { readonly reason: string; readonly message: string };
  readonly error?: string;
}

/**
 * The worker thread of UploadParserThread: exceljs loads a workbook in one long stretch of CPU
 * (seconds for a large one); here it holds up no HTTP request.
 */
parentPort?.on('message', async (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: request.id, threadId, result: await inProcessUploadParsers[request.parser](request.bytes) };
  } catch (error) {
    reply =
      error instanceof CollectionUploadRefused || error instanceof AccountingExportRefused || error instanceof CareOfferWorkbookRefused
        ? { id: request.id, threadId, refused: { reason: error.reason, message: error.message } }
        : { id: request.id, threadId, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
