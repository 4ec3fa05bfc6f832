import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { TestClient, buildTestApp, countRows, createFixtures } from '../../testing/test-app.js';
import { seedBudgetDemo } from '../../../../db/seeds/budget-demo.js';
import { seedStaffDemo } from '../../../../db/seeds/staff-demo.js';

/**
 * The in-kind source of the demo (MIN-ARMEES, staff seconded without reimbursement) has one
 * valuation per year, derived from the staff records, read alike through the funding sources, the
 * receipts, the staff summary and the financial summary; it is never typed. By hand from the
 * demo (db/seeds/staff-demo.ts): the Armées second MC Olivier Ferrand (140 000 € a year, full time)
 * and Aurélie Lambert (70 000 €, full time; from 1 July half her time is charged to a research line
 * of the MESR, but her employer's cost is still the Armées' contribution), both all year, every
 * year: 140 000 € + 70 000 € = 210 000 €, 2,00 ETPT, 2 people — masked for the board.
 *
 * A notification typed for the in-kind source before this rule (280 000 €, the old demo's) is
 * stored on purpose in 2026: every read ignores it.
 */
const TODAY = '2026-11-20';
const ARMEES = 21_000_000;

describe('in-kind valuation of seconded staff: one figure from the staff records', () => {
  let db: TestDatabase;
  let finance: TestClient;
  let board: TestClient;
  let armeesId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedBudgetDemo(db.knex, { today: TODAY });
    expect(await seedStaffDemo(db.knex, { today: TODAY })).not.toBeNull();
    const fx = await createFixtures(db.knex);
    const app = buildTestApp(db);
    finance = await TestClient.signedIn(app.app, fx.users.finance.email);
    board = await TestClient.signedIn(app.app, fx.users.board.email);
    armeesId = (await db.knex('funding_sources').where({ code: 'MIN-ARMEES' }).first('id')).id;
    // A stale typed amount, as an older database may hold: ignored by every read.
    await db.knex('funding_notifications').insert({ funding_source_id: armeesId, year: 2026, amount_cents: 28_000_000, reference: 'Ancienne saisie' });
  }, 120_000);
  afterAll(() => db.drop());

  it('the demo seeds no notified amount for the in-kind source', async () => {
    expect(await countRows(db.knex('funding_notifications').where({ funding_source_id: armeesId }).whereNot({ year: 2026 }))).toBe(0);
  });

  it('gives finance the same figure through the funding sources, the receipts, the staff summary and the financial summary', async () => {
    // The demo's years (another spec adds 2030).
    const demoYears = <T extends { year: number }>(xs: T[]) => xs.filter((v) => v.year <= 2026);
    const sources = (await finance.get('/api/budget/funding-sources')).body as { code: string; inKind: boolean; notifications: unknown[]; valuations: { year: number }[] }[];
    const armees = sources.find((s) => s.code === 'MIN-ARMEES')!;
    expect(armees.inKind).toBeTrue();
    expect(armees.notifications).toEqual([]);
    expect(demoYears(armees.valuations)).toEqual([2024, 2025, 2026].map((year) => ({ year, valueCents: ARMEES, valueMasked: null, headcount: 2, etpt: '2,00' })));
    // Only the in-kind source is valued; the cash sources keep their typed amounts.
    expect(sources.filter((s) => s.valuations.length > 0).map((s) => s.code)).toEqual(['MIN-ARMEES']);
    expect(sources.find((s) => s.code === 'MIG-H15')!.notifications.length).toBeGreaterThanOrEqual(3);
    const one = (await finance.get(`/api/budget/funding-sources/${armeesId}`)).body;
    expect(one.valuations).toEqual(armees.valuations);

    for (const year of [2025, 2026]) {
      const receipts = (await finance.get(`/api/budget/receipts?year=${year}`)).body;
      const row = receipts.sources.find((s: { code: string }) => s.code === 'MIN-ARMEES');
      expect([row.inKind, row.notifiedCents, row.collectedCents, row.toCollectCents]).withContext(String(year)).toEqual([true, ARMEES, 0, 0]);
      // Out of the cash total: the sum of the cash sources' notified amounts.
      const cash = receipts.sources.filter((s: { inKind: boolean }) => !s.inKind).reduce((t: number, s: { notifiedCents: number }) => t + s.notifiedCents, 0);
      expect(receipts.notifiedCents).withContext(String(year)).toBe(cash);

      const staff = (await finance.get(`/api/staff/${year}/summary`)).body;
      expect(staff.secondedInKind.find((s: { employerLabel: string }) => s.employerLabel === 'Ministère des Armées').valueCents).withContext(String(year)).toBe(ARMEES);
    }

    // The financial summary (the assembly's document, for every role): the Armées' 2 people are
    // masked, their value is in the in-kind total (4 people), which is the staff summary's.
    const staff2025 = (await finance.get('/api/staff/2025/summary')).body;
    const report = (await finance.get('/api/reports/2025/financial')).body;
    expect(report.inKind.seconded.find((s: { employerLabel: string }) => s.employerLabel === 'Ministère des Armées')).toEqual(
      jasmine.objectContaining({ valueCents: null, valueMasked: 'fewer_than_3_people' }),
    );
    // 180 000 € × 50 % (CHU de Lille) + 65 000 € (Éducation nationale) + 210 000 € (Armées).
    expect(staff2025.secondedInKindTotalCents).toBe(9_000_000 + 6_500_000 + ARMEES);
    const inKindFigure = report.keyFigures.find((f: { code: string }) => f.code === 'IN_KIND');
    expect(inKindFigure.n).toBe(staff2025.secondedInKindTotalCents + staff2025.otherInKindTotalCents);
    // No revenue line, no notified total carries the in-kind source.
    expect(report.revenue.map((r: { code: string }) => r.code)).not.toContain('MIN-ARMEES');
    expect(JSON.stringify(report)).not.toContain('28000000,"reference":"Ancienne');
  });

  it('ignores a typed amount stored for an in-kind source', async () => {
    const receipts = (await finance.get('/api/budget/receipts?year=2026')).body;
    expect(receipts.sources.filter((s: { code: string }) => s.code === 'MIN-ARMEES').map((s: { notifiedCents: number }) => s.notifiedCents)).toEqual([ARMEES]);
    const report = (await finance.get('/api/reports/2026/financial')).body;
    const notified = report.keyFigures.find((f: { code: string }) => f.code === 'NOTIFIED').n;
    const cashNotified = await db.knex('funding_notifications as n').join('funding_sources as s', 's.id', 'n.funding_source_id').where({ 'n.year': 2026, 's.in_kind': false }).sum({ cents: 'n.amount_cents' });
    expect(notified).toBe(Number(cashNotified[0].cents));
  });

  it('refuses a typed notified amount for an in-kind source: 422 naming the field, nothing written', async () => {
    const before = await countRows(db.knex('funding_notifications'));
    const audits = await countRows(db.knex('audit_log').where({ action: 'funding_notification.saved' }));
    for (const body of [{ amountCents: 28_000_000, reference: 'Convention' }, { amountCents: 0, reference: null }, { amountCents: 1, reference: null, version: 1 }]) {
      const res = await finance.send('put', `/api/budget/funding-sources/${armeesId}/notifications/2026`, body);
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual([
        {
          path: 'amountCents',
          message:
            'Montant notifié : la source MIN-ARMEES est une mise à disposition sans remboursement ; sa valorisation est calculée à partir des fiches de personnel mis à disposition (coût employeur), elle ne se saisit pas.',
        },
      ]);
    }
    expect(await countRows(db.knex('funding_notifications'))).toBe(before);
    expect(await countRows(db.knex('audit_log').where({ action: 'funding_notification.saved' }))).toBe(audits);
    // A cash source still takes its notified amount.
    const mig = (await db.knex('funding_sources').where({ code: 'MIG-H15' }).first('id')).id;
    const current = await db.knex('funding_notifications').where({ funding_source_id: mig, year: 2026 }).first('version', 'amount_cents');
    const saved = await finance.send('put', `/api/budget/funding-sources/${mig}/notifications/2026`, { amountCents: Number(current.amount_cents), reference: 'Circulaire', version: current.version });
    expect(saved.status).toBe(200);
  });

  it('masks the valuation of fewer than 3 people for the board, and shows it from 3 people', async () => {
    const sources = (await board.get('/api/budget/funding-sources')).body as { code: string; valuations: { year: number; valueCents: number | null; valueMasked: string | null; headcount: number }[] }[];
    expect(sources.find((s) => s.code === 'MIN-ARMEES')!.valuations.filter((v) => v.year <= 2026).map((v) => [v.year, v.valueCents, v.valueMasked, v.headcount])).toEqual([
      [2024, null, 'fewer_than_3_people', 2],
      [2025, null, 'fewer_than_3_people', 2],
      [2026, null, 'fewer_than_3_people', 2],
    ]);
    const one = (await board.get(`/api/budget/funding-sources/${armeesId}`)).body;
    expect(one.valuations.filter((v: { year: number }) => v.year <= 2026).every((v: { valueCents: number | null }) => v.valueCents === null)).toBeTrue();
    expect(one.notifications).toEqual([]);
    // The board reads no in-kind source among the receipts, and no valuation anywhere in them.
    const receipts = (await board.get('/api/budget/receipts?year=2025')).body;
    expect(receipts.sources.map((s: { code: string }) => s.code)).not.toContain('MIN-ARMEES');
    for (const text of [JSON.stringify(sources), JSON.stringify(receipts)]) expect(text).not.toContain(String(ARMEES));

    // Three more people seconded by the Armées in a later year, beside the demo's two (still
    // seconded, allocated until further notice): 5 people, 210 000 € + 100 000 € + 80 000 € +
    // 60 000 €, the same as the Armées' row of the staff summary.
    await db.knex('fiscal_years').insert({ year: 2030, status: 'open' });
    const dgs = (await db.knex('funding_sources').where({ code: 'MIN-SANTE-DGS' }).first('id')).id;
    const [line] = await db.knex('budget_lines').insert({ year: 2030, code: 'MAD-ARMEES', label: 'Armées', envelope: 'personnel', mission_area: 'recherche', funding_source_id: armeesId }).returning('id');
    const [cashLine] = await db.knex('budget_lines').insert({ year: 2030, code: 'DGS-PERSONNEL', label: 'DGS', envelope: 'personnel', mission_area: 'information', funding_source_id: dgs }).returning('id');
    const second = async (name: string, employer: string, cents: number, lineId: number, sourceId: number) => {
      const [m] = await db.knex('staff_members').insert({ name, category: 'other', employer_label: employer, employer_kind: 'ministry', status: 'seconded_without' }).returning('id');
      const [a] = await db.knex('staff_assignments').insert({ staff_member_id: m.id, position_label: 'Poste', start_on: '2030-01-01', end_on: '2030-12-31', quotite_bp: 10_000, annual_cost_cents: cents }).returning('id');
      await db.knex('staff_allocations').insert({ assignment_id: a.id, from_on: '2030-01-01', to_on: '2030-12-31', share_bp: 10_000, budget_line_id: lineId, funding_source_id: sourceId, mission_area: 'recherche' });
    };
    await second('Personne A', 'Ministère des Armées', 10_000_000, line.id, armeesId);
    await second('Personne B', 'Ministère des Armées', 8_000_000, line.id, armeesId);
    await second('Personne C', 'Ministère des Armées', 6_000_000, line.id, armeesId);
    const valuation2030 = async (client: TestClient) => (await client.get(`/api/budget/funding-sources/${armeesId}`)).body.valuations.find((v: { year: number }) => v.year === 2030);
    expect(await valuation2030(finance)).toEqual({ year: 2030, valueCents: 45_000_000, valueMasked: null, headcount: 5, etpt: '5,00' });
    // 5 people, but the other seconded staff of 2030 are 2 (CHU de Lille, Éducation nationale):
    // the in-kind total the board reads minus this value would give theirs back. Withheld.
    expect(await valuation2030(board)).toEqual({ year: 2030, valueCents: null, valueMasked: 'fewer_than_3_people', headcount: 5, etpt: '5,00' });
    const staffBoard = (await board.get('/api/staff/2030/summary')).body;
    expect(staffBoard.secondedInKindTotalCents).toBe(45_000_000 + 9_000_000 + 6_500_000);
    // A third person seconded elsewhere (on a cash source's line): the rest is 3 people, the board reads the value.
    await second('Personne D', 'Ministère de la Santé', 5_000_000, cashLine.id, dgs);
    expect(await valuation2030(board)).toEqual({ year: 2030, valueCents: 45_000_000, valueMasked: null, headcount: 5, etpt: '5,00' });
    const staffFinance = (await finance.get('/api/staff/2030/summary')).body;
    expect(staffFinance.secondedInKind.find((s: { employerLabel: string }) => s.employerLabel === 'Ministère des Armées')).toEqual(jasmine.objectContaining({ valueCents: 45_000_000, headcount: 5 }));
  });
});
