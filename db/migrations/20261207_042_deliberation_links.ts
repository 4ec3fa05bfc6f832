import type { Knex } from 'knex';

/**
 * What the general assembly decided, tied to the record of its decision:
 * - a budget decision (BI, BR) refers to the deliberation that adopted it;
 * - an official version of the annual reports refers to the general assembly meeting it is
 *   submitted to (chosen at generation, printed on its cover) and, once approved, to the
 *   deliberation that approved it, with its approval certificate (a PDF built once at approval:
 *   version, the four files' sha256, AG date, deliberation, who recorded it) and that PDF's sha256.
 * The certificate is written by the same UPDATE that approves the version, so the guard of
 * migration 032 (an approved version never changes) freezes it with the rest.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('budget_decisions', (t) => {
    t.integer('deliberation_id').references('id').inTable('governance_deliberations').onDelete('RESTRICT');
    t.index(['deliberation_id']);
  });
  await knex.raw(`COMMENT ON COLUMN budget_decisions.deliberation_id IS 'La délibération de l’assemblée générale qui a adopté ce budget initial ou rectificatif (aucune pour un virement, décision de l’ordonnateur).'`);

  await knex.schema.alterTable('report_versions', (t) => {
    t.integer('submitted_meeting_id').references('id').inTable('governance_meetings').onDelete('RESTRICT');
    t.integer('deliberation_id').references('id').inTable('governance_deliberations').onDelete('RESTRICT');
    t.binary('certificate_pdf');
    t.string('certificate_sha256', 64);
    t.index(['deliberation_id']);
  });
  await knex.raw(`COMMENT ON COLUMN report_versions.submitted_meeting_id IS 'La séance de l’assemblée générale à laquelle la version est soumise (la prochaine enregistrée à sa génération).'`);
  await knex.raw(`COMMENT ON COLUMN report_versions.certificate_pdf IS 'Le certificat d’approbation (PDF), construit une fois à l’approbation puis figé.'`);
  await knex.raw(
    `ALTER TABLE report_versions ADD CONSTRAINT report_versions_certificate_check CHECK ((certificate_pdf IS NULL) = (certificate_sha256 IS NULL) AND (certificate_pdf IS NULL OR status = 'approved'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE report_versions DROP CONSTRAINT IF EXISTS report_versions_certificate_check');
  await knex.schema.alterTable('report_versions', (t) => {
    t.dropColumn('certificate_sha256');
    t.dropColumn('certificate_pdf');
    t.dropColumn('deliberation_id');
    t.dropColumn('submitted_meeting_id');
  });
  await knex.schema.alterTable('budget_decisions', (t) => t.dropColumn('deliberation_id'));
}
