import type { Knex } from 'knex';

/**
 * Sign-in through the identity provider (OpenID Connect, issue #15):
 * - `users.oidc_subject`: the provider's stable identifier (`sub`) of the person, set the first time
 *   they sign in through it (the account is found by its e-mail then); unique, null until then;
 * - `users.local_password_disabled`: the account signs in through the provider only — the e-mail
 *   and password form refuses it like a wrong password;
 * - `oidc_sign_in_flows`: the sign-ins under way at the provider (five minutes at most), found by
 *   the hash of the browser's cookie; a row is deleted when the provider sends the person back, so
 *   a callback cannot be played twice.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.string('oidc_subject', 255).nullable().unique();
    t.boolean('local_password_disabled').notNullable().defaultTo(false);
  });
  await knex.schema.createTable('oidc_sign_in_flows', (t) => {
    t.string('id_hash', 64).primary();
    t.string('state', 128).notNullable();
    t.string('nonce', 128).notNullable();
    t.string('code_verifier', 128).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.comment('Connexions en cours auprès du fournisseur d’identité (cinq minutes au plus).');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('oidc_sign_in_flows');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('local_password_disabled');
    t.dropColumn('oidc_subject');
  });
}
