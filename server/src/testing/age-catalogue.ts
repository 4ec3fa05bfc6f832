import type { Knex } from 'knex';

/** The columns of a quarterly count of the clinical activity, summed over time and units, from 2019. */
export const QUARTERLY_COUNT = { domain: 'activite_clinique', value_type: 'count', period_type: 'quarter', time_aggregation: 'sum', unit_aggregation: 'sum', active_from: '2019-01-01' };

/**
 * The start of the specs' small catalogues: a dimension AGE (mineur, adulte), the file active
 * ACT_FA disaggregated on it and the new patients ACT_NEW (at most 5 000), quarterly counts.
 */
export async function insertAgeCatalogue(knex: Knex): Promise<{ fa: number; nw: number; minor: number; adult: number }> {
  const [{ id: dim }] = await knex('dimensions').insert({ code: 'AGE', label: 'Âge' }).returning('id');
  const options = await knex('dimension_options')
    .insert([
      { dimension_id: dim, code: 'mineur', label: 'Mineurs', sort_order: 1 },
      { dimension_id: dim, code: 'adulte', label: 'Adultes', sort_order: 2 },
    ])
    .returning(['id', 'code']);
  const [fa] = await knex('indicators').insert({ ...QUARTERLY_COUNT, code: 'ACT_FA', label: 'File active', dimension_id: dim, sort_order: 1 }).returning('id');
  const [nw] = await knex('indicators').insert({ ...QUARTERLY_COUNT, code: 'ACT_NEW', label: 'Nouveaux patients', sort_order: 2, max_value: 5000 }).returning('id');
  const option = (code: string) => options.find((o: { code: string }) => o.code === code).id as number;
  return { fa: fa.id as number, nw: nw.id as number, minor: option('mineur'), adult: option('adulte') };
}
