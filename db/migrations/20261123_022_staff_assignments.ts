import type { Knex } from 'knex';

/** A staff member's post: dates, quotité (bp), full-time annual employer cost (cents), optional MIG H15 post. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_assignments', (t) => {
    t.increments('id');
    t.integer('staff_member_id').notNullable().references('id').inTable('staff_members').onDelete('RESTRICT');
    t.string('position_label', 200).notNullable();
    t.date('start_on').notNullable();
    t.date('end_on').nullable();
    t.integer('quotite_bp').notNullable();
    t.bigInteger('annual_cost_cents').notNullable();
    t.string('mig_post', 32).nullable();
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.index(['staff_member_id']);
    t.comment('Affectations : poste, dates, quotité (points de base), coût employeur annuel à temps plein (centimes), poste MIG H15 éventuel.');
  });
  await knex.raw(`ALTER TABLE staff_assignments ADD CONSTRAINT staff_assignments_dates_check CHECK (end_on IS NULL OR end_on >= start_on)`);
  await knex.raw(`ALTER TABLE staff_assignments ADD CONSTRAINT staff_assignments_quotite_check CHECK (quotite_bp > 0 AND quotite_bp <= 10000)`);
  await knex.raw(`ALTER TABLE staff_assignments ADD CONSTRAINT staff_assignments_cost_check CHECK (annual_cost_cents >= 0)`);
  await knex.raw(
    `ALTER TABLE staff_assignments ADD CONSTRAINT staff_assignments_mig_post_check CHECK (mig_post IS NULL OR mig_post IN ('psychiatrist', 'psychologist', 'medical_auxiliary'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_assignments');
}
