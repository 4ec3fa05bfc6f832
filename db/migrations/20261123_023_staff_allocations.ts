import type { Knex } from 'knex';

/**
 * Effective-dated FTE allocations of an assignment to a budget line, a funder and a mission area.
 * The shares total exactly 10 000 bp on every day of the assignment: checked by the service on
 * every write (the whole set is replaced at once).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_allocations', (t) => {
    t.increments('id');
    t.integer('assignment_id').notNullable().references('id').inTable('staff_assignments').onDelete('CASCADE');
    t.date('from_on').notNullable();
    t.date('to_on').nullable();
    t.integer('share_bp').notNullable();
    t.integer('budget_line_id').notNullable().references('id').inTable('budget_lines').onDelete('RESTRICT');
    t.integer('funding_source_id').notNullable().references('id').inTable('funding_sources').onDelete('RESTRICT');
    t.string('mission_area', 32).notNullable().references('code').inTable('mission_areas').onDelete('RESTRICT');
    t.timestamps(true, true);
    t.index(['assignment_id']);
    t.comment('Ventilation datée des ETP d’une affectation : ligne budgétaire, financeur, destination ; 100 % chaque jour.');
  });
  await knex.raw(`ALTER TABLE staff_allocations ADD CONSTRAINT staff_allocations_dates_check CHECK (to_on IS NULL OR to_on >= from_on)`);
  await knex.raw(`ALTER TABLE staff_allocations ADD CONSTRAINT staff_allocations_share_check CHECK (share_bp > 0 AND share_bp <= 10000)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_allocations');
}
