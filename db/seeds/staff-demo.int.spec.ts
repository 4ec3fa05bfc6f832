import { checkAllocationCoverage } from '@cn2r/shared';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database.js';
import { StaffRepository } from '../../server/src/features/staff/staff-repository.js';
import { buildStaffSummary } from '../../server/src/features/staff/staff-summary.js';
import { systemActor } from '../../server/src/features/auth/actor.js';
import { buildTestServices } from '../../server/src/testing/test-app.js';
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

  it('gives the summaries of docs/domain/money.md: the psychiatrist recruited on 1 March (0,84 ETPT, 100 602,74 €), the psychologist at 80 % (51 428,57 €)', async () => {
    const { staff } = buildTestServices(db.knex);
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

  it('reconciles to the cent: per year and line, payroll = cost of own staff, reimbursements = cost of staff seconded with reimbursement, for the months elapsed; in-kind staff are not paid', async () => {
    const { staff } = buildTestServices(db.knex);
    const repo = new StaffRepository();
    const actor = { ...systemActor('tests'), role: 'finance' as const };
    const personnel = new Set((await db.knex('budget_lines').where({ envelope: 'personnel' }).distinct('code')).map((r) => r.code as string));
    for (const year of [2024, 2025, 2026]) {
      // Months elapsed: all twelve in a past year, up to the last full month (October) in 2026.
      const cutoff = year < 2026 ? `${year}-12-31` : '2026-10-31';
      const rows = (await repo.yearRows(db.knex, year)).map((r) => ({ ...r, endOn: r.endOn === null || r.endOn > cutoff ? cutoff : r.endOn }));
      const costs = (status: string) => {
        const s = buildStaffSummary({ year, rows: rows.filter((r) => r.status === status && r.startOn <= cutoff), ceiling: undefined, otherInKindTotalCents: 0, detail: 'full' });
        return new Map(s.byLine.map((l) => [l.code, l.costCents]));
      };
      const own = costs('own');
      const reimbursed = costs('seconded_with_reimbursement');
      const inKind = costs('seconded_without');
      const paid = await db.knex('payments as p')
        .join('budget_lines as l', 'l.id', 'p.line_id')
        .where('l.year', year)
        .where('p.paid_on', '<=', cutoff)
        .whereIn('p.kind', ['payroll', 'seconded_reimbursement'])
        .groupBy('l.code', 'p.kind')
        .select('l.code', 'p.kind')
        .sum({ cents: 'p.amount_cents' })
        .then((r) => r as unknown as { code: string; kind: string; cents: string | number }[]);
      const payment = (code: string, kind: string) => Number(paid.find((r) => r.code === code && r.kind === kind)?.cents ?? 0);
      for (const code of new Set([...own.keys(), ...reimbursed.keys(), ...inKind.keys(), ...paid.map((r) => r.code as string)])) {
        expect(personnel.has(code)).withContext(`${year} ${code}: staff and their pay on a personnel line`).toBeTrue();
        expect(payment(code, 'payroll')).withContext(`${year} ${code} payroll`).toBe(own.get(code) ?? 0);
        expect(payment(code, 'seconded_reimbursement')).withContext(`${year} ${code} reimbursements`).toBe(reimbursed.get(code) ?? 0);
      }
      // Not vacuous: the psychiatrist's pay (2024: from 1 March, 306 days of 366; 2026: January to October, 304 days of 365) and the magistrates' reimbursements.
      expect(payment('MIG-PSYCHIATRE', 'payroll')).withContext(`${year}`).toBe({ 2024: 10_032_787, 2025: 12_000_000, 2026: 9_994_521 }[year]!);
      expect(payment('MAD-JUSTICE', 'seconded_reimbursement')).withContext(`${year}`).toBeGreaterThan(0);
      expect(payment('MAD-ARMEES', 'seconded_reimbursement') + payment('MAD-ARMEES', 'payroll')).withContext(`${year}: armed forces staff in kind`).toBe(0);
      // Nothing paid for staff after the cutoff; the summary’s cost per line is the paid cost plus the in-kind value.
      const later = await db.knex('payments as p').join('budget_lines as l', 'l.id', 'p.line_id').where('l.year', year).where('p.paid_on', '>', cutoff).whereIn('p.kind', ['payroll', 'seconded_reimbursement']);
      expect(later).toEqual([]);
      if (year < 2026) {
        const summary = await staff.summary(actor, year);
        for (const l of summary.byLine) {
          expect(l.costCents).withContext(`${year} ${l.code}`).toBe((own.get(l.code) ?? 0) + (reimbursed.get(l.code) ?? 0) + (inKind.get(l.code) ?? 0));
        }
      }
      // Personnel credits cover the whole year's commitment (AE = CP).
      const execution = await buildTestServices(db.knex).budget.execution.execution(year, TODAY);
      for (const line of execution.lines.filter((l) => l.envelope === 'personnel')) {
        expect(line.leftAeCents).withContext(`${year} ${line.code} AE`).toBeGreaterThanOrEqual(0);
        expect(line.openAeCents).withContext(`${year} ${line.code}`).toBe(line.openCpCents);
      }
    }
  });
});
