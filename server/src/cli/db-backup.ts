import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { backupDatabase, describeTarget } from './backup.js';

const usage = `Usage : npm run db:backup -- [--out FICHIER]
  Base embarquée : archive .tar.gz du répertoire de données (serveur arrêté).
  Serveur PostgreSQL (DATABASE_URL) : pg_dump --format=custom (paquet Debian postgresql-client).
  Par défaut : .data/backups/cn2r-AAAAMMJJ-HHMMSS.tar.gz (ou .dump).`;

let args;
try {
  args = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean' } } }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

try {
  const config = loadConfig();
  console.log(`Sauvegarde de ${describeTarget(config)}…`);
  const file = await backupDatabase(config, { out: args.out });
  console.log(`Sauvegarde écrite : ${file}`);
} catch (error) {
  console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
