import type { Knex } from 'knex';

const MESSAGE = 'les écritures budgétaires ne se suppriment pas ni ne se réécrivent (écriture d’annulation ou nouvelle décision)';

/**
 * Budget history is never deleted nor rewritten, whatever the client: the database refuses
 * - any UPDATE or DELETE of commitments and payments (a correction is a reversal entry);
 * - any DELETE of a decision, and any UPDATE of an adopted one (a correction is a new decision);
 * - any change to the entries of an adopted decision (a draft's entries are replaced while it is edited);
 * - TRUNCATE of these four tables.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION budget_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% : ${MESSAGE}', TG_TABLE_NAME;
    END $$`);
  await knex.raw(`
    CREATE FUNCTION budget_decisions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.status = 'draft' THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '% : ${MESSAGE}', TG_TABLE_NAME;
    END $$`);
  await knex.raw(`
    CREATE FUNCTION budget_decision_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      target integer;
    BEGIN
      IF TG_OP = 'DELETE' THEN target := OLD.decision_id; ELSE target := NEW.decision_id; END IF;
      IF EXISTS (SELECT 1 FROM budget_decisions d WHERE d.id = target AND d.status = 'draft')
         AND (TG_OP <> 'UPDATE' OR OLD.decision_id = NEW.decision_id) THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '% : ${MESSAGE}', TG_TABLE_NAME;
    END $$`);
  await knex.raw(`CREATE TRIGGER commitments_append_only BEFORE UPDATE OR DELETE ON commitments FOR EACH ROW EXECUTE FUNCTION budget_refuse()`);
  await knex.raw(`CREATE TRIGGER payments_append_only BEFORE UPDATE OR DELETE ON payments FOR EACH ROW EXECUTE FUNCTION budget_refuse()`);
  await knex.raw(`CREATE TRIGGER budget_decisions_guard BEFORE UPDATE OR DELETE ON budget_decisions FOR EACH ROW EXECUTE FUNCTION budget_decisions_guard()`);
  await knex.raw(
    `CREATE TRIGGER budget_decision_entries_guard BEFORE INSERT OR UPDATE OR DELETE ON budget_decision_entries FOR EACH ROW EXECUTE FUNCTION budget_decision_entries_guard()`,
  );
  for (const table of ['commitments', 'payments', 'budget_decisions', 'budget_decision_entries']) {
    await knex.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION budget_refuse()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['commitments', 'payments', 'budget_decisions', 'budget_decision_entries']) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
  }
  await knex.raw('DROP TRIGGER IF EXISTS budget_decision_entries_guard ON budget_decision_entries');
  await knex.raw('DROP TRIGGER IF EXISTS budget_decisions_guard ON budget_decisions');
  await knex.raw('DROP TRIGGER IF EXISTS payments_append_only ON payments');
  await knex.raw('DROP TRIGGER IF EXISTS commitments_append_only ON commitments');
  await knex.raw('DROP FUNCTION IF EXISTS budget_decision_entries_guard()');
  await knex.raw('DROP FUNCTION IF EXISTS budget_decisions_guard()');
  await knex.raw('DROP FUNCTION IF EXISTS budget_refuse()');
}
