import type { Knex } from 'knex';

/**
 * Whether the CN2R's own activity counts in the network's totals, said once in the catalogue
 * (`indicators.network_counterpart_code`).
 *
 * A network total aggregates the units of the indicator's own kind: « Professionnels formés »
 * (FOR_PERS) is the centres' (CRP) trainees, never the CN2R's. The CN2R reports its own trainings
 * under its own indicators (CN2R_FOR_PERS). An indicator of the CN2R that counts the same activity
 * as a network indicator names it here: every view that shows the network figure shows the CN2R's
 * beside it (network | CN2R), and nothing adds the two into the network's figure. Null: the
 * indicator has no counterpart in the network (grants, reference documents…).
 *
 * Only an indicator of the CN2R may name a counterpart (CHECK). The catalogue's CN2R trainings
 * and sessions, when present, get theirs here; the API can then set or clear it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('indicators', (t) => {
    t.string('network_counterpart_code', 32).nullable().comment(
      'Indicateur du réseau (centres) qui compte la même activité : la valeur du CN2R est montrée à côté de celle du réseau, jamais ajoutée à son total.',
    );
  });
  await knex.raw(
    `ALTER TABLE indicators ADD CONSTRAINT indicators_network_counterpart_cn2r CHECK (network_counterpart_code IS NULL OR (unit_kind = 'cn2r' AND network_counterpart_code <> code))`,
  );
  await knex.raw(`UPDATE indicators SET network_counterpart_code = 'FOR_PERS' WHERE code = 'CN2R_FOR_PERS' AND unit_kind = 'cn2r'`);
  await knex.raw(`UPDATE indicators SET network_counterpart_code = 'FOR_SESS' WHERE code = 'CN2R_FOR_SESS' AND unit_kind = 'cn2r'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE indicators DROP CONSTRAINT IF EXISTS indicators_network_counterpart_cn2r`);
  await knex.schema.alterTable('indicators', (t) => t.dropColumn('network_counterpart_code'));
}
