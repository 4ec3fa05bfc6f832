import type { Knex } from 'knex';

/** The voted ceiling of ETPT paid by the grouping (plafond d'emplois), per fiscal year. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_ceilings', (t) => {
    t.integer('year').primary().references('year').inTable('fiscal_years').onDelete('RESTRICT');
    t.integer('ceiling_etpt_bp').notNullable();
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Plafond d’emplois voté : ETPT rémunérés par le GIP, en points de base (10 000 = 1 ETPT).');
  });
  await knex.raw(`ALTER TABLE staff_ceilings ADD CONSTRAINT staff_ceilings_value_check CHECK (ceiling_etpt_bp >= 0)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_ceilings');
}
