import type { Knex } from 'knex';

/** Reference data production needs: the mission areas (destinations), an indicative split. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('mission_areas', (t) => {
    t.string('code', 32).primary();
    t.string('label', 100).notNullable();
    t.integer('sort_order').notNullable();
    t.comment('Destinations (missions) du CN2R : ventilation indicative des crédits.');
  });
  await knex('mission_areas').insert([
    { code: 'information', label: 'Information', sort_order: 1 },
    { code: 'outils_bonnes_pratiques', label: 'Outils et bonnes pratiques', sort_order: 2 },
    { code: 'formation', label: 'Formation', sort_order: 3 },
    { code: 'recherche', label: 'Recherche', sort_order: 4 },
    { code: 'animation_reseau', label: 'Animation du réseau', sort_order: 5 },
    { code: 'support', label: 'Support', sort_order: 6 },
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('mission_areas');
}
