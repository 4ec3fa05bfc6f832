import type { TestDatabase } from '../testing/test-database.js';
import { TEST_PASSWORD, TestClient, buildTestApp, createFixtureDatabase, type Fixtures } from '../testing/test-app.js';
import type { App } from '../app.js';

/**
 * What auth.int.spec.ts does not already cover: the throttle under parallel attempts, a session
 * cookie planted before sign-in, and a CSRF token taken from another signed-in session.
 */
describe('sign-in abuse', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase());
    // Migrating the template database takes a while on a busy machine.
  }, 180_000);
  afterAll(() => db.drop());
  beforeEach(async () => {
    await db.knex('login_attempts').delete();
    app = buildTestApp(db, { loginMaxFailuresPerAccount: 3, loginMaxFailuresPerIp: 1000 });
  });

  it('holds the per-account limit under 20 parallel wrong passwords: at most 3 are checked, the others get 429', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, async () => {
      const c = new TestClient(app.app);
      await c.csrfToken();
      return c;
    }));
    const answers = await Promise.all(clients.map((c) => c.login(fx.users.finance.email, 'mauvais-mot-de-passe')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 401).length + statuses.filter((s) => s === 429).length).toBe(20);
    // Still blocked afterwards, even with the right password.
    expect((await new TestClient(app.app).login(fx.users.finance.email)).status).toBe(429);
    expect(await db.knex('login_attempts').where({ email: fx.users.finance.email, succeeded: false }).count({ n: '*' }).first().then((r) => Number(r?.n))).toBeLessThanOrEqual(3);
  });

  it('holds the per-IP limit under parallel attempts on many accounts', async () => {
    app = buildTestApp(db, { loginMaxFailuresPerAccount: 1000, loginMaxFailuresPerIp: 5 });
    const clients = await Promise.all(Array.from({ length: 15 }, async () => {
      const c = new TestClient(app.app);
      await c.csrfToken();
      return c;
    }));
    const statuses = (await Promise.all(clients.map((c, i) => c.login(`inconnu${i}@test.local`, 'mauvais-mot-de-passe')))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    expect((await new TestClient(app.app).login(fx.users.admin.email)).status).toBe(429);
  });

  it('still signs in with the right password after failures under the limit, and then counts from zero', async () => {
    const client = new TestClient(app.app);
    for (let i = 0; i < 2; i++) expect((await client.login(fx.users.board.email, 'mauvais-mot-de-passe')).status).toBe(401);
    expect((await client.login(fx.users.board.email)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await new TestClient(app.app).login(fx.users.board.email, 'mauvais-mot-de-passe')).status).toBe(401);
    expect((await new TestClient(app.app).login(fx.users.board.email)).status).toBe(429);
  });

  it('does not keep a session cookie planted before sign-in (session fixation)', async () => {
    // The attacker's own valid session token, planted in the victim's browser.
    const attacker = await TestClient.signedIn(app.app, fx.users.leadB.email);
    const planted = attacker.agent.jar.getCookie('cn2r_session', { domain: '127.0.0.1', path: '/', secure: false, script: false })!.value;
    // With the session comes its CSRF token (the session's, not a cookie's): the attacker plants both.
    const token = await attacker.csrfToken();
    const victim = new TestClient(app.app);
    const res = await victim.agent
      .post('/api/auth/login')
      .set('Cookie', `cn2r_session=${planted}; XSRF-TOKEN=${token}`)
      .set('X-XSRF-TOKEN', token)
      .send({ email: fx.users.leadA.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const issued = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('cn2r_session='))!;
    const issuedToken = issued.split(';')[0].split('=')[1];
    expect(issuedToken).not.toBe(planted);
    expect(issuedToken.length).toBeGreaterThan(20);
    // The planted token is not the victim's session: it is ended, and never names lead A.
    const withPlanted = await new TestClient(app.app).agent.get('/api/auth/me').set('Cookie', `cn2r_session=${planted}`);
    expect(withPlanted.status).toBe(401);
    // A made-up token planted before sign-in is not adopted either.
    const madeUp = 'a'.repeat(43);
    const second = new TestClient(app.app);
    const token2 = await second.csrfToken();
    const res2 = await second.agent.post('/api/auth/login').set('Cookie', `cn2r_session=${madeUp}; XSRF-TOKEN=${token2}`).set('X-XSRF-TOKEN', token2).send({ email: fx.users.leadA.email, password: TEST_PASSWORD });
    expect(res2.status).toBe(200);
    const issued2 = ([] as string[]).concat(res2.headers['set-cookie'] ?? []).find((c) => c.startsWith('cn2r_session='))!;
    expect(issued2.split(';')[0].split('=')[1]).not.toBe(madeUp);
    expect((await new TestClient(app.app).agent.get('/api/auth/me').set('Cookie', `cn2r_session=${madeUp}`)).status).toBe(401);
  });

  it('refuses a CSRF token taken from another signed-in session, and changes nothing', async () => {
    const victim = await TestClient.signedIn(app.app, fx.users.admin.email);
    const attacker = await TestClient.signedIn(app.app, fx.users.finance.email);
    const stolen = await attacker.csrfToken();
    expect(stolen).not.toBe(await victim.csrfToken());
    const before = await db.knex('units').count({ n: '*' }).first();
    const res = await victim.agent
      .post('/api/units')
      .set('X-XSRF-TOKEN', stolen)
      .send({ code: 'CSRF-1', name: 'Forgé', region: 'Nulle part', kind: 'crp', openedOn: '2026-01-01' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
    // Also with the cookie overwritten to match the stolen token (double submit is not enough once signed in).
    const both = await victim.agent
      .post('/api/units')
      .set('Cookie', `XSRF-TOKEN=${stolen}`)
      .set('X-XSRF-TOKEN', stolen)
      .send({ code: 'CSRF-2', name: 'Forgé', region: 'Nulle part', kind: 'crp', openedOn: '2026-01-01' });
    expect(both.status).toBe(403);
    expect(await db.knex('units').count({ n: '*' }).first()).toEqual(before);
    expect(await db.knex('audit_log').where({ action: 'unit.created' }).whereRaw(`after::text like '%CSRF-%'`).first()).toBeUndefined();
  });

  it('refuses a state-changing request with the token in the query string or a form field instead of the header', async () => {
    const client = await TestClient.signedIn(app.app, fx.users.admin.email);
    const token = await client.csrfToken();
    const inQuery = await client.agent.post(`/api/auth/logout?_csrf=${token}`);
    expect(inQuery.status).toBe(403);
    const inBody = await client.agent.post('/api/auth/logout').send({ _csrf: token, 'X-XSRF-TOKEN': token });
    expect(inBody.status).toBe(403);
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });
});
