import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import type { Response } from 'supertest';
import type { TestDatabase } from '../../testing/test-database.js';
import { TestClient, signInFixtures, startFixtureApp, unitWithLead, type Fixtures } from '../../testing/test-app.js';
import type { App } from '../../app.js';
import { QUARTERLY_COUNT, insertAgeCatalogue } from '../../testing/age-catalogue.js';
import { IMPORT_AUDIT_REASON } from './collection-import-service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type LoadInput = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];

/** A small catalogue: a disaggregated quarterly count, a bounded one, a yearly yes/no; an open 2026 campaign and an empty 2025 one. */
async function seedCatalogue(knex: Knex) {
  const age = await insertAgeCatalogue(knex);
  const [map] = await knex('indicators')
    .insert({ ...QUARTERLY_COUNT, code: 'NET_MAP', label: 'Cartographie à jour', value_type: 'boolean', period_type: 'year', time_aggregation: 'last', sort_order: 3, required: false })
    .returning('id');
  const [campaign] = await knex('campaigns').insert({ year: 2026, label: 'Campagne 2026', status: 'open' }).returning('id');
  await knex('campaign_periods').insert([
    { campaign_id: campaign.id, period: '2026-Q1', opens_on: '2026-01-01', due_on: '2099-04-30' },
    { campaign_id: campaign.id, period: '2026-Q2', opens_on: '2026-04-01', due_on: '2099-07-30' },
    { campaign_id: campaign.id, period: '2026', opens_on: '2026-01-01', due_on: '2099-02-28' },
  ]);
  await knex('campaigns').insert({ year: 2025, label: 'Campagne 2025', status: 'closed' });
  return { ...age, map: map.id as number };
}

describe('collection campaign as a file: Excel template and import', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let cat: Awaited<ReturnType<typeof seedCatalogue>>;
  let admin: TestClient;
  let finance: TestClient;
  let unitCount = 0;

  const templateUrl = (unitId: number, year = 2026) => `/api/units/${unitId}/campaigns/${year}/template.xlsx`;
  const importUrl = (unitId: number, dryRun: boolean, year = 2026) => `/api/units/${unitId}/campaigns/${year}/import?dryRun=${dryRun}`;
  const form = (unitId: number, period: string) => `/api/units/${unitId}/forms/${period}`;

  /** A unit of its own and its signed-in lead, so that each spec starts from nothing whatever the order. */
  async function freshUnit(): Promise<{ unitId: number; code: string; name: string; lead: TestClient }> {
    return unitWithLead(db.knex, app.app, admin, 'I', ++unitCount);
  }


  const upload = (client: TestClient, url: string, bytes: Buffer | string, type = XLSX): Promise<Response> => client.upload(url, bytes, type);

  /** The unit's template, edited as a user would in a spreadsheet, as bytes. */
  async function filledTemplate(client: TestClient, unitId: number, edit: (sheets: { quarters: ExcelJS.Worksheet; year: ExcelJS.Worksheet }) => void): Promise<Buffer> {
    const res = await client.download(templateUrl(unitId));
    expect(res.status).withContext(res.body.toString().slice(0, 200)).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as LoadInput);
    edit({ quarters: workbook.getWorksheet('Trimestres')!, year: workbook.getWorksheet('Année')! });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** Rows the import could touch, counted for a unit: values, submissions, and the whole audit log. */
  async function counts(unitId: number) {
    const values = await db.knex('indicator_values as v').join('submissions as s', 's.id', 'v.submission_id').where('s.unit_id', unitId).count({ n: '*' }).first();
    const submissions = await db.knex('submissions').where({ unit_id: unitId }).count({ n: '*' }).first();
    const audit = await db.knex('audit_log').count({ n: '*' }).first();
    return { values: Number(values!.n), submissions: Number(submissions!.n), audit: Number(audit!.n) };
  }

  async function storedValues(unitId: number) {
    const rows = await db.knex('indicator_values as v')
      .join('submissions as s', 's.id', 'v.submission_id')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .leftJoin('dimension_options as o', 'o.id', 'v.option_id')
      .where('s.unit_id', unitId)
      .select('s.period', 'i.code', 'o.code as option', 'v.value_num');
    return Object.fromEntries(rows.map((r) => [`${r.code}|${r.option ?? ''}|${r.period}`, r.value_num === null ? null : Number(r.value_num)]));
  }

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    cat = await seedCatalogue(db.knex);
    ({ admin, finance } = await signInFixtures(app.app, fx, 'admin', 'finance'));
  });
  afterAll(() => db.drop());

  it('serves the template to the admin and to the unit’s lead only, as an attachment named after the unit and year', async () => {
    const { unitId, code, lead } = await freshUnit();
    const other = await freshUnit();
    const res = await lead.download(templateUrl(unitId));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(`attachment; filename=saisie-${code}-2026.xlsx`);
    expect(res.body.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect((await admin.download(templateUrl(unitId))).status).toBe(200);

    const outOfScope = await other.lead.get(templateUrl(unitId));
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.error.message).toBe('Ce centre ne fait pas partie de votre périmètre.');
    expect((await finance.get(templateUrl(unitId))).status).toBe(403);
    expect((await new TestClient(app.app).get(templateUrl(unitId))).status).toBe(401);
    const noCampaign = await admin.get(templateUrl(unitId, 2031));
    expect(noCampaign.status).toBe(404);
    expect(noCampaign.body.error.message).toBe('Aucune campagne de collecte pour 2031.');
    expect((await admin.get(templateUrl(999_999))).status).toBe(404);
  });

  it('fills the template with the current values, and gives the same bytes until the data changes', async () => {
    const { unitId, lead } = await freshUnit();
    expect((await lead.send('put', `${form(unitId, '2026-Q2')}/values`, { indicatorId: cat.nw, value: 1234 })).status).toBe(200);
    const first = await lead.download(templateUrl(unitId));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(first.body as unknown as LoadInput);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Mode d’emploi', 'Trimestres', 'Année', 'Métadonnées']);
    const quarters = workbook.getWorksheet('Trimestres')!;
    expect(quarters.getRow(1).values).toEqual([, 'Code indicateur', 'Code modalité', 'Libellé', 'Définition', 'Unité', 'Saisie attendue', 'T1 2026', 'T2 2026']);
    expect([1, 2, 3].map((c) => quarters.getCell(5, c).value)).toEqual(['ACT_NEW', null, 'Nouveaux patients']);
    expect(quarters.getCell('H5').value).toBe(1234);
    expect(quarters.getCell('H5').dataValidation.formulae).toEqual([0, 5000]);

    const again = await lead.download(templateUrl(unitId));
    expect(again.body.equals(first.body)).withContext('same data, same bytes').toBeTrue();
    expect((await lead.send('put', `${form(unitId, '2026-Q2')}/values`, { indicatorId: cat.nw, value: 1235, version: 1 })).status).toBe(200);
    expect((await lead.download(templateUrl(unitId))).body.equals(first.body)).toBeFalse();
  });

  it('dry run: lists the changes (old → new) and writes nothing', async () => {
    const { unitId, lead } = await freshUnit();
    expect((await lead.send('put', `${form(unitId, '2026-Q1')}/values`, { indicatorId: cat.nw, value: 80 })).status).toBe(200);
    const file = await filledTemplate(lead, unitId, ({ quarters, year }) => {
      quarters.getCell('G3').value = 20;
      quarters.getCell('G4').value = '1 180';
      quarters.getCell('G5').value = 90;
      year.getCell('G3').value = 'oui';
    });
    const before = await counts(unitId);
    const res = await upload(lead, importUrl(unitId, true), file);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      dryRun: true,
      changes: [
        { period: '2026-Q1', indicatorCode: 'ACT_FA', optionCode: 'mineur', label: 'File active — Mineurs', before: null, after: 20 },
        { period: '2026-Q1', indicatorCode: 'ACT_FA', optionCode: 'adulte', label: 'File active — Adultes', before: null, after: 1180 },
        { period: '2026-Q1', indicatorCode: 'ACT_NEW', optionCode: null, label: 'Nouveaux patients', before: 80, after: 90 },
        { period: '2026', indicatorCode: 'NET_MAP', optionCode: null, label: 'Cartographie à jour', before: null, after: true },
      ],
      unchanged: 3,
      problems: [],
      applied: false,
    });
    expect(await counts(unitId)).toEqual(before);
    expect(await storedValues(unitId)).toEqual({ 'ACT_NEW||2026-Q1': 80 });
    // The default is a dry run too.
    const token = await lead.csrfToken();
    const implicit = await lead.agent.post(`/api/units/${unitId}/campaigns/2026/import`).set('X-XSRF-TOKEN', token).set('Content-Type', XLSX).send(file);
    expect([implicit.status, implicit.body.dryRun, implicit.body.applied]).toEqual([200, true, false]);
    expect(await counts(unitId)).toEqual(before);
  });

  it('confirm: writes every change in one transaction, each value audited like a form save, plus one import.applied row', async () => {
    const { unitId, lead } = await freshUnit();
    expect((await lead.send('put', `${form(unitId, '2026-Q1')}/values`, { indicatorId: cat.nw, value: 80 })).status).toBe(200);
    const file = await filledTemplate(lead, unitId, ({ quarters }) => {
      quarters.getCell('G3').value = 20;
      quarters.getCell('G4').value = 1180;
      quarters.getCell('G5').value = 90;
      quarters.getCell('H5').value = '1 234';
    });
    const before = await counts(unitId);
    const res = await upload(lead, importUrl(unitId, false), file);
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect([res.body.dryRun, res.body.applied, res.body.changes.length, res.body.problems]).toEqual([false, true, 4, []]);
    expect(await storedValues(unitId)).toEqual({ 'ACT_NEW||2026-Q1': 90, 'ACT_FA|mineur|2026-Q1': 20, 'ACT_FA|adulte|2026-Q1': 1180, 'ACT_NEW||2026-Q2': 1234 });
    const after = await counts(unitId);
    expect(after.values).toBe(before.values + 3);
    expect(after.submissions).toBe(before.submissions + 1);
    expect(after.audit).toBe(before.audit + 5);

    const audit = await db.knex('audit_log').orderBy('id', 'desc').limit(5).select('action', 'reason', 'entity_type', 'entity_id', 'after', 'actor_email');
    const last = audit[0];
    expect([last.action, last.entity_type, last.entity_id]).toEqual(['import.applied', 'unit', String(unitId)]);
    const summary = typeof last.after === 'string' ? JSON.parse(last.after) : last.after;
    expect(summary).toEqual({ year: 2026, format: 'xlsx', changes: 4, unchanged: 3, periods: ['2026-Q1', '2026-Q2'] });
    expect(audit.slice(1).map((a) => [a.action, a.reason]).sort()).toEqual([
      ['value.created', IMPORT_AUDIT_REASON],
      ['value.created', IMPORT_AUDIT_REASON],
      ['value.created', IMPORT_AUDIT_REASON],
      ['value.updated', IMPORT_AUDIT_REASON],
    ]);

    // The value's history shows the import like any save.
    const q1 = (await lead.get(form(unitId, '2026-Q1'))).body;
    const nw = q1.values.find((v: { indicatorId: number }) => v.indicatorId === cat.nw);
    const history = await lead.get(`${form(unitId, '2026-Q1')}/values/${nw.id}/history`);
    expect(history.body.map((h: { action: string; before: number; after: number; reason: string | null }) => [h.action, h.before, h.after, h.reason])).toEqual([
      ['value.created', null, 80, null],
      ['value.updated', 80, 90, IMPORT_AUDIT_REASON],
    ]);

    // Importing the same file again changes nothing.
    const again = await upload(lead, importUrl(unitId, true), file);
    expect([again.body.changes, again.body.unchanged]).toEqual([[], 7]);
  });

  it('a file with one bad row writes nothing: 422 with the problems located by sheet, row and column', async () => {
    const { unitId, lead } = await freshUnit();
    const file = await filledTemplate(lead, unitId, ({ quarters, year }) => {
      quarters.getCell('G3').value = 20;
      quarters.getCell('G4').value = 2.5;
      quarters.getCell('H5').value = 6000;
      year.getCell('G3').value = 'peut-être';
    });
    const before = await counts(unitId);
    const dry = await upload(lead, importUrl(unitId, true), file);
    expect(dry.status).toBe(200);
    expect(dry.body.changes.length).toBe(1);
    expect(dry.body.problems).toEqual([
      { location: 'Feuille Trimestres, ligne 4, colonne G', message: 'File active — Adultes : Nombre entier attendu.' },
      { location: 'Feuille Trimestres, ligne 5, colonne H', message: 'Nouveaux patients : La valeur doit être au plus 5\u00A0000.' },
      { location: 'Feuille Année, ligne 3, colonne G', message: 'Cartographie à jour : Réponse attendue : oui ou non.' },
    ]);

    const res = await upload(lead, importUrl(unitId, false), file);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe('Le fichier contient 3 problèmes : rien n’a été importé. Corrigez-le puis vérifiez-le de nouveau.');
    expect(res.body.error.fields).toEqual(dry.body.problems.map((p: { location: string; message: string }) => ({ path: p.location, message: p.message })));
    expect(await counts(unitId)).toEqual(before);
  });

  it('refuses a file of another unit or another year (422), and a unit lead importing into another unit (403)', async () => {
    const a = await freshUnit();
    const b = await freshUnit();
    const fileOfA = await filledTemplate(a.lead, a.unitId, ({ quarters }) => (quarters.getCell('G3').value = 5));
    const beforeB = await counts(b.unitId);

    const wrongUnit = await upload(admin, importUrl(b.unitId, false), fileOfA);
    expect(wrongUnit.status).toBe(422);
    expect(wrongUnit.body.error.message).toBe(`Ce fichier est celui du centre ${a.code}, pas de ${b.name} (${b.code}) : téléchargez le modèle de ce centre.`);
    const wrongYear = await upload(admin, importUrl(a.unitId, true, 2025), fileOfA);
    expect(wrongYear.status).toBe(422);
    expect(wrongYear.body.error.message).toBe('Ce fichier est celui de la campagne 2026, pas de la campagne 2025 : téléchargez le modèle de 2025.');

    const intruder = await upload(a.lead, importUrl(b.unitId, false), fileOfA);
    expect(intruder.status).toBe(403);
    expect(intruder.body.error.message).toBe('Ce centre ne fait pas partie de votre périmètre.');
    const csvIntruder = await upload(a.lead, importUrl(b.unitId, false), 'indicateur;modalite;periode;valeur\nACT_NEW;;2026-Q1;3\n', 'text/csv');
    expect(csvIntruder.status).toBe(403);
    expect((await upload(finance, importUrl(a.unitId, true), fileOfA)).status).toBe(403);
    expect(await counts(b.unitId)).toEqual(beforeB);
  });

  it('refuses changes to a submitted period, and shows its column locked in the template', async () => {
    const { unitId, lead } = await freshUnit();
    for (const [indicatorId, optionId, value] of [[cat.fa, cat.minor, 20], [cat.fa, cat.adult, 180], [cat.nw, null, 90]] as const) {
      expect((await lead.send('put', `${form(unitId, '2026-Q1')}/values`, { indicatorId, optionId, value })).status).toBe(200);
    }
    const state = (await lead.get(form(unitId, '2026-Q1'))).body.submission;
    const submitted = await lead.post(`${form(unitId, '2026-Q1')}/submit`, { version: state.version });
    expect(submitted.status).withContext(JSON.stringify(submitted.body)).toBe(200);

    const file = await filledTemplate(lead, unitId, ({ quarters }) => {
      expect(quarters.getCell('G2').value).toBe('Transmise');
      expect(quarters.getCell('G5').protection?.locked).not.toBeFalse();
      expect(quarters.getCell('H5').protection?.locked).toBeFalse();
      quarters.getCell('G5').value = 95;
      quarters.getCell('H5').value = 12;
    });
    const before = await counts(unitId);
    const dry = await upload(lead, importUrl(unitId, true), file);
    expect(dry.body.problems).toEqual([
      {
        location: 'Feuille Trimestres, ligne 5, colonne G',
        message: 'Nouveaux patients (1er trimestre 2026) : La saisie est transmise : elle ne peut plus être modifiée, sauf si la coordination la renvoie.',
      },
    ]);
    // The two Q1 values left as they were, and the three empty cells (Q2 file active, the year).
    expect(dry.body.unchanged).toBe(5);
    const res = await upload(lead, importUrl(unitId, false), file);
    expect(res.status).toBe(422);
    expect(await counts(unitId)).toEqual(before);
    expect((await storedValues(unitId))['ACT_NEW||2026-Q1']).toBe(90);
  });

  it('refuses a value changed in the application after the template was made (no lost update)', async () => {
    const { unitId, lead } = await freshUnit();
    expect((await lead.send('put', `${form(unitId, '2026-Q2')}/values`, { indicatorId: cat.nw, value: 10 })).status).toBe(200);
    const file = await filledTemplate(lead, unitId, ({ quarters }) => (quarters.getCell('H5').value = 11));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await admin.send('put', `${form(unitId, '2026-Q2')}/values`, { indicatorId: cat.nw, value: 12, version: 1 })).status).toBe(200);
    const dry = await upload(lead, importUrl(unitId, true), file);
    expect(dry.body.problems.length).toBe(1);
    expect(dry.body.problems[0].location).toBe('Feuille Trimestres, ligne 5, colonne H');
    expect(dry.body.problems[0].message).toMatch(/^Nouveaux patients : valeur modifiée dans CN2R Pilotage le .* par admin, après la création de ce fichier ; elle vaut maintenant 12\./);
  });

  it('imports a CSV (BOM, French numbers, T for quarters) and checks its periods against the campaign year', async () => {
    const { unitId, lead } = await freshUnit();
    const csv = '\uFEFFindicateur;modalite;periode;valeur\r\nACT_FA;mineur;2026-T2;1 234\r\nACT_FA;Adulte;2026-T2;12\r\nNET_MAP;;2026;non\r\n';
    const ok = await upload(lead, importUrl(unitId, false), csv, 'text/csv; charset=utf-8');
    expect(ok.status).withContext(JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.changes.map((c: { indicatorCode: string; optionCode: string | null; after: unknown }) => [c.indicatorCode, c.optionCode, c.after])).toEqual([
      ['ACT_FA', 'mineur', 1234],
      ['ACT_FA', 'adulte', 12],
      ['NET_MAP', null, false],
    ]);
    expect(await storedValues(unitId)).toEqual({ 'ACT_FA|mineur|2026-Q2': 1234, 'ACT_FA|adulte|2026-Q2': 12, 'NET_MAP||2026': 0 });

    const before = await counts(unitId);
    const bad = ['indicateur;modalite;periode;valeur', 'ACT_NEW;;2025-Q1;3', 'ACT_NEW;;2026-Q1;3,5', 'ACT_XYZ;;2026-Q1;3', 'ACT_FA;;2026-Q1;3', 'ACT_NEW;x;2026-Q1;3', 'ACT_NEW;;2026-Q2;4'].join('\n');
    const refused = await upload(lead, importUrl(unitId, false), bad, 'text/csv');
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual([
      { path: 'Fichier CSV, ligne 2', message: 'La période « 1er trimestre 2025 » ne fait pas partie de la campagne 2026.' },
      { path: 'Fichier CSV, ligne 3', message: 'Nouveaux patients : Nombre entier attendu.' },
      { path: 'Fichier CSV, ligne 4', message: 'Indicateur ACT_XYZ inconnu, ou non collecté pour la période « 1er trimestre 2026 ».' },
      { path: 'Fichier CSV, ligne 5', message: 'Code de modalité manquant pour ACT_FA : mineur, adulte.' },
      { path: 'Fichier CSV, ligne 6', message: 'ACT_NEW n’est pas ventilé : laissez le code de modalité vide.' },
    ]);
    expect(await counts(unitId)).toEqual(before);
  });

  it('answers corrupt, foreign, oversize and mistyped files with a 4xx and a French message, never a 500', async () => {
    const { unitId, lead } = await freshUnit();
    const template = (await lead.download(templateUrl(unitId))).body;
    const before = await counts(unitId);
    const cases: [what: string, body: Buffer | string, type: string, status: number, message: RegExp][] = [
      ['truncated workbook', template.subarray(0, 2000), XLSX, 422, /Le classeur est endommagé ou incomplet/],
      ['PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), XLSX, 415, /ni un classeur Excel \(\.xlsx\) ni un fichier CSV/],
      ['old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2]), XLSX, 415, /Classeur Excel ancien/],
      ['CSV with commas', 'indicateur,modalite,periode,valeur\n', 'text/csv', 422, /séparateur « ; » attendu/],
      ['6 MB file', Buffer.alloc(6 * 1024 * 1024, 0x41), XLSX, 413, /trop volumineux/],
      ['JSON body', JSON.stringify({ fichier: 'x' }), 'application/json', 415, /Content-Type/],
      ['text/plain body', 'bonjour', 'text/plain', 415, /Content-Type/],
    ];
    for (const [what, body, type, status, message] of cases) {
      const res = await upload(lead, importUrl(unitId, false), body, type);
      expect(res.status).withContext(what).toBe(status);
      expect(res.body.error?.message).withContext(what).toMatch(message);
    }
    expect(await counts(unitId)).toEqual(before);
  });

  it('takes files only on upload routes (JSON elsewhere), and documents their request content types', async () => {
    const { unitId, lead } = await freshUnit();
    const token = await lead.csrfToken();
    const csvElsewhere = await lead.agent.put(`${form(unitId, '2026-Q1')}/values`).set('X-XSRF-TOKEN', token).set('Content-Type', 'text/csv').send('a;b');
    expect(csvElsewhere.status).toBe(415);

    const doc = (await admin.get('/api/openapi.json')).body;
    const operation = doc.paths['/api/units/{unitId}/campaigns/{year}/import'].post;
    expect(Object.keys(operation.requestBody.content)).toEqual([XLSX, 'text/csv']);
    expect(Object.keys(operation.responses)).toEqual(jasmine.arrayContaining(['200', '401', '403', '404', '413', '415', '422']));
    expect(operation.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:unitId', 'path:year', 'query:dryRun']);
    const template = doc.paths['/api/units/{unitId}/campaigns/{year}/template.xlsx'].get;
    expect(Object.keys(template.responses['200'].content)).toEqual([XLSX]);
  });
});
