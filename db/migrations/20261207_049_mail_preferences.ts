import type { Knex } from 'knex';

/**
 * Each user's e-mail preferences (« Mon compte » → « Courriels »): the kinds they turned off, one
 * row each, and a version per user for concurrent changes. A kind mandatory for the user's role
 * (a security e-mail; the overdue reminders for a unit lead) is written whatever the rows say.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('mail_preferences', (t) => {
    t.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE');
    t.integer('version').notNullable().defaultTo(0);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.comment('Préférences de courriel d’un utilisateur : version pour les modifications concurrentes.');
  });
  await knex.schema.createTable('mail_opt_outs', (t) => {
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('kind', 40).notNullable();
    t.primary(['user_id', 'kind']);
    t.comment('Types de courriel qu’un utilisateur ne souhaite plus recevoir (sauf ceux obligatoires pour son rôle).');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('mail_opt_outs');
  await knex.schema.dropTableIfExists('mail_preferences');
}
