/**
 * The dashboards at network scale (the demo: 10 CRP + CN2R, three full years and the current one)
 * and at 20× (200 units × 10 years of indicator values; 10 years of budget with 240 lines a year,
 * 300 people), on the last full year, side by side in one run:
 * - HTTP, cold: the full request (session, access check, zod parsing, data version, service, JSON,
 *   ETag) first after a write — the version of the catalogue is bumped before each request, so the
 *   dashboard is computed again;
 * - HTTP, warm: the same request with nothing written since (served from the cache);
 * - the computation alone: the service's method, no HTTP, no cache (all its SQL and assembly);
 * - the dashboard's own SQL aggregates alone (DashboardRepository), as measured before the cache;
 * median and 95th percentile over repeated runs, and the ratios of HTTP to the computation alone.
 * The app runs as in production (no check of each answer against its schema).
 * `npm run bench -- dashboards` ; DATABASE_URL selects a PostgreSQL server (a fresh database is
 * created and dropped), else an in-memory embedded PGlite. BENCH_RUNS: measures per figure (20);
 * BENCH_ANALYZE=0: no ANALYZE at 20×;
 * BENCH_ANALYZE=only: at 20× only after ANALYZE.
 */
import './production-mode.js';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import {
  ADMIN_OUTLIERS_SHOWN,
  AdminDashboardQuery,
  BoardDashboardQuery,
  CostPerActivityQuery,
  FinanceDashboardQuery,
  KEY_INDICATOR_CODES,
  MapDashboardQuery,
  UnitLeadDashboardQuery,
  missionAreaCostUnits,
} from '@cn2r/shared';
import type { Actor } from '../server/src/features/auth/actor.js';
import { DashboardRepository } from '../server/src/features/dashboards/dashboard-repository.js';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { buildTestServices } from '../server/src/testing/test-app.js';
import { HttpSession } from '../server/src/testing/server-process.js';
import { generateBudgetScale, generateScale } from './scale-generator.js';
import { openBenchDatabase } from './bench-database.js';
import { time } from './timing.js';
import { benchApp, printTable, seedBenchDemo } from './bench-app.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DEMO_PASSWORD = 'demo-password-2026';

const year = new Date().getFullYear() - 1;
const { knex, engine, kind, close } = await openBenchDatabase('dash');
let server: Server | undefined;
try {
  await seedBenchDemo(knex);
  // The app listening on a port, requests over real HTTP (keep-alive), as a browser sends them.
  const app = benchApp(knex, kind);
  const listening = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server = listening;
  // Kept-alive connections survive the 20× generation (tens of seconds without a request).
  listening.keepAliveTimeout = 600_000;
  const baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  const signIn = async (email: string) => HttpSession.signedIn(baseUrl, email, DEMO_PASSWORD);
  const clients = {
    admin: await signIn('admin@demo.local'),
    finance: await signIn('finance@demo.local'),
    board: await signIn('board@demo.local'),
    lead: await signIn('lead.lille@demo.local'),
  };
  const lille = (await knex('units').where({ code: 'CRP-HDF' }).first('id')).id as number;
  // The services without HTTP, on the same database and clock as the app: the computation alone.
  const dashboards = buildTestServices(knex).dashboards;
  const actorOf = async (email: string): Promise<Actor> => {
    const user = await knex('users').where({ email }).first('id', 'email', 'display_name', 'role');
    const unitIds = (await knex('user_units').where({ user_id: user.id }).pluck('unit_id')) as number[];
    return { userId: user.id, email: user.email, displayName: user.display_name, role: user.role, unitIds, requestId: null };
  };
  const actors = {
    admin: await actorOf('admin@demo.local'),
    finance: await actorOf('finance@demo.local'),
    board: await actorOf('board@demo.local'),
    lead: await actorOf('lead.lille@demo.local'),
  };
  const q = { year: String(year) };
  // A write the dashboards read (every dashboard reads the catalogue): the next request computes again.
  const bump = () => knex.raw(`UPDATE dashboard_versions SET version = version + 1 WHERE domain = 'catalogue' AND year = 0`);
  const repo = new DashboardRepository();
  const keyCodes = [...KEY_INDICATOR_CODES];
  const trend = { fromYear: year - 4, toYear: year };
  const resultCodes = async () => (await repo.indicatorRefs(knex, year, { expectedResultOnly: true })).map((r) => r.code);
  // The whole answer read, as text (its parsing is the browser's).
  const get = (client: HttpSession, url: string) => async () => {
    const res = await client.request('GET', url);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 300)}`);
  };

  const endpoints: { name: string; request: () => Promise<unknown>; compute: () => Promise<unknown>; sql: () => Promise<unknown> }[] = [
    {
      name: `unit-lead (responsable de Lille)`,
      request: get(clients.lead, `/api/dashboards/unit-lead?year=${year}&unitId=${lille}`),
      compute: () => dashboards.unitLead(actors.lead, UnitLeadDashboardQuery.parse({ ...q, unitId: String(lille) })),
      sql: () => Promise.all([repo.unitVsMedian(knex, lille, { codes: keyCodes, ...trend }), repo.outliers(knex, year, 50, { unitIds: [lille] })]),
    },
    {
      name: 'admin',
      request: get(clients.admin, `/api/dashboards/admin?year=${year}`),
      compute: () => dashboards.admin(actors.admin, AdminDashboardQuery.parse(q)),
      sql: async () => {
        const codes = await resultCodes();
        await repo.networkByYear(knex, { codes: keyCodes, ...trend, validatedOnly: false });
        await repo.networkByYear(knex, { codes, fromYear: year, toYear: year, validatedOnly: true });
        await repo.outliers(knex, year, 50, { limit: ADMIN_OUTLIERS_SHOWN });
        await repo.changesAfterValidation(knex, year, 20);
      },
    },
    {
      name: 'finance',
      request: get(clients.finance, `/api/dashboards/finance?year=${year}`),
      compute: () => dashboards.finance(actors.finance, FinanceDashboardQuery.parse(q)),
      sql: () => repo.fteByFunderPerMonth(knex, year),
    },
    {
      name: 'board',
      request: get(clients.board, `/api/dashboards/board?year=${year}`),
      compute: () => dashboards.board(actors.board, BoardDashboardQuery.parse(q)),
      sql: () => repo.networkByYear(knex, { codes: keyCodes, ...trend, validatedOnly: true }),
    },
    {
      name: 'map',
      request: get(clients.lead, `/api/dashboards/map?year=${year}`),
      compute: () => dashboards.map(MapDashboardQuery.parse(q)),
      sql: () => repo.unitYears(knex, { codes: keyCodes, fromYear: year, toYear: year, validatedOnly: true }),
    },
    {
      name: 'cost-per-activity',
      request: get(clients.board, `/api/dashboards/cost-per-activity?year=${year}`),
      compute: () => dashboards.costPerActivity(CostPerActivityQuery.parse(q), actors.board),
      sql: async () => {
        // The units of work of the destinations (the CN2R's outputs), as the service reads them.
        const codes = Object.values(missionAreaCostUnits).flatMap((u) => (u ? [u.code] : []));
        await repo.networkByYear(knex, { codes, fromYear: year, toYear: year, validatedOnly: true });
      },
    },
  ];

  const rows: string[] = [];
  const measure = async (label: string) => {
    const values = Number((await knex('indicator_values').count<{ n: number }[]>('* as n').first())?.n);
    const units = Number((await knex('units').count<{ n: number }[]>('* as n').first())?.n);
    const payments = Number((await knex('payments').count<{ n: number }[]>('* as n').first())?.n);
    const ms = (t: { median: number; p95: number }) => `${t.median.toFixed(1)} / ${t.p95.toFixed(1)}`;
    const ratio = (a: number, b: number) => (a / b).toFixed(2).replace('.', ',');
    for (const e of endpoints) {
      const cold = await time(RUNS, e.request, bump);
      const warm = await time(RUNS, e.request);
      const compute = await time(RUNS, e.compute);
      const sql = await time(RUNS, e.sql);
      rows.push(
        `| ${label} | ${engine} | ${units} centres, ${values.toLocaleString('fr-FR')} valeurs, ${payments.toLocaleString('fr-FR')} paiements | ${e.name} | ${ms(cold)} | ${ms(warm)} | ${ms(compute)} | ${ms(sql)} | ${ratio(cold.median, compute.median)} | ${ratio(warm.median, compute.median)} | ${os.loadavg()[0].toFixed(2).replace('.', ',')} |`,
      );
      console.error(rows.at(-1));
    }
  };

  await measure('réseau (démo)');
  const started = performance.now();
  const generated = await generateScale(knex, { units: 200, years: 10, lastYear: year });
  const budget = await generateBudgetScale(knex, { years: 10, lastYear: year, linesPerYear: 240, people: 300 });
  console.error(
    `Génération 20× : ${generated.units} centres, ${generated.values} valeurs ; ${budget.lines} lignes, ${budget.payments} paiements, ${budget.allocations} ventilations en ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (process.env.BENCH_ANALYZE !== 'only') await measure('20× (200 centres, 10 ans)');
  if (process.env.BENCH_ANALYZE !== '0') {
    // PGlite runs no autovacuum: statistics exist only once ANALYZE has run (a server gathers them by itself).
    await knex.raw('ANALYZE');
    await measure('20×, après ANALYZE');
  }

  printTable(
    [
      'Échelle',
      'Base',
      'Données',
      'Tableau de bord',
      'HTTP à froid, 1re après une écriture (ms, médiane / p95)',
      'HTTP à chaud, en cache (ms, médiane / p95)',
      'Calcul seul, sans HTTP (ms, médiane / p95)',
      'Agrégats SQL seuls (ms, médiane / p95)',
      'HTTP à froid ÷ calcul',
      'HTTP à chaud ÷ calcul',
      'Charge (1 min)',
    ],
    rows,
  );
} finally {
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await close();
}
