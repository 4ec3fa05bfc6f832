import type { Knex } from 'knex';
import { knexOnPglite, knexOnServer, openPglite } from '@cn2r/db';

export interface BenchDatabase {
  readonly knex: Knex;
  /** « PGlite (embarqué) » or « serveur PostgreSQL », for the tables. */
  readonly engine: string;
  readonly kind: 'embedded' | 'server';
  /** The database's URL on a server (another process can open it); none when embedded. */
  readonly url?: string;
  close(): Promise<void>;
}

/** Waits (5 s at most) until no query holds or waits for a connection: requests still in flight when a load ends. */
async function drained(knex: Knex): Promise<void> {
  const pool = (knex.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool;
  for (let i = 0; i < 100 && pool && pool.numUsed() + pool.numPendingAcquires() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * The database of a benchmark: with DATABASE_URL, a fresh database created on that PostgreSQL
 * server (dropped at the end); else an in-memory embedded PGlite.
 */
export async function openBenchDatabase(name: string): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const knex = knexOnPglite(await openPglite());
    return {
      knex,
      engine: 'PGlite (embarqué)',
      kind: 'embedded',
      close: async () => {
        await drained(knex);
        await knex.destroy();
      },
    };
  }
  const database = `cn2r_bench_${name}_${process.pid}`;
  const admin = knexOnServer(url, 1);
  await admin.raw(`CREATE DATABASE ${database}`);
  const target = new URL(url);
  target.pathname = `/${database}`;
  const knex = knexOnServer(target.toString());
  return {
    knex,
    engine: 'serveur PostgreSQL',
    kind: 'server',
    url: target.toString(),
    close: async () => {
      await drained(knex);
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${database}`);
      await admin.destroy();
    },
  };
}
