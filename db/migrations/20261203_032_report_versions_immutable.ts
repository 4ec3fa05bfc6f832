import type { Knex } from 'knex';

const MESSAGE = 'une version officielle des rapports ne se supprime pas ; ses fichiers et ses données ne changent jamais, et une version approuvée ne change plus du tout';

/**
 * What the general assembly approved can be proved a year later, whatever the client: the
 * database refuses
 * - any DELETE or TRUNCATE of `report_versions`;
 * - any UPDATE of an approved version;
 * - any UPDATE of the snapshot, the files, their sha256, the year or the number of any version
 *   (only the status and its dates move: draft → presented → approved | superseded).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION report_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'report_versions : ${MESSAGE}';
      END IF;
      IF OLD.status <> 'approved'
         AND NEW.year = OLD.year AND NEW.number = OLD.number
         AND NEW.activity_data::text = OLD.activity_data::text AND NEW.financial_data::text = OLD.financial_data::text
         AND NEW.activity_xlsx = OLD.activity_xlsx AND NEW.activity_pdf = OLD.activity_pdf
         AND NEW.financial_xlsx = OLD.financial_xlsx AND NEW.financial_pdf = OLD.financial_pdf
         AND NEW.activity_xlsx_sha256 = OLD.activity_xlsx_sha256 AND NEW.activity_pdf_sha256 = OLD.activity_pdf_sha256
         AND NEW.financial_xlsx_sha256 = OLD.financial_xlsx_sha256 AND NEW.financial_pdf_sha256 = OLD.financial_pdf_sha256
         AND NEW.snapshot_at = OLD.snapshot_at
         AND NOT (OLD.status = 'superseded' AND NEW.status <> 'superseded') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'report_versions : ${MESSAGE}';
    END $$`);
  await knex.raw(`CREATE TRIGGER report_versions_guard BEFORE UPDATE OR DELETE ON report_versions FOR EACH ROW EXECUTE FUNCTION report_versions_guard()`);
  await knex.raw(`CREATE TRIGGER report_versions_no_truncate BEFORE TRUNCATE ON report_versions FOR EACH STATEMENT EXECUTE FUNCTION report_versions_guard()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS report_versions_no_truncate ON report_versions');
  await knex.raw('DROP TRIGGER IF EXISTS report_versions_guard ON report_versions');
  await knex.raw('DROP FUNCTION IF EXISTS report_versions_guard()');
}
