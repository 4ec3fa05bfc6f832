import type { Express } from 'express';
import type { Knex } from 'knex';
import pino from 'pino';
import request from 'supertest';
import type { Role } from '@cn2r/shared';
import { knexOnServer } from '@cn2r/db';
import { createApp, type App } from '../app.js';
import { systemClock } from '../clock.js';
import { composeServices, type CompositionDeps, type Services } from '../composition.js';
import { loadConfig, type Config } from '../config.js';
import { systemActor } from '../features/auth/index.js';
import { annualReportBuilders } from '../features/reports/index.js';
import { inProcessUploadParsers } from '../features/upload-parsing/index.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_PASSWORD = 'mot-de-passe-de-test-2026';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent' }), ...overrides };
}

export function buildTestApp(db: TestDatabase, overrides: Partial<Config> = {}): App {
  const config = testConfig(overrides);
  return createApp({ db: db.knex, engine: db.engine, config, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
}

/**
 * A second instance of the app on the same database, as a second process would be: on a server,
 * with its own connection pool (`close` ends it); embedded, on the same PGlite (one process only).
 */
export function buildSecondTestApp(db: TestDatabase): { app: App; close(): Promise<void> } {
  const url = (db.knex.client.config as { connection: unknown }).connection;
  const knex: Knex = db.engine === 'server' && typeof url === 'string' ? knexOnServer(url) : db.knex;
  return { app: buildTestApp({ ...db, knex }), close: async () => (knex === db.knex ? undefined : knex.destroy()) };
}

/** Every service as the server builds them (composition root), for specs that call services directly. */
export function buildTestServices(db: Knex, overrides: Partial<Omit<CompositionDeps, 'db'>> = {}): Services {
  return composeServices({ db, config: testConfig(), clock: systemClock, reportBuilders: annualReportBuilders, uploadParsers: inProcessUploadParsers, mailTransport: null, ...overrides });
}

/**
 * A browser-like client: keeps cookies, and echoes the XSRF-TOKEN cookie in X-XSRF-TOKEN on
 * state-changing requests, as Angular's HttpClient does.
 */
export class TestClient {
  readonly agent: ReturnType<typeof request.agent>;

  constructor(readonly app: Express) {
    this.agent = request.agent(app);
  }

  /** The current XSRF-TOKEN cookie, fetched with a GET when the agent has none yet. */
  async csrfToken(): Promise<string> {
    let cookie = this.agent.jar.getCookie('XSRF-TOKEN', { domain: '127.0.0.1', path: '/', secure: false, script: true });
    if (!cookie) {
      await this.agent.get('/api/health');
      cookie = this.agent.jar.getCookie('XSRF-TOKEN', { domain: '127.0.0.1', path: '/', secure: false, script: true });
    }
    if (!cookie) throw new Error('no XSRF-TOKEN cookie was set');
    return cookie.value;
  }

  get(url: string) {
    return this.agent.get(url);
  }

  async send(method: 'post' | 'patch' | 'put' | 'delete', url: string, body?: unknown) {
    const token = await this.csrfToken();
    const req = this.agent[method](url).set('X-XSRF-TOKEN', token);
    return body === undefined ? req : req.send(body as object);
  }

  post(url: string, body?: unknown) {
    return this.send('post', url, body);
  }

  patch(url: string, body?: unknown) {
    return this.send('patch', url, body);
  }

  delete(url: string) {
    return this.send('delete', url);
  }

  /** Posts raw bytes (a file) with the given media type, as a file upload does. */
  async upload(url: string, bytes: Buffer | string, contentType: string) {
    return this.agent.post(url).set('X-XSRF-TOKEN', await this.csrfToken()).set('Content-Type', contentType).send(bytes);
  }

  /** GETs a file: the answer's body is its bytes, whatever its media type. */
  async download(url: string): Promise<request.Response & { body: Buffer }> {
    return (await this.agent.get(url).buffer(true).parse(readBytes)) as request.Response & { body: Buffer };
  }

  async login(email: string, password = TEST_PASSWORD) {
    return this.post('/api/auth/login', { email, password });
  }

  /**
   * Signs in as if from the client address `address`, given in X-Forwarded-For: the app must trust
   * the loopback proxy (`trustProxy: 'loopback'`), as it trusts the configured proxy in production.
   */
  async loginFrom(address: string, email: string, password = TEST_PASSWORD) {
    const token = await this.csrfToken();
    return this.agent.post('/api/auth/login').set('X-Forwarded-For', address).set('X-XSRF-TOKEN', token).send({ email, password });
  }

  static async signedIn(app: Express, email: string, password = TEST_PASSWORD): Promise<TestClient> {
    const client = new TestClient(app);
    const res = await client.login(email, password);
    if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }
}

/** A supertest parser that keeps a body as bytes (a file, or a CSV with its byte-order mark). */
export function readBytes(res: unknown, callback: (err: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('error', (err: Error) => callback(err, Buffer.alloc(0)));
  stream.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The SQL statements `fn` sends through `knex`, as text, in their order. */
export async function statementsOf(knex: Knex, fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (q: { sql: string }) => seen.push(q.sql);
  knex.on('query', listener);
  try {
    await fn();
  } finally {
    knex.off('query', listener);
  }
  return seen;
}

/** How many rows a query (a table, say) holds. */
export async function countRows(query: Knex.QueryBuilder): Promise<number> {
  return Number((await query.count<{ n: number }[]>('* as n'))[0].n);
}

/** The body of an answer that has the expected status (201 unless told); throws with the answer otherwise. */
export async function bodyOf<T = any>(answer: PromiseLike<{ status: number; body: any }>, status = 201): Promise<T> {
  const res = await answer;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export interface Fixtures {
  unitA: number;
  unitB: number;
  users: Record<'admin' | 'leadA' | 'leadB' | 'finance' | 'board', { id: number; email: string }>;
}

/**
 * Two units and one account per role (a lead for each unit), created through the services as the
 * system would. Emails are those of the fixtures; the password is TEST_PASSWORD.
 */
export async function createFixtures(db: Knex): Promise<Fixtures> {
  const actor = systemActor('tests');
  const { units, users } = buildTestServices(db);
  const unitA = await units.create(actor, { code: 'CRP-A', name: 'CRP A', region: 'Région A', hostInstitution: 'CHU A', kind: 'crp', openedOn: '2019-01-01', closedOn: null });
  const unitB = await units.create(actor, { code: 'CRP-B', name: 'CRP B', region: 'Région B', hostInstitution: null, kind: 'crp', openedOn: '2020-06-01', closedOn: null });
  const make = async (email: string, role: Role, unitIds: number[] = []) => {
    const user = await users.create(actor, { email, displayName: email.split('@')[0], role, unitIds, password: TEST_PASSWORD });
    return { id: user.id, email };
  };
  return {
    unitA: unitA.id,
    unitB: unitB.id,
    users: {
      admin: await make('admin@test.local', 'admin'),
      leadA: await make('lead.a@test.local', 'unit_lead', [unitA.id]),
      leadB: await make('lead.b@test.local', 'unit_lead', [unitB.id]),
      finance: await make('finance@test.local', 'finance'),
      board: await make('board@test.local', 'board'),
    },
  };
}

export type FixtureUser = keyof Fixtures['users'];

/**
 * A fresh test database with the fixtures. `seed`, when given, fills the database first (the demo
 * data, say), before the fixtures.
 */
export async function createFixtureDatabase(seed?: (knex: Knex) => Promise<unknown>): Promise<{ db: TestDatabase; fx: Fixtures }> {
  const db = await createTestDatabase();
  if (seed) await seed(db.knex);
  return { db, fx: await createFixtures(db.knex) };
}

/** A fresh test database with the fixtures (after `seed`, when given) and the app on it. */
export async function startFixtureApp(seed?: (knex: Knex) => Promise<unknown>): Promise<{ db: TestDatabase; fx: Fixtures; app: App }> {
  const { db, fx } = await createFixtureDatabase(seed);
  return { db, fx, app: buildTestApp(db) };
}

/** A signed-in client for each fixture account named, signed in one after the other in that order. */
export async function signInFixtures<const K extends FixtureUser>(app: Express, fx: Fixtures, ...who: K[]): Promise<Record<K, TestClient>> {
  const clients = {} as Record<K, TestClient>;
  for (const name of who) clients[name] = await TestClient.signedIn(app, fx.users[name].email);
  return clients;
}

/**
 * A unit of its own, `CRP-<tag><n>` (inserted as is), and its lead `lead.<tag><n>@test.local`,
 * created by the admin through the API then signed in: a spec that takes one starts from nothing,
 * whatever the order the specs run in.
 */
export async function unitWithLead(knex: Knex, app: Express, admin: TestClient, tag: string, n: number): Promise<{ unitId: number; code: string; name: string; email: string; lead: TestClient }> {
  const code = `CRP-${tag}${n}`;
  const name = `CRP ${tag}${n}`;
  const [unit] = await knex('units').insert({ code, name, region: 'R', kind: 'crp', opened_on: '2019-01-01' }).returning('id');
  const email = `lead.${tag.toLowerCase()}${n}@test.local`;
  await bodyOf(admin.post('/api/users', { email, displayName: `Lead ${tag}${n}`, role: 'unit_lead', unitIds: [unit.id], password: TEST_PASSWORD }));
  return { unitId: unit.id as number, code, name, email, lead: await TestClient.signedIn(app, email) };
}

let deliberationSeq = 0;

/**
 * A general assembly meeting on `adoptedOn` and a deliberation it adopted (or rejected), written
 * straight to the database: what a BI, a BR or a report approval names. Numbers are unique per
 * call (`YYYY-9NN`); `body: 'board'` records it at a board meeting instead.
 */
export async function assemblyDeliberation(
  knex: Knex,
  adoptedOn: string,
  options: { title?: string; body?: 'general_assembly' | 'board'; votes?: readonly [number, number, number] } = {},
): Promise<{ id: number; number: string; meetingId: number }> {
  const kind = options.body ?? 'general_assembly';
  const name = kind === 'general_assembly' ? 'Assemblée générale' : 'Conseil d’administration';
  const bodyId = ((await knex('governance_bodies').where({ kind }).orderBy('id').first('id'))?.id ??
    (await knex('governance_bodies').insert({ kind, name }).returning('id'))[0].id) as number;
  const [{ id: meetingId }] = await knex('governance_meetings').insert({ body_id: bodyId, held_on: adoptedOn, kind: 'ordinary', quorum_reached: true }).returning('id');
  const number = `${adoptedOn.slice(0, 4)}-${900 + (++deliberationSeq % 100)}`;
  const [forVotes, against, abstentions] = options.votes ?? [9, 0, 1];
  const [{ id }] = await knex('governance_deliberations')
    .insert({ number, meeting_id: meetingId, adopted_on: adoptedOn, title: options.title ?? `Délibération de test ${number}`, votes_for: forVotes, votes_against: against, abstentions })
    .returning('id');
  return { id: id as number, number, meetingId: meetingId as number };
}
