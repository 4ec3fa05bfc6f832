import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('funding_notifications', (t) => {
    t.integer('funding_source_id').notNullable().references('id').inTable('funding_sources').onDelete('RESTRICT');
    t.integer('year').notNullable().references('year').inTable('fiscal_years').onDelete('RESTRICT');
    t.bigInteger('amount_cents').notNullable();
    t.string('reference', 200);
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.primary(['funding_source_id', 'year']);
    t.comment('Montant notifié d’une source de financement pour un exercice (centimes), avec sa référence (arrêté, convention).');
  });
  await knex.raw(`ALTER TABLE funding_notifications ADD CONSTRAINT funding_notifications_amount_check CHECK (amount_cents >= 0)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('funding_notifications');
}
