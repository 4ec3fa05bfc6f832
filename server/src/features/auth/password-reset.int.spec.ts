import type { App } from '../../app.js';
import { TEST_PASSWORD, TestClient, bodyOf, buildTestApp, countRows, createFixtureDatabase, type Fixtures } from '../../testing/test-app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { RESET_MAILS_PER_ACCOUNT_PER_HOUR, RESET_REQUESTS_PER_ADDRESS_PER_HOUR } from './password-links.js';

const NEW_PASSWORD = 'girafe-tambour-ciboulette-48';
const SAME_ANSWER = {
  message:
    'Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe, valable 30 minutes. Pensez à regarder dans les courriers indésirables.',
};
const INVALID_LINK = /^Ce lien n’est plus valable : il a déjà servi, il a expiré ou il est incomplet\. Demandez un nouveau lien/;

describe('password reset by e-mail and invitations (issue #14)', () => {
  let db: TestDatabase;
  let fx: Fixtures;
  let app: App;
  let admin: TestClient;
  let seq = 0;
  let address = 0;

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase());
    app = buildTestApp(db, { publicUrl: 'https://pilotage.cn2r.test/', trustProxy: 'loopback' });
    admin = await TestClient.signedIn(app.app, fx.users.admin.email);
  });
  afterAll(() => db.drop());

  /** A client address of its own for each spec, so the per-address limit of one does not touch another. */
  const nextAddress = () => `203.0.113.${++address}`;

  /** « Mot de passe oublié ? » from `from` (X-Forwarded-For behind the loopback proxy). */
  async function requestReset(email: string, from: string) {
    const client = new TestClient(app.app);
    const token = await client.csrfToken();
    return client.agent.post('/api/auth/password-reset').set('X-Forwarded-For', from).set('X-XSRF-TOKEN', token).send({ email });
  }

  async function newAccount(body: Record<string, unknown> = {}) {
    const n = ++seq;
    return bodyOf<{ id: number; email: string }>(admin.post('/api/users', { email: `personne.${n}@test.local`, displayName: `Personne Numéro${n}`, role: 'finance', password: TEST_PASSWORD, ...body }));
  }

  const mails = (userId: number, kind?: string) => db.knex('mail_outbox').where({ user_id: userId, ...(kind && { kind }) }).orderBy('id');
  const tokenOf = (text: string) => /\/mot-de-passe\/nouveau\?jeton=([A-Za-z0-9_-]+)/.exec(text)![1];
  const confirm = (token: string, password = NEW_PASSWORD) => new TestClient(app.app).post('/api/auth/password-reset/confirm', { token, password });

  it('answers a known and an unknown address the same (status and body), and writes the e-mail for the known one only', async () => {
    const user = await newAccount();
    const before = await countRows(db.knex('mail_outbox'));
    const known = await requestReset(user.email.toUpperCase(), nextAddress());
    const unknown = await requestReset('personne.inconnue@test.local', nextAddress());
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(SAME_ANSWER);
    expect(unknown.body).toEqual(known.body);
    expect(await countRows(db.knex('mail_outbox'))).toBe(before + 1);
    const [mail] = await mails(user.id, 'password.reset');
    expect(mail.to_address).toBe(user.email);
    expect(mail.status).toBe('outbox');
    expect(mail.subject).toBe('CN2R Pilotage : choisir un nouveau mot de passe');
    expect(mail.text_body).toContain('Il est valable 30 minutes et ne sert qu’une fois');
    expect(mail.text_body).toMatch(/Choisir un nouveau mot de passe : https:\/\/pilotage\.cn2r\.test\/mot-de-passe\/nouveau\?jeton=[A-Za-z0-9_-]{43}\n/);
    expect(mail.html_body).toContain(`href="https://pilotage.cn2r.test/mot-de-passe/nouveau?jeton=${tokenOf(mail.text_body)}"`);
    // Only the token's sha256 is stored.
    const [row] = await db.knex('password_tokens').where({ user_id: user.id });
    expect(row.token_hash).not.toBe(tokenOf(mail.text_body));
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.purpose).toBe('reset');
    const minutes = (new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()) / 60_000;
    expect(minutes).toBeCloseTo(30, 3);
    // The request is audited, without the token.
    const [audit] = await db.knex('audit_log').where({ action: 'user.password_reset_requested', entity_id: String(user.id) });
    expect(audit.actor_id).toBeNull();
    expect(JSON.stringify(audit)).not.toContain(tokenOf(mail.text_body));
  });

  it('writes nothing for an inactive account or one that signs in through the identity provider only, with the same answer', async () => {
    const inactive = await newAccount();
    const providerOnly = await newAccount();
    await db.knex('users').where({ id: inactive.id }).update({ active: false });
    await db.knex('users').where({ id: providerOnly.id }).update({ local_password_disabled: true });
    for (const user of [inactive, providerOnly]) {
      const res = await requestReset(user.email, nextAddress());
      expect(res.status).toBe(202);
      expect(res.body).toEqual(SAME_ANSWER);
      expect((await mails(user.id)).length).toBe(0);
    }
  });

  it('checks a link, sets a strong password once, closes every session of the account and audits it without a secret', async () => {
    const user = await newAccount();
    const signedIn = await TestClient.signedIn(app.app, user.email);
    await bodyOf(requestReset(user.email, nextAddress()), 202);
    const token = tokenOf((await mails(user.id, 'password.reset'))[0].text_body);

    const check = await new TestClient(app.app).post('/api/auth/password-reset/check', { token });
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ purpose: 'reset', email: `p${'*'.repeat(user.email.split('@')[0].length - 1)}@test.local`, expiresAt: jasmine.any(String) });

    // A weak password: refused on `password`, and the link still serves.
    const weak = await confirm(token, 'azertyuiop12');
    expect(weak.status).toBe(422);
    expect(weak.body.error.fields[0].path).toBe('password');
    expect(weak.body.error.fields[0].message).toMatch(/^Mot de passe trop facile à deviner/);
    expect((await signedIn.get('/api/auth/me')).status).toBe(200);

    expect((await confirm(token)).status).toBe(204);
    expect((await signedIn.get('/api/auth/me')).status).toBe(401);
    expect((await new TestClient(app.app).login(user.email)).status).toBe(401);
    expect((await new TestClient(app.app).login(user.email, NEW_PASSWORD)).status).toBe(200);

    // The link served once.
    for (const again of [await confirm(token, 'un-autre-mot-de-passe-solide-77'), await new TestClient(app.app).post('/api/auth/password-reset/check', { token })]) {
      expect(again.status).toBe(422);
      expect(again.body.error.fields[0].path).toBe('token');
      expect(again.body.error.fields[0].message).toMatch(INVALID_LINK);
    }
    const audit = await db.knex('audit_log').where({ action: 'user.password_reset', entity_id: String(user.id) });
    expect(audit.length).toBe(1);
    expect(audit[0].actor_id).toBe(user.id);
    const trace = JSON.stringify(audit[0]);
    for (const secret of [token, NEW_PASSWORD]) expect(trace).not.toContain(secret);
  });

  it('refuses an expired link and an unknown one, naming `token`', async () => {
    const user = await newAccount();
    await bodyOf(requestReset(user.email, nextAddress()), 202);
    const token = tokenOf((await mails(user.id, 'password.reset'))[0].text_body);
    await db.knex('password_tokens').where({ user_id: user.id }).update({ expires_at: db.knex.raw(`now() - interval '1 second'`) });
    for (const t of [token, 'x'.repeat(43)]) {
      const res = await confirm(t);
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual([{ path: 'token', message: jasmine.stringMatching(INVALID_LINK) }]);
    }
    expect((await new TestClient(app.app).login(user.email)).status).toBe(200);
  });

  it(`writes at most ${RESET_MAILS_PER_ACCOUNT_PER_HOUR} reset e-mails per account an hour, from any address, answering the same`, async () => {
    const user = await newAccount();
    for (let i = 0; i < RESET_MAILS_PER_ACCOUNT_PER_HOUR + 2; i++) {
      const res = await requestReset(user.email, nextAddress());
      expect(res.status).toBe(202);
      expect(res.body).toEqual(SAME_ANSWER);
    }
    expect((await mails(user.id, 'password.reset')).length).toBe(RESET_MAILS_PER_ACCOUNT_PER_HOUR);
    // An hour later, one more.
    await db.knex('password_tokens').where({ user_id: user.id }).update({ created_at: db.knex.raw(`created_at - interval '61 minutes'`) });
    await bodyOf(requestReset(user.email, nextAddress()), 202);
    expect((await mails(user.id, 'password.reset')).length).toBe(RESET_MAILS_PER_ACCOUNT_PER_HOUR + 1);
  });

  it('holds the per-account limit under parallel requests (advisory lock): exactly the limit written', async () => {
    const user = await newAccount();
    const answers = await Promise.all(Array.from({ length: RESET_MAILS_PER_ACCOUNT_PER_HOUR + 3 }, () => requestReset(user.email, nextAddress())));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    expect((await mails(user.id, 'password.reset')).length).toBe(RESET_MAILS_PER_ACCOUNT_PER_HOUR);
  });

  it(`holds one address to ${RESET_REQUESTS_PER_ADDRESS_PER_HOUR} requests an hour, known addresses or not, answering the same`, async () => {
    const user = await newAccount();
    const from = nextAddress();
    for (let i = 0; i < RESET_REQUESTS_PER_ADDRESS_PER_HOUR; i++) await bodyOf(requestReset(`inconnu.${i}@test.local`, from), 202);
    const over = await requestReset(user.email, from);
    expect(over.status).toBe(202);
    expect(over.body).toEqual(SAME_ANSWER);
    expect((await mails(user.id)).length).toBe(0);
    // Another address is not concerned.
    await bodyOf(requestReset(user.email, nextAddress()), 202);
    expect((await mails(user.id)).length).toBe(1);
  });

  describe('invitations', () => {
    it('creates an account without a password with an invitation (7 days) in the same transaction; it signs in only after choosing its password', async () => {
      const invited = await newAccount({ password: undefined });
      const [mail] = await mails(invited.id);
      expect(mail.kind).toBe('account.invitation');
      expect(mail.to_address).toBe(invited.email);
      expect(mail.subject).toBe('Votre compte CN2R Pilotage : choisissez votre mot de passe');
      expect(mail.text_body).toContain('admin (coordination du CN2R) vous a créé un compte sur CN2R Pilotage');
      expect(mail.text_body).toContain('Il est valable 7 jours');
      const [row] = await db.knex('password_tokens').where({ user_id: invited.id });
      expect(row.purpose).toBe('invitation');
      expect((new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()) / 86_400_000).toBeCloseTo(7, 5);
      const created = await db.knex('audit_log').where({ action: 'user.created', entity_id: String(invited.id) }).first();
      expect(created.reason).toBe('invitation par courriel');

      // No password signs in before: not the stored marker, not the test password.
      for (const attempt of ['!sans-mot-de-passe', TEST_PASSWORD]) expect((await new TestClient(app.app).login(invited.email, attempt)).status).toBe(401);

      const token = tokenOf(mail.text_body);
      expect((await bodyOf(new TestClient(app.app).post('/api/auth/password-reset/check', { token }), 200)).purpose).toBe('invitation');
      expect((await confirm(token)).status).toBe(204);
      expect((await new TestClient(app.app).login(invited.email, NEW_PASSWORD)).status).toBe(200);
      expect(await countRows(db.knex('audit_log').where({ action: 'user.invitation_accepted', entity_id: String(invited.id), actor_id: invited.id }))).toBe(1);
    });

    it('ends the invitation when the administrator sets the password instead', async () => {
      const invited = await newAccount({ password: undefined });
      const token = tokenOf((await mails(invited.id, 'account.invitation'))[0].text_body);
      expect((await admin.post(`/api/users/${invited.id}/password`, { password: 'un-autre-mot-de-passe-solide-77' })).status).toBe(204);
      const res = await confirm(token);
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0].path).toBe('token');
    });

    it('writes nothing when the creation fails (the e-mail is in its transaction)', async () => {
      const before = await countRows(db.knex('mail_outbox'));
      const res = await admin.post('/api/users', { email: fx.users.leadA.email, displayName: 'Doublon', role: 'finance' });
      expect(res.status).toBe(409);
      expect(await countRows(db.knex('mail_outbox'))).toBe(before);
    });

    it('sends the invitation again to an account that never signed in (audited), not to one that did', async () => {
      const invited = await newAccount({ password: undefined });
      expect((await admin.post(`/api/users/${invited.id}/invitation`)).status).toBe(204);
      const sent = await mails(invited.id, 'account.invitation');
      expect(sent.length).toBe(2);
      expect(tokenOf(sent[1].text_body)).not.toBe(tokenOf(sent[0].text_body));
      expect(await countRows(db.knex('audit_log').where({ action: 'user.invitation_sent', entity_id: String(invited.id), actor_id: fx.users.admin.id }))).toBe(1);

      // Choosing the password through the second link ends the first.
      expect((await confirm(tokenOf(sent[1].text_body))).status).toBe(204);
      expect((await confirm(tokenOf(sent[0].text_body), 'un-autre-mot-de-passe-solide-77')).status).toBe(422);
      await TestClient.signedIn(app.app, invited.email, NEW_PASSWORD);
      const refused = await admin.post(`/api/users/${invited.id}/invitation`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/^Ce compte s’est déjà connecté/);
      expect((await admin.post('/api/users/999999/invitation')).status).toBe(404);
      expect((await mails(invited.id, 'account.invitation')).length).toBe(2);
    });
  });
});
