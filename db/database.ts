import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { migrationSource } from './migrations/index.js';

export type DatabaseEngine = 'embedded' | 'server';

export interface Database {
  readonly knex: Knex;
  readonly engine: DatabaseEngine;
  /** Where the data lives, for the first log line: a directory or a server URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

const PG_BYTEA = 17;
const PG_INT8 = 20;
const PG_DATE = 1082;

/**
 * int8 (bigint, count(*)) as a JS number on both engines: cents and ids stay far below 2^53.
 * Refuse silently wrong values rather than lose precision.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Entier 64 bits hors de la plage sûre : ${text}`);
  }
  return value;
}

/** `date` columns as 'YYYY-MM-DD' strings on both engines (node-postgres would build a local-time Date). */
const parseDate = (text: string) => text;

pg.types.setTypeParser(PG_INT8, parseInt8);
pg.types.setTypeParser(PG_DATE, parseDate);

/**
 * `bytea` on the embedded database as node-postgres has it, a Buffer, converted in one native call
 * each way: PGlite's own converters go byte by byte in JavaScript — 400 kB (about the four files
 * of an official version) took 75 ms to write and 43 ms to read back; with these, 13 and 2 ms
 * (measured side by side, 7 December 2026). The text form is PostgreSQL's hex format
 * (`\\x0a1b…`), the default `bytea_output`; a string given is taken as that text form, as
 * node-postgres does.
 */
export function serializeBytea(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!(value instanceof Uint8Array)) throw new TypeError('bytea : un Buffer ou un Uint8Array est attendu.');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

export const parseBytea = (text: string): Buffer => Buffer.from(text.slice(2), 'hex');

/** The value types of every PGlite the project opens (a data directory, a restore, a test's clone). */
export const pgliteTypes = {
  parsers: { [PG_INT8]: parseInt8, [PG_DATE]: parseDate, [PG_BYTEA]: parseBytea },
  serializers: { [PG_BYTEA]: serializeBytea },
};

/** Opens an embedded PostgreSQL (PGlite); `dataDir` undefined means in memory. */
export async function openPglite(dataDir?: string): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return PGlite.create(dataDir, pgliteTypes);
}

/** Wraps an open PGlite in Knex. Knex owns it from then on: `knex.destroy()` closes it. */
export function knexOnPglite(pglite: PGlite): Knex {
  return knexFactory({ client: ClientPgLite, connection: { pglite } } as unknown as Knex.Config);
}

export function knexOnServer(url: string, poolMax = 10): Knex {
  return knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: poolMax } });
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(URL de base de données illisible)';
  }
}

/** `DATABASE_URL` → a PostgreSQL server; otherwise the embedded database in `dataDir`. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) {
    const knex = knexOnServer(options.databaseUrl);
    return { knex, engine: 'server', location: redactUrl(options.databaseUrl), close: () => knex.destroy() };
  }
  const releaseLock = lockDataDir(options.dataDir);
  try {
    const knex = knexOnPglite(await openPglite(options.dataDir));
    return {
      knex,
      engine: 'embedded',
      location: options.dataDir,
      close: async () => {
        await knex.destroy();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database is a single-process database: two processes writing the same directory
 * would corrupt it. A lock file with the owner's pid refuses a second opener with a clear
 * message; a lock left by a process that died (SIGKILL) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // Beside the data directory, not in it: PostgreSQL owns what is inside.
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        rmSync(lockFile, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
        throw new Error(
          `La base embarquée ${dataDir} est déjà ouverte par le processus ${owner} (un serveur lancé ?). ` +
            'Arrêtez-le avant de relancer, ou utilisez DATABASE_URL pour un serveur PostgreSQL.',
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Impossible de verrouiller la base embarquée ${dataDir}.`);
}

export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

/** The embedded database under a Knex made by `knexOnPglite`; undefined on a server. */
export function pgliteOf(knex: Knex): PGlite | undefined {
  const pglite = (knex.client as { pglite?: unknown }).pglite;
  return pglite instanceof PGlite ? pglite : undefined;
}
