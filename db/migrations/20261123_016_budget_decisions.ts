import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('budget_decisions', (t) => {
    t.increments('id');
    t.integer('year').notNullable().references('year').inTable('fiscal_years').onDelete('RESTRICT');
    t.string('kind', 16).notNullable();
    t.string('code', 16).notNullable();
    t.date('decided_on').notNullable();
    t.string('reference', 200);
    t.text('rationale');
    t.string('status', 8).notNullable().defaultTo('draft');
    t.timestamp('adopted_at', { useTz: true });
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.unique(['year', 'code']);
    t.comment('Décisions budgétaires : budget initial (BI), budgets rectificatifs (BR1, BR2…), virements (VIR1…). Une décision adoptée ne change plus.');
  });
  await knex.raw(`ALTER TABLE budget_decisions ADD CONSTRAINT budget_decisions_kind_check CHECK (kind IN ('initial', 'amending', 'transfer'))`);
  await knex.raw(`ALTER TABLE budget_decisions ADD CONSTRAINT budget_decisions_status_check CHECK (status IN ('draft', 'adopted'))`);
  await knex.raw(
    `ALTER TABLE budget_decisions ADD CONSTRAINT budget_decisions_adopted_check CHECK ((status = 'adopted') = (adopted_at IS NOT NULL))`,
  );
  // One initial budget per year.
  await knex.raw(`CREATE UNIQUE INDEX budget_decisions_one_initial ON budget_decisions (year) WHERE kind = 'initial'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('budget_decisions');
}
