import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database.js';
import { buildTestServices } from '../../server/src/testing/test-app.js';
import { InKindValuations } from '../../server/src/features/staff/in-kind-valuation.js';
import { seedBudgetDemo } from './budget-demo.js';
import { seedStaffDemo } from './staff-demo.js';

const TODAY = '2026-11-23';

describe('budget demo seed', () => {
  let db: TestDatabase;
  let summary: Awaited<ReturnType<typeof seedBudgetDemo>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    summary = await seedBudgetDemo(db.knex, { today: TODAY });
  });
  afterAll(() => db.drop());

  it('seeds three fiscal years (the two past ones closed), and does nothing the second time', async () => {
    expect(summary).toEqual({ fiscalYears: 3, fundingSources: 8, lines: 48, decisions: 9, commitments: jasmine.any(Number), payments: jasmine.any(Number), receipts: jasmine.any(Number) });
    expect(await db.knex('fiscal_years').orderBy('year').select('year', 'status')).toEqual([
      { year: 2024, status: 'closed' },
      { year: 2025, status: 'closed' },
      { year: 2026, status: 'open' },
    ]);
    const before = await db.knex('payments').count<{ n: number }[]>('* as n');
    expect(await seedBudgetDemo(db.knex, { today: TODAY })).toBeNull();
    expect(await db.knex('payments').count<{ n: number }[]>('* as n')).toEqual(before);
  });

  it('collects the cash sources as notified in the closed years, the MIG H15 in two halves, and nothing from an in-kind source', async () => {
    const collected = async (year: number) =>
      new Map(
        (await db.knex('funding_receipts as r').join('funding_sources as s', 's.id', 'r.funding_source_id').where('r.year', year).groupBy('s.code').select('s.code').sum({ cents: 'r.amount_cents' })).map((r: Record<string, unknown>) => [
          r.code as string,
          Number(r.cents),
        ]),
      );
    const notified = new Map(
      (await db.knex('funding_notifications as n').join('funding_sources as s', 's.id', 'n.funding_source_id').where({ 'n.year': 2025, 's.in_kind': false }).select('s.code', 'n.amount_cents')).map((r) => [
        r.code as string,
        Number(r.amount_cents),
      ]),
    );
    expect(await collected(2025)).toEqual(notified);
    expect((await collected(2024)).get('PROPRES')).toBe(2_500_000);
    expect((await collected(2024)).has('MIN-ARMEES')).toBeFalse();
    expect(await db.knex('funding_receipts as r').join('funding_sources as s', 's.id', 'r.funding_source_id').where({ 'r.year': 2025, 's.code': 'MIG-H15' }).orderBy('r.received_on').select('r.received_on', 'r.amount_cents')).toEqual([
      { received_on: '2025-04-15', amount_cents: 14_000_000 },
      { received_on: '2025-10-15', amount_cents: 14_000_000 },
    ]);
  });

  it('has the MIG H15 lines of docs/domain/money.md and about 1,2 M€ of ministries’ contributions, mostly seconded staff', async () => {
    const bi = await db.knex('budget_decision_entries as e')
      .join('budget_decisions as d', 'd.id', 'e.decision_id')
      .join('budget_lines as l', 'l.id', 'e.line_id')
      .where({ 'd.year': 2026, 'd.code': 'BI' })
      .select('l.code', 'e.ae_delta_cents');
    const amount = (code: string) => bi.find((r) => r.code === code)?.ae_delta_cents;
    expect([amount('MIG-PSYCHIATRE'), amount('MIG-PSYCHOLOGUE'), amount('MIG-AUXILIAIRE'), amount('MIG-FONCTIONNEMENT')]).toEqual([12_000_000, 6_000_000, 6_000_000, 4_000_000]);
    const notified = await db.knex('funding_notifications as n').join('funding_sources as s', 's.id', 'n.funding_source_id').where('n.year', 2026).select('s.code', 's.nature', 's.in_kind', 'n.amount_cents');
    // No typed amount for the in-kind source: its contribution is the staff records' valuation
    // (the Armées' two people seconded without reimbursement, 140 000 € + 70 000 €).
    expect(notified.filter((r) => r.in_kind)).toEqual([]);
    await seedStaffDemo(db.knex, { today: TODAY });
    const armees = (await db.knex('funding_sources').where({ code: 'MIN-ARMEES' }).first('id')).id;
    const valued = await new InKindValuations().ofYear(db.knex, 2026, 'full');
    expect([...valued.keys()]).toEqual([armees]);
    expect(valued.get(armees)!.valueCents).toBe(21_000_000);
    const ministries = [
      ...notified.filter((r) => String(r.code).startsWith('MIN-')).map((r) => ({ nature: r.nature, cents: Number(r.amount_cents) })),
      { nature: 'seconded_staff', cents: valued.get(armees)!.valueCents! },
    ];
    const total = ministries.reduce((sum, r) => sum + r.cents, 0);
    const seconded = ministries.filter((r) => r.nature === 'seconded_staff').reduce((sum, r) => sum + r.cents, 0);
    expect(total).toBeGreaterThan(110_000_000);
    expect(total).toBeLessThan(130_000_000);
    expect(seconded * 2).toBeGreaterThan(total);
    expect(notified.find((r) => r.code === 'MIG-H15')?.amount_cents).toBe(28_000_000);
  });

  it('has a BI, one BR and one transfer each year, and respects every rule the API enforces', async () => {
    const codes = await db.knex('budget_decisions').orderBy(['year', 'code']).select('year', 'code', 'status');
    expect(codes.map((d) => `${d.year}:${d.code}:${d.status}`)).toEqual(
      [2024, 2025, 2026].flatMap((y) => [`${y}:BI:adopted`, `${y}:BR1:adopted`, `${y}:VIR1:adopted`]),
    );
    const { budget } = buildTestServices(db.knex);
    for (const year of [2024, 2025, 2026]) {
      const execution = await budget.execution.execution(year, TODAY);
      for (const line of execution.lines) {
        expect(line.leftAeCents).withContext(`${year} ${line.code} AE`).toBeGreaterThanOrEqual(0);
        expect(line.leftCpCents).withContext(`${year} ${line.code} CP`).toBeGreaterThanOrEqual(0);
        if (line.envelope === 'personnel') expect(line.openAeCents).withContext(`${year} ${line.code}`).toBe(line.openCpCents);
        expect(line.alerts.filter((a) => a.level === 'blocking')).withContext(`${year} ${line.code}`).toEqual([]);
      }
      const paid = await budget.entries.listCommitments(year);
      for (const c of paid.filter((c) => c.reversesId === null)) expect(c.paidCents).withContext(`commitment ${c.id}`).toBeLessThanOrEqual(c.amountCents);
      expect(execution.total.committedCents).toBeGreaterThan(0);
      expect(execution.total.paidCents).toBeGreaterThan(0);
    }
    const reversal = await db.knex('payments').whereNotNull('reverses_id');
    expect(reversal.length).toBe(1);
    expect(reversal[0].amount_cents).toBeLessThan(0);
  });

  it('is deterministic: the same day gives the same amounts', async () => {
    const other = await createTestDatabase();
    try {
      await seedBudgetDemo(other.knex, { today: TODAY });
      const amounts = (knex: typeof db.knex) => knex('payments').orderBy('id').select('paid_on', 'kind', 'reference', 'amount_cents');
      expect(await amounts(other.knex)).toEqual(await amounts(db.knex));
    } finally {
      await other.drop();
    }
  });
});
