import type { App } from '../../app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { TestClient, countRows, signInFixtures, startFixtureApp, type Fixtures } from '../../testing/test-app.js';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('units API', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let seq = 0;

  /** A valid creation body with a code no other test uses. */
  const newUnit = (overrides: Record<string, unknown> = {}) => ({
    code: `CRP-T${++seq}`,
    name: `Centre test ${seq}`,
    region: 'Occitanie',
    hostInstitution: 'CHU de Toulouse',
    kind: 'crp',
    openedOn: '2021-03-15',
    ...overrides,
  });

  const count = (table: string) => countRows(db.knex(table));
  const unitRow = (id: number) => db.knex('units').where({ id }).first();

  async function createUnit(overrides: Record<string, unknown> = {}) {
    const res = await admin.post('/api/units', newUnit(overrides));
    if (res.status !== 201) throw new Error(`unit creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: number; code: string; name: string; version: number; openedOn: string; closedOn: string | null };
  }

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ admin } = await signInFixtures(app.app, fx, 'admin'));
  });
  afterAll(() => db.drop());

  describe('reading', () => {
    it('lists the units to any signed-in user, dates as YYYY-MM-DD, and refuses anonymous callers', async () => {
      for (const who of ['leadA', 'leadB', 'finance', 'board', 'admin'] as const) {
        const client = who === 'admin' ? admin : await TestClient.signedIn(app.app, fx.users[who].email);
        const res = await client.get('/api/units');
        expect(res.status).withContext(who).toBe(200);
        const a = res.body.find((u: { id: number }) => u.id === fx.unitA);
        expect(a).withContext(who).toEqual({
          id: fx.unitA,
          code: 'CRP-A',
          name: 'CRP A',
          region: 'Région A',
          hostInstitution: 'CHU A',
          kind: 'crp',
          openedOn: '2019-01-01',
          closedOn: null,
          createdAt: jasmine.stringMatching(ISO_TIMESTAMP),
          updatedAt: jasmine.stringMatching(ISO_TIMESTAMP),
          version: a?.version ?? 1,
        });
        expect(res.body.map((u: { id: number }) => u.id)).toContain(fx.unitB);
      }
      const anonymous = await new TestClient(app.app).get('/api/units');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('unauthenticated');
    });

    it('lists the national centre first, then by name', async () => {
      await createUnit({ code: 'CN2R-NAT', name: 'Zz CN2R national', kind: 'cn2r' });
      const res = await admin.get('/api/units');
      expect(res.status).toBe(200);
      expect(res.body[0].code).toBe('CN2R-NAT');
      const rest = res.body.slice(1).map((u: { name: string }) => u.name);
      expect(rest).toEqual([...rest].sort((x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)));
    });

    it('reads one unit, 404 for an unknown id and 422 naming `id` for a non-numeric one', async () => {
      const ok = await admin.get(`/api/units/${fx.unitB}`);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual(jasmine.objectContaining({ id: fx.unitB, code: 'CRP-B', hostInstitution: null, openedOn: '2020-06-01' }));

      const missing = await admin.get('/api/units/999999');
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error: { code: 'not_found', message: 'Centre introuvable.' } });

      const bad = await admin.get('/api/units/abc');
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('validation_failed');
      expect(bad.body.error.fields).toEqual([{ path: 'id', message: 'Identifiant invalide : un entier positif est attendu.' }]);

      for (const id of ['0', '-3', '1.5', '99999999999']) {
        const res = await admin.get(`/api/units/${id}`);
        expect(res.status).withContext(id).toBe(422);
        expect(res.body.error.fields[0].path).withContext(id).toBe('id');
      }
    });
  });

  describe('creating', () => {
    it('creates a unit: 201, the stored row, and an audit row with the request id', async () => {
      const body = newUnit({ code: ' crp-occ ', name: '  CRP Occitanie ', hostInstitution: '' });
      const auditBefore = await count('audit_log');
      const res = await admin.post('/api/units', body);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: jasmine.any(Number),
        code: 'CRP-OCC',
        name: 'CRP Occitanie',
        region: 'Occitanie',
        hostInstitution: null,
        kind: 'crp',
        openedOn: '2021-03-15',
        closedOn: null,
        createdAt: jasmine.stringMatching(ISO_TIMESTAMP),
        updatedAt: jasmine.stringMatching(ISO_TIMESTAMP),
        version: 1,
      });

      const row = await unitRow(res.body.id);
      expect(row).toEqual(
        jasmine.objectContaining({ code: 'CRP-OCC', name: 'CRP Occitanie', region: 'Occitanie', host_institution: null, kind: 'crp', opened_on: '2021-03-15', closed_on: null, version: 1 }),
      );

      expect(await count('audit_log')).toBe(auditBefore + 1);
      const audit = await db.knex('audit_log').where({ action: 'unit.created', entity_id: String(res.body.id) });
      expect(audit.length).toBe(1);
      expect(audit[0]).toEqual(
        jasmine.objectContaining({
          actor_id: fx.users.admin.id,
          actor_email: fx.users.admin.email,
          entity_type: 'unit',
          before: null,
          after: res.body,
          reason: null,
          request_id: res.headers['x-request-id'],
        }),
      );
      expect(res.headers['x-request-id']).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    });

    it('stores the X-Request-Id a proxy sent in the audit row', async () => {
      const token = await admin.csrfToken();
      const res = await admin.agent.post('/api/units').set('X-XSRF-TOKEN', token).set('X-Request-Id', 'proxy-req-0001').send(newUnit());
      expect(res.status).toBe(201);
      expect(res.headers['x-request-id']).toBe('proxy-req-0001');
      const audit = await db.knex('audit_log').where({ action: 'unit.created', entity_id: String(res.body.id) }).first();
      expect(audit.request_id).toBe('proxy-req-0001');
    });

    it('refuses a duplicate code (case-insensitive once normalised) with 409 naming `code`, writing nothing', async () => {
      const units = await count('units');
      const audit = await count('audit_log');
      const res = await admin.post('/api/units', newUnit({ code: 'crp-a' }));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      expect(res.body.error.message).toBe('Le code « CRP-A » est déjà utilisé par un autre centre.');
      expect(res.body.error.fields).toEqual([{ path: 'code', message: 'Code déjà utilisé.' }]);
      expect(await count('units')).toBe(units);
      expect(await count('audit_log')).toBe(audit);
    });

    const invalid: { title: string; body: Record<string, unknown>; path: string; message?: string }[] = [
      { title: 'a 31 February', body: { openedOn: '2023-02-31' }, path: 'openedOn', message: 'Cette date n’existe pas.' },
      { title: 'a 29 February outside a leap year', body: { openedOn: '2023-02-29' }, path: 'openedOn', message: 'Cette date n’existe pas.' },
      { title: 'a date in another format', body: { openedOn: '15/03/2021' }, path: 'openedOn', message: 'Date attendue au format AAAA-MM-JJ.' },
      {
        title: 'a closing date before the opening',
        body: { openedOn: '2021-03-15', closedOn: '2021-03-14' },
        path: 'closedOn',
        message: 'La date de fermeture doit suivre la date d’ouverture.',
      },
      { title: 'an empty name', body: { name: '   ' }, path: 'name', message: 'Le nom est obligatoire.' },
      { title: 'an unknown kind', body: { kind: 'hospital' }, path: 'kind' },
      { title: 'a code with spaces', body: { code: 'CRP A' }, path: 'code' },
      { title: 'an unknown extra field', body: { budget: 1000 }, path: '(corps)', message: 'Champ(s) non attendu(s) : budget.' },
    ];
    for (const c of invalid) {
      it(`refuses ${c.title} with 422 naming \`${c.path}\`, writing nothing`, async () => {
        const units = await count('units');
        const audit = await count('audit_log');
        const res = await admin.post('/api/units', newUnit(c.body));
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('validation_failed');
        const field = (res.body.error.fields as { path: string; message: string }[]).find((f) => f.path === c.path);
        expect(field).withContext(JSON.stringify(res.body)).toBeDefined();
        if (c.message) expect(field?.message).toBe(c.message);
        expect(await count('units')).toBe(units);
        expect(await count('audit_log')).toBe(audit);
      });
    }

    it('refuses a body that is missing the required fields, naming each one', async () => {
      const res = await admin.post('/api/units', {});
      expect(res.status).toBe(422);
      const paths = (res.body.error.fields as { path: string }[]).map((f) => f.path).sort();
      expect(paths).toEqual(['code', 'kind', 'name', 'openedOn', 'region']);
    });
  });

  describe('updating', () => {
    it('updates with the version read: 200, version + 1, stored, audited with before and after', async () => {
      const unit = await createUnit();
      const res = await admin.patch(`/api/units/${unit.id}`, { name: 'Nouveau nom', closedOn: '2025-12-31', version: unit.version });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(jasmine.objectContaining({ id: unit.id, name: 'Nouveau nom', closedOn: '2025-12-31', openedOn: '2021-03-15', code: unit.code, version: 2 }));

      const row = await unitRow(unit.id);
      expect(row).toEqual(jasmine.objectContaining({ name: 'Nouveau nom', closed_on: '2025-12-31', version: 2, host_institution: 'CHU de Toulouse' }));

      const audit = await db.knex('audit_log').where({ action: 'unit.updated', entity_id: String(unit.id) });
      expect(audit.length).toBe(1);
      expect(audit[0].actor_id).toBe(fx.users.admin.id);
      expect(audit[0].request_id).toBe(res.headers['x-request-id']);
      expect(audit[0].before).toEqual(jasmine.objectContaining({ name: unit.name, closedOn: null, version: 1 }));
      expect(audit[0].after).toEqual(res.body);
    });

    it('leaves the fields a PATCH does not name unchanged (host institution, closing date)', async () => {
      const unit = await createUnit({ closedOn: '2024-06-30' });
      const res = await admin.patch(`/api/units/${unit.id}`, { region: 'Bretagne', version: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(jasmine.objectContaining({ region: 'Bretagne', hostInstitution: 'CHU de Toulouse', closedOn: '2024-06-30' }));
      const reopened = await admin.patch(`/api/units/${unit.id}`, { closedOn: null, version: 2 });
      expect(reopened.status).toBe(200);
      expect((await unitRow(unit.id)).closed_on).toBeNull();
    });

    it('refuses a stale version with 409 naming `version`, and changes nothing', async () => {
      const unit = await createUnit();
      expect((await admin.patch(`/api/units/${unit.id}`, { name: 'Première', version: 1 })).status).toBe(200);
      const before = await unitRow(unit.id);
      const audit = await count('audit_log');

      const stale = await admin.patch(`/api/units/${unit.id}`, { name: 'Seconde', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('conflict');
      expect(stale.body.error.message).toBe('Ce centre a été modifié par quelqu’un d’autre entre-temps. Rechargez la page puis refaites votre modification.');
      expect(stale.body.error.fields).toEqual([{ path: 'version', message: 'Version périmée.' }]);
      expect(await unitRow(unit.id)).toEqual(before);
      expect(before.name).toBe('Première');
      expect(await count('audit_log')).toBe(audit);
    });

    it('checks a new closing date against the stored opening date (422 `closedOn`), and a reused code (409 `code`)', async () => {
      const unit = await createUnit({ openedOn: '2022-01-10' });
      const audit = await count('audit_log');
      const early = await admin.patch(`/api/units/${unit.id}`, { closedOn: '2022-01-09', version: 1 });
      expect(early.status).toBe(422);
      expect(early.body.error.fields).toEqual([{ path: 'closedOn', message: 'La date de fermeture doit suivre la date d’ouverture.' }]);
      const taken = await admin.patch(`/api/units/${unit.id}`, { code: 'crp-b', version: 1 });
      expect(taken.status).toBe(409);
      expect(taken.body.error.fields).toEqual([{ path: 'code', message: 'Code déjà utilisé.' }]);
      expect(await unitRow(unit.id)).toEqual(jasmine.objectContaining({ code: unit.code, closed_on: null, version: 1 }));
      expect(await count('audit_log')).toBe(audit);
    });

    it('requires the version and refuses an invalid date on update (422)', async () => {
      const unit = await createUnit();
      const noVersion = await admin.patch(`/api/units/${unit.id}`, { name: 'Sans version' });
      expect(noVersion.status).toBe(422);
      expect(noVersion.body.error.fields).toContain(jasmine.objectContaining({ path: 'version' }));
      const badDate = await admin.patch(`/api/units/${unit.id}`, { openedOn: '2021-04-31', version: 1 });
      expect(badDate.status).toBe(422);
      expect(badDate.body.error.fields).toEqual([{ path: 'openedOn', message: 'Cette date n’existe pas.' }]);
      expect((await unitRow(unit.id)).version).toBe(1);
    });

    it('answers 404 for an unknown unit', async () => {
      const res = await admin.patch('/api/units/999999', { name: 'Fantôme', version: 1 });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('Centre introuvable.');
    });
  });

  describe('deleting', () => {
    it('refuses to delete a unit a user is attached to: 409 telling to close it instead, unit kept', async () => {
      const audit = await count('audit_log');
      const res = await admin.delete(`/api/units/${fx.unitA}`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      // The list of data in parentheses grows with the features; the advice to close the unit stays.
      expect(res.body.error.message).toMatch(/^Ce centre a déjà des données \(utilisateurs rattachés.*\) : il ne peut pas être supprimé\. Renseignez plutôt sa date de fermeture\.$/);
      expect(await unitRow(fx.unitA)).toEqual(jasmine.objectContaining({ id: fx.unitA, code: 'CRP-A' }));
      expect(await count('audit_log')).toBe(audit);
    });

    it('deletes an empty unit: 204, row gone, audit `unit.deleted` with the unit before', async () => {
      const unit = await createUnit();
      const res = await admin.delete(`/api/units/${unit.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(await unitRow(unit.id)).toBeUndefined();
      const audit = await db.knex('audit_log').where({ action: 'unit.deleted', entity_id: String(unit.id) });
      expect(audit.length).toBe(1);
      expect(audit[0]).toEqual(jasmine.objectContaining({ actor_id: fx.users.admin.id, entity_type: 'unit', after: null, request_id: res.headers['x-request-id'] }));
      expect(audit[0].before).toEqual(jasmine.objectContaining({ id: unit.id, code: unit.code, version: 1 }));
      expect((await admin.delete(`/api/units/${unit.id}`)).status).toBe(404);
    });
  });

  describe('non-administrators', () => {
    for (const who of ['leadA', 'leadB', 'finance', 'board'] as const) {
      it(`refuses ${who} creating, updating or deleting a unit (403), writing nothing`, async () => {
        const client = await TestClient.signedIn(app.app, fx.users[who].email);
        const empty = await createUnit();
        const units = await count('units');
        const audit = await count('audit_log');
        const unitABefore = await unitRow(fx.unitA);

        const created = await client.post('/api/units', newUnit());
        const updatedOwn = await client.patch(`/api/units/${fx.unitA}`, { name: 'Piraté', version: unitABefore.version });
        const updatedOther = await client.patch(`/api/units/${fx.unitB}`, { name: 'Piraté', version: 1 });
        const deleted = await client.delete(`/api/units/${empty.id}`);
        for (const res of [created, updatedOwn, updatedOther, deleted]) {
          expect(res.status).toBe(403);
          expect(res.body).toEqual({ error: { code: 'forbidden', message: 'Vous n’avez pas les droits nécessaires pour cette action.' } });
        }

        expect(await count('units')).toBe(units);
        expect(await count('audit_log')).toBe(audit);
        expect(await unitRow(fx.unitA)).toEqual(unitABefore);
        expect(await unitRow(empty.id)).toBeDefined();
      });
    }
  });
});
