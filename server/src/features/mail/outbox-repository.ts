import type { Knex } from 'knex';
import { OUTBOX_PAGE_SIZE, type MailStatus, type OutboxMessage, type OutboxQuery } from '@cn2r/shared';
import type { MailDraft } from './mail-templates.js';

type Db = Knex | Knex.Transaction;
type Row = Record<string, any>;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

const toMessage = (r: Row): OutboxMessage => ({
  id: Number(r.id),
  kind: r.kind,
  to: r.to_address,
  subject: r.subject,
  text: r.text_body,
  html: r.html_body,
  unit: r.unit_id === null ? null : { id: r.unit_id, code: r.unit_code, name: r.unit_name },
  period: r.period,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: iso(r.next_attempt_at),
  lastError: r.last_error,
  createdAt: iso(r.created_at)!,
  sentAt: iso(r.sent_at),
});

/** The only Knex code of the outbox. */
export class OutboxRepository {
  /** Inserts the messages, but none whose dedupe key is already there; returns how many were written. */
  async insert(db: Db, drafts: readonly MailDraft[], status: Extract<MailStatus, 'outbox' | 'pending'>): Promise<number> {
    if (drafts.length === 0) return 0;
    const written = await db('mail_outbox').insert(
      drafts.map((d) => ({
        kind: d.kind,
        user_id: d.userId,
        to_address: d.to,
        subject: d.subject,
        text_body: d.text,
        html_body: d.html,
        unit_id: d.unitId,
        period: d.period,
        status,
        next_attempt_at: status === 'pending' ? db.fn.now() : null,
        dedupe_key: d.dedupeKey ?? null,
      })),
    )
      .onConflict('dedupe_key')
      .ignore()
      .returning('id');
    return written.length;
  }

  async page(db: Db, query: OutboxQuery): Promise<{ items: OutboxMessage[]; total: number }> {
    const filtered = (q: Knex.QueryBuilder) => {
      if (query.status) q.where('o.status', query.status);
      if (query.unitId) q.where('o.unit_id', query.unitId);
    };
    const [{ n }] = await db('mail_outbox as o').modify(filtered).count({ n: '*' });
    const rows = await db('mail_outbox as o')
      .leftJoin('units as u', 'u.id', 'o.unit_id')
      .modify(filtered)
      .orderBy([{ column: 'o.created_at', order: 'desc' }, { column: 'o.id', order: 'desc' }])
      .limit(OUTBOX_PAGE_SIZE)
      .offset((query.page - 1) * OUTBOX_PAGE_SIZE)
      .select('o.*', 'u.code as unit_code', 'u.name as unit_name');
    return { items: rows.map(toMessage), total: Number(n) };
  }

  /**
   * The next message due, locked for this transaction: another server instance on the same
   * database skips it (SKIP LOCKED) and takes the next one, so a message is sent once.
   */
  async claimDue(trx: Knex.Transaction): Promise<Row | undefined> {
    return trx('mail_outbox')
      .where('status', 'pending')
      .andWhere('next_attempt_at', '<=', trx.fn.now())
      .orderBy([{ column: 'next_attempt_at' }, { column: 'id' }])
      .forUpdate()
      .skipLocked()
      .first();
  }

  async markSent(trx: Knex.Transaction, id: number): Promise<void> {
    await trx('mail_outbox').where({ id }).update({ status: 'sent', sent_at: trx.fn.now(), attempts: trx.raw('attempts + 1'), next_attempt_at: null, last_error: null });
  }

  /** A failed try: retried after `retryInSeconds`, or given up (`failed`) when null. */
  async markFailed(trx: Knex.Transaction, id: number, error: string, retryInSeconds: number | null): Promise<void> {
    await trx('mail_outbox')
      .where({ id })
      .update({
        status: retryInSeconds === null ? 'failed' : 'pending',
        attempts: trx.raw('attempts + 1'),
        last_error: error.slice(0, 2000),
        next_attempt_at: retryInSeconds === null ? null : trx.raw(`now() + make_interval(secs => ?)`, [retryInSeconds]),
      });
  }
}
