import type { Knex } from 'knex';

/**
 * The last validated value of each cell, kept beside the value being worked on.
 *
 * A validated form stays validated while the coordination reopens one value and the unit lead
 * changes it (« modifié depuis la validation »), and a validated form changed that way may even be
 * returned to the unit. Readers of validated data (finance and board views of a form, the board
 * and finance dashboards, the map, cost per activity, the activity report and its official
 * versions) must keep reading what the coordination validated until it validates the change: so
 * `indicator_values` keeps, per cell, `validated_value_num` / `validated_value_text` (same types
 * as `value_num` / `value_text`) and `validated_at` (null: never validated). The form service
 * copies the current values there when the coordination validates (first validation or
 * revalidation), in the validation's transaction; nothing else in the application writes them.
 *
 * `validated_indicator_values` is the one definition of validated data every reader uses: the
 * cells validated at least once, with their unit, period and last validated value.
 *
 * Backfill: cells of submissions whose status is 'validated' get their current value, except a
 * cell changed since the last validation (a reopened value corrected, still pending), which gets
 * the value it had before its first change after that validation, read once from the audit log.
 * Submissions not validated now (draft, submitted, returned) get nothing: the next validation fills them.
 *
 * Rows inserted directly into a submission already validated (the demo seed, test fixtures, a
 * bulk load of past data) are taken as validated on insert by a BEFORE INSERT trigger. The
 * application never inserts there: a validated form refuses new cells, only a reopened value changes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('indicator_values', (t) => {
    t.decimal('validated_value_num', 20, 4).comment('Dernière valeur numérique validée par la coordination (les lecteurs de données validées lisent celle-ci)');
    t.text('validated_value_text').comment('Dernière valeur texte validée par la coordination');
    t.timestamp('validated_at', { useTz: true }).comment('Date de la dernière validation de la cellule ; vide : jamais validée');
  });
  await knex.raw(`
    ALTER TABLE indicator_values ADD CONSTRAINT indicator_values_validated_check
    CHECK (validated_at IS NOT NULL OR (validated_value_num IS NULL AND validated_value_text IS NULL))`);

  await knex.raw(`
    UPDATE indicator_values v
    SET validated_value_num = v.value_num, validated_value_text = v.value_text, validated_at = coalesce(s.validated_at, now())
    FROM submissions s
    WHERE s.id = v.submission_id AND s.status = 'validated'`);
  // A cell changed after the last validation holds a pending value: its validated value is the one
  // its first change after that validation replaced (audit rows store { value: number | boolean | text | null }).
  await knex.raw(`
    WITH first_change AS (
      SELECT DISTINCT ON (v.id) v.id, i.value_type, a.before -> 'value' AS before_value
      FROM indicator_values v
      JOIN submissions s ON s.id = v.submission_id
      JOIN indicators i ON i.id = v.indicator_id
      JOIN audit_log a ON a.entity_type = 'indicator_value' AND a.entity_id = v.id::text AND a.action = 'value.updated'
      WHERE s.status = 'validated' AND s.changed_since_validation AND s.validated_at IS NOT NULL
        AND a.at > s.validated_at AND a.before -> 'value' IS NOT NULL
      ORDER BY v.id, a.at, a.id
    )
    UPDATE indicator_values v
    SET validated_value_num = CASE
          WHEN f.value_type = 'text' THEN NULL
          WHEN jsonb_typeof(f.before_value) = 'boolean' THEN CASE WHEN f.before_value = 'true'::jsonb THEN 1 ELSE 0 END
          WHEN jsonb_typeof(f.before_value) = 'number' THEN (f.before_value #>> '{}')::numeric
          ELSE NULL END,
        validated_value_text = CASE WHEN f.value_type = 'text' AND jsonb_typeof(f.before_value) = 'string' THEN f.before_value #>> '{}' ELSE NULL END
    FROM first_change f
    WHERE v.id = f.id`);

  await knex.raw(`
    CREATE FUNCTION indicator_values_validated_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      validated timestamptz;
    BEGIN
      IF NEW.validated_at IS NULL THEN
        SELECT coalesce(s.validated_at, now()) INTO validated FROM submissions s WHERE s.id = NEW.submission_id AND s.status = 'validated';
        IF FOUND THEN
          NEW.validated_value_num := NEW.value_num;
          NEW.validated_value_text := NEW.value_text;
          NEW.validated_at := validated;
        END IF;
      END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(
    `CREATE TRIGGER indicator_values_validated_on_insert BEFORE INSERT ON indicator_values FOR EACH ROW EXECUTE FUNCTION indicator_values_validated_on_insert()`,
  );

  await knex.raw(`
    CREATE VIEW validated_indicator_values AS
    SELECT v.id, v.submission_id, s.unit_id, s.period, v.indicator_id, v.option_id,
      v.validated_value_num AS value_num, v.validated_value_text AS value_text, v.validated_at
    FROM indicator_values v
    JOIN submissions s ON s.id = v.submission_id
    WHERE v.validated_at IS NOT NULL`);
  await knex.raw(
    `COMMENT ON VIEW validated_indicator_values IS 'Données validées : la dernière valeur validée de chaque cellule validée au moins une fois, même si une correction attend sa validation ou si la saisie a été renvoyée depuis. Seule définition lue par les vues finance, bureau, carte, coût par activité et rapports.'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP VIEW IF EXISTS validated_indicator_values`);
  await knex.raw(`DROP TRIGGER IF EXISTS indicator_values_validated_on_insert ON indicator_values`);
  await knex.raw(`DROP FUNCTION IF EXISTS indicator_values_validated_on_insert()`);
  await knex.raw(`ALTER TABLE indicator_values DROP CONSTRAINT IF EXISTS indicator_values_validated_check`);
  await knex.schema.alterTable('indicator_values', (t) => {
    t.dropColumn('validated_at');
    t.dropColumn('validated_value_text');
    t.dropColumn('validated_value_num');
  });
}
