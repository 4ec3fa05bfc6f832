import { seedDemo } from '@cn2r/db';
import type { AnnualBudgetStatements, AnnualMigH15Section } from '@cn2r/shared';
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
  let migH15: AnnualMigH15Section;

  const sum = async (query: Promise<{ cents: string | number | null }[]>) => Number((await query)[0].cents ?? 0);

  beforeAll(async () => {
    const started = await startFixtureApp((knex) => seedDemo(knex, hashPassword, { today: TODAY }));
    db = started.db;
    ({ finance } = await signInFixtures(started.app.app, started.fx, 'finance'));
    ({ statements, migH15 } = await bodyOf(finance.get(`/api/reports/${YEAR}/financial`), 200));
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

  it('the MIG H15 credits: open after the transfer, per line, add up to the execution of the MIG; restes à payer add up to the statement’s', async () => {
    const credits = migH15.credits!;
    const execution = (await finance.get(`/api/budget/${YEAR}/execution?asOf=${YEAR}-12-31`)).body;
    const migGroup = execution.byFundingSource.find((g: { key: string }) => g.key === 'MIG-H15');
    expect(credits.reduce((s, c) => s + c.openCents, 0)).toBe(migGroup.openCpCents);
    // Transfers move credits between lines: within the MIG they add up to what left or entered it.
    const moved = await sum(
      db.knex('budget_decision_entries as e').join('budget_decisions as d', 'd.id', 'e.decision_id').join('budget_lines as l', 'l.id', 'e.line_id').join('funding_sources as f', 'f.id', 'l.funding_source_id')
        .where({ 'd.year': YEAR, 'd.kind': 'transfer', 'd.status': 'adopted', 'f.code': 'MIG-H15' }).sum({ cents: 'e.cp_delta_cents' }),
    );
    expect(credits.reduce((s, c) => s + c.movedCents, 0)).toBe(moved);
    for (const c of credits) expect(c.openCents - c.initialCents - c.movedCents).withContext(c.key).toBeGreaterThanOrEqual(0);
    // The rows shown (posts of 3 people or more, the merged posts, operating costs) hold all the MIG's spending, once.
    const shown = credits.filter((c) => !c.masked);
    expect(credits.find((c) => c.key === 'personnel')?.masked ?? false).toBeFalse();
    expect(shown.reduce((s, c) => s + c.paidCents!, 0)).toBe(migGroup.paidCents);
    expect(shown.reduce((s, c) => s + c.remainingToPayCents!, 0)).toBe(statements.migRemainingToPay!.remainingCents);
    // Posts held by fewer than 3 people show their credits, never their spending.
    for (const c of credits.filter((c) => c.masked)) expect([c.committedCents, c.paidCents, c.remainingToPayCents]).toEqual([null, null, null]);
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
