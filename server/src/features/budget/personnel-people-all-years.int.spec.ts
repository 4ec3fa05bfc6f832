import { seedDemo } from '@cn2r/db';
import { hashPassword } from '../auth/password-hasher.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { PersonnelDisclosureRepository } from './personnel-disclosure.js';

/**
 * The people of each personnel line read for every year in one query (`peopleByLineAllYears`, what
 * the board's plan of merged lines reads) are those read year by year (`peopleByLine`): the demo's
 * years, plus assignments and allocations that end the day before a year, start the day after it,
 * span several years or have no end, on a line of each year.
 */
describe('the people of the personnel lines, every year in one query', () => {
  let db: TestDatabase;
  const repo = new PersonnelDisclosureRepository();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.knex, hashPassword, { today: '2026-11-20' });
    const knex = db.knex;
    const years: number[] = (await knex('fiscal_years').orderBy('year').pluck('year')).map(Number);
    expect(years.length).toBeGreaterThanOrEqual(2);
    const source = await knex('funding_sources').first('id');
    const area = await knex('mission_areas').first('code');
    // A person per boundary case, each allocated to a line of every year.
    const cases: { status: string; start: string; end: string | null; from: (y: number) => string; to: (y: number) => string | null }[] = [
      { status: 'own', start: `${years[0]}-01-01`, end: `${years[0]}-12-31`, from: (y) => `${y}-01-01`, to: (y) => `${y}-12-31` },
      { status: 'own', start: `${years[0] + 1}-01-01`, end: null, from: (y) => `${y}-01-01`, to: () => null },
      { status: 'seconded_with_reimbursement', start: `${years[0]}-06-30`, end: null, from: (y) => `${y - 1}-12-31`, to: (y) => `${y - 1}-12-31` },
      { status: 'seconded_without', start: `${years[0]}-01-01`, end: null, from: (y) => `${y}-12-31`, to: () => null },
      { status: 'own', start: `${years[0]}-01-01`, end: null, from: (y) => `${y + 1}-01-01`, to: () => null },
    ];
    for (const [i, c] of cases.entries()) {
      const [member] = await knex('staff_members').insert({ name: `Cas limite ${i}`, category: 'psychologist', employer_label: 'GIP', employer_kind: 'grouping', status: c.status }).returning('id');
      const [assignment] = await knex('staff_assignments')
        .insert({ staff_member_id: member.id, position_label: 'Poste', start_on: c.start, end_on: c.end, quotite_bp: 10_000, annual_cost_cents: 5_000_000 })
        .returning('id');
      for (const year of years) {
        const [line] = await knex('budget_lines')
          .insert({ year, code: `CAS-${i}`, label: `Cas limite ${i}`, envelope: 'personnel', mission_area: area.code, funding_source_id: source.id })
          .returning('id');
        await knex('staff_allocations').insert({ assignment_id: assignment.id, from_on: c.from(year), to_on: c.to(year), share_bp: 10_000, budget_line_id: line.id, funding_source_id: source.id, mission_area: area.code });
      }
    }
  });

  afterAll(async () => db.drop());

  for (const which of ['paid', 'all'] as const) {
    it(`gives each year what the year's own query gives (${which})`, async () => {
      const years: number[] = (await db.knex('fiscal_years').orderBy('year').pluck('year')).map(Number);
      const all = await repo.peopleByLineAllYears(db.knex, which);
      const sorted = (m: ReadonlyMap<number, number[]> | undefined) => [...(m ?? new Map<number, number[]>()).entries()].map(([line, people]) => [line, [...people].sort((a, b) => a - b)]).sort((a, b) => Number(a[0]) - Number(b[0]));
      let people = 0;
      for (const year of years) {
        const own = await repo.peopleByLine(db.knex, year, which);
        expect(sorted(all.get(year))).withContext(`${year}`).toEqual(sorted(own));
        people += [...own.values()].reduce((n, p) => n + p.length, 0);
      }
      expect([...all.keys()].every((y) => years.includes(y))).toBeTrue();
      expect(people).toBeGreaterThan(0);
    });
  }
});
