import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { knexOnPglite, knexOnServer, lockDataDir, migrateToLatest, openPglite } from '@cn2r/db';
import { backupDatabase, restoreDatabase } from './backup.js';

const unit = (code: string) => ({ code, name: `Centre ${code}`, region: 'Bretagne', kind: 'crp', opened_on: '2022-01-10' });

/** Backup, then a later change and a deletion, then restore: the backup's state comes back. */
async function roundTrip(open: () => Promise<Knex>, backup: () => Promise<string>, restore: (file: string) => Promise<void>) {
  let knex = await open();
  await knex('units').insert(unit('CRP-SAVE'));
  await knex.destroy();

  const file = await backup();
  expect(existsSync(file)).toBeTrue();

  knex = await open();
  await knex('units').where({ code: 'CRP-SAVE' }).delete();
  await knex('units').insert(unit('CRP-LATER'));
  await knex.destroy();

  await restore(file);

  knex = await open();
  try {
    const codes = (await knex('units').pluck('code')) as string[];
    expect(codes).toContain('CRP-SAVE');
    expect(codes).not.toContain('CRP-LATER');
    const saved = await knex('units').where({ code: 'CRP-SAVE' }).first();
    expect(saved.opened_on).toBe('2022-01-10');
  } finally {
    await knex.destroy();
  }
}

describe('db:backup / db:restore', () => {
  describe('embedded database', () => {
    let root: string;
    let dataDir: string;

    beforeEach(async () => {
      root = mkdtempSync(path.join(tmpdir(), 'cn2r-backup-'));
      dataDir = path.join(root, 'pg');
      const knex = knexOnPglite(await openPglite(dataDir));
      await migrateToLatest(knex);
      await knex.destroy();
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('round-trips: the backed-up unit is back, the later change is gone, nothing is left beside the data', async () => {
      await roundTrip(
        async () => knexOnPglite(await openPglite(dataDir)),
        async () => {
          const file = await backupDatabase({ dataDir });
          expect(path.dirname(file)).toBe(path.join(root, 'backups'));
          expect(path.basename(file)).toMatch(/^cn2r-\d{8}-\d{6}\.tar\.gz$/);
          return file;
        },
        (file) => restoreDatabase({ dataDir }, file),
      );
      expect(readdirSync(root).sort()).toEqual(['backups', 'pg']);
    }, 60_000);

    it('refuses to back up or restore while a live process holds the lock, and leaves the data alone', async () => {
      const file = await backupDatabase({ dataDir }, { out: path.join(root, 'before.tar.gz') });
      const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      try {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(`${dataDir}.lock`, String(holder.pid));
        await expectAsync(backupDatabase({ dataDir }, { out: path.join(root, 'refused.tar.gz') })).toBeRejectedWithError(
          new RegExp(`Sauvegarde impossible : .*déjà ouverte par le processus ${holder.pid}`),
        );
        await expectAsync(restoreDatabase({ dataDir }, file)).toBeRejectedWithError(/Restauration impossible : .*déjà ouverte/);
        expect(existsSync(path.join(root, 'refused.tar.gz'))).toBeFalse();
        expect(readdirSync(root).sort()).toEqual(['before.tar.gz', 'pg', 'pg.lock']);
      } finally {
        holder.kill();
        rmSync(`${dataDir}.lock`, { force: true });
      }
    }, 60_000);

    it('refuses a file that is not a backup and keeps the data directory', async () => {
      const { writeFileSync } = await import('node:fs');
      const bogus = path.join(root, 'bogus.tar.gz');
      writeFileSync(bogus, 'pas une archive');
      await expectAsync(restoreDatabase({ dataDir }, bogus)).toBeRejected();
      const release = lockDataDir(dataDir);
      release();
      const knex = knexOnPglite(await openPglite(dataDir));
      try {
        expect(await migrateToLatest(knex)).toEqual([]);
      } finally {
        await knex.destroy();
      }
      expect(readdirSync(root).sort()).toEqual(['bogus.tar.gz', 'pg']);
    }, 60_000);
  });

  const serverUrl = process.env.TEST_DATABASE_URL;
  const pgDumpAvailable = spawnSync('pg_dump', ['--version']).status === 0;
  if (serverUrl && pgDumpAvailable) {
    describe('PostgreSQL server (TEST_DATABASE_URL)', () => {
      const name = `cn2r_backup_${process.pid}_${randomBytes(3).toString('hex')}`;
      let admin: Knex;
      let databaseUrl: string;
      let root: string;

      beforeAll(async () => {
        admin = knexOnServer(serverUrl, 1);
        await admin.raw(`CREATE DATABASE ${name}`);
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        databaseUrl = url.toString();
        const knex = knexOnServer(databaseUrl, 1);
        await migrateToLatest(knex);
        await knex.destroy();
        root = mkdtempSync(path.join(tmpdir(), 'cn2r-backup-pg-'));
      });
      afterAll(async () => {
        await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.destroy();
        rmSync(root, { recursive: true, force: true });
      });

      it('round-trips through pg_dump and pg_restore', async () => {
        const target = { databaseUrl, dataDir: path.join(root, 'pg') };
        await roundTrip(
          async () => knexOnServer(databaseUrl, 1),
          async () => {
            const file = await backupDatabase(target);
            expect(path.basename(file)).toMatch(/^cn2r-\d{8}-\d{6}\.dump$/);
            return file;
          },
          (file) => restoreDatabase(target, file),
        );
      }, 60_000);
    });
  }
});
