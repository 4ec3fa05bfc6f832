import type { Knex } from 'knex';
import type { Config } from '../../config.js';

type Db = Knex | Knex.Transaction;

/**
 * Limits failed sign-ins per account and per IP address over a sliding window, from rows in
 * PostgreSQL, so the limit holds across several server instances and restarts.
 */
export class LoginThrottle {
  constructor(private readonly config: Pick<Config, 'loginMaxFailuresPerAccount' | 'loginMaxFailuresPerIp' | 'loginWindowMinutes'>) {}

  /**
   * Counts this attempt before the password is checked: it is recorded as a failure first, then
   * the limits are read with it included, so parallel attempts see each other and no more than
   * the limit are ever checked. A refused attempt's row is removed (it checked nothing); a
   * successful one is marked so with `succeeded`.
   */
  async reserve(db: Db, email: string, ip: string): Promise<{ attemptId: number; retryAfter: number }> {
    const [row] = await db('login_attempts').insert({ email, ip, succeeded: false }).returning('id');
    const attemptId = Number(row.id);
    const retryAfter = await this.retryAfterSeconds(db, email, ip, 1);
    if (retryAfter > 0) await db('login_attempts').where({ id: attemptId }).delete();
    return { attemptId, retryAfter };
  }

  async markSucceeded(db: Db, attemptId: number): Promise<void> {
    await db('login_attempts').where({ id: attemptId }).update({ succeeded: true });
  }

  /**
   * Seconds to wait before trying again, or 0 when a new attempt is allowed; `pending` failures
   * counted are the caller's own reserved attempt.
   */
  async retryAfterSeconds(db: Db, email: string, ip: string, pending = 0): Promise<number> {
    const window = this.config.loginWindowMinutes;
    // Per account: failures since the last success, within the window.
    const account = await db('login_attempts')
      .where({ email, succeeded: false })
      .andWhereRaw(`at > now() - make_interval(mins => ?)`, [window])
      .andWhereRaw(`at > coalesce((SELECT max(at) FROM login_attempts WHERE email = ? AND succeeded), '-infinity')`, [email])
      .first(db.raw('count(*)::int8 AS n'), db.raw('min(at) AS first'));
    const byIp = await db('login_attempts')
      .where({ ip, succeeded: false })
      .andWhereRaw(`at > now() - make_interval(mins => ?)`, [window])
      .first(db.raw('count(*)::int8 AS n'), db.raw('min(at) AS first'));
    const waits = [
      Number(account?.n ?? 0) - pending >= this.config.loginMaxFailuresPerAccount ? this.secondsUntilExpiry(account?.first) : 0,
      Number(byIp?.n ?? 0) - pending >= this.config.loginMaxFailuresPerIp ? this.secondsUntilExpiry(byIp?.first) : 0,
    ];
    return Math.max(...waits);
  }

  /** Attempts older than a day serve no limit any more. */
  async prune(db: Db): Promise<void> {
    await db('login_attempts').whereRaw(`at < now() - interval '1 day'`).delete();
  }

  private secondsUntilExpiry(first: Date | string | null | undefined): number {
    if (!first) return 60;
    const expiresAt = new Date(first).getTime() + this.config.loginWindowMinutes * 60_000;
    return Math.max(1, Math.ceil((expiresAt - Date.now()) / 1000));
  }
}
