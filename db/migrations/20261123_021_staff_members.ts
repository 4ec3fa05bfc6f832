import type { Knex } from 'knex';

/** Staff members: personal data (RGPD), read by finance and administrators only. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_members', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable();
    t.string('category', 32).notNullable();
    t.string('employer_label', 200).notNullable();
    t.string('employer_kind', 16).notNullable();
    t.string('status', 32).notNullable();
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.comment('Personnels du GIP et mis à disposition (données personnelles : finance et administrateurs seulement).');
  });
  await knex.raw(
    `ALTER TABLE staff_members ADD CONSTRAINT staff_members_category_check CHECK (category IN ('medical', 'psychologist', 'paramedical', 'administrative', 'researcher', 'magistrate', 'other'))`,
  );
  await knex.raw(`ALTER TABLE staff_members ADD CONSTRAINT staff_members_employer_kind_check CHECK (employer_kind IN ('grouping', 'hospital', 'ministry', 'other'))`);
  await knex.raw(`ALTER TABLE staff_members ADD CONSTRAINT staff_members_status_check CHECK (status IN ('own', 'seconded_with_reimbursement', 'seconded_without'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_members');
}
