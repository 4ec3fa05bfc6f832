import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consistency_rules', (t) => {
    t.increments('id');
    t.string('code', 40).notNullable().unique();
    t.string('label', 300).notNullable();
    t.text('expression').notNullable().comment('Condition sur les indicateurs, ex. ACT_NEW <= ACT_FA (langage de shared/src/collection/rule-expression.ts)');
    t.string('severity', 8).notNullable();
    t.text('message').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Règles de cohérence : une erreur bloque la transmission, un avertissement demande une explication écrite.');
  });
  await knex.raw(`ALTER TABLE consistency_rules ADD CONSTRAINT consistency_rules_severity_check CHECK (severity IN ('error', 'warning'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('consistency_rules');
}
