import pino from 'pino';
import { seedDemo } from '@cn2r/db';
import { AdminDashboard, BoardDashboard, UnitLeadDashboard, changeBp } from '@cn2r/shared';
import { DEMO_PASSWORD } from '../../../../db/seeds/demo.js';
import { createApp, type App } from '../../app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { TestClient, testConfig } from '../../testing/test-app.js';
import { hashPassword } from '../auth/password-hasher.js';

/**
 * The board's comparisons on the demo data seeded and read on 6 December 2026 (Q4 2026 not ended):
 * - without a year, the board shows 2025, the last complete year, against 2024 whole;
 * - for 2026, the key figures compare T1–T3 2026 with T1–T3 2025, unit by unit: a unit's quarter
 *   counts on both sides only when it is validated in both years. In the seed every 2025 quarter
 *   is validated, and in 2026 Q1 and Q2 of the ten CRP plus Q3 of CRP-IDF-CS, CRP-IDF-PN and
 *   CRP-PACA (the others' Q3 are submitted, returned, in draft or missing): 10 + 10 + 3 = 23
 *   unit-quarters on each side. The consultations are summed from those rows below, independently
 *   of the dashboard's SQL;
 * - yearly indicators (FOR_PERS) have no value before the year ends: no comparison;
 * - paid credits: 2026 at 6 December against 2025 at 6 December, as the budget API gives them.
 */
const TODAY = '2026-12-06';

describe('board comparisons on the demo data (same periods, last complete year)', () => {
  let db: TestDatabase;
  let app: App;
  let board: TestClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.knex, hashPassword, { today: TODAY });
    app = createApp({ db: db.knex, engine: db.engine, config: testConfig(), logger: pino({ level: 'silent' }), today: () => TODAY });
    board = await TestClient.signedIn(app.app, 'board@demo.local', DEMO_PASSWORD);
  }, 180_000);
  afterAll(() => db?.drop());

  /** Validated ACT_CS of the CRP for these quarters, summed over every value (the options add up), keeping only unit-quarters validated in both years. */
  async function consultations(quarters: string[]): Promise<{ sum: number; cells: number }> {
    const rows = await db.knex('indicator_values as v')
      .join('submissions as s', 's.id', 'v.submission_id')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .where('i.code', 'ACT_CS')
      .where('s.status', 'validated')
      .whereIn('s.period', quarters)
      .select('s.unit_id', 's.period', 'v.value_num');
    const validated = new Set((await db.knex('submissions').where('status', 'validated').select('unit_id', 'period')).map((s) => `${s.unit_id}|${s.period}`));
    const twin = (unitId: number, period: string) => `${unitId}|${Number(period.slice(0, 4)) === 2026 ? 2025 : 2026}${period.slice(4)}`;
    const kept = rows.filter((r) => validated.has(twin(r.unit_id, r.period)));
    return { sum: kept.reduce((s, r) => s + Number(r.value_num), 0), cells: new Set(kept.map((r) => `${r.unit_id}|${r.period}`)).size };
  }

  it('defaults to the last complete year, 2025, compared whole with 2024', async () => {
    const res = await board.get('/api/dashboards/board');
    expect(res.status).withContext(JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const d = BoardDashboard.parse(res.body);
    expect([d.year, d.previousYear]).toEqual([2025, 2024]);
    expect(d.comparison).toEqual({ complete: true, periods: ['2025'], previousPeriods: ['2024'], currentLabel: '2025', previousLabel: '2024', label: '2025 contre 2024' });
    // The whole of 2025 against the whole of 2024: the trend points are those years' values.
    const cs = d.keyFigures.find((f) => f.key === 'ACT_CS')!;
    const trend = d.activityTrends.find((t) => t.code === 'ACT_CS')!;
    expect(cs.value).toBe(trend.points.find((p) => p.year === 2025)!.value);
    expect(cs.previousValue).toBe(trend.points.find((p) => p.year === 2024)!.value);
  });

  it('compares T1–T3 2026 with T1–T3 2025, unit-quarter by unit-quarter, never with the whole of 2025', async () => {
    const res = await board.get('/api/dashboards/board?year=2026');
    expect(res.status).toBe(200);
    const d = BoardDashboard.parse(res.body);
    expect(d.comparison.complete).toBeFalse();
    expect(d.comparison.label).toBe('T1–T3 2026 contre T1–T3 2025');
    expect(d.comparison.periods.filter((p) => p.includes('Q'))).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);

    const now = await consultations(['2026-Q1', '2026-Q2', '2026-Q3']);
    const before = await consultations(['2025-Q1', '2025-Q2', '2025-Q3']);
    expect([now.cells, before.cells]).toEqual([23, 23]);
    const cs = d.keyFigures.find((f) => f.key === 'ACT_CS')!;
    expect(cs.value).toBe(now.sum);
    expect(cs.previousValue).toBe(before.sum);
    expect(cs.changeBp).toBe(changeBp(now.sum, before.sum));
    // 46 586 consultations against 43 939: (46 586 − 43 939) / 43 939 = +6,02 % → 602 bp.
    expect([now.sum, before.sum, cs.changeBp]).toEqual([46_586, 43_939, 602]);
    expect(cs.change).toEqual({ unit: 'percent', bp: cs.changeBp! });
    // Same unit-quarters on both sides: the change is a few percent, not the −37 % of three quarters against four.
    expect(Math.abs(cs.changeBp!)).toBeLessThan(2_000);
    const whole2025 = d.activityTrends.find((t) => t.code === 'ACT_CS')!.points.find((p) => p.year === 2025)!.value!;
    expect(cs.previousValue!).toBeLessThan(whole2025);

    // A yearly indicator has no value for 2026 yet: nothing to compare.
    const trained = d.keyFigures.find((f) => f.key === 'FOR_PERS')!;
    expect([trained.value, trained.previousValue, trained.change]).toEqual([null, null, null]);
    // Staff FTE are yearly: compared only between complete years.
    expect(d.keyFigures.find((f) => f.key === 'etpt')!.change).toBeNull();
  });

  it('shows the change of a rate against last year in points: a percentage indicator from 40 % to 65 % is « +25 pt », not « +62,5 % »', async () => {
    const [{ id }] = await db.knex('indicators')
      .insert({
        code: 'TEST_PART_MINEURS',
        label: 'Part des mineurs (essai)',
        definition: 'Part des mineurs parmi les nouveaux patients, créée par le test des évolutions en points.',
        counting_rule: 'Nouveaux patients mineurs divisés par les nouveaux patients, en pourcentage.',
        domain: 'activite_clinique',
        unit_kind: 'crp',
        value_type: 'percentage',
        unit_of_measure: '%',
        period_type: 'quarter',
        time_aggregation: 'average',
        unit_aggregation: 'average',
        active_from: '2019-01-01',
      })
      .returning('id');
    const hdf = (await db.knex('units').where({ code: 'CRP-HDF' }).first('id')).id as number;
    for (const [period, value] of [['2025-Q1', 40], ['2026-Q1', 65]] as const) {
      const submission = await db.knex('submissions').where({ unit_id: hdf, period }).first('id');
      await db.knex('indicator_values').insert({ submission_id: submission.id, indicator_id: id, value_num: value, explanation: 'Essai : évolution en points.' });
    }
    const admin = await TestClient.signedIn(app.app, 'admin@demo.local', DEMO_PASSWORD);
    const dashboard = AdminDashboard.parse((await admin.get('/api/dashboards/admin?year=2026&period=2026-Q1')).body);
    const outlier = dashboard.outliers.find((o) => o.indicatorCode === 'TEST_PART_MINEURS');
    expect(outlier).withContext(`${dashboard.outliersTotal} valeurs atypiques`).toEqual(jasmine.objectContaining({ value: 65, lastYearValue: 40, changeBp: null, change: { unit: 'points', bp: 2_500 } }));
    const unit = UnitLeadDashboard.parse((await admin.get(`/api/dashboards/unit-lead?year=2026&unitId=${hdf}`)).body);
    expect(unit.warnings.find((w) => w.code === 'TEST_PART_MINEURS')!.message).toBe('Part des mineurs (essai) : écart de +25\u00A0pt par rapport à l’an dernier (plus de 50 %).');
  });

  it('compares the credits paid by 6 December 2026 with those paid by 6 December 2025', async () => {
    const d = BoardDashboard.parse((await board.get('/api/dashboards/board?year=2026')).body);
    const finance = await TestClient.signedIn(app.app, 'finance@demo.local', DEMO_PASSWORD);
    const [now, before] = await Promise.all([finance.get('/api/budget/2026/execution?asOf=2026-12-06'), finance.get('/api/budget/2025/execution?asOf=2025-12-06')]);
    expect([now.status, before.status]).toEqual([200, 200]);
    const paid = d.keyFigures.find((f) => f.key === 'paid_cp')!;
    expect(paid.value).toBe(now.body.total.paidCents);
    expect(paid.previousValue).toBe(before.body.total.paidCents);
    expect(paid.change).toEqual({ unit: 'percent', bp: changeBp(now.body.total.paidCents, before.body.total.paidCents)! });
  });
  describe('yearly trends: complete years only, the year under way named and left out', () => {
    const UNDER_WAY = { year: 2026, throughPeriod: '2026-Q3', endedLabel: 'T1–T3 2026' };
    const COMPLETE_YEARS = [2021, 2022, 2023, 2024, 2025];

    /** Validated ACT_CS of the CRP over the four quarters of 2025, summed from the rows. */
    async function consultations2025(unitCode?: string, validatedOnly = true): Promise<number> {
      const query = db.knex('indicator_values as v')
        .join('submissions as s', 's.id', 'v.submission_id')
        .join('indicators as i', 'i.id', 'v.indicator_id')
        .join('units as u', 'u.id', 's.unit_id')
        .where('i.code', 'ACT_CS')
        .whereIn('s.period', ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'])
        .select('v.value_num');
      if (validatedOnly) query.where('s.status', 'validated');
      if (unitCode) query.where('u.code', unitCode);
      return (await query).reduce((sum, r) => sum + Number(r.value_num), 0);
    }

    it('board 2026: the activity trends stop at 2025; the API says 2026 is under way through 2026-Q3 (T1–T3 2026)', async () => {
      const d = BoardDashboard.parse((await board.get('/api/dashboards/board?year=2026')).body);
      expect(d.trend).toEqual({ years: COMPLETE_YEARS, yearUnderWay: UNDER_WAY });
      expect(d.activityTrends.length).toBeGreaterThan(0);
      for (const t of d.activityTrends) expect(t.points.map((p) => p.year)).withContext(t.code).toEqual(COMPLETE_YEARS);
      // The last point is the whole of 2025 (74 287 consultations, every 2025 quarter validated in the seed), not T1–T3 2026 (46 586).
      const cs = d.activityTrends.find((t) => t.code === 'ACT_CS')!;
      expect(cs.points.at(-1)).toEqual(jasmine.objectContaining({ year: 2025, value: await consultations2025() }));
      expect(cs.points.at(-1)!.value).toBe(74_287);
      expect(cs.points.some((p) => p.value === 46_586)).toBeFalse();
      // The year to date stays in the key figures, against the same quarters of 2025.
      expect(d.keyFigures.find((f) => f.key === 'ACT_CS')!.value).toBe(46_586);
    });

    it('board 2025 (the default): five complete years, nothing left out', async () => {
      const d = BoardDashboard.parse((await board.get('/api/dashboards/board')).body);
      expect(d.trend).toEqual({ years: COMPLETE_YEARS, yearUnderWay: null });
      expect(d.activityTrends.find((t) => t.code === 'ACT_CS')!.points.at(-1)!.value).toBe(74_287);
    });

    it('coordination 2026: the network totals stop at 2025 too, with the same year under way', async () => {
      const admin = await TestClient.signedIn(app.app, 'admin@demo.local', DEMO_PASSWORD);
      const d = AdminDashboard.parse((await admin.get('/api/dashboards/admin?year=2026')).body);
      expect(d.trend).toEqual({ years: COMPLETE_YEARS, yearUnderWay: UNDER_WAY });
      for (const n of d.networkTotals) expect(n.points.map((p) => p.year)).withContext(n.code).toEqual(COMPLETE_YEARS);
      const cs = d.networkTotals.find((n) => n.code === 'ACT_CS')!.points.at(-1)!;
      expect([cs.year, cs.validatedValue]).toEqual([2025, 74_287]);
      // The heat map and the other blocks still read 2026.
      expect(d.year).toBe(2026);
      expect(d.periods.map((p) => p.period)).toContain('2026-Q3');
    });

    it('unit lead 2026: the key indicators against the network median stop at 2025', async () => {
      const lead = await TestClient.signedIn(app.app, 'lead.lille@demo.local', DEMO_PASSWORD);
      const hdf = (await db.knex('units').where({ code: 'CRP-HDF' }).first('id')).id as number;
      const d = UnitLeadDashboard.parse((await lead.get(`/api/dashboards/unit-lead?year=2026&unitId=${hdf}`)).body);
      expect(d.trend).toEqual({ years: COMPLETE_YEARS, yearUnderWay: UNDER_WAY });
      for (const k of d.keyIndicators) expect(k.points.map((p) => p.year)).withContext(k.code).toEqual(COMPLETE_YEARS);
      expect(d.keyIndicators.find((k) => k.code === 'ACT_CS')!.points.at(-1)).toEqual(jasmine.objectContaining({ year: 2025, value: await consultations2025('CRP-HDF', false) }));
      // The periods of 2026 are still the unit's follow-up.
      expect(d.periods.map((p) => p.period)).toContain('2026-Q3');
    });

    it('on 2 January 2026 no quarter of 2026 has ended: 2026 is under way through no period, and the trend ends at 2025', async () => {
      const early = createApp({ db: db.knex, engine: db.engine, config: testConfig(), logger: pino({ level: 'silent' }), today: () => '2026-01-02' });
      const client = await TestClient.signedIn(early.app, 'board@demo.local', DEMO_PASSWORD);
      const d = BoardDashboard.parse((await client.get('/api/dashboards/board?year=2026')).body);
      expect(d.trend).toEqual({ years: COMPLETE_YEARS, yearUnderWay: { year: 2026, throughPeriod: null, endedLabel: null } });
    });
  });
});
