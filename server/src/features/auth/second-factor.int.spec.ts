import { generate } from 'otplib';
import type { App } from '../../app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { loadConfig } from '../../config.js';
import { TEST_PASSWORD, TestClient, bodyOf, buildTestApp, countRows, createFixtureDatabase, type Fixtures } from '../../testing/test-app.js';

/** The app's code for `secret`, `steps` periods of 30 s from now (the phone's clock may drift by one). */
const codeFor = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

const cookieNamed = (res: { headers: Record<string, unknown> }, name: string) =>
  ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`));

describe('second factor (TOTP)', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let seq = 0;

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase());
    app = buildTestApp(db);
    admin = await TestClient.signedIn(app.app, fx.users.admin.email);
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    await db.knex('login_attempts').delete();
  });

  /** A new account of its own (any order of the specs), created by the admin. */
  async function newUser(role: 'board' | 'finance' | 'unit_lead' | 'admin' = 'board'): Promise<{ id: number; email: string }> {
    const email = `totp${++seq}.${role.replace('_', '')}@test.local`;
    const body = { email, displayName: `TOTP ${seq}`, role, password: TEST_PASSWORD, ...(role === 'unit_lead' ? { unitIds: [fx.unitA] } : {}) };
    const user = await bodyOf(admin.post('/api/users', body));
    return { id: user.id, email };
  }

  /**
   * Codes are accepted once per 30-second step (no replay): a spec that signs in several times in
   * the same step forgets the last step used, as 30 seconds passing would.
   */
  const letTimePass = (userId: number) => db.knex('user_second_factors').where({ user_id: userId }).update({ last_time_step: null });

  /** Enrols `email` from its account page: its secret and recovery codes. */
  async function enrolled(email: string): Promise<{ client: TestClient; secret: string; recoveryCodes: string[] }> {
    const client = await TestClient.signedIn(app.app, email);
    const enrolment = await bodyOf(client.post('/api/account/second-factor/enrolment'), 200);
    const { recoveryCodes } = await bodyOf(client.post('/api/account/second-factor/confirm', { code: await codeFor(enrolment.secret) }), 200);
    return { client, secret: enrolment.secret, recoveryCodes };
  }

  it('enrols from the account page: a secret, its otpauth URI and QR code (SVG), confirmed by a code, ten recovery codes once, audited', async () => {
    const user = await newUser('unit_lead');
    const client = await TestClient.signedIn(app.app, user.email);
    const before = await bodyOf(client.get('/api/account/second-factor'), 200);
    expect(before).toEqual({ enabled: false, enabledAt: null, required: false, recoveryCodesLeft: 0, devices: [] });

    const enrolment = await bodyOf(client.post('/api/account/second-factor/enrolment'), 200);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toBe(`otpauth://totp/CN2R%20Pilotage:${encodeURIComponent(user.email)}?secret=${enrolment.secret}&issuer=CN2R%20Pilotage`);
    expect(enrolment.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // Not in force until confirmed: the sign-in still opens with the password alone.
    expect((await new TestClient(app.app).login(user.email)).body.email).toBe(user.email);

    const wrong = await client.post('/api/account/second-factor/confirm', { code: '000000' === (await codeFor(enrolment.secret)) ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields).toEqual([{ path: 'code', message: 'Code incorrect.' }]);
    const badFormat = await client.post('/api/account/second-factor/confirm', { code: '12ab' });
    expect(badFormat.status).toBe(422);
    expect(badFormat.body.error.fields).toEqual([{ path: 'code', message: 'Le code doit compter 6 chiffres.' }]);

    const { recoveryCodes } = await bodyOf(client.post('/api/account/second-factor/confirm', { code: await codeFor(enrolment.secret) }), 200);
    expect(recoveryCodes.length).toBe(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    const status = await bodyOf(client.get('/api/account/second-factor'), 200);
    expect(status).toEqual(jasmine.objectContaining({ enabled: true, required: false, recoveryCodesLeft: 10 }));
    expect((await client.post('/api/account/second-factor/enrolment')).status).toBe(409);

    // Stored: the secret without a server key as `plain:`, the recovery codes as hashes only.
    const row = await db.knex('user_second_factors').where({ user_id: user.id }).first();
    expect(row.secret).toBe(`plain:${enrolment.secret}`);
    const hashes = await db.knex('second_factor_recovery_codes').where({ user_id: user.id }).pluck('code_hash');
    expect(hashes.length).toBe(10);
    for (const code of recoveryCodes) expect(hashes).not.toContain(code);
    const actions = await db.knex('audit_log').where({ entity_type: 'user', entity_id: String(user.id) }).pluck('action');
    expect(actions).toEqual(jasmine.arrayContaining(['second_factor.enrolment_started', 'second_factor.enabled']));
  });

  it('seals the secret with SECOND_FACTOR_KEY when the server has one, and still checks its codes', async () => {
    const sealedApp = buildTestApp(db, { secondFactorKey: 'une-cle-de-test-de-trente-deux-caracteres-au-moins' });
    const user = await newUser();
    const client = await TestClient.signedIn(sealedApp.app, user.email);
    const enrolment = await bodyOf(client.post('/api/account/second-factor/enrolment'), 200);
    const row = await db.knex('user_second_factors').where({ user_id: user.id }).first();
    expect(row.secret).toMatch(/^aes256gcm:/);
    expect(row.secret).not.toContain(enrolment.secret);
    await bodyOf(client.post('/api/account/second-factor/confirm', { code: await codeFor(enrolment.secret) }), 200);
    await letTimePass(user.id);
    const signIn = new TestClient(sealedApp.app);
    expect((await signIn.login(user.email)).body).toEqual({ secondFactor: 'code', enrolment: null });
    expect((await signIn.post('/api/auth/second-factor', { code: await codeFor(enrolment.secret) })).status).toBe(200);
    // Without the key, a sealed secret cannot be read: an error, never a sign-in.
    const noKey = new TestClient(app.app);
    await noKey.login(user.email);
    expect((await noKey.post('/api/auth/second-factor', { code: await codeFor(enrolment.secret, 1) })).status).toBe(500);
  });

  it('asks for the code after the password: no session until then; the right code opens it (audited), a code serves once', async () => {
    const user = await newUser();
    const { secret } = await enrolled(user.email);
    await letTimePass(user.id);
    const client = new TestClient(app.app);
    const first = await client.login(user.email);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ secondFactor: 'code', enrolment: null });
    expect(cookieNamed(first, 'cn2r_session')).toBeUndefined();
    const pendingCookie = cookieNamed(first, 'cn2r_pending_sign_in')!;
    expect(pendingCookie).toMatch(/HttpOnly/i);
    expect(pendingCookie).toMatch(/Max-Age=300/);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await bodyOf(client.get('/api/auth/second-factor'), 200)).challenge).toEqual({ secondFactor: 'code', enrolment: null });
    const pendingHash = (await db.knex('pending_sign_ins').where({ user_id: user.id }).pluck('id_hash'))[0];
    expect(pendingCookie).not.toContain(pendingHash);

    const code = await codeFor(secret);
    const done = await client.post('/api/auth/second-factor', { code });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ me: jasmine.objectContaining({ id: user.id, email: user.email }), recoveryCodes: null });
    expect((await client.get('/api/auth/me')).status).toBe(200);
    expect(await countRows(db.knex('pending_sign_ins').where({ user_id: user.id }))).toBe(0);
    const login = await db.knex('audit_log').where({ action: 'auth.login', actor_id: user.id }).orderBy('id', 'desc').first();
    expect(login.after).toEqual(jasmine.objectContaining({ method: 'password', secondFactor: 'totp' }));

    // The same code again (a replay): refused.
    const again = new TestClient(app.app);
    await again.login(user.email);
    const replay = await again.post('/api/auth/second-factor', { code });
    expect(replay.status).toBe(422);
    expect(replay.body.error.fields[0]).toEqual({ path: 'code', message: 'Code incorrect. Il vous reste 4 essais.' });
    // No pending sign-in in this browser: 401.
    const stranger = await new TestClient(app.app).post('/api/auth/second-factor', { code });
    expect(stranger.status).toBe(401);
    expect(stranger.body.error.message).toBe('Votre connexion a expiré : saisissez de nouveau votre adresse e-mail et votre mot de passe.');
  });

  it('refuses wrong codes, counts them, and drops the pending sign-in at the fifth (audited); the password attempt stays a failure', async () => {
    const user = await newUser();
    const { secret } = await enrolled(user.email);
    await letTimePass(user.id);
    const client = new TestClient(app.app);
    await client.login(user.email);
    const right = await codeFor(secret);
    const wrongCode = right === '000000' ? '000001' : '000000';
    for (let remaining = 4; remaining >= 1; remaining--) {
      const res = await client.post('/api/auth/second-factor', { code: wrongCode });
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0].message).toBe(`Code incorrect. Il vous reste ${remaining} ${remaining > 1 ? 'essais' : 'essai'}.`);
    }
    const fifth = await client.post('/api/auth/second-factor', { code: wrongCode });
    expect(fifth.status).toBe(401);
    expect(fifth.body.error.message).toBe('Trop de codes incorrects : reconnectez-vous avec votre mot de passe.');
    // Even the right code now: the pending sign-in is gone.
    expect((await client.post('/api/auth/second-factor', { code: right })).status).toBe(401);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    const failed = await db.knex('audit_log').where({ action: 'auth.second_factor_failed', entity_id: String(user.id) }).orderBy('id');
    expect(failed.length).toBe(5);
    expect(failed[4].after).toEqual(jasmine.objectContaining({ failures: 5, dropped: true }));
    expect(await countRows(db.knex('login_attempts').where({ email: user.email, succeeded: false }))).toBe(1);
  });

  it('accepts a recovery code once (audited), whatever its case and dashes', async () => {
    const user = await newUser();
    const { recoveryCodes } = await enrolled(user.email);
    const client = new TestClient(app.app);
    await client.login(user.email);
    const used = recoveryCodes[3];
    const done = await client.post('/api/auth/second-factor', { recoveryCode: ` ${used.replace(/-/g, '').toUpperCase()} ` });
    expect(done.status).toBe(200);
    const login = await db.knex('audit_log').where({ action: 'auth.login', actor_id: user.id }).orderBy('id', 'desc').first();
    expect(login.after.secondFactor).toBe('recovery_code');
    expect(await countRows(db.knex('audit_log').where({ action: 'second_factor.recovery_code_used', entity_id: String(user.id) }))).toBe(1);
    expect((await bodyOf(client.get('/api/account/second-factor'), 200)).recoveryCodesLeft).toBe(9);

    const again = new TestClient(app.app);
    await again.login(user.email);
    const reuse = await again.post('/api/auth/second-factor', { recoveryCode: used });
    expect(reuse.status).toBe(422);
    expect(reuse.body.error.fields[0]).toEqual({ path: 'recoveryCode', message: 'Code de secours incorrect ou déjà utilisé. Il vous reste 4 essais.' });
    const both = await again.post('/api/auth/second-factor', { recoveryCode: recoveryCodes[4], code: '123456' });
    expect(both.status).toBe(422);
    expect((await again.post('/api/auth/second-factor', { recoveryCode: recoveryCodes[4] })).status).toBe(200);
  });

  it('remembers a device for 30 days at most: the code is skipped there until it expires or is revoked', async () => {
    const user = await newUser();
    const { secret } = await enrolled(user.email);
    await letTimePass(user.id);
    const client = new TestClient(app.app);
    await client.login(user.email);
    const done = await client.post('/api/auth/second-factor', { code: await codeFor(secret), rememberDevice: true });
    expect(done.status).toBe(200);
    const deviceCookie = cookieNamed(done, 'cn2r_device')!;
    expect(deviceCookie).toMatch(/HttpOnly/i);
    expect(Number(/Max-Age=(\d+)/.exec(deviceCookie)![1])).toBe(30 * 86_400);
    const [device] = await db.knex('second_factor_devices').where({ user_id: user.id });
    expect(new Date(device.expires_at).getTime() - new Date(device.created_at).getTime()).toBeLessThanOrEqual(30 * 86_400_000);
    expect(new Date(device.expires_at).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(deviceCookie).not.toContain(device.token_hash);
    // The database refuses longer.
    await expectAsync(db.knex('second_factor_devices').where({ id: device.id }).update({ expires_at: db.knex.raw(`created_at + interval '31 days'`) })).toBeRejected();

    // Same browser: straight in, audited as such.
    const remembered = await client.login(user.email);
    expect(remembered.body).toEqual(jasmine.objectContaining({ id: user.id }));
    const login = await db.knex('audit_log').where({ action: 'auth.login', actor_id: user.id }).orderBy('id', 'desc').first();
    expect(login.after.secondFactor).toBe('remembered_device');
    // Another browser: the code.
    expect((await new TestClient(app.app).login(user.email)).body).toEqual({ secondFactor: 'code', enrolment: null });

    // Listed (this browser marked current), then expired: the code again.
    const status = await bodyOf(client.get('/api/account/second-factor'), 200);
    expect(status.devices).toEqual([jasmine.objectContaining({ id: device.id, current: true })]);
    await db.knex('second_factor_devices').where({ id: device.id }).update({ expires_at: db.knex.raw(`now() - interval '1 second'`) });
    expect((await client.login(user.email)).body).toEqual({ secondFactor: 'code', enrolment: null });

    // Remember again, then revoke it from the account page: the code again.
    await letTimePass(user.id);
    await bodyOf(client.post('/api/auth/second-factor', { code: await codeFor(secret), rememberDevice: true }), 200);
    const again = (await bodyOf(client.get('/api/account/second-factor'), 200)).devices[0];
    const other = await newUser();
    const otherClient = await TestClient.signedIn(app.app, other.email);
    expect((await otherClient.delete(`/api/account/second-factor/devices/${again.id}`)).status).toBe(404);
    expect((await client.delete(`/api/account/second-factor/devices/${again.id}`)).status).toBe(204);
    expect((await client.login(user.email)).body).toEqual({ secondFactor: 'code', enrolment: null });
    const actions = await db.knex('audit_log').where({ entity_id: String(user.id) }).pluck('action');
    expect(actions).toEqual(jasmine.arrayContaining(['second_factor.device_remembered', 'second_factor.device_revoked']));
  });

  it('enforces the requirement for admin and finance once the admin switches it on: enrolment before any session, not for the other roles', async () => {
    const finance = await newUser('finance');
    const board = await newUser('board');
    const boardClient = await TestClient.signedIn(app.app, board.email);
    expect((await boardClient.send('put', '/api/second-factor/policy', { requiredForAdminAndFinance: true })).status).toBe(403);
    expect(await bodyOf(admin.get('/api/second-factor/policy'), 200)).toEqual({ requiredForAdminAndFinance: false });
    try {
      expect(await bodyOf(admin.send('put', '/api/second-factor/policy', { requiredForAdminAndFinance: true }), 200)).toEqual({ requiredForAdminAndFinance: true });
      const changed = await db.knex('audit_log').where({ action: 'settings.second_factor_policy_changed' }).orderBy('id', 'desc').first();
      expect(changed.before).toEqual({ requiredForAdminAndFinance: false });
      expect(changed.after).toEqual({ requiredForAdminAndFinance: true });

      // The board is not concerned.
      expect((await new TestClient(app.app).login(board.email)).body).toEqual(jasmine.objectContaining({ id: board.id }));

      // Finance: the enrolment first, no session before it.
      const client = new TestClient(app.app);
      const first = await client.login(finance.email);
      expect(first.body.secondFactor).toBe('enrolment');
      expect(first.body.enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(first.body.enrolment.qrSvg).toMatch(/^<svg/);
      expect((await client.get('/api/auth/me')).status).toBe(401);
      expect((await client.get('/api/account/second-factor')).status).toBe(401);
      const pending = await bodyOf(client.get('/api/auth/second-factor'), 200);
      expect(pending.challenge.enrolment.secret).toBe(first.body.enrolment.secret);
      const recovery = await client.post('/api/auth/second-factor', { recoveryCode: 'abcd-efgh-jkmn' });
      expect(recovery.status).toBe(422);
      expect(recovery.body.error.fields[0].message).toBe('Confirmez la double authentification avec un code de l’application.');
      const done = await client.post('/api/auth/second-factor', { code: await codeFor(first.body.enrolment.secret) });
      expect(done.status).toBe(200);
      expect(done.body.me.id).toBe(finance.id);
      expect(done.body.recoveryCodes.length).toBe(10);
      const status = await bodyOf(client.get('/api/account/second-factor'), 200);
      expect(status).toEqual(jasmine.objectContaining({ enabled: true, required: true, recoveryCodesLeft: 10 }));
      // Required: it cannot be disabled.
      const disable = await client.post('/api/account/second-factor/disable', { password: TEST_PASSWORD });
      expect(disable.status).toBe(409);
      expect(disable.body.error.message).toBe('La double authentification est obligatoire pour votre rôle : elle ne peut pas être désactivée.');
      const login = await db.knex('audit_log').where({ action: 'auth.login', actor_id: finance.id }).orderBy('id', 'desc').first();
      expect(login.after.secondFactor).toBe('enrolment');
      expect(await countRows(db.knex('audit_log').where({ action: 'second_factor.enabled', entity_id: String(finance.id) }))).toBe(1);
    } finally {
      await bodyOf(admin.send('put', '/api/second-factor/policy', { requiredForAdminAndFinance: false }), 200);
    }
    // Off again: a finance account without a second factor signs in with its password.
    const other = await newUser('finance');
    expect((await new TestClient(app.app).login(other.email)).body).toEqual(jasmine.objectContaining({ id: other.id }));
  });

  it('disables with a current code or the password, regenerates recovery codes, and lets the admin reset a lost factor (audited)', async () => {
    const user = await newUser();
    const { client, secret, recoveryCodes } = await enrolled(user.email);
    await letTimePass(user.id);
    const wrongPassword = await client.post('/api/account/second-factor/recovery-codes', { password: 'pas-le-bon-mot-de-passe' });
    expect(wrongPassword.status).toBe(422);
    expect(wrongPassword.body.error.fields).toEqual([{ path: 'password', message: 'Mot de passe incorrect.' }]);
    expect((await client.post('/api/account/second-factor/recovery-codes', {})).status).toBe(422);
    const fresh = await bodyOf(client.post('/api/account/second-factor/recovery-codes', { code: await codeFor(secret) }), 200);
    expect(fresh.recoveryCodes.length).toBe(10);
    expect(fresh.recoveryCodes).not.toContain(recoveryCodes[0]);
    const signIn = new TestClient(app.app);
    await signIn.login(user.email);
    expect((await signIn.post('/api/auth/second-factor', { recoveryCode: recoveryCodes[0] })).status).toBe(422);

    // The admin resets it (a lost phone): the password alone again.
    expect((await admin.post(`/api/users/${user.id}/second-factor/reset`)).status).toBe(204);
    expect((await admin.post(`/api/users/999999/second-factor/reset`)).status).toBe(404);
    const self = await admin.post(`/api/users/${fx.users.admin.id}/second-factor/reset`);
    expect(self.status).toBe(409);
    expect(self.body.error.message).toBe('Gérez votre propre double authentification depuis la page « Mon compte ».');
    expect((await new TestClient(app.app).login(user.email)).body).toEqual(jasmine.objectContaining({ id: user.id }));
    expect(await countRows(db.knex('second_factor_recovery_codes').where({ user_id: user.id }))).toBe(0);
    const reset = await db.knex('audit_log').where({ action: 'second_factor.reset', entity_id: String(user.id) }).first();
    expect(reset.actor_id).toBe(fx.users.admin.id);
    expect(reset.before).toEqual({ enabled: true });

    // Enrolled again, then disabled by the user with the password.
    const second = await enrolled(user.email);
    expect((await bodyOf(admin.get('/api/second-factor/users'), 200)).users).toContain(jasmine.objectContaining({ userId: user.id }));
    expect((await second.client.post('/api/account/second-factor/disable', { password: TEST_PASSWORD })).status).toBe(204);
    expect((await second.client.post('/api/account/second-factor/disable', { password: TEST_PASSWORD })).status).toBe(409);
    expect((await new TestClient(app.app).login(user.email)).body).toEqual(jasmine.objectContaining({ id: user.id }));
    const actions = await db.knex('audit_log').where({ entity_id: String(user.id) }).pluck('action');
    expect(actions).toEqual(jasmine.arrayContaining(['second_factor.recovery_codes_regenerated', 'second_factor.disabled']));
  });
});

describe('second factor settings', () => {
  it('takes SECOND_FACTOR_KEY of 32 characters or more, and 30 remembered days at most', () => {
    expect(loadConfig({}).secondFactorKey).toBeUndefined();
    expect(() => loadConfig({ SECOND_FACTOR_KEY: 'trop-courte' })).toThrowError(/SECOND_FACTOR_KEY invalide/);
    expect(loadConfig({ SECOND_FACTOR_KEY: 'k'.repeat(32) }).secondFactorKey).toBe('k'.repeat(32));
    expect(loadConfig({}).rememberDeviceDays).toBe(30);
    expect(loadConfig({ REMEMBER_DEVICE_DAYS: '7' }).rememberDeviceDays).toBe(7);
    expect(loadConfig({ REMEMBER_DEVICE_DAYS: '90' }).rememberDeviceDays).toBe(30);
  });
});
