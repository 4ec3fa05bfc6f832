import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { ANNUAL_WORKBOOK_FORMAT, type AnnualWorkbookFormat } from '@cn2r/reports';
import {
  REPORT_FILES,
  reportVersionStatusLabels,
  type ActivityReportData,
  type ApproveReportVersion,
  type FinancialReportData,
  type ReportFile,
  type ReportVersion,
  type ReportVersionAction,
  type ReportVersionStatus,
  type ReportVersionVerification,
  formatMessage,
} from '@cn2r/shared';
import type { Clock } from '../../clock.js';
import { parisToday } from '../../dates/calendar-date.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { ReportNotifications } from '../mail/index.js';
import type { Actor } from '../auth/actor.js';
import { AssemblyDeliberations } from '../governance/index.js';
import { ORGANISATION } from './activity-report-service.js';
import type { ActivityReportService } from './activity-report-service.js';
import type { FinancialReportService } from './financial-report-service.js';
import type { ReportBuilders } from './report-documents.js';
import type { ReportNarrativeService } from './report-narrative-service.js';
import { ReportRepository, type ApprovalRecord } from './report-repository.js';

/** A generation mark older than this was left by a crashed process: taken over. */
const GENERATION_STALE_MINUTES = 10;
/** A version is rebuilt for verification at most once in this time. */
const VERIFICATION_INTERVAL_MS = 60_000;

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const hashed = (bytes: Buffer) => ({ bytes, sha256: sha256(bytes) });
/** The files in their order (REPORT_FILES), whatever order they were built in. */
const inFileOrder = (files: BuiltReports['files']): BuiltReports['files'] =>
  Object.fromEntries(REPORT_FILES.map((file) => [file, files[file]])) as BuiltReports['files'];

export interface BuiltReports {
  activityJson: string;
  financialJson: string;
  files: Record<ReportFile, { bytes: Buffer; sha256: string }>;
}

/**
 * The official versions of the annual reports: « generate » freezes the data of the year (one
 * snapshot, narratives included), builds the four files from that snapshot and stores them with
 * their sha256 — the documents are built before the transaction, which stays short (number, insert,
 * audit), so nobody waits on it and a failure anywhere stores nothing. Status: draft → presented to
 * the general assembly → approved (AG date, deliberation) | superseded; an approved version never
 * changes (the database refuses it). Every step audited.
 */
export class ReportVersionService {
  private readonly repo = new ReportRepository();
  private readonly deliberations = new AssemblyDeliberations();
  /** The last verification of each version (`year/number`), kept a minute. */
  private readonly verifications = new Map<string, { at: number; result: Promise<ReportVersionVerification> }>();

  constructor(
    private readonly db: Knex,
    private readonly activity: ActivityReportService,
    private readonly financial: FinancialReportService,
    private readonly narratives: ReportNarrativeService,
    private readonly builders: ReportBuilders,
    private readonly clock: Clock,
    /** Tells the board and the coordination of a version presented or approved, in the same transaction. */
    private readonly notifications: ReportNotifications,
  ) {}

  list(year?: number): Promise<ReportVersion[]> {
    return this.repo.listVersions(this.db, year);
  }

  /** The years a report can be drawn for (a campaign or a fiscal year), most recent first. */
  years(): Promise<number[]> {
    return this.repo.reportYears(this.db);
  }

  async get(year: number, number: number): Promise<ReportVersion> {
    const version = await this.repo.findVersion(this.db, year, number);
    if (!version) throw this.notFound(year, number);
    return version;
  }

  async liveActivity(year: number): Promise<ActivityReportData> {
    const narratives = await this.narratives.forDocuments(year);
    return { ...(await this.activity.data(year, { generatedAt: this.clock.now().toISOString(), narratives: narratives.activity })), edition: { status: 'draft' } };
  }

  async liveFinancial(year: number): Promise<FinancialReportData> {
    const narratives = await this.narratives.forDocuments(year);
    return { ...(await this.financial.data(year, { generatedAt: this.clock.now().toISOString(), narratives: narratives.financial })), edition: { status: 'draft' } };
  }

  /**
   * The four documents from a snapshot's JSON text (exactly what is stored, so a rebuild reads the
   * same input), the workbooks in `format` (a version's own, to verify it).
   */
  async build(activityJson: string, financialJson: string, format: AnnualWorkbookFormat = ANNUAL_WORKBOOK_FORMAT): Promise<BuiltReports['files']> {
    const [activity, financial] = await Promise.all([this.buildActivity(activityJson, format), this.buildFinancial(financialJson, format)]);
    return inFileOrder({ ...activity, ...financial });
  }

  /**
   * The activity report's two documents, asked of the builders at once (the PDF, the longest, first:
   * with two builder threads, the other three documents are built beside it).
   */
  private async buildActivity(json: string, format: AnnualWorkbookFormat): Promise<Pick<BuiltReports['files'], 'activity.pdf' | 'activity.xlsx'>> {
    const data = JSON.parse(json) as ActivityReportData;
    const [pdf, xlsx] = await Promise.all([this.builders.activityPdf(data), this.builders.activityWorkbook(data, format)]);
    return { 'activity.pdf': hashed(pdf), 'activity.xlsx': hashed(xlsx) };
  }

  private async buildFinancial(json: string, format: AnnualWorkbookFormat): Promise<Pick<BuiltReports['files'], 'financial.pdf' | 'financial.xlsx'>> {
    const data = JSON.parse(json) as FinancialReportData;
    const [pdf, xlsx] = await Promise.all([this.builders.financialPdf(data), this.builders.financialWorkbook(data, format)]);
    return { 'financial.pdf': hashed(pdf), 'financial.xlsx': hashed(xlsx) };
  }

  /**
   * One generation per year at a time, whichever instance runs it: a second one is refused (409
   * naming the running one) instead of storing another version; the mark goes whatever the outcome.
   */
  async generate(actor: Actor, year: number): Promise<ReportVersion> {
    await this.assertNotApproved(this.db, year);
    if (!(await this.repo.startGeneration(this.db, year, actor.userId, actor.displayName, GENERATION_STALE_MINUTES))) {
      const running = await this.repo.runningGeneration(this.db, year);
      throw new ConflictError(formatMessage('reports.generation_running', { year, startedAt: running?.startedAt ?? this.clock.now().toISOString(), by: running?.by ?? null }), [
        { path: 'year', message: 'generation_running' },
      ]);
    }
    try {
      return await this.generateNow(actor, year);
    } finally {
      await this.repo.endGeneration(this.db, year);
    }
  }

  /**
   * The snapshot, its documents, then the short transaction. Pipelined: the documents are asked of
   * the builders as soon as their report's data and the edition are read (the activity PDF builds
   * while the financial data is still being read); the bytes depend only on the JSON given, so they
   * are the same in any order and any thread.
   */
  private async generateNow(actor: Actor, year: number): Promise<ReportVersion> {
    // The builder threads start (their modules load) while the data is read, if the page did not already start them.
    this.builders.warmUp?.();
    const snapshotAt = this.clock.now().toISOString();
    const narratives = this.narratives.forDocuments(year);
    // The files carry their version number: the one the year's next version will take, checked
    // again when it is stored (another generation in between: 409, nothing stored); and the
    // general assembly they are submitted to, the next one recorded from today on.
    const editionRead = Promise.all([this.deliberations.nextMeeting(this.db, parisToday(new Date(snapshotAt))), this.repo.nextNumber(this.db, year)]).then(
      ([meeting, number]) => ({
        meeting,
        edition: { status: 'official', number, ...(meeting && { submittedTo: { bodyName: meeting.bodyName, heldOn: meeting.heldOn } }) } as const,
      }),
    );
    const snapshotOf = async <T extends object>(data: Promise<T>) => {
      const [read, { edition }] = await Promise.all([data, editionRead]);
      return JSON.stringify({ ...read, edition });
    };
    // The activity data first, then the financial data (read while the activity documents build):
    // read side by side, on the embedded database's one connection, their queries took turns and
    // the activity documents started later.
    // The validated values of N-2…N read once for both (the activity figures, the cost per activity's volumes).
    const validatedValues = this.repo.validatedValues(this.db, year - 2, year);
    // Its failure is the reports' (they await it); not an unhandled rejection if the narratives failed first.
    validatedValues.catch(() => undefined);
    const activityData = narratives.then((n) => this.activity.data(year, { generatedAt: snapshotAt, narratives: n.activity, validatedValues }));
    const financialData = activityData.then(async () => this.financial.data(year, { generatedAt: snapshotAt, narratives: (await narratives).financial, validatedValues }));
    const activityJson = snapshotOf(activityData);
    const financialJson = snapshotOf(financialData);
    // Asked in the order that ends soonest with the two builder threads: the activity PDF, the
    // longest, as soon as its data is read (one thread builds it while the financial data is read);
    // the financial documents once theirs is read, on the other thread, then the activity workbook.
    const activityParsed = activityJson.then((json) => JSON.parse(json) as ActivityReportData);
    const activityPdf = activityParsed.then((data) => this.builders.activityPdf(data));
    const financialFiles = financialJson.then((json) => this.buildFinancial(json, ANNUAL_WORKBOOK_FORMAT));
    const activityWorkbook = Promise.all([activityParsed, financialJson]).then(([data]) => this.builders.activityWorkbook(data, ANNUAL_WORKBOOK_FORMAT));
    const [{ meeting, edition }, activity, financial] = await Promise.all([
      editionRead,
      Promise.all([activityJson, activityPdf, activityWorkbook]).then(([json, pdf, xlsx]) => ({ json, files: { 'activity.pdf': hashed(pdf), 'activity.xlsx': hashed(xlsx) } })),
      Promise.all([financialJson, financialFiles]).then(([json, files]) => ({ json, files })),
    ]);
    const files = inFileOrder({ ...activity.files, ...financial.files });
    const number = await this.db.transaction(async (trx) => {
      await this.repo.lockYear(trx, year);
      await this.assertNotApproved(trx, year);
      const next = await this.repo.nextNumber(trx, year);
      if (next !== edition.number) {
        throw new ConflictError(formatMessage('reports.generated_meanwhile', { year }));
      }
      await this.repo.insertVersion(trx, {
        year,
        number: next,
        snapshotAt,
        activityJson: activity.json,
        financialJson: financial.json,
        workbookFormat: ANNUAL_WORKBOOK_FORMAT,
        files,
        userId: actor.userId,
        submittedMeetingId: meeting?.id ?? null,
      });
      await recordAudit(trx, actor, {
        action: 'report_version.generated',
        entityType: 'report_version',
        entityId: `${year}/${next}`,
        after: { year, number: next, snapshotAt, submittedTo: edition.submittedTo ?? null, workbookFormat: ANNUAL_WORKBOOK_FORMAT, sha256: Object.fromEntries(REPORT_FILES.map((f) => [f, files[f].sha256])) },
      });
      return next;
    });
    return this.get(year, number);
  }

  present(actor: Actor, year: number, number: number, version: number): Promise<ReportVersion> {
    return this.transition(actor, year, number, version, 'presented', ['draft'], 'present');
  }

  supersede(actor: Actor, year: number, number: number, version: number): Promise<ReportVersion> {
    return this.transition(actor, year, number, version, 'superseded', ['draft', 'presented'], 'supersede');
  }

  /**
   * Approval by the general assembly, by the deliberation named (its date is the AG date): the
   * approval certificate is built and stored in the same UPDATE, once; the year's other draft or
   * presented versions are superseded in the same transaction.
   */
  approve(actor: Actor, year: number, number: number, input: ApproveReportVersion): Promise<ReportVersion> {
    return this.transition(actor, year, number, input.version, 'approved', ['presented'], 'approve', input);
  }

  /** The approval certificate, as stored at approval. */
  async certificate(year: number, number: number): Promise<{ bytes: Buffer; version: ReportVersion }> {
    const version = await this.get(year, number);
    const bytes = await this.repo.readCertificate(this.db, year, number);
    if (!bytes) throw new NotFoundError(formatMessage('reports.no_certificate', { year, number }));
    return { bytes, version };
  }

  async file(year: number, number: number, file: ReportFile): Promise<{ bytes: Buffer; version: ReportVersion }> {
    const version = await this.get(year, number);
    const bytes = (await this.repo.readFile(this.db, year, number, file))!;
    return { bytes, version };
  }

  /**
   * Rebuilds the four files from the stored snapshot and compares them with the stored ones, byte
   * for byte — at most once a minute per version: meanwhile (and while one runs) the same answer.
   */
  verify(year: number, number: number): Promise<ReportVersionVerification> {
    const key = `${year}/${number}`;
    const now = this.clock.now().getTime();
    const recent = this.verifications.get(key);
    if (recent && now - recent.at < VERIFICATION_INTERVAL_MS) return recent.result;
    const result = this.verifyNow(year, number);
    this.verifications.set(key, { at: now, result });
    result.catch(() => this.verifications.delete(key));
    return result;
  }

  private async verifyNow(year: number, number: number): Promise<ReportVersionVerification> {
    const version = await this.get(year, number);
    const snapshot = (await this.repo.readSnapshot(this.db, year, number))!;
    const rebuilt = await this.build(snapshot.activityJson, snapshot.financialJson, snapshot.workbookFormat);
    const files = version.files.map((f) => ({ file: f.file, storedSha256: f.sha256, rebuiltSha256: rebuilt[f.file].sha256, identical: f.sha256 === rebuilt[f.file].sha256 }));
    return { year, number, files, identical: files.every((f) => f.identical) };
  }

  private async transition(
    actor: Actor,
    year: number,
    number: number,
    version: number,
    to: ReportVersionStatus,
    from: readonly ReportVersionStatus[],
    action: ReportVersionAction,
    approval?: ApproveReportVersion,
  ): Promise<ReportVersion> {
    return this.db.transaction(async (trx) => {
      await this.repo.lockYear(trx, year);
      const before = await this.repo.findVersion(trx, year, number, { forUpdate: true });
      if (!before) throw this.notFound(year, number);
      if (!from.includes(before.status)) {
        throw new ConflictError(formatMessage('reports.illegal_transition', { action, year, number, status: reportVersionStatusLabels[before.status] }), [
          { path: 'status', message: before.status },
        ]);
      }
      if (before.version !== version) throw ConflictError.staleVersion('reports.version_stale', { year, number });
      const record = approval && (await this.approvalRecord(trx, actor, before, approval));
      if (to === 'approved') {
        for (const other of await this.repo.listVersions(trx, year)) {
          if (other.number === number || (other.status !== 'draft' && other.status !== 'presented')) continue;
          await this.repo.setStatus(trx, year, other.number, other.version, 'superseded', actor.userId);
          const superseded = (await this.repo.findVersion(trx, year, other.number))!;
          await recordAudit(trx, actor, {
            action: 'report_version.superseded',
            entityType: 'report_version',
            entityId: `${year}/${other.number}`,
            before: stripFiles(other),
            after: stripFiles(superseded),
            reason: `Version ${number} approuvée par l’assemblée générale`,
          });
        }
      }
      if (!(await this.repo.setStatus(trx, year, number, version, to, actor.userId, record))) throw ConflictError.staleVersion('reports.version_stale', { year, number });
      const after = (await this.repo.findVersion(trx, year, number))!;
      await recordAudit(trx, actor, {
        action: `report_version.${to}`,
        entityType: 'report_version',
        entityId: `${year}/${number}`,
        before: stripFiles(before),
        after: stripFiles(after),
      });
      if (to === 'presented' || to === 'approved') {
        const approval = record && after.agDate ? { agDate: after.agDate, deliberation: after.deliberationReference ?? '' } : null;
        await this.notifications.notify(trx, to === 'presented' ? 'report.presented' : 'report.approved', { year, number, by: actor.displayName, approval });
      }
      return after;
    });
  }

  /**
   * The deliberation checked (a general assembly's, adopted, not before the version was generated:
   * the assembly approves a version it was given) and the certificate built from what is stored.
   */
  private async approvalRecord(trx: Knex.Transaction, actor: Actor, version: ReportVersion, input: ApproveReportVersion): Promise<ApprovalRecord> {
    const deliberation = await this.deliberations.adopted(trx, input.deliberationId);
    const generatedOn = parisToday(new Date(version.snapshotAt));
    if (deliberation.adoptedOn < generatedOn) {
      throw ValidationError.field('deliberationId', formatMessage('reports.approval_before_generation', { agDate: deliberation.adoptedOn, generatedOn }));
    }
    const at = this.clock.now().toISOString();
    const bytes = await this.builders.approvalCertificate({
      organisation: ORGANISATION,
      year: version.year,
      number: version.number,
      generatedAt: version.snapshotAt,
      files: version.files,
      meeting: deliberation.meeting,
      deliberation,
      recordedBy: actor.displayName,
      recordedAt: at,
    });
    return {
      at,
      agDate: deliberation.adoptedOn,
      deliberationReference: `Délibération n° ${deliberation.number} — ${deliberation.title}`,
      deliberationId: deliberation.id,
      certificate: { bytes, sha256: sha256(bytes) },
    };
  }

  private async assertNotApproved(db: Knex | Knex.Transaction, year: number): Promise<void> {
    const approved = (await this.repo.listVersions(db, year)).find((v) => v.status === 'approved');
    if (approved) {
      throw new ConflictError(formatMessage('reports.approved', { year, number: approved.number }), [
        { path: 'status', message: 'approved' },
      ]);
    }
  }

  private notFound(year: number, number: number): NotFoundError {
    return new NotFoundError(formatMessage('reports.version_not_found', { year, number }));
  }
}

/** What the audit keeps of a version: its status, dates and sha256 (not the files). */
function stripFiles(v: ReportVersion) {
  return { ...v, files: v.files.map((f) => ({ file: f.file, sha256: f.sha256 })) };
}
