/**
 * Completeness board at network scale (10 units × 3 years, the demo) and at 20× (200 units × 10
 * years): the whole service call and the SQL aggregate alone, median and 95th percentile over
 * repeated runs. `npm run bench -- completeness` ; DATABASE_URL selects a PostgreSQL server
 * (a fresh database is created and dropped), else an in-memory embedded PGlite.
 */
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { systemActor } from '../server/src/features/auth/actor.js';
import { buildTestServices } from '../server/src/testing/test-app.js';
import { generateScale } from './scale-generator.js';
import { openBenchDatabase } from './bench-database.js';
import { time } from './timing.js';
import { printTable, seedBenchDemo } from './bench-app.js';

const RUNS = 30;

const year = new Date().getFullYear() - 1;
const { knex, engine, kind, close } = await openBenchDatabase('completeness');
try {
  await seedBenchDemo(knex);
  const service = buildTestServices(knex).completeness;
  const actor = systemActor('bench');
  const adminActor = { ...actor, role: 'admin' as const };
  const sqlAlone = () =>
    knex('indicator_values as v')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .join('submissions as s', 's.id', 'v.submission_id')
      .where('s.period', '>=', String(year))
      .andWhere('s.period', '<', String(year + 1))
      .andWhere('i.required', true)
      .groupBy('v.submission_id')
      .select('v.submission_id', knex.raw('count(*) AS n'));

  const rows: string[] = [];
  const measure = async (label: string) => {
    const counts = await knex('indicator_values').count<{ n: number }[]>('* as n').first();
    const units = await knex('units').count<{ n: number }[]>('* as n').first();
    const whole = await time(RUNS, () => service.forYear(adminActor, year));
    const sql = await time(RUNS, () => sqlAlone());
    rows.push(
      `| ${label} | ${engine} | ${Number(units?.n)} | ${Number(counts?.n).toLocaleString('fr-FR')} | ${whole.median.toFixed(1)} / ${whole.p95.toFixed(1)} | ${sql.median.toFixed(1)} / ${sql.p95.toFixed(1)} |`,
    );
  };

  await measure('réseau (démo : 10 CRP, 3 ans + l’année en cours)');
  const started = performance.now();
  const generated = await generateScale(knex, { units: 200, years: 10, lastYear: year });
  console.error(`Génération 20× : ${generated.units} centres, ${generated.submissions} saisies, ${generated.values} valeurs en ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await measure('20× (200 centres, 10 ans)');

  printTable(
    ['Échelle', 'Base', 'Centres', 'Valeurs', 'Complétude d’une année, service entier (ms, médiane / p95)', 'SQL seul (ms, médiane / p95)'],
    rows,
  );
} finally {
  await close();
}
