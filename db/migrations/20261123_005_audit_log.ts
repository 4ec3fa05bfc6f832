import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('actor_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('actor_email', 254).comment('Copie de l’e-mail de l’auteur au moment de l’action');
    t.string('action', 100).notNullable();
    t.string('entity_type', 100).notNullable();
    t.string('entity_id', 100);
    t.jsonb('before');
    t.jsonb('after');
    t.text('reason');
    t.string('request_id', 64);
    t.index(['at']);
    t.index(['entity_type', 'entity_id']);
    t.index(['actor_id']);
    t.comment('Journal d’audit, en ajout seul : chaque changement d’état, écrit dans la même transaction.');
  });
  // Append-only: the database itself refuses to rewrite or empty history. The one change let
  // through is the foreign key's SET NULL when a user row is removed: actor_id alone becomes null
  // (the e-mail copy keeps who it was); any other difference is refused.
  await knex.raw(`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
         AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_log is append-only';
    END $$`);
  await knex.raw(`
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  await knex.raw(`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log');
  await knex.raw('DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log');
  await knex.raw('DROP FUNCTION IF EXISTS audit_log_append_only()');
  await knex.schema.dropTable('audit_log');
}
