/**
 * The annual reports end to end on the server, at network scale (the demo: 10 CRP + CN2R) and at
 * 20× (200 units × 10 years of indicator values; 10 years of budget with 240 lines a year, 300
 * people): the data assembly of each report (ActivityReportService / FinancialReportService), then
 * « generate the official version » as an HTTP request (snapshot, four documents built in the
 * builder threads, sha256, one short transaction), twice:
 * - as the board works: the reports page opened first (its GETs start the builder, which warms
 *   up: modules loaded, each document built once), the generation asked once the builder is ready
 *   (the time it took to get ready, from the page's GETs, in its own column) — seven times in a row
 *   at network scale, three at 20×: the median, with the fastest and the slowest;
 * - cold: the builder stopped, the generation starts it (the first generation after the builder's
 *   idle stop — ten minutes without reports — or after the server started).
 * Beside them, as their reference, the rebuild from the stored snapshot in this thread (the
 * verification, with the in-process builders); wall time, the ratio page-opened generation /
 * rebuild, the process's peak resident memory and the load average.
 * `npm run bench -- reports-server` ; in-memory embedded PGlite.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { knexOnPglite, openPglite } from '@cn2r/db';
import { reportBuilderThread } from '../server/src/features/reports/index.js';
import { TestClient, buildTestServices } from '../server/src/testing/test-app.js';
import { generateBudgetScale, generateScale } from './scale-generator.js';
import { benchApp, printTable, seedBenchDemo } from './bench-app.js';

const year = new Date().getFullYear() - 1;
const knex = knexOnPglite(await openPglite());
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = async (fn: () => Promise<unknown>) => {
  const started = performance.now();
  await fn();
  return ((performance.now() - started) / 1000).toFixed(2);
};

try {
  await seedBenchDemo(knex);
  const app = benchApp(knex, 'embedded');
  const board = await TestClient.signedIn(app, 'board@demo.local', 'demo-password-2026');
  const services = buildTestServices(knex).reports;
  const rows: string[] = [];

  const measure = async (label: string) => {
    const values = Number((await knex('indicator_values').count<{ n: number }[]>('* as n').first())?.n);
    const units = Number((await knex('units').count<{ n: number }[]>('* as n').first())?.n);
    const generatedAt = new Date().toISOString();
    await services.activity.data(year, { generatedAt, narratives: {} }); // warm-up
    const activity = await seconds(() => services.activity.data(year, { generatedAt, narratives: {} }));
    const financial = await seconds(() => services.financial.data(year, { generatedAt, narratives: {} }));
    let number = 0;
    const generate = () =>
      seconds(async () => {
        const res = await board.post(`/api/reports/${year}/versions`);
        if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        number = res.body.number;
      });
    // Cold: the builder stopped (as after its idle stop, or a restart).
    await reportBuilderThread.close();
    const cold = await generate();
    // As the board works: the page opened (its GETs), the builder ready, then « generate ».
    await reportBuilderThread.close();
    const ready = await seconds(async () => {
      for (const url of ['/api/reports/years', `/api/reports/${year}/versions`]) {
        const res = await board.get(url);
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      }
      if (reportBuilderThread.workers === 0) throw new Error('the reports page did not start the builder');
      await reportBuilderThread.ready();
    });
    // Several generations in a row (each a new version): one on this machine varies by ±20 %.
    const runs: number[] = [];
    for (let i = 0; i < (units > 100 ? 3 : 7); i++) runs.push(Number(await generate()));
    runs.sort((a, b) => a - b);
    const warm = runs[runs.length >> 1].toFixed(2);
    const spread = `${runs[0].toFixed(2)}–${runs.at(-1)!.toFixed(2)}`;
    let identical = false;
    const verify = await seconds(async () => {
      identical = (await services.versions.verify(year, number)).identical;
    });
    const ratio = (Number(warm) / Number(verify)).toFixed(2);
    const load = loadavg()[0].toFixed(1);
    rows.push(`| ${label} | ${units} centres, ${values.toLocaleString('fr-FR')} valeurs | ${activity} | ${financial} | ${warm} (${spread}, ${runs.length} fois) | ${ready} | ${cold} | ${verify} (${identical ? 'identiques' : 'DIFFÉRENTS'}) | ${ratio} | ${mb()} | ${load} |`);
    console.error(rows.at(-1));
  };

  await measure('réseau (démo)');
  await generateScale(knex, { units: 200, years: 10, lastYear: year });
  await generateBudgetScale(knex, { years: 10, lastYear: year, linesPerYear: 240, people: 300 });
  await knex.raw('ANALYZE');
  await measure('20× (200 centres, 10 ans)');

  printTable(
    [
      'Échelle',
      'Données',
      'Données du rapport d’activité (s)',
      'Données du bilan (s)',
      'Générer la version officielle, HTTP, page ouverte et constructeur prêt : médiane (min–max) (s)',
      'Constructeur prêt après l’ouverture de la page (s)',
      'Générer la version officielle, HTTP, constructeur arrêté (s)',
      'Reconstruire depuis l’instantané dans un seul fil (s)',
      'Rapport génération page ouverte / reconstruction',
      'Mémoire résidente max. du processus (Mo)',
      'Charge (1 min)',
    ],
    rows,
  );
} finally {
  await reportBuilderThread.close();
  await knex.destroy();
}
