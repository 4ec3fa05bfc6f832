import { createHash } from 'node:crypto';
import { sumOf, type DataCounter, type DataVersions } from '../../db/data-versions.js';

/** What a dashboard reads, so that its cache entry follows the versions of that data only (migration 051). */
export interface DashboardReads {
  /** The years of the indicator values (forms, campaigns, audit of values) it reads, both included; null: none. */
  readonly valueYears: readonly [from: number, to: number] | null;
  /** Whether it reads the budget and the staff. */
  readonly budget: boolean;
}

/** A dashboard as served: its JSON text and its entity tag (a hash of that text). */
export interface ServedDashboard {
  readonly json: string;
  readonly etag: string;
}

interface Entry {
  readonly served: Promise<ServedDashboard>;
  bytes: number;
}

export interface DashboardCacheLimits {
  /** Entries kept at most (least recently used out first). */
  readonly entries: number;
  /** JSON characters kept at most, all entries together. */
  readonly chars: number;
}

const DEFAULT_LIMITS: DashboardCacheLimits = { entries: 500, chars: 64 * 1024 * 1024 };

/**
 * The dashboards computed once per change of the data they read, kept in this process's memory.
 *
 * The data version lives in PostgreSQL (`dashboard_versions`), bumped by statement triggers in the
 * transaction of every write to the tables the dashboards read; so every instance of the app, and
 * every write path, agree on it. A request reads the version of what its dashboard reads
 * (`DataVersions`: read after the request arrived, by the session middleware) *before* computing,
 * and the result is kept under the dashboard, the caller's scope
 * (role and units: what one role or unit may see is never served to another), the parameters,
 * the day and that version. An entry is therefore never older than its version: a write committed
 * meanwhile bumps the version, and the next request computes again. Requests for the same key while
 * it is being computed wait for that one computation. A failed computation (a 404) is not kept.
 */
export class DashboardCache {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(
    private readonly versions: DataVersions,
    private readonly limits: DashboardCacheLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * The version of what `reads` names, as text: the sum of its counters (each only grows, so the
   * sum grows with any bump of one of them), from `counters` when the request has them.
   */
  async version(reads: DashboardReads, counters?: readonly DataCounter[]): Promise<string> {
    const wanted = (c: DataCounter) =>
      c.domain === 'catalogue' ||
      (c.domain === 'budget' && reads.budget) ||
      (c.domain === 'values' && reads.valueYears !== null && (c.year === 0 || (c.year >= reads.valueYears[0] && c.year <= reads.valueYears[1])));
    return String(sumOf(counters ?? (await this.versions.read()), wanted));
  }

  /**
   * The dashboard of `key` (its name, scope, parameters and day) at the current version of what it
   * reads: from memory, or computed by `compute` (then `check`ed, serialised and kept). `counters`:
   * the data versions read for the request after it arrived (read now when absent).
   */
  async serve(key: string, reads: DashboardReads, compute: () => Promise<unknown>, check?: (value: unknown) => void, counters?: readonly DataCounter[]): Promise<ServedDashboard> {
    const versioned = `${key}|v${await this.version(reads, counters)}`;
    const hit = this.entries.get(versioned);
    if (hit) {
      // Most recently used: last in the map's order.
      this.entries.delete(versioned);
      this.entries.set(versioned, hit);
      return hit.served;
    }
    const served = compute().then((value) => {
      check?.(value);
      const json = JSON.stringify(value);
      return { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
    });
    const entry: Entry = { served, bytes: 0 };
    this.entries.set(versioned, entry);
    served.then(
      ({ json }) => {
        if (this.entries.get(versioned) !== entry) return;
        entry.bytes = json.length;
        this.chars += json.length;
        this.evict();
      },
      () => {
        if (this.entries.get(versioned) === entry) this.entries.delete(versioned);
      },
    );
    return served;
  }

  /** Entries kept now (computed or being computed). */
  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.limits.entries && this.chars <= this.limits.chars) return;
      this.entries.delete(key);
      this.chars -= entry.bytes;
    }
  }
}
