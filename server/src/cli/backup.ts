import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { knexOnPglite, lockDataDir, migrateToLatest, openPglite, pgliteTypes, redactUrl } from '@cn2r/db';

/** Where the database lives: the same two settings as the server (config.ts). */
export interface BackupTarget {
  readonly databaseUrl?: string;
  readonly dataDir: string;
}

/** 20261123-142501, local time: the operator reads it next to the clock on the wall. */
export function timestamp(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-` +
    `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`
  );
}

/** `.data/backups/cn2r-YYYYMMDD-HHMMSS.tar.gz` (embedded) or `….dump` (server), beside the data directory. */
export function defaultBackupFile(target: BackupTarget, now = new Date()): string {
  const extension = target.databaseUrl ? 'dump' : 'tar.gz';
  return path.join(path.dirname(target.dataDir), 'backups', `cn2r-${timestamp(now)}.${extension}`);
}

/** Describes the database for messages: a directory or a server URL without its password. */
export function describeTarget(target: BackupTarget): string {
  return target.databaseUrl
    ? `la base PostgreSQL ${redactUrl(target.databaseUrl)}`
    : `la base embarquée ${target.dataDir}`;
}

/**
 * Writes a backup and returns its path. Embedded: a gzipped tarball of the data directory taken
 * under the lock, so never while the server runs. Server: `pg_dump --format=custom`.
 */
export async function backupDatabase(target: BackupTarget, options: { out?: string } = {}): Promise<string> {
  const out = path.resolve(options.out ?? defaultBackupFile(target));
  if (existsSync(out)) throw new Error(`Le fichier ${out} existe déjà : choisissez un autre nom avec --out.`);
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  try {
    if (target.databaseUrl) {
      await runPgTool('pg_dump', ['--format=custom', `--file=${partial}`], target.databaseUrl);
    } else {
      await dumpEmbedded(target.dataDir, partial);
    }
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  return out;
}

async function dumpEmbedded(dataDir: string, file: string): Promise<void> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new Error(`Aucune base embarquée dans ${dataDir} : rien à sauvegarder.`);
  }
  const release = lockOrExplain(dataDir, 'Sauvegarde');
  try {
    const pglite = await openPglite(dataDir);
    try {
      const tarball = await pglite.dumpDataDir('gzip');
      await writeFile(file, Buffer.from(await tarball.arrayBuffer()));
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

/**
 * Replaces all the data with a backup. Embedded: the tarball is unpacked into a fresh directory,
 * opened and migrated there, and only then swapped in; the old directory is kept as
 * `<dataDir>.before-restore-<stamp>` until the swap succeeded. Server: `pg_restore --clean`.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<void> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new Error(`Fichier de sauvegarde introuvable : ${source}.`);
  if (target.databaseUrl) {
    await runPgTool(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', source],
      target.databaseUrl,
    );
    return;
  }
  await restoreEmbedded(target.dataDir, source);
}

async function restoreEmbedded(dataDir: string, source: string): Promise<void> {
  const release = lockOrExplain(dataDir, 'Restauration');
  const stamp = timestamp();
  const fresh = `${dataDir}.restoring-${stamp}`;
  const previous = `${dataDir}.before-restore-${stamp}`;
  try {
    rmSync(fresh, { recursive: true, force: true });
    mkdirSync(fresh, { recursive: true });
    try {
      const tarball = new Blob([await readFile(source)]);
      const pglite = await PGlite.create(fresh, { loadDataDir: tarball, ...pgliteTypes });
      const knex = knexOnPglite(pglite);
      try {
        await migrateToLatest(knex);
        await knex.raw('select count(*) from knex_migrations');
      } finally {
        await knex.destroy();
      }
    } catch (error) {
      rmSync(fresh, { recursive: true, force: true });
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`La sauvegarde ${source} ne s’ouvre pas comme une base CN2R Pilotage (${reason}) ; ${dataDir} est inchangé.`);
    }
    const hadData = existsSync(dataDir);
    if (hadData) renameSync(dataDir, previous);
    try {
      renameSync(fresh, dataDir);
    } catch (error) {
      if (hadData) renameSync(previous, dataDir);
      throw error;
    }
    if (hadData) rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    release();
  }
}

function lockOrExplain(dataDir: string, what: string): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    throw new Error(`${what} impossible : ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Runs pg_dump / pg_restore on the database of `url`. The password goes through PGPASSWORD, not
 * the command line, where `ps` would show it.
 */
function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${parsed.toString()}`], { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(`${tool} est introuvable : installez le paquet Debian postgresql-client (sudo apt-get install postgresql-client), de la même version majeure que le serveur ou plus récente.`)
          : error,
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${tool} a échoué (code ${code}) : ${stderr.trim() || 'aucun message'}`));
    });
  });
}
