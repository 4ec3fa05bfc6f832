import { migrateToLatest, openDatabase, type Database } from '@cn2r/db';
import { loadConfig, type Config } from '../config.js';

/** For the command-line tools: the database the server would use, migrated. */
export async function openConfiguredDatabase(): Promise<{ database: Database; config: Config }> {
  const config = loadConfig();
  const database = await openDatabase(config);
  console.log(
    database.engine === 'embedded'
      ? `Base de données : PostgreSQL embarqué (PGlite), données dans ${database.location}`
      : `Base de données : serveur PostgreSQL ${database.location}`,
  );
  const applied = await migrateToLatest(database.knex);
  console.log(applied.length > 0 ? `${applied.length} migration(s) appliquée(s) : ${applied.join(', ')}` : 'Schéma à jour.');
  return { database, config };
}

/** Runs a command-line tool: French message and exit code 1 on failure, the database always closed. */
export async function runCli(task: (database: Database, config: Config) => Promise<void>): Promise<void> {
  let opened: Database | undefined;
  try {
    const { database, config } = await openConfiguredDatabase();
    opened = database;
    await task(database, config);
  } catch (error) {
    console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await opened?.close();
  }
}
