import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { SESSION_COOKIE, parseCookies } from '../http/cookies.js';
import { SessionRepository } from '../features/auth/session-repository.js';
import { sha256 } from '../features/auth/tokens.js';
import { UserRepository } from '../features/users/user-repository.js';

/** Refresh `last_seen_at` at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Reads the session cookie and, when it names a live session of an active user, sets `req.actor`
 * and `req.session`. Sessions live in PostgreSQL only: any instance can serve any request.
 */
export function sessionMiddleware(db: Knex, config: Config): RequestHandler {
  const sessions = new SessionRepository();
  const users = new UserRepository();
  return async (req, _res, next) => {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (!token || token.length > 100) return next();
    const idHash = sha256(token);
    const session = await sessions.findActive(db, idHash, config.sessionIdleMinutes);
    if (!session) return next();
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await sessions.touch(db, idHash);
    const unitIds = session.role === 'unit_lead' ? await users.unitIdsOf(db, session.userId) : [];
    req.session = { idHash, csrfToken: session.csrfToken };
    req.actor = {
      userId: session.userId,
      email: session.email,
      displayName: session.displayName,
      role: session.role,
      unitIds,
      requestId: req.requestId,
    };
    next();
  };
}
