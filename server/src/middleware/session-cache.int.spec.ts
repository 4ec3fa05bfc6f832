import request from 'supertest';
import type { TestDatabase } from '../testing/test-database.js';
import { TestClient, buildSecondTestApp, startFixtureApp, statementsOf, type Fixtures } from '../testing/test-app.js';
import type { App } from '../app.js';
import { SESSION_COOKIE } from '../http/cookies.js';

/**
 * The session middleware keeps the sessions it has read in memory under the `access` version
 * (migration 052): a warm request does not read its session again — and yet every change of what a
 * request's identity is made of, by whatever path (here straight in SQL, as a script or another
 * instance would), shows on the very next request: session deleted, expired, idle, role changed,
 * user deactivated, units taken away. Refreshing the last activity does not bump the version.
 * Both databases (TEST_DATABASE_URL for the server).
 */
describe('sessions kept in memory under the access version', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
  });
  afterAll(() => db.drop());

  const accessVersion = async () => Number((await db.knex('dashboard_versions').where({ domain: 'access' }).sum<{ v: string }[]>({ v: 'version' }))[0].v ?? 0);

  it('a warm request reads neither its session nor its user again; on the embedded database, not even the versions', async () => {
    const board = await TestClient.signedIn(app.app, fx.users.board.email);
    const url = '/api/dashboards/board?year=2026';
    expect((await board.get(url)).status).toBe(200);
    const sql = await statementsOf(db.knex, async () => {
      for (let i = 0; i < 5; i++) expect((await board.get(url)).status).toBe(200);
    });
    expect(sql.filter((s) => /"(sessions|users|user_units)"/.test(s))).withContext(sql.join('\n')).toEqual([]);
    if (db.engine === 'embedded') expect(sql.filter((s) => s.includes('dashboard_versions'))).toEqual([]);
    else expect(sql.filter((s) => s.includes('dashboard_versions')).length).toBe(5);
  });

  it('refreshing the last activity (forward) does not bump the access version; moving it back does', async () => {
    await TestClient.signedIn(app.app, fx.users.board.email);
    const before = await accessVersion();
    await db.knex('sessions').update({ last_seen_at: db.knex.fn.now() });
    expect(await accessVersion()).toBe(before);
    await db.knex('sessions').where({ user_id: fx.users.board.id }).update({ last_seen_at: db.knex.raw(`now() - interval '1 minute'`) });
    expect(await accessVersion()).toBeGreaterThan(before);
  });

  it('a session deleted in SQL: refused on the next request', async () => {
    const client = await TestClient.signedIn(app.app, fx.users.finance.email);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    await db.knex('sessions').where({ user_id: fx.users.finance.id }).delete();
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('a session expired or idle (set in SQL): refused on the next request', async () => {
    const expired = await TestClient.signedIn(app.app, fx.users.leadA.email);
    expect((await expired.get('/api/auth/me')).status).toBe(200);
    await db.knex('sessions').where({ user_id: fx.users.leadA.id }).update({ expires_at: db.knex.raw(`now() - interval '1 second'`) });
    expect((await expired.get('/api/auth/me')).status).toBe(401);

    const idle = await TestClient.signedIn(app.app, fx.users.leadB.email);
    expect((await idle.get('/api/auth/me')).status).toBe(200);
    await db.knex('sessions').where({ user_id: fx.users.leadB.id }).update({ last_seen_at: db.knex.raw(`now() - interval '31 minutes'`) });
    expect((await idle.get('/api/auth/me')).status).toBe(401);
  });

  it('a role changed, a user deactivated, units taken away (in SQL): the next request has the new identity', async () => {
    const email = 'cache.role@test.local';
    const { password_hash } = await db.knex('users').where({ id: fx.users.board.id }).first('password_hash');
    const [user] = await db.knex('users').insert({ email, display_name: 'Rôle changeant', role: 'board', password_hash }).returning('id');
    const client = await TestClient.signedIn(app.app, email);
    expect((await client.get('/api/auth/me')).body.role).toBe('board');
    await db.knex('users').where({ id: user.id }).update({ role: 'finance' });
    expect((await client.get('/api/auth/me')).body.role).toBe('finance');
    await db.knex('users').where({ id: user.id }).update({ active: false });
    expect((await client.get('/api/auth/me')).status).toBe(401);

    const lead = await TestClient.signedIn(app.app, fx.users.leadA.email);
    const scoped = `/api/dashboards/unit-lead?year=2026&unitId=${fx.unitA}`;
    expect((await lead.get(scoped)).status).not.toBe(403);
    await db.knex('user_units').where({ user_id: fx.users.leadA.id, unit_id: fx.unitA }).delete();
    try {
      expect((await lead.get(scoped)).status).toBe(403);
    } finally {
      await db.knex('user_units').insert({ user_id: fx.users.leadA.id, unit_id: fx.unitA });
    }
    expect((await lead.get(scoped)).status).not.toBe(403);
  });

  it('two instances, each keeping its sessions: a sign-out through one is refused on the next request to the other', async () => {
    const { app: second, close } = buildSecondTestApp(db);
    try {
      const one = await TestClient.signedIn(app.app, fx.users.admin.email);
      const token = one.agent.jar.getCookie(SESSION_COOKIE, { domain: '127.0.0.1', path: '/', secure: false, script: false })!.value;
      const onTwo = () => request(second.app).get('/api/auth/me').set('Cookie', `${SESSION_COOKIE}=${token}`);
      expect((await one.get('/api/auth/me')).status).toBe(200);
      expect((await onTwo()).status).toBe(200);
      expect((await onTwo()).status).toBe(200);
      expect((await one.post('/api/auth/logout')).status).toBe(204);
      expect((await onTwo()).status).toBe(401);
    } finally {
      await close();
    }
  });
});
