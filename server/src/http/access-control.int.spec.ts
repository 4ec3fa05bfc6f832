import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { CAPABILITIES, IdParams, can, isPublic, limitedToOwnUnits, rolesFor, type Role } from '@cn2r/shared';
import { knexOnServer } from '@cn2r/db';
import type { App } from '../app.js';
import { errorHandler } from '../errors/error-handler.js';
import type { Actor } from '../features/auth/actor.js';
import type { TestDatabase } from '../testing/test-database.js';
import { TestClient, buildTestApp, startFixtureApp, type Fixtures } from '../testing/test-app.js';
import { ApiRouter, type RouteSpec } from './api-router.js';

/**
 * The route table read before any database exists, so that every route gets its own spec. Building
 * the app touches no database (handles are only stored), and this handle never connects.
 */
const tableKnex = knexOnServer('postgres://route-table@127.0.0.1:9/never-connected', 1);
const routeTable: readonly RouteSpec[] = buildTestApp({ knex: tableKnex, engine: 'embedded', drop: () => tableKnex.destroy() }).api.routes;
await tableKnex.destroy();

type Caller = 'anonymous' | 'leadA' | 'leadB' | 'finance' | 'board' | 'admin';
const callers: readonly Caller[] = ['anonymous', 'leadA', 'leadB', 'finance', 'board', 'admin'];
const roleOf: Record<Exclude<Caller, 'anonymous'>, Role> = { leadA: 'unit_lead', leadB: 'unit_lead', finance: 'finance', board: 'board', admin: 'admin' };

const routeName = (route: Pick<RouteSpec, 'method' | 'path'>) => `${route.method.toUpperCase()} ${route.path}`;

/**
 * Bodies for routes where an empty body would stop the request before the check under test (a
 * unitScope read from the body needs a body that parses). Keyed by `METHOD /path`. Everything
 * else is called with `{}`: the access check runs before parsing, so 401/403 come first anyway.
 */
const sampleBodies: Record<string, (ids: SampleIds) => unknown> = {};

interface SampleIds {
  /** The unit that is NOT the caller's own (unit B for lead A, unit A for lead B, B otherwise). */
  readonly otherUnit: number;
  /** The lead of that other unit. */
  readonly otherUnitLead: number;
}

function idsFor(caller: Caller, fx: Fixtures): SampleIds {
  return caller === 'leadB'
    ? { otherUnit: fx.unitA, otherUnitLead: fx.users.leadA.id }
    : { otherUnit: fx.unitB, otherUnitLead: fx.users.leadB.id };
}

/**
 * Query strings for routes whose unit scope is read from the query (it is parsed, then checked):
 * the other unit's id, so a unit lead is out of scope. Keyed by `METHOD /path`.
 */
const sampleQueries: Record<string, (ids: SampleIds) => string> = {
  'GET /dashboards/unit-lead': (ids) => `?year=2026&unitId=${ids.otherUnit}`,
};

/** Params that are not ids: a valid sample each, so the request reaches the access checks. */
const sampleParams: Record<string, string> = { period: '2026-Q1', year: '2026', code: 'ACT_FA', file: 'activity.pdf' };

/** The value of one `:param`: a sample, else an id of the other unit (a user id under /users). */
function paramValue(path: string, name: string, ids: SampleIds): string {
  if (name in sampleParams) return sampleParams[name];
  if (name === 'id' && path.startsWith('/users')) return String(ids.otherUnitLead);
  return String(ids.otherUnit);
}

/** Fills `:params` with ids belonging to the other unit: a user id under /users, a unit id elsewhere. */
function concretePath(path: string, ids: SampleIds): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => paramValue(path, name, ids));
}

/** The stricter capability a route declares for the sample params (`narrowAccess`), if any. */
function narrowedFor(route: RouteSpec, ids: SampleIds) {
  if (!route.narrowAccess) return undefined;
  const raw = Object.fromEntries([...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => [name, paramValue(route.path, name, ids)]));
  return route.narrowAccess({ params: route.params ? route.params.parse(raw) : undefined, query: undefined });
}

type Expected = { kind: 'unauthenticated' } | { kind: 'forbidden'; message?: string } | { kind: 'allowed' };

/** The expected answer, read from the shared capability map (`shared/src/auth/capabilities.ts`). */
function expectedFor(route: RouteSpec, caller: Caller, ids: SampleIds): Expected {
  if (isPublic(route.access)) return { kind: 'allowed' };
  if (caller === 'anonymous') return { kind: 'unauthenticated' };
  const role = roleOf[caller];
  if (!can(role, route.access)) return { kind: 'forbidden' };
  const narrowed = narrowedFor(route, ids);
  if (narrowed && !can(role, narrowed.capability)) return { kind: 'forbidden', message: narrowed.message };
  // Every caller is handed ids of the OTHER unit: a unit lead limited to their units is out of scope on a scoped route.
  if (route.unitScope && limitedToOwnUnits(role, route.access)) return { kind: 'forbidden', message: 'Ce centre ne fait pas partie de votre périmètre.' };
  return { kind: 'allowed' };
}

describe('access control, generated from the route table', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  const clients = new Map<Caller, TestClient>();
  /** Callers whose last call changed state (it may have been the logout): their session is checked first. */
  const maybeSignedOut = new Set<Caller>();

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    for (const caller of callers) {
      if (caller !== 'anonymous') clients.set(caller, await TestClient.signedIn(app.app, fx.users[caller].email));
    }
  });
  afterAll(() => db.drop());

  /** A signed-in client for the caller; signs in again when a previous call ended the session (logout). */
  async function clientFor(caller: Caller): Promise<TestClient> {
    if (caller === 'anonymous') return new TestClient(app.app);
    const client = clients.get(caller)!;
    if (maybeSignedOut.delete(caller) && (await client.get('/api/auth/me')).status !== 200) {
      const res = await client.login(fx.users[caller].email);
      if (res.status !== 200) throw new Error(`re-sign-in of ${caller} failed: ${res.status}`);
    }
    return client;
  }

  async function call(route: RouteSpec, caller: Caller) {
    const client = await clientFor(caller);
    const ids = idsFor(caller, fx);
    const url = '/api' + concretePath(route.path, ids) + (sampleQueries[routeName(route)]?.(ids) ?? '');
    if (route.method === 'get') return client.get(url);
    maybeSignedOut.add(caller);
    const body = sampleBodies[routeName(route)]?.(ids) ?? {};
    return route.method === 'delete' ? client.delete(url) : client.send(route.method, url, body);
  }

  it('builds the same route table on the test database as the one the specs were generated from', () => {
    expect(app.api.routes.map(routeName)).toEqual(routeTable.map(routeName));
    expect(routeTable.length).toBeGreaterThan(10);
  });

  it('has no route without a capability of the shared map', () => {
    const problems: string[] = [];
    for (const route of routeTable) {
      const access = (route as { access?: unknown }).access;
      if (typeof access !== 'string' || !Object.hasOwn(CAPABILITIES, access)) problems.push(`${routeName(route)}: access ${JSON.stringify(access)}`);
    }
    expect(problems).toEqual([]);
  });

  it('declares a unit scope only on capabilities that limit unit leads to their units', () => {
    const problems = routeTable.filter((route) => route.unitScope && can('unit_lead', route.access) && !limitedToOwnUnits('unit_lead', route.access)).map(routeName);
    expect(problems).toEqual([]);
  });

  it('has no two routes on the same method and path', () => {
    const names = routeTable.map(routeName);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('lists every route of the table in the OpenAPI document, with its method, x-capability and x-required-roles', async () => {
    const res = await new TestClient(app.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    const operations = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const expected = routeTable.map((r) => `${r.method.toUpperCase()} /api${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    expect(operations.sort()).toEqual([...expected].sort());
    for (const route of routeTable) {
      const op = paths['/api' + route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method];
      expect(op).withContext(routeName(route)).toBeDefined();
      expect(op?.['x-capability']).withContext(routeName(route)).toBe(route.access);
      expect(op?.['x-required-roles']).withContext(routeName(route)).toEqual(isPublic(route.access) ? 'public' : [...rolesFor(route.access)]);
      const responses = (op?.responses ?? {}) as Record<string, unknown>;
      expect(responses[String(route.response.status)]).withContext(routeName(route)).toBeDefined();
      if (!isPublic(route.access)) expect(responses['401']).withContext(`${routeName(route)} documents 401`).toBeDefined();
      if (!isPublic(route.access) && !Object.values(roleOf).every((role) => can(role, route.access))) {
        expect(responses['403']).withContext(`${routeName(route)} documents 403`).toBeDefined();
      }
    }
    for (const ops of Object.values(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect('x-required-roles' in op).withContext(method).toBeTrue();
        expect('x-capability' in op).withContext(method).toBeTrue();
      }
    }
  });

  for (const route of routeTable) {
    const rule = isPublic(route.access) ? `${route.access}: public` : `${route.access}: [${rolesFor(route.access).join(', ')}]`;
    it(`${routeName(route)} (${rule}${route.narrowAccess ? ', narrowed by params' : ''}${route.unitScope ? ', unit scope' : ''}): 401 anonymous, 403 outside the rule, neither inside`, async () => {
      for (const caller of callers) {
        const res = await call(route, caller);
        const expected = expectedFor(route, caller, idsFor(caller, fx));
        const where = `${routeName(route)} as ${caller}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        switch (expected.kind) {
          case 'unauthenticated':
            expect(res.status).withContext(where).toBe(401);
            expect(res.body.error?.code).withContext(where).toBe('unauthenticated');
            break;
          case 'forbidden':
            expect(res.status).withContext(where).toBe(403);
            // Not the CSRF refusal: that would hide a missing role check.
            expect(res.body.error?.code).withContext(where).toBe('forbidden');
            if (expected.message) expect(res.body.error?.message).withContext(where).toBe(expected.message);
            break;
          case 'allowed':
            expect([401, 403]).withContext(where).not.toContain(res.status);
            expect(res.status).withContext(where).toBeLessThan(500);
            break;
        }
      }
    });
  }
});

describe('ApiRouter unit scope', () => {
  const UNIT_A = 10;
  const UNIT_B = 20;
  const actors: Record<string, Actor> = {
    leadA: { userId: 2, email: 'lead.a@test.local', displayName: 'Lead A', role: 'unit_lead', unitIds: [UNIT_A], requestId: null },
    admin: { userId: 1, email: 'admin@test.local', displayName: 'Admin', role: 'admin', unitIds: [], requestId: null },
    finance: { userId: 3, email: 'finance@test.local', displayName: 'Finance', role: 'finance', unitIds: [], requestId: null },
  };
  let tiny: express.Express;
  let handled: unknown[];

  beforeEach(() => {
    handled = [];
    const api = new ApiRouter();
    api.add(
      {
        method: 'get',
        path: '/units/:id/things',
        tag: 'Test',
        summary: 'Scoped by path',
        access: 'forms.write',
        params: IdParams,
        response: { status: 200, description: 'ok', schema: z.object({ unitId: z.number(), by: z.string() }) },
        unitScope: ({ params }) => [params.id],
      },
      ({ params, actor }) => {
        handled.push(params.id);
        return { unitId: params.id, by: actor.email };
      },
    );
    tiny = express();
    tiny.use(express.json());
    tiny.use((req, _res, next) => {
      const who = req.get('x-test-actor');
      if (who) req.actor = actors[who];
      next();
    });
    tiny.use(api.router);
    tiny.use(errorHandler);
  });

  it('lets a unit lead reach their own unit', async () => {
    const res = await request(tiny).get(`/units/${UNIT_A}/things`).set('X-Test-Actor', 'leadA');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ unitId: UNIT_A, by: 'lead.a@test.local' });
    expect(handled).toEqual([UNIT_A]);
  });

  it('refuses a unit lead another unit with 403 and the French message, without running the handler', async () => {
    const res = await request(tiny).get(`/units/${UNIT_B}/things`).set('X-Test-Actor', 'leadA');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: 'forbidden', message: 'Ce centre ne fait pas partie de votre périmètre.' } });
    expect(handled).toEqual([]);
  });

  it('lets an administrator reach any unit', async () => {
    const res = await request(tiny).get(`/units/${UNIT_B}/things`).set('X-Test-Actor', 'admin');
    expect(res.status).toBe(200);
    expect(res.body.unitId).toBe(UNIT_B);
  });

  it('checks the role before the scope, and the session before the role', async () => {
    const finance = await request(tiny).get(`/units/${UNIT_A}/things`).set('X-Test-Actor', 'finance');
    expect(finance.status).toBe(403);
    expect(finance.body.error.message).toBe('Vous n’avez pas les droits nécessaires pour cette action.');
    const anonymous = await request(tiny).get(`/units/${UNIT_A}/things`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    expect(handled).toEqual([]);
  });

  it('parses before scoping: a bad id is a 422 naming the field, not a 403', async () => {
    const res = await request(tiny).get('/units/abc/things').set('X-Test-Actor', 'leadA');
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([{ path: 'id', message: 'Identifiant invalide : un entier positif est attendu.' }]);
  });
});
