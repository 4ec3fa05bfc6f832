import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Knex } from 'knex';
import { knexOnPglite, knexOnServer, migrateToLatest, openPglite, pgliteTypes, type DatabaseEngine } from '@cn2r/db';

export interface TestDatabase {
  readonly knex: Knex;
  readonly engine: DatabaseEngine;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one spec file: on the PostgreSQL server named by
 * TEST_DATABASE_URL (`CREATE DATABASE … TEMPLATE` a database migrated once per run), else an
 * embedded PGlite cloned from a migrated template. Never a mock.
 */
export function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? createOnServer(url) : createEmbedded();
}

let pgliteTemplate: Promise<{ pglite: PGlite; knex: Knex }> | undefined;

async function createEmbedded(): Promise<TestDatabase> {
  pgliteTemplate ??= (async () => {
    const pglite = await openPglite();
    const knex = knexOnPglite(pglite);
    await migrateToLatest(knex);
    return { pglite, knex };
  })();
  const { pglite } = await pgliteTemplate;
  // Not `pglite.clone()`: it drops the type parsers, so dates would come back as Date objects and
  // int8 as BigInt beyond 2^53, unlike the production handle (openPglite).
  const clone = await PGlite.create({ loadDataDir: await pglite.dumpDataDir('none'), ...pgliteTypes });
  const knex = knexOnPglite(clone);
  return { knex, engine: 'embedded', drop: () => knex.destroy() };
}

const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
let serverTemplate: Promise<string> | undefined;
let counter = 0;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function createOnServer(url: string): Promise<TestDatabase> {
  const admin = knexOnServer(url, 1);
  try {
    serverTemplate ??= (async () => {
      const name = `cn2r_tpl_${runId}`;
      await admin.raw(`CREATE DATABASE ${name}`);
      const template = knexOnServer(withDatabase(url, name), 1);
      try {
        await migrateToLatest(template);
      } finally {
        await template.destroy();
      }
      return name;
    })();
    const templateName = await serverTemplate;
    const name = `cn2r_test_${runId}_${++counter}`;
    await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
    const knex = knexOnServer(withDatabase(url, name));
    return {
      knex,
      engine: 'server',
      drop: async () => {
        await knex.destroy();
        const cleaner = knexOnServer(url, 1);
        try {
          await cleaner.raw(`DROP DATABASE IF EXISTS ${name}`);
        } finally {
          await cleaner.destroy();
        }
      },
    };
  } finally {
    await admin.destroy();
  }
}

/** Drops the server template at the end of a run (called from the Jasmine reporter). */
export async function dropTestTemplates(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url || !serverTemplate) return;
  const name = await serverTemplate.catch(() => undefined);
  if (!name) return;
  const admin = knexOnServer(url, 1);
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
  } finally {
    await admin.destroy();
  }
}
