import type { AnnualWorkbookFormat, ApprovalCertificateData } from '@cn2r/reports';
import type { ActivityReportData, FinancialReportData } from '@cn2r/shared';
import { WorkerPool } from '../../workers/worker-pool.js';
import type { BuildReply, BuildRequest } from './report-builder-worker.js';
import type { ReportBuilders } from './report-documents.js';

/**
 * The annual report builders run in one worker thread (`size`), started on the first build — or
 * ahead of it, `warmUp` — and stopped after `idleMs` without work (its memory — exceljs, pdfmake,
 * fonts — goes with it). Building the documents of a large network takes seconds of CPU: in the
 * thread that serves HTTP, every other request would wait that long. The builders are pure, so
 * the bytes are the same in any thread. The worker does not keep the process alive when it has
 * nothing to do. One thread, not two: on a two-core machine, two PDFs built side by side took
 * longer together than one after the other (README, `reports-server`).
 */
export class ReportBuilderThread implements ReportBuilders {
  private readonly pool: WorkerPool<BuildRequest, BuildReply>;
  /** The thread that answered last (for the specs: never the main thread, 0). */
  lastThreadId: number | null = null;

  constructor(idleMs = 60_000, size = 1) {
    this.pool = new WorkerPool({
      entry: new URL('./report-builder-worker.ts', import.meta.url),
      size,
      idleMs,
      stoppedMessage: (code) => `Le fil de construction des documents s’est arrêté (code ${code}).`,
    });
  }

  // Properties, not methods: callers pick a builder and call it unbound (`(xlsx ? a : b)(data)`).
  readonly activityWorkbook = (data: ActivityReportData, format?: AnnualWorkbookFormat): Promise<Buffer> => this.build('activityWorkbook', data, format);
  readonly activityPdf = (data: ActivityReportData): Promise<Buffer> => this.build('activityPdf', data);
  readonly financialWorkbook = (data: FinancialReportData, format?: AnnualWorkbookFormat): Promise<Buffer> => this.build('financialWorkbook', data, format);
  readonly financialPdf = (data: FinancialReportData): Promise<Buffer> => this.build('financialPdf', data);
  readonly approvalCertificate = (data: ApprovalCertificateData): Promise<Buffer> => this.build('approvalCertificate', data);

  /** Starts the worker ahead of the builds (its modules load while the data of a generation is read). */
  readonly warmUp = (): void => this.pool.warmUp();

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

/** The one builder thread of this process, shared by the apps it serves. */
export const reportBuilderThread = new ReportBuilderThread();
