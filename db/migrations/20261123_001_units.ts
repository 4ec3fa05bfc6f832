import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('units', (t) => {
    t.increments('id');
    t.string('code', 32).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('region', 100).notNullable();
    t.string('host_institution', 200);
    t.string('kind', 8).notNullable();
    t.date('opened_on').notNullable();
    t.date('closed_on');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Centres du réseau (CRP) et le CN2R lui-même ; un centre se ferme, il ne se supprime pas dès qu’il a des données.');
  });
  await knex.raw(`ALTER TABLE units ADD CONSTRAINT units_kind_check CHECK (kind IN ('crp', 'cn2r'))`);
  await knex.raw(`ALTER TABLE units ADD CONSTRAINT units_dates_check CHECK (closed_on IS NULL OR closed_on >= opened_on)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('units');
}
