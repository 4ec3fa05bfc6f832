import type { Knex } from 'knex';
import { pgliteOf } from '@cn2r/db';

/** One counter of `dashboard_versions`: a domain, a year (0: any), its version (the sum of its shards). */
export interface DataCounter {
  readonly domain: string;
  readonly year: number;
  readonly version: bigint;
}

/** The channel the bump functions notify (migration 052): the embedded database keeps its counters until then. */
export const DATA_VERSIONS_CHANNEL = 'cn2r_data_versions';

/** The sum of the counters `wanted` keeps (counters only grow, so the sum grows with any bump of one of them). */
export function sumOf(counters: readonly DataCounter[], wanted: (c: DataCounter) => boolean): bigint {
  let sum = 0n;
  for (const c of counters) if (wanted(c)) sum += c.version;
  return sum;
}

/**
 * The versions of the data, read from `dashboard_versions` (migrations 051 and 052): triggers bump
 * them in the transaction of every write to the tables the dashboards read (domains `values`,
 * `catalogue`, `budget`) and to the sessions and users (`access`), whatever the write path. The
 * dashboards cache their results, and the session middleware the sessions it has read, under
 * these versions.
 *
 * `read()` answers counters read by a query that started after the call: they reflect every
 * write committed before it. Calls made while a read is in flight share the next one, started as
 * soon as that one ends: under load, one query serves many requests, never an older one. That is
 * how it works on a PostgreSQL server, where other instances of the app write too.
 *
 * On the embedded database (PGlite, one process: every write goes through this process) the
 * counters are kept in memory and read again only after a write: the bump functions notify
 * `cn2r_data_versions`, and PGlite calls the listener while it runs the writer's COMMIT, before the
 * writer's transaction resolves — so the next request already reads anew. A read that was in
 * flight when a notification came is not kept.
 */
export class DataVersions {
  /** The read in flight, and the one queued after it. */
  private reading: Promise<readonly DataCounter[]> | undefined;
  private queued: Promise<readonly DataCounter[]> | undefined;
  /** Embedded: the counters as of the last read, while no write was notified since. */
  private kept: readonly DataCounter[] | undefined;
  /** Embedded: notifications received (a read started before one is not kept). */
  private notified = 0;
  private listening: Promise<boolean> | undefined;

  constructor(private readonly db: Knex) {}

  /** Counters reflecting every write committed before this call. */
  async read(): Promise<readonly DataCounter[]> {
    if (await this.watching()) {
      if (this.kept) return this.kept;
      const before = this.notified;
      const counters = await this.readCounters();
      if (this.notified === before) this.kept = counters;
      return counters;
    }
    return this.coalesced();
  }

  /** Embedded only: listens to the bump notifications once (false on a server: every read queries). */
  private watching(): Promise<boolean> {
    if (!this.listening) {
      const pglite = pgliteOf(this.db);
      this.listening = pglite
        ? pglite
            .listen(DATA_VERSIONS_CHANNEL, () => {
              this.notified++;
              this.kept = undefined;
            })
            .then(
              () => true,
              () => false,
            )
        : Promise.resolve(false);
    }
    return this.listening;
  }

  private coalesced(): Promise<readonly DataCounter[]> {
    if (!this.reading) {
      const read = this.readCounters().finally(() => {
        if (this.reading === read) this.reading = undefined;
      });
      this.reading = read;
      return read;
    }
    this.queued ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.coalesced();
      });
    return this.queued;
  }

  private async readCounters(): Promise<readonly DataCounter[]> {
    const rows: { domain: string; year: number; version: string }[] = await this.db('dashboard_versions')
      .select('domain', 'year', this.db.raw('sum(version)::text AS version'))
      .groupBy('domain', 'year');
    return rows.map((r) => ({ domain: r.domain, year: Number(r.year), version: BigInt(r.version) }));
  }
}
