import type { Knex } from 'knex';
import type { AuditEntry, AuditQuery } from '@cn2r/shared';

const escapeLike = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class AuditRepository {
  private filtered(db: Knex, query: Omit<AuditQuery, 'limit' | 'offset'>): Knex.QueryBuilder {
    const q = db('audit_log');
    if (query.actor) q.whereILike('actor_email', escapeLike(query.actor));
    if (query.action) q.whereILike('action', escapeLike(query.action));
    if (query.entityType) q.where('entity_type', query.entityType);
    if (query.entityId) q.where('entity_id', query.entityId);
    // Dates are whole days in Paris time, as the coordinators read them.
    if (query.from) q.whereRaw(`at >= (?::date)::timestamp AT TIME ZONE 'Europe/Paris'`, [query.from]);
    if (query.to) q.whereRaw(`at < ((?::date) + 1)::timestamp AT TIME ZONE 'Europe/Paris'`, [query.to]);
    return q;
  }

  async page(db: Knex, query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    const [countRow, rows] = await Promise.all([
      this.filtered(db, query).count<{ n: number }[]>('* as n').first(),
      this.filtered(db, query).orderBy('id', 'desc').limit(query.limit).offset(query.offset).select('*'),
    ]);
    return { items: rows.map(toEntry), total: Number((countRow as { n: number } | undefined)?.n ?? 0) };
  }

  /** Every matching row, oldest first, in batches: for the CSV export. */
  async *all(db: Knex, query: Omit<AuditQuery, 'limit' | 'offset'>, batchSize = 1000): AsyncGenerator<AuditEntry> {
    let afterId = 0;
    for (;;) {
      const rows = await this.filtered(db, query).where('id', '>', afterId).orderBy('id').limit(batchSize).select('*');
      for (const row of rows) yield toEntry(row);
      if (rows.length < batchSize) return;
      afterId = rows[rows.length - 1].id;
    }
  }
}

function toEntry(row: Record<string, unknown>): AuditEntry {
  return {
    id: row.id as number,
    at: new Date(row.at as string).toISOString(),
    actorId: (row.actor_id as number | null) ?? null,
    actorEmail: (row.actor_email as string | null) ?? null,
    action: row.action as string,
    entityType: row.entity_type as string,
    entityId: (row.entity_id as string | null) ?? null,
    before: parseJson(row.before),
    after: parseJson(row.after),
    reason: (row.reason as string | null) ?? null,
    requestId: (row.request_id as string | null) ?? null,
  };
}

/** jsonb comes back parsed from node-postgres and PGlite alike; a string is parsed to be safe. */
function parseJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
