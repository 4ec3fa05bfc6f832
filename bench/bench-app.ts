import type { Express } from 'express';
import type { Knex } from 'knex';
import pino from 'pino';
import { migrateToLatest, seedDemo, type DatabaseEngine } from '@cn2r/db';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { hashPassword } from '../server/src/features/auth/password-hasher.js';

/** Migrates a bench database and fills it with the demo data (as of `today`, when given). */
export async function seedBenchDemo(knex: Knex, options: { today?: string } = {}): Promise<void> {
  await migrateToLatest(knex);
  await seedDemo(knex, hashPassword, options);
}

/** The server's Express app on a bench database, silent. */
export function benchApp(knex: Knex, engine: DatabaseEngine): Express {
  return createApp({ db: knex, engine, config: loadConfig({ LOG_LEVEL: 'silent' }), logger: pino({ level: 'silent' }) }).app;
}

/** Prints a Markdown table: a blank line, the header row and its rule, then the rows as given. */
export function printTable(headers: readonly string[], rows: readonly string[]): void {
  console.log(`\n| ${headers.join(' | ')} |`);
  console.log(`|${' --- |'.repeat(headers.length)}`);
  for (const row of rows) console.log(row);
}
