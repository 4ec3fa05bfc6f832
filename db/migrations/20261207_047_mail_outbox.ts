import type { Knex } from 'knex';

/**
 * Every e-mail the application writes, one row per recipient: the outbox. Without an SMTP server
 * (`SMTP_URL` unset, the embedded default) a message stays here with status `outbox` and the admin
 * reads it in « Courriels »; with one, a message is `pending` until a server instance sends it
 * (`sent`), or retries it with a growing delay and finally marks it `failed` with the error.
 * Nothing is lost when the SMTP server is down. A message holds no indicator value, no staff or
 * patient data: it says what to do and links to the application.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('mail_outbox', (t) => {
    t.bigIncrements('id');
    t.string('kind', 40).notNullable();
    t.integer('user_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('to_address', 254).notNullable();
    t.string('subject', 300).notNullable();
    t.text('text_body').notNullable();
    t.text('html_body').notNullable();
    t.integer('unit_id').references('id').inTable('units').onDelete('SET NULL');
    t.string('period', 16);
    t.string('status', 16).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true });
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
    /** A scheduled reminder's identity (kind, unit, period, day, recipient): written once however often the job runs. */
    t.string('dedupe_key', 200).unique();
    t.comment('Courriels écrits par l’application, un par destinataire : boîte d’envoi, envoi SMTP, nouvelles tentatives.');
  });
  await knex.raw(`ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_status_check CHECK (status IN ('outbox', 'pending', 'sent', 'failed'))`);
  await knex.raw(`CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending'`);
  await knex.schema.alterTable('mail_outbox', (t) => t.index(['created_at']));

  // The server's daily jobs: the row of a job is locked by the instance that runs it (the others
  // skip it), and remembers the last day it ran, so a restart neither loses nor repeats a day.
  await knex.schema.createTable('scheduled_jobs', (t) => {
    t.string('name', 40).primary();
    t.date('last_run_on');
    t.timestamp('last_run_at', { useTz: true });
    t.text('last_outcome');
    t.comment('Tâches quotidiennes du serveur (relances) : dernier jour exécuté, une instance à la fois.');
  });
  await knex('scheduled_jobs').insert({ name: 'reminders' });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('scheduled_jobs');
  await knex.schema.dropTableIfExists('mail_outbox');
}
