import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email', 254).notNullable().unique();
    t.string('display_name', 120).notNullable();
    t.string('role', 16).notNullable();
    t.text('password_hash').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('last_login_at', { useTz: true });
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Comptes locaux ; mot de passe haché en argon2id.');
  });
  await knex.raw(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'unit_lead', 'finance', 'board'))`);
  await knex.raw(`ALTER TABLE users ADD CONSTRAINT users_email_lower_check CHECK (email = lower(email))`);

  await knex.schema.createTable('user_units', (t) => {
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.integer('unit_id').notNullable().references('id').inTable('units').onDelete('RESTRICT');
    t.primary(['user_id', 'unit_id']);
    t.comment('Périmètre des responsables de centre : les centres dont ils lisent et saisissent les données.');
  });
  await knex.schema.alterTable('user_units', (t) => t.index(['unit_id']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('user_units');
  await knex.schema.dropTable('users');
}
