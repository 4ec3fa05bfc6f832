import { Worker } from 'node:worker_threads';
import {
  AccountingExportRefused,
  CareOfferWorkbookRefused,
  CollectionUploadRefused,
  checkAccountingExport,
  checkCareOfferWorkbook,
  checkCollectionUpload,
  type CareOfferWorkbookRows,
  type ParsedAccountingExport,
  type ParsedCollectionUpload,
} from '@cn2r/reports';
import type { ParseReply, ParseRequest } from './upload-parser-worker.js';
import type { UploadParsers } from './upload-parsers.js';

/** A parser's refusal, as its own class (the worker sends its reason and message). */
function refusal(parser: ParseRequest['parser'], reason: string, message: string): Error {
  if (parser === 'collection') return new CollectionUploadRefused(reason as CollectionUploadRefused['reason'], message);
  if (parser === 'accounting') return new AccountingExportRefused(reason as AccountingExportRefused['reason'], message);
  return new CareOfferWorkbookRefused(reason as CareOfferWorkbookRefused['reason'], message);
}

interface Pending {
  readonly parser: ParseRequest['parser'];
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/**
 * The uploaded files are read in one worker thread, started on the first file and stopped after
 * `idleMs` without work (exceljs's memory goes with it). In two steps:
 *
 * 1. Here, in the thread that serves HTTP, the cheap checks of the reading (`checkCollectionUpload`,
 *    `checkAccountingExport`, `checkCareOfferWorkbook`): size, archive, and a streamed count of the cells that stops at the
 *    limits. Asynchronous, in chunks: an oversized workbook is refused within a fraction of a
 *    second, without starting the worker, and other requests are served meanwhile.
 * 2. In the worker, the reading itself, which exceljs does in one long stretch of CPU.
 *
 * The parsers are pure, so the result is the same in either thread; the refusals come back as the
 * same classes. The worker does not keep the process alive when it has nothing to do.
 */
export class UploadParserThread implements UploadParsers {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  /** The thread that answered last (for the specs: never the main thread). */
  lastThreadId: number | null = null;

  constructor(private readonly idleMs = 60_000) {}

  /** Files handed to the worker and not answered yet. */
  get reading(): number {
    return this.pending.size;
  }

  readonly collection = async (bytes: Uint8Array): Promise<ParsedCollectionUpload> => {
    await checkCollectionUpload(bytes);
    return (await this.parse('collection', bytes)) as ParsedCollectionUpload;
  };

  readonly accounting = async (bytes: Uint8Array): Promise<ParsedAccountingExport> => {
    await checkAccountingExport(bytes);
    return (await this.parse('accounting', bytes)) as ParsedAccountingExport;
  };

  readonly careOffer = async (bytes: Uint8Array): Promise<CareOfferWorkbookRows> => {
    await checkCareOfferWorkbook(bytes);
    return (await this.parse('careOffer', bytes)) as CareOfferWorkbookRows;
  };

  /** Stops the worker now; files still being read fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.stop(new Error('La lecture du fichier a été interrompue.'));
    await worker?.terminate();
  }

  private parse(parser: ParseRequest['parser'], bytes: Uint8Array): Promise<unknown> {
    const worker = this.started();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    // A copy of the file's bytes alone (a Buffer may share a larger pool), moved to the worker.
    const copy = Uint8Array.from(bytes);
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { parser, resolve, reject });
      worker.ref();
      worker.postMessage({ id, parser, bytes: copy } satisfies ParseRequest, [copy.buffer]);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    // TypeScript like the rest: the worker registers tsx's loader in its own thread first, as the
    // report builder thread does, whatever started this process (tsx, node --import tsx, jasmine).
    const loader = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./upload-parser-worker.ts', import.meta.url).href;
    const worker = new Worker(`import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`, {
      eval: true,
      // A file that still exhausts the memory stops this thread, not the server.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    worker.on('message', (reply: ParseReply) => this.answer(reply));
    worker.on('error', (error) => this.stop(error, (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stop(new Error(`Le fil de lecture des fichiers s’est arrêté (code ${code}).`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private answer(reply: ParseReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    this.lastThreadId = reply.threadId;
    if (reply.refused) {
      const { reason, message } = reply.refused;
      waiting.reject(refusal(waiting.parser, reason, message));
    } else if (reply.error !== undefined) waiting.reject(new Error(reply.error));
    else waiting.resolve(reply.result);
    if (this.pending.size === 0 && this.worker) {
      this.worker.unref();
      const worker = this.worker;
      this.idleTimer = setTimeout(() => {
        if (this.worker === worker && this.pending.size === 0) {
          this.worker = null;
          void worker.terminate();
        }
      }, this.idleMs);
      this.idleTimer.unref();
    }
  }

  /**
   * The worker failed or is being stopped: every file still being read fails with the reason —
   * refused as too large when the thread ran out of memory.
   */
  private stop(reason: Error, outOfMemory = false): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.worker = null;
    const tooLarge = 'Fichier trop volumineux pour être lu : envoyez le modèle téléchargé, sans données ajoutées.';
    for (const waiting of this.pending.values()) {
      if (!outOfMemory) waiting.reject(reason);
      else waiting.reject(refusal(waiting.parser, 'too_large', tooLarge));
    }
    this.pending.clear();
  }
}

/** The one parsing thread of this process, shared by the apps it serves. */
export const uploadParserThread = new UploadParserThread();
