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

/** The columns of an audit row, with their types for `unnest`. */
const AUDIT_COLUMNS = [
  ['actor_id', 'int'],
  ['actor_email', 'text'],
  ['action', 'text'],
  ['entity_type', 'text'],
  ['entity_id', 'text'],
  ['before', 'jsonb'],
  ['after', 'jsonb'],
  ['reason', 'text'],
  ['request_id', 'text'],
] as const;

/**
 * Writes many audit rows, in their order, with one INSERT: the same rows as one `recordAudit`
 * each (a bulk write such as a file import audits every value it changes). Each column goes as
 * one array parameter (`unnest`), so any number of rows stays within the parameter limit.
 */
export async function recordAudits(trx: Knex.Transaction, actor: Actor, changes: readonly AuditChange[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map((change) => auditRow(actor, change));
  const names = AUDIT_COLUMNS.map(([name]) => name).join(', ');
  await trx.raw(
    `INSERT INTO audit_log (${names})
     SELECT ${names} FROM unnest(${AUDIT_COLUMNS.map(([, type]) => `?::${type}[]`).join(', ')}) WITH ORDINALITY AS r (${names}, n)
     ORDER BY n`,
    // Arrays with nulls, which knex's binding type does not spell out.
    AUDIT_COLUMNS.map(([name]) => rows.map((row) => row[name]) as Knex.Value),
  );
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
