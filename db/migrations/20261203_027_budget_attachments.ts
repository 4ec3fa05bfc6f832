import type { Knex } from 'knex';

/**
 * Supporting documents (PDF or image) of commitments, payments and decisions, stored in the
 * database with their SHA-256. Nothing is deleted (GBCP): a document attached by mistake is
 * withdrawn — the row and its bytes stay, with who withdrew it, when and why — and the database
 * refuses any DELETE, TRUNCATE, or UPDATE other than that one withdrawal.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('budget_attachments', (t) => {
    t.increments('id');
    t.string('entity_type', 20).notNullable();
    t.integer('entity_id').notNullable();
    t.string('file_name', 200).notNullable();
    t.string('media_type', 100).notNullable();
    t.integer('size_bytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.binary('bytes').notNullable();
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('withdrawn_at', { useTz: true });
    t.integer('withdrawn_by').references('id').inTable('users').onDelete('SET NULL');
    t.string('withdrawal_reason', 500);
    t.comment('Pièces justificatives (PDF, images) des engagements, paiements et décisions budgétaires, avec leur empreinte SHA-256 ; une pièce se retire (motif, auteur, date), elle ne se supprime pas.');
  });
  await knex.raw(`ALTER TABLE budget_attachments ADD CONSTRAINT budget_attachments_entity_check CHECK (entity_type IN ('commitment', 'payment', 'decision'))`);
  await knex.raw(`ALTER TABLE budget_attachments ADD CONSTRAINT budget_attachments_media_check CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg'))`);
  await knex.raw(`ALTER TABLE budget_attachments ADD CONSTRAINT budget_attachments_size_check CHECK (size_bytes > 0 AND size_bytes = octet_length(bytes))`);
  await knex.raw(`ALTER TABLE budget_attachments ADD CONSTRAINT budget_attachments_sha_check CHECK (sha256 ~ '^[0-9a-f]{64}$')`);
  await knex.raw(
    `ALTER TABLE budget_attachments ADD CONSTRAINT budget_attachments_withdrawal_check CHECK ((withdrawn_at IS NULL AND withdrawal_reason IS NULL) OR (withdrawn_at IS NOT NULL AND withdrawal_reason IS NOT NULL))`,
  );
  await knex.raw(`CREATE INDEX budget_attachments_entity ON budget_attachments (entity_type, entity_id)`);
  await knex.raw(`
    CREATE FUNCTION budget_attachments_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL
         AND NEW.id = OLD.id AND NEW.entity_type = OLD.entity_type AND NEW.entity_id = OLD.entity_id
         AND NEW.file_name = OLD.file_name AND NEW.media_type = OLD.media_type AND NEW.size_bytes = OLD.size_bytes
         AND NEW.sha256 = OLD.sha256 AND NEW.bytes = OLD.bytes AND NEW.created_by IS NOT DISTINCT FROM OLD.created_by AND NEW.created_at = OLD.created_at THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'budget_attachments : une pièce justificative ne se supprime pas ni ne se réécrit (elle se retire, une seule fois)';
    END $$`);
  await knex.raw(`CREATE TRIGGER budget_attachments_guard BEFORE UPDATE OR DELETE ON budget_attachments FOR EACH ROW EXECUTE FUNCTION budget_attachments_guard()`);
  await knex.raw(`CREATE TRIGGER budget_attachments_no_truncate BEFORE TRUNCATE ON budget_attachments FOR EACH STATEMENT EXECUTE FUNCTION budget_refuse()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS budget_attachments_no_truncate ON budget_attachments');
  await knex.raw('DROP TRIGGER IF EXISTS budget_attachments_guard ON budget_attachments');
  await knex.raw('DROP FUNCTION IF EXISTS budget_attachments_guard()');
  await knex.schema.dropTable('budget_attachments');
}
