import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dimensions', (t) => {
    t.increments('id');
    t.string('code', 40).notNullable().unique();
    t.string('label', 200).notNullable();
    t.boolean('sensitive').notNullable().defaultTo(false).comment('Petits effectifs (1 à 4) masqués « < 5 » dans les exports');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Axes de ventilation des indicateurs (tranche d’âge, type d’événement, public…).');
  });

  await knex.schema.createTable('dimension_options', (t) => {
    t.increments('id');
    t.integer('dimension_id').notNullable().references('id').inTable('dimensions').onDelete('CASCADE');
    t.string('code', 40).notNullable();
    t.string('label', 200).notNullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    t.unique(['dimension_id', 'code']);
    t.comment('Modalités d’une ventilation.');
  });

  await knex.schema.createTable('indicators', (t) => {
    t.increments('id');
    t.string('code', 40).notNullable();
    t.integer('revision').notNullable().defaultTo(1);
    t.string('label', 300).notNullable();
    t.text('definition').notNullable().defaultTo('');
    t.text('counting_rule').notNullable().defaultTo('');
    t.string('domain', 30).notNullable();
    t.string('unit_kind', 8).notNullable().defaultTo('crp').comment('Centres qui le déclarent : crp ou cn2r');
    t.string('value_type', 12).notNullable();
    t.string('unit_of_measure', 60).notNullable().defaultTo('');
    t.string('period_type', 8).notNullable();
    t.string('time_aggregation', 8).notNullable();
    t.string('unit_aggregation', 8).notNullable();
    t.integer('dimension_id').references('id').inTable('dimensions').onDelete('RESTRICT');
    t.decimal('min_value', 20, 4);
    t.decimal('max_value', 20, 4);
    t.boolean('required').notNullable().defaultTo(true);
    t.string('expected_result', 20);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.date('active_from').notNullable();
    t.date('active_to');
    t.integer('supersedes_id').references('id').inTable('indicators').onDelete('RESTRICT');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.unique(['code', 'revision']);
    t.comment('Catalogue des indicateurs. Changer le sens d’un indicateur qui a des valeurs crée une nouvelle révision (même code) ; les valeurs restent liées à la révision sous laquelle elles ont été saisies.');
  });
  await knex.raw(`ALTER TABLE indicators ADD CONSTRAINT indicators_enums_check CHECK (
    domain IN ('activite_clinique', 'formation', 'reseau', 'recherche', 'cartographie', 'sensibilisation')
    AND unit_kind IN ('crp', 'cn2r')
    AND value_type IN ('count', 'decimal', 'percentage', 'days', 'boolean', 'text')
    AND period_type IN ('month', 'quarter', 'year')
    AND time_aggregation IN ('sum', 'average', 'last', 'max')
    AND unit_aggregation IN ('sum', 'average', 'median')
    AND (expected_result IS NULL OR expected_result IN ('mapping', 'network', 'good_practice', 'training')))`);
  await knex.raw(`ALTER TABLE indicators ADD CONSTRAINT indicators_bounds_check CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)`);
  await knex.raw(`ALTER TABLE indicators ADD CONSTRAINT indicators_dates_check CHECK (active_to IS NULL OR active_to >= active_from)`);

  await knex.schema.createTable('indicator_targets', (t) => {
    t.increments('id');
    t.string('indicator_code', 40).notNullable();
    t.integer('year').notNullable();
    t.decimal('target', 20, 4).notNullable();
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.unique(['indicator_code', 'year']);
    t.comment('Cible annuelle (réseau) d’un indicateur rattaché à un résultat attendu du financeur.');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('indicator_targets');
  await knex.schema.dropTable('indicators');
  await knex.schema.dropTable('dimension_options');
  await knex.schema.dropTable('dimensions');
}
