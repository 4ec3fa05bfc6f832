import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database.js';
import { evaluateFormRules, type RuleDefinition, type RuleIndicator } from '../../shared/src/collection/form-rules.js';
import { outlierCheck, parseRule, periodsWithin, samePeriodLastYear } from '../../shared/src/collection/index.js';
import { seedCollectionDemo } from './collection-demo.js';
import { seedDemo } from './demo.js';

const TODAY = '2026-11-23';
const fakeHash = async () => 'pas-un-vrai-hachage';
const CRP_CODES = ['ACT_FA', 'ACT_NEW', 'ACT_CS', 'ACT_WAIT_N', 'ACT_WAIT_D', 'ACT_EVT', 'ACT_ORIENT', 'FOR_SESS', 'FOR_PERS', 'NET_REF', 'NET_MEET', 'RES_PROJ', 'RES_PUB'];

interface ValueRow {
  submissionId: number;
  unit: string;
  period: string;
  status: string;
  indicatorId: number;
  code: string;
  optionId: number | null;
  option: string | null;
  value: number;
  explanation: string | null;
  updatedBy: string | null;
}

async function valuesOf(knex: Knex): Promise<ValueRow[]> {
  const rows = await knex('indicator_values as v')
    .join('submissions as s', 's.id', 'v.submission_id')
    .join('units as u', 'u.id', 's.unit_id')
    .join('indicators as i', 'i.id', 'v.indicator_id')
    .leftJoin('dimension_options as o', 'o.id', 'v.option_id')
    .leftJoin('users as e', 'e.id', 'v.updated_by')
    .select('s.id as submission_id', 'u.code as unit', 's.period', 's.status', 'i.id as indicator_id', 'i.code', 'v.option_id', 'o.code as option', 'v.value_num', 'v.explanation', 'e.email')
    .orderBy(['u.code', 's.period', 'i.code', 'o.code']);
  return rows.map((r) => ({
    submissionId: r.submission_id,
    unit: r.unit,
    period: r.period,
    status: r.status,
    indicatorId: r.indicator_id,
    code: r.code,
    optionId: r.option_id,
    option: r.option,
    value: Number(r.value_num),
    explanation: r.explanation,
    updatedBy: r.email,
  }));
}

async function submissionsOf(knex: Knex) {
  return knex('submissions as s')
    .join('units as u', 'u.id', 's.unit_id')
    .leftJoin('users as v', 'v.id', 's.validated_by')
    .select('s.*', 'u.code as unit', 'u.kind', 'v.email as validator')
    .orderBy(['u.code', 's.period']);
}

/** The rule results of every seeded form, as the data-entry form computes them (shared/src/collection/form-rules.ts). */
async function ruleResults(knex: Knex) {
  const indicators = await knex('indicators').select('*');
  const options = await knex('dimension_options').select('id', 'code', 'dimension_id');
  const asRuleIndicator = (i: Record<string, unknown>): RuleIndicator => ({
    id: i.id as number,
    code: i.code as string,
    periodType: i.period_type as RuleIndicator['periodType'],
    timeAggregation: i.time_aggregation as RuleIndicator['timeAggregation'],
    dimension: i.dimension_id ? { options: options.filter((o) => o.dimension_id === i.dimension_id).map((o) => ({ id: o.id, code: o.code })) } : null,
  });
  const rules: RuleDefinition[] = await knex('consistency_rules').select('id', 'code', 'expression', 'severity', 'message', 'active');
  const explanations = await knex('rule_explanations').select('submission_id', 'rule_id');
  const submissions = await submissionsOf(knex);
  const values = await valuesOf(knex);
  const bySubmission = new Map<number, ValueRow[]>();
  for (const v of values) bySubmission.set(v.submissionId, [...(bySubmission.get(v.submissionId) ?? []), v]);
  const idOf = new Map(submissions.map((s) => [`${s.unit}|${s.period}`, s.id as number]));

  return submissions.map((s) => {
    const type = s.period.length === 4 ? 'year' : 'quarter';
    const ofKind = indicators.filter((i) => i.unit_kind === s.kind);
    const finerValues =
      type === 'year'
        ? periodsWithin(s.period, 'quarter').flatMap((q) => (bySubmission.get(idOf.get(`${s.unit}|${q}`) ?? -1) ?? []).map((v) => ({ ...v, period: q })))
        : [];
    const failures = evaluateFormRules(rules, {
      period: s.period,
      indicators: ofKind.filter((i) => i.period_type === type).map(asRuleIndicator),
      values: bySubmission.get(s.id) ?? [],
      finerIndicators: type === 'year' ? ofKind.filter((i) => i.period_type === 'quarter').map(asRuleIndicator) : [],
      finerValues,
    });
    const explained = new Set(explanations.filter((e) => e.submission_id === s.id).map((e) => e.rule_id as number));
    return { unit: s.unit as string, period: s.period as string, status: s.status as string, failures, explained };
  });
}

/** Everything seeded that should not depend on the run: values, statuses and dates. */
async function checksum(knex: Knex): Promise<string> {
  const values = (await valuesOf(knex)).map((v) => [v.unit, v.period, v.code, v.option, v.value, v.explanation, v.updatedBy].join('|'));
  const iso = (t: unknown) => (t === null ? '' : new Date(t as string).toISOString());
  const submissions = (await submissionsOf(knex)).map((s) =>
    [s.unit, s.period, s.status, iso(s.submitted_at), iso(s.validated_at), iso(s.returned_at), s.return_message, iso(s.created_at), iso(s.updated_at)].join('|'),
  );
  const targets = (await knex('indicator_targets').orderBy(['indicator_code', 'year'])).map((t) => `${t.indicator_code}|${t.year}|${Number(t.target)}`);
  return createHash('sha256')
    .update([...values, ...submissions, ...targets].join('\n'))
    .digest('hex');
}

describe('collection demo seed', () => {
  let db: TestDatabase;
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  let seedMs: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const start = performance.now();
    seeded = await seedDemo(db.knex, fakeHash, { today: TODAY });
    seedMs = performance.now() - start;
    console.log(`\n  Démo de collecte (${db.engine}) : ${Math.round(seedMs)} ms, ${JSON.stringify(seeded.collection)}`);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('runs inside seedDemo, in a few seconds, and writes one audit row with its counts', async () => {
    expect(seeded.collection).not.toBeNull();
    expect(seedMs).toBeLessThan(20_000);
    const audit = await db.knex('audit_log').where({ action: 'demo.collection_seeded' });
    expect(audit.length).toBe(1);
    const after = typeof audit[0].after === 'string' ? JSON.parse(audit[0].after) : audit[0].after;
    expect(after).toEqual(jasmine.objectContaining({ today: TODAY, years: [2023, 2026], values: seeded.collection!.values, submissions: seeded.collection!.submissions }));
  });

  it('is idempotent: a second run (through seedDemo or directly) adds nothing', async () => {
    const count = async (table: string) => Number((await db.knex(table).count({ n: '*' }))[0].n);
    const tables = ['dimensions', 'indicators', 'indicator_targets', 'consistency_rules', 'campaigns', 'submissions', 'indicator_values', 'value_comments', 'audit_log'];
    const before = await Promise.all(tables.map(count));
    const again = await seedDemo(db.knex, fakeHash, { today: TODAY });
    expect(again).toEqual({ units: 0, users: 0, collection: null });
    expect(await seedCollectionDemo(db.knex, { today: '2027-06-01' })).toBeNull();
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('seeds the dimensions, with the event types marked sensitive', async () => {
    const dimensions = await db.knex('dimensions').orderBy('code');
    expect(dimensions.map((d) => d.code)).toEqual(['AGE', 'AUDIENCE', 'BOURSE', 'EVT', 'NIVEAU', 'PROF', 'PUBLIC', 'ROLE_RECH']);
    expect(dimensions.filter((d) => d.sensitive).map((d) => d.code)).toEqual(['EVT']);
    const optionsOf = async (code: string) =>
      (await db.knex('dimension_options as o').join('dimensions as d', 'd.id', 'o.dimension_id').where('d.code', code).orderBy('o.sort_order').select('o.code')).map((o) => o.code);
    expect(await optionsOf('AGE')).toEqual(['0-5', '6-11', '12-17', '18+']);
    expect(await optionsOf('PROF')).toEqual(['psychiatre', 'pedopsychiatre', 'psychologue', 'infirmier', 'autre']);
    expect((await optionsOf('EVT')).length).toBe(10);
    expect(await optionsOf('EVT')).toContain('violences_sexuelles');
    expect((await optionsOf('AUDIENCE')).length).toBe(6);
  });

  it('seeds the 13 CRP indicators and CN2R’s own, with their aggregations, and targets for the expected results', async () => {
    const indicators = await db.knex('indicators').select('*');
    const crp = indicators.filter((i) => i.unit_kind === 'crp');
    expect(crp.map((i) => i.code).sort()).toEqual([...CRP_CODES].sort());
    expect(indicators.filter((i) => i.unit_kind === 'cn2r').length).toBeGreaterThanOrEqual(9);
    for (const i of indicators) {
      expect(i.definition.length).withContext(i.code).toBeGreaterThan(30);
      expect(i.counting_rule.length).withContext(i.code).toBeGreaterThan(30);
      expect(i.active_from).toBe('2019-01-01');
    }
    const byCode = new Map(indicators.map((i) => [i.code, i]));
    expect(byCode.get('ACT_WAIT_D')).toEqual(jasmine.objectContaining({ value_type: 'days', unit_aggregation: 'median', time_aggregation: 'average', period_type: 'quarter' }));
    expect(byCode.get('ACT_WAIT_N')).toEqual(jasmine.objectContaining({ time_aggregation: 'last', period_type: 'quarter' }));
    expect(byCode.get('ACT_NEW')).toEqual(jasmine.objectContaining({ value_type: 'count', time_aggregation: 'sum', period_type: 'quarter' }));
    expect(byCode.get('ACT_EVT').period_type).toBe('year');
    expect(byCode.get('FOR_SESS').expected_result).toBe('training');
    expect(byCode.get('NET_REF').expected_result).toBe('mapping');
    expect(byCode.get('NET_MEET').expected_result).toBe('network');
    expect(byCode.get('CN2R_REF_BP').expected_result).toBe('good_practice');
    const withResult = indicators.filter((i) => i.expected_result !== null).map((i) => i.code);
    const targets = await db.knex('indicator_targets').select('*');
    for (const code of withResult) {
      expect(targets.filter((t) => t.indicator_code === code).map((t) => t.year).sort()).withContext(code).toEqual([2023, 2024, 2025, 2026]);
    }
    expect(targets.length).toBe(withResult.length * 4);
  });

  it('seeds consistency rules the shared engine parses, errors and warnings', async () => {
    const rules = await db.knex('consistency_rules').select('*');
    for (const rule of rules) expect(() => parseRule(rule.expression)).withContext(rule.expression).not.toThrow();
    const expressions = rules.map((r) => `${r.severity} ${r.expression}`);
    expect(expressions).toContain('error ACT_NEW <= ACT_FA');
    for (const band of ['0-5', '6-11', '12-17', '18+']) expect(expressions).toContain(`error ACT_NEW[${band}] <= ACT_FA[${band}]`);
    expect(expressions).toContain('warning ACT_EVT == ACT_NEW');
    expect(expressions).toContain('warning (ACT_NEW[0-5] + ACT_NEW[6-11] + ACT_NEW[12-17]) <= 0.4 * ACT_NEW');
    expect(expressions).toContain('warning FOR_PERS >= FOR_SESS');
    expect(expressions).toContain('error FOR_PERS <= 100 * FOR_SESS');
  });

  it('opens one campaign per year: three past ones closed, the current one open, quarters and year with their due dates, one extension', async () => {
    const campaigns = await db.knex('campaigns').orderBy('year');
    expect(campaigns.map((c) => [c.year, c.status])).toEqual([
      [2023, 'closed'],
      [2024, 'closed'],
      [2025, 'closed'],
      [2026, 'open'],
    ]);
    const periods = await db.knex('campaign_periods').where({ campaign_id: campaigns[3].id }).orderBy('period');
    expect(periods.map((p) => [p.period, p.opens_on, p.due_on])).toEqual([
      ['2026', '2026-01-01', '2027-03-01'],
      ['2026-Q1', '2026-01-01', '2026-04-30'],
      ['2026-Q2', '2026-04-01', '2026-07-30'],
      ['2026-Q3', '2026-07-01', '2026-10-30'],
      ['2026-Q4', '2026-10-01', '2027-01-30'],
    ]);
    expect(Number((await db.knex('campaign_periods').count({ n: '*' }))[0].n)).toBe(20);
    const extensions = await db.knex('campaign_extensions as x').join('units as u', 'u.id', 'x.unit_id').select('u.code', 'x.period', 'x.due_on', 'x.reason');
    expect(extensions.length).toBe(1);
    expect(extensions[0]).toEqual(jasmine.objectContaining({ code: 'CRP-MQ', period: '2026-Q3' }));
    expect(extensions[0].due_on > TODAY).toBeTrue();
  });

  it('holds three full validated years for the ten CRP (quarters and year) and for CN2R (year)', async () => {
    const submissions = (await submissionsOf(db.knex)).filter((s) => s.period < '2026');
    const crpUnits = new Set(submissions.filter((s) => s.kind === 'crp').map((s) => s.unit));
    expect(crpUnits.size).toBe(10);
    expect(submissions.filter((s) => s.kind === 'crp').length).toBe(10 * 3 * 5);
    expect(submissions.filter((s) => s.kind === 'cn2r').map((s) => s.period)).toEqual(['2023', '2024', '2025']);
    for (const s of submissions) {
      expect(s.status).withContext(`${s.unit} ${s.period}`).toBe('validated');
      expect(s.validator).toBe('admin@demo.local');
      expect(new Date(s.validated_at) > new Date(s.submitted_at)).withContext(`${s.unit} ${s.period}`).toBeTrue();
      expect(new Date(s.submitted_at) > new Date(s.created_at)).toBeTrue();
    }
    const dueOf = new Map((await db.knex('campaign_periods').select('period', 'due_on')).map((p) => [p.period, p.due_on as string]));
    const late = submissions.filter((s) => new Date(s.submitted_at).toISOString().slice(0, 10) > dueOf.get(s.period)!);
    expect(late.length).toBeGreaterThan(0);
    expect(late.length).toBeLessThan(submissions.length / 5);
  });

  it('stores options one row each, never a total row, and CRP and CN2R forms only carry their own indicators', async () => {
    const values = await valuesOf(db.knex);
    const indicators = await db.knex('indicators').select('id', 'code', 'unit_kind', 'dimension_id');
    const kindOf = new Map((await db.knex('units').select('code', 'kind')).map((u) => [u.code, u.kind]));
    const byId = new Map(indicators.map((i) => [i.id, i]));
    for (const v of values) {
      const indicator = byId.get(v.indicatorId)!;
      expect(v.optionId === null).withContext(`${v.unit} ${v.period} ${v.code}`).toBe(indicator.dimension_id === null);
      expect(indicator.unit_kind).toBe(kindOf.get(v.unit));
      expect(Number.isInteger(v.value) && v.value >= 0).withContext(`${v.unit} ${v.period} ${v.code}`).toBeTrue();
    }
    // Every complete form has every option of every indicator.
    const cells = new Map<string, number>();
    for (const v of values.filter((x) => x.status === 'validated')) cells.set(`${v.submissionId}|${v.code}`, (cells.get(`${v.submissionId}|${v.code}`) ?? 0) + 1);
    const expectedCells: Record<string, number> = { ACT_FA: 4, ACT_NEW: 4, ACT_CS: 5, ACT_WAIT_N: 2, ACT_WAIT_D: 2, ACT_EVT: 10, FOR_SESS: 6, FOR_PERS: 6, NET_MEET: 3, RES_PROJ: 2 };
    for (const [key, n] of cells) expect(n).withContext(key).toBe(expectedCells[key.split('|')[1]] ?? (key.endsWith('CN2R_BOURSES') ? 3 : 1));
  });

  it('passes every error rule on every seeded unit × period, and explains every warning of the forms sent', async () => {
    const results = await ruleResults(db.knex);
    expect(results.length).toBe(seeded.collection!.submissions);
    const errors = results.flatMap((r) => r.failures.filter((f) => f.severity === 'error').map((f) => `${r.unit} ${r.period} ${f.code}`));
    expect(errors).toEqual([]);
    const warnings = results.flatMap((r) => r.failures.filter((f) => f.severity === 'warning').map((f) => ({ ...r, rule: f })));
    expect(warnings.map((w) => `${w.unit} ${w.period} ${w.rule.code}`).sort()).toEqual([
      'CRP-ARA 2026-Q2 WAIT_MINORS_180',
      'CRP-GE 2024-Q3 WAIT_MINORS_180',
      'CRP-GE 2024-Q4 WAIT_MINORS_180',
      'CRP-PACA 2025-Q3 MINORS_SHARE',
    ]);
    for (const w of warnings.filter((x) => x.status !== 'draft')) expect(w.explained.has(w.rule.ruleId)).withContext(`${w.unit} ${w.period} ${w.rule.code}`).toBeTrue();
    // And no explanation without a warning to explain.
    const explained = results.reduce((n, r) => n + r.explained.size, 0);
    expect(explained).toBe(warnings.length);
  });

  it('splits each year’s new patients exactly by type of event', async () => {
    const values = await valuesOf(db.knex);
    const years = values.filter((v) => v.code === 'ACT_EVT');
    const units = [...new Set(years.map((v) => v.unit))];
    expect(units.length).toBe(10);
    for (const unit of units) {
      for (const year of ['2023', '2024', '2025']) {
        const events = years.filter((v) => v.unit === unit && v.period === year).reduce((s, v) => s + v.value, 0);
        const newPatients = values.filter((v) => v.unit === unit && v.code === 'ACT_NEW' && v.period.startsWith(`${year}-Q`)).reduce((s, v) => s + v.value, 0);
        expect(events).withContext(`${unit} ${year}`).toBe(newPatients);
        expect(newPatients).toBeGreaterThan(0);
      }
    }
  });

  it('keeps yearly values within the plausible ranges of a CRP, minors at 10–25 % of new patients but for one explained event', async () => {
    const values = (await valuesOf(db.knex)).filter((v) => v.period < '2026' && v.unit !== 'CN2R');
    const sum = (unit: string, year: string, code: string, filter: (v: ValueRow) => boolean = () => true) =>
      values.filter((v) => v.unit === unit && v.code === code && v.period.startsWith(year) && filter(v)).reduce((s, v) => s + v.value, 0);
    const minor = (v: ValueRow) => v.option !== '18+';
    for (const unit of [...new Set(values.map((v) => v.unit))]) {
      for (const year of ['2023', '2024', '2025']) {
        const at = `${unit} ${year}`;
        expect(sum(unit, year, 'ACT_FA')).withContext(at).toBeGreaterThanOrEqual(300);
        expect(sum(unit, year, 'ACT_FA')).withContext(at).toBeLessThanOrEqual(1000);
        expect(sum(unit, year, 'ACT_NEW')).withContext(at).toBeGreaterThanOrEqual(150);
        expect(sum(unit, year, 'ACT_NEW')).withContext(at).toBeLessThanOrEqual(500);
        expect(sum(unit, year, 'ACT_CS')).withContext(at).toBeGreaterThanOrEqual(3000);
        expect(sum(unit, year, 'ACT_CS')).withContext(at).toBeLessThanOrEqual(11000);
        expect(sum(unit, year, 'FOR_SESS')).withContext(at).toBeGreaterThanOrEqual(10);
        expect(sum(unit, year, 'FOR_SESS')).withContext(at).toBeLessThanOrEqual(40);
        expect(sum(unit, year, 'FOR_PERS')).withContext(at).toBeGreaterThanOrEqual(200);
        expect(sum(unit, year, 'FOR_PERS')).withContext(at).toBeLessThanOrEqual(1000);
        const share = sum(unit, year, 'ACT_NEW', minor) / sum(unit, year, 'ACT_NEW');
        expect(share).withContext(at).toBeGreaterThanOrEqual(0.1);
        expect(share).withContext(at).toBeLessThanOrEqual(unit === 'CRP-PACA' && year === '2025' ? 0.4 : 0.25);
        const wait = sum(unit, `${year}-Q4`, 'ACT_WAIT_N');
        expect(wait).withContext(at).toBeGreaterThanOrEqual(50);
        expect(wait).withContext(at).toBeLessThanOrEqual(450);
      }
    }
    for (const v of values.filter((x) => x.code === 'ACT_WAIT_D')) {
      expect(v.value).withContext(`${v.unit} ${v.period} ${v.option}`).toBeGreaterThanOrEqual(30);
      expect(v.value).withContext(`${v.unit} ${v.period} ${v.option}`).toBeLessThanOrEqual(365);
    }
    // The two AP-HP centres and Lyon are the largest, Martinique the smallest.
    const newPatients = (unit: string) => sum(unit, '2025', 'ACT_NEW');
    const ranked = [...new Set(values.map((v) => v.unit))].sort((a, b) => newPatients(b) - newPatients(a));
    expect(ranked.slice(0, 3).sort()).toEqual(['CRP-ARA', 'CRP-IDF-CS', 'CRP-IDF-PN']);
    expect(ranked.at(-1)).toBe('CRP-MQ');
  });

  it('explains every value of a sent form more than 50 % away from the same period last year, and there are a few', async () => {
    const values = await valuesOf(db.knex);
    const byCell = new Map(values.map((v) => [`${v.unit}|${v.period}|${v.code}|${v.option ?? ''}`, v]));
    const flagged = values.filter((v) => {
      const reference = byCell.get(`${v.unit}|${samePeriodLastYear(v.period)}|${v.code}|${v.option ?? ''}`);
      return v.status !== 'draft' && reference !== undefined && outlierCheck(v.value, reference.value).flagged;
    });
    expect(flagged.length).toBeGreaterThanOrEqual(3);
    expect(flagged.filter((v) => !v.explanation).map((v) => `${v.unit} ${v.period} ${v.code} ${v.option ?? ''}`)).toEqual([]);
    expect(flagged.map((v) => v.code)).toEqual(jasmine.arrayContaining(['RES_PUB', 'NET_REF', 'ACT_ORIENT', 'ACT_WAIT_D', 'ACT_NEW']));
  });

  it('shows the current year in progress: one unit returned with a message, two late, one with more time, drafts under way', async () => {
    const current = (await submissionsOf(db.knex)).filter((s) => s.period.startsWith('2026'));
    const status = (unit: string, period: string) => current.find((s) => s.unit === unit && s.period === period)?.status ?? 'not_started';
    const crp = ['CRP-ARA', 'CRP-BFC', 'CRP-CVL', 'CRP-GE', 'CRP-HDF', 'CRP-IDF-CS', 'CRP-IDF-PN', 'CRP-MQ', 'CRP-OCC', 'CRP-PACA'];
    for (const unit of crp) {
      expect(status(unit, '2026-Q1')).withContext(unit).toBe('validated');
      expect(status(unit, '2026-Q2')).withContext(unit).toBe('validated');
    }
    const returned = current.filter((s) => s.status === 'returned');
    expect(returned.map((s) => [s.unit, s.period])).toEqual([['CRP-HDF', '2026-Q3']]);
    expect(returned[0].return_message).toMatch(/consultations de psychologues/);
    expect(returned[0].returned_at).not.toBeNull();

    const dueOf = new Map((await db.knex('campaign_periods').select('period', 'due_on')).map((p) => [p.period, p.due_on as string]));
    const extensions = await db.knex('campaign_extensions as x').join('units as u', 'u.id', 'x.unit_id').select('u.code', 'x.period', 'x.due_on');
    const late = crp.filter((unit) =>
      ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].some((period) => {
        const due = extensions.find((x) => x.code === unit && x.period === period)?.due_on ?? dueOf.get(period)!;
        return due < TODAY && ['not_started', 'draft'].includes(status(unit, period));
      }),
    );
    expect(late).toEqual(['CRP-CVL', 'CRP-GE']);
    expect(status('CRP-CVL', '2026-Q3')).toBe('not_started');
    expect(status('CRP-GE', '2026-Q3')).toBe('draft');
    expect(status('CRP-MQ', '2026-Q3')).toBe('draft');
    expect(current.filter((s) => s.period === '2026-Q3' && s.status === 'submitted').length).toBeGreaterThan(0);
    expect(current.filter((s) => s.period === '2026-Q4' && s.status === 'draft').length).toBeGreaterThanOrEqual(2);
    expect(current.filter((s) => s.period === '2026-Q4' && s.status !== 'draft')).toEqual([]);
    for (const s of current) expect(new Date(s.updated_at) < new Date(`${TODAY}T00:00:00Z`)).withContext(`${s.unit} ${s.period}`).toBeTrue();
  });

  it('records values as entered by the unit’s lead where there is one, else the coordination', async () => {
    const values = await valuesOf(db.knex);
    const editors = new Map<string, Set<string | null>>();
    for (const v of values) editors.set(v.unit, (editors.get(v.unit) ?? new Set()).add(v.updatedBy));
    expect([...editors.get('CRP-HDF')!]).toEqual(['lead.lille@demo.local']);
    expect([...editors.get('CRP-ARA')!]).toEqual(['lead.lyon@demo.local']);
    expect([...editors.get('CRP-OCC')!]).toEqual(['admin@demo.local']);
    expect([...editors.get('CN2R')!]).toEqual(['admin@demo.local']);
  });

  it('holds a couple of comment threads between the coordination and the leads', async () => {
    const comments = await db.knex('value_comments').orderBy('created_at');
    const threads = new Set(comments.map((c) => c.value_id));
    expect(threads.size).toBeGreaterThanOrEqual(2);
    expect(new Set(comments.map((c) => c.author_email))).toEqual(new Set(['admin@demo.local', 'lead.lille@demo.local', 'lead.lyon@demo.local']));
    for (const c of comments) expect(new Date(c.created_at) < new Date(`${TODAY}T00:00:00Z`)).toBeTrue();
  });

  it('is deterministic: another database seeded on the same day holds the same data', async () => {
    const other = await createTestDatabase();
    try {
      await seedDemo(other.knex, fakeHash, { today: TODAY });
      expect(await checksum(other.knex)).toBe(await checksum(db.knex));
    } finally {
      await other.drop();
    }
  }, 120_000);

  it('early in a year (nothing due yet): no late unit, no returned form, and the rules still hold', async () => {
    const other = await createTestDatabase();
    try {
      const summary = (await seedDemo(other.knex, fakeHash, { today: '2027-01-10' })).collection!;
      expect(summary.campaigns).toBe(4);
      const submissions = await submissionsOf(other.knex);
      expect(submissions.filter((s) => s.period.startsWith('2027'))).toEqual([]);
      expect(submissions.filter((s) => s.status !== 'validated')).toEqual([]);
      expect(submissions.filter((s) => s.kind === 'crp').length).toBe(10 * 3 * 5);
      const errors = (await ruleResults(other.knex)).flatMap((r) => r.failures.filter((f) => f.severity === 'error'));
      expect(errors).toEqual([]);
    } finally {
      await other.drop();
    }
  }, 120_000);
});
