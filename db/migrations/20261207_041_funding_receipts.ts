import type { Knex } from 'knex';

/**
 * Receipts (recettes encaissées): what a funding source actually paid in a year, against its
 * notification, each with its date, amount and accounting reference. Like payments, nothing is
 * rewritten nor deleted: a correction is a reversal entry (negative amount, the receipt it
 * reverses, a reason). A reference is unique among a year's receipts, so importing the same
 * accounting export twice counts nothing twice. Supporting documents attach as for payments.
 * With them, the cash position on 1 January of each year, the start of the équilibre financier.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('funding_receipts', (t) => {
    t.increments('id');
    t.integer('funding_source_id').notNullable();
    t.integer('year').notNullable();
    t.date('received_on').notNullable();
    t.string('reference', 200).notNullable();
    t.bigInteger('amount_cents').notNullable();
    t.integer('reverses_id').references('id').inTable('funding_receipts').onDelete('RESTRICT');
    t.string('reason', 500);
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['funding_source_id', 'year']).references(['funding_source_id', 'year']).inTable('funding_notifications').onDelete('RESTRICT');
    t.comment('Recettes encaissées (centimes) d’une source de financement sur un exercice, rattachées à sa notification. Une correction est une écriture d’annulation ; rien ne se supprime.');
  });
  await knex.raw(
    `ALTER TABLE funding_receipts ADD CONSTRAINT funding_receipts_reversal_check CHECK ((amount_cents > 0 AND reverses_id IS NULL AND reason IS NULL) OR (amount_cents < 0 AND reverses_id IS NOT NULL AND reason IS NOT NULL))`,
  );
  await knex.raw(`ALTER TABLE funding_receipts ADD CONSTRAINT funding_receipts_year_check CHECK (EXTRACT(YEAR FROM received_on) = year)`);
  await knex.raw(`CREATE UNIQUE INDEX funding_receipts_reference ON funding_receipts (year, reference) WHERE reverses_id IS NULL`);
  await knex.raw(`CREATE INDEX funding_receipts_source_year ON funding_receipts (funding_source_id, year)`);
  await knex.raw(`CREATE INDEX funding_receipts_reverses ON funding_receipts (reverses_id)`);
  await knex.raw(`CREATE TRIGGER funding_receipts_append_only BEFORE UPDATE OR DELETE ON funding_receipts FOR EACH ROW EXECUTE FUNCTION budget_refuse()`);
  await knex.raw(`CREATE TRIGGER funding_receipts_no_truncate BEFORE TRUNCATE ON funding_receipts FOR EACH STATEMENT EXECUTE FUNCTION budget_refuse()`);

  await knex.raw(`ALTER TABLE budget_attachments DROP CONSTRAINT budget_attachments_entity_check`);
  await knex.raw(`ALTER TABLE budget_attachments ADD CONSTRAINT budget_attachments_entity_check CHECK (entity_type IN ('commitment', 'payment', 'decision', 'receipt'))`);

  await knex.schema.createTable('fiscal_year_cash', (t) => {
    t.integer('year').primary().references('year').inTable('fiscal_years').onDelete('RESTRICT');
    t.bigInteger('opening_cash_cents').notNullable();
    t.string('reference', 200);
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Trésorerie au 1er janvier d’un exercice (centimes, d’après le compte financier ou le relevé du Trésor) : le point de départ de l’équilibre financier.');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('fiscal_year_cash');
  await knex.raw(`ALTER TABLE budget_attachments DROP CONSTRAINT budget_attachments_entity_check`);
  await knex.raw(`ALTER TABLE budget_attachments ADD CONSTRAINT budget_attachments_entity_check CHECK (entity_type IN ('commitment', 'payment', 'decision'))`);
  await knex.raw('DROP TRIGGER IF EXISTS funding_receipts_no_truncate ON funding_receipts');
  await knex.raw('DROP TRIGGER IF EXISTS funding_receipts_append_only ON funding_receipts');
  await knex.schema.dropTable('funding_receipts');
}
