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
import { WorkerPool } from '../../workers/worker-pool.js';
import type { ParseReply, ParseRequest } from './upload-parser-worker.js';
import type { UploadParsers } from './upload-parsers.js';

const TOO_LARGE = 'Fichier trop volumineux pour être lu : envoyez le modèle téléchargé, sans données ajoutées.';

/** A parser's refusal, as its own class (the worker sends its reason and message). */
function refusal(parser: ParseRequest['parser'], reason: string, message: string): Error {
  if (parser === 'collection') return new CollectionUploadRefused(reason as CollectionUploadRefused['reason'], message);
  if (parser === 'accounting') return new AccountingExportRefused(reason as AccountingExportRefused['reason'], message);
  return new CareOfferWorkbookRefused(reason as CareOfferWorkbookRefused['reason'], message);
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
  private readonly pool: WorkerPool<ParseRequest, ParseReply>;
  /** The thread that answered last (for the specs: never the main thread). */
  lastThreadId: number | null = null;

  constructor(idleMs = 60_000) {
    this.pool = new WorkerPool({
      entry: new URL('./upload-parser-worker.ts', import.meta.url),
      idleMs,
      // A file that still exhausts the memory stops this thread, not the server.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
      stoppedMessage: (code) => `Le fil de lecture des fichiers s’est arrêté (code ${code}).`,
      // The thread ran out of memory: the file is refused as too large.
      failed: (request, reason, error) =>
        (error as NodeJS.ErrnoException | null)?.code !== 'ERR_WORKER_OUT_OF_MEMORY'
          ? reason
          : refusal(request.parser, 'too_large', TOO_LARGE),
    });
  }

  /** Files handed to the worker and not answered yet. */
  get reading(): number {
    return this.pool.size;
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
  close(): Promise<void> {
    return this.pool.close(new Error('La lecture du fichier a été interrompue.'));
  }

  private async parse(parser: ParseRequest['parser'], bytes: Uint8Array): Promise<unknown> {
    // A copy of the file's bytes alone (a Buffer may share a larger pool), moved to the worker.
    const copy = Uint8Array.from(bytes);
    const reply = await this.pool.run({ id: this.pool.id(), parser, bytes: copy }, [copy.buffer]);
    this.lastThreadId = reply.threadId;
    if (reply.refused) {
      const { reason, message } = reply.refused;
      throw refusal(parser, reason, message);
    }
    if (reply.error !== undefined) throw new Error(reply.error);
    return reply.result;
  }
}

/** The one parsing thread of this process, shared by the apps it serves. */
export const uploadParserThread = new UploadParserThread();
