import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('budget_decision_entries', (t) => {
    t.integer('decision_id').notNullable().references('id').inTable('budget_decisions').onDelete('RESTRICT');
    t.integer('line_id').notNullable().references('id').inTable('budget_lines').onDelete('RESTRICT');
    t.bigInteger('ae_delta_cents').notNullable();
    t.bigInteger('cp_delta_cents').notNullable();
    t.primary(['decision_id', 'line_id']);
    t.comment('Variations d’AE et de CP (centimes) qu’une décision apporte à une ligne.');
  });
  await knex.raw(`ALTER TABLE budget_decision_entries ADD CONSTRAINT budget_decision_entries_nonzero_check CHECK (ae_delta_cents <> 0 OR cp_delta_cents <> 0)`);
  await knex.raw(`CREATE INDEX budget_decision_entries_line ON budget_decision_entries (line_id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('budget_decision_entries');
}
