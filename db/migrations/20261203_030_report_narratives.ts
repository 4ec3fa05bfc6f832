import type { Knex } from 'knex';

/**
 * The narrative of the annual reports: a short text per report, year and section, written by the
 * coordination or the board (highlights, explanation of variances). Versioned for optimistic
 * concurrency; every change is audited; the text of an official version is frozen in its row of
 * `report_versions`, so a later change never alters an approved document.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_narratives', (t) => {
    t.increments('id');
    t.integer('year').notNullable();
    t.string('report', 16).notNullable();
    t.string('section', 40).notNullable();
    t.text('body').notNullable();
    t.integer('updated_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.unique(['year', 'report', 'section']);
    t.comment('Textes des rapports annuels (rapport d’activité, bilan financier) par année et par section, rédigés par la coordination et le bureau.');
  });
  await knex.raw(`ALTER TABLE report_narratives ADD CONSTRAINT report_narratives_report_check CHECK (report IN ('activity', 'financial'))`);
  await knex.raw(`ALTER TABLE report_narratives ADD CONSTRAINT report_narratives_year_check CHECK (year BETWEEN 2000 AND 2100)`);
  await knex.raw(`ALTER TABLE report_narratives ADD CONSTRAINT report_narratives_body_check CHECK (char_length(body) <= 20000)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('report_narratives');
}
