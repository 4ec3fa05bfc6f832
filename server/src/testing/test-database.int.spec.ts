import { createTestDatabase, type TestDatabase } from './test-database.js';

/** The test database must read values back exactly as the production database handle does. */
describe('test database', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('is migrated and empty', async () => {
    const tables = await db.knex('pg_tables').where({ schemaname: 'public' }).orderBy('tablename').pluck('tablename');
    expect(tables).toEqual(jasmine.arrayContaining(['audit_log', 'login_attempts', 'sessions', 'units', 'user_units', 'users']));
    expect(await db.knex('users').count<{ n: number }[]>('* as n')).toEqual([{ n: 0 }]);
  });

  it('parses int8 as a JS number and date as a YYYY-MM-DD string, like the production handle', async () => {
    const { rows } = await db.knex.raw(`SELECT count(*) AS n, 42::int8 AS big, '2024-02-29'::date AS d, NULL::date AS none`);
    expect(rows).toEqual([{ n: 1, big: 42, d: '2024-02-29', none: null }]);
  });

  it('refuses an int8 beyond 2^53 instead of losing precision', async () => {
    await expectAsync(db.knex.raw(`SELECT 9007199254740993::int8 AS big`)).toBeRejectedWithError(/hors de la plage sûre/);
  });

  it('gives each call its own database', async () => {
    const other = await createTestDatabase();
    try {
      await other.knex('units').insert({ code: 'ISOLE', name: 'Isolé', region: 'R', kind: 'crp', opened_on: '2020-01-01' });
      expect(await other.knex('units').pluck('code')).toEqual(['ISOLE']);
      expect(await db.knex('units').pluck('code')).toEqual([]);
    } finally {
      await other.drop();
    }
  });
});
