import type { Knex } from 'knex';
import { AdminDashboard, BoardDashboard, MapDashboard, UnitLeadDashboard, theoreticalRateBp } from '@cn2r/shared';
import type { TestDatabase } from '../../testing/test-database.js';
import { TestClient, buildTestApp, createFixtureDatabase, signInFixtures, type Fixtures } from '../../testing/test-app.js';
import { parisToday } from '../../dates/calendar-date.js';
import type { App } from '../../app.js';
import { DashboardRepository } from './dashboard-repository.js';

/**
 * The dashboards through the API on a real PostgreSQL, on a small network whose every figure is
 * worked out by hand below (three units, 2024 and 2025, a budget and two people in 2025):
 *
 * ACT_FA (quarterly, by age, sum / sum)      A: 40 + 50 + 60 (Q4 empty) = 150, all validated
 *                                            B: Q1 100 validated, Q2 200 submitted → 300 (validated 100)
 *                                            C: Q1 25 validated
 *   network 2025: all 475, validated 275;    unit medians over validated 150, 100, 25 → 100
 * ACT_WAIT_D (quarterly, average / median)   A: 30, 40, 50 → 40; B: 61 validated, 90 submitted, 80 draft → 77 (validated 61); C: 21
 *   network median: all (40, 77, 21) → 40; validated (40, 61, 21) → 40
 * FOR_PERS (yearly, training, target 100)    A 70, B 41, C 10 → 121 validated, 12 100 bp of the target
 * ACT_CS (yearly)                            A 1 000, B 2 000 → 3 000
 * Budget 2025: paid 3 630,00 € (formation) + 1 000,00 € (animation du réseau) + 15 370,00 € (personnel) = 20 000,00 €.
 *
 * The workflow spec works on 2019 only, so that it cannot change the figures of 2025 whatever the order.
 */
describe('dashboards', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let finance: TestClient;
  let board: TestClient;
  let leadA: TestClient;
  let leadB: TestClient;
  let unitC: number;
  let unitD: number;
  let mig: number;
  let ministry: number;
  const ind: Record<string, number> = {};
  const opt: Record<string, number> = {};

  async function submission(knex: Knex, unitId: number, period: string, status: string, values: [code: string, option: string | null, value: number][]) {
    const [{ id }] = await knex('submissions')
      .insert({
        unit_id: unitId,
        period,
        status,
        submitted_at: status === 'submitted' || status === 'validated' ? `${period.slice(0, 4)}-12-01T10:00:00Z` : null,
        validated_at: status === 'validated' ? `${period.slice(0, 4)}-12-02T10:00:00Z` : null,
      })
      .returning('id');
    if (values.length > 0) {
      await knex('indicator_values').insert(values.map(([code, option, value]) => ({ submission_id: id, indicator_id: ind[code], option_id: option ? opt[option] : null, value_num: value })));
    }
    return id as number;
  }

  async function campaign(knex: Knex, year: number, status = 'open') {
    const [{ id }] = await knex('campaigns').insert({ year, label: `Campagne ${year}`, status }).returning('id');
    await knex('campaign_periods').insert(
      [...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), String(year)].map((period) => ({ campaign_id: id, period, opens_on: `${year}-01-01`, due_on: period.includes('Q') ? `${year}-12-15` : `${year + 1}-02-28` })),
    );
    return id as number;
  }

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase());
    const knex = db.knex;
    // Unit B of the fixtures opens on 2020-06-01; C and D are open all along.
    [{ id: unitC }] = await knex('units').insert({ code: 'CRP-C', name: 'CRP C', region: 'Martinique', kind: 'crp', opened_on: '2019-01-01' }).returning('id');
    [{ id: unitD }] = await knex('units').insert({ code: 'CRP-D', name: 'CRP D', region: 'Occitanie', kind: 'crp', opened_on: '2019-01-01' }).returning('id');

    const [{ id: dim }] = await knex('dimensions').insert({ code: 'AGE', label: 'Âge' }).returning('id');
    for (const [code, sort] of [['mineur', 1], ['adulte', 2]] as const) {
      [{ id: opt[code] }] = await knex('dimension_options').insert({ dimension_id: dim, code, label: code === 'mineur' ? 'Mineurs' : 'Adultes', sort_order: sort }).returning('id');
    }
    const common = { domain: 'activite_clinique', value_type: 'count', period_type: 'quarter', time_aggregation: 'sum', unit_aggregation: 'sum', active_from: '2019-01-01', required: false };
    for (const row of [
      { ...common, code: 'ACT_FA', label: 'File active', unit_of_measure: 'patients', dimension_id: dim, sort_order: 1 },
      { ...common, code: 'ACT_WAIT_D', label: 'Délai médian', value_type: 'days', unit_of_measure: 'jours', time_aggregation: 'average', unit_aggregation: 'median', sort_order: 2 },
      { ...common, code: 'ACT_CS', label: 'Consultations', unit_of_measure: 'consultations', period_type: 'year', sort_order: 3 },
      { ...common, code: 'FOR_PERS', label: 'Professionnels formés', domain: 'formation', unit_of_measure: 'participants', period_type: 'year', expected_result: 'training', sort_order: 4 },
    ]) {
      [{ id: ind[row.code] }] = await knex('indicators').insert(row).returning('id');
    }
    await knex('indicator_targets').insert({ indicator_code: 'FOR_PERS', year: 2025, target: 100 });
    await knex('consistency_rules').insert({ code: 'WAIT_60', label: 'Délai ≤ 60 jours', expression: 'ACT_WAIT_D <= 60', severity: 'warning', message: 'Le délai dépasse 60 jours.' });

    await campaign(knex, 2025);
    await campaign(knex, 2024, 'closed');
    const { unitA, unitB } = fx;
    await submission(knex, unitA, '2025-Q1', 'validated', [['ACT_FA', 'mineur', 10], ['ACT_FA', 'adulte', 30], ['ACT_WAIT_D', null, 30]]);
    await submission(knex, unitA, '2025-Q2', 'validated', [['ACT_FA', 'mineur', 20], ['ACT_FA', 'adulte', 30], ['ACT_WAIT_D', null, 40]]);
    await submission(knex, unitA, '2025-Q3', 'validated', [['ACT_FA', 'mineur', 10], ['ACT_FA', 'adulte', 50], ['ACT_WAIT_D', null, 50]]);
    await submission(knex, unitA, '2025-Q4', 'validated', []);
    await submission(knex, unitA, '2025', 'validated', [['FOR_PERS', null, 70], ['ACT_CS', null, 1000]]);
    await submission(knex, unitB, '2025-Q1', 'validated', [['ACT_FA', 'mineur', 50], ['ACT_FA', 'adulte', 50], ['ACT_WAIT_D', null, 61]]);
    const bQ2 = await submission(knex, unitB, '2025-Q2', 'submitted', [['ACT_FA', 'mineur', 100], ['ACT_FA', 'adulte', 100], ['ACT_WAIT_D', null, 90]]);
    await submission(knex, unitB, '2025-Q3', 'draft', [['ACT_WAIT_D', null, 80]]);
    await submission(knex, unitB, '2025', 'validated', [['FOR_PERS', null, 41], ['ACT_CS', null, 2000]]);
    await submission(knex, unitC, '2025-Q1', 'validated', [['ACT_FA', 'mineur', 5], ['ACT_FA', 'adulte', 20], ['ACT_WAIT_D', null, 21]]);
    await submission(knex, unitC, '2025', 'validated', [['FOR_PERS', null, 10]]);
    // Last year: A's minors of Q1 double (+100 %), B's consultations come from 0; the rest moves less than 50 %.
    await submission(knex, unitA, '2024-Q1', 'validated', [['ACT_FA', 'mineur', 5], ['ACT_FA', 'adulte', 30], ['ACT_WAIT_D', null, 25]]);
    await submission(knex, unitA, '2024', 'validated', [['FOR_PERS', null, 70]]);
    await submission(knex, unitB, '2024', 'validated', [['ACT_CS', null, 0]]);
    const rule = await knex('consistency_rules').where({ code: 'WAIT_60' }).first('id');
    await knex('rule_explanations').insert({ submission_id: bQ2, rule_id: rule.id, explanation: 'Départ d’un psychiatre au printemps.' });

    // Budget 2025.
    await knex('fiscal_years').insert({ year: 2025 });
    [{ id: mig }] = await knex('funding_sources').insert({ code: 'MIG_H15', label: 'MIG H15', funder: 'DGOS', nature: 'mig' }).returning('id');
    [{ id: ministry }] = await knex('funding_sources').insert({ code: 'MIN_SANTE', label: 'Ministère de la Santé', funder: 'DGS', nature: 'subsidy' }).returning('id');
    const [{ id: decision }] = await knex('budget_decisions').insert({ year: 2025, kind: 'initial', code: 'BI-2025', decided_on: '2025-01-10' }).returning('id');
    const line = async (code: string, envelope: string, missionArea: string, source: number, open: number, committed: number, paid: number) => {
      const [{ id }] = await knex('budget_lines').insert({ year: 2025, code, label: `Ligne ${code}`, envelope, mission_area: missionArea, funding_source_id: source }).returning('id');
      await knex('budget_decision_entries').insert({ decision_id: decision, line_id: id, ae_delta_cents: open, cp_delta_cents: open });
      return { id: id as number, committed, paid, code };
    };
    const lines = [
      await line('FOR', 'fonctionnement', 'formation', mig, 1_000_000, 600_000, 363_000),
      await line('NET', 'fonctionnement', 'animation_reseau', mig, 500_000, 200_000, 100_000),
      await line('PERS', 'personnel', 'support', ministry, 2_000_000, 2_000_000, 1_537_000),
    ];
    await knex('budget_decisions').where({ id: decision }).update({ status: 'adopted', adopted_at: '2025-01-10T18:00:00Z' });
    for (const l of lines) {
      const [{ id: commitment }] = await knex('commitments').insert({ line_id: l.id, committed_on: '2025-02-01', third_party: 'Tiers', object: 'Objet', reference: `CT-${l.code}`, amount_cents: l.committed }).returning('id');
      await knex('payments').insert({ line_id: l.id, paid_on: '2025-03-01', commitment_id: commitment, kind: 'invoice', reference: `P-${l.code}`, amount_cents: l.paid });
    }
    const pers = lines[2].id;

    app = buildTestApp(db);
    ({ admin, finance, board, leadA, leadB } = await signInFixtures(app.app, fx, 'admin', 'finance', 'board', 'leadA', 'leadB'));

    // Staff 2025: one person at 80 % on the ministry until June then on the MIG; a psychiatrist (MIG post) from 16 March.
    const member = async (name: string) => {
      const res = await finance.post('/api/staff/members', { name, category: 'medical', employerLabel: 'CN2R', employerKind: 'grouping', status: 'own' });
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
      return res.body.id as number;
    };
    const alloc = (fromOn: string, toOn: string | null, fundingSourceId: number) => ({ fromOn, toOn, shareBp: 10_000, budgetLineId: pers, fundingSourceId, missionArea: 'support' });
    const assign = async (memberId: number, body: Record<string, unknown>) => {
      const res = await finance.post(`/api/staff/members/${memberId}/assignments`, { positionLabel: 'Poste', migPost: null, ...body });
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
    };
    await assign(await member('Personne Un'), {
      startOn: '2025-01-01',
      endOn: '2025-12-31',
      quotiteBp: 8_000,
      annualCostCents: 5_000_000,
      allocations: [alloc('2025-01-01', '2025-06-30', ministry), alloc('2025-07-01', '2025-12-31', mig)],
    });
    await assign(await member('Dr Deux'), { startOn: '2025-03-16', endOn: '2025-12-31', quotiteBp: 10_000, annualCostCents: 12_000_000, migPost: 'psychiatrist', allocations: [alloc('2025-03-16', '2025-12-31', mig)] });
  });
  afterAll(() => db.drop());

  const point = (series: { code: string; points: { year: number }[] }[], code: string, year: number): Record<string, unknown> | undefined =>
    series.find((s) => s.code === code)!.points.find((p) => p.year === year);

  it('unit lead: the campaign of their unit, its key indicators against the network median of validated values, its warnings', async () => {
    const res = await leadB.get(`/api/dashboards/unit-lead?year=2025&unitId=${fx.unitB}`);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    expect(d.unit).toEqual({ id: fx.unitB, code: 'CRP-B', name: 'CRP B', region: 'Région B', kind: 'crp' });
    expect(d.campaign).toEqual(jasmine.objectContaining({ label: 'Campagne 2025', status: 'open' }));
    expect(d.periods.map((p: { period: string; status: string; late: boolean; dueOn: string }) => [p.period, p.status, p.late, p.dueOn])).toEqual([
      ['2025-Q1', 'validated', false, '2025-12-15'],
      ['2025-Q2', 'submitted', false, '2025-12-15'],
      ['2025-Q3', 'draft', true, '2025-12-15'],
      ['2025', 'validated', false, '2026-02-28'],
      ['2025-Q4', 'not_started', true, '2025-12-15'],
    ]);
    const q3 = d.periods.find((p: { period: string }) => p.period === '2025-Q3');
    const today = parisToday();
    expect(q3.daysLeft).toBe(Math.round((Date.parse('2025-12-15') - Date.parse(today)) / 86_400_000));
    expect(d.periods[0].daysLeft).toBeNull();

    expect(d.keyIndicators.map((k: { code: string }) => k.code)).toEqual(['ACT_FA', 'ACT_CS', 'ACT_WAIT_D', 'FOR_PERS']);
    expect(point(d.keyIndicators, 'ACT_FA', 2025)).toEqual({ year: 2025, value: 300, validated: false, networkMedian: 100, networkUnits: 3 });
    expect(point(d.keyIndicators, 'ACT_WAIT_D', 2025)).toEqual({ year: 2025, value: 77, validated: false, networkMedian: 40, networkUnits: 3 });
    expect(point(d.keyIndicators, 'FOR_PERS', 2025)).toEqual({ year: 2025, value: 41, validated: true, networkMedian: 41, networkUnits: 3 });
    expect(point(d.keyIndicators, 'ACT_FA', 2024)).toEqual({ year: 2024, value: null, validated: false, networkMedian: 35, networkUnits: 1 });
    expect(d.keyIndicators[0].points.map((p: { year: number }) => p.year)).toEqual([2021, 2022, 2023, 2024, 2025]);

    expect(d.warnings).toEqual([
      { kind: 'rule', period: '2025-Q2', periodLabel: '2e trimestre 2025', code: 'WAIT_60', optionCode: null, message: 'Le délai dépasse 60 jours.', explanation: 'Départ d’un psychiatre au printemps.', toExplain: false },
      { kind: 'rule', period: '2025-Q3', periodLabel: '3e trimestre 2025', code: 'WAIT_60', optionCode: null, message: 'Le délai dépasse 60 jours.', explanation: null, toExplain: true },
      jasmine.objectContaining({ kind: 'outlier', period: '2025', code: 'ACT_CS', optionCode: null, toExplain: true }),
    ]);
  });

  it('unit lead: only the lead of the unit and the coordination; French 422 on a bad query', async () => {
    expect((await leadA.get(`/api/dashboards/unit-lead?year=2025&unitId=${fx.unitB}`)).status).toBe(403);
    expect((await admin.get(`/api/dashboards/unit-lead?year=2025&unitId=${fx.unitB}`)).status).toBe(200);
    expect((await finance.get(`/api/dashboards/unit-lead?year=2025&unitId=${fx.unitA}`)).status).toBe(403);
    expect((await board.get(`/api/dashboards/unit-lead?year=2025&unitId=${fx.unitA}`)).status).toBe(403);
    expect((await new TestClient(app.app).get(`/api/dashboards/unit-lead?year=2025&unitId=${fx.unitA}`)).status).toBe(401);
    expect((await admin.get('/api/dashboards/unit-lead?year=2025&unitId=999999')).status).toBe(404);
    const bad = await leadA.get(`/api/dashboards/unit-lead?year=deux-mille&unitId=${fx.unitA}`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toContain(jasmine.objectContaining({ path: 'year', message: 'Année attendue.' }));
  });

  it('admin: completeness heat map, late units, outliers, network totals (all and validated), expected results, filters', async () => {
    const res = await admin.get('/api/dashboards/admin?year=2025');
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    expect(d.units.map((u: { code: string }) => u.code)).toEqual(['CRP A', 'CRP B', 'CRP C', 'CRP D'].map((n) => n.replace(' ', '-')));
    // 4 units × 5 periods, all expected; A 5 validated, B 2 validated + 1 submitted + 1 draft, C 2 validated.
    expect(d.completeness).toEqual(jasmine.objectContaining({ expected: 20, validated: 9, submitted: 1, returned: 0, draft: 1, notStarted: 9 }));
    expect(d.completeness.cells.length).toBe(20);
    const lateB = d.lateUnits.find((u: { code: string }) => u.code === 'CRP-B');
    expect(lateB.periods).toEqual(['2025-Q3', '2025-Q4']);
    expect(lateB.daysLate).toBe(Math.round((Date.parse(parisToday()) - Date.parse('2025-12-15')) / 86_400_000));

    expect(d.outlierThresholdPercent).toBe(50);
    expect(d.outliers.map((o: { unitName: string; period: string; indicatorCode: string; optionCode: string | null; value: number; lastYearValue: number; changeBp: number | null }) => [o.unitName, o.period, o.indicatorCode, o.optionCode, o.value, o.lastYearValue, o.changeBp])).toEqual([
      ['CRP B', '2025', 'ACT_CS', null, 2000, 0, null],
      ['CRP A', '2025-Q1', 'ACT_FA', 'mineur', 10, 5, 10_000],
    ]);
    expect(d.outliersTotal).toBe(2);
    // Past the limit, the first ones in the same order, and the count of all of them.
    const firstOnly = await new DashboardRepository().outliers(db.knex, 2025, 50, { limit: 1 });
    expect(firstOnly.rows.map((o) => [o.unitName, o.period])).toEqual([['CRP B', '2025']]);
    expect(firstOnly.total).toBe(2);
    expect((await new DashboardRepository().outliers(db.knex, 2025, 50, { limit: 1, unitIds: [unitC] })).total).toBe(0);

    expect(point(d.networkTotals, 'ACT_FA', 2025)).toEqual({ year: 2025, value: 475, validatedValue: 275, units: 3, validatedUnits: 3 });
    expect(point(d.networkTotals, 'ACT_WAIT_D', 2025)).toEqual({ year: 2025, value: 40, validatedValue: 40, units: 3, validatedUnits: 3 });
    expect(point(d.networkTotals, 'ACT_FA', 2024)).toEqual({ year: 2024, value: 35, validatedValue: 35, units: 1, validatedUnits: 1 });
    const training = d.expectedResults.find((r: { expectedResult: string }) => r.expectedResult === 'training');
    expect(training.indicators).toEqual([jasmine.objectContaining({ code: 'FOR_PERS', target: 100, actual: 121, achievementBp: 12_100 })]);
    expect(d.expectedResults.map((r: { expectedResult: string }) => r.expectedResult)).toEqual(['mapping', 'network', 'good_practice', 'training']);

    const filteredRes = await admin.get(`/api/dashboards/admin?year=2025&unitIds=${fx.unitA},${unitC}&period=2025-Q1`);
    expect(filteredRes.status).withContext(JSON.stringify(filteredRes.body)).toBe(200);
    const filtered = filteredRes.body;
    expect(filtered.units.map((u: { id: number }) => u.id)).toEqual([fx.unitA, unitC]);
    expect(filtered.completeness.cells.map((c: { unitId: number; period: string }) => [c.unitId, c.period])).toEqual([
      [fx.unitA, '2025-Q1'],
      [unitC, '2025-Q1'],
    ]);
    expect(filtered.outliers.length).toBe(1);
    expect(point(filtered.networkTotals, 'ACT_FA', 2025)).toEqual({ year: 2025, value: 175, validatedValue: 175, units: 2, validatedUnits: 2 });
    const byDomain = (await admin.get('/api/dashboards/admin?year=2025&domain=formation')).body;
    expect(byDomain.networkTotals.map((n: { code: string }) => n.code)).toEqual(['FOR_PERS']);

    for (const client of [leadA, finance, board]) expect((await client.get('/api/dashboards/admin?year=2025')).status).toBe(403);
    const bad = await admin.get('/api/dashboards/admin?year=2025&unitIds=1,x');
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].message).toBe('Centre : identifiant invalide.');
  });

  it('finance: execution by envelope, funding source and line with the theoretical line, MIG posts, FTE per funder and month', async () => {
    const res = await finance.get('/api/dashboards/finance?year=2025&asOf=2025-06-30');
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    expect(d.theoreticalRateBp).toBe(theoreticalRateBp('2025-06-30', 2025));
    expect(d.theoreticalRateBp).toBe(4_959);
    expect(d.total).toEqual(
      jasmine.objectContaining({ openAeCents: 3_500_000, openCpCents: 3_500_000, committedCents: 2_800_000, paidCents: 2_000_000, theoreticalPaidCents: 1_735_650, aeRateBp: 8_000, cpRateBp: 5_714 }),
    );
    expect(d.byEnvelope.map((e: { key: string; paidCents: number }) => [e.key, e.paidCents])).toEqual([
      ['personnel', 1_537_000],
      ['fonctionnement', 463_000],
    ]);
    expect(d.byFundingSource.map((e: { key: string; openCpCents: number; theoreticalPaidCents: number }) => [e.key, e.openCpCents, e.theoreticalPaidCents])).toEqual([
      ['MIG_H15', 1_500_000, 743_850],
      ['MIN_SANTE', 2_000_000, 991_800],
    ]);
    expect(d.lines.length).toBe(3);
    expect(d.total.forecastPaidCents).toBe(d.lines.reduce((s: number, l: { forecastPaidCents: number }) => s + l.forecastPaidCents, 0));
    // The totals are those of the budget's own execution page.
    const execution = (await finance.get('/api/budget/2025/execution?asOf=2025-06-30')).body;
    expect([d.total.openCpCents, d.total.paidCents, d.total.committedCents]).toEqual([execution.total.openCpCents, execution.total.paidCents, execution.total.committedCents]);

    expect(d.migPosts.find((p: { post: string }) => p.post === 'psychiatrist')).toEqual({ post: 'psychiatrist', label: 'Psychiatre', fundedEtp: 1, actualEtpt: { num: 291, den: 365, display: '0,80' }, vacancyDays: 74 });
    const fte = (month: string, source: number) => d.fteByFunder.find((r: { month: string; fundingSourceId: number }) => r.month === month && r.fundingSourceId === source)?.etpBp;
    expect(fte('2025-01', ministry)).toBe(8_000);
    expect(fte('2025-01', mig)).toBeUndefined();
    expect(fte('2025-03', mig)).toBe(5_161); // 16 days of 31 at 100 %
    expect(fte('2025-07', mig)).toBe(18_000);
    expect(fte('2025-07', ministry)).toBeUndefined();

    const filtered = (await board.get(`/api/dashboards/finance?year=2025&asOf=2025-06-30&fundingSourceId=${ministry}`)).body;
    expect(filtered.fundingSourceId).toBe(ministry);
    expect(filtered.total).toEqual(jasmine.objectContaining({ openCpCents: 2_000_000, paidCents: 1_537_000 }));
    // The board reads the personnel line of two people as its funder's merged group, with its head count.
    expect(filtered.lines.map((l: { key: string; headcount?: number }) => [l.key, l.headcount])).toEqual([['PERSONNEL-MIN_SANTE', 2]]);
    expect(filtered.staffCostNote).toContain('au moins 3 personnes');
    expect(filtered.fteByFunder.every((r: { fundingSourceId: number }) => r.fundingSourceId === ministry)).toBeTrue();

    expect((await admin.get('/api/dashboards/finance?year=2025')).status).toBe(200);
    expect((await leadA.get('/api/dashboards/finance?year=2025')).status).toBe(403);
    expect((await finance.get('/api/dashboards/finance?year=2031')).status).toBe(404);
  });

  it('board: key figures against last year from validated values, trends, budget, report links', async () => {
    const res = await board.get('/api/dashboards/board?year=2025');
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    const figure = (key: string) => d.keyFigures.find((f: { key: string }) => f.key === key);
    expect(figure('ACT_FA')).toEqual({ key: 'ACT_FA', label: 'File active', kind: 'indicator', unitOfMeasure: 'patients', value: 275, previousValue: 35, changeBp: 68_571, change: { unit: 'percent', bp: 68_571 } });
    expect(d.comparison).toEqual({ complete: true, periods: ['2025'], previousPeriods: ['2024'], currentLabel: '2025', previousLabel: '2024', label: '2025 contre 2024' });
    expect(figure('FOR_PERS')).toEqual(jasmine.objectContaining({ value: 121, previousValue: 70, changeBp: 7_286 }));
    expect(figure('paid_cp')).toEqual(jasmine.objectContaining({ kind: 'cents', value: 2_000_000, previousValue: null, changeBp: null }));
    // 0,80 ETPT + 291/365 ETPT = 1,5973 ETPT.
    expect(figure('etpt')).toEqual(jasmine.objectContaining({ kind: 'etp_bp', value: 15_973, previousValue: null }));
    expect(point(d.activityTrends, 'ACT_FA', 2025)).toEqual({ year: 2025, value: 275, units: 3 });
    expect(d.budget.total).toEqual(jasmine.objectContaining({ paidCents: 2_000_000, openCpCents: 3_500_000 }));
    // The two newest years (2019 joins them when the workflow spec has run).
    expect(d.annualReports.slice(0, 4).map((r: { year: number; kind: string; url: string }) => [r.year, r.kind, r.url])).toEqual([
      [2025, 'activity', '/rapports?annee=2025'],
      [2025, 'financial', '/rapports?annee=2025'],
      [2024, 'activity', '/rapports?annee=2024'],
      [2024, 'financial', '/rapports?annee=2024'],
    ]);
    expect((await admin.get('/api/dashboards/board?year=2025')).status).toBe(200);
    expect((await finance.get('/api/dashboards/board?year=2025')).status).toBe(403);
    expect((await leadA.get('/api/dashboards/board?year=2025')).status).toBe(403);
    const none = (await board.get('/api/dashboards/board?year=2030')).body;
    expect(none.budget).toBeNull();
  });

  it('map: every unit with its region code and validated key figures, for every signed-in user', async () => {
    const res = await leadA.get('/api/dashboards/map?year=2025');
    expect(res.status).toBe(200);
    const unit = (id: number) => res.body.units.find((u: { id: number }) => u.id === id);
    const figures = (id: number) => Object.fromEntries(unit(id).keyFigures.map((f: { code: string; value: number | null }) => [f.code, f.value]));
    expect(figures(fx.unitA)).toEqual({ ACT_FA: 150, ACT_CS: 1000, ACT_WAIT_D: 40, FOR_PERS: 70 });
    expect(figures(fx.unitB)).toEqual({ ACT_FA: 100, ACT_CS: 2000, ACT_WAIT_D: 61, FOR_PERS: 41 });
    expect(unit(unitC)).toEqual(jasmine.objectContaining({ region: 'Martinique', regionCode: '02', openedOn: '2019-01-01', closedOn: null, openInYear: true }));
    expect(unit(fx.unitA).regionCode).toBeNull();
    expect((await new TestClient(app.app).get('/api/dashboards/map?year=2025')).status).toBe(401);
  });

  it('cost per activity: each destination’s CP divided by the CN2R’s own outputs of that destination, the rest left out with why, each euro once; the CN2R beside the network, never added', async () => {
    const res = await board.get('/api/dashboards/cost-per-activity?year=2025');
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    type Area = { missionArea: string; spentCents: number; output: { code: string } | null; volume: number | null; centsPerUnit: number | null; leftOut: string | null };
    const area = (body: { byMissionArea: Area[] }, key: string) => body.byMissionArea.find((a) => a.missionArea === key)!;
    // No output of the CN2R yet: nothing is divided — not by the centres' patients, consultations or trainees (121).
    expect(res.body).toEqual(jasmine.objectContaining({ year: 2025, spentCents: 2_000_000, attributedCents: 0, leftOutCents: 2_000_000 }));
    expect(area(res.body, 'formation')).toEqual(jasmine.objectContaining({ spentCents: 363_000, output: { code: 'CN2R_FOR_PERS', label: 'Personne formée par le CN2R' }, volume: null, centsPerUnit: null, leftOut: 'no_validated_volume' }));
    expect(area(res.body, 'animation_reseau')).toEqual(jasmine.objectContaining({ spentCents: 100_000, volume: null, leftOut: 'no_validated_volume' }));
    expect(area(res.body, 'support')).toEqual(jasmine.objectContaining({ spentCents: 1_537_000, output: null, centsPerUnit: null, leftOut: 'no_measured_output' }));
    expect(area(res.body, 'recherche')).toEqual(jasmine.objectContaining({ spentCents: 0, leftOut: 'no_validated_volume' }));

    // The CN2R reports 40 people trained (validated) and no meeting: 3 630,00 € / 40 = 90,75 €; network animation, with no validated output, stays left out (1 000,00 €).
    const knex = db.knex;
    const [{ id: cn2r }] = await knex('units').insert({ code: 'CN2R-T', name: 'CN2R', region: 'Hauts-de-France', kind: 'cn2r', opened_on: '2019-01-01' }).returning('id');
    const cn2rCommon = { domain: 'formation', value_type: 'count', period_type: 'year', time_aggregation: 'sum', unit_aggregation: 'sum', active_from: '2019-01-01', required: false, unit_kind: 'cn2r', sort_order: 9 };
    [{ id: ind.CN2R_FOR_PERS }] = await knex('indicators').insert({ ...cn2rCommon, code: 'CN2R_FOR_PERS', label: 'Personnes formées par le CN2R', unit_of_measure: 'participants', expected_result: 'training', network_counterpart_code: 'FOR_PERS' }).returning('id');
    [{ id: ind.CN2R_NET_MEET }] = await knex('indicators').insert({ ...cn2rCommon, domain: 'reseau', code: 'CN2R_NET_MEET', label: 'Réunions du réseau animées par le CN2R', unit_of_measure: 'réunions' }).returning('id');
    const validated = await submission(knex, cn2r, '2025', 'validated', [['CN2R_FOR_PERS', null, 40]]);
    // Last year's form is only submitted: its 30 people count nowhere.
    const pending = await submission(knex, cn2r, '2024', 'submitted', [['CN2R_FOR_PERS', null, 30]]);
    try {
      const after = (await finance.get('/api/dashboards/cost-per-activity?year=2025')).body;
      expect(area(after, 'formation')).toEqual(jasmine.objectContaining({ spentCents: 363_000, volume: 40, centsPerUnit: 9_075, leftOut: null }));
      expect(area(after, 'animation_reseau')).toEqual(jasmine.objectContaining({ volume: null, leftOut: 'no_validated_volume' }));
      expect(after).toEqual(jasmine.objectContaining({ spentCents: 2_000_000, attributedCents: 363_000, leftOutCents: 1_637_000 }));
      // The board: the centres' 121 (not 161), the CN2R's 40 right after it, each labelled.
      const keyFigures = (await board.get('/api/dashboards/board?year=2025')).body.keyFigures as { key: string; label: string; value: number | null }[];
      const at = keyFigures.findIndex((f) => f.key === 'FOR_PERS');
      expect(keyFigures[at]).toEqual(jasmine.objectContaining({ label: 'Professionnels formés (centres du réseau)', value: 121 }));
      expect(keyFigures[at + 1]).toEqual(jasmine.objectContaining({ key: 'CN2R_FOR_PERS', label: 'Personnes formées par le CN2R', value: 40, previousValue: null }));
      // The coordination's expected result « training »: the centres' and the CN2R's side by side.
      const training = ((await admin.get('/api/dashboards/admin?year=2025')).body.expectedResults as { expectedResult: string; indicators: { code: string; actual: number | null }[] }[]).find((r) => r.expectedResult === 'training')!;
      expect(training.indicators.map((i) => [i.code, i.actual])).toEqual([['FOR_PERS', 121], ['CN2R_FOR_PERS', 40]]);
      expect((training.indicators as unknown as { label: string }[]).map((i) => i.label)).toEqual(['Professionnels formés (centres du réseau)', 'Personnes formées par le CN2R']);
    } finally {
      await knex('indicator_values').whereIn('submission_id', [validated, pending]).delete();
      await knex('submissions').whereIn('id', [validated, pending]).delete();
      await knex('indicators').whereIn('id', [ind.CN2R_FOR_PERS, ind.CN2R_NET_MEET]).delete();
      await knex('units').where({ id: cn2r }).delete();
    }
    expect((await admin.get('/api/dashboards/cost-per-activity?year=2025')).status).toBe(200);
    expect((await leadA.get('/api/dashboards/cost-per-activity?year=2025')).status).toBe(403);
    expect((await board.get('/api/dashboards/cost-per-activity?year=2031')).status).toBe(404);
  });

  it('shows a value validated a second ago at once, and a correction after validation in the recent changes', async () => {
    const knex = db.knex;
    await campaign(knex, 2019);
    await submission(knex, unitD, '2019-Q1', 'submitted', [['ACT_FA', 'mineur', 3], ['ACT_FA', 'adulte', 9]]);
    const before = (await board.get('/api/dashboards/board?year=2019')).body;
    expect(before.keyFigures.find((f: { key: string }) => f.key === 'ACT_FA').value).toBeNull();
    expect(point((await admin.get('/api/dashboards/admin?year=2019')).body.networkTotals, 'ACT_FA', 2019)).toEqual({ year: 2019, value: 12, validatedValue: null, units: 1, validatedUnits: 0 });

    const form = `/api/units/${unitD}/forms/2019-Q1`;
    const { version } = await knex('submissions').where({ unit_id: unitD, period: '2019-Q1' }).first('version');
    expect((await admin.post(`${form}/validate`, { version })).status).toBe(200);
    const after = (await board.get('/api/dashboards/board?year=2019')).body;
    expect(after.keyFigures.find((f: { key: string }) => f.key === 'ACT_FA').value).toBe(12);
    expect((await leadA.get('/api/dashboards/map?year=2019')).body.units.find((u: { id: number }) => u.id === unitD).keyFigures[0]).toEqual(jasmine.objectContaining({ code: 'ACT_FA', value: 12 }));

    // Reopened and corrected: listed at once as a change after validation, but the board reads the
    // last validated value until the coordination validates the correction.
    const value = await knex('indicator_values').where({ indicator_id: ind.ACT_FA, option_id: opt.adulte }).whereIn('submission_id', knex('submissions').where({ unit_id: unitD }).select('id')).first('id', 'version');
    const reopened = await admin.post(`${form}/values/${value.id}/reopen`, { reason: 'Erreur signalée par le centre' });
    expect(reopened.status).toBe(200);
    const corrected = await admin.send('put', `${form}/values`, { indicatorId: ind.ACT_FA, optionId: opt.adulte, value: 19, version: reopened.body.version });
    expect(corrected.status).withContext(JSON.stringify(corrected.body)).toBe(200);
    const boardFigure = async () => (await board.get('/api/dashboards/board?year=2019')).body.keyFigures.find((f: { key: string }) => f.key === 'ACT_FA').value;
    expect(await boardFigure()).toBe(12);
    const changes = (await admin.get('/api/dashboards/admin?year=2019')).body.recentChanges;
    expect(changes.map((c: { action: string; unitId: number; period: string; indicatorCode: string; optionCode: string; before: unknown; after: unknown; reason: string | null }) => [c.action, c.unitId, c.period, c.indicatorCode, c.optionCode, c.before, c.after, c.reason])).toEqual([
      ['value.updated', unitD, '2019-Q1', 'ACT_FA', 'adulte', 9, 19, null],
      ['value.reopened', unitD, '2019-Q1', 'ACT_FA', 'adulte', 9, 9, 'Erreur signalée par le centre'],
    ]);
    expect(changes[0].actor).toBe('admin'); // the display name, not the e-mail
    const { version: changed } = await knex('submissions').where({ unit_id: unitD, period: '2019-Q1' }).first('version');
    expect((await admin.post(`${form}/validate`, { version: changed })).status).toBe(200);
    expect(await boardFigure()).toBe(22);
  });
});

/**
 * Disaggregated indicators whose options do not add up, on a database of their own (the figures
 * above stay as they are). Split adult / minor (`PUBLIC`: Adultes, Mineurs); every value validated
 * but A's 2024-Q2 (submitted):
 *
 * ACT_WAIT_D (days, quarterly, average / median; options_additive left out → false, from the type)
 *   No total — one figure per option, `ACT_WAIT_D[adulte]`, `ACT_WAIT_D[mineur]`, never the median
 *   of the summed medians (the old sum gave A (130 + 160) / 2 = 145, B 130, C 220 → a « delay »
 *   of 145 days that no patient waited):
 *   2025  A: adult Q1 40, Q2 50 → 45; minor Q1 90, Q2 110 → 100
 *         B: adult Q1 60; minor Q1 70           C: adult Q1 20; minor Q1 200
 *         adult median (45, 60, 20) → 45 (3 units); minor median (100, 70, 200) → 100 (3 units)
 *   2024  A: adult Q1 30, Q2 40 submitted → all 35, validated 30; minor Q1 80, Q2 100 submitted → all 90, validated 80
 *         B: adult Q1 50; minor Q1 60           C: adult Q1 26 (no minor)
 *         adult: all (35, 50, 26) → 35, validated (30, 50, 26) → 30 (3 units)
 *         minor: all (90, 60) → 75, validated (80, 60) → 70 (2 units)
 *   2023  C: 33 entered without option (a revision without disaggregation) → counts as ACT_WAIT_D itself
 *   board: adult 45 vs 30 → +5 000 bp; minor 100 vs 70 → 30 / 70 = +4 285.7 → +4 286 bp
 * ACT_FA (count, quarterly, sum / sum; options add up: a key indicator kept whole)
 *   2025  A: Q1 10 + 5, Q2 7 → 22; B: Q1 8 → 8; network 30, median (22, 8) → 15
 *   2024  A: Q1 6 + 4 → 10; network 10, median 10; board 30 vs 10 → +20 000 bp
 * ACT_WAIT_N (count, quarterly, last / sum; options_additive left out → true)
 *   A: Q1 100 + 20, Q2 120 + 30 → last quarter's total 150;  B: Q1 80 + 10, Q2 70 + nothing → 70
 *   network: 150 + 70 = 220 (not B's last adult + last minor 70 + 10).
 * HOSP_D (days, yearly, sum / sum, options_additive true: days of stay add up)  A: 3 + 4 → 7; B: 5 → 12
 * VIOL (count, yearly, sum / sum, options_additive false: non-exclusive options) A: 5 + 6 → no total,
 *   one figure per option: adult 5, minor 6
 */
describe('dashboards: disaggregated indicators whose options do not add up', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let unitC: number;
  const ind: Record<string, number> = {};
  const opt: Record<string, number> = {};

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase());
    const knex = db.knex;
    [{ id: unitC }] = await knex('units').insert({ code: 'CRP-C', name: 'CRP C', region: 'Martinique', kind: 'crp', opened_on: '2019-01-01' }).returning('id');
    const [{ id: dim }] = await knex('dimensions').insert({ code: 'PUBLIC', label: 'Public' }).returning('id');
    for (const [code, sort] of [['adulte', 1], ['mineur', 2]] as const) {
      [{ id: opt[code] }] = await knex('dimension_options').insert({ dimension_id: dim, code, label: code === 'adulte' ? 'Adultes' : 'Mineurs', sort_order: sort }).returning('id');
    }
    const common = { domain: 'activite_clinique', period_type: 'quarter', unit_aggregation: 'sum', active_from: '2019-01-01', required: false, dimension_id: dim };
    for (const row of [
      { ...common, code: 'ACT_WAIT_D', label: 'Délai médian', value_type: 'days', unit_of_measure: 'jours', time_aggregation: 'average', unit_aggregation: 'median', sort_order: 1 },
      { ...common, code: 'ACT_WAIT_N', label: 'Liste d’attente', value_type: 'count', unit_of_measure: 'personnes', time_aggregation: 'last', sort_order: 2 },
      { ...common, code: 'HOSP_D', label: 'Journées d’hospitalisation', value_type: 'days', period_type: 'year', time_aggregation: 'sum', options_additive: true, sort_order: 3 },
      { ...common, code: 'VIOL', label: 'Patients par violence subie', value_type: 'count', period_type: 'year', time_aggregation: 'sum', options_additive: false, sort_order: 4 },
      { ...common, code: 'ACT_FA', label: 'File active', value_type: 'count', unit_of_measure: 'patients', time_aggregation: 'sum', sort_order: 5 },
    ]) {
      [{ id: ind[row.code] }] = await knex('indicators').insert(row).returning('id');
    }
    const submission = async (unitId: number, period: string, values: [code: string, option: 'adulte' | 'mineur' | null, value: number][], status = 'validated') => {
      const [{ id }] = await knex('submissions')
        .insert({ unit_id: unitId, period, status, submitted_at: `${period.slice(0, 4)}-12-01T10:00:00Z`, validated_at: status === 'validated' ? `${period.slice(0, 4)}-12-02T10:00:00Z` : null })
        .returning('id');
      await knex('indicator_values').insert(values.map(([code, option, value]) => ({ submission_id: id, indicator_id: ind[code], option_id: option ? opt[option] : null, value_num: value })));
    };
    const { unitA, unitB } = fx;
    await submission(unitA, '2025-Q1', [['ACT_WAIT_D', 'adulte', 40], ['ACT_WAIT_D', 'mineur', 90], ['ACT_WAIT_N', 'adulte', 100], ['ACT_WAIT_N', 'mineur', 20], ['ACT_FA', 'adulte', 10], ['ACT_FA', 'mineur', 5]]);
    await submission(unitA, '2025-Q2', [['ACT_WAIT_D', 'adulte', 50], ['ACT_WAIT_D', 'mineur', 110], ['ACT_WAIT_N', 'adulte', 120], ['ACT_WAIT_N', 'mineur', 30], ['ACT_FA', 'adulte', 7]]);
    await submission(unitA, '2025', [['HOSP_D', 'adulte', 3], ['HOSP_D', 'mineur', 4], ['VIOL', 'adulte', 5], ['VIOL', 'mineur', 6]]);
    await submission(unitB, '2025-Q1', [['ACT_WAIT_D', 'adulte', 60], ['ACT_WAIT_D', 'mineur', 70], ['ACT_WAIT_N', 'adulte', 80], ['ACT_WAIT_N', 'mineur', 10], ['ACT_FA', 'adulte', 8]]);
    await submission(unitB, '2025-Q2', [['ACT_WAIT_N', 'adulte', 70]]);
    await submission(unitB, '2025', [['HOSP_D', 'adulte', 5]]);
    await submission(unitC, '2025-Q1', [['ACT_WAIT_D', 'adulte', 20], ['ACT_WAIT_D', 'mineur', 200]]);
    await submission(unitA, '2024-Q1', [['ACT_WAIT_D', 'adulte', 30], ['ACT_WAIT_D', 'mineur', 80], ['ACT_FA', 'adulte', 6], ['ACT_FA', 'mineur', 4]]);
    await submission(unitA, '2024-Q2', [['ACT_WAIT_D', 'adulte', 40], ['ACT_WAIT_D', 'mineur', 100]], 'submitted');
    await submission(unitB, '2024-Q1', [['ACT_WAIT_D', 'adulte', 50], ['ACT_WAIT_D', 'mineur', 60]]);
    await submission(unitC, '2024-Q1', [['ACT_WAIT_D', 'adulte', 26]]);
    await submission(unitC, '2023-Q1', [['ACT_WAIT_D', null, 33]]);
    app = buildTestApp(db);
  });
  afterAll(() => db.drop());

  const WAIT_ADULT = 'ACT_WAIT_D[adulte]';
  const WAIT_MINOR = 'ACT_WAIT_D[mineur]';
  const at = <P extends { year: number }>(series: { code: string; points: P[] }[], code: string, year: number): P | undefined => series.find((s) => s.code === code)?.points.find((p) => p.year === year);

  it('takes whether the options add up from the value type when an insert leaves it out, and keeps what it is told', async () => {
    const rows = await db.knex('indicators').orderBy('sort_order').select('code', 'options_additive');
    expect(rows.map((r) => [r.code, r.options_additive])).toEqual([
      ['ACT_WAIT_D', false],
      ['ACT_WAIT_N', true],
      ['HOSP_D', true],
      ['VIOL', false],
      ['ACT_FA', true],
    ]);
  });

  it('unit lead: the split median delay per option, the unit over the years against the network median of that option; additive key indicators whole', async () => {
    const admin = await TestClient.signedIn(app.app, fx.users.admin.email);
    const res = await admin.get(`/api/dashboards/unit-lead?year=2025&unitId=${fx.unitA}`);
    expect(res.status).toBe(200);
    const lead = UnitLeadDashboard.parse(res.body);
    expect(lead.keyIndicators.map((k) => [k.code, k.label, k.unitOfMeasure, k.valueType])).toEqual([
      ['ACT_FA', 'File active', 'patients', 'count'],
      [WAIT_ADULT, 'Délai médian — Adultes', 'jours', 'days'],
      [WAIT_MINOR, 'Délai médian — Mineurs', 'jours', 'days'],
    ]);
    const empty = (year: number) => ({ year, value: null, validated: false, networkMedian: null, networkUnits: 0 });
    expect(lead.keyIndicators.find((k) => k.code === WAIT_ADULT)!.points).toEqual([
      empty(2021),
      empty(2022),
      empty(2023),
      { year: 2024, value: 35, validated: false, networkMedian: 30, networkUnits: 3 },
      { year: 2025, value: 45, validated: true, networkMedian: 45, networkUnits: 3 },
    ]);
    expect(lead.keyIndicators.find((k) => k.code === WAIT_MINOR)!.points).toEqual([
      empty(2021),
      empty(2022),
      empty(2023),
      { year: 2024, value: 90, validated: false, networkMedian: 70, networkUnits: 2 },
      { year: 2025, value: 100, validated: true, networkMedian: 100, networkUnits: 3 },
    ]);
    expect(at(lead.keyIndicators, 'ACT_FA', 2025)).toEqual({ year: 2025, value: 22, validated: true, networkMedian: 15, networkUnits: 2 });
    expect(at(lead.keyIndicators, 'ACT_FA', 2024)).toEqual({ year: 2024, value: 10, validated: true, networkMedian: 10, networkUnits: 1 });

    // A unit without a minor value in 2024 still sees the network median of the minors.
    const leadC = UnitLeadDashboard.parse((await admin.get(`/api/dashboards/unit-lead?year=2025&unitId=${unitC}`)).body);
    expect(at(leadC.keyIndicators, WAIT_ADULT, 2024)).toEqual({ year: 2024, value: 26, validated: true, networkMedian: 30, networkUnits: 3 });
    expect(at(leadC.keyIndicators, WAIT_MINOR, 2024)).toEqual({ year: 2024, value: null, validated: false, networkMedian: 70, networkUnits: 2 });
  });

  it('admin, board and map: one entry per option of the split median delay, none for its made-up total', async () => {
    const admin = await TestClient.signedIn(app.app, fx.users.admin.email);
    const board = await TestClient.signedIn(app.app, fx.users.board.email);
    const d = AdminDashboard.parse((await admin.get('/api/dashboards/admin?year=2025')).body);
    expect(d.networkTotals.map((n) => [n.code, n.label])).toEqual([
      ['ACT_FA', 'File active'],
      [WAIT_ADULT, 'Délai médian — Adultes'],
      [WAIT_MINOR, 'Délai médian — Mineurs'],
    ]);
    expect(at(d.networkTotals, WAIT_ADULT, 2024)).toEqual({ year: 2024, value: 35, validatedValue: 30, units: 3, validatedUnits: 3 });
    expect(at(d.networkTotals, WAIT_ADULT, 2025)).toEqual({ year: 2025, value: 45, validatedValue: 45, units: 3, validatedUnits: 3 });
    expect(at(d.networkTotals, WAIT_MINOR, 2024)).toEqual({ year: 2024, value: 75, validatedValue: 70, units: 2, validatedUnits: 2 });
    expect(at(d.networkTotals, WAIT_MINOR, 2025)).toEqual({ year: 2025, value: 100, validatedValue: 100, units: 3, validatedUnits: 3 });
    expect(at(d.networkTotals, 'ACT_FA', 2025)).toEqual({ year: 2025, value: 30, validatedValue: 30, units: 2, validatedUnits: 2 });

    const b = BoardDashboard.parse((await board.get('/api/dashboards/board?year=2025')).body);
    expect(b.keyFigures.filter((f) => f.kind === 'indicator')).toEqual([
      { key: 'ACT_FA', label: 'File active', kind: 'indicator', unitOfMeasure: 'patients', value: 30, previousValue: 10, changeBp: 20_000, change: { unit: 'percent', bp: 20_000 } },
      { key: WAIT_ADULT, label: 'Délai médian — Adultes', kind: 'indicator', unitOfMeasure: 'jours', value: 45, previousValue: 30, changeBp: 5_000, change: { unit: 'percent', bp: 5_000 } },
      { key: WAIT_MINOR, label: 'Délai médian — Mineurs', kind: 'indicator', unitOfMeasure: 'jours', value: 100, previousValue: 70, changeBp: 4_286, change: { unit: 'percent', bp: 4_286 } },
    ]);
    expect(b.activityTrends.map((t) => t.code)).toEqual(['ACT_FA', WAIT_ADULT, WAIT_MINOR]);
    expect(at(b.activityTrends, WAIT_ADULT, 2024)).toEqual({ year: 2024, value: 30, units: 3 });
    expect(at(b.activityTrends, WAIT_MINOR, 2025)).toEqual({ year: 2025, value: 100, units: 3 });

    const map = MapDashboard.parse((await board.get('/api/dashboards/map?year=2025')).body);
    const figures = (unitId: number) => map.units.find((u) => u.id === unitId)!.keyFigures.map((f) => [f.code, f.label, f.unitOfMeasure, f.value]);
    // In the catalogue's order, as before.
    expect(figures(fx.unitA)).toEqual([
      [WAIT_ADULT, 'Délai médian — Adultes', 'jours', 45],
      [WAIT_MINOR, 'Délai médian — Mineurs', 'jours', 100],
      ['ACT_FA', 'File active', 'patients', 22],
    ]);
    expect(figures(fx.unitB).map((f) => f[3])).toEqual([60, 70, 8]);
    expect(figures(unitC).map((f) => f[3])).toEqual([20, 200, null]);
  });

  it('aggregates per option when the options do not add up, adds them up per period when they do, whatever the time aggregation; the flag, not the value type, decides', async () => {
    const repo = new DashboardRepository();
    const codes = ['ACT_WAIT_D', 'ACT_WAIT_N', 'HOSP_D', 'VIOL'];
    const byCode = (a: [string, ...unknown[]], b: [string, ...unknown[]]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    const network = await repo.networkByYear(db.knex, { codes, fromYear: 2025, toYear: 2025, validatedOnly: true });
    expect(network.map((r): [string, ...unknown[]] => [r.code, r.validatedValue, r.validatedUnits]).sort(byCode)).toEqual([
      [WAIT_ADULT, 45, 3],
      [WAIT_MINOR, 100, 3],
      ['ACT_WAIT_N', 220, 2],
      ['HOSP_D', 12, 2],
      ['VIOL[adulte]', 5, 1],
      ['VIOL[mineur]', 6, 1],
    ]);
    const units = await repo.unitYears(db.knex, { codes, fromYear: 2025, toYear: 2025, validatedOnly: true });
    const ofUnit = (unitId: number) => units.filter((r) => r.unitId === unitId).map((r): [string, ...unknown[]] => [r.code, r.validatedValue]).sort(byCode);
    expect(ofUnit(fx.unitA)).toEqual([
      [WAIT_ADULT, 45],
      [WAIT_MINOR, 100],
      ['ACT_WAIT_N', 150],
      ['HOSP_D', 7],
      ['VIOL[adulte]', 5],
      ['VIOL[mineur]', 6],
    ]);
    expect(ofUnit(fx.unitB)).toEqual([
      [WAIT_ADULT, 60],
      [WAIT_MINOR, 70],
      ['ACT_WAIT_N', 70],
      ['HOSP_D', 5],
    ]);
    expect(ofUnit(unitC)).toEqual([
      [WAIT_ADULT, 20],
      [WAIT_MINOR, 200],
    ]);
    // Over every value: A's submitted 2024-Q2 counts in its average per option.
    const all2024 = await repo.networkByYear(db.knex, { codes: ['ACT_WAIT_D'], fromYear: 2024, toYear: 2024, validatedOnly: false });
    expect(all2024.map((r): [string, ...unknown[]] => [r.code, r.value, r.validatedValue, r.units]).sort(byCode)).toEqual([
      [WAIT_ADULT, 35, 30, 3],
      [WAIT_MINOR, 75, 70, 2],
    ]);
    // A value entered without option still counts as the indicator's own.
    const old = await repo.networkByYear(db.knex, { codes: ['ACT_WAIT_D'], fromYear: 2023, toYear: 2023, validatedOnly: true });
    expect(old.map((r) => [r.code, r.validatedValue, r.validatedUnits])).toEqual([['ACT_WAIT_D', 33, 1]]);
  });
});
