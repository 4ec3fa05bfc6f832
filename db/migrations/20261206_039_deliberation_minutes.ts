import type { Knex } from 'knex';

/**
 * The minutes (procès-verbal, PDF) of a deliberation, stored in the database with their SHA-256:
 * at most one per deliberation; a new upload replaces it (audited); they go with the deliberation.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('governance_deliberation_minutes', (t) => {
    t.integer('deliberation_id').primary().references('id').inTable('governance_deliberations').onDelete('CASCADE');
    t.string('file_name', 200).notNullable();
    t.string('media_type', 40).notNullable();
    t.integer('size_bytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.binary('bytes').notNullable();
    t.integer('uploaded_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('uploaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.comment('Procès-verbal (PDF) d’une délibération, avec son empreinte SHA-256.');
  });
  await knex.raw(`ALTER TABLE governance_deliberation_minutes ADD CONSTRAINT governance_deliberation_minutes_media_check CHECK (media_type = 'application/pdf')`);
  await knex.raw(`ALTER TABLE governance_deliberation_minutes ADD CONSTRAINT governance_deliberation_minutes_size_check CHECK (size_bytes > 0 AND size_bytes = octet_length(bytes))`);
  await knex.raw(`ALTER TABLE governance_deliberation_minutes ADD CONSTRAINT governance_deliberation_minutes_sha_check CHECK (sha256 ~ '^[0-9a-f]{64}$')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('governance_deliberation_minutes');
}
