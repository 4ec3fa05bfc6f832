import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { migrateToLatest, openDatabase, seedDemo } from '@cn2r/db';
import { hashPassword } from '../features/auth/password-hasher.js';
import { HttpSession, ServerProcess } from '../testing/server-process.js';
import { insertWideCatalogue } from '../testing/wide-catalogue.js';
import { VOLATILE_TABLES, databaseFingerprint, fingerprintChanges, type Fingerprint } from './database-fingerprint.js';

/**
 * The real server, a child process on the embedded database, killed with SIGKILL in the middle of
 * a 10 000-value import and of an official report generation. After the restart on the same data
 * directory: the database opens (the dead process's lock is taken over), the server answers, what
 * was committed before the kill is there, and nothing of the interrupted work is: no value, no
 * version, no audit row (fingerprint of every table against the one taken before).
 *
 * Embedded database only: the point is the files PGlite leaves behind a killed process. On a
 * PostgreSQL server the server itself survives the client's death (its own crash recovery is
 * PostgreSQL's), so this file skips when TEST_DATABASE_URL is set.
 */
const INDICATORS = 100;
const OPTIONS = 25; // × 4 quarters = 10 000 cells
const YEAR = 2027;
const DEMO_PASSWORD = 'demo-password-2026';
const LEAD = 'lead.lille@demo.local';
const BOARD = 'board@demo.local';
/**
 * Tables a sign-in legitimately touches (the session, the attempt, the user's last sign-in, its audit
 * row), and the runtime marks (a generation under way), left out of the fingerprint: the audit rows,
 * the users and the generation marks are compared on their own.
 */
const SIGN_IN_TABLES = new Set([...VOLATILE_TABLES, 'audit_log', 'users']);

const onServer = Boolean(process.env.TEST_DATABASE_URL);
const SKIPPED_ON_SERVER =
  'Ignoré avec TEST_DATABASE_URL : ce test tue le serveur sur la base embarquée (fichiers PGlite laissés par un processus tué) ; ' +
  'sur un serveur PostgreSQL il faudrait une base à part pour le processus enfant, et la reprise après crash y est celle de PostgreSQL.';

describe('the server killed (SIGKILL) in the middle of the work (embedded database)', () => {
  let root: string;
  let dataDir: string;
  let unitId: number;
  let indicatorId: number;
  let optionId: number;
  let server: ServerProcess | undefined;

  /** Opens the data directory in this process (taking over a dead owner's lock), runs `work`, closes it. */
  async function withDatabase<T>(work: (knex: Knex) => Promise<T>): Promise<T> {
    const database = await openDatabase({ dataDir });
    try {
      return await work(database.knex);
    } finally {
      await database.close();
    }
  }

  interface State {
    users: string[];
    fingerprint: Fingerprint;
    auditIds: number[];
    auditActions: string[];
  }

  async function state(knex: Knex): Promise<State> {
    const audits = await knex('audit_log').orderBy('id').select('id', 'action');
    const users = await knex('users').orderBy('id').pluck('email');
    return { users, fingerprint: await databaseFingerprint(knex, SIGN_IN_TABLES), auditIds: audits.map((a) => Number(a.id)), auditActions: audits.map((a) => a.action as string) };
  }

  /** The audit actions added since `before`. */
  function newAudits(before: State, after: State): string[] {
    const known = new Set(before.auditIds);
    return after.auditIds.flatMap((id, k) => (known.has(id) ? [] : [after.auditActions[k]]));
  }

  /** Waits `ms` and checks the request is still running: the server is inside the work when killed. */
  async function stillRunningAfter(pending: Promise<unknown>, ms: number): Promise<boolean> {
    let settled = false;
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((r) => setTimeout(r, ms));
    return !settled;
  }

  beforeEach(() => {
    if (onServer) pending(SKIPPED_ON_SERVER);
  });

  beforeAll(async () => {
    if (onServer) return;
    root = mkdtempSync(path.join(tmpdir(), 'cn2r-crash-'));
    dataDir = path.join(root, 'pg');
    await withDatabase(async (knex) => {
      await migrateToLatest(knex);
      await seedDemo(knex, hashPassword);
      // A wide catalogue of quarterly counts on 25 options and an open campaign, as in bench/import.bench.ts.
      const dimId = await insertWideCatalogue(knex, { prefix: 'CRASH', year: YEAR, indicators: INDICATORS, options: OPTIONS });
      const [campaign] = await knex('campaigns').insert({ year: YEAR, label: `Campagne ${YEAR}`, status: 'open' }).returning('id');
      await knex('campaign_periods').insert([1, 2, 3, 4].map((q) => ({ campaign_id: campaign.id, period: `${YEAR}-Q${q}`, opens_on: `${YEAR - 1}-01-01`, due_on: `${YEAR + 1}-01-30` })));
      unitId = Number((await knex('units').where({ code: 'CRP-HDF' }).first('id')).id);
      indicatorId = Number((await knex('indicators').where({ code: 'CRASH_000' }).first('id')).id);
      optionId = Number((await knex('dimension_options').where({ dimension_id: dimId, code: 'o0' }).first('id')).id);
    });
  }, 120_000);

  afterEach(async () => {
    if (server) await server.kill();
    server = undefined;
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('during a confirmed import of 10 000 values: after restart, the value saved just before is there and none of the import', async () => {
    const before = await withDatabase(state);
    server = await ServerProcess.start(dataDir);
    const lead = await HttpSession.signedIn(server.baseUrl, LEAD, DEMO_PASSWORD);

    // Committed before the kill: one value through the form, as the unit lead saves it.
    const saved = await lead.json('PUT', `/api/units/${unitId}/forms/${YEAR}-Q1/values`, { indicatorId, optionId, value: 5 });
    expect(saved.status).withContext(JSON.stringify(saved.body)).toBe(200);
    const savedId = saved.body.value.id as number;

    const lines = ['indicateur;modalite;periode;valeur'];
    for (let k = 0; k < INDICATORS; k++) for (let o = 0; o < OPTIONS; o++) for (let q = 1; q <= 4; q++) lines.push(`CRASH_${String(k).padStart(3, '0')};o${o};${YEAR}-Q${q};${10 + ((k + o + q) % 90)}`);
    const csv = lines.join('\n') + '\n';
    const url = `/api/units/${unitId}/campaigns/${YEAR}/import`;
    // The dry run proves the file is good: the confirmed import would write 10 000 changes.
    // (Twice: the first warms the parsing thread up; the second times the checks alone.)
    await (await lead.request('POST', `${url}?dryRun=true`, { body: csv, contentType: 'text/csv' })).text();
    const dryStarted = Date.now();
    const dry = await lead.request('POST', `${url}?dryRun=true`, { body: csv, contentType: 'text/csv' });
    const dryMs = Date.now() - dryStarted;
    const dryBody = await dry.json();
    expect(dry.status).withContext(JSON.stringify(dryBody).slice(0, 500)).toBe(200);
    expect(dryBody.changes.length).toBe(INDICATORS * OPTIONS * 4);

    const importing = lead.request('POST', `${url}?dryRun=false`, { body: csv, contentType: 'text/csv' });
    // The confirmed import checks the file as the dry run does, then writes (set-based: 3 to 5 times
    // the dry run in all): killed half a dry run after its checks, it is in the middle of its writes.
    expect(await stillRunningAfter(importing, Math.round(dryMs * 1.5))).withContext(`the import ended before the kill (dry run ${dryMs} ms)`).toBeTrue();
    expect(await server.kill()).toBe('SIGKILL');
    await expectAsync(importing).toBeRejected(); // the connection died with the server
    server = undefined;
    expect(existsSync(`${dataDir}.lock`)).withContext('the dead server left its lock').toBeTrue();

    // The database opens in another process (lock taken over) and holds the saved value, none of the import.
    const after = await withDatabase(async (knex) => {
      const now = await state(knex);
      const imported = await knex('indicator_values as v').join('indicators as i', 'i.id', 'v.indicator_id').where('i.code', 'like', 'CRASH_%').select('v.id', 'v.value_num');
      const audits = await knex('audit_log').whereLike('action', '%import%').count({ n: '*' }).first();
      return { now, imported, importAudits: Number(audits?.n) };
    });
    // Only the saved value (and its submission) changed; the audit rows are the sign-in's and the value's.
    expect(fingerprintChanges(before.fingerprint, after.now.fingerprint).filter((t) => !/^(indicator_values|submissions):/.test(t))).toEqual([]);
    expect(newAudits(before, after.now).filter((a) => a !== 'auth.login')).toEqual(['value.created']);
    expect(after.now.users).toEqual(before.users);
    expect(after.imported.map((r) => [Number(r.id), Number(r.value_num)])).toEqual([[savedId, 5]]);
    expect(after.importAudits).toBe(0);

    // The server restarts on the same directory and answers as before.
    server = await ServerProcess.start(dataDir);
    const again = await HttpSession.signedIn(server.baseUrl, LEAD, DEMO_PASSWORD);
    const form = await again.json('GET', `/api/units/${unitId}/forms/${YEAR}-Q1`);
    expect(form.status).toBe(200);
    expect(JSON.stringify(form.body)).toContain(`"id":${savedId}`);
    const health = await again.json('GET', '/api/health');
    expect(health.status).toBe(200);
  }, 120_000);

  it('during an official report generation: after restart, no version, no audit row, every table as before', async () => {
    const before = await withDatabase(state);
    server = await ServerProcess.start(dataDir);
    const board = await HttpSession.signedIn(server.baseUrl, BOARD, DEMO_PASSWORD);
    const listed = await board.json('GET', '/api/reports/2025/versions');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([]);

    const generating = board.request('POST', '/api/reports/2025/versions');
    expect(await stillRunningAfter(generating, 300)).withContext('the generation ended before the kill').toBeTrue();
    expect(await server.kill()).toBe('SIGKILL');
    await expectAsync(generating).toBeRejected();
    server = undefined;
    expect(existsSync(`${dataDir}.lock`)).withContext('the dead server left its lock').toBeTrue();

    const after = await withDatabase(state);
    expect(fingerprintChanges(before.fingerprint, after.fingerprint)).toEqual([]);
    expect(after.users).toEqual(before.users);
    // Only the sign-in may have left an audit row; nothing of the generation.
    expect(newAudits(before, after).filter((a) => !a.startsWith('auth.'))).toEqual([]);

    // The dead process's mark « generation under way » is all it left; the restarted server clears
    // it (the embedded database has one process at a time) and generates the version normally.
    expect(await withDatabase((knex) => knex('report_generations').pluck('year'))).toEqual([2025]);
    server = await ServerProcess.start(dataDir);
    const again = await HttpSession.signedIn(server.baseUrl, BOARD, DEMO_PASSWORD);
    const generated = await again.json('POST', '/api/reports/2025/versions');
    expect(generated.status).withContext(JSON.stringify(generated.body)).toBe(201);
    expect(generated.body.number).toBe(1);
  }, 120_000);
});

