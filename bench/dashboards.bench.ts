/**
 * The dashboards at network scale (the demo: 10 CRP + CN2R, three full years and the current one)
 * and at 20× (200 units × 10 years of indicator values; 10 years of budget with 240 lines a year,
 * 300 people): every endpoint as a full HTTP request through the app (session, access check, zod
 * parsing, service, JSON), and the dashboard's own SQL aggregates alone (DashboardRepository),
 * median and 95th percentile over repeated runs, on the last full year.
 * `npm run bench -- dashboards` ; DATABASE_URL selects a PostgreSQL server (a fresh database is
 * created and dropped), else an in-memory embedded PGlite.
 */
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { ADMIN_OUTLIERS_SHOWN, KEY_INDICATOR_CODES, missionAreaCostUnits } from '@cn2r/shared';
import { DashboardRepository } from '../server/src/features/dashboards/dashboard-repository.js';
import { TestClient } from '../server/src/testing/test-app.js';
import { generateBudgetScale, generateScale } from './scale-generator.js';
import { openBenchDatabase } from './bench-database.js';
import { time } from './timing.js';
import { benchApp, printTable, seedBenchDemo } from './bench-app.js';

const RUNS = 20;
const DEMO_PASSWORD = 'demo-password-2026';

const year = new Date().getFullYear() - 1;
const { knex, engine, kind, close } = await openBenchDatabase('dash');
try {
  await seedBenchDemo(knex);
  const app = benchApp(knex, kind);
  const signIn = async (email: string) => TestClient.signedIn(app, email, DEMO_PASSWORD);
  const clients = {
    admin: await signIn('admin@demo.local'),
    finance: await signIn('finance@demo.local'),
    board: await signIn('board@demo.local'),
    lead: await signIn('lead.lille@demo.local'),
  };
  const lille = (await knex('units').where({ code: 'CRP-HDF' }).first('id')).id as number;
  const repo = new DashboardRepository();
  const keyCodes = [...KEY_INDICATOR_CODES];
  const trend = { fromYear: year - 4, toYear: year };
  const resultCodes = async () => (await repo.indicatorRefs(knex, year, { expectedResultOnly: true })).map((r) => r.code);
  const get = (client: TestClient, url: string) => async () => {
    const res = await client.get(url);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  };

  const endpoints: { name: string; request: () => Promise<unknown>; sql: () => Promise<unknown> }[] = [
    {
      name: `unit-lead (responsable de Lille)`,
      request: get(clients.lead, `/api/dashboards/unit-lead?year=${year}&unitId=${lille}`),
      sql: () => Promise.all([repo.unitVsMedian(knex, lille, { codes: keyCodes, ...trend }), repo.outliers(knex, year, 50, { unitIds: [lille] })]),
    },
    {
      name: 'admin',
      request: get(clients.admin, `/api/dashboards/admin?year=${year}`),
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
      sql: () => repo.fteByFunderPerMonth(knex, year),
    },
    {
      name: 'board',
      request: get(clients.board, `/api/dashboards/board?year=${year}`),
      sql: () => repo.networkByYear(knex, { codes: keyCodes, ...trend, validatedOnly: true }),
    },
    {
      name: 'map',
      request: get(clients.lead, `/api/dashboards/map?year=${year}`),
      sql: () => repo.unitYears(knex, { codes: keyCodes, fromYear: year, toYear: year, validatedOnly: true }),
    },
    {
      name: 'cost-per-activity',
      request: get(clients.board, `/api/dashboards/cost-per-activity?year=${year}`),
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
    for (const e of endpoints) {
      const whole = await time(RUNS, e.request);
      const sql = await time(RUNS, e.sql);
      rows.push(
        `| ${label} | ${engine} | ${units} centres, ${values.toLocaleString('fr-FR')} valeurs, ${payments.toLocaleString('fr-FR')} paiements | ${e.name} | ${whole.median.toFixed(1)} / ${whole.p95.toFixed(1)} | ${sql.median.toFixed(1)} / ${sql.p95.toFixed(1)} |`,
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
  await measure('20× (200 centres, 10 ans)');
  if (process.env.BENCH_ANALYZE !== '0') {
    // PGlite runs no autovacuum: statistics exist only once ANALYZE has run (a server gathers them by itself).
    await knex.raw('ANALYZE');
    await measure('20×, après ANALYZE');
  }

  printTable(
    ['Échelle', 'Base', 'Données', 'Tableau de bord', 'Requête HTTP entière (ms, médiane / p95)', 'SQL seul (ms, médiane / p95)'],
    rows,
  );
} finally {
  await close();
}
