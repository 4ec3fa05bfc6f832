import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fiscal_years', (t) => {
    t.integer('year').primary();
    t.string('status', 8).notNullable().defaultTo('open');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Exercices budgétaires ; un exercice clos est en lecture seule.');
  });
  await knex.raw(`ALTER TABLE fiscal_years ADD CONSTRAINT fiscal_years_year_check CHECK (year BETWEEN 2000 AND 2100)`);
  await knex.raw(`ALTER TABLE fiscal_years ADD CONSTRAINT fiscal_years_status_check CHECK (status IN ('open', 'closed'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('fiscal_years');
}
