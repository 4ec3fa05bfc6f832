import type { Knex } from 'knex';
import type { Role } from '@cn2r/shared';

export interface SessionRow {
  idHash: string;
  csrfToken: string;
  userId: number;
  email: string;
  displayName: string;
  role: Role;
  lastSeenAt: Date;
  expiresAt: Date;
}

export class SessionRepository {
  async insert(
    db: Knex | Knex.Transaction,
    row: { idHash: string; userId: number; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null },
  ): Promise<void> {
    await db('sessions').insert({
      id_hash: row.idHash,
      user_id: row.userId,
      csrf_token: row.csrfToken,
      expires_at: row.expiresAt,
      ip: row.ip,
      user_agent: row.userAgent?.slice(0, 300) ?? null,
    });
  }

  /** The session if it exists, has not expired, has not been idle too long and its user is active. */
  async findActive(db: Knex, idHash: string, idleMinutes: number): Promise<SessionRow | undefined> {
    const row = await db('sessions as s')
      .join('users as u', 'u.id', 's.user_id')
      .where('s.id_hash', idHash)
      .andWhere('u.active', true)
      .andWhere('s.expires_at', '>', db.fn.now())
      .andWhereRaw(`s.last_seen_at > now() - make_interval(mins => ?)`, [idleMinutes])
      .first('s.id_hash', 's.csrf_token', 's.last_seen_at', 's.expires_at', 'u.id', 'u.email', 'u.display_name', 'u.role');
    if (!row) return undefined;
    return {
      idHash: row.id_hash,
      csrfToken: row.csrf_token,
      userId: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  async touch(db: Knex, idHash: string): Promise<void> {
    await db('sessions').where({ id_hash: idHash }).update({ last_seen_at: db.fn.now() });
  }

  async delete(db: Knex | Knex.Transaction, idHash: string): Promise<number> {
    return db('sessions').where({ id_hash: idHash }).delete();
  }

  /** Ends every session of a user, but one (the caller's own, after a password change). */
  async deleteForUser(db: Knex | Knex.Transaction, userId: number, exceptIdHash?: string): Promise<number> {
    const query = db('sessions').where({ user_id: userId });
    if (exceptIdHash) query.whereNot({ id_hash: exceptIdHash });
    return query.delete();
  }

  async deleteExpired(db: Knex | Knex.Transaction, idleMinutes: number): Promise<number> {
    return db('sessions')
      .where('expires_at', '<=', db.fn.now())
      .orWhereRaw(`last_seen_at <= now() - make_interval(mins => ?)`, [idleMinutes])
      .delete();
  }
}
