import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('payments', (t) => {
    t.increments('id');
    t.integer('line_id').notNullable().references('id').inTable('budget_lines').onDelete('RESTRICT');
    t.date('paid_on').notNullable();
    t.integer('commitment_id').references('id').inTable('commitments').onDelete('RESTRICT');
    t.string('kind', 32).notNullable();
    t.string('reference', 200);
    t.bigInteger('amount_cents').notNullable();
    t.integer('reverses_id').references('id').inTable('payments').onDelete('RESTRICT');
    t.string('reason', 500);
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.comment('Paiements (consomment les CP), en centimes, rattachés ou non à un engagement. Une correction est une écriture d’annulation ; rien ne se supprime.');
  });
  await knex.raw(`ALTER TABLE payments ADD CONSTRAINT payments_kind_check CHECK (kind IN ('invoice', 'payroll', 'seconded_reimbursement', 'other'))`);
  await knex.raw(
    `ALTER TABLE payments ADD CONSTRAINT payments_reversal_check CHECK ((amount_cents > 0 AND reverses_id IS NULL AND reason IS NULL) OR (amount_cents < 0 AND reverses_id IS NOT NULL AND reason IS NOT NULL))`,
  );
  await knex.raw(`CREATE INDEX payments_line ON payments (line_id)`);
  await knex.raw(`CREATE INDEX payments_commitment ON payments (commitment_id)`);
  await knex.raw(`CREATE INDEX payments_reverses ON payments (reverses_id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('payments');
}
