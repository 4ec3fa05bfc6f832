import type { TestDatabase } from '../../testing/test-database.js';
import { TEST_PASSWORD, TestClient, buildTestApp, createFixtureDatabase, type Fixtures } from '../../testing/test-app.js';
import type { App } from '../../app.js';

describe('sign-in and sessions', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase());
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    await db.knex('login_attempts').delete();
    app = buildTestApp(db, {
      loginMaxFailuresPerAccountAddress: 3,
      loginMaxFailuresPerAccount: 20,
      loginAddressFailuresBeforeDelay: 6,
      loginAddressFirstDelaySeconds: 10,
      loginAddressMaxDelaySeconds: 40,
      trustProxy: 'loopback',
    });
  });

  /** Time passes for the sign-in limiter: every recorded attempt moves that many seconds back. */
  const elapse = (seconds: number) => db.knex('login_attempts').update({ at: db.knex.raw(`at - make_interval(secs => ?)`, [seconds]) });

  it('signs in with the right password, sets an HttpOnly SameSite=Strict session cookie and answers /me', async () => {
    const client = new TestClient(app.app);
    const res = await client.login(fx.users.leadA.email);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: fx.users.leadA.id, email: 'lead.a@test.local', displayName: 'lead.a', role: 'unit_lead', units: [{ id: fx.unitA, code: 'CRP-A', name: 'CRP A' }] });
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith('cn2r_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).not.toMatch(/Secure/i);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('lead.a@test.local');
    const sessions = await db.knex('sessions').where({ user_id: fx.users.leadA.id });
    expect(sessions.length).toBeGreaterThan(0);
    // Only a hash of the token is stored.
    const token = session.split(';')[0].split('=')[1];
    expect(sessions.map((s) => s.id_hash)).not.toContain(token);
  });

  it('marks the cookie Secure behind an HTTPS proxy when TRUST_PROXY is set', async () => {
    const proxied = buildTestApp(db, { trustProxy: true });
    const client = new TestClient(proxied.app);
    const token = await client.csrfToken();
    const res = await client.agent
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .set('X-XSRF-TOKEN', token)
      .send({ email: fx.users.admin.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const session = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('cn2r_session='))!;
    expect(session).toMatch(/Secure/);
  });

  it('answers a wrong password and an unknown account with the same 401 and message', async () => {
    const client = new TestClient(app.app);
    const wrong = await client.login(fx.users.admin.email, 'pas-le-bon-mot-de-passe');
    const unknown = await client.login('personne@test.local', 'pas-le-bon-mot-de-passe');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.message).toBe('Adresse e-mail ou mot de passe incorrect.');
  });

  it('refuses a deactivated account like a wrong password', async () => {
    await db.knex('users').where({ id: fx.users.board.id }).update({ active: false });
    try {
      const res = await new TestClient(app.app).login(fx.users.board.email);
      expect(res.status).toBe(401);
    } finally {
      await db.knex('users').where({ id: fx.users.board.id }).update({ active: true });
    }
  });

  it('throttles an account from one address after repeated failures, even with the right password then, with a French message; not from another address', async () => {
    const client = new TestClient(app.app);
    for (let i = 0; i < 3; i++) expect((await client.login(fx.users.finance.email, 'mauvais-mot-de-passe')).status).toBe(401);
    const blocked = await client.login(fx.users.finance.email);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    expect(blocked.body.error.message).toMatch(/Trop de tentatives.*Réessayez dans \d+ minutes?/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // Another account from the same address is not blocked by this account's failures…
    expect((await client.login(fx.users.admin.email)).status).toBe(200);
    // …nor this account from another address: the real user signs in.
    expect((await new TestClient(app.app).loginFrom('198.51.100.20', fx.users.finance.email)).status).toBe(200);
    // The blocked pair stays blocked until its failures leave the window.
    expect((await client.login(fx.users.finance.email)).status).toBe(429);
    await elapse(15 * 60);
    expect((await client.login(fx.users.finance.email)).status).toBe(200);
  });

  it('spaces out the attempts of an address across accounts, unknown ones included, with a doubling delay, capped, never a lock-out', async () => {
    const from = '203.0.113.9';
    const client = new TestClient(app.app);
    for (let i = 0; i < 6; i++) expect((await client.loginFrom(from, `inconnu${i}@test.local`, 'mauvais-mot-de-passe')).status).toBe(401);
    // 6 failures: the next attempt, even the right password of another account, waits 10 s after the last failure.
    const waits: number[] = [];
    for (let i = 6; i < 9; i++) {
      const early = await client.loginFrom(from, fx.users.leadB.email);
      expect(early.status).withContext(`after ${i} failures`).toBe(429);
      expect(early.body.error.message).toMatch(/^Trop de tentatives de connexion infructueuses depuis votre adresse\. Réessayez dans \d+ secondes?\.$/);
      waits.push(Number(early.headers['retry-after']));
      await elapse(Number(early.headers['retry-after']));
      expect((await client.loginFrom(from, `inconnu${i}@test.local`, 'mauvais-mot-de-passe')).status).toBe(401);
    }
    // 10 s, 20 s, 40 s (a few tenths of a second may have gone by).
    expect(waits.map((w) => Math.round(w / 10) * 10)).toEqual([10, 20, 40]);
    // Capped at 40 s: not 80.
    const capped = await client.loginFrom(from, fx.users.leadB.email);
    expect(capped.status).toBe(429);
    expect(Number(capped.headers['retry-after'])).toBeLessThanOrEqual(40);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(30);
    // Other addresses are unaffected.
    expect((await new TestClient(app.app).loginFrom('198.51.100.21', fx.users.leadA.email)).status).toBe(200);
    // Once the delay has passed, the right password from that address goes through.
    await elapse(40);
    expect((await client.loginFrom(from, fx.users.leadB.email)).status).toBe(200);
  });

  it('rejects a login body with the field named (422) and a non-JSON body (400/415)', async () => {
    const client = new TestClient(app.app);
    const bad = await client.post('/api/auth/login', { email: 'pas-un-email', password: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.fields).toContain(jasmine.objectContaining({ path: 'email', message: 'Adresse e-mail invalide.' }));
    const token = await client.csrfToken();
    const truncated = await client.agent.post('/api/auth/login').set('X-XSRF-TOKEN', token).set('Content-Type', 'application/json').send('{"email": "a@b.fr", "pass');
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.code).toBe('bad_request');
    const form = await client.agent.post('/api/auth/login').set('X-XSRF-TOKEN', token).type('form').send('email=a@b.fr&password=x');
    expect(form.status).toBe(415);
  });

  it('requires the CSRF header on state-changing requests, bound to the session once signed in', async () => {
    const anonymous = await new TestClient(app.app).agent.post('/api/auth/login').send({ email: fx.users.admin.email, password: TEST_PASSWORD });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.error.code).toBe('csrf_failed');

    const client = await TestClient.signedIn(app.app, fx.users.admin.email);
    const withoutHeader = await client.agent.post('/api/auth/logout');
    expect(withoutHeader.status).toBe(403);
    const forged = await client.agent.post('/api/auth/logout').set('X-XSRF-TOKEN', 'jeton-invente');
    expect(forged.status).toBe(403);
    // The anonymous token an attacker could plant is not the session's token.
    const other = new TestClient(app.app);
    const plantedToken = await other.csrfToken();
    const planted = await client.agent.post('/api/auth/logout').set('Cookie', `XSRF-TOKEN=${plantedToken}`).set('X-XSRF-TOKEN', plantedToken);
    expect(planted.status).toBe(403);
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  it('gives a new session id at sign-in and ends the previous one (no session fixation)', async () => {
    const client = await TestClient.signedIn(app.app, fx.users.admin.email);
    const before = await db.knex('sessions').where({ user_id: fx.users.admin.id }).pluck('id_hash');
    await client.login(fx.users.admin.email);
    const after = await db.knex('sessions').where({ user_id: fx.users.admin.id }).pluck('id_hash');
    const added = after.filter((h) => !before.includes(h));
    expect(added.length).toBe(1);
    expect(after.length).toBe(before.length);
  });

  it('signs out: the session is deleted and the cookie no longer works', async () => {
    const client = await TestClient.signedIn(app.app, fx.users.leadB.email);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    const audit = await db.knex('audit_log').where({ action: 'auth.logout', actor_id: fx.users.leadB.id });
    expect(audit.length).toBe(1);
  });

  it('expires an idle session', async () => {
    const client = await TestClient.signedIn(app.app, fx.users.finance.email);
    await db.knex('sessions').where({ user_id: fx.users.finance.id }).update({ last_seen_at: db.knex.raw(`now() - interval '31 minutes'`) });
    const res = await client.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('changes the password: checks the current one, keeps this session, ends the others, audits', async () => {
    const email = 'change.pw@test.local';
    const admin = await TestClient.signedIn(app.app, fx.users.admin.email);
    const created = await admin.post('/api/users', { email, displayName: 'Change', role: 'board', password: TEST_PASSWORD });
    expect(created.status).toBe(201);
    const here = await TestClient.signedIn(app.app, email);
    const elsewhere = await TestClient.signedIn(app.app, email);

    const wrong = await here.post('/api/auth/password', { currentPassword: 'pas-le-bon-mot-de-passe', newPassword: 'un-nouveau-mot-de-passe' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields[0].path).toBe('currentPassword');
    const short = await here.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'court' });
    expect(short.status).toBe(422);
    expect(short.body.error.fields[0]).toEqual({ path: 'newPassword', message: 'Le mot de passe doit compter au moins 12 caractères.' });
    // Long enough but guessed at once: refused with the reason; the e-mail itself too.
    for (const weak of ['password1234', email]) {
      const refused = await here.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: weak });
      expect(refused.status).withContext(weak).toBe(422);
      expect(refused.body.error.fields[0]).withContext(weak).toEqual({ path: 'newPassword', message: jasmine.stringMatching(/^Mot de passe trop facile à deviner/) });
    }
    expect((await elsewhere.get('/api/auth/me')).status).toBe(200);

    const ok = await here.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'un-nouveau-mot-de-passe' });
    expect(ok.status).toBe(204);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await new TestClient(app.app).login(email)).status).toBe(401);
    expect((await new TestClient(app.app).login(email, 'un-nouveau-mot-de-passe')).status).toBe(200);
    const audit = await db.knex('audit_log').where({ action: 'user.password_changed', entity_id: String(created.body.id) });
    expect(audit.length).toBe(1);
    expect(JSON.stringify(audit[0])).not.toContain('argon2');
  });
});
