import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('funding_sources', (t) => {
    t.increments('id');
    t.string('code', 40).notNullable().unique();
    t.string('label', 200).notNullable();
    t.string('funder', 200).notNullable();
    t.string('nature', 32).notNullable();
    t.boolean('in_kind').notNullable().defaultTo(false);
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Sources de financement : MIG H15, contributions des ministères, ressources propres ; en nature ou non.');
  });
  await knex.raw(
    `ALTER TABLE funding_sources ADD CONSTRAINT funding_sources_nature_check CHECK (nature IN ('mig', 'subsidy', 'financial_contribution', 'seconded_staff', 'own'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('funding_sources');
}
