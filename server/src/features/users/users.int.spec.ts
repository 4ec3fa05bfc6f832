import type { Response } from 'supertest';
import type { App } from '../../app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { TEST_PASSWORD, TestClient, countRows, signInFixtures, startFixtureApp, type Fixtures } from '../../testing/test-app.js';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NEW_PASSWORD = 'un-tout-nouveau-mot-de-passe';

interface UserBody {
  id: number;
  email: string;
  displayName: string;
  role: string;
  units: { id: number; code: string; name: string }[];
  active: boolean;
  version: number;
}

/** Nothing secret in an answer: no hash, no password, whatever the nesting. */
function expectNoSecret(res: Response, context: string): void {
  const text = res.text ?? '';
  expect(text).withContext(context).not.toMatch(/argon2/i);
  expect(text).withContext(context).not.toMatch(/password_?hash/i);
  expect(text).withContext(context).not.toContain(TEST_PASSWORD);
  expect(text).withContext(context).not.toContain(NEW_PASSWORD);
}

describe('users API', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let seq = 0;

  const count = (table: string) => countRows(db.knex(table));
  const userRow = (id: number) => db.knex('users').where({ id }).first();
  const unitIdsOf = (id: number) => db.knex('user_units').where({ user_id: id }).orderBy('unit_id').pluck('unit_id');
  const sessionsOf = (id: number) => countRows(db.knex('sessions').where({ user_id: id }));

  const newUser = (overrides: Record<string, unknown> = {}) => {
    seq++;
    return { email: `user${seq}@test.local`, displayName: `Utilisateur ${seq}`, role: 'finance', password: TEST_PASSWORD, ...overrides };
  };

  async function createUser(overrides: Record<string, unknown> = {}): Promise<UserBody> {
    const res = await admin.post('/api/users', newUser(overrides));
    if (res.status !== 201) throw new Error(`user creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    expectNoSecret(res, 'POST /api/users');
    return res.body;
  }

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ admin } = await signInFixtures(app.app, fx, 'admin'));
  });
  afterAll(() => db.drop());

  describe('listing', () => {
    it('lists every account with its units and no secret', async () => {
      const res = await admin.get('/api/users');
      expect(res.status).toBe(200);
      expectNoSecret(res, 'GET /api/users');
      expect(res.body.total).toBe(res.body.items.length);
      const leadA = res.body.items.find((u: UserBody) => u.id === fx.users.leadA.id);
      expect(leadA).toEqual({
        id: fx.users.leadA.id,
        email: 'lead.a@test.local',
        displayName: 'lead.a',
        role: 'unit_lead',
        units: [{ id: fx.unitA, code: 'CRP-A', name: 'CRP A' }],
        active: true,
        oidcLinked: false,
        localPasswordDisabled: false,
        // Null until the first sign-in; another test may have signed this account in.
        lastLoginAt: leadA?.lastLoginAt === null ? null : jasmine.stringMatching(ISO_TIMESTAMP),
        createdAt: jasmine.stringMatching(ISO_TIMESTAMP),
        updatedAt: jasmine.stringMatching(ISO_TIMESTAMP),
        version: jasmine.any(Number),
      });
      const adminItem = res.body.items.find((u: UserBody) => u.id === fx.users.admin.id);
      expect(adminItem.lastLoginAt).toMatch(ISO_TIMESTAMP);
      expect(adminItem.units).toEqual([]);
    });

    it('filters by search (e-mail or name, case-insensitive, LIKE characters taken literally), role and active', async () => {
      const tag = `filtre${Date.now()}`;
      const one = await createUser({ email: `${tag}.un@test.local`, displayName: 'Alice Filtre', role: 'board' });
      const two = await createUser({ email: `${tag}.deux@test.local`, displayName: 'Bob Filtre', role: 'finance' });
      expect((await admin.patch(`/api/users/${two.id}`, { active: false, version: two.version })).status).toBe(200);

      const ids = (res: Response) => (res.body.items as UserBody[]).map((u) => u.id).sort((a, b) => a - b);
      const search = await admin.get(`/api/users?search=${tag.toUpperCase()}`);
      expect(search.status).toBe(200);
      expect(ids(search)).toEqual([one.id, two.id].sort((a, b) => a - b));
      expect(search.body.total).toBe(2);
      expect(ids(await admin.get('/api/users?search=alice%20filtre'))).toEqual([one.id]);
      expect((await admin.get(`/api/users?search=${encodeURIComponent('%')}`)).body.items).toEqual([]);
      expect((await admin.get(`/api/users?search=${encodeURIComponent('_')}`)).body.items).toEqual([]);

      const leads = await admin.get('/api/users?role=unit_lead');
      expect((leads.body.items as UserBody[]).every((u) => u.role === 'unit_lead')).toBeTrue();
      expect(ids(leads)).toEqual(jasmine.arrayContaining([fx.users.leadA.id, fx.users.leadB.id]));

      expect(ids(await admin.get(`/api/users?search=${tag}&active=false`))).toEqual([two.id]);
      expect(ids(await admin.get(`/api/users?search=${tag}&active=true`))).toEqual([one.id]);
      expect(ids(await admin.get(`/api/users?search=${tag}&role=board`))).toEqual([one.id]);
      const inactive = await admin.get('/api/users?active=false');
      expect((inactive.body.items as UserBody[]).every((u) => !u.active)).toBeTrue();
    });

    it('refuses unknown filters and values with 422 naming the field', async () => {
      const role = await admin.get('/api/users?role=superadmin');
      expect(role.status).toBe(422);
      expect(role.body.error.fields[0].path).toBe('role');
      const active = await admin.get('/api/users?active=oui');
      expect(active.status).toBe(422);
      expect(active.body.error.fields[0].path).toBe('active');
      const extra = await admin.get('/api/users?page=2');
      expect(extra.status).toBe(422);
      expect(extra.body.error.fields[0].message).toBe('Champ(s) non attendu(s) : page.');
    });

    it('reads one account (no secret), 404 for an unknown one', async () => {
      const res = await admin.get(`/api/users/${fx.users.leadB.id}`);
      expect(res.status).toBe(200);
      expectNoSecret(res, 'GET /api/users/:id');
      expect(res.body).toEqual(jasmine.objectContaining({ email: 'lead.b@test.local', role: 'unit_lead', units: [{ id: fx.unitB, code: 'CRP-B', name: 'CRP B' }] }));
      const missing = await admin.get('/api/users/999999');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe('Utilisateur introuvable.');
    });
  });

  describe('creating', () => {
    it('creates an account: 201, e-mail stored in lower case, argon2id hash stored, audit without the hash', async () => {
      const auditBefore = await count('audit_log');
      const res = await admin.post('/api/users', newUser({ email: '  Nouvelle.Personne@Test.LOCAL ', displayName: ' Nouvelle Personne ', role: 'unit_lead', unitIds: [fx.unitB, fx.unitA] }));
      expect(res.status).toBe(201);
      expectNoSecret(res, 'POST /api/users');
      expect(res.body).toEqual({
        id: jasmine.any(Number),
        email: 'nouvelle.personne@test.local',
        displayName: 'Nouvelle Personne',
        role: 'unit_lead',
        units: [
          { id: fx.unitA, code: 'CRP-A', name: 'CRP A' },
          { id: fx.unitB, code: 'CRP-B', name: 'CRP B' },
        ],
        active: true,
        oidcLinked: false,
        localPasswordDisabled: false,
        lastLoginAt: null,
        createdAt: jasmine.stringMatching(ISO_TIMESTAMP),
        updatedAt: jasmine.stringMatching(ISO_TIMESTAMP),
        version: 1,
      });
      const row = await userRow(res.body.id);
      expect(row.email).toBe('nouvelle.personne@test.local');
      expect(row.display_name).toBe('Nouvelle Personne');
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(TEST_PASSWORD);
      expect(await unitIdsOf(res.body.id)).toEqual([fx.unitA, fx.unitB].sort((a, b) => a - b));

      expect(await count('audit_log')).toBe(auditBefore + 1);
      const audit = await db.knex('audit_log').where({ action: 'user.created', entity_id: String(res.body.id) });
      expect(audit.length).toBe(1);
      expect(audit[0]).toEqual(jasmine.objectContaining({ actor_id: fx.users.admin.id, entity_type: 'user', before: null, after: res.body, request_id: res.headers['x-request-id'] }));
      expect(JSON.stringify(audit[0])).not.toMatch(/argon2|password_?hash/i);
      expect(JSON.stringify(audit[0])).not.toContain(TEST_PASSWORD);

      // The new account signs in with that password, whatever the case of the e-mail typed.
      expect((await new TestClient(app.app).login('NOUVELLE.personne@test.local')).status).toBe(200);
    });

    it('ignores units for roles that are not unit-scoped', async () => {
      const user = await createUser({ role: 'board', unitIds: [fx.unitA] });
      expect(user.units).toEqual([]);
      expect(await unitIdsOf(user.id)).toEqual([]);
    });

    const invalid: { title: string; body: Record<string, unknown>; path: string; message?: string }[] = [
      { title: 'a password under 12 characters', body: { password: 'court-11car' }, path: 'password', message: 'Le mot de passe doit compter au moins 12 caractères.' },
      { title: 'a unit lead without units', body: { role: 'unit_lead', unitIds: [] }, path: 'unitIds', message: 'Un responsable de centre doit être rattaché à au moins un centre.' },
      { title: 'a unit lead with no unitIds at all', body: { role: 'unit_lead' }, path: 'unitIds' },
      { title: 'an invalid e-mail', body: { email: 'pas-un-email' }, path: 'email', message: 'Adresse e-mail invalide.' },
      { title: 'an unknown role', body: { role: 'root' }, path: 'role' },
      { title: 'an unknown field', body: { passwordHash: '$argon2id$x' }, path: '(corps)', message: 'Champ(s) non attendu(s) : passwordHash.' },
    ];
    for (const c of invalid) {
      it(`refuses ${c.title} with 422 naming \`${c.path}\`, writing nothing`, async () => {
        const users = await count('users');
        const audit = await count('audit_log');
        const res = await admin.post('/api/users', newUser(c.body));
        expect(res.status).toBe(422);
        const field = (res.body.error.fields as { path: string; message: string }[]).find((f) => f.path === c.path);
        expect(field).withContext(JSON.stringify(res.body)).toBeDefined();
        if (c.message) expect(field?.message).toBe(c.message);
        expect(await count('users')).toBe(users);
        expect(await count('audit_log')).toBe(audit);
      });
    }

    it('refuses an unknown unit id with 422 naming `unitIds`, writing nothing', async () => {
      const users = await count('users');
      const res = await admin.post('/api/users', newUser({ role: 'unit_lead', unitIds: [fx.unitA, 999999] }));
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual([{ path: 'unitIds', message: 'Centre(s) inconnu(s) : 999999.' }]);
      expect(await count('users')).toBe(users);
    });

    it('refuses a duplicate e-mail, whatever its case, with 409 naming `email`', async () => {
      const users = await count('users');
      const audit = await count('audit_log');
      const res = await admin.post('/api/users', newUser({ email: 'Lead.A@Test.Local' }));
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({ code: 'conflict', message: 'Cette adresse e-mail est déjà utilisée.', fields: [{ path: 'email', message: 'Adresse déjà utilisée.' }] });
      expect(await count('users')).toBe(users);
      expect(await count('audit_log')).toBe(audit);
    });
  });

  describe('updating', () => {
    it('changes role and units with the version read: 200, version + 1, stored, audited before/after', async () => {
      const user = await createUser({ role: 'finance' });
      const res = await admin.patch(`/api/users/${user.id}`, { role: 'unit_lead', unitIds: [fx.unitB], displayName: 'Devenu responsable', version: 1 });
      expect(res.status).toBe(200);
      expectNoSecret(res, 'PATCH /api/users/:id');
      expect(res.body).toEqual(jasmine.objectContaining({ role: 'unit_lead', displayName: 'Devenu responsable', units: [{ id: fx.unitB, code: 'CRP-B', name: 'CRP B' }], version: 2 }));
      expect(await userRow(user.id)).toEqual(jasmine.objectContaining({ role: 'unit_lead', display_name: 'Devenu responsable', version: 2 }));
      expect(await unitIdsOf(user.id)).toEqual([fx.unitB]);

      const audit = await db.knex('audit_log').where({ action: 'user.updated', entity_id: String(user.id) });
      expect(audit.length).toBe(1);
      expect(audit[0].before).toEqual(jasmine.objectContaining({ role: 'finance', units: [], version: 1 }));
      expect(audit[0].after).toEqual(res.body);
      expect(JSON.stringify(audit[0])).not.toMatch(/argon2|password_?hash/i);

      // Back to a role without units: the units are dropped.
      const back = await admin.patch(`/api/users/${user.id}`, { role: 'board', version: 2 });
      expect(back.status).toBe(200);
      expect(back.body.units).toEqual([]);
      expect(await unitIdsOf(user.id)).toEqual([]);
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const user = await createUser({ role: 'unit_lead', unitIds: [fx.unitA] });
      expect((await admin.patch(`/api/users/${user.id}`, { displayName: 'Première', version: 1 })).status).toBe(200);
      const before = await userRow(user.id);
      const audit = await count('audit_log');
      const stale = await admin.patch(`/api/users/${user.id}`, { role: 'admin', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.fields).toEqual([{ path: 'version', message: 'Version périmée.' }]);
      expect(stale.body.error.message).toMatch(/^Cet utilisateur a été modifié par quelqu’un d’autre/);
      expect(await userRow(user.id)).toEqual(before);
      expect(await unitIdsOf(user.id)).toEqual([fx.unitA]);
      expect(await count('audit_log')).toBe(audit);
    });

    it('refuses to make someone a unit lead without units, or with an unknown unit (422 `unitIds`)', async () => {
      const user = await createUser({ role: 'finance' });
      const none = await admin.patch(`/api/users/${user.id}`, { role: 'unit_lead', version: 1 });
      expect(none.status).toBe(422);
      expect(none.body.error.fields).toEqual([{ path: 'unitIds', message: 'Un responsable de centre doit être rattaché à au moins un centre.' }]);
      const unknown = await admin.patch(`/api/users/${user.id}`, { role: 'unit_lead', unitIds: [424242], version: 1 });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.fields).toEqual([{ path: 'unitIds', message: 'Centre(s) inconnu(s) : 424242.' }]);
      expect(await userRow(user.id)).toEqual(jasmine.objectContaining({ role: 'finance', version: 1 }));
    });

    it('signs out a deactivated user at once, who then cannot sign in', async () => {
      const user = await createUser({ role: 'board' });
      const client = await TestClient.signedIn(app.app, user.email);
      expect((await client.get('/api/auth/me')).status).toBe(200);
      expect(await sessionsOf(user.id)).toBe(1);

      const res = await admin.patch(`/api/users/${user.id}`, { active: false, version: user.version });
      expect(res.status).toBe(200);
      expect(res.body.active).toBeFalse();
      expect((await userRow(user.id)).active).toBeFalse();
      expect(await sessionsOf(user.id)).toBe(0);
      const after = await client.get('/api/auth/me');
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('unauthenticated');
      const login = await new TestClient(app.app).login(user.email);
      expect(login.status).toBe(401);
      expect(login.body.error.message).toBe('Adresse e-mail ou mot de passe incorrect.');

      // Reactivated, the account signs in again.
      expect((await admin.patch(`/api/users/${user.id}`, { active: true, version: 2 })).status).toBe(200);
      expect((await new TestClient(app.app).login(user.email)).status).toBe(200);
    });

    it('signs out a unit lead whose units change, so the new scope applies at once', async () => {
      const user = await createUser({ role: 'unit_lead', unitIds: [fx.unitA] });
      const client = await TestClient.signedIn(app.app, user.email);
      expect((await admin.patch(`/api/users/${user.id}`, { unitIds: [fx.unitB], version: 1 })).status).toBe(200);
      expect((await client.get('/api/auth/me')).status).toBe(401);
      expect(await sessionsOf(user.id)).toBe(0);
    });

    it('keeps the sessions of a user whose display name only changes', async () => {
      const user = await createUser({ role: 'finance' });
      const client = await TestClient.signedIn(app.app, user.email);
      expect((await admin.patch(`/api/users/${user.id}`, { displayName: 'Nom corrigé', version: 1 })).status).toBe(200);
      const me = await client.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.displayName).toBe('Nom corrigé');
    });

    it('refuses an administrator deactivating themselves or dropping their own admin role (409), changing nothing', async () => {
      const me = await userRow(fx.users.admin.id);
      const audit = await count('audit_log');
      const off = await admin.patch(`/api/users/${fx.users.admin.id}`, { active: false, version: me.version });
      expect(off.status).toBe(409);
      expect(off.body.error.message).toBe('Vous ne pouvez pas désactiver votre propre compte ni retirer vos propres droits d’administrateur.');
      const demoted = await admin.patch(`/api/users/${fx.users.admin.id}`, { role: 'board', version: me.version });
      expect(demoted.status).toBe(409);
      expect(await userRow(fx.users.admin.id)).toEqual(me);
      expect(await count('audit_log')).toBe(audit);
      expect((await admin.get('/api/auth/me')).status).toBe(200);
    });

    it('lets an administrator deactivate another administrator', async () => {
      const other = await createUser({ role: 'admin' });
      const res = await admin.patch(`/api/users/${other.id}`, { active: false, version: 1 });
      expect(res.status).toBe(200);
      expect((await userRow(other.id)).active).toBeFalse();
    });

    it('answers 404 for an unknown user', async () => {
      const res = await admin.patch('/api/users/999999', { displayName: 'Personne', version: 1 });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('Utilisateur introuvable.');
    });
  });

  describe('weak passwords', () => {
    it('refuses a password a guesser finds quickly, on creation and on reset, with the French reason (422 `password`), writing nothing', async () => {
      const users = await count('users');
      const audits = await count('audit_log');
      const cases: [string, RegExp][] = [
        ['aaaaaaaaaaaa', /^Mot de passe trop facile à deviner : Les caractères répétés comme 'aaa' sont faciles à deviner\. /],
        ['123456789012', /^Mot de passe trop facile à deviner : Ce mot de passe est couramment utilisé\. /],
        ['password1234', /^Mot de passe trop facile à deviner : Ce mot de passe est similaire à un mot de passe couramment utilisé\. /],
        ['azertyuiop12', /^Mot de passe trop facile à deviner : Les lignes droites de touches de votre clavier sont faciles à deviner\. /],
      ];
      for (const [password, message] of cases) {
        const res = await admin.post('/api/users', newUser({ password }));
        expect(res.status).withContext(password).toBe(422);
        expect(res.body.error.fields.map((f: { path: string }) => f.path)).withContext(password).toEqual(['password']);
        expect(res.body.error.fields[0].message).withContext(password).toMatch(message);
        expect(res.body.error.fields[0].message).toContain('Choisissez par exemple trois ou quatre mots sans rapport entre eux, séparés par des tirets.');
      }
      // The person's own e-mail or name as the password.
      const own = newUser();
      const ownEmail = await admin.post('/api/users', { ...own, email: 'claire.dubois@test.local', password: 'claire.dubois@test.local' });
      expect(ownEmail.body.error.fields[0]).toEqual(jasmine.objectContaining({ path: 'password', message: jasmine.stringMatching(/données personnelles/) }));
      expect(await count('users')).toBe(users);
      expect(await count('audit_log')).toBe(audits);

      const user = await createUser();
      const hashBefore = (await userRow(user.id)).password_hash;
      const reset = await admin.post(`/api/users/${user.id}/password`, { password: '123456789012' });
      expect(reset.status).toBe(422);
      expect(reset.body.error.fields[0].path).toBe('password');
      expect((await userRow(user.id)).password_hash).toBe(hashBefore);
      // Several unrelated words pass.
      expect((await admin.post(`/api/users/${user.id}/password`, { password: 'soleil-marine-vent-42' })).status).toBe(204);
    });
  });

  describe('resetting a password', () => {
    it('204: the old password fails, the new one works, sessions end, audited without the hash', async () => {
      const user = await createUser({ role: 'board' });
      const client = await TestClient.signedIn(app.app, user.email);
      const hashBefore = (await userRow(user.id)).password_hash;

      const res = await admin.post(`/api/users/${user.id}/password`, { password: NEW_PASSWORD });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const row = await userRow(user.id);
      expect(row.password_hash).not.toBe(hashBefore);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(await sessionsOf(user.id)).toBe(0);
      expect((await client.get('/api/auth/me')).status).toBe(401);
      expect((await new TestClient(app.app).login(user.email)).status).toBe(401);
      expect((await new TestClient(app.app).login(user.email, NEW_PASSWORD)).status).toBe(200);

      const audit = await db.knex('audit_log').where({ action: 'user.password_reset', entity_id: String(user.id) });
      expect(audit.length).toBe(1);
      expect(audit[0]).toEqual(jasmine.objectContaining({ actor_id: fx.users.admin.id, entity_type: 'user', request_id: res.headers['x-request-id'] }));
      expect(JSON.stringify(audit[0])).not.toMatch(/argon2|password_hash/i);
      expect(JSON.stringify(audit[0])).not.toContain(NEW_PASSWORD);
    });

    it('refuses a short password (422 `password`) and an unknown user (404), changing nothing', async () => {
      const user = await createUser();
      const hashBefore = (await userRow(user.id)).password_hash;
      const short = await admin.post(`/api/users/${user.id}/password`, { password: 'trop-court' });
      expect(short.status).toBe(422);
      expect(short.body.error.fields).toEqual([{ path: 'password', message: 'Le mot de passe doit compter au moins 12 caractères.' }]);
      expect((await userRow(user.id)).password_hash).toBe(hashBefore);
      const missing = await admin.post('/api/users/999999/password', { password: NEW_PASSWORD });
      expect(missing.status).toBe(404);
    });
  });

  it('never lets the hash or a password into the audit log', async () => {
    const rows = await db.knex('audit_log').select('*');
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/argon2/i);
    expect(text).not.toMatch(/password_?hash/i);
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toContain(NEW_PASSWORD);
  });

  describe('non-administrators', () => {
    for (const who of ['leadA', 'leadB', 'finance', 'board'] as const) {
      it(`refuses ${who} every users route (403), writing nothing`, async () => {
        const client = await TestClient.signedIn(app.app, fx.users[who].email);
        const target = await createUser({ role: 'finance' });
        const users = await count('users');
        const audit = await count('audit_log');
        const targetBefore = await userRow(target.id);
        const self = await userRow(fx.users[who].id);

        const userRoutes = app.api.routes.filter((r) => r.path.startsWith('/users'));
        expect(userRoutes.length).toBe(8);
        const responses: [string, Response][] = [
          ['list', await client.get('/api/users')],
          ['read', await client.get(`/api/users/${target.id}`)],
          ['create', await client.post('/api/users', newUser({ role: 'admin' }))],
          ['update', await client.patch(`/api/users/${target.id}`, { active: false, version: 1 })],
          ['promote self', await client.patch(`/api/users/${fx.users[who].id}`, { role: 'admin', version: self.version })],
          ['reset password', await client.post(`/api/users/${target.id}/password`, { password: NEW_PASSWORD })],
          ['unlink from the identity provider', await client.delete(`/api/users/${target.id}/oidc`)],
          ['reset second factor', await client.post(`/api/users/${target.id}/second-factor/reset`)],
          ['send the invitation again', await client.post(`/api/users/${target.id}/invitation`)],
        ];
        for (const [what, res] of responses) {
          expect(res.status).withContext(what).toBe(403);
          expect(res.body.error.code).withContext(what).toBe('forbidden');
        }
        expect(await count('users')).toBe(users);
        expect(await count('audit_log')).toBe(audit);
        expect(await userRow(target.id)).toEqual(targetBefore);
        expect(await userRow(fx.users[who].id)).toEqual(self);
      });
    }
  });
});
