import { isIPv4, isIPv6 } from 'node:net';
import type { Knex } from 'knex';
import type { Config } from '../../config.js';

type Db = Knex | Knex.Transaction;

/** Key spaces of the advisory locks (pg_advisory_xact_lock(int4, int4)). */
const LOCK_ACCOUNT = 7301;
const LOCK_IP = 7302;

export type LoginThrottleConfig = Pick<
  Config,
  | 'loginMaxFailuresPerAccountAddress'
  | 'loginMaxFailuresPerAccount'
  | 'loginAddressFailuresBeforeDelay'
  | 'loginAddressFirstDelaySeconds'
  | 'loginAddressMaxDelaySeconds'
  | 'loginWindowMinutes'
>;

/**
 * Slows down password guessing without letting an attacker lock the real user out, from rows in
 * PostgreSQL (`login_attempts`), so the limits hold across several server instances and restarts.
 * A failure counts over a sliding window W (`loginWindowMinutes`, 15 min); an attempt is a failure
 * until its password has been found right. Three rules, each answering 429 with Retry-After:
 *
 * 1. **Per account and address**: at most N failures (`loginMaxFailuresPerAccountAddress`, 5) on an
 *    account from one address since that address's last success on it; then that pair only is
 *    refused, even with the right password, until one of them leaves the window. Other
 *    addresses, and other accounts from this address, are not concerned.
 * 2. **Per address, growing delays instead of a lock-out**: after K failures from an address over
 *    the window, all accounts together (`loginAddressFailuresBeforeDelay`, 10), each further
 *    attempt from it must come at least d after its last failure, d = first delay × 2^(failures − K)
 *    capped (1 s, 2 s, 4 s … 60 s: `loginAddressFirstDelaySeconds`, `loginAddressMaxDelaySeconds`).
 *    Successes do not reset it (anyone behind the address could). So the users behind one NAT are
 *    never locked out, at worst made to wait the cap; a brute force from one address, all accounts
 *    together, is held to K guesses, then a few doublings, then about one per cap (some 75 an hour
 *    at the defaults, measured in sign-in-abuse.int.spec.ts), and to N per account (rule 1).
 * 3. **Per account, all addresses (distributed guessing)**: once the account has M failures over
 *    the window from all addresses (`loginMaxFailuresPerAccount`, 20), an address that has itself
 *    failed on it (since its last success there) is refused until the account falls below M or its
 *    own failures leave the window; an address with no failure on the account keeps its try. So
 *    the real user signing in from their own address gets through with the right password while
 *    the account is under attack from elsewhere, and the failures checked on one account over a
 *    window are at most M + A (A: the distinct addresses the attacker owns — real ones: behind
 *    `TRUST_PROXY` only the configured proxies' X-Forwarded-For is believed), and at most N × A.
 *
 * An address is the client's as Express sees it (`req.ip`), an IPv6 one counted by its /64 prefix
 * (one subscriber's network: otherwise A would be 2^64 for one attacker). Successes of the account
 * do not reset rule 3: the attacker's guesses are what it bounds.
 */
export class LoginThrottle {
  constructor(private readonly config: LoginThrottleConfig) {}

  /**
   * Counts this attempt before the password is checked. Under a transaction-scoped advisory lock
   * on the account and on the address (always in that order, so two attempts never wait on each
   * other in a cycle), the limits are read, then the attempt is recorded as a failure and
   * committed: parallel attempts — on one PostgreSQL server with a pool, or several instances —
   * are serialized here, each sees those before it, and no more than the limits are ever checked.
   * A refused attempt records nothing (it checked nothing); a successful one is marked so with
   * `succeeded`.
   */
  async reserve(db: Knex, email: string, clientIp: string): Promise<{ attemptId: number; retryAfter: number }> {
    const ip = addressKey(clientIp);
    return db.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [LOCK_ACCOUNT, email]);
      await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [LOCK_IP, ip]);
      const retryAfter = await this.retryAfterSeconds(trx, email, ip);
      if (retryAfter > 0) return { attemptId: 0, retryAfter };
      // clock_timestamp(), not now(): the transaction may have started before waiting for the locks.
      const [row] = await trx('login_attempts').insert({ email, ip, succeeded: false, at: trx.raw('clock_timestamp()') }).returning('id');
      return { attemptId: Number(row.id), retryAfter: 0 };
    });
  }

  async markSucceeded(db: Db, attemptId: number): Promise<void> {
    await db('login_attempts').where({ id: attemptId }).update({ succeeded: true });
  }

  /** Seconds to wait before trying again, or 0 when a new attempt is allowed; `ip` as `addressKey` gives it. */
  async retryAfterSeconds(db: Db, email: string, ip: string): Promise<number> {
    const { loginMaxFailuresPerAccountAddress: perPair, loginMaxFailuresPerAccount: perAccount } = this.config;
    const inWindow = (q: Knex.QueryBuilder) =>
      q.where('succeeded', false).andWhereRaw('at > clock_timestamp() - make_interval(mins => ?)', [this.config.loginWindowMinutes]);
    const pair = () =>
      inWindow(db('login_attempts').where({ email, ip })).andWhereRaw(
        `at > coalesce((SELECT max(at) FROM login_attempts WHERE email = ? AND ip = ? AND succeeded), '-infinity')`,
        [email, ip],
      );

    // 1. This account from this address.
    const pairWait = await this.secondsUntilFewerThan(db, pair(), perPair);
    // 3. This account from every address: only for an address that has failed on it.
    const pairLatest = await this.secondsUntilFewerThan(db, pair(), 1);
    const accountWait =
      pairLatest > 0 ? Math.min(pairLatest, await this.secondsUntilFewerThan(db, inWindow(db('login_attempts').where({ email })), perAccount)) : 0;
    // 2. This address, every account: a growing delay since its last failure.
    const address = await inWindow(db('login_attempts').where({ ip })).first(
      db.raw('count(*)::int8 AS n'),
      db.raw('extract(epoch FROM clock_timestamp() - max(at))::float8 AS since_last'),
    );
    const failures = Number(address?.n ?? 0);
    let addressWait = 0;
    if (failures >= this.config.loginAddressFailuresBeforeDelay) {
      const doublings = Math.min(failures - this.config.loginAddressFailuresBeforeDelay, 30);
      const delay = Math.min(this.config.loginAddressMaxDelaySeconds, this.config.loginAddressFirstDelaySeconds * 2 ** doublings);
      const remaining = delay - Number(address?.since_last ?? 0);
      if (remaining > 0) addressWait = Math.ceil(remaining);
    }
    return Math.max(pairWait, accountWait, addressWait);
  }

  /** Attempts older than a day serve no limit any more. */
  async prune(db: Db): Promise<void> {
    await db('login_attempts').whereRaw(`at < now() - interval '1 day'`).delete();
  }

  /**
   * Seconds until fewer than `limit` of the failures `query` selects remain in the window — when
   * the limit-th newest leaves it —, or 0 when there are already fewer.
   */
  private async secondsUntilFewerThan(db: Db, query: Knex.QueryBuilder, limit: number): Promise<number> {
    const row = await query
      .orderBy('at', 'desc')
      .offset(limit - 1)
      .first(db.raw('extract(epoch FROM at + make_interval(mins => ?) - clock_timestamp())::float8 AS expires_in', [this.config.loginWindowMinutes]));
    return row ? Math.max(1, Math.ceil(Number(row.expires_in))) : 0;
  }
}

/**
 * What the limits count an address as: an IPv4 address as is (also when IPv4-mapped, ::ffff:a.b.c.d),
 * an IPv6 address by its /64 prefix (`2001:db8:1:2::/64`), anything else as given.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  const address = ip.replace(/%.*$/, ''); // a zone index (fe80::1%eth0)
  if (!isIPv6(address)) return ip;
  const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const [head, tail] = address.split('::');
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
