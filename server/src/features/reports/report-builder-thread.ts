import type { AnnualWorkbookFormat, ApprovalCertificateData } from '@cn2r/reports';
import type { ActivityReportData, FinancialReportData } from '@cn2r/shared';
import { WorkerPool } from '../../workers/worker-pool.js';
import type { BuildReply, BuildRequest } from './report-builder-worker.js';
import type { ReportBuilders } from './report-documents.js';

/**
 * Ten minutes: the reports page warms the builder when it opens (`warmUp`), and the board reads,
 * edits texts, then generates — a warm builder saves the seconds of its start (modules, first
 * builds). Unused that long, its memory returns.
 */
export const BUILDER_IDLE_MS = 10 * 60_000;

/**
 * Two: the activity PDF, the longest document, builds in one thread while the other builds the
 * financial summary's documents — « generate » asks them in that order (`ReportVersionService`).
 * Measured side by side on a two-core machine with nothing else running (demo network, the
 * builder ready, eight generations each, alternating three times, 7 December 2026): median 1,01,
 * 1,14 and 1,04 s with one thread, 0,85, 0,89 and 0,98 s with two. Earlier, with the four
 * documents asked at once, a second thread gained nothing on a machine shared with others' work
 * (both threads then competed with the main thread reading the financial data). The price: about
 * 100 MB more while the reports page is open (the second thread warms up too).
 */
export const BUILDER_THREADS = 2;

/**
 * The annual report builders run in worker threads (`size`, BUILDER_THREADS), started on the first
 * build — or ahead of it, `warmUp`: when the board opens the reports page, and while the data of a
 * generation is read — and stopped after `idleMs` without work (their memory — exceljs, pdfmake,
 * fonts, about 130 MB each — goes with them; ten minutes by default, BUILDER_IDLE_MS). Started,
 * each warms up (each document built from a small fixture) before it says it is `ready()`.
 * Building the documents of a large network takes seconds of CPU: in the thread that serves HTTP,
 * every other request would wait that long. The builders are pure, so the bytes are the same in
 * any thread. The workers do not keep the process alive when they have nothing to do.
 */
export class ReportBuilderThread implements ReportBuilders {
  private readonly pool: WorkerPool<BuildRequest, BuildReply>;
  /** The thread that answered last (for the specs: never the main thread, 0). */
  lastThreadId: number | null = null;

  constructor(idleMs = BUILDER_IDLE_MS, size = BUILDER_THREADS) {
    this.pool = new WorkerPool({
      entry: new URL('./report-builder-worker.ts', import.meta.url),
      size,
      idleMs,
      announcesReady: true,
      stoppedMessage: (code) => `Le fil de construction des documents s’est arrêté (code ${code}).`,
    });
  }

  // Properties, not methods: callers pick a builder and call it unbound (`(xlsx ? a : b)(data)`).
  readonly activityWorkbook = (data: ActivityReportData, format?: AnnualWorkbookFormat): Promise<Buffer> => this.build('activityWorkbook', data, format);
  readonly activityPdf = (data: ActivityReportData): Promise<Buffer> => this.build('activityPdf', data);
  readonly financialWorkbook = (data: FinancialReportData, format?: AnnualWorkbookFormat): Promise<Buffer> => this.build('financialWorkbook', data, format);
  readonly financialPdf = (data: FinancialReportData): Promise<Buffer> => this.build('financialPdf', data);
  readonly approvalCertificate = (data: ApprovalCertificateData): Promise<Buffer> => this.build('approvalCertificate', data);

  /**
   * Starts the worker ahead of the builds — when the reports page opens, and while the data of a
   * generation is read — and pushes its idle stop back by `idleMs` from now.
   */
  readonly warmUp = (): void => this.pool.warmUp();

  /** Settles once the workers started are warm (modules loaded, each document built once): for the bench and the specs. */
  ready(): Promise<void> {
    return this.pool.ready();
  }

  /** Workers running now (for the specs). */
  get workers(): number {
    return this.pool.workers;
  }

  /** Stops the worker now; builds still waiting fail. */
  close(): Promise<void> {
    return this.pool.close(new Error('La construction des documents a été interrompue.'));
  }

  private async build(builder: BuildRequest['builder'], data: unknown, format?: AnnualWorkbookFormat): Promise<Buffer> {
    const reply = await this.pool.run({ id: this.pool.id(), builder, data, ...(format !== undefined && { format }) });
    this.lastThreadId = reply.threadId;
    if (!reply.bytes) throw new Error(reply.error ?? 'Échec de la construction du document.');
    return Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
  }
}

/** The builder threads of this process, shared by the apps it serves. */
export const reportBuilderThread = new ReportBuilderThread();
