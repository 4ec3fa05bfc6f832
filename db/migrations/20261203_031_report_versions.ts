import type { Knex } from 'knex';

/**
 * Official versions of the annual reports of a year: the data snapshot (JSON kept as written, so it reads back byte for byte; narratives
 * included) and the four files built from it (activity report and financial summary, xlsx and
 * PDF) with their sha256, numbered per year. Status: draft → presented (to the general assembly)
 * → approved (AG date and deliberation reference) | superseded.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_versions', (t) => {
    t.increments('id');
    t.integer('year').notNullable();
    t.integer('number').notNullable();
    t.string('status', 12).notNullable().defaultTo('draft');
    t.json('activity_data').notNullable();
    t.json('financial_data').notNullable();
    t.binary('activity_xlsx').notNullable();
    t.binary('activity_pdf').notNullable();
    t.binary('financial_xlsx').notNullable();
    t.binary('financial_pdf').notNullable();
    t.string('activity_xlsx_sha256', 64).notNullable();
    t.string('activity_pdf_sha256', 64).notNullable();
    t.string('financial_xlsx_sha256', 64).notNullable();
    t.string('financial_pdf_sha256', 64).notNullable();
    t.timestamp('snapshot_at', { useTz: true }).notNullable();
    t.integer('generated_by').references('id').inTable('users').onDelete('RESTRICT');
    t.timestamp('presented_at', { useTz: true });
    t.integer('presented_by').references('id').inTable('users').onDelete('RESTRICT');
    t.date('ag_date');
    t.string('deliberation_reference', 200);
    t.timestamp('approved_at', { useTz: true });
    t.integer('approved_by').references('id').inTable('users').onDelete('RESTRICT');
    t.timestamp('superseded_at', { useTz: true });
    t.integer('superseded_by').references('id').inTable('users').onDelete('RESTRICT');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.unique(['year', 'number']);
    t.comment('Versions officielles des rapports annuels : instantané des données, textes, quatre fichiers et leurs empreintes sha256 ; brouillon → présentée à l’AG → approuvée (date d’AG, délibération) ou remplacée.');
  });
  await knex.raw(`ALTER TABLE report_versions ADD CONSTRAINT report_versions_status_check CHECK (status IN ('draft', 'presented', 'approved', 'superseded'))`);
  await knex.raw(`ALTER TABLE report_versions ADD CONSTRAINT report_versions_year_check CHECK (year BETWEEN 2000 AND 2100)`);
  await knex.raw(`ALTER TABLE report_versions ADD CONSTRAINT report_versions_number_check CHECK (number >= 1)`);
  await knex.raw(
    `ALTER TABLE report_versions ADD CONSTRAINT report_versions_approved_check CHECK ((status = 'approved') = (approved_at IS NOT NULL AND ag_date IS NOT NULL AND deliberation_reference IS NOT NULL))`,
  );
  // At most one approved version per year.
  await knex.raw(`CREATE UNIQUE INDEX report_versions_one_approved ON report_versions (year) WHERE status = 'approved'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('report_versions');
}
