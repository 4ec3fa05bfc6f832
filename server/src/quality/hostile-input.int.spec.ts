import type { Knex } from 'knex';
import type { Response } from 'supertest';
import { can, rolesFor } from '@cn2r/shared';
import { knexOnServer, seedDemo } from '@cn2r/db';
import type { App } from '../app.js';
import { hashPassword } from '../features/auth/password-hasher.js';
import type { RouteSpec } from '../http/api-router.js';
import type { TestDatabase } from '../testing/test-database.js';
import { TestClient, buildTestApp, createFixtureDatabase, readBytes, type Fixtures } from '../testing/test-app.js';
import { databaseFingerprint, fingerprintChanges, type Fingerprint } from './database-fingerprint.js';
import { HOSTILE_PATH_VALUES, SAMPLE_YEAR, UNKNOWN_ID, mutations, rawCases, uploadCases, validBaseBody, type Json, type RawCase } from './hostile-cases.js';

/**
 * Hostile and broken input on every write route of the route table (POST, PUT, PATCH, DELETE),
 * generated: a route added tomorrow gets the same battery. Each request is sent as a caller the
 * route allows (the coordination when it may, else the first role listed), on a database holding
 * the demo data, and must be refused with a 4xx and a JSON error, never a 5xx; after each route's
 * battery every table (sessions and sign-in attempts aside) has the same rows as before.
 */
const tableKnex = knexOnServer('postgres://route-table@127.0.0.1:9/never-connected', 1);
const routeTable: readonly RouteSpec[] = buildTestApp({ knex: tableKnex, engine: 'embedded', drop: () => tableKnex.destroy() }).api.routes;
await tableKnex.destroy();

const writeRoutes = routeTable.filter((r) => r.method !== 'get');
const routeName = (route: Pick<RouteSpec, 'method' | 'path'>) => `${route.method.toUpperCase()} ${route.path}`;

/** At most this many one-field mutations per route, taken at an even stride (deterministic). */
const MAX_MUTATIONS_PER_ROUTE = 40;

function sample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const stride = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * stride)]);
}

/** Table holding the rows a path segment names (`/budget/lines/:id` → budget_lines). */
const tableOfSegment: Record<string, string> = {
  units: 'units',
  users: 'users',
  dimensions: 'dimensions',
  indicators: 'indicators',
  rules: 'consistency_rules',
  campaigns: 'campaigns',
  'funding-sources': 'funding_sources',
  lines: 'budget_lines',
  decisions: 'budget_decisions',
  commitments: 'commitments',
  payments: 'payments',
  members: 'staff_members',
  assignments: 'staff_assignments',
  'in-kind': 'in_kind_contributions',
  values: 'indicator_values',
  'rule-explanations': 'consistency_rules',
};

const tableOfParam: Record<string, string> = { unitId: 'units', ruleId: 'consistency_rules', valueId: 'indicator_values' };

type WriteMethod = 'post' | 'put' | 'patch' | 'delete';

type Caller = 'admin' | 'finance' | 'leadA' | 'board';

function callerFor(route: RouteSpec): Caller {
  if (can('admin', route.access)) return 'admin';
  const role = rolesFor(route.access)[0];
  return role === 'finance' ? 'finance' : role === 'board' ? 'board' : 'leadA';
}

const isValidJson = (payload: string | Buffer) => {
  try {
    JSON.parse(payload.toString());
    return true;
  } catch {
    return false;
  }
};

describe('hostile and broken input on every write route, generated from the route table', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  /** The fingerprint after the last route's battery: each route is compared with it. */
  let last: Fingerprint;
  const clients = new Map<Caller, TestClient>();
  /** An existing id for each table a path names. */
  const existingIds = new Map<string, number>();
  let indicatorCode = 'ACT_FA';

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase((knex) => seedDemo(knex, hashPassword, { today: `${SAMPLE_YEAR}-11-20` })));
    // Throttling would turn the login battery's refusals into 429 for everyone after a while.
    app = buildTestApp(db, { loginMaxFailuresPerAccountAddress: 1_000_000, loginMaxFailuresPerAccount: 1_000_000, loginAddressFailuresBeforeDelay: 1_000_000 });
    for (const caller of ['admin', 'finance', 'leadA', 'board'] as const) clients.set(caller, await TestClient.signedIn(app.app, fx.users[caller].email));
    for (const table of new Set([...Object.values(tableOfSegment), ...Object.values(tableOfParam)])) {
      const row = await db.knex(table).orderBy('id').first('id');
      if (row) existingIds.set(table, Number(row.id));
    }
    existingIds.set('units', fx.unitA);
    indicatorCode = (await db.knex('indicators').orderBy('id').first('code'))?.code ?? indicatorCode;
    last = await databaseFingerprint(db.knex);
    // Migrating the template database takes a while on a busy machine.
  }, 180_000);
  afterAll(() => db.drop());

  async function clientFor(caller: Caller): Promise<TestClient> {
    const client = clients.get(caller)!;
    if ((await client.get('/api/auth/me')).status !== 200) {
      const res = await client.login(fx.users[caller].email);
      if (res.status !== 200) throw new Error(`re-sign-in of ${caller} failed: ${res.status}`);
    }
    return client;
  }

  /** The path with existing ids (or valid samples), one parameter optionally replaced. */
  function concretePath(path: string, override?: { name: string; value: string }): string {
    const segments = path.split('/');
    return segments
      .map((segment, i) => {
        if (!segment.startsWith(':')) return segment;
        const name = segment.slice(1);
        if (override?.name === name) return override.value;
        if (name === 'year') return String(SAMPLE_YEAR);
        if (name === 'period') return `${SAMPLE_YEAR}-Q1`;
        if (name === 'code') return indicatorCode;
        const table = tableOfParam[name] ?? tableOfSegment[segments[i - 1]];
        return String((table && existingIds.get(table)) ?? 1);
      })
      .join('/');
  }

  async function sendRaw(caller: Caller, route: RouteSpec, url: string, c: RawCase): Promise<Response> {
    const client = await clientFor(caller);
    const token = await client.csrfToken();
    return client.agent[route.method as 'post'](url).set('X-XSRF-TOKEN', token).set('Content-Type', c.contentType).send(c.payload as string);
  }

  function check(res: Response, label: string, problems: string[]): void {
    const where = `${label} → ${res.status} ${(res.text ?? '').slice(0, 160)}`;
    if (res.status < 400 || res.status >= 500) problems.push(where);
    else if (typeof res.body?.error?.code !== 'string' || typeof res.body?.error?.message !== 'string') problems.push(`${where} (no JSON error body)`);
  }

  it('covers every write route, and builds a valid base body for most of those that take JSON', () => {
    expect(writeRoutes.length).toBeGreaterThan(40);
    const withBody = writeRoutes.filter((r) => r.body);
    const withBase = withBody.filter((r) => validBaseBody(r.body!));
    // The base is what lets one-field mutations reach every field; a route without one still gets
    // the whole-body cases. Most schemas must be reachable by the generator.
    expect(withBase.length / withBody.length).toBeGreaterThan(0.8);
  });

  for (const route of writeRoutes) {
    const name = routeName(route);
    it(`${name}: every hostile request refused with a 4xx and a JSON error, no 5xx, nothing written`, async () => {
      const caller = callerFor(route);
      const problems: string[] = [];
      const url = '/api' + concretePath(route.path);
      const base = route.body ? validBaseBody(route.body) : undefined;
      let sent = 0;

      if (route.upload) {
        const template = route.path.replace(/\/import$/, '/template.xlsx');
        const templateRoute = routeTable.find((r) => r.method === 'get' && r.path === template);
        let valid: Buffer | undefined;
        if (templateRoute) {
          const res = await (await clientFor(caller)).get('/api' + concretePath(template)).buffer(true).parse(readBytes);
          if (res.status === 200) valid = res.body as Buffer;
        }
        // An import that only checks (dry run) answers 200 with the problems: ask for the real import.
        const uploadUrl = route.query?.safeParse({ dryRun: 'false' }).success ? `${url}?dryRun=false` : url;
        for (const c of uploadCases(route.upload.contentTypes, route.upload.maxBytes, valid)) {
          check(await sendRaw(caller, route, uploadUrl, c), `${name} upload: ${c.name}`, problems);
          sent++;
        }
      } else {
        // Whole-body breakage. A route that reads no body ignores a well-formed JSON one: only
        // the unparsable ones and the wrong media types are hostile there.
        for (const c of rawCases(base)) {
          if (!route.body && c.contentType.startsWith('application/json') && !c.contentType.includes('charset') && isValidJson(c.payload) && c.payload.length < 1_000_000) continue;
          check(await sendRaw(caller, route, url, c), `${name}: ${c.name}`, problems);
          sent++;
        }
      }

      if (route.body && base) {
        for (const m of sample(mutations(route.body, base), MAX_MUTATIONS_PER_ROUTE)) {
          const client = await clientFor(caller);
          const res = await client.send(route.method as WriteMethod, url, m.body);
          check(res, `${name}: ${m.name}${m.schemaValid ? '' : ' (refused by the schema)'}`, problems);
          if (!m.schemaValid && res.status !== 422 && res.status !== 413) problems.push(`${name}: ${m.name} → ${res.status}, 422 expected`);
          sent++;
        }
      } else if (route.body) {
        // No base: the empty object and one with only an extra field.
        for (const body of [{}, { champInconnu: 1 }] as Json[]) {
          const res = await (await clientFor(caller)).send(route.method as WriteMethod, url, body);
          check(res, `${name}: ${JSON.stringify(body)}`, problems);
          sent++;
        }
      }

      // Path parameters that are not valid, or that name nothing (the rest of the request valid,
      // so an unknown id reaches the service and must come back as a 4xx, not a write).
      for (const param of route.path.match(/:([A-Za-z0-9_]+)/g) ?? []) {
        for (const value of HOSTILE_PATH_VALUES) {
          const target = '/api' + concretePath(route.path, { name: param.slice(1), value });
          const client = await clientFor(caller);
          const method = route.method as WriteMethod;
          const res = method === 'delete' || !route.body ? await client.send(method, target) : await client.send(method, target, base ?? {});
          check(res, `${name} with ${param} = ${value}`, problems);
          sent++;
        }
      }

      expect(problems).withContext(`${name}: ${sent} hostile requests`).toEqual([]);
      expect(sent).toBeGreaterThan(5);
      const after = await databaseFingerprint(db.knex);
      expect(fingerprintChanges(last, after)).withContext(`${name}: tables changed`).toEqual([]);
      last = after;
    });
  }

  it('names the unknown id the batteries use: nothing in the demo data has it', async () => {
    for (const table of new Set(Object.values(tableOfSegment))) {
      expect(await db.knex(table).where({ id: UNKNOWN_ID }).first()).withContext(table).toBeUndefined();
    }
  });
});
