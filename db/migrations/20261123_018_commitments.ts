import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('commitments', (t) => {
    t.increments('id');
    t.integer('line_id').notNullable().references('id').inTable('budget_lines').onDelete('RESTRICT');
    t.date('committed_on').notNullable();
    t.string('third_party', 200).notNullable();
    t.string('object', 500).notNullable();
    t.string('reference', 200);
    t.bigInteger('amount_cents').notNullable();
    t.integer('reverses_id').references('id').inTable('commitments').onDelete('RESTRICT');
    t.string('reason', 500);
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.comment('Engagements juridiques (consomment les AE), en centimes. Une correction est une écriture d’annulation (montant négatif, renvoi à l’engagement corrigé, motif) ; rien ne se supprime.');
  });
  await knex.raw(
    `ALTER TABLE commitments ADD CONSTRAINT commitments_reversal_check CHECK ((amount_cents > 0 AND reverses_id IS NULL AND reason IS NULL) OR (amount_cents < 0 AND reverses_id IS NOT NULL AND reason IS NOT NULL))`,
  );
  await knex.raw(`CREATE INDEX commitments_line ON commitments (line_id)`);
  await knex.raw(`CREATE INDEX commitments_reverses ON commitments (reverses_id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('commitments');
}
