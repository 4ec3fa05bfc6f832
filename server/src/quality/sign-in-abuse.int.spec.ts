import type { TestDatabase } from '../testing/test-database.js';
import { TEST_PASSWORD, TestClient, buildTestApp, countRows, createFixtureDatabase, type Fixtures } from '../testing/test-app.js';
import type { App } from '../app.js';

/**
 * What auth.int.spec.ts does not already cover: the throttle under parallel attempts, its bounds on
 * guessing (measured, time simulated by moving the recorded attempts back) and the real user's
 * access while an attacker tries, a session cookie planted before sign-in, and a CSRF token taken
 * from another signed-in session.
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
    app = buildTestApp(db, { loginMaxFailuresPerAccountAddress: 3, loginAddressFailuresBeforeDelay: 1000, trustProxy: 'loopback' });
  });

  /** Time passes for the sign-in limiter: every recorded attempt moves that many seconds back. */
  const elapse = (seconds: number) => db.knex('login_attempts').update({ at: db.knex.raw(`at - make_interval(secs => ?)`, [seconds]) });
  const failuresOf = (email: string) => countRows(db.knex('login_attempts').where({ email, succeeded: false }));
  const clients = (n: number) =>
    Promise.all(
      Array.from({ length: n }, async () => {
        const c = new TestClient(app.app);
        await c.csrfToken();
        return c;
      }),
    );

  it('holds the per-account-and-address limit under 20 parallel wrong passwords: at most 3 are checked, the others get 429', async () => {
    const answers = await Promise.all((await clients(20)).map((c) => c.login(fx.users.finance.email, 'mauvais-mot-de-passe')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 401).length + statuses.filter((s) => s === 429).length).toBe(20);
    // Still blocked afterwards from that address, even with the right password…
    expect((await new TestClient(app.app).login(fx.users.finance.email)).status).toBe(429);
    expect(await failuresOf(fx.users.finance.email)).toBeLessThanOrEqual(3);
    // …but not the real user from another address.
    expect((await new TestClient(app.app).loginFrom('198.51.100.30', fx.users.finance.email)).status).toBe(200);
  });

  it('still signs in with the right password after failures under the limit, and then counts from zero', async () => {
    const client = new TestClient(app.app);
    for (let i = 0; i < 2; i++) expect((await client.login(fx.users.board.email, 'mauvais-mot-de-passe')).status).toBe(401);
    expect((await client.login(fx.users.board.email)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await new TestClient(app.app).login(fx.users.board.email, 'mauvais-mot-de-passe')).status).toBe(401);
    expect((await new TestClient(app.app).login(fx.users.board.email)).status).toBe(429);
  });

  it('counts a client that reaches the server directly by its own address, whatever X-Forwarded-For it forges: only the configured proxy is trusted', async () => {
    // The proxy is 10.9.9.9; this client connects from the loopback and forges a new address each time.
    app = buildTestApp(db, { loginMaxFailuresPerAccountAddress: 3, loginAddressFailuresBeforeDelay: 1000, trustProxy: '10.9.9.9' });
    const direct = new TestClient(app.app);
    for (let i = 0; i < 3; i++) expect((await direct.loginFrom(`203.0.113.${100 + i}`, fx.users.finance.email, 'mauvais-mot-de-passe')).status).toBe(401);
    expect((await direct.loginFrom('203.0.113.200', fx.users.finance.email)).status).toBe(429);
    const recorded = await db.knex('login_attempts').where({ email: fx.users.finance.email }).distinct('ip').pluck('ip');
    expect(recorded.length).toBe(1);
    expect(recorded[0]).not.toMatch(/^203\.0\.113\./);
  });

  it('does not lock the real user out: 5 wrong passwords from one address, the right one from another address signs in', async () => {
    app = buildTestApp(db, { trustProxy: 'loopback' }); // the default limits
    const attacker = new TestClient(app.app);
    for (let i = 0; i < 5; i++) expect((await attacker.loginFrom('203.0.113.66', fx.users.board.email, 'mauvais-mot-de-passe')).status).toBe(401);
    // The 6th from the attacker's address is refused, even with the right password: no 6th check.
    expect((await attacker.loginFrom('203.0.113.66', fx.users.board.email)).status).toBe(429);
    expect((await new TestClient(app.app).loginFrom('198.51.100.31', fx.users.board.email)).status).toBe(200);
  });

  it('holds the per-address delay under parallel attempts on many accounts, and only for that address', async () => {
    app = buildTestApp(db, { loginMaxFailuresPerAccountAddress: 1000, loginAddressFailuresBeforeDelay: 5, loginAddressFirstDelaySeconds: 60, trustProxy: 'loopback' });
    const statuses = (await Promise.all((await clients(15)).map((c, i) => c.login(`inconnu${i}@test.local`, 'mauvais-mot-de-passe')))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    const held = await new TestClient(app.app).login(fx.users.admin.email);
    expect(held.status).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await new TestClient(app.app).loginFrom('198.51.100.32', fx.users.admin.email)).status).toBe(200);
  });

  it('never locks an address out for good (a hospital behind one NAT): after 30 failures, the right password passes once the delay is waited', async () => {
    app = buildTestApp(db, { trustProxy: 'loopback' }); // the default limits: delays from 10 failures, 1 s doubling up to 60 s
    const nat = '192.0.2.44';
    const client = new TestClient(app.app);
    let failures = 0;
    let waited = 0;
    for (let i = 0; failures < 30; i++) {
      const res = await client.loginFrom(nat, `collegue${failures}@test.local`, 'mauvais-mot-de-passe');
      if (res.status === 401) failures++;
      else {
        expect(res.status).toBe(429);
        const wait = Number(res.headers['retry-after']);
        expect(wait).toBeLessThanOrEqual(60);
        waited += wait;
        await elapse(wait);
      }
    }
    // The delays grew (1 + 2 + 4 + … then 60 s each): the 20 failures beyond the first 10 took most of the window.
    expect(waited).toBeGreaterThan(600);
    const early = await client.loginFrom(nat, fx.users.leadA.email);
    expect(early.status).toBe(429);
    expect(Number(early.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Other addresses are unaffected; the NAT's user gets in after the delay.
    expect((await new TestClient(app.app).loginFrom('198.51.100.33', fx.users.leadB.email)).status).toBe(200);
    await elapse(Number(early.headers['retry-after']));
    expect((await client.loginFrom(nat, fx.users.leadA.email)).status).toBe(200);
  });

  it('bounds a brute force from one address: about one guess a minute once past the first 10, measured over a simulated hour', async () => {
    app = buildTestApp(db, { trustProxy: 'loopback' }); // the default limits
    const client = new TestClient(app.app);
    let checked = 0;
    let clock = 0;
    while (clock < 3600) {
      // One guess per account (a password spray): only the address's delay holds it.
      const res = await client.loginFrom('203.0.113.77', `cible${checked}@test.local`, 'Printemps2026!');
      if (res.status === 401) checked++;
      else {
        expect(res.status).toBe(429);
        const wait = Number(res.headers['retry-after']);
        clock += wait;
        await elapse(wait);
      }
    }
    // 10 at once, 1 + 2 + … + 32 s for the next 6, then the delay stays near 60 s: 76 in an hour
    // (a little more if the machine is slow: the real time between attempts counts too).
    expect(checked).toBeGreaterThan(60);
    expect(checked).toBeLessThanOrEqual(90);
  });

  it('bounds distributed guessing on one account (account-wide limit for addresses that already failed), and lets the real user in from a clean address', async () => {
    app = buildTestApp(db, { loginMaxFailuresPerAccountAddress: 3, loginMaxFailuresPerAccount: 6, loginAddressFailuresBeforeDelay: 1000, trustProxy: 'loopback' });
    const target = fx.users.leadB.email;
    const addresses = Array.from({ length: 8 }, (_, i) => `203.0.113.${100 + i}`);
    // 8 addresses, 5 parallel guesses each: 40 at once.
    const attackers = await clients(40);
    const statuses = (await Promise.all(attackers.map((c, i) => c.loginFrom(addresses[i % 8], target, 'mauvais-mot-de-passe')))).map((r) => r.status);
    const checks = statuses.filter((s) => s === 401).length;
    // Without the account-wide limit, 3 per address: 24. With it: at most 6 + 8 (one try per clean address once the account has 6).
    expect(checks).toBeLessThanOrEqual(6 + 8);
    expect(checks).toBeGreaterThanOrEqual(6);
    expect(statuses.filter((s) => s === 429).length).toBe(40 - checks);
    expect(await failuresOf(target)).toBe(checks);
    // Every attacking address has failed on the account: each is now refused, even with the right password.
    for (const from of addresses) expect((await new TestClient(app.app).loginFrom(from, target)).status).withContext(from).toBe(429);
    // A new address: one try (here wrong), then refused.
    expect((await new TestClient(app.app).loginFrom('203.0.113.200', target, 'mauvais-mot-de-passe')).status).toBe(401);
    expect((await new TestClient(app.app).loginFrom('203.0.113.200', target, 'mauvais-mot-de-passe')).status).toBe(429);
    expect(await failuresOf(target)).toBe(checks + 1);
    // The real user, from an address with no failure on the account, signs in during the attack.
    expect((await new TestClient(app.app).loginFrom('198.51.100.34', target)).status).toBe(200);
    // Once the window has passed, an attacking address gets its tries back (still 3 at most).
    await elapse(15 * 60);
    const again = [];
    for (let i = 0; i < 5; i++) again.push((await new TestClient(app.app).loginFrom(addresses[0], target, 'mauvais-mot-de-passe')).status);
    expect(again).toEqual([401, 401, 401, 429, 429]);
  });

  it('counts an IPv6 client by its /64 network: rotating addresses inside it buys no more guesses', async () => {
    const target = fx.users.finance.email;
    for (const from of ['2001:db8:1:2::a', '2001:db8:1:2::b', '2001:db8:1:2:ffff::c']) {
      expect((await new TestClient(app.app).loginFrom(from, target, 'mauvais-mot-de-passe')).status).withContext(from).toBe(401);
    }
    expect((await new TestClient(app.app).loginFrom('2001:db8:1:2::d', target)).status).toBe(429);
    expect((await new TestClient(app.app).loginFrom('2001:db8:1:3::a', target)).status).toBe(200);
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
