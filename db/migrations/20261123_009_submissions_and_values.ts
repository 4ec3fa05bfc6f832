import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('submissions', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('id').inTable('units').onDelete('RESTRICT');
    t.string('period', 7).notNullable();
    t.string('status', 10).notNullable().defaultTo('draft');
    t.text('return_message').comment('Dernier message de renvoi, montré au responsable sur le formulaire');
    t.timestamp('submitted_at', { useTz: true });
    t.integer('submitted_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('validated_at', { useTz: true });
    t.integer('validated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('returned_at', { useTz: true });
    t.integer('returned_by').references('id').inTable('users').onDelete('SET NULL');
    t.boolean('changed_since_validation').notNullable().defaultTo(false);
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.unique(['unit_id', 'period']);
    t.index(['period']);
    t.comment('Une saisie par centre et par période, et son circuit : brouillon, transmise, validée ou renvoyée.');
  });
  await knex.raw(`ALTER TABLE submissions ADD CONSTRAINT submissions_status_check CHECK (status IN ('draft', 'submitted', 'validated', 'returned'))`);

  await knex.schema.createTable('indicator_values', (t) => {
    t.bigIncrements('id');
    t.integer('submission_id').notNullable().references('id').inTable('submissions').onDelete('RESTRICT');
    t.integer('indicator_id').notNullable().references('id').inTable('indicators').onDelete('RESTRICT');
    t.integer('option_id').references('id').inTable('dimension_options').onDelete('RESTRICT');
    t.decimal('value_num', 20, 4);
    t.text('value_text');
    t.text('explanation').comment('Explication d’un écart à l’année précédente');
    t.boolean('reopened').notNullable().defaultTo(false).comment('Rouverte seule par la coordination après validation');
    t.integer('updated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Valeur agrégée : indicateur × centre × période (× modalité). Aucune donnée de patient.');
  });
  await knex.raw(`CREATE UNIQUE INDEX indicator_values_cell ON indicator_values (submission_id, indicator_id, coalesce(option_id, 0))`);
  await knex.schema.alterTable('indicator_values', (t) => t.index(['indicator_id']));

  await knex.schema.createTable('value_comments', (t) => {
    t.bigIncrements('id');
    t.bigInteger('value_id').notNullable().references('id').inTable('indicator_values').onDelete('CASCADE');
    t.integer('author_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('author_email', 254).notNullable();
    t.text('body').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['value_id']);
    t.comment('Fil de commentaires d’une valeur, visible du responsable et de la coordination.');
  });

  await knex.schema.createTable('rule_explanations', (t) => {
    t.integer('submission_id').notNullable().references('id').inTable('submissions').onDelete('CASCADE');
    t.integer('rule_id').notNullable().references('id').inTable('consistency_rules').onDelete('CASCADE');
    t.text('explanation').notNullable();
    t.integer('updated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['submission_id', 'rule_id']);
    t.comment('Explication écrite d’un avertissement de cohérence sur une saisie.');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('rule_explanations');
  await knex.schema.dropTable('value_comments');
  await knex.schema.dropTable('indicator_values');
  await knex.schema.dropTable('submissions');
}
