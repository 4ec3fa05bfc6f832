import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { ATTACHMENT_MAX_BYTES, attachmentEntityLabels, type AttachmentEntityType, type AttachmentMediaType, type BudgetAttachment, formatMessage } from '@cn2r/shared';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../errors/http-errors.js';
import { recordAudit } from '../../audit/audit-log.js';
import type { Actor } from '../../auth/actor.js';
import type { BudgetEntryService } from '../budget-entry-service.js';
import type { StaffView } from '../personnel-disclosure.js';
import { BudgetAttachmentRepository } from './budget-attachment-repository.js';

type Trx = Knex.Transaction;

const EXTENSIONS: Record<AttachmentMediaType, RegExp> = { 'application/pdf': /\.pdf$/i, 'image/png': /\.png$/i, 'image/jpeg': /\.jpe?g$/i };
/** The audit log's entity type of the entry (the same as its own audit rows). */
const AUDIT_ENTITY: Record<AttachmentEntityType, string> = { commitment: 'commitment', payment: 'payment', decision: 'budget_decision', receipt: 'funding_receipt' };

/** The media type a file's first bytes show (PDF, PNG, JPEG), whatever it claims; undefined otherwise. */
export function sniffMediaType(bytes: Uint8Array): AttachmentMediaType | undefined {
  const starts = (...sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return undefined;
}

/**
 * Supporting documents of commitments, payments and decisions: a PDF or an image, checked on its
 * first bytes (the declared type and the file name's extension must agree with them), stored in
 * the database with its SHA-256. Nothing is deleted: a document attached by mistake is withdrawn
 * (reason, author, date; the bytes stay). Closed fiscal year: read-only. Every write audited.
 */
export class BudgetAttachmentService {
  private readonly repo = new BudgetAttachmentRepository();

  constructor(
    private readonly db: Knex,
    private readonly budget: BudgetEntryService,
  ) {}

  private async entityYear(db: Knex | Trx, entityType: AttachmentEntityType, entityId: number): Promise<number> {
    const year = await this.repo.entityYear(db, entityType, entityId);
    if (year === undefined) throw new NotFoundError(formatMessage('budget.attachment_entity_not_found', { entity: attachmentEntityLabels[entityType] }));
    return year;
  }

  /** The year must be open; locked (shared) so it is not closed while the write runs. */
  private async assertOpenYear(trx: Trx, year: number): Promise<void> {
    const row = await trx('fiscal_years').where({ year }).first('status').forShare();
    if (row?.status === 'closed') throw new ConflictError(formatMessage('budget.attachments_year_closed', { year }));
  }

  /**
   * The board does not read the documents of an entry on a personnel line merged for privacy (a
   * payslip, a reimbursement invoice for one or two people): 403, as for the entries themselves.
   */
  async assertReadable(view: StaffView, entityType: AttachmentEntityType, entityId: number): Promise<void> {
    if (view === 'detail') return;
    const line = await this.repo.entityLine(this.db, entityType, entityId);
    if (line && (await this.budget.mergedLineIds(line.year)).has(line.lineId)) {
      throw new ForbiddenError(formatMessage('budget.attachment_small_personnel'));
    }
  }

  async list(entityType: AttachmentEntityType, entityId: number): Promise<BudgetAttachment[]> {
    await this.entityYear(this.db, entityType, entityId);
    return this.repo.list(this.db, entityType, entityId);
  }

  async download(id: number): Promise<{ attachment: BudgetAttachment; bytes: Buffer }> {
    const attachment = await this.repo.find(this.db, id);
    if (!attachment) throw new NotFoundError(formatMessage('budget.attachment_not_found'));
    return { attachment, bytes: (await this.repo.bytes(this.db, id))! };
  }

  upload(actor: Actor, entityType: AttachmentEntityType, entityId: number, input: { fileName: string; declaredType: string; bytes: Buffer }): Promise<BudgetAttachment> {
    const { fileName, bytes } = input;
    if (bytes.length === 0) throw ValidationError.field('file', formatMessage('upload.empty_file'));
    if (bytes.length > ATTACHMENT_MAX_BYTES) throw ValidationError.field('file', formatMessage('upload.too_large', { megabytes: ATTACHMENT_MAX_BYTES / (1024 * 1024) }));
    const sniffed = sniffMediaType(bytes);
    if (!sniffed) throw ValidationError.field('file', formatMessage('budget.attachment_not_pdf_or_image'));
    if (sniffed !== input.declaredType) {
      throw ValidationError.field('file', formatMessage('budget.attachment_declared_as', { content: sniffed, declaredType: input.declaredType }));
    }
    if (!EXTENSIONS[sniffed].test(fileName)) throw ValidationError.field('fileName', formatMessage('budget.attachment_name_mismatch', { fileName, content: sniffed }));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.db.transaction(async (trx) => {
      const year = await this.entityYear(trx, entityType, entityId);
      await this.assertOpenYear(trx, year);
      const id = await this.repo.insert(trx, { entityType, entityId, fileName, mediaType: sniffed, sha256, bytes, createdBy: actor.userId });
      const created = (await this.repo.find(trx, id))!;
      await recordAudit(trx, actor, { action: 'budget_attachment.added', entityType: AUDIT_ENTITY[entityType], entityId, after: created });
      return created;
    });
  }

  withdraw(actor: Actor, id: number, reason: string): Promise<BudgetAttachment> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.find(trx, id, { forUpdate: true });
      if (!before) throw new NotFoundError(formatMessage('budget.attachment_not_found'));
      await this.assertOpenYear(trx, await this.entityYear(trx, before.entityType, before.entityId));
      if (before.withdrawnAt !== null) throw new ConflictError(formatMessage('budget.attachment_withdrawn'));
      await this.repo.withdraw(trx, id, reason, actor.userId);
      const after = (await this.repo.find(trx, id))!;
      await recordAudit(trx, actor, { action: 'budget_attachment.withdrawn', entityType: AUDIT_ENTITY[before.entityType], entityId: before.entityId, before, after, reason });
      return after;
    });
  }
}
