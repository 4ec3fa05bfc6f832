import { seedDemo } from '@cn2r/db';
import { hashPassword } from '../auth/password-hasher.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildTestServices, statementsOf } from '../../testing/test-app.js';
import { BudgetReading } from './budget-service-base.js';

/**
 * One reading (a report's data) reads the budget's reference data once for all its figures: every
 * execution and personnel plan read within it equals the one read on its own, with fewer queries.
 */
describe('a budget reading', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.knex, hashPassword, { today: '2026-11-20' });
  }, 180_000);

  afterAll(async () => db.drop());

  it('gives the executions and personnel plans of every year and view as read on their own, in fewer queries', async () => {
    const execution = buildTestServices(db.knex).budget.execution;
    const years: number[] = (await db.knex('fiscal_years').orderBy('year').pluck('year')).map(Number);
    const asked = [...years, years[0] - 1].flatMap((year) => (['detail', 'board'] as const).map((view) => ({ year, view })));
    const alone: { execution: unknown; plan: unknown }[] = [];
    const aloneQueries = await statementsOf(db.knex, async () => {
      for (const { year, view } of asked) alone.push({ execution: await execution.atYearEnd(year, view), plan: await execution.personnelDisclosure(year) });
    });
    const reading = new BudgetReading();
    let within: unknown[] = [];
    const readingQueries = await statementsOf(db.knex, async () => {
      within = await Promise.all(asked.map(async ({ year, view }) => ({ execution: await execution.atYearEnd(year, view, reading), plan: await execution.personnelDisclosure(year, reading) })));
    });
    expect(within).toEqual(alone);
    expect(alone.filter((a) => a.execution !== null).length).toBe(years.length * 2);
    expect(alone.at(-1)!.execution).withContext('the year before the first fiscal year').toBeNull();
    expect(readingQueries.length).toBeLessThan(aloneQueries.length / 2);
  });
});
