/**
 * Load test: the app in process on the demo data (embedded PGlite in memory, or a fresh database on
 * DATABASE_URL's PostgreSQL server with the app's connection pool) listening on a free
 * port, 50 concurrent connections for 20 s per scenario with autocannon, signed-in requests as the
 * client sends them (session cookie, X-XSRF-TOKEN on writes), and in the same run a bare Express
 * endpoint (`express()` + one JSON route) as the reference for what this machine and Node can do.
 * Prints requests/s, latency p50 / p97.5 / p99, errors and non-2xx, and the ratio to the bare
 * endpoint. `npm run bench -- load` (LOAD_SECONDS, LOAD_CONNECTIONS to change the defaults).
 *
 * On a server (DATABASE_URL), the scale-out path too: the real server (`server/src/main.ts`) started
 * as one, then two separate processes on the same database, the connections split evenly between
 * the two (as a load balancer spreading connections round-robin would); sessions and the dashboards'
 * data version live in PostgreSQL, so any instance serves any request. LOAD_INSTANCES=1 skips it.
 * Every app runs as in production (no check of each answer against its schema).
 */
import './production-mode.js';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { HttpSession, ServerProcess } from '../server/src/testing/server-process.js';
import { openBenchDatabase } from './bench-database.js';
import { benchApp, seedBenchDemo } from './bench-app.js';

/** The part of autocannon's API used here (the package ships no types). */
interface LoadRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: LoadRequest, context: Record<string, unknown>) => LoadRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
interface Histogram {
  average: number;
  p50: number;
  p97_5: number;
  p99: number;
}
interface LoadResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; requests?: LoadRequest[] }) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const PASSWORD = 'demo-password-2026';
const YEAR = 2026; // the demo's current campaign and fiscal year (seeded as of 23 November 2026)
const EDIT_YEAR = 2027; // an open campaign with one cell per concurrent save, so saves do not collide
const CELLS = 100;

/**
 * Runs on several instances at once, as one: requests/s add up; each latency percentile is the
 * worst of the runs (an upper bound of the combined percentile); errors add up.
 */
function combined(results: LoadResult[]): LoadResult {
  if (results.length === 1) return results[0];
  const worst = (pick: (r: LoadResult) => Histogram): Histogram => ({
    average: Math.max(...results.map((r) => pick(r).average)),
    p50: Math.max(...results.map((r) => pick(r).p50)),
    p97_5: Math.max(...results.map((r) => pick(r).p97_5)),
    p99: Math.max(...results.map((r) => pick(r).p99)),
  });
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    requests: { ...worst((r) => r.requests), average: sum((r) => r.requests.average), total: sum((r) => r.requests.total) },
    latency: worst((r) => r.latency),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    non2xx: sum((r) => r.non2xx),
  };
}

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

const { knex, engine, kind, url: databaseUrl, close } = await openBenchDatabase('load');
const servers: Server[] = [];
const processes: ServerProcess[] = [];
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cn2r-load-'));
try {
  await seedBenchDemo(knex, { today: '2026-11-23' });
  const unitId = Number((await knex('units').where({ code: 'CRP-HDF' }).first('id')).id);
  const [dim] = await knex('dimensions').insert({ code: 'LOAD_DIM', label: 'Ventilation de charge' }).returning('id');
  const options = await knex('dimension_options')
    .insert(Array.from({ length: CELLS }, (_, k) => ({ dimension_id: dim.id, code: `c${k}`, label: `Case ${k}`, sort_order: k })))
    .returning('id');
  const [indicator] = await knex('indicators')
    .insert({ code: 'LOAD_001', label: 'Indicateur de charge', domain: 'activite_clinique', value_type: 'count', period_type: 'quarter', time_aggregation: 'sum', unit_aggregation: 'sum', dimension_id: dim.id, required: false, active_from: `${EDIT_YEAR}-01-01` })
    .returning('id');
  const [campaign] = await knex('campaigns').insert({ year: EDIT_YEAR, label: `Campagne ${EDIT_YEAR}`, status: 'open' }).returning('id');
  await knex('campaign_periods').insert({ campaign_id: campaign.id, period: `${EDIT_YEAR}-Q1`, opens_on: `${EDIT_YEAR - 1}-01-01`, due_on: `${EDIT_YEAR + 1}-01-30` });

  const app = benchApp(knex, kind);
  const target = await listen(app);
  const bareApp = express();
  bareApp.get('/json', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const bare = await listen(bareApp);
  servers.push(target.server, bare.server);

  const lead = await HttpSession.signedIn(target.url, 'lead.lille@demo.local', PASSWORD);
  const admin = await HttpSession.signedIn(target.url, 'admin@demo.local', PASSWORD);
  const finance = await HttpSession.signedIn(target.url, 'finance@demo.local', PASSWORD);
  const board = await HttpSession.signedIn(target.url, 'board@demo.local', PASSWORD);
  const as = (session: HttpSession, path: string): LoadRequest => ({ method: 'GET', path, headers: { cookie: session.cookieHeader() } });

  // Value saves: each takes a free cell, sends that cell's current version, and frees it with the new one.
  const free = options.map((o: { id: number }) => o.id);
  const versions = new Map<number, number>();
  const save: LoadRequest = {
    method: 'PUT',
    path: `/api/units/${unitId}/forms/${EDIT_YEAR}-Q1/values`,
    headers: { cookie: lead.cookieHeader(), 'x-xsrf-token': lead.csrfToken(), 'content-type': 'application/json' },
    setupRequest: (req, context) => {
      const optionId = free.shift()!;
      context.optionId = optionId;
      const version = versions.get(optionId);
      return { ...req, body: JSON.stringify({ indicatorId: indicator.id, optionId, value: 1 + (versions.size % 90), ...(version === undefined ? {} : { version }) }) };
    },
    onResponse: (status, body, context) => {
      const optionId = context.optionId as number;
      if (status === 200) versions.set(optionId, (JSON.parse(body) as { value: { version: number } }).value.version);
      free.push(optionId);
    },
  };

  const leadMix = [as(lead, `/api/units/${unitId}/forms/${EDIT_YEAR}-Q1`), save, as(lead, `/api/dashboards/unit-lead?year=${YEAR}&unitId=${unitId}`)];
  const scenarios: { label: string; url: string; requests: LoadRequest[]; also?: string[] }[] = [
    { label: 'Express nu (référence) : GET /json', url: bare.url, requests: [{ method: 'GET', path: '/json' }] },
    { label: 'Santé : GET /api/health', url: target.url, requests: [{ method: 'GET', path: '/api/health' }] },
    { label: 'Responsable de centre : formulaire, enregistrement d’une valeur, tableau de bord', url: target.url, requests: leadMix },
    { label: 'Coordination : complétude, tableau de bord', url: target.url, requests: [as(admin, `/api/completeness?year=${YEAR}`), as(admin, `/api/dashboards/admin?year=${YEAR}`)] },
    { label: 'Finances : exécution budgétaire, tableau de bord', url: target.url, requests: [as(finance, `/api/budget/${YEAR}/execution`), as(finance, `/api/dashboards/finance?year=${YEAR}`)] },
    { label: 'Bureau : tableau de bord', url: target.url, requests: [as(board, `/api/dashboards/board?year=${YEAR}`)] },
    {
      label: 'Tableaux de bord des quatre rôles, en alternance',
      url: target.url,
      requests: [
        as(lead, `/api/dashboards/unit-lead?year=${YEAR}&unitId=${unitId}`),
        as(admin, `/api/dashboards/admin?year=${YEAR}`),
        as(finance, `/api/dashboards/finance?year=${YEAR}`),
        as(board, `/api/dashboards/board?year=${YEAR}`),
      ],
    },
    {
      label: 'Mélange des quatre rôles et de la santé',
      url: target.url,
      requests: [
        ...leadMix,
        as(admin, `/api/completeness?year=${YEAR}`),
        as(admin, `/api/dashboards/admin?year=${YEAR}`),
        as(finance, `/api/budget/${YEAR}/execution`),
        as(finance, `/api/dashboards/finance?year=${YEAR}`),
        as(board, `/api/dashboards/board?year=${YEAR}`),
        { method: 'GET', path: '/api/health' },
      ],
    },
  ];

  // The scale-out path: the real server as separate processes on the same database (sessions, data versions in PostgreSQL).
  if (kind === 'server' && databaseUrl && process.env.LOAD_INSTANCES !== '1') {
    const env = { DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'silent', SEED_DEMO: 'never' };
    processes.push(await ServerProcess.start(dataDir, env), await ServerProcess.start(dataDir, env));
    const [one, two] = processes.map((p) => p.baseUrl);
    const mixed = scenarios.at(-1)!.requests;
    const boardOnly = [as(board, `/api/dashboards/board?year=${YEAR}`)];
    scenarios.push(
      { label: 'Bureau : tableau de bord — une instance (processus à part)', url: one, requests: boardOnly },
      { label: 'Bureau : tableau de bord — deux instances (processus), connexions réparties', url: one, requests: boardOnly, also: [two] },
      { label: 'Mélange — une instance (processus à part)', url: one, requests: mixed },
      { label: 'Mélange — deux instances (processus), connexions réparties', url: one, requests: mixed, also: [two] },
    );
  }

  // Every request answers 2xx once before the measure (a wrong URL would only measure 404s).
  for (const scenario of scenarios.slice(1)) {
    for (const req of scenario.also ? [] : scenario.requests) {
      const context: Record<string, unknown> = {};
      const ready = req.setupRequest ? req.setupRequest(req, context) : req;
      const res = await fetch(`${scenario.url}${ready.path}`, { method: ready.method, headers: ready.headers, body: ready.body });
      const body = await res.text();
      req.onResponse?.(res.status, body, context);
      if (res.status >= 300) throw new Error(`${ready.method} ${ready.path} : ${res.status} ${body.slice(0, 300)}`);
    }
  }

  const rows: { label: string; result: LoadResult; load: number }[] = [];
  for (const scenario of scenarios) {
    const targets = [scenario.url, ...(scenario.also ?? [])];
    const results = await Promise.all(
      targets.map((url, i) =>
        autocannon({ url, connections: Math.floor(CONNECTIONS / targets.length) + (i < CONNECTIONS % targets.length ? 1 : 0), duration: SECONDS, requests: scenario.requests }),
      ),
    );
    const result = combined(results);
    rows.push({ label: scenario.label, result, load: os.loadavg()[0] });
    console.error(`${scenario.label} : ${Math.round(result.requests.average)} req/s`);
  }
  const savedValues = Number((await knex('indicator_values').where({ indicator_id: indicator.id }).count<{ n: number }[]>('* as n').first())?.n);

  const reference = rows[0].result.requests.average;
  const fr = (n: number, digits = 0) => n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  console.log(`\n${CONNECTIONS} connexions simultanées, ${SECONDS} s par scénario ; ${os.cpus().length} cœurs, Node ${process.version}, ${engine} ; charge moyenne (1 min) au départ ${fr(rows[0].load, 2)}.`);
  console.log('\n| Scénario | Requêtes/s | Latence p50 (ms) | p97,5 (ms) | p99 (ms) | Erreurs / non-2xx | Rapport à Express nu | Charge (1 min) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { label, result, load } of rows) {
    const ratio = result.requests.average / reference;
    console.log(
      `| ${label} | ${fr(result.requests.average)} | ${fr(result.latency.p50)} | ${fr(result.latency.p97_5)} | ${fr(result.latency.p99)} | ${fr(result.errors + result.timeouts)} / ${fr(result.non2xx)} | ${ratio >= 0.1 ? fr(ratio, 2) : fr(ratio, 3)} | ${fr(load, 2)} |`,
    );
  }
  console.log(`\nValeurs enregistrées pendant le test (cases distinctes) : ${savedValues} ; versions suivies : ${versions.size}.`);
} finally {
  // Stop listening, let the requests still in flight end, then close the database.
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    ),
  );
  await Promise.all(processes.map((p) => p.stop()));
  rmSync(dataDir, { recursive: true, force: true });
  await close();
}
