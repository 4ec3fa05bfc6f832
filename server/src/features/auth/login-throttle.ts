import type { Knex } from 'knex';
import type { Config } from '../../config.js';

type Db = Knex | Knex.Transaction;

/** Key spaces of the advisory locks (pg_advisory_xact_lock(int4, int4)). */
const LOCK_ACCOUNT = 7301;
const LOCK_IP = 7302;

/**
 * Limits failed sign-ins per account and per IP address over a sliding window, from rows in
 * PostgreSQL, so the limit holds across several server instances and restarts.
 */
export class LoginThrottle {
  constructor(private readonly config: Pick<Config, 'loginMaxFailuresPerAccount' | 'loginMaxFailuresPerIp' | 'loginWindowMinutes'>) {}

  /**
   * Counts this attempt before the password is checked. Under a transaction-scoped advisory lock
   * on the account and on the address (always in that order, so two attempts never wait on each
   * other in a cycle), the limits are read, then the attempt is recorded as a failure and
   * committed: parallel attempts — on one PostgreSQL server with a pool, or several instances —
   * are serialized here, each sees those before it, and no more than the limit are ever checked.
   * A refused attempt records nothing (it checked nothing); a successful one is marked so with
   * `succeeded`.
   */
  async reserve(db: Knex, email: string, ip: string): Promise<{ attemptId: number; retryAfter: number }> {
    return db.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [LOCK_ACCOUNT, email]);
      await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [LOCK_IP, ip]);
      const retryAfter = await this.retryAfterSeconds(trx, email, ip);
      if (retryAfter > 0) return { attemptId: 0, retryAfter };
      const [row] = await trx('login_attempts').insert({ email, ip, succeeded: false }).returning('id');
      return { attemptId: Number(row.id), retryAfter: 0 };
    });
  }

  async markSucceeded(db: Db, attemptId: number): Promise<void> {
    await db('login_attempts').where({ id: attemptId }).update({ succeeded: true });
  }

  /** Seconds to wait before trying again, or 0 when a new attempt is allowed. */
  async retryAfterSeconds(db: Db, email: string, ip: string): Promise<number> {
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
      Number(account?.n ?? 0) >= this.config.loginMaxFailuresPerAccount ? this.secondsUntilExpiry(account?.first) : 0,
      Number(byIp?.n ?? 0) >= this.config.loginMaxFailuresPerIp ? this.secondsUntilExpiry(byIp?.first) : 0,
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
