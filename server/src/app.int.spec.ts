import request from 'supertest';
import { defaultErrorMessages } from '@cn2r/shared';
import type { App } from './app.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';
import { TestClient, buildTestApp, createFixtures, startFixtureApp, testConfig, type Fixtures } from './testing/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A line of a Node stack trace, or a source path: neither may reach a client. */
const STACK = /\n\s*at |at [\w.<>]+ \(|\.ts:\d+|node_modules|\/work\//;

function cspDirectives(header: string | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

describe('application', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
  });
  afterAll(() => db.drop());

  describe('health', () => {
    it('answers 200 with the engine and the database up', async () => {
      const res = await request(app.app).get('/api/health');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        status: 'ok',
        database: { status: 'up', engine: db.engine, latencyMs: jasmine.any(Number) },
        version: testConfig().version,
      });
      expect(res.body.database.latencyMs).toBeGreaterThanOrEqual(0);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('answers 503 "degraded" with the database down, not a 500', async () => {
      const other = await createTestDatabase();
      const broken = buildTestApp(other);
      await other.drop();
      const res = await request(broken.app).get('/api/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'degraded', database: { status: 'down', engine: other.engine, latencyMs: null }, version: testConfig().version });
    });
  });

  describe('security headers', () => {
    for (const path of ['/api/health', '/api/docs', '/api/nexiste-pas']) {
      it(`sends a strict Content-Security-Policy and nosniff on ${path}`, async () => {
        const res = await request(app.app).get(path);
        const csp = cspDirectives(res.headers['content-security-policy']);
        expect(csp.get('script-src')).toEqual(["'self'"]);
        expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
        expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
        expect(csp.get('default-src')).toEqual(["'self'"]);
        expect(csp.get('object-src')).toEqual(["'none'"]);
        expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
        expect(csp.get('script-src-attr')).toEqual(["'none'"]);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['strict-transport-security']).toBeUndefined();
      });
    }

    it('sends Strict-Transport-Security only behind an HTTPS proxy (TRUST_PROXY)', async () => {
      const proxied = buildTestApp(db, { trustProxy: true });
      const res = await request(proxied.app).get('/api/health');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    });

    it('gives every answer an X-Request-Id, reusing a sane incoming one only', async () => {
      const fresh = await request(app.app).get('/api/health');
      expect(fresh.headers['x-request-id']).toMatch(UUID);
      const again = await request(app.app).get('/api/health');
      expect(again.headers['x-request-id']).not.toBe(fresh.headers['x-request-id']);

      const reused = await request(app.app).get('/api/health').set('X-Request-Id', 'proxy.req-2026_0001');
      expect(reused.headers['x-request-id']).toBe('proxy.req-2026_0001');

      for (const insane of ['court', 'a'.repeat(65), 'espace dedans 123', '<script>alert(1)</script>']) {
        const res = await request(app.app).get('/api/health').set('X-Request-Id', insane);
        expect(res.headers['x-request-id']).withContext(insane).toMatch(UUID);
      }
      const onError = await request(app.app).get('/api/nexiste-pas').set('X-Request-Id', 'proxy-req-404-0001');
      expect(onError.headers['x-request-id']).toBe('proxy-req-404-0001');
    });
  });

  describe('errors', () => {
    it('answers an unknown /api route with a JSON 404', async () => {
      const client = new TestClient(app.app);
      for (const [method, path] of [
        ['get', '/api/nexiste-pas'],
        ['get', '/api/units/1/nexiste-pas'],
        ['delete', '/api/health'],
      ] as const) {
        const res = method === 'get' ? await client.get(path) : await client.delete(path);
        expect(res.status).withContext(path).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).withContext(path).toEqual({ error: { code: 'not_found', message: `Aucune route ${method.toUpperCase()} ${path}.` } });
      }
    });

    it('answers a body over 1 MB with a JSON 413', async () => {
      const client = new TestClient(app.app);
      const token = await client.csrfToken();
      const big = JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(1_100_000) });
      const res = await client.agent.post('/api/auth/login').set('X-XSRF-TOKEN', token).set('Content-Type', 'application/json').send(big);
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ error: { code: 'payload_too_large', message: 'Le contenu envoyé est trop volumineux.' } });
    });

    it('answers malformed JSON with a 400 and no parser detail', async () => {
      const client = new TestClient(app.app);
      const token = await client.csrfToken();
      const res = await client.agent.post('/api/auth/login').set('X-XSRF-TOKEN', token).set('Content-Type', 'application/json').send('{"email": ');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: 'bad_request', message: 'Le corps de la requête n’est pas un JSON valide.' } });
      expect(res.text).not.toMatch(STACK);
      expect(res.text).not.toMatch(/Unexpected|SyntaxError/);
    });

    it('answers an unexpected failure with a 500, an error id and no stack trace (units table dropped)', async () => {
      const other = await createTestDatabase();
      try {
        const otherFx = await createFixtures(other.knex);
        const broken = buildTestApp(other);
        const admin = await TestClient.signedIn(broken.app, otherFx.users.admin.email);
        await other.knex.raw('DROP TABLE units CASCADE');
        const res = await admin.get('/api/units');
        expect(res.status).toBe(500);
        expect(res.body).toEqual({ error: { code: 'internal', message: defaultErrorMessages.internal, errorId: jasmine.stringMatching(UUID) } });
        expect(res.text).not.toMatch(STACK);
        expect(res.text).not.toMatch(/units|relation|does not exist|select/i);
        const second = await admin.get('/api/units');
        expect(second.body.error.errorId).not.toBe(res.body.error.errorId);
      } finally {
        await other.drop();
      }
    });

    it('answers with a 500 and no stack trace when the database handle is gone', async () => {
      const other = await createTestDatabase();
      const broken = buildTestApp(other);
      await other.drop();
      // A session cookie makes the session middleware query the database.
      const res = await request(broken.app).get('/api/auth/me').set('Cookie', 'cn2r_session=un-jeton-quelconque');
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('internal');
      expect(res.body.error.errorId).toMatch(UUID);
      expect(res.text).not.toMatch(STACK);
      expect(res.text).not.toMatch(/pool|knex|pglite|ECONNREFUSED|destroy/i);
    });

    it('never sends a stack trace in any error answer', async () => {
      const client = new TestClient(app.app);
      const token = await client.csrfToken();
      const answers = [
        await client.get('/api/units'),
        await client.get('/api/nexiste-pas'),
        await client.agent.post('/api/auth/logout'),
        await client.agent.post('/api/auth/login').set('X-XSRF-TOKEN', token).type('form').send('email=a'),
        await client.post('/api/auth/login', { email: 'pas-un-email' }),
        await client.login(fx.users.admin.email, 'mauvais-mot-de-passe'),
      ];
      expect(answers.map((r) => r.status)).toEqual([401, 404, 403, 415, 422, 401]);
      for (const res of answers) {
        expect(res.text).withContext(String(res.status)).not.toMatch(STACK);
        expect(Object.keys(res.body.error).every((k) => ['code', 'message', 'fields', 'errorId'].includes(k))).withContext(res.text).toBeTrue();
      }
    });
  });

  describe('API documentation', () => {
    it('serves a page whose scripts are all same-origin files, with no inline script and no third-party host', async () => {
      const res = await request(app.app).get('/api/docs');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const html = res.text;
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.map((m) => /\bsrc="([^"]+)"/.exec(m[1])?.[1])).toEqual(['/api/docs/assets/swagger-ui-bundle.js', '/api/docs/init.js']);
      for (const m of scripts) expect(m[2].trim()).toBe('');
      expect(html).not.toMatch(/\son\w+=/i);
      expect(html).not.toMatch(/https?:\/\/|src="\/\//);
      expect(html).toContain('<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">');
    });

    it('serves the Swagger UI assets and the start-up script', async () => {
      const bundle = await request(app.app).get('/api/docs/assets/swagger-ui-bundle.js');
      expect(bundle.status).toBe(200);
      expect(bundle.headers['content-type']).toMatch(/^(application|text)\/javascript/);
      expect(bundle.text.length).toBeGreaterThan(100_000);
      const css = await request(app.app).get('/api/docs/assets/swagger-ui.css');
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      const init = await request(app.app).get('/api/docs/init.js');
      expect(init.status).toBe(200);
      expect(init.headers['content-type']).toMatch(/^application\/javascript/);
      expect(init.text).toContain("url: '/api/openapi.json'");
      expect(init.text).toContain('X-XSRF-TOKEN');
      expect((await request(app.app).get('/api/docs/assets/nexiste-pas.js')).status).toBe(404);
    });

    it('serves an OpenAPI 3.1 document built from the shared schemas', async () => {
      const res = await request(app.app).get('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toBe('3.1.0');
      expect(res.body.info.version).toBe(testConfig().version);
      const createUnit = res.body.paths['/api/units'].post;
      const schema = createUnit.requestBody.content['application/json'].schema;
      expect(schema.required).toEqual(jasmine.arrayContaining(['code', 'name', 'region', 'kind', 'openedOn']));
      expect(schema.additionalProperties).toBe(false);
      expect(Object.keys(createUnit.responses)).toEqual(jasmine.arrayContaining(['201', '401', '403', '409', '422']));
      expect(res.body.paths['/api/units/{id}'].get.parameters).toContain(jasmine.objectContaining({ name: 'id', in: 'path', required: true }));
    });
  });
});
