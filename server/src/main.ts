import { migrateToLatest, openDatabase, parisToday, seedDemo } from '@cn2r/db';
import { createApp } from './app.js';
import { seedDemoMail, startMailSender, startReminderSchedule } from './features/mail/index.js';
import { loadConfig } from './config.js';
import { hashPassword } from './features/auth/password-hasher.js';
import { UserRepository } from './features/users/user-repository.js';
import { ReportRepository } from './features/reports/report-repository.js';
import { createLogger } from './logger.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);

// The embedded database's files are the server's alone: readable by no other account (0600 / 0700).
if (!config.databaseUrl) process.umask(0o077);
const database = await openDatabase(config).catch((error: unknown) => {
  // A database already open by another server, an unreachable PostgreSQL: the reason, without a stack trace.
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
logger.info(
  { engine: database.engine, location: database.location },
  database.engine === 'embedded'
    ? `Base de données : PostgreSQL embarqué (PGlite), données dans ${database.location}`
    : `Base de données : serveur PostgreSQL ${database.location}`,
);

const applied = await migrateToLatest(database.knex);
if (applied.length > 0) logger.info({ applied }, `${applied.length} migration(s) appliquée(s)`);

// A report generation marked as running was cut short by the end of the process that ran it: the
// embedded database has one process at a time (its lock file), so every mark found at start is
// stale. On a PostgreSQL server other instances may be generating: their marks expire on their own.
if (database.engine === 'embedded') await new ReportRepository().clearGenerations(database.knex);

const empty = (await new UserRepository().count(database.knex)) === 0;
const seed = config.seedDemo === 'always' || (config.seedDemo === 'auto' && database.engine === 'embedded' && empty);
const seedDay = parisToday();
if (seed) {
  const seeded = await seedDemo(database.knex, hashPassword, { today: seedDay });
  logger.info(seeded, 'Données de démonstration chargées (mot de passe des comptes de démo : voir le README)');
} else if (empty) {
  logger.warn('Aucun compte : créez le premier administrateur avec « npm run user:create -- --email … --role admin ».');
}

const { app, mail, reminders } = createApp({ db: database.knex, engine: database.engine, config, logger });
if (seed && !mail.smtp) {
  // The demo's outbox (not with a real SMTP server: demo addresses): the messages of the seeded forms' last review steps and the reminders of the
  // last days, written by the application's own notifiers (on an empty outbox only).
  const written = await seedDemoMail(database.knex, mail, reminders, config.publicUrl, seedDay);
  if (written > 0) logger.info({ written }, 'Courriels de démonstration écrits dans la boîte d’envoi');
}
// E-mails: sent by SMTP every few seconds when SMTP_URL is set (each instance takes its own rows:
// SKIP LOCKED), else kept in the outbox that the admin reads in « Courriels ».
const stopMail = mail.smtp ? startMailSender(mail, 5_000, (error) => logger.error({ err: error }, 'Envoi des courriels interrompu')) : () => undefined;
// Reminders of the collection: tried every 5 minutes, written once a day from 8 a.m. Paris (the job's row in scheduled_jobs).
const stopReminders = startReminderSchedule(reminders, 5 * 60_000, (error) => logger.error({ err: error }, 'Relances de la collecte interrompues'));
logger.info(mail.smtp ? 'Courriels : envoi par SMTP (SMTP_URL)' : 'Courriels : conservés dans la boîte d’envoi de l’application (SMTP_URL non défini)');
const where = `http://${config.host ?? 'localhost'}:${config.port}`;
const onListening = (error?: Error) => {
  if (error) {
    // A port already taken, an address that is not this machine's: say so and stop, never keep running deaf.
    const code = (error as NodeJS.ErrnoException).code;
    logger.fatal(
      code === 'EADDRINUSE'
        ? `Le port ${config.port} est déjà utilisé par un autre programme : arrêtez-le, ou choisissez un autre port (PORT=…).`
        : code === 'EADDRNOTAVAIL'
          ? `L’adresse ${config.host} n’est pas une adresse de cette machine : corrigez HOST.`
          : `Impossible d’écouter sur ${where} : ${error.message}`,
    );
    void database.close().finally(() => process.exit(1));
    return;
  }
  logger.info(`CN2R Pilotage à l’écoute sur ${where}`);
  if (!config.secondFactorKey) {
    logger.info('SECOND_FACTOR_KEY absente : les secrets de double authentification sont enregistrés en clair dans la base (définissez-la, 32 caractères au moins, pour les chiffrer).');
  }
  if (config.trustProxy === true) {
    logger.warn('TRUST_PROXY=true fait confiance à l’en-tête X-Forwarded-For de n’importe quelle adresse : indiquez plutôt l’adresse du proxy (TRUST_PROXY=127.0.0.1) ou le nombre de proxys.');
  }
};
const server = config.host === undefined ? app.listen(config.port, onListening) : app.listen(config.port, config.host, onListening);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal} reçu : arrêt propre`);
  stopMail();
  stopReminders();
  server.close();
  server.closeAllConnections();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
