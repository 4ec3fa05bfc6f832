import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { describeTarget, restoreDatabase } from './backup.js';

const usage = `Usage : npm run db:restore -- FICHIER [--yes]
  Remplace toutes les données par celles de la sauvegarde FICHIER (faite par npm run db:backup).
  Base embarquée : le serveur doit être arrêté. Serveur PostgreSQL (DATABASE_URL) : pg_restore --clean.
  --yes   ne pas demander de confirmation (obligatoire hors d’un terminal)`;

let parsed;
try {
  parsed = parseArgs({ options: { yes: { type: 'boolean' }, help: { type: 'boolean' } }, allowPositionals: true });
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (parsed.values.help || parsed.positionals.length !== 1) {
  console.log(usage);
  process.exit(parsed.values.help ? 0 : 2);
}
const file = parsed.positionals[0];

async function confirmed(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(o|oui|y|yes)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

try {
  const config = loadConfig();
  const target = describeTarget(config);
  if (!parsed.values.yes) {
    if (!process.stdin.isTTY) {
      throw new Error('Confirmation impossible hors d’un terminal : relancez avec --yes pour remplacer les données.');
    }
    if (!(await confirmed(`Cela remplacera toutes les données de ${target} par celles de ${file}. Continuer ? (oui/non) `))) {
      console.log('Restauration annulée : rien n’a été modifié.');
      process.exit(0);
    }
  }
  console.log(`Restauration de ${file} dans ${target}…`);
  await restoreDatabase(config, file);
  console.log(`Restauration terminée : ${target} contient maintenant les données de ${file}.`);
} catch (error) {
  console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
