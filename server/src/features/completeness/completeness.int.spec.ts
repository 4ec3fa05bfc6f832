import ExcelJS from 'exceljs';
import pino from 'pino';
import { seedDemo } from '@cn2r/db';
import { DEMO_PASSWORD } from '../../../../db/seeds/demo.js';
import type { AdminDashboard, Completeness, UnitLeadDashboard } from '@cn2r/shared';
import { createApp, type App } from '../../app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { TestClient, readBytes, testConfig } from '../../testing/test-app.js';
import { hashPassword } from '../auth/password-hasher.js';
import { systemActor } from '../auth/actor.js';
import { clockWithToday } from '../../clock.js';
import { CompletenessService } from './completeness-service.js';

/**
 * Expected forms on the demo data (db/seeds/collection-demo.ts), seeded and read on 6 December
 * 2026, the day the issue was reproduced. The demo network is ten CRP (quarterly and yearly
 * indicators) and the CN2R (its own kind, yearly indicators only), all open since 2019.
 *
 * 2025, worked by hand: every CRP owes 4 quarters + the year = 5 forms, the CN2R the year only:
 * 10 × 5 + 1 = 51 forms expected (55 when the CN2R was wrongly expected for four quarters). All 51
 * are validated (past years are fully validated in the seed): completeness 51 / 51 = 100 % (was
 * 51 / 55 = 92,7 %). Two of them were submitted after their due date (the seed's 7 % draw for
 * past years: CRP-IDF-CS and CRP-MQ for 2025-Q3), so 49 on time: timeliness 49 / 51 = 96,08 % → 9 608 bp (was 49 / 55 =
 * 89,1 %).
 *
 * 2026 (the current year): the last due quarter is Q3 (due 30 October); its late forms are those of
 * CRP-CVL (nothing entered), CRP-GE (a draft) and CRP-HDF (returned); CRP-MQ has an extension. The
 * CN2R owes the year only (due 1 March 2027): it is never late for a quarter, gets no reminder.
 */
const TODAY = '2026-12-06';
const CRP = ['CRP-ARA', 'CRP-BFC', 'CRP-CVL', 'CRP-GE', 'CRP-HDF', 'CRP-IDF-CS', 'CRP-IDF-PN', 'CRP-MQ', 'CRP-OCC', 'CRP-PACA'];

describe('expected forms on the demo data (completeness, late units, reminders, report)', () => {
  let db: TestDatabase;
  let app: App;
  let admin: TestClient;
  let unitIds: Map<string, number>;
  let cn2r: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.knex, hashPassword, { today: TODAY });
    app = createApp({ db: db.knex, engine: db.engine, config: testConfig(), logger: pino({ level: 'silent' }), today: () => TODAY });
    admin = await TestClient.signedIn(app.app, 'admin@demo.local', DEMO_PASSWORD);
    unitIds = new Map((await db.knex('units').select('id', 'code')).map((u) => [u.code as string, u.id as number]));
    cn2r = unitIds.get('CN2R')!;
  }, 180_000); // the whole demo seed, on a machine shared with others' tests
  afterAll(() => db?.drop());

  const codeOf = (id: number) => [...unitIds].find(([, v]) => v === id)![0];

  it('2025: 51 forms expected (the CN2R for the year only), all submitted, 49 on time (/api/completeness)', async () => {
    const res = await admin.get('/api/completeness?year=2025');
    expect(res.status).toBe(200);
    const board = res.body as Completeness;
    const expected = board.cells.filter((c) => c.expected);
    expect(expected.length).toBe(51);
    expect(expected.filter((c) => c.unitId === cn2r).map((c) => c.period)).toEqual(['2025']);
    for (const code of CRP) {
      expect(expected.filter((c) => c.unitId === unitIds.get(code)).map((c) => c.period).sort()).withContext(code).toEqual(['2025', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    }
    expect(expected.every((c) => c.status === 'validated')).toBeTrue();
    const late = expected.filter((c) => c.submittedOnTime === false).map((c) => `${codeOf(c.unitId)} ${c.period}`);
    expect(late.sort()).toEqual(['CRP-IDF-CS 2025-Q3', 'CRP-MQ 2025-Q3']);
    // The CN2R's quarters: not expected, so neither late nor with a due date.
    for (const q of ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']) {
      expect(board.cells.find((c) => c.unitId === cn2r && c.period === q)).withContext(q).toEqual(jasmine.objectContaining({ expected: false, late: false, dueOn: null, filledPercent: null }));
    }
    expect(board.lateUnits).toEqual([]);
  });

  it('2025 in the activity report: completeness 100 % and timeliness 96,1 % (9 608 bp) for the network, the CN2R 1 form of 1', async () => {
    const res = await admin.get('/api/reports/2025/activity');
    expect(res.status).toBe(200);
    const collection = res.body.dataCollection as { network: Record<string, number>; byUnit: (Record<string, number> & { unitCode: string })[] };
    expect(collection.network).toEqual({ expected: 51, submitted: 51, validated: 51, onTime: 49, completenessBp: 10_000, timelinessBp: 9_608 });
    expect(collection.byUnit.find((u) => u.unitCode === 'CN2R')).toEqual(jasmine.objectContaining({ expected: 1, submitted: 1, validated: 1, completenessBp: 10_000 }));
    for (const code of CRP) expect(collection.byUnit.find((u) => u.unitCode === code)!.expected).withContext(code).toBe(5);
  });

  it('2026: the CN2R is never late for a quarter, is not in the late units or reminders, and is still expected for the year', async () => {
    const res = await admin.get('/api/completeness?year=2026');
    expect(res.status).toBe(200);
    const board = res.body as Completeness;
    for (const q of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) {
      expect(board.cells.find((c) => c.unitId === cn2r && c.period === q)).withContext(q).toEqual(jasmine.objectContaining({ expected: false, late: false, dueOn: null }));
    }
    expect(board.cells.find((c) => c.unitId === cn2r && c.period === '2026')).toEqual(jasmine.objectContaining({ expected: true, late: false, status: 'draft', dueOn: '2027-03-01' }));
    expect(board.lateUnits.map((u) => codeOf(u.unitId)).sort()).toEqual(['CRP-CVL', 'CRP-GE', 'CRP-HDF']);
    for (const u of board.lateUnits) {
      expect(u.periods).toEqual(['2026-Q3']);
      expect(u.reminder).not.toContain('Centre national de ressources');
    }

    const home = await admin.get('/api/dashboards/admin?year=2026');
    expect(home.status).toBe(200);
    const dashboard = home.body as AdminDashboard;
    expect(dashboard.lateUnits.map((u) => u.code).sort()).toEqual(['CRP-CVL', 'CRP-GE', 'CRP-HDF']);
    // 30 October → 6 December: 37 days.
    expect(dashboard.lateUnits.map((u) => u.daysLate)).toEqual([37, 37, 37]);
    // 10 CRP × 5 + the CN2R's year.
    expect(dashboard.completeness.expected).toBe(51);
    expect(dashboard.completeness.cells.filter((c) => c.unitId === cn2r && c.expected).map((c) => c.period)).toEqual(['2026']);

    const unit = await admin.get(`/api/dashboards/unit-lead?year=2026&unitId=${cn2r}`);
    expect(unit.status).toBe(200);
    const periods = (unit.body as UnitLeadDashboard).periods;
    expect(periods.filter((p) => p.period.includes('Q')).map((p) => [p.expected, p.late, p.daysLeft, p.dueOn])).toEqual(Array(4).fill([false, false, null, null]));
    // 6 December 2026 → 1 March 2027: 85 days left.
    expect(periods.find((p) => p.period === '2026')).toEqual(jasmine.objectContaining({ expected: true, late: false, daysLeft: 85, dueOn: '2027-03-01' }));
  });

  it('the CN2R has no form to fill for a quarter, and no extension to be granted for one; a CRP still has', async () => {
    const form = await admin.get(`/api/units/${cn2r}/forms/2026-Q1`);
    expect(form.status).toBe(404);
    expect(form.body.error.message).toContain('aucun indicateur à déclarer pour cette période');
    expect((await admin.get(`/api/units/${cn2r}/forms/2026`)).status).toBe(200);
    expect((await admin.get(`/api/units/${unitIds.get('CRP-HDF')}/forms/2026-Q1`)).status).toBe(200);

    const campaign = await db.knex('campaigns').where({ year: 2026 }).first('id');
    const refused = await admin.send('put', `/api/campaigns/${campaign.id}/extensions/${cn2r}/2026-Q4`, { dueOn: '2027-02-15', reason: 'essai' });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('aucun indicateur à déclarer pour la période 4e trimestre 2026');
    expect(await db.knex('campaign_extensions').where({ unit_id: cn2r })).toEqual([]);
  });

  it('gives the CN2R a collection template with its year to fill and no quarter', async () => {
    const res = await admin.agent
      .get(`/api/units/${cn2r}/campaigns/2026/template.xlsx`)
      .buffer(true)
      .parse(readBytes);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    // One sheet per period type with something to fill: the year only, where its column is to fill.
    expect(workbook.worksheets.map((w) => w.name).filter((n) => /Trimestre|Année/i.test(n))).toEqual(['Année']);
    const year: string[] = [];
    workbook.getWorksheet('Année')!.eachRow((row) => row.eachCell((cell) => year.push(String(cell.value))));
    expect(year).toContain('À saisir');
    expect(year).not.toContain('Centre non ouvert');
  });

  it('follows the catalogue: a quarterly indicator added for the CN2R from 1 October makes it owe 2026-Q4, not Q3', async () => {
    const trx = await db.knex.transaction();
    try {
      await trx('indicators').insert({
        code: 'CN2R_TEST_Q',
        label: 'Essai trimestriel',
        definition: 'Indicateur d’essai créé par le test des saisies attendues, jamais enregistré.',
        counting_rule: 'Compter ce que le test demande de compter, rien de plus, rien de moins.',
        domain: 'reseau',
        unit_kind: 'cn2r',
        value_type: 'count',
        unit_of_measure: 'actions',
        period_type: 'quarter',
        time_aggregation: 'sum',
        unit_aggregation: 'sum',
        active_from: '2026-10-01',
      });
      const board = await new CompletenessService(trx as never, clockWithToday(() => TODAY)).forYear(systemActor('test'), 2026);
      const cell = (p: string) => board.cells.find((c) => c.unitId === cn2r && c.period === p)!;
      expect(cell('2026-Q3').expected).toBeFalse();
      expect(cell('2026-Q4')).toEqual(jasmine.objectContaining({ expected: true, late: false, dueOn: '2027-01-30' }));
    } finally {
      await trx.rollback();
    }
  });
});
