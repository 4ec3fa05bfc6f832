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

export interface BudgetScaleOptions {
  readonly years: number;
  readonly lastYear: number;
  /** Budget lines added per year (the demo has about a dozen: 20× is about 240). */
  readonly linesPerYear: number;
  /** People added, each with one assignment over all the years and an allocation per year. */
  readonly people: number;
  /** Commitments per line, each with twelve monthly payments (1 unless told). */
  readonly commitmentsPerLine?: number;
  readonly seed?: number;
}

/**
 * Budget and staff at scale, on the funding sources already in the database: per year a fiscal
 * year, `linesPerYear` lines opened by one adopted amending decision, `commitmentsPerLine`
 * commitments (one unless told) with twelve monthly payments each; `people` staff members
 * allocated each year to a personnel line. The amounts respect the GBCP rules (payments ≤
 * commitment ≤ open credits, AE = CP for personnel).
 */
export async function generateBudgetScale(knex: Knex, options: BudgetScaleOptions): Promise<{ lines: number; payments: number; entries: number; allocations: number }> {
  const random = mulberry32(options.seed ?? 20261203);
  const sources = (await knex('funding_sources').orderBy('id').select('id')).map((r) => r.id as number);
  if (sources.length === 0) throw new Error('generateBudgetScale: no funding source (seed the demo first)');
  const envelopes = ['personnel', 'fonctionnement', 'fonctionnement', 'investissement'];
  const missions = ['information', 'outils_bonnes_pratiques', 'formation', 'recherche', 'animation_reseau', 'support'];
  const firstYear = options.lastYear - options.years + 1;
  let lineCount = 0;
  let payments = 0;
  let entries = 0;
  const personnelLines = new Map<number, { id: number; source: number }[]>();
  for (let year = firstYear; year <= options.lastYear; year++) {
    await knex('fiscal_years').insert({ year }).onConflict('year').ignore();
    const lines = await knex('budget_lines')
      .insert(
        Array.from({ length: options.linesPerYear }, (_, n) => ({
          year,
          code: `B${year}-${String(n + 1).padStart(4, '0')}`,
          label: `Ligne de test ${n + 1}`,
          envelope: envelopes[n % envelopes.length],
          mission_area: missions[n % missions.length],
          funding_source_id: sources[n % sources.length],
        })),
      )
      .returning(['id', 'envelope', 'funding_source_id']);
    lineCount += lines.length;
    personnelLines.set(year, lines.filter((l) => l.envelope === 'personnel').map((l) => ({ id: l.id, source: l.funding_source_id })));
    const [{ id: decision }] = await knex('budget_decisions').insert({ year, kind: 'amending', code: `BR-B${year}`, decided_on: `${year}-03-01` }).returning('id');
    const opens = lines.map(() => 100_000 * (50 + Math.floor(random() * 950)));
    await knex('budget_decision_entries').insert(lines.map((l, k) => ({ decision_id: decision, line_id: l.id, ae_delta_cents: opens[k], cp_delta_cents: opens[k] })));
    await knex('budget_decisions').where({ id: decision }).update({ status: 'adopted', adopted_at: `${year}-03-01T18:00:00Z` });
    const perLine = options.commitmentsPerLine ?? 1;
    const commitmentRows = lines.flatMap((l, k) =>
      Array.from({ length: perLine }, (_, n) => ({
        line_id: l.id,
        committed_on: `${year}-03-02`,
        third_party: 'Tiers de test',
        object: 'Engagement de test',
        reference: `CT-${l.id}-${n + 1}`,
        amount_cents: Math.floor((opens[k] * 0.9) / perLine),
      })),
    );
    const commitments: { id: number; line_id: number; amount_cents: number | string }[] = [];
    for (let k = 0; k < commitmentRows.length; k += 1000) {
      commitments.push(...(await knex('commitments').insert(commitmentRows.slice(k, k + 1000)).returning(['id', 'line_id', 'amount_cents'])));
    }
    const rows = commitments.flatMap((c) =>
      Array.from({ length: 12 }, (_, m) => ({
        line_id: c.line_id,
        commitment_id: c.id,
        paid_on: `${year}-${String(m + 1).padStart(2, '0')}-25`,
        kind: 'invoice',
        reference: `P-${c.id}-${m + 1}`,
        amount_cents: Math.floor(Number(c.amount_cents) / 13),
      })),
    );
    for (let k = 0; k < rows.length; k += 1000) await knex('payments').insert(rows.slice(k, k + 1000));
    payments += rows.length;
    entries += commitments.length + rows.length;
  }

  let allocations = 0;
  for (let p = 0; p < options.people; p++) {
    const [{ id: member }] = await knex('staff_members').insert({ name: `Personne de test ${p + 1}`, category: 'other', employer_label: 'CN2R', employer_kind: 'grouping', status: 'own' }).returning('id');
    const quotite = [10_000, 8_000, 5_000][p % 3];
    const [{ id: assignment }] = await knex('staff_assignments')
      .insert({ staff_member_id: member, position_label: 'Poste de test', start_on: `${firstYear}-01-01`, end_on: `${options.lastYear}-12-31`, quotite_bp: quotite, annual_cost_cents: 5_000_000 })
      .returning('id');
    const rows = [];
    for (let year = firstYear; year <= options.lastYear; year++) {
      const candidates = personnelLines.get(year)!;
      const line = candidates[p % candidates.length];
      rows.push({ assignment_id: assignment, from_on: `${year}-01-01`, to_on: `${year}-12-31`, share_bp: 10_000, budget_line_id: line.id, funding_source_id: line.source, mission_area: 'support' });
    }
    await knex('staff_allocations').insert(rows);
    allocations += rows.length;
  }
  return { lines: lineCount, payments, entries, allocations };
}
