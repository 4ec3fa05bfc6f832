import type { Knex } from 'knex';

/**
 * A wide catalogue for load and crash tests: `indicators` optional quarterly counts `<prefix>_000`…,
 * each ventilated on the `options` options (`o0`…) of one dimension `<prefix>_DIM`, active from
 * 1 January of `year`. Answers the dimension's id.
 */
export async function insertWideCatalogue(knex: Knex, { prefix, year, indicators, options }: { prefix: string; year: number; indicators: number; options: number }): Promise<number> {
  const [dim] = await knex('dimensions').insert({ code: `${prefix}_DIM`, label: 'Ventilation de test' }).returning('id');
  await knex('dimension_options').insert(Array.from({ length: options }, (_, k) => ({ dimension_id: dim.id, code: `o${k}`, label: `Modalité ${k}`, sort_order: k })));
  await knex('indicators').insert(
    Array.from({ length: indicators }, (_, k) => ({
      code: `${prefix}_${String(k).padStart(3, '0')}`,
      label: `Indicateur de test ${k}`,
      domain: 'activite_clinique',
      value_type: 'count',
      period_type: 'quarter',
      time_aggregation: 'sum',
      unit_aggregation: 'sum',
      dimension_id: dim.id,
      required: false,
      active_from: `${year}-01-01`,
    })),
  );
  return dim.id as number;
}
