import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => {
    t.string('id_hash', 64).primary().comment('sha256 du jeton de session ; le jeton lui-même n’est jamais stocké');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('csrf_token', 64).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.string('ip', 64);
    t.string('user_agent', 300);
    t.index(['user_id']);
    t.index(['expires_at']);
    t.comment('Sessions des utilisateurs connectés, partagées entre les instances du serveur.');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sessions');
}
