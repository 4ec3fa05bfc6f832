import type { Knex } from 'knex';
import type { AttachmentEntityType, AttachmentMediaType, BudgetAttachment } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

interface AttachmentRow {
  id: number;
  entity_type: AttachmentEntityType;
  entity_id: number;
  file_name: string;
  media_type: AttachmentMediaType;
  size_bytes: number;
  sha256: string;
  created_by: number | null;
  created_at: Date;
  withdrawn_at: Date | null;
  withdrawn_by: number | null;
  withdrawal_reason: string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const META = ['id', 'entity_type', 'entity_id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'created_by', 'created_at', 'withdrawn_at', 'withdrawn_by', 'withdrawal_reason'];

const toAttachment = (r: AttachmentRow): BudgetAttachment => ({
  id: r.id,
  entityType: r.entity_type,
  entityId: r.entity_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  withdrawnAt: r.withdrawn_at ? iso(r.withdrawn_at) : null,
  withdrawnBy: r.withdrawn_by,
  withdrawalReason: r.withdrawal_reason,
});

export interface NewAttachment {
  entityType: AttachmentEntityType;
  entityId: number;
  fileName: string;
  mediaType: AttachmentMediaType;
  sha256: string;
  bytes: Buffer;
  createdBy: number | null;
}

/** The only Knex code of the supporting documents. */
export class BudgetAttachmentRepository {
  /** The fiscal year of the entry a document is attached to, or undefined when the entry does not exist. */
  async entityYear(db: Db, entityType: AttachmentEntityType, entityId: number): Promise<number | undefined> {
    const row =
      entityType === 'decision'
        ? await db('budget_decisions').where({ id: entityId }).first('year')
        : entityType === 'receipt'
          ? await db('funding_receipts').where({ id: entityId }).first('year')
          : await db(entityType === 'commitment' ? 'commitments as e' : 'payments as e')
              .join('budget_lines as l', 'l.id', 'e.line_id')
              .where('e.id', entityId)
              .first('l.year');
    return row ? Number(row.year) : undefined;
  }

  /** The budget line and year of a commitment or payment (none for a decision or a receipt). */
  async entityLine(db: Db, entityType: AttachmentEntityType, entityId: number): Promise<{ lineId: number; year: number } | undefined> {
    if (entityType === 'decision' || entityType === 'receipt') return undefined;
    const row = await db(entityType === 'commitment' ? 'commitments as e' : 'payments as e')
      .join('budget_lines as l', 'l.id', 'e.line_id')
      .where('e.id', entityId)
      .first('l.id', 'l.year');
    return row ? { lineId: Number(row.id), year: Number(row.year) } : undefined;
  }

  async list(db: Db, entityType: AttachmentEntityType, entityId: number): Promise<BudgetAttachment[]> {
    const rows = (await db('budget_attachments').where({ entity_type: entityType, entity_id: entityId }).orderBy('id').select(META)) as AttachmentRow[];
    return rows.map(toAttachment);
  }

  async find(db: Db, id: number, options: { forUpdate?: boolean } = {}): Promise<BudgetAttachment | undefined> {
    const query = db('budget_attachments').where({ id }).first(META);
    const row = (options.forUpdate ? await query.forUpdate() : await query) as AttachmentRow | undefined;
    return row && toAttachment(row);
  }

  /** The stored bytes (PGlite gives a Uint8Array, node-postgres a Buffer: one shape for both). */
  async bytes(db: Db, id: number): Promise<Buffer | undefined> {
    const row = await db('budget_attachments').where({ id }).first('bytes');
    return row && Buffer.from(row.bytes as Uint8Array);
  }

  async insert(db: Db, a: NewAttachment): Promise<number> {
    const [row] = await db('budget_attachments')
      .insert({
        entity_type: a.entityType,
        entity_id: a.entityId,
        file_name: a.fileName,
        media_type: a.mediaType,
        size_bytes: a.bytes.length,
        sha256: a.sha256,
        bytes: a.bytes,
        created_by: a.createdBy,
      })
      .returning('id');
    return row.id as number;
  }

  async withdraw(db: Db, id: number, reason: string, userId: number | null): Promise<boolean> {
    const rows = await db('budget_attachments')
      .where({ id })
      .whereNull('withdrawn_at')
      .update({ withdrawn_at: db.fn.now(), withdrawn_by: userId, withdrawal_reason: reason })
      .returning('id');
    return rows.length === 1;
  }
}
