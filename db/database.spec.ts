import type { Knex } from 'knex';
import { knexOnPglite, knexOnServer, migrateToLatest, openPglite, parseInt8, redactUrl } from './database.js';
import { migrationSource } from './migrations/index.js';

describe('parseInt8', () => {
  const safe: [string, number][] = [
    ['0', 0],
    ['42', 42],
    ['-17', -17],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['-9007199254740991', Number.MIN_SAFE_INTEGER],
  ];
  for (const [text, value] of safe) {
    it(`reads ${text} as the number ${value}`, () => {
      expect(parseInt8(text)).toBe(value);
    });
  }

  for (const text of ['9007199254740992', '-9007199254740992', '9223372036854775807', '-9223372036854775808']) {
    it(`refuses ${text}, beyond 2^53, with a RangeError naming the value`, () => {
      expect(() => parseInt8(text)).toThrowMatching((e: unknown) => e instanceof RangeError && e.message === `Entier 64 bits hors de la plage sûre : ${text}`);
    });
  }
});

describe('redactUrl', () => {
  it('hides the password of a server URL and keeps the rest', () => {
    expect(redactUrl('postgres://cn2r:s3cret@db.example:5432/cn2r')).toBe('postgres://cn2r:***@db.example:5432/cn2r');
    expect(redactUrl('postgres://cn2r@db.example/cn2r')).toBe('postgres://cn2r@db.example/cn2r');
    expect(redactUrl('pas une url')).toBe('(URL de base de données illisible)');
  });
});

/** The value types every engine must agree on; `open` gives a handle the caller destroys. */
function describeValueTypes(handle: () => Knex): void {
  it('reads count(*) and other int8 values as JS numbers', async () => {
    const { rows } = await handle().raw(`SELECT count(*) AS n, sum(x)::int8 AS total, 9007199254740991::int8 AS max FROM (VALUES (1), (2), (3)) AS t(x)`);
    expect(rows).toEqual([{ n: 3, total: 6, max: Number.MAX_SAFE_INTEGER }]);
    expect(typeof rows[0].n).toBe('number');
  });

  it('refuses an int8 beyond 2^53 rather than return a wrong number', async () => {
    await expectAsync(handle().raw(`SELECT 9007199254740993::int8 AS big`)).toBeRejectedWithError(/hors de la plage sûre : 9007199254740993/);
  });

  it('writes and reads bytea as a Buffer, every byte value kept, empty and large alike', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const large = Buffer.alloc(300_000);
    for (let i = 0; i < large.length; i++) large[i] = (i * 7919) % 251;
    // A view into a larger buffer: only its own bytes are written.
    const view = Buffer.from('xxabcxx').subarray(2, 5);
    const { rows } = await handle().raw(`SELECT ?::bytea AS all, ?::bytea AS empty, ?::bytea AS large, ?::bytea AS view, length(?::bytea) AS n, NULL::bytea AS none`, [all, Buffer.alloc(0), large, view, large]);
    expect(Buffer.isBuffer(rows[0].all)).toBeTrue();
    expect(rows[0].all.equals(all)).toBeTrue();
    expect(rows[0].empty.length).toBe(0);
    expect(rows[0].large.equals(large)).toBeTrue();
    expect(rows[0].view.toString()).toBe('abc');
    expect(rows[0].n).toBe(300_000);
    expect(rows[0].none).toBeNull();
  });

  it('reads a date column as a YYYY-MM-DD string, whatever the session time zone', async () => {
    const { rows } = await handle().raw(`SELECT '2024-02-29'::date AS leap, '1999-12-31'::date AS eve, NULL::date AS none`);
    expect(rows).toEqual([{ leap: '2024-02-29', eve: '1999-12-31', none: null }]);
    await handle().transaction(async (trx) => {
      await trx.raw(`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`);
      const { rows: far } = await trx.raw(`SELECT '2026-01-01'::date AS d`);
      expect(far).toEqual([{ d: '2026-01-01' }]);
    });
  });
}

describe('embedded database (PGlite)', () => {
  let knex: Knex;

  beforeAll(async () => {
    knex = knexOnPglite(await openPglite());
  });
  afterAll(() => knex.destroy());

  describe('value types', () => describeValueTypes(() => knex));

  describe('migrations', () => {
    const userTables = async () =>
      (await knex('pg_tables').where({ schemaname: 'public' }).whereNotIn('tablename', ['knex_migrations', 'knex_migrations_lock']).orderBy('tablename').pluck('tablename')) as string[];
    const triggerFunction = async () => (await knex('pg_proc').where({ proname: 'audit_log_append_only' }).count<{ n: number }[]>('* as n'))[0].n;
    const columns = () =>
      knex('information_schema.columns').where({ table_schema: 'public' }).orderBy(['table_name', 'column_name']).select('table_name', 'column_name', 'data_type', 'is_nullable');

    it('migrates to the latest version, then finds nothing more to apply', async () => {
      const names = await migrationSource.getMigrations([]);
      expect(names.length).toBeGreaterThanOrEqual(5);
      const applied = await migrateToLatest(knex);
      // Another spec of this block may have migrated first (random order): then nothing is left.
      expect(applied.length === 0 || JSON.stringify(applied) === JSON.stringify(names)).withContext(applied.join(', ')).toBeTrue();
      expect(await userTables()).toEqual(jasmine.arrayContaining(['audit_log', 'login_attempts', 'sessions', 'units', 'user_units', 'users']));
      expect(await migrateToLatest(knex)).toEqual([]);
    });

    it('rolls every migration back, then up again, with the same schema and a working trigger', async () => {
      await migrateToLatest(knex);
      const columnsBefore = await columns();

      const [, rolledBack] = (await knex.migrate.rollback({ migrationSource }, true)) as [number, string[]];
      expect(rolledBack.length).toBe((await migrationSource.getMigrations([])).length);
      expect(await userTables()).toEqual([]);
      expect(await triggerFunction()).toBe(0);
      expect(await knex('knex_migrations').count<{ n: number }[]>('* as n')).toEqual([{ n: 0 }]);

      const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
      expect(applied).toEqual(await migrationSource.getMigrations([]));
      expect(await columns()).toEqual(columnsBefore);
      expect(await triggerFunction()).toBe(1);

      const [row] = await knex('audit_log').insert({ action: 'essai', entity_type: 'essai' }).returning('id');
      await expectAsync(knex('audit_log').where({ id: row.id }).delete()).toBeRejectedWithError(/append-only/);
    });

    it('keeps the rules in the schema itself (CHECK constraints refuse bad rows)', async () => {
      await migrateToLatest(knex);
      await expectAsync(knex('units').insert({ code: 'X1', name: 'X', region: 'R', kind: 'crp', opened_on: '2020-01-02', closed_on: '2020-01-01' })).toBeRejectedWithError(/units_dates_check/);
      await expectAsync(knex('units').insert({ code: 'X2', name: 'X', region: 'R', kind: 'hopital', opened_on: '2020-01-02' })).toBeRejectedWithError(/units_kind_check/);
      await expectAsync(knex('users').insert({ email: 'Majuscule@test.local', display_name: 'M', role: 'board', password_hash: 'x' })).toBeRejectedWithError(/users_email_lower_check/);
      await expectAsync(knex('users').insert({ email: 'role@test.local', display_name: 'M', role: 'root', password_hash: 'x' })).toBeRejectedWithError(/users_role_check/);
    });
  });
});

if (process.env.TEST_DATABASE_URL) {
  describe('PostgreSQL server (TEST_DATABASE_URL)', () => {
    let knex: Knex;

    beforeAll(() => {
      knex = knexOnServer(process.env.TEST_DATABASE_URL!, 1);
    });
    afterAll(() => knex.destroy());

    describe('value types', () => describeValueTypes(() => knex));
  });
}
