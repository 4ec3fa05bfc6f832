import type { Knex } from 'knex';

/** In-kind contributions besides seconded staff (premises, equipment…), with their valuation method. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('in_kind_contributions', (t) => {
    t.increments('id');
    t.integer('year').notNullable().references('year').inTable('fiscal_years').onDelete('RESTRICT');
    t.string('label', 200).notNullable();
    t.string('contributor', 200).notNullable();
    t.string('kind', 16).notNullable();
    t.string('valuation_method', 500).notNullable();
    t.bigInteger('amount_cents').notNullable();
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.index(['year']);
    t.comment('Contributions en nature hors personnel (locaux, équipements) : contributeur, exercice, méthode de valorisation, montant (centimes).');
  });
  await knex.raw(`ALTER TABLE in_kind_contributions ADD CONSTRAINT in_kind_contributions_kind_check CHECK (kind IN ('premises', 'equipment', 'services', 'other'))`);
  await knex.raw(`ALTER TABLE in_kind_contributions ADD CONSTRAINT in_kind_contributions_amount_check CHECK (amount_cents >= 0)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('in_kind_contributions');
}
