import type { Knex } from 'knex';

/**
 * Whether the options of a disaggregated indicator add up (`indicators.options_additive`).
 *
 * The total of a disaggregated value is never entered: the dashboards and the reports derive it
 * as the sum of its options. That is right for counts of exclusive options (file active by age
 * band, waiting list adult / minor) and meaningless for a median delay, a rate or an average split
 * by option (the adult median plus the minor median is no delay). The value type alone cannot
 * tell: a count by non-exclusive options does not add up, an amount in decimals does.
 *
 * Existing revisions get the rule of their value type (counts add up, nothing else does), and so
 * does a row inserted without the column (a BEFORE INSERT trigger fills a NULL, so the seeds and
 * direct inserts need not know about it); the catalogue API can then say otherwise.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('indicators', (t) => {
    t.boolean('options_additive').comment(
      'Les modalités s’additionnent : le total d’une valeur ventilée est la somme de ses modalités (effectifs de modalités exclusives). Faux pour un délai médian, un taux, une moyenne : pas de total, des valeurs par modalité.',
    );
  });
  await knex.raw(`UPDATE indicators SET options_additive = (value_type = 'count')`);
  await knex.raw(`
    CREATE FUNCTION indicators_options_additive_default() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.options_additive IS NULL THEN
        NEW.options_additive := (NEW.value_type = 'count');
      END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(
    `CREATE TRIGGER indicators_options_additive_default BEFORE INSERT ON indicators FOR EACH ROW EXECUTE FUNCTION indicators_options_additive_default()`,
  );
  await knex.raw(`ALTER TABLE indicators ALTER COLUMN options_additive SET NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TRIGGER IF EXISTS indicators_options_additive_default ON indicators`);
  await knex.raw(`DROP FUNCTION IF EXISTS indicators_options_additive_default()`);
  await knex.schema.alterTable('indicators', (t) => t.dropColumn('options_additive'));
}
