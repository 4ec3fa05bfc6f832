import { seedDemo } from '@cn2r/db';
import type { AnnualBudgetStatements } from '@cn2r/shared';
import type { TestDatabase } from '../../testing/test-database.js';
import { type TestClient, bodyOf, signInFixtures, startFixtureApp } from '../../testing/test-app.js';
import { hashPassword } from '../auth/password-hasher.js';

/**
 * The GBCP statements of the financial summary, on the demo seeded as of 20 November 2026 (report
 * year 2025), each checked against the rows and against the pages that show the same figures: the
 * receipts (collected), the execution (CP paid), the commitments and payments (restes à payer), the
 * staff summary (ETPT under and outside the ceiling), the opening cash.
 */
const TODAY = '2026-11-20';
const YEAR = 2025;

describe('financial summary: the budget statements agree with the rows and the pages', () => {
  let db: TestDatabase;
  let finance: TestClient;
  let statements: AnnualBudgetStatements;

  const sum = async (query: Promise<{ cents: string | number | null }[]>) => Number((await query)[0].cents ?? 0);

  beforeAll(async () => {
    const started = await startFixtureApp((knex) => seedDemo(knex, hashPassword, { today: TODAY }));
    db = started.db;
    ({ finance } = await signInFixtures(started.app.app, started.fx, 'finance'));
    statements = (await bodyOf(finance.get(`/api/reports/${YEAR}/financial`), 200)).statements;
  }, 240_000);
  afterAll(() => db.drop());

  it('solde budgétaire = receipts collected − CP paid, as the receipts page and the execution say', async () => {
    const collected = await sum(db.knex('funding_receipts').where({ year: YEAR }).sum({ cents: 'amount_cents' }));
    const paid = await sum(db.knex('payments as p').join('budget_lines as l', 'l.id', 'p.line_id').where('l.year', YEAR).sum({ cents: 'p.amount_cents' }));
    const receipts = (await finance.get(`/api/budget/receipts?year=${YEAR}`)).body;
    const execution = (await finance.get(`/api/budget/${YEAR}/execution?asOf=${YEAR}-12-31`)).body;
    expect(collected).toBeGreaterThan(0);
    expect([receipts.collectedCents, execution.total.paidCents]).toEqual([collected, paid]);
    expect(statements.balance[0]).toEqual({ year: YEAR, collectedCents: collected, paidCents: paid, balanceCents: collected - paid });
    expect(statements.revenueByOrigin.reduce((s, r) => s + r.collectedCents, 0)).toBe(collected);
    // 2025 is closed and fully collected: every cash source collected what it was notified.
    expect(statements.revenueByOrigin.map((r) => r.collectedCents)).toEqual(statements.revenueByOrigin.map((r) => r.notifiedCents));
  });

  it('restes à payer = commitments − payments on them, per envelope', async () => {
    for (const row of statements.remainingToPay) {
      const committed = await sum(db.knex('commitments as c').join('budget_lines as l', 'l.id', 'c.line_id').where({ 'l.year': YEAR, 'l.envelope': row.key }).sum({ cents: 'c.amount_cents' }));
      const paidOn = await sum(
        db.knex('payments as p').join('budget_lines as l', 'l.id', 'p.line_id').where({ 'l.year': YEAR, 'l.envelope': row.key }).whereNotNull('p.commitment_id').sum({ cents: 'p.amount_cents' }),
      );
      expect(row).withContext(row.key).toEqual(jasmine.objectContaining({ committedCents: committed, paidOnCommitmentsCents: paidOn, remainingCents: committed - paidOn }));
    }
    expect(statements.migRemainingToPay).not.toBeNull();
  });

  it('ETPT under and outside the ceiling are those of the staff summary', async () => {
    const summary = (await finance.get(`/api/staff/${YEAR}/summary`)).body;
    expect(statements.employment.underCeilingEtpt.display).toBe(summary.ceiling.paidByGroupingEtpt.display);
    expect(statements.employment.outsideCeilingEtpt.display).toBe(summary.ceiling.secondedWithoutReimbursementEtpt.display);
    expect(statements.employment.ceilingEtptBp).toBe(summary.ceiling.ceilingEtptBp);
    expect(statements.employment.underCeilingHeadcount + statements.employment.outsideCeilingHeadcount).toBe(summary.headcount);
  });

  it('équilibre financier: the cash on 31 December of 2024 is the cash on 1 January 2025', async () => {
    const y = statements.financialBalance.find((b) => b.year === YEAR)!;
    const previous = statements.financialBalance.find((b) => b.year === YEAR - 1)!;
    expect(y.openingCashCents).toBe(previous.closingCashCents);
    expect(y.closingCashCents).toBe(y.openingCashCents! + y.balanceCents);
    expect((await finance.get(`/api/budget/receipts?year=${YEAR}`)).body.openingCash.amountCents).toBe(y.openingCashCents);
  });
});
