import type { Knex } from 'knex';

/**
 * The format its workbooks were written in, kept with each official version of the annual
 * reports (`AnnualWorkbookFormat` in `reports/`): its verification rebuilds the files from the
 * snapshot byte for byte, so it must write them as they were written. The versions generated
 * before this column were written in format 1 (in memory); the new ones in format 2 (streamed).
 * Like the files and the snapshot, it never changes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('report_versions', (t) => {
    t.smallint('workbook_format').notNullable().defaultTo(1).comment('Format d’écriture des classeurs (1 : en mémoire, jusqu’en décembre 2026 ; 2 : en flux) : la vérification reconstruit les fichiers à l’identique dans ce format');
  });
  await knex.raw('ALTER TABLE report_versions ADD CONSTRAINT report_versions_workbook_format_check CHECK (workbook_format IN (1, 2))');
  await knex.raw(`
    CREATE FUNCTION report_versions_format_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'report_versions : le format des classeurs d’une version officielle ne change jamais';
    END $$`);
  await knex.raw(
    'CREATE TRIGGER report_versions_format_guard BEFORE UPDATE OF workbook_format ON report_versions FOR EACH ROW WHEN (NEW.workbook_format IS DISTINCT FROM OLD.workbook_format) EXECUTE FUNCTION report_versions_format_guard()',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS report_versions_format_guard ON report_versions');
  await knex.raw('DROP FUNCTION IF EXISTS report_versions_format_guard()');
  await knex.schema.alterTable('report_versions', (t) => t.dropColumn('workbook_format'));
}
