import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { SESSION_COOKIE, parseCookies } from '../http/cookies.js';
import { SessionRepository, type SessionRow } from '../features/auth/session-repository.js';
import { sha256 } from '../features/auth/tokens.js';
import { UserRepository } from '../features/users/user-repository.js';
import { sumOf, type DataVersions } from '../db/data-versions.js';

/** Refresh `last_seen_at` at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;
/** Sessions kept in memory at most (the least recently used leaves first). */
const KEPT_SESSIONS = 10_000;

interface KeptSession {
  readonly row: SessionRow;
  readonly unitIds: readonly number[];
  /** The `access` version it was read at. */
  readonly access: bigint;
}

/**
 * Reads the session cookie and, when it names a live session of an active user, sets `req.actor`
 * and `req.session`. Sessions live in PostgreSQL only: any instance can serve any request.
 *
 * Each request reads the data versions (`DataVersions`: one small query shared by the requests
 * that arrive meanwhile, none on the embedded database until a write) and keeps them on the
 * request (`req.dataVersions`, which the dashboards use too). A session read from the database is
 * kept in memory under the `access` version (migration 052): a sign-out, a password change, a
 * user's role, activity or units changed, on any instance and by any path, bumps it and the next
 * request reads the session again. Its expiry and idle limit are checked in memory meanwhile.
 */
export function sessionMiddleware(db: Knex, config: Config, versions: DataVersions): RequestHandler {
  const sessions = new SessionRepository();
  const users = new UserRepository();
  const kept = new Map<string, KeptSession>();
  const idleMs = config.sessionIdleMinutes * 60_000;

  const keep = (idHash: string, session: KeptSession) => {
    kept.delete(idHash);
    kept.set(idHash, session);
    if (kept.size > KEPT_SESSIONS) kept.delete(kept.keys().next().value!);
  };

  return async (req, _res, next) => {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (!token || token.length > 100) return next();
    const idHash = sha256(token);
    const counters = await versions.read();
    req.dataVersions = counters;
    const access = sumOf(counters, (c) => c.domain === 'access');
    const now = Date.now();
    let session = kept.get(idHash);
    if (!session || session.access !== access || session.row.expiresAt.getTime() <= now || session.row.lastSeenAt.getTime() <= now - idleMs) {
      kept.delete(idHash);
      const row = await sessions.findActive(db, idHash, config.sessionIdleMinutes);
      if (!row) return next();
      session = { row, unitIds: row.role === 'unit_lead' ? await users.unitIdsOf(db, row.userId) : [], access };
    }
    if (now - session.row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await sessions.touch(db, idHash);
      session = { ...session, row: { ...session.row, lastSeenAt: new Date(now) } };
    }
    keep(idHash, session);
    const { row, unitIds } = session;
    req.session = { idHash, csrfToken: row.csrfToken };
    req.actor = {
      userId: row.userId,
      email: row.email,
      displayName: row.displayName,
      role: row.role,
      unitIds: [...unitIds],
      requestId: req.requestId,
    };
    next();
  };
}
