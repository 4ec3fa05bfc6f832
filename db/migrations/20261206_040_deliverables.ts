import type { Knex } from 'knex';

/**
 * Deliverables of the four expected results of the MIG H15 (care-offer map, network animation,
 * good-practice references, training references): title, kind, date, status, and a link or an
 * attached PDF (with its SHA-256). Entered by the coordination.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('deliverables', (t) => {
    t.increments('id');
    t.string('expected_result', 16).notNullable();
    t.string('title', 300).notNullable();
    t.string('kind', 16).notNullable();
    t.date('due_on').notNullable();
    t.string('status', 16).notNullable();
    t.string('link_url', 500);
    t.string('file_name', 200);
    t.string('media_type', 40);
    t.integer('size_bytes');
    t.string('sha256', 64);
    t.binary('bytes');
    t.timestamps(true, true);
    t.integer('version').notNullable().defaultTo(1);
    t.index(['expected_result', 'due_on']);
    t.comment('Livrables des quatre résultats attendus (cartographie, référentiels, modules, réunions du réseau), avec un lien ou un PDF joint.');
  });
  await knex.raw(`ALTER TABLE deliverables ADD CONSTRAINT deliverables_result_check CHECK (expected_result IN ('mapping', 'network', 'good_practice', 'training'))`);
  await knex.raw(`ALTER TABLE deliverables ADD CONSTRAINT deliverables_kind_check CHECK (kind IN ('map', 'referential', 'module', 'meeting', 'other'))`);
  await knex.raw(`ALTER TABLE deliverables ADD CONSTRAINT deliverables_status_check CHECK (status IN ('planned', 'in_progress', 'delivered'))`);
  await knex.raw(`ALTER TABLE deliverables ADD CONSTRAINT deliverables_link_check CHECK (link_url IS NULL OR link_url ~* '^https{0,1}://')`);
  await knex.raw(
    `ALTER TABLE deliverables ADD CONSTRAINT deliverables_file_check CHECK ((bytes IS NULL AND file_name IS NULL AND media_type IS NULL AND size_bytes IS NULL AND sha256 IS NULL) OR (bytes IS NOT NULL AND file_name IS NOT NULL AND media_type = 'application/pdf' AND size_bytes = octet_length(bytes) AND size_bytes > 0 AND sha256 ~ '^[0-9a-f]{64}$'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('deliverables');
}
