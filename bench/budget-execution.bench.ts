/**
 * The budget execution summary (open, committed, paid, left, rates, forecasts, alerts per line,
 * envelope, funding source and mission area) on the demo data, then with 100 000 entries
 * (commitments and payments) in the year measured: 240 lines × 32 commitments × (1 commitment +
 * 12 monthly payments) = 99 840, after two earlier years at the same volume. Measured
 * as a full HTTP request (session, access check, zod, service, JSON), as the service alone, and as
 * the per-line totals query alone (BudgetRepository.lineTotals); median and 95th percentile, and
 * a commitment recorded on a line (its write path re-reads that line's totals under a lock).
 * `npm run bench -- budget-execution` ; DATABASE_URL selects a PostgreSQL server (a fresh database
 * is created and dropped), else an in-memory embedded PGlite.
 */
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { BudgetRepository } from '../server/src/features/budget/budget-repository.js';
import { TestClient, buildTestServices } from '../server/src/testing/test-app.js';
import { generateBudgetScale } from './scale-generator.js';
import { openBenchDatabase } from './bench-database.js';
import { time } from './timing.js';
import { benchApp, printTable, seedBenchDemo } from './bench-app.js';

const RUNS = 20;
/** Before the demo's three fiscal years, so the generated ones are new and open. */
const scaleYear = new Date().getFullYear() - 3;

const { knex, engine, kind, close } = await openBenchDatabase('budget');
try {
  await seedBenchDemo(knex);
  const app = benchApp(knex, kind);
  const finance = await TestClient.signedIn(app, 'finance@demo.local', 'demo-password-2026');
  const repo = new BudgetRepository();
  const service = buildTestServices(knex).budget.execution;
  const fr = (n: number) => n.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  const rows: string[] = [];
  const measure = async (label: string, measuredYear: number) => {
    const entries = async (table: string) =>
      Number(
        (await knex(table).join('budget_lines as l', 'l.id', `${table}.line_id`).where('l.year', measuredYear).count<{ n: number }[]>('* as n').first())?.n,
      );
    const yearEntries = (await entries('commitments')) + (await entries('payments'));
    const lines = Number((await knex('budget_lines').where({ year: measuredYear }).count<{ n: number }[]>('* as n').first())?.n);
    const http = await time(RUNS, async () => {
      const res = await finance.get(`/api/budget/${measuredYear}/execution`);
      if (res.status !== 200) throw new Error(`execution ${measuredYear}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    });
    const whole = await time(RUNS, () => service.execution(measuredYear));
    const sql = await time(RUNS, () => repo.lineTotals(knex, { year: measuredYear }));
    const line = (await knex('budget_lines').where({ year: measuredYear }).whereNot({ envelope: 'personnel' }).orderBy('id').first('id')).id as number;
    const commit = await time(RUNS, async () => {
      const res = await finance.post('/api/budget/commitments', { lineId: line, committedOn: `${measuredYear}-06-01`, thirdParty: 'Banc d’essai', object: 'Mesure', amountCents: 1 });
      if (res.status !== 201) throw new Error(`commitment: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    });
    rows.push(
      `| ${label} | ${engine} | ${lines.toLocaleString('fr-FR')} lignes, ${yearEntries.toLocaleString('fr-FR')} écritures | ${fr(http.median)} / ${fr(http.p95)} | ${fr(whole.median)} / ${fr(whole.p95)} | ${fr(sql.median)} / ${fr(sql.p95)} | ${fr(commit.median)} / ${fr(commit.p95)} |`,
    );
    console.error(rows.at(-1));
  };

  const demoYear = Number((await knex('fiscal_years').where({ status: 'open' }).orderBy('year', 'desc').first('year')).year);
  await measure('démo (exercice ouvert)', demoYear);
  const started = performance.now();
  // Three open years before the demo's, the last one measured.
  const generated = await generateBudgetScale(knex, { years: 3, lastYear: scaleYear, linesPerYear: 240, commitmentsPerLine: 32, people: 0 });
  console.error(`Génération : ${generated.lines} lignes, ${generated.entries.toLocaleString('fr-FR')} écritures en ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await knex.raw('ANALYZE');
  await measure('100 000 écritures dans l’exercice', scaleYear);

  printTable(
    ['Échelle', 'Base', 'Exercice mesuré', 'Exécution, requête HTTP (ms, médiane / p95)', 'Service seul (ms)', 'Totaux par ligne, SQL seul (ms)', 'Un engagement, requête HTTP (ms)'],
    rows,
  );
} finally {
  await close();
}
