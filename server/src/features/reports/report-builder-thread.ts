import { Worker } from 'node:worker_threads';
import type { ApprovalCertificateData } from '@cn2r/reports';
import type { ActivityReportData, FinancialReportData } from '@cn2r/shared';
import type { BuildReply, BuildRequest } from './report-builder-worker.js';
import type { ReportBuilders } from './report-documents.js';

interface Pending {
  resolve(bytes: Buffer): void;
  reject(error: Error): void;
}

/**
 * The annual report builders run in one worker thread, started on the first build and stopped
 * after `idleMs` without work (its memory — exceljs, pdfmake, fonts — goes with it). Building the
 * documents of a large network takes seconds of CPU: in the thread that serves HTTP, every other
 * request would wait that long. The builders are pure, so the bytes are the same in either thread.
 * The worker does not keep the process alive when it has nothing to do.
 */
export class ReportBuilderThread implements ReportBuilders {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  /** The thread that answered last (for the specs: never the main thread, 0). */
  lastThreadId: number | null = null;

  constructor(private readonly idleMs = 60_000) {}

  // Properties, not methods: callers pick a builder and call it unbound (`(xlsx ? a : b)(data)`).
  readonly activityWorkbook = (data: ActivityReportData): Promise<Buffer> => this.build('activityWorkbook', data);
  readonly activityPdf = (data: ActivityReportData): Promise<Buffer> => this.build('activityPdf', data);
  readonly financialWorkbook = (data: FinancialReportData): Promise<Buffer> => this.build('financialWorkbook', data);
  readonly financialPdf = (data: FinancialReportData): Promise<Buffer> => this.build('financialPdf', data);
  readonly approvalCertificate = (data: ApprovalCertificateData): Promise<Buffer> => this.build('approvalCertificate', data);

  /** Stops the worker now; builds still waiting fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.stop(new Error('La construction des documents a été interrompue.'));
    await worker?.terminate();
  }

  private build(builder: BuildRequest['builder'], data: unknown): Promise<Buffer> {
    const worker = this.started();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, builder, data } satisfies BuildRequest);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    // The worker is TypeScript like the rest: it registers tsx's loader in its own thread first,
    // whatever started this process (tsx, node --import tsx, jasmine with tsx/esm).
    const loader = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./report-builder-worker.ts', import.meta.url).href;
    const worker = new Worker(`import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
    worker.on('message', (reply: BuildReply) => this.answer(reply));
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stop(new Error(`Le fil de construction des documents s’est arrêté (code ${code}).`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private answer(reply: BuildReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    this.lastThreadId = reply.threadId;
    if (reply.bytes) waiting.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
    else waiting.reject(new Error(reply.error ?? 'Échec de la construction du document.'));
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

  /** The worker failed or is being stopped: every build still waiting fails with the reason. */
  private stop(reason: Error): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.worker = null;
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
  }
}

/** The one builder thread of this process, shared by the apps it serves. */
export const reportBuilderThread = new ReportBuilderThread();
