import type { Knex } from 'knex';

/**
 * A deterministic scale generator: N units × Y years of indicator values on the catalogue already
 * in the database (the demo catalogue), every period submitted and validated, plausible orders of
 * magnitude. Same seed, same data. Used by the benchmarks (network scale and 20×).
 */
export interface ScaleOptions {
  readonly units: number;
  readonly years: number;
  readonly lastYear: number;
  readonly seed?: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function generateScale(knex: Knex, options: ScaleOptions): Promise<{ units: number; submissions: number; values: number }> {
  const random = mulberry32(options.seed ?? 20261123);
  const indicators = await knex('indicators as i')
    .leftJoin('dimension_options as o', 'o.dimension_id', 'i.dimension_id')
    .where('i.unit_kind', 'crp')
    .whereNull('i.active_to')
    .select('i.id', 'i.period_type', 'i.value_type', 'i.max_value', 'o.id as option_id');
  const admin = await knex('users').where({ role: 'admin' }).first('id');

  // Units: the existing CRP plus generated ones up to `units`.
  const existing = await knex('units').where({ kind: 'crp' }).select('id');
  const unitIds = existing.map((u) => u.id as number);
  for (let n = unitIds.length + 1; n <= options.units; n++) {
    const [row] = await knex('units')
      .insert({ code: `BENCH-${String(n).padStart(4, '0')}`, name: `Centre de test ${n}`, region: 'Test', kind: 'crp', opened_on: '2010-01-01' })
      .returning('id');
    unitIds.push(row.id);
  }

  let submissions = 0;
  let values = 0;
  const firstYear = options.lastYear - options.years + 1;
  for (let year = firstYear; year <= options.lastYear; year++) {
    const campaign = await knex('campaigns').where({ year }).first('id');
    const campaignId =
      campaign?.id ?? (await knex('campaigns').insert({ year, label: `Campagne ${year}`, status: 'closed' }).returning('id'))[0].id;
    const periods = [...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), String(year)];
    await knex('campaign_periods')
      .insert(periods.map((period) => ({ campaign_id: campaignId, period, opens_on: `${year}-01-01`, due_on: `${year + 1}-03-01` })))
      .onConflict(['period'])
      .ignore();
    const subRows = unitIds.flatMap((unitId) =>
      periods.map((period) => ({ unit_id: unitId, period, status: 'validated', submitted_at: `${year + 1}-01-15`, validated_at: `${year + 1}-02-01`, validated_by: admin?.id ?? null })),
    );
    const inserted: { id: number; period: string }[] = [];
    for (let k = 0; k < subRows.length; k += 500) {
      inserted.push(...(await knex('submissions').insert(subRows.slice(k, k + 500)).onConflict(['unit_id', 'period']).ignore().returning(['id', 'period'])));
    }
    submissions += inserted.length;
    const valueRows = inserted.flatMap((sub) => {
      const size = 0.5 + random() * 1.5;
      const type = sub.period.includes('Q') ? 'quarter' : 'year';
      return indicators
        .filter((i) => i.period_type === type)
        .map((i) => ({
          submission_id: sub.id,
          indicator_id: i.id,
          option_id: i.option_id,
          value_num: i.value_type === 'boolean' ? 1 : Math.round(Math.min(Number(i.max_value ?? 1e6), 5 + random() * 60 * size)),
        }));
    });
    for (let k = 0; k < valueRows.length; k += 1000) await knex('indicator_values').insert(valueRows.slice(k, k + 1000));
    values += valueRows.length;
  }
  return { units: unitIds.length, submissions, values };
}
