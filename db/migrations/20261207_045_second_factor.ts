import type { Knex } from 'knex';

/**
 * The second factor (TOTP, issue #15):
 * - `user_second_factors`: a user's TOTP secret (sealed with AES-256-GCM when the server has
 *   `SECOND_FACTOR_KEY`, else stored as is with a `plain:` prefix), `enabled_at` once a first code
 *   confirmed it (null: an enrolment under way), and the last time step used (a code is never
 *   accepted twice);
 * - `second_factor_recovery_codes`: ten single-use codes per user, only their sha256 kept;
 * - `second_factor_devices`: browsers where the user chose to skip the code, 30 days at most
 *   (only the sha256 of the cookie's token kept), revocable by the user;
 * - `pending_sign_ins`: a sign-in whose first factor passed and that waits for its code (or for the
 *   enrolment the policy demands), 5 minutes at most, 5 wrong codes at most;
 * - `app_settings`: settings the administrator switches; `second_factor_required` (admin and
 *   finance must use a second factor) starts off.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('user_second_factors', (t) => {
    t.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE');
    t.text('secret').notNullable().comment('Secret TOTP, scellé (aes256gcm:…) ou en clair (plain:…) sans SECOND_FACTOR_KEY');
    t.timestamp('enabled_at', { useTz: true }).comment('Confirmé par un premier code ; null : enrôlement en cours');
    t.bigInteger('last_time_step').comment('Dernier pas de temps accepté : un code ne sert qu’une fois');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.comment('Second facteur (TOTP) des utilisateurs.');
  });
  await knex.schema.createTable('second_factor_recovery_codes', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('code_hash', 64).notNullable().comment('sha256 du code ; le code n’est montré qu’une fois');
    t.timestamp('used_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['user_id', 'code_hash']);
    t.comment('Codes de secours du second facteur, utilisables une fois chacun.');
  });
  await knex.schema.createTable('second_factor_devices', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique().comment('sha256 du jeton du cookie');
    t.string('label', 300).comment('Navigateur (User-Agent) au moment de l’enregistrement');
    t.string('ip', 64);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['user_id']);
    t.comment('Appareils dispensés du code pendant 30 jours au plus.');
  });
  await knex.raw(`ALTER TABLE second_factor_devices ADD CONSTRAINT second_factor_devices_30_days CHECK (expires_at <= created_at + interval '30 days')`);
  await knex.schema.createTable('pending_sign_ins', (t) => {
    t.string('id_hash', 64).primary().comment('sha256 du jeton du cookie');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('method', 20).notNullable();
    t.integer('attempt_id').comment('La tentative de connexion (login_attempts) marquée réussie quand le code l’est');
    t.text('enrolment_secret').comment('Secret proposé quand la politique exige un enrôlement avant la session');
    t.integer('failures').notNullable().defaultTo(0);
    t.string('ip', 64);
    t.string('user_agent', 300);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
    t.comment('Connexions en attente du second facteur (5 minutes).');
  });
  await knex.schema.createTable('app_settings', (t) => {
    t.string('key', 100).primary();
    t.jsonb('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('updated_by').references('id').inTable('users').onDelete('SET NULL');
    t.comment('Réglages de l’application modifiés par l’administrateur.');
  });
  await knex('app_settings').insert({ key: 'second_factor_required', value: JSON.stringify(false) });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('app_settings');
  await knex.schema.dropTableIfExists('pending_sign_ins');
  await knex.schema.dropTableIfExists('second_factor_devices');
  await knex.schema.dropTableIfExists('second_factor_recovery_codes');
  await knex.schema.dropTableIfExists('user_second_factors');
}
