import type { Knex } from 'knex';

/** Reference data production needs: the binding envelopes of the GBCP budget. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('budget_envelopes', (t) => {
    t.string('code', 32).primary();
    t.string('label', 100).notNullable();
    t.integer('sort_order').notNullable();
    t.comment('Enveloppes budgétaires (GBCP) : les crédits sont limitatifs par enveloppe.');
  });
  await knex('budget_envelopes').insert([
    { code: 'personnel', label: 'Personnel', sort_order: 1 },
    { code: 'fonctionnement', label: 'Fonctionnement', sort_order: 2 },
    { code: 'investissement', label: 'Investissement', sort_order: 3 },
    { code: 'intervention', label: 'Intervention', sort_order: 4 },
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('budget_envelopes');
}
