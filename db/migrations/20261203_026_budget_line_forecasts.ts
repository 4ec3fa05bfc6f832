import type { Knex } from 'knex';

/**
 * The manual year-end forecast (atterrissage) of a budget line's payments: one per line, entered
 * by finance with a mandatory comment, versioned for optimistic concurrency. When present it
 * replaces the linear projection in the execution; its history is in the audit log.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('budget_line_forecasts', (t) => {
    t.integer('line_id').primary().references('id').inTable('budget_lines').onDelete('RESTRICT');
    t.bigInteger('amount_cents').notNullable();
    t.string('comment', 1000).notNullable();
    t.integer('updated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Atterrissage manuel d’une ligne (paiements prévus à la fin de l’exercice), en centimes, avec son commentaire ; remplace la projection linéaire dans l’exécution.');
  });
  await knex.raw(`ALTER TABLE budget_line_forecasts ADD CONSTRAINT budget_line_forecasts_amount_check CHECK (amount_cents >= 0)`);
  await knex.raw(`ALTER TABLE budget_line_forecasts ADD CONSTRAINT budget_line_forecasts_comment_check CHECK (length(trim(comment)) > 0)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('budget_line_forecasts');
}
