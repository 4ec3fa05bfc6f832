import type { Knex } from 'knex';
import type { Actor } from '../auth/actor.js';

export interface AuditChange {
  /** Dotted verb, `<entity>.<what happened>`: `unit.created`, `user.password_reset`… */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | number | null;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly reason?: string | null;
}

/**
 * Writes one append-only audit row. Call it with the transaction that makes the change, so the
 * change and its trace commit or roll back together:
 *
 *   await db.transaction(async (trx) => {
 *     const after = await repo.update(trx, …);
 *     await recordAudit(trx, actor, { action: 'unit.updated', entityType: 'unit', entityId: id, before, after });
 *   });
 */
export async function recordAudit(trx: Knex.Transaction, actor: Actor, change: AuditChange): Promise<void> {
  await trx('audit_log').insert(auditRow(actor, change));
}

/** Audit rows written by one multi-row INSERT: at most 9 parameters a row, far below PostgreSQL's 65 535. */
const AUDIT_ROWS_PER_STATEMENT = 1000;

/**
 * Writes many audit rows, in their order, with a few multi-row inserts: the same rows as one
 * `recordAudit` each (a bulk write such as a file import audits every value it changes).
 */
export async function recordAudits(trx: Knex.Transaction, actor: Actor, changes: readonly AuditChange[]): Promise<void> {
  for (let start = 0; start < changes.length; start += AUDIT_ROWS_PER_STATEMENT) {
    await trx('audit_log').insert(changes.slice(start, start + AUDIT_ROWS_PER_STATEMENT).map((change) => auditRow(actor, change)));
  }
}

function auditRow(actor: Actor, change: AuditChange) {
  return {
    actor_id: actor.userId,
    actor_email: actor.email,
    action: change.action,
    entity_type: change.entityType,
    entity_id: change.entityId === null ? null : String(change.entityId),
    before: change.before === undefined || change.before === null ? null : JSON.stringify(change.before),
    after: change.after === undefined || change.after === null ? null : JSON.stringify(change.after),
    reason: change.reason ?? null,
    request_id: actor.requestId,
  };
}
