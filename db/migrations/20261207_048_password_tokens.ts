import type { Knex } from 'knex';

/**
 * Password links sent by e-mail (issue #14):
 * - `password_tokens`: one row per link, « Mot de passe oublié ? » (`reset`, 30 minutes) or the
 *   invitation of a new account to choose its own password (`invitation`, 7 days). Only the sha256
 *   of the random token is stored: the link itself is in the e-mail only. A link serves once
 *   (`used_at`); setting a password through one also ends the account's other unused links.
 * - `password_reset_requests`: every reset request by client address (an IPv6 one by its /64), to
 *   hold one address to 10 requests an hour whether the addresses asked for exist or not. Rows
 *   older than a day are pruned as requests come.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('password_tokens', (t) => {
    t.bigIncrements('id');
    t.string('token_hash', 64).notNullable().unique();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('purpose', 16).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'purpose', 'created_at']);
    t.comment('Liens de choix du mot de passe envoyés par courriel (oubli, invitation) : empreinte sha256 seulement, usage unique.');
  });
  await knex.raw(`ALTER TABLE password_tokens ADD CONSTRAINT password_tokens_purpose_check CHECK (purpose IN ('reset', 'invitation'))`);

  await knex.schema.createTable('password_reset_requests', (t) => {
    t.bigIncrements('id');
    t.string('ip', 64).notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['ip', 'at']);
    t.comment('Demandes « Mot de passe oublié ? » par adresse du client, pour en limiter le nombre (un jour au plus).');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('password_reset_requests');
  await knex.schema.dropTableIfExists('password_tokens');
}
