import type { Knex } from 'knex';
import type { App } from '../../app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { TestClient, countRows, readBytes, signInFixtures, startFixtureApp, type Fixtures } from '../../testing/test-app.js';

const CSV_HEADER = ['N°', 'Date et heure (Paris)', 'Auteur', 'Action', 'Type d’entité', 'Identifiant', 'Avant', 'Après', 'Motif', 'Requête'];

/**
 * A strict reader for the CSV the export writes: `;` separators, CRLF after every line, fields
 * quoted with doubled quotes. Anything else (a bare line break, a stray quote) throws.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (c === '"') {
      if (field !== '' || wasQuoted) throw new Error(`stray quote at ${i}`);
      quoted = wasQuoted = true;
    } else if (c === ';') {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`line break outside quotes at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      field += c;
    }
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('last line not closed by CRLF');
  return rows;
}

interface AuditSeed {
  at: string;
  actor_id?: number | null;
  actor_email?: string | null;
  action: string;
  entity_type: string;
  entity_id?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  request_id?: string | null;
}

async function seedAudit(knex: Knex, rows: AuditSeed[]): Promise<number[]> {
  const inserted = await knex('audit_log')
    .insert(
      rows.map((r) => ({
        ...r,
        before: r.before === undefined ? null : JSON.stringify(r.before),
        after: r.after === undefined ? null : JSON.stringify(r.after),
      })),
    )
    .returning('id');
  return inserted.map((r: { id: number }) => r.id);
}

describe('audit log', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  /** Ids of the four rows of type `essai`, in insertion order. */
  let essai: number[];

  const count = () => countRows(db.knex('audit_log'));
  const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ admin } = await signInFixtures(app.app, fx, 'admin'));
    essai = await seedAudit(db.knex, [
      // 23:30 in Paris on 10 March (UTC+1).
      { at: '2026-03-10T22:30:00Z', actor_id: fx.users.admin.id, actor_email: fx.users.admin.email, action: 'essai.created', entity_type: 'essai', entity_id: '1', after: { n: 1 }, request_id: 'req-essai-0001' },
      // 00:30 in Paris on 11 March.
      { at: '2026-03-10T23:30:00Z', actor_id: fx.users.finance.id, actor_email: fx.users.finance.email, action: 'essai.updated', entity_id: '1', entity_type: 'essai', before: { n: 1 }, after: { n: 2 } },
      // 23:59:59 in Paris on 1 July (UTC+2).
      { at: '2026-07-01T21:59:59Z', actor_id: fx.users.leadA.id, actor_email: fx.users.leadA.email, action: 'essai.updated', entity_type: 'essai', entity_id: '2' },
      // 00:00 in Paris on 2 July.
      { at: '2026-07-01T22:00:00Z', actor_id: null, actor_email: 'système (tests)', action: 'essai.deleted', entity_type: 'essai', entity_id: '2', reason: 'Doublon' },
    ]);
  });
  afterAll(() => db.drop());

  describe('browsing', () => {
    it('returns a page, newest first, with the total and each entry in full', async () => {
      const res = await admin.get('/api/audit?entityType=essai');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(4);
      expect(ids(res.body)).toEqual([...essai].reverse());
      expect(res.body.items[2]).toEqual({
        id: essai[1],
        at: '2026-03-10T23:30:00.000Z',
        actorId: fx.users.finance.id,
        actorEmail: 'finance@test.local',
        action: 'essai.updated',
        entityType: 'essai',
        entityId: '1',
        before: { n: 1 },
        after: { n: 2 },
        reason: null,
        requestId: null,
      });
      expect(res.body.items[0]).toEqual(jasmine.objectContaining({ actorId: null, actorEmail: 'système (tests)', reason: 'Doublon', before: null, after: null }));
    });

    it('defaults to the 50 newest rows and counts them all', async () => {
      const all = await count();
      const res = await admin.get('/api/audit');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(all);
      expect(res.body.items.length).toBe(Math.min(50, all));
      const got = ids(res.body);
      expect(got).toEqual([...got].sort((a, b) => b - a));
    });

    const cases: { title: string; query: string; expected: number[] }[] = [
      { title: 'a whole Paris day, late-evening UTC row included (from = to)', query: 'from=2026-03-11&to=2026-03-11', expected: [1] },
      { title: 'an end date, inclusive of its last Paris minute', query: 'to=2026-03-10', expected: [0] },
      { title: 'a summer day ending at 23:59:59 Paris time', query: 'from=2026-07-01&to=2026-07-01', expected: [2] },
      { title: 'a start date at Paris midnight', query: 'from=2026-07-02', expected: [3] },
      { title: 'the actor, part of the e-mail, any case', query: 'actor=FINANCE', expected: [1] },
      { title: 'the action, part of it', query: 'action=updated', expected: [2, 1] },
      { title: 'the entity id, exactly', query: 'entityId=2', expected: [3, 2] },
      { title: 'several filters at once', query: 'action=essai.updated&entityId=1&actor=finance', expected: [1] },
      { title: 'LIKE wildcards taken literally', query: 'actor=%25', expected: [] },
      { title: 'an underscore taken literally', query: 'action=essai_updated', expected: [] },
    ];
    for (const c of cases) {
      it(`filters by ${c.title}`, async () => {
        const res = await admin.get(`/api/audit?entityType=essai&${c.query}`);
        expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
        expect(ids(res.body)).toEqual(c.expected.map((i) => essai[i]));
        expect(res.body.total).toBe(c.expected.length);
      });
    }

    it('pages with limit and offset, the total counting every match', async () => {
      const res = await admin.get('/api/audit?entityType=essai&limit=2&offset=1');
      expect(res.status).toBe(200);
      expect(ids(res.body)).toEqual([essai[2], essai[1]]);
      expect(res.body.total).toBe(4);
      const beyond = await admin.get('/api/audit?entityType=essai&limit=2&offset=10');
      expect(beyond.body).toEqual({ items: [], total: 4 });
    });

    const bad: { query: string; path: string; message?: string }[] = [
      { query: 'limit=abc', path: 'limit', message: 'Nombre attendu.' },
      { query: 'limit=0', path: 'limit' },
      { query: 'limit=501', path: 'limit' },
      { query: 'limit=2.5', path: 'limit' },
      { query: 'offset=-1', path: 'offset' },
      { query: 'from=2026-02-30', path: 'from', message: 'Cette date n’existe pas.' },
      { query: 'to=hier', path: 'to', message: 'Date attendue au format AAAA-MM-JJ.' },
      { query: 'from=2026-03-02&to=2026-03-01', path: 'to', message: 'La date de fin doit suivre la date de début.' },
      { query: 'sort=at', path: '(corps)', message: 'Champ(s) non attendu(s) : sort.' },
    ];
    for (const c of bad) {
      it(`refuses ${c.query} with 422 naming \`${c.path}\``, async () => {
        for (const url of [`/api/audit?${c.query}`, `/api/audit.csv?${c.query}`]) {
          const res = await admin.get(url);
          expect(res.status).withContext(url).toBe(422);
          expect(res.body.error.code).withContext(url).toBe('validation_failed');
          expect(res.body.error.fields[0].path).withContext(url).toBe(c.path);
          if (c.message) expect(res.body.error.fields[0].message).withContext(url).toBe(c.message);
        }
      });
    }

    it('is for administrators only', async () => {
      for (const who of ['leadA', 'finance', 'board'] as const) {
        const client = await TestClient.signedIn(app.app, fx.users[who].email);
        expect((await client.get('/api/audit')).status).withContext(who).toBe(403);
        expect((await client.get('/api/audit.csv')).status).withContext(who).toBe(403);
      }
    });
  });

  describe('CSV export', () => {
    let tricky: number[];

    beforeAll(async () => {
      tricky = await seedAudit(db.knex, [
        { at: '2026-05-04T08:00:00Z', actor_email: 'alice@test.local', action: 'csv.updated', entity_type: 'csv', entity_id: '7', reason: 'motif; avec "guillemets"', before: { label: 'a;b' }, after: { label: 'c "d"' }, request_id: 'req-csv-0001' },
        { at: '2026-05-04T09:15:30Z', actor_email: '=HYPERLINK("http://evil.example")', action: '@SUM(A1)', entity_type: 'csv', entity_id: '+33', reason: '-2+3' },
        { at: '2026-12-24T23:05:00Z', actor_email: 'bob@test.local', action: 'csv.deleted', entity_type: 'csv', entity_id: '8', reason: 'sur deux\r\nlignes' },
      ]);
    });

    async function exportCsv(query: string) {
      return admin.agent.get(`/api/audit.csv?${query}`).buffer(true).parse(readBytes);
    }

    it('answers a UTF-8 CSV attachment with a byte-order mark, a French header and one line per matching row', async () => {
      const res = await exportCsv('entityType=csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?journal-audit-\d{4}-\d{2}-\d{2}\.csv"?$/);
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      expect(text.startsWith(CSV_HEADER.join(';') + '\r\n')).toBeTrue();
      const rows = parseCsv(text);
      expect(rows[0]).toEqual(CSV_HEADER);
      expect(rows.length).toBe(1 + tricky.length);
      // Oldest first, every line with every column.
      expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(tricky);
      for (const r of rows) expect(r.length).toBe(CSV_HEADER.length);
    });

    it('writes dates in Paris time and the before/after columns as JSON', async () => {
      const rows = parseCsv((await exportCsv('entityType=csv')).body.subarray(3).toString('utf8'));
      expect(rows[1]).toEqual([
        String(tricky[0]),
        '04/05/2026 10:00:00',
        'alice@test.local',
        'csv.updated',
        'csv',
        '7',
        '{"label":"a;b"}',
        '{"label":"c \\"d\\""}',
        'motif; avec "guillemets"',
        'req-csv-0001',
      ]);
      expect(rows[3][1]).toBe('25/12/2026 00:05:00');
    });

    it('quotes values holding a separator, a quote or a line break, doubling the quotes', async () => {
      const text = (await exportCsv('entityType=csv')).body.subarray(3).toString('utf8');
      expect(text).toContain(';"motif; avec ""guillemets""";');
      expect(text).toContain(';"{""label"":""a;b""}";');
      expect(text).toContain(';"sur deux\r\nlignes";');
      expect(parseCsv(text)[3][8]).toBe('sur deux\r\nlignes');
    });

    it('neutralises values a spreadsheet would run as a formula', async () => {
      const text = (await exportCsv('entityType=csv')).body.subarray(3).toString('utf8');
      const row = parseCsv(text)[2];
      expect(row[2]).toBe(`'=HYPERLINK("http://evil.example")`);
      expect(row[3]).toBe(`'@SUM(A1)`);
      expect(row[5]).toBe(`'+33`);
      expect(row[8]).toBe(`'-2+3`);
      for (const line of text.split('\r\n')) {
        for (const field of line.split(';')) expect(field).not.toMatch(/^"?[=+@-]/);
      }
    });

    it('applies the same filters as the page, and ignores paging', async () => {
      const rows = parseCsv((await exportCsv('entityType=csv&actor=bob&limit=1&offset=5')).body.subarray(3).toString('utf8'));
      expect(rows.map((r) => r[0])).toEqual(['N°', String(tricky[2])]);
      const none = parseCsv((await exportCsv('entityType=nothing')).body.subarray(3).toString('utf8'));
      expect(none).toEqual([CSV_HEADER]);
    });

    it('exports as many lines as the page counts', async () => {
      const page = await admin.get('/api/audit?entityType=essai&from=2026-03-01&to=2026-03-31');
      const rows = parseCsv((await exportCsv('entityType=essai&from=2026-03-01&to=2026-03-31')).body.subarray(3).toString('utf8'));
      expect(page.body.total).toBe(2);
      expect(rows.length - 1).toBe(page.body.total);
    });
  });

  describe('append-only', () => {
    it('refuses to update an audit row (the trigger raises)', async () => {
      const before = await db.knex('audit_log').where({ id: essai[0] }).first();
      await expectAsync(db.knex('audit_log').where({ id: essai[0] }).update({ reason: 'réécrit' })).toBeRejectedWithError(/append-only/);
      await expectAsync(db.knex('audit_log').where({ id: essai[0] }).update({ at: db.knex.fn.now() })).toBeRejectedWithError(/append-only/);
      expect(await db.knex('audit_log').where({ id: essai[0] }).first()).toEqual(before);
    });

    it('refuses to delete an audit row (the trigger raises)', async () => {
      const all = await count();
      await expectAsync(db.knex('audit_log').where({ id: essai[1] }).delete()).toBeRejectedWithError(/append-only/);
      await expectAsync(db.knex('audit_log').delete()).toBeRejectedWithError(/append-only/);
      expect(await count()).toBe(all);
    });

    it('still lets a user row be removed: actor_id becomes null, the e-mail copy keeps who it was', async () => {
      const [user] = await db.knex('users').insert({ email: 'parti@test.local', display_name: 'Parti', role: 'board', password_hash: 'x' }).returning('id');
      const [row] = await seedAudit(db.knex, [{ at: '2026-01-05T10:00:00Z', actor_id: user.id, actor_email: 'parti@test.local', action: 'essai.autre', entity_type: 'autre' }]);
      await db.knex('users').where({ id: user.id }).delete();
      expect(await db.knex('audit_log').where({ id: row }).first()).toEqual(jasmine.objectContaining({ actor_id: null, actor_email: 'parti@test.local', action: 'essai.autre' }));
    });

    /** Runs `work` in a transaction that is always rolled back, so a wrongly accepted change leaves no trace. */
    async function inRolledBackTransaction(work: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
      const trx = await db.knex.transaction();
      try {
        await work(trx);
      } finally {
        await trx.rollback().catch(() => undefined);
      }
    }

    it('refuses to rewrite a row while nulling its actor (only the ON DELETE SET NULL change may pass)', async () => {
      await inRolledBackTransaction(async (trx) => {
        await expectAsync(
          trx('audit_log').where({ id: essai[1] }).update({ actor_id: null, reason: 'falsifié', after: JSON.stringify({ n: 999 }), actor_email: 'quelqu.un@autre' }),
        ).toBeRejectedWithError(/append-only/);
      });
    });

    it('refuses to empty the log with TRUNCATE', async () => {
      await inRolledBackTransaction(async (trx) => {
        await expectAsync(trx.raw('TRUNCATE audit_log')).toBeRejectedWithError(/append-only/);
      });
    });
  });

  describe('a failed change writes no audit row', () => {
    it('a stale unit update (409) leaves the audit log unchanged', async () => {
      const created = await admin.post('/api/units', { code: 'AUD-1', name: 'Audit 1', region: 'R', kind: 'crp', openedOn: '2020-01-01' });
      expect(created.status).toBe(201);
      expect((await admin.patch(`/api/units/${created.body.id}`, { name: 'v2', version: 1 })).status).toBe(200);
      const all = await count();
      const stale = await admin.patch(`/api/units/${created.body.id}`, { name: 'v3', version: 1 });
      expect(stale.status).toBe(409);
      expect(await count()).toBe(all);
      expect(await db.knex('audit_log').where({ entity_type: 'unit', entity_id: String(created.body.id) }).pluck('action')).toEqual(['unit.created', 'unit.updated']);
    });

    it('a refused closing date (422), a refused deletion (409) and a refused self-deactivation (409) write nothing', async () => {
      const all = await count();
      expect((await admin.patch(`/api/units/${fx.unitA}`, { closedOn: '2000-01-01', version: 1 })).status).toBe(422);
      expect((await admin.delete(`/api/units/${fx.unitA}`)).status).toBe(409);
      const me = await db.knex('users').where({ id: fx.users.admin.id }).first();
      expect((await admin.patch(`/api/users/${fx.users.admin.id}`, { active: false, version: me.version })).status).toBe(409);
      expect(await count()).toBe(all);
    });

    it('reading the log writes nothing', async () => {
      const all = await count();
      await admin.get('/api/audit');
      await exportAll();
      expect(await count()).toBe(all);
    });

    const exportAll = () => admin.agent.get('/api/audit.csv').buffer(true).parse(readBytes);
  });
});
