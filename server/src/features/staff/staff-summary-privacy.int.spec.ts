import type { StaffSummary } from '@cn2r/shared';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { TestClient, buildTestApp, createFixtures } from '../../testing/test-app.js';
import { seedBudgetDemo } from '../../../../db/seeds/budget-demo.js';
import { seedStaffDemo } from '../../../../db/seeds/staff-demo.js';

/**
 * The staff summary of the demo year (2025) through the API, for the board and for finance: no
 * cost of a group (funder, mission area, seconding employer) of 1 or 2 people reaches the board,
 * which keeps the ETPT and head counts; finance sees every cost. The demo: 15 people, among whom
 * the CHU de Lille and the Éducation nationale each second one person, the Armées two.
 */
const TODAY = '2026-11-20';
const YEAR = 2025;

describe('staff summary of the demo year: costs of fewer than 3 people', () => {
  let db: TestDatabase;
  let board: StaffSummary;
  let finance: StaffSummary;
  let fundingCode: Map<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedBudgetDemo(db.knex, { today: TODAY });
    expect(await seedStaffDemo(db.knex, { today: TODAY })).not.toBeNull();
    const fx = await createFixtures(db.knex);
    const app = buildTestApp(db);
    const boardRes = await (await TestClient.signedIn(app.app, fx.users.board.email)).get(`/api/staff/${YEAR}/summary`);
    const financeRes = await (await TestClient.signedIn(app.app, fx.users.finance.email)).get(`/api/staff/${YEAR}/summary`);
    expect(boardRes.status).toBe(200);
    expect(financeRes.status).toBe(200);
    board = boardRes.body;
    finance = financeRes.body;
    fundingCode = new Map((await db.knex('funding_sources').select('id', 'code')).map((r) => [String(r.id), r.code as string]));
  }, 120_000);
  afterAll(() => db.drop());

  /** Distinct people per funding source in 2025, counted from the allocations stored. */
  async function peopleByFunder(): Promise<Map<string, number>> {
    const rows: { id: number; n: number | string }[] = await db
      .knex('staff_allocations as al')
      .join('staff_assignments as a', 'a.id', 'al.assignment_id')
      .where('al.from_on', '<=', `${YEAR}-12-31`)
      .where((q) => q.whereNull('al.to_on').orWhere('al.to_on', '>=', `${YEAR}-01-01`))
      .groupBy('al.funding_source_id')
      .select('al.funding_source_id as id')
      .countDistinct({ n: 'a.staff_member_id' })
      .then((r) => r as unknown as { id: number; n: number | string }[]);
    return new Map(rows.map((r) => [String(r.id), Number(r.n)]));
  }

  it('gives the board no cost for a funder of 1 or 2 people, and the cost of the others; ETPT and head counts stay', async () => {
    const people = await peopleByFunder();
    expect(board.detail).toBe('aggregate');
    expect(board.byFunder.length).toBe(8);
    for (const f of board.byFunder) {
      const code = fundingCode.get(f.key)!;
      expect(f.headcount).withContext(code).toBe(people.get(f.key)!);
      expect(f.etpt).withContext(code).toEqual(finance.byFunder.find((g) => g.key === f.key)!.etpt);
      expect(Number(f.etpt.num)).withContext(code).toBeGreaterThan(0);
      // A funder of 1 or 2 people, or one whose line is merged with other funders' (MIN-ESR's, see below), shows no cost.
      if (f.headcount < 3 || code === 'MIN-ESR') {
        expect(f.costCents).withContext(code).toBeNull();
        expect(f.costMasked).withContext(code).toBe('fewer_than_3_people');
      } else {
        expect(f.costCents).withContext(code).toBe(finance.byFunder.find((g) => g.key === f.key)!.costCents);
        expect(f.costMasked).withContext(code).toBeNull();
      }
    }
    const masked = board.byFunder.filter((f) => f.costCents === null).map((f) => fundingCode.get(f.key)).sort();
    expect(masked).toEqual(['MIN-ARMEES', 'MIN-EDUCATION', 'MIN-ESR', 'MIN-INTERIEUR', 'MIN-JUSTICE', 'PROPRES']);
    // Every mission area of 2025 holds a personnel line of 1 or 2 people (merged per line): its
    // cost minus the other lines' would give that line back, so no mission area shows a cost.
    for (const m of board.byMission) {
      expect(m.costCents).withContext(m.key).toBeNull();
      expect(m.etpt.display).withContext(m.key).toBe(finance.byMission.find((g) => g.key === m.key)!.etpt.display);
    }
    expect(board.byMission.find((m) => m.key === 'outils_bonnes_pratiques')!.costCents).toBeNull();
  });

  it('gives the board no in-kind value per seconding employer of 1 or 2 people (CHU de Lille, Éducation nationale, Armées), but their ETPT and the total of 4 people', () => {
    expect(board.secondedInKind.map((s) => [s.employerLabel, s.headcount, s.valueCents, s.valueMasked, s.etpt.display])).toEqual([
      ['CHU de Lille', 1, null, 'fewer_than_3_people', '0,50'],
      ['Ministère de l’Éducation nationale', 1, null, 'fewer_than_3_people', '1,00'],
      ['Ministère des Armées', 2, null, 'fewer_than_3_people', '2,00'],
    ]);
    expect(board.secondedInKindTotalCents).toBe(finance.secondedInKindTotalCents);
    expect(board.secondedInKindTotalMasked).toBeNull();
    // 180 000 € × 50 % + 65 000 € + 140 000 € + 70 000 €, all year.
    expect(board.secondedInKindTotalCents).toBe(9_000_000 + 6_500_000 + 14_000_000 + 7_000_000);
    // Nothing of a masked group leaks elsewhere in the board's answer.
    const text = JSON.stringify(board);
    for (const s of finance.secondedInKind) expect(text).withContext(s.employerLabel).not.toContain(`:${s.valueCents}`);
    expect(board.people).toBeNull();
  });

  it('gives the board no cost of a budget line of 1 or 2 people: the three MIG posts merged into the MIG total, the small lines of single funders into one group, each with its head count', () => {
    // People per line in 2025 (any status): each MIG post 1, Armées 2, Éducation 2, Intérieur 2,
    // Justice 2, ressources propres 1; ESR and DGS 3 each.
    expect(finance.byLine.map((l) => [l.code, l.headcount])).toEqual([
      ['DGS-PERSONNEL', 3],
      ['EDU-PERSONNEL', 2],
      ['ESR-PERSONNEL', 3],
      ['MAD-ARMEES', 2],
      ['MAD-INTERIEUR', 2],
      ['MAD-JUSTICE', 2],
      ['MIG-AUXILIAIRE', 1],
      ['MIG-PSYCHIATRE', 1],
      ['MIG-PSYCHOLOGUE', 1],
      ['PROPRES-PERSONNEL', 1],
    ]);
    const cost = (codes: string[]) => finance.byLine.filter((l) => codes.includes(l.code)).reduce((t, l) => t + l.costCents, 0);
    // ESR-PERSONNEL has 3 people in 2025 but 2 in 2024: merged in 2024, it is merged with the same
    // lines in 2025 too (else 2025's group minus 2024's would give it back).
    const pooled = ['EDU-PERSONNEL', 'ESR-PERSONNEL', 'MAD-ARMEES', 'MAD-INTERIEUR', 'MAD-JUSTICE', 'PROPRES-PERSONNEL'];
    expect(board.byLine.map((l) => [l.code, l.headcount, l.costCents])).toEqual([
      ['DGS-PERSONNEL', 3, cost(['DGS-PERSONNEL'])],
      ['PERSONNEL-MIG-H15', 3, cost(['MIG-AUXILIAIRE', 'MIG-PSYCHIATRE', 'MIG-PSYCHOLOGUE'])],
      ['PERSONNEL-REGROUPE', 11, cost(pooled)],
    ]);
    expect(board.staffCostNote).toContain('au moins 3 personnes');
    // No line of fewer than 3 people, nor the difference of two amounts the board reads, is such a line's cost.
    const printed = [...JSON.stringify(board).matchAll(/-?\d+/g)].map((m) => Number(m[0]));
    const printedSet = new Set(printed);
    for (const l of finance.byLine.filter((x) => x.headcount < 3)) {
      expect(printedSet.has(l.costCents)).withContext(l.code).toBeFalse();
      const pair = printed.find((a) => printedSet.has(a - l.costCents));
      expect(pair === undefined ? null : [pair, pair - l.costCents, l.costCents]).withContext(`${l.code} by subtraction`).toBeNull();
    }
  });

  it('shows finance and administrators every cost and every line with its head count', () => {
    expect(finance.detail).toBe('full');
    for (const g of [...finance.byFunder, ...finance.byMission]) {
      expect(g.costCents).withContext(g.label).not.toBeNull();
      expect(g.costMasked).withContext(g.label).toBeNull();
    }
    expect(finance.secondedInKind.map((s) => s.valueCents)).toEqual([9_000_000, 6_500_000, 21_000_000]);
    expect(finance.byFunder.reduce((t, f) => t + f.costCents!, 0)).toBe(finance.totalCostCents);
    expect(finance.staffCostNote).toBeNull();
    expect(board.headcount).toBe(15);
    expect(board.totalEtpt).toEqual(finance.totalEtpt);
  });
});
