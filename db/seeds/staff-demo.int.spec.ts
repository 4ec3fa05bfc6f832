import { checkAllocationCoverage } from '@cn2r/shared';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database.js';
import { StaffService } from '../../server/src/features/staff/staff-service.js';
import { systemActor } from '../../server/src/features/auth/actor.js';
import { seedBudgetDemo } from './budget-demo.js';
import { seedStaffDemo } from './staff-demo.js';

const TODAY = '2026-11-23';

describe('staff demo seed', () => {
  let db: TestDatabase;
  let seeded: Awaited<ReturnType<typeof seedStaffDemo>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedBudgetDemo(db.knex, { today: TODAY });
    seeded = await seedStaffDemo(db.knex, { today: TODAY });
  });
  afterAll(() => db.drop());

  it('seeds fifteen people whose allocations cover every assignment at 100 %, and does nothing the second time', async () => {
    expect(seeded).toEqual({ members: 15, assignments: 15, allocations: jasmine.any(Number) });
    const assignments = await db.knex('staff_assignments');
    for (const a of assignments) {
      const allocations = await db.knex('staff_allocations').where({ assignment_id: a.id });
      const problems = checkAllocationCoverage({ start: a.start_on, end: a.end_on }, allocations.map((r) => ({ from: r.from_on, to: r.to_on, shareBp: r.share_bp })));
      expect(problems).withContext(a.position_label).toEqual([]);
    }
    expect(await seedStaffDemo(db.knex, { today: TODAY })).toBeNull();
    expect(Number((await db.knex('staff_members').count({ n: '*' }))[0].n)).toBe(15);
  });

  it('gives the summaries of DOMAIN.md: the psychiatrist recruited on 1 March (0,84 ETPT, 100 602,74 €), the psychologist at 80 % (51 428,57 €)', async () => {
    const staff = new StaffService(db.knex);
    const actor = { ...systemActor('tests'), role: 'finance' as const };
    const first = await staff.summary(actor, 2024);
    const cost = (code: string) => first.byLine.find((l) => l.code === code)?.costCents;
    // 2024 is a leap year: 306 days of 366 for the psychiatrist.
    expect(cost('MIG-PSYCHIATRE')).toBe(10_032_787);
    expect(cost('MIG-PSYCHOLOGUE')).toBe(5_142_857);
    expect(cost('MIG-AUXILIAIRE')).toBe(6_000_000);
    const second = await staff.summary(actor, 2025);
    expect(second.byLine.find((l) => l.code === 'MIG-PSYCHIATRE')?.costCents).toBe(12_000_000);
    expect(first.migPosts.find((p) => p.post === 'psychiatrist')?.vacancies).toEqual([{ from: '2024-01-01', to: '2024-02-29', days: 60 }]);
    expect(second.headcount).toBe(15);
    expect(second.byLine.reduce((t, l) => t + l.costCents, 0)).toBe(second.totalCostCents);
    expect(second.secondedInKind.map((s) => s.employerLabel)).toEqual(['CHU de Lille', 'Ministère de l’Éducation nationale', 'Ministère des Armées']);
    expect(second.ceiling.ceilingEtptBp).toBe(110_000);
    expect(second.otherInKindTotalCents).toBe(19_200_000);
  });
});
