import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('budget_lines', (t) => {
    t.increments('id');
    t.integer('year').notNullable().references('year').inTable('fiscal_years').onDelete('RESTRICT');
    t.string('code', 40).notNullable();
    t.string('label', 200).notNullable();
    t.string('envelope', 32).notNullable().references('code').inTable('budget_envelopes').onDelete('RESTRICT');
    t.string('mission_area', 32).notNullable().references('code').inTable('mission_areas').onDelete('RESTRICT');
    t.integer('funding_source_id').notNullable().references('id').inTable('funding_sources').onDelete('RESTRICT');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.unique(['year', 'code']);
    t.comment('Lignes budgétaires d’un exercice : enveloppe, destination, source de financement. Crédits ouverts = somme des décisions adoptées.');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('budget_lines');
}
