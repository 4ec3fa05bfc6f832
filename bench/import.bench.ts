/**
 * Import of a 10 000-value workbook: the template downloaded from the API, every input cell filled,
 * then the dry run and the confirmed import through the HTTP API (in process, real PGlite). The
 * dry run is measured after a first one that warms the parser up (median of three), then the
 * confirmed import right after it, so that their ratio is read side by side whatever the load of
 * the machine. Prints the time of each step, the ratio, the peak resident memory of the process
 * and the load average.
 * `npm run bench -- import`
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { knexOnPglite, openPglite } from '@cn2r/db';
import { TestClient } from '../server/src/testing/test-app.js';
import { insertWideCatalogue } from '../server/src/testing/wide-catalogue.js';
import { benchApp, seedBenchDemo } from './bench-app.js';

const INDICATORS = 100;
const OPTIONS = 25; // 100 indicators × 25 options × 4 quarters = 10 000 cells

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} Mo`;

const knex = knexOnPglite(await openPglite());
try {
  await seedBenchDemo(knex, { today: '2026-11-23' });
  const year = 2027;
  // A wide catalogue of quarterly counts ventilated on 25 options, and an open campaign.
  await insertWideCatalogue(knex, { prefix: 'BENCH', year, indicators: INDICATORS, options: OPTIONS });
  const [campaign] = await knex('campaigns').insert({ year, label: `Campagne ${year}`, status: 'open' }).returning('id');
  await knex('campaign_periods').insert([1, 2, 3, 4].map((q) => ({ campaign_id: campaign.id, period: `${year}-Q${q}`, opens_on: `${year}-01-01`, due_on: `${year + 1}-01-30` })));
  const unit = await knex('units').where({ code: 'CRP-HDF' }).first('id');

  const app = benchApp(knex, 'embedded');
  const lead = await TestClient.signedIn(app, 'lead.lille@demo.local', 'demo-password-2026');
  const base = `/api/units/${unit.id}/campaigns/${year}`;

  let started = performance.now();
  const template = await lead.get(`${base}/template.xlsx`).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  const templateMs = performance.now() - started;

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template.body as Parameters<typeof workbook.xlsx.load>[0]);
  // The quarter sheet: a row per indicator × option (code in column A), the quarters from column G.
  let filled = 0;
  const sheet = workbook.getWorksheet('Trimestres')!;
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber < 3 || !String(row.getCell(1).value ?? '').startsWith('BENCH_')) return;
    for (let column = 7; column <= 10; column++) {
      row.getCell(column).value = 10 + (filled % 90);
      filled++;
    }
  });
  const upload = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);

  const token = await lead.csrfToken();
  const post = (dryRun: boolean) =>
    lead.agent
      .post(`${base}/import?dryRun=${dryRun}`)
      .set('X-XSRF-TOKEN', token)
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(upload);
  const load = () => loadavg().map((l) => l.toFixed(2).replace('.', ',')).join(' / ');
  const loadBefore = load();
  // A first dry run warms the parser and the analysis up; the median of the next three is kept.
  const warmUp = await post(true);
  if (warmUp.status !== 200) throw new Error(`dry run: ${warmUp.status} ${JSON.stringify(warmUp.body).slice(0, 300)}`);
  const dryRuns: number[] = [];
  let dry = warmUp;
  for (let k = 0; k < 3; k++) {
    started = performance.now();
    dry = await post(true);
    dryRuns.push(performance.now() - started);
  }
  const dryMs = dryRuns.sort((a, b) => a - b)[1];
  started = performance.now();
  const confirmed = await post(false);
  const confirmMs = performance.now() - started;
  if (confirmed.status !== 200) throw new Error(`import: ${confirmed.status} ${JSON.stringify(confirmed.body).slice(0, 300)}`);
  const audited = await knex('audit_log').where({ reason: 'Import d’un fichier de saisie' }).count<{ n: number }[]>('* as n').first();
  const stored = await knex('indicator_values as v').join('indicators as i', 'i.id', 'v.indicator_id').where('i.code', 'like', 'BENCH_%').count<{ n: number }[]>('* as n').first();

  const seconds = (ms: number) => (ms / 1000).toFixed(2).replace('.', ',');
  console.log(
    `\nCellules remplies : ${filled} ; fichier ${Math.round(upload.length / 1024)} Kio ; vérification ${dry.status} (${dry.body.changes?.length} changements) ; ` +
      `import ${confirmed.status} ; ${Number(stored?.n)} valeurs en base, ${Number(audited?.n)} lignes d’audit d’import.`,
  );
  console.log(`Charge moyenne (1 / 5 / 15 min) : ${loadBefore} avant, ${load()} après.`);
  console.log('\n| Étape | Durée (s) |');
  console.log('| --- | --- |');
  console.log(`| Modèle Excel (${INDICATORS} indicateurs × ${OPTIONS} modalités × 4 trimestres) | ${seconds(templateMs)} |`);
  console.log(`| Vérification à blanc de ${filled.toLocaleString('fr-FR')} valeurs (médiane de 3) | ${seconds(dryMs)} |`);
  console.log(`| Import confirmé (une transaction, une ligne d’audit par valeur) | ${seconds(confirmMs)} |`);
  console.log(`| Rapport import confirmé / vérification à blanc | ${(confirmMs / dryMs).toFixed(1).replace('.', ',')} × |`);
  console.log(`| Mémoire résidente maximale du processus | ${mb(peakRss)} |`);
} finally {
  clearInterval(sampler);
  await knex.destroy();
}
