import type { Response } from 'supertest';
import { z } from 'zod';
import { ACTIVITY_SECTION_KEYS, can, rolesFor } from '@cn2r/shared';
import { knexOnServer } from '@cn2r/db';
import type { App } from '../app.js';
import type { RouteSpec } from '../http/api-router.js';
import type { TestDatabase } from '../testing/test-database.js';
import { TEST_PASSWORD, TestClient, buildTestApp, countRows, createFixtureDatabase, type Fixtures } from '../testing/test-app.js';
import { VOLATILE_TABLES, databaseFingerprint, fingerprintChanges, type Fingerprint } from './database-fingerprint.js';
import { sampleFromJsonSchema, validBaseBody, type Json } from './hostile-cases.js';

/**
 * Control characters in every text of every request, generated from the route table: a NUL (which
 * PostgreSQL cannot store) in each string of each write route's body, in each query parameter of
 * each route and in each path parameter must be refused by the schemas with a 422 naming the field,
 * never a 500 nor an empty 200, and nothing written (no audit row, no table changed).
 */

/** What the one accepted write of this spec touches (a narrative with line breaks); audit rows are counted per route. */
const UNCHECKED_TABLES: ReadonlySet<string> = new Set([...VOLATILE_TABLES, 'report_narratives', 'audit_log']);
const tableKnex = knexOnServer('postgres://route-table@127.0.0.1:9/never-connected', 1);
const routeTable: readonly RouteSpec[] = buildTestApp({ knex: tableKnex, engine: 'embedded', drop: () => tableKnex.destroy() }).api.routes;
await tableKnex.destroy();

const routeName = (route: Pick<RouteSpec, 'method' | 'path'>) => `${route.method.toUpperCase()} ${route.path}`;

/** Valid bodies for the routes whose schema the generator cannot satisfy (refinements across fields). */
const HAND_MADE_BODIES: Record<string, Record<string, Json>> = {
  'POST /auth/password': { currentPassword: TEST_PASSWORD, newPassword: 'un-nouveau-mot-de-passe-2026' },
  'POST /auth/second-factor': { code: '123456' },
  'POST /auth/password-reset/check': { token: 'a'.repeat(43) },
  'POST /auth/password-reset/confirm': { token: 'a'.repeat(43), password: 'un-nouveau-mot-de-passe-2026' },
  'POST /account/second-factor/confirm': { code: '123456' },
  'POST /account/second-factor/disable': { code: '123456', password: TEST_PASSWORD },
  'POST /account/second-factor/recovery-codes': { code: '123456', password: TEST_PASSWORD },
  'POST /care-offer': { name: 'Consultation de psychotraumatologie', kind: 'specialised_consultation', address: '2 avenue Oscar Lambret', communeInsee: '59350', commune: 'Lille', latitude: 50.61, longitude: 3.03, public: 'all', care: ['evaluation'], access: 'referral', phone: '03 20 44 59 62', website: 'https://example.fr', unitId: 1, checkedOn: '2026-06-01' },
  'PATCH /care-offer/:id': { ...{ name: 'Consultation de psychotraumatologie', kind: 'specialised_consultation', address: '2 avenue Oscar Lambret', communeInsee: '59350', commune: 'Lille', latitude: 50.61, longitude: 3.03, public: 'all', care: ['evaluation'], access: 'referral', phone: '03 20 44 59 62', website: 'https://example.fr', unitId: 1, checkedOn: '2026-06-01' }, version: 1 },
  'POST /dimensions': { code: 'NUL_DIM', label: 'Ventilation', options: [{ code: 'A', label: 'Modalité A' }, { code: 'B', label: 'Modalité B' }] },
};

const bodyRoutes = routeTable.filter((r) => r.method !== 'get' && r.body && !r.upload);
const baseOf = (route: RouteSpec) => HAND_MADE_BODIES[routeName(route)] ?? validBaseBody(route.body!);

type JsonPath = readonly (string | number)[];

/** Every string of a body, with its path (the first item of each array). */
function stringLeaves(value: Json, path: JsonPath = []): { path: JsonPath; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.slice(0, 1).map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, inner]) => stringLeaves(inner, [...path, key]));
}

function withString(body: Json, path: JsonPath, text: string): Json {
  const copy = structuredClone(body);
  let parent = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  parent[path[path.length - 1]] = text;
  return copy;
}

/** A NUL inside the value (after its first character), so a trimmed, non-empty text still holds it. */
const withNul = (value: string) => `${value.slice(0, 1) || 'a'}\u0000${value.slice(1)}`;

type Caller = 'admin' | 'finance' | 'leadA' | 'board';

function callerFor(route: RouteSpec): Caller | undefined {
  if (rolesFor(route.access).length === 0) return undefined;
  if (can('admin', route.access)) return 'admin';
  const role = rolesFor(route.access)[0];
  return role === 'finance' ? 'finance' : role === 'board' ? 'board' : 'leadA';
}

type JsonSchema = { properties?: Record<string, unknown>; required?: string[] };
const inputJsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Query values a schema accepts: the sample of its JSON Schema, else its required part, else none. */
function validQuery(schema: z.ZodType): Record<string, string> {
  const json = inputJsonSchema(schema);
  const sample = sampleFromJsonSchema(json as never) as Record<string, Json> | null;
  const asText = (o: Record<string, Json>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => [k, String(v)]));
  const full = asText(sample ?? {});
  const required = Object.fromEntries(Object.entries(full).filter(([k]) => (json.required ?? []).includes(k)));
  return [full, required, {}].find((q) => schema.safeParse(q).success) ?? required;
}

describe('control characters in every text of every request, generated from the route table', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let before: Fingerprint;
  const clients = new Map<Caller, TestClient>();

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase());
    app = buildTestApp(db, { loginMaxFailuresPerAccountAddress: 1_000_000, loginMaxFailuresPerAccount: 1_000_000, loginAddressFailuresBeforeDelay: 1_000_000 });
    for (const caller of ['admin', 'finance', 'leadA', 'board'] as const) clients.set(caller, await TestClient.signedIn(app.app, fx.users[caller].email));
    before = await databaseFingerprint(db.knex, UNCHECKED_TABLES);
  }, 180_000);
  afterAll(async () => {
    // Specs run in a random order: the tables are compared once all have run.
    expect(fingerprintChanges(before, await databaseFingerprint(db.knex, UNCHECKED_TABLES))).withContext('tables changed by refused requests').toEqual([]);
    await db.drop();
  });

  /** The path with valid parameters (the lead's own unit), one optionally replaced by a raw segment. */
  function concretePath(route: RouteSpec, override?: { name: string; raw: string }): string {
    const sample = (route.params ? sampleFromJsonSchema(inputJsonSchema(route.params) as never) : {}) as Record<string, Json>;
    return (
      '/api' +
      route.path
        .split('/')
        .map((segment) => {
          if (!segment.startsWith(':')) return segment;
          const name = segment.slice(1);
          if (override?.name === name) return override.raw;
          if (name === 'unitId') return String(fx.unitA);
          return encodeURIComponent(String(sample[name] ?? 1));
        })
        .join('/')
    );
  }

  async function send(route: RouteSpec, url: string, body?: Json): Promise<Response> {
    const caller = callerFor(route);
    const client = caller ? clients.get(caller)! : new TestClient(app.app);
    if (route.method === 'get') return client.get(url);
    return client.send(route.method, url, body);
  }

  /** A 422 whose fields name `path` (or a path under it); the problem otherwise. */
  function refusal(res: Response, path: string, label: string): { problem?: string; message?: string } {
    const fields = (res.body?.error?.fields ?? []) as { path: string; message: string }[];
    const field = fields.find((f) => f.path === path || f.path.startsWith(`${path}.`));
    if (res.status !== 422 || res.body?.error?.code !== 'validation_failed' || !field) {
      return { problem: `${label} → ${res.status} ${(res.text ?? '').slice(0, 200)}` };
    }
    return { message: field.message };
  }

  it('reaches every write route that takes a JSON body', () => {
    expect(bodyRoutes.length).toBeGreaterThan(60);
    expect(bodyRoutes.filter((r) => !baseOf(r)).map(routeName)).withContext('routes without a valid body to start from').toEqual([]);
  });

  for (const route of bodyRoutes) {
    const name = routeName(route);
    it(`${name}: a NUL in each text of the body → 422 naming the field, nothing written`, async () => {
      const base = baseOf(route);
      if (!base) return fail(`${name}: no valid body`);
      const leaves = stringLeaves(base);
      const problems: string[] = [];
      const audited = await countRows(db.knex('audit_log'));
      for (const { path, value } of leaves) {
        const where = path.join('.');
        const res = await send(route, concretePath(route), withString(base, path, withNul(value)) as Json);
        const { problem, message } = refusal(res, where, `${name} ${where}`);
        if (problem) problems.push(problem);
        // A free text (one that takes any letters) says why: the control character, by its code.
        else if (route.body!.safeParse(withString(base, path, 'Texte libre é')).success && !message?.includes('caractère de contrôle interdit (code U+0000)')) {
          problems.push(`${name} ${where}: message « ${message} »`);
        }
      }
      expect(problems).toEqual([]);
      expect(await countRows(db.knex('audit_log'))).withContext(`${name}: audit rows`).toBe(audited);
    });
  }

  const queryRoutes = routeTable.filter((r) => r.query && Object.keys(inputJsonSchema(r.query).properties ?? {}).length > 0);

  it('reaches the routes that read a query', () => {
    expect(queryRoutes.length).toBeGreaterThan(20);
    expect(queryRoutes.map(routeName)).toEqual(jasmine.arrayContaining(['GET /users', 'GET /audit', 'GET /audit.csv']));
  });

  for (const route of queryRoutes) {
    const name = routeName(route);
    it(`${name}: a NUL in each query parameter → 422 naming it`, async () => {
      const valid = validQuery(route.query!);
      const problems: string[] = [];
      for (const param of Object.keys(inputJsonSchema(route.query!).properties ?? {})) {
        for (const value of ['a\u0000b', '\u0000']) {
          const search = new URLSearchParams({ ...valid, [param]: value });
          const res = await send(route, `${concretePath(route)}?${search}`, route.body ? baseOf(route) : undefined);
          const { problem } = refusal(res, param, `${name} ?${search}`);
          if (problem) problems.push(problem);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  const paramRoutes = routeTable.filter((r) => r.params);

  it('answers a NUL in any path parameter with a 4xx and a JSON error, never a 5xx', async () => {
    expect(paramRoutes.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const route of paramRoutes) {
      for (const param of route.path.match(/:([A-Za-z0-9_]+)/g) ?? []) {
        for (const raw of ['a%00b', '%00']) {
          const url = concretePath(route, { name: param.slice(1), raw });
          const res = await send(route, url, route.body ? baseOf(route) : undefined);
          if (res.status < 400 || res.status >= 500 || typeof res.body?.error?.code !== 'string') problems.push(`${routeName(route)} ${url} → ${res.status} ${(res.text ?? '').slice(0, 160)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  describe('the cases of issue #15', () => {
    const admin = () => clients.get('admin')!;

    it('GET /api/users?search=a%00b → 422 naming search', async () => {
      const res = await admin().get('/api/users?search=a%00b');
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual([{ path: 'search', message: 'La recherche : caractère de contrôle interdit (code U+0000).' }]);
    });

    it('GET /api/audit?actor=… → 422 naming actor', async () => {
      const res = await admin().get('/api/audit?actor=admin%00%27');
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual([{ path: 'actor', message: 'L’auteur : caractère de contrôle interdit (code U+0000).' }]);
    });

    it('GET /api/audit.csv?entityType=%00 → 422 naming entityType, not an empty CSV', async () => {
      const res = await admin().get('/api/audit.csv?entityType=%00');
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.error.fields).toEqual([{ path: 'entityType', message: 'Le type d’objet : caractère de contrôle interdit (code U+0000).' }]);
    });

    it('a text value of an indicator → 422 naming value (the generated body sends a number)', async () => {
      const route = routeTable.find((r) => r.method === 'put' && r.path === '/units/:unitId/forms/:period/values')!;
      const res = await send(route, concretePath(route), { indicatorId: 1, value: 'texte\u0000' });
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual([{ path: 'value', message: 'La valeur : caractère de contrôle interdit (code U+0000).' }]);
    });

    it('a narrative keeps its line breaks and tabulations, stored as typed', async () => {
      const section = ACTIVITY_SECTION_KEYS[0];
      const url = `/api/reports/2026/narratives/activity/${section}`;
      const res = await admin().send('put', url, { body: 'Ligne 1\r\n\tLigne 2\nLigne 3' });
      expect(res.status).withContext(res.text).toBe(200);
      expect(res.body.body).toBe('Ligne 1\r\n\tLigne 2\nLigne 3');
      const refused = await admin().send('put', url, { body: 'Ligne 1\u0000', version: res.body.version });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields).toEqual([{ path: 'body', message: 'Le texte : caractère de contrôle interdit (code U+0000).' }]);
      const stored = await db.knex('report_narratives').where({ year: 2026, report: 'activity', section }).first('body');
      expect(stored.body).toBe('Ligne 1\r\n\tLigne 2\nLigne 3');
    });
  });
});
