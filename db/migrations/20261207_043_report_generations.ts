import type { Knex } from 'knex';

/**
 * The official-version generations under way: one row per year while its four documents are being
 * built (seconds), so that a second « generate » of the same year — from another tab, another
 * person, another server instance on the same database — is refused (409 naming the running one)
 * instead of storing another version. The row goes when the generation ends, whatever the outcome;
 * one left by a crashed process is taken over after ten minutes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_generations', (t) => {
    t.integer('year').primary();
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('started_by').references('id').inTable('users').onDelete('SET NULL');
    t.string('started_by_name', 200);
    t.comment('Générations de versions officielles en cours (une par année au plus).');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('report_generations');
}
