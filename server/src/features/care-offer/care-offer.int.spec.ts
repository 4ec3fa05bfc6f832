import request from 'supertest';
import ExcelJS from 'exceljs';
import { CARE_OFFER_IMPORT_TYPES, CARE_OFFER_OPEN_FIELDS, careOfferKindLabels } from '@cn2r/shared';
import { CARE_OFFER_EXPORT_HEADERS } from '@cn2r/reports';
import type { App } from '../../app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { bodyOf, signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../testing/test-app.js';

describe('care-offer registry API', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let leadA: TestClient;
  let leadB: TestClient;
  let finance: TestClient;
  let seq = 0;

  const entry = (overrides: Record<string, unknown> = {}) => ({
    name: `Consultation de psychotraumatologie ${++seq}`,
    kind: 'specialised_consultation',
    address: '12 rue des Tilleuls',
    communeInsee: '21231',
    commune: 'Dijon',
    latitude: 47.322,
    longitude: 5.041,
    public: 'all',
    care: ['psychotherapy', 'evaluation'],
    access: 'referral',
    phone: '03 80 00 00 00',
    website: 'https://exemple.fr',
    unitId: fx.unitA,
    checkedOn: '2031-03-15',
    ...overrides,
  });
  const audits = (id: number) => db.knex('audit_log').where({ entity_type: 'care_offer', entity_id: String(id) }).orderBy('id').pluck('action');

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ admin, leadA, leadB, finance } = await signInFixtures(app.app, fx, 'admin', 'leadA', 'leadB', 'finance'));
  });
  afterAll(() => db.drop());

  it('runs the workflow: a lead proposes, the coordination returns with a message, the lead corrects, the coordination publishes, then withdraws; each step audited', async () => {
    const proposed = await bodyOf(leadA.post('/api/care-offer', entry({ care: ['evaluation', 'psychotherapy', 'evaluation'] })));
    expect(proposed.status).toBe('proposed');
    expect(proposed.care).toEqual(['evaluation', 'psychotherapy']);
    expect(proposed.unitName).toBe('CRP A');
    expect(proposed.region).toBe('Région A');

    const returned = await bodyOf(admin.post(`/api/care-offer/${proposed.id}/return`, { version: proposed.version, message: 'Précisez le téléphone du secrétariat.' }), 200);
    expect([returned.status, returned.returnMessage]).toEqual(['proposed', 'Précisez le téléphone du secrétariat.']);

    const stale = await leadA.patch(`/api/care-offer/${proposed.id}`, { ...entry(), version: proposed.version });
    expect(stale.status).toBe(409);
    const corrected = await bodyOf(leadA.patch(`/api/care-offer/${proposed.id}`, { ...entry({ name: 'Consultation corrigée', phone: '03 80 11 22 33' }), version: returned.version }), 200);
    expect(corrected.name).toBe('Consultation corrigée');

    const published = await bodyOf(admin.post(`/api/care-offer/${proposed.id}/publish`, { version: corrected.version }), 200);
    expect([published.status, published.returnMessage]).toEqual(['published', null]);
    expect(published.publishedAt).not.toBeNull();
    expect((await admin.post(`/api/care-offer/${proposed.id}/publish`, { version: published.version })).status).toBe(409);
    // Published: the lead can no longer change it.
    expect((await leadA.patch(`/api/care-offer/${proposed.id}`, { ...entry(), version: published.version })).status).toBe(409);

    const withdrawn = await bodyOf(admin.post(`/api/care-offer/${proposed.id}/withdraw`, { version: published.version }), 200);
    expect(withdrawn.status).toBe('withdrawn');
    expect(await audits(proposed.id)).toEqual(['care_offer.created', 'care_offer.returned', 'care_offer.updated', 'care_offer.published', 'care_offer.withdrawn']);

    const history = await bodyOf<any[]>(leadA.get(`/api/care-offer/${proposed.id}/history`), 200);
    expect(history.map((h) => h.action)).toEqual(['Proposée', 'Renvoyée au centre', 'Modifiée', 'Publiée', 'Retirée']);
    expect(history[1].message).toBe('Précisez le téléphone du secrétariat.');
    // The correction names the fields it changed; the other events none.
    expect(history.map((h) => h.changes)).toEqual([[], [], ['Nom', 'Téléphone'], [], []]);
    expect(history.map((h) => h.actor)).toEqual(['CN2R', 'CN2R', 'CN2R', 'CN2R', 'CN2R']);
    expect((await bodyOf<any[]>(admin.get(`/api/care-offer/${proposed.id}/history`), 200)).map((h) => h.actor)).toEqual([
      'lead.a@test.local',
      'admin@test.local',
      'lead.a@test.local',
      'admin@test.local',
      'admin@test.local',
    ]);
  });

  it('limits a lead to its own units; only the coordination publishes; the others read published entries only', async () => {
    const outOfScope = await leadA.post('/api/care-offer', entry({ unitId: fx.unitB }));
    expect(outOfScope.status).toBe(403);
    const ofB = await bodyOf(leadB.post('/api/care-offer', entry({ unitId: fx.unitB })));
    expect((await leadA.patch(`/api/care-offer/${ofB.id}`, { ...entry(), version: ofB.version })).status).toBe(404);
    expect((await leadA.get(`/api/care-offer/${ofB.id}`)).status).toBe(404);
    expect((await leadB.post(`/api/care-offer/${ofB.id}/publish`, { version: ofB.version })).status).toBe(403);
    expect((await finance.post('/api/care-offer', entry())).status).toBe(403);
    // Moving its own proposal to another unit is refused too.
    const ofA = await bodyOf(leadA.post('/api/care-offer', entry()));
    expect((await leadA.patch(`/api/care-offer/${ofA.id}`, { ...entry({ unitId: fx.unitB }), version: ofA.version })).status).toBe(403);

    const published = await bodyOf(admin.post(`/api/care-offer/${ofB.id}/publish`, { version: ofB.version }), 200);
    expect((await leadA.patch(`/api/care-offer/${ofB.id}`, { ...entry({ unitId: fx.unitB }), version: published.version })).status).toBe(403);
    const seenByFinance = await bodyOf<any[]>(finance.get('/api/care-offer'), 200);
    expect(seenByFinance.every((e) => e.status === 'published')).toBeTrue();
    expect(seenByFinance.map((e) => e.id)).toContain(ofB.id);
    expect(seenByFinance.map((e) => e.id)).not.toContain(ofA.id);
    const seenByLeadA = (await bodyOf<any[]>(leadA.get('/api/care-offer'), 200)).map((e) => e.id);
    expect(seenByLeadA).toContain(ofA.id);
    expect(seenByLeadA).toContain(ofB.id);
    expect((await bodyOf<any[]>(admin.get(`/api/care-offer?status=proposed&unitId=${fx.unitA}`), 200)).map((e) => e.id)).toContain(ofA.id);
  });

  it('validates every field with a French message naming it', async () => {
    const res = await leadA.post('/api/care-offer', entry({ latitude: 75, communeInsee: '123', care: [], website: 'exemple' }));
    expect(res.status).toBe(422);
    const paths = (res.body.error.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['care', 'communeInsee', 'latitude', 'website']);
    // Overseas: Fort-de-France.
    const mq = await leadA.post('/api/care-offer', entry({ communeInsee: '97209', commune: 'Fort-de-France', latitude: 14.6037, longitude: -61.0731 }));
    expect(mq.status).toBe(201);
  });

  it('filters by kind, public, care, region and status', async () => {
    const cump = await bodyOf(leadB.post('/api/care-offer', entry({ unitId: fx.unitB, kind: 'cump', public: 'minors', care: ['emergency'] })));
    await bodyOf(admin.post(`/api/care-offer/${cump.id}/publish`, { version: cump.version }), 200);
    const list = async (q: string) => bodyOf<any[]>(admin.get(`/api/care-offer?${q}`), 200);
    const cumps = await list('kind=cump');
    expect(cumps.map((e) => e.id)).toContain(cump.id);
    expect(cumps.every((e) => e.kind === 'cump')).toBeTrue();
    const emergency = await list('care=emergency');
    expect(emergency.map((e) => e.id)).toContain(cump.id);
    expect(emergency.every((e) => e.care.includes('emergency'))).toBeTrue();
    const narrow = await list('kind=cump,victim_association&public=minors&region=R%C3%A9gion%20B&status=published');
    expect(narrow.map((e) => e.id)).toContain(cump.id);
    expect(narrow.every((e) => ['cump', 'victim_association'].includes(e.kind) && ['minors', 'all'].includes(e.public) && e.region === 'Région B' && e.status === 'published')).toBeTrue();
    expect((await list('kind=cump&region=R%C3%A9gion%20A')).map((e) => e.id)).not.toContain(cump.id);
    // « Adultes » includes the structures for every public.
    expect((await list('public=adults')).every((e) => e.public === 'adults' || e.public === 'all')).toBeTrue();
    expect((await admin.get('/api/care-offer?kind=hopital')).status).toBe(422);
  });

  it('exports exactly the published entries, public fields only, without sign-in (GeoJSON and CSV)', async () => {
    const toPublish = await bodyOf(leadA.post('/api/care-offer', entry({ name: 'Association « Parole; libre »', kind: 'victim_association' })));
    await bodyOf(admin.post(`/api/care-offer/${toPublish.id}/publish`, { version: toPublish.version }), 200);
    await bodyOf(leadA.post('/api/care-offer', entry({ name: 'Proposition non publiée' })));
    const published: number = (await db.knex('care_offers').where({ status: 'published' }).count<{ n: string }[]>('* as n'))[0].n as unknown as number;
    const names: string[] = await db.knex('care_offers').where({ status: 'published' }).orderBy('name').pluck('name');
    expect(Number(published)).toBeGreaterThan(0);
    expect(await db.knex('care_offers').whereNot({ status: 'published' }).count('* as n').then((r) => Number(r[0].n))).toBeGreaterThan(0);

    const geo = await request(app.app).get('/api/open-data/care-offer.geojson');
    expect(geo.status).toBe(200);
    expect(geo.headers['content-type']).toContain('application/geo+json');
    expect(geo.headers['content-disposition']).toBe('attachment; filename=offre-de-soins-psychotraumatisme-cn2r.geojson');
    const collection = JSON.parse(geo.text);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.metadata.licence).toContain('Licence Ouverte');
    expect(collection.metadata.exportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(collection.features.length).toBe(Number(published));
    expect(collection.features.map((f: any) => f.properties.nom).sort()).toEqual([...names].sort());
    for (const f of collection.features) {
      expect(Object.keys(f.properties)).toEqual([...CARE_OFFER_OPEN_FIELDS]);
      expect(Object.keys(f).sort()).toEqual(['geometry', 'properties', 'type']);
      expect(f.geometry.coordinates.every((c: unknown) => typeof c === 'number')).toBeTrue();
    }

    const csv = await request(app.app).get('/api/open-data/care-offer.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename=offre-de-soins-psychotraumatisme-cn2r.csv');
    expect(csv.headers['link']).toContain('rel="license"');
    const lines = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0].split(';')).toEqual([...CARE_OFFER_OPEN_FIELDS]);
    expect(lines.length - 1).toBe(Number(published));
    expect(csv.text).not.toMatch(/proposed|published|withdrawn|@test\.local|Proposition non publiée/);
    expect(csv.text).toContain('"Association « Parole; libre »"');
  });

  it('computes the indicator « structures référencées » of a year from the registry: published entries checked that year, in the key figures and the mapping result', async () => {
    const indicator = await admin.post('/api/indicators', {
      code: 'NET_REF',
      label: 'Structures référencées',
      definition: 'Structures publiées dans le registre de l’offre de soins, vérifiées dans l’année.',
      domain: 'cartographie',
      valueType: 'count',
      periodType: 'year',
      timeAggregation: 'last',
      unitAggregation: 'sum',
      expectedResult: 'mapping',
      activeFrom: '2020-01-01',
    });
    expect(indicator.status).withContext(JSON.stringify(indicator.body)).toBe(201);
    const publish = async (overrides: Record<string, unknown>, client = leadA) => {
      const e = await bodyOf(client.post('/api/care-offer', entry({ checkedOn: '2032-05-02', ...overrides })));
      return bodyOf(admin.post(`/api/care-offer/${e.id}/publish`, { version: e.version }), 200);
    };
    await publish({ kind: 'cump' });
    await publish({ kind: 'victim_association' });
    await publish({ kind: 'cump', unitId: fx.unitB }, leadB);
    await publish({ checkedOn: '2033-01-10' }); // another year
    await bodyOf(leadA.post('/api/care-offer', entry({ checkedOn: '2032-06-01' }))); // a proposal: not counted
    const withdrawn = await publish({});
    await bodyOf(admin.post(`/api/care-offer/${withdrawn.id}/withdraw`, { version: withdrawn.version }), 200);

    const registryCount = Number((await db.knex('care_offers').where({ status: 'published' }).whereBetween('checked_on', ['2032-01-01', '2032-12-31']).count('* as n'))[0].n);
    expect(registryCount).toBe(3);
    const report = await bodyOf(admin.get('/api/reports/2032/activity'), 200);
    const keyFigure = report.keyFigures.find((f: any) => f.code === 'NET_REF');
    expect(keyFigure.n).toBe(registryCount);
    const mapping = report.expectedResults.find((r: any) => r.key === 'mapping');
    expect(mapping.indicators.find((i: any) => i.code === 'NET_REF').actual).toBe(registryCount);
    expect(mapping.careOffer.total).toBe(registryCount);
    expect(mapping.careOffer.byKind).toEqual([
      { label: 'Cellule d’urgence médico-psychologique (CUMP)', count: 2 },
      { label: 'Association d’aide aux victimes', count: 1 },
    ]);
    expect(mapping.careOffer.byRegion).toEqual([
      { region: 'Région A', count: 2 },
      { region: 'Région B', count: 1 },
    ]);
    expect(mapping.careOffer.openDataUrl).toMatch(/\/api\/open-data\/care-offer\.geojson$/);
  });

  it('imports a CSV: a dry run lists the lines and their problems; with a problem nothing is recorded; without, every line becomes a proposal (audited)', async () => {
    const header = 'nom;type;adresse;code_insee;commune;latitude;longitude;public;soins;acces;telephone;site_internet;centre;verifie_le';
    const good = [
      'Centre de santé Les Mimosas;Centre de santé;3 rue des Lilas;21231;Dijon;47,33;5,03;Tous publics;Évaluation, Écoute et orientation;Sur rendez-vous;03 80 12 12 12;;CRP-A;15/02/2031',
      '"Association « Le Fil; » d’aide";victim_association;1 place Darcy;21231;Dijon;47.32;5.04;adults;social_legal_support;free;;https://le-fil.example.org;CRP A;2031-03-01',
    ];
    const bad = ['Sans position;cump;1 rue X;21231;Dijon;;5,0;all;emergency;emergency_only;;;CRP-A;2031-01-01', 'Hors périmètre;cump;1 rue Y;21231;Dijon;47;5;all;emergency;emergency_only;;;CRP-B;2031-01-01'];
    const upload = (lines: string[], dryRun: boolean) => leadA.upload(`/api/care-offer/import?dryRun=${dryRun}`, '\uFEFF' + [header, ...lines].join('\r\n'), 'text/csv');
    const before = Number((await db.knex('care_offers').count('* as n'))[0].n);

    const dry = await bodyOf(upload([...good, ...bad], true), 200);
    expect(dry.saved).toBeFalse();
    expect(dry.lines.map((l: any) => [l.line, l.name])).toEqual([[2, 'Centre de santé Les Mimosas'], [3, 'Association « Le Fil; » d’aide']]);
    expect(dry.problems.map((p: any) => [p.line, p.field])).toEqual([[4, 'latitude'], [5, 'centre']]);

    const refused = await upload([...good, ...bad], false);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('2 lignes en erreur : rien n’a été importé.');
    expect(Number((await db.knex('care_offers').count('* as n'))[0].n)).toBe(before);

    const saved = await bodyOf(upload(good, false), 200);
    expect(saved.saved).toBeTrue();
    const imported = await db.knex('care_offers').where('id', '>', 0).whereIn('name', ['Centre de santé Les Mimosas', 'Association « Le Fil; » d’aide']).orderBy('id');
    expect(imported.map((r) => [r.status, r.kind, r.public, r.care, String(r.checked_on).slice(0, 10)])).toEqual([
      ['proposed', 'health_centre', 'all', 'evaluation,orientation', '2031-02-15'],
      ['proposed', 'victim_association', 'adults', 'social_legal_support', '2031-03-01'],
    ]);
    expect(await audits(imported[0].id)).toEqual(['care_offer.imported']);
    expect((await finance.upload('/api/care-offer/import?dryRun=true', header, 'text/csv')).status).toBe(403);
  });

  // ---- Excel import, registry export, template ----

  const XLSX = CARE_OFFER_IMPORT_TYPES[0];
  type LoadInput = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];
  const load = async (bytes: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as LoadInput);
    return workbook;
  };
  const count = async () => Number((await db.knex('care_offers').count('* as n'))[0].n);
  const auditCount = async () => Number((await db.knex('audit_log').count('* as n'))[0].n);

  /** The downloaded template, filled as a user would in a spreadsheet (rows by their number). */
  async function filledTemplate(rows: Record<number, ExcelJS.CellValue[]>): Promise<Buffer> {
    const res = await leadA.download('/api/care-offer/import-template.xlsx');
    expect(res.status).toBe(200);
    const workbook = await load(res.body);
    const sheet = workbook.getWorksheet('Structures')!;
    for (const [row, values] of Object.entries(rows)) values.forEach((v, i) => (sheet.getRow(Number(row)).getCell(i + 1).value = v));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
  const goodRow = (name: string, centre = 'CRP-A'): ExcelJS.CellValue[] => [
    name,
    'Centre de santé',
    '5 rue des Forges',
    1053, // typed as a number: the spreadsheet dropped the leading zero of 01053
    'Bourg-en-Bresse',
    46.2052,
    5.2255,
    'Tous publics',
    'Évaluation, Psychothérapie du psychotraumatisme',
    'Sur rendez-vous',
    '04 74 00 00 00',
    { text: 'https://exemple.org', hyperlink: 'https://exemple.org' },
    centre,
    new Date(Date.UTC(2031, 4, 20)),
  ];

  it('the template: headers in French on « Structures », the allowed values of every list on a second sheet', async () => {
    const res = await leadA.download('/api/care-offer/import-template.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe('attachment; filename=modele-import-offre-de-soins.xlsx');
    const workbook = await load(res.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Structures', 'Valeurs autorisées']);
    expect((workbook.getWorksheet('Structures')!.getRow(1).values as unknown[]).slice(1)).toEqual(CARE_OFFER_EXPORT_HEADERS.slice(0, 14) as unknown[]);
    const values = workbook.getWorksheet('Valeurs autorisées')!;
    const texts: string[] = [];
    values.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    for (const label of Object.values(careOfferKindLabels)) expect(texts).toContain(label);
    expect(texts).toContain('Activée en cas d’événement');
    expect(texts).toContain('emergency_only');
    expect((await finance.download('/api/care-offer/import-template.xlsx')).status).toBe(403);
  });

  it('imports a workbook: a dry run locates each problem at its row as the spreadsheet numbers it; with one, nothing is written; without, every row becomes a proposal', async () => {
    const bad = goodRow('Hors périmètre', 'CRP-B');
    const noLatitude = goodRow('Sans latitude');
    noLatitude[5] = null;
    // Row 3 left empty, as a user leaves a gap: it is skipped, the numbering stays the sheet's.
    const file = await filledTemplate({ 2: goodRow('Maison de santé des Forges'), 4: noLatitude, 5: bad, 6: goodRow('Cabinet du Mail') });
    const before = [await count(), await auditCount()];

    const dry = await bodyOf(leadA.upload('/api/care-offer/import?dryRun=true', file, XLSX), 200);
    expect(dry.saved).toBeFalse();
    expect(dry.lines.map((l: any) => [l.line, l.name])).toEqual([[2, 'Maison de santé des Forges'], [6, 'Cabinet du Mail']]);
    expect(dry.problems.map((p: any) => [p.line, p.field])).toEqual([[4, 'latitude'], [5, 'centre']]);

    const refused = await leadA.upload('/api/care-offer/import?dryRun=false', file, XLSX);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('2 lignes en erreur : rien n’a été importé.');
    expect(refused.body.error.fields.map((f: any) => f.path)).toEqual(['ligne 4 : latitude', 'ligne 5 : centre']);
    expect([await count(), await auditCount()]).toEqual(before);

    const good = await filledTemplate({ 2: goodRow('Maison de santé des Forges'), 4: goodRow('Cabinet du Mail') });
    const saved = await bodyOf(leadA.upload('/api/care-offer/import?dryRun=false', good, XLSX), 200);
    expect(saved.saved).toBeTrue();
    expect(saved.lines.map((l: any) => l.line)).toEqual([2, 4]);
    const rows = await db.knex('care_offers').whereIn('name', ['Maison de santé des Forges', 'Cabinet du Mail']).orderBy('id');
    expect(rows.map((r) => [r.name, r.status, r.kind, r.commune_insee, Number(r.latitude), r.care, r.access, r.website, r.unit_id, String(r.checked_on).slice(0, 10)])).toEqual([
      ['Maison de santé des Forges', 'proposed', 'health_centre', '01053', 46.2052, 'evaluation,psychotherapy', 'appointment', 'https://exemple.org', fx.unitA, '2031-05-20'],
      ['Cabinet du Mail', 'proposed', 'health_centre', '01053', 46.2052, 'evaluation,psychotherapy', 'appointment', 'https://exemple.org', fx.unitA, '2031-05-20'],
    ]);
    expect(await audits(rows[0].id)).toEqual(['care_offer.imported']);
  });

  it('refuses a file that is no workbook nor CSV, a damaged workbook, and one with too many rows, before reading a line', async () => {
    const before = await count();
    const xls = await leadA.upload('/api/care-offer/import?dryRun=true', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2]), XLSX);
    expect([xls.status, xls.body.error.message]).toEqual([415, 'Classeur Excel ancien (.xls) : enregistrez-le au format .xlsx, ou en CSV UTF-8.']);
    const template = (await leadA.download('/api/care-offer/import-template.xlsx')).body;
    const damaged = await leadA.upload('/api/care-offer/import?dryRun=true', template.subarray(0, 2000), XLSX);
    expect(damaged.status).toBe(415);
    expect(damaged.body.error.message).toMatch(/Classeur Excel illisible/);
    const rows: Record<number, ExcelJS.CellValue[]> = {};
    for (let r = 2; r <= 2_002; r++) rows[r] = [`Structure ${r}`];
    const tooMany = await leadA.upload('/api/care-offer/import?dryRun=true', await filledTemplate(rows), XLSX);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.message).toMatch(/2000 lignes au plus/);
    expect(await count()).toBe(before);
  });

  it('exports the registry in Excel and CSV: the coordination every status, a lead the published entries and its centres’, with French headers, dates as dates; the export comes back in', async () => {
    const proposedA = await bodyOf(leadA.post('/api/care-offer', entry({ name: 'Export proposée A' })));
    const proposedB = await bodyOf(leadB.post('/api/care-offer', entry({ name: 'Export proposée B', unitId: fx.unitB })));
    const toPublish = await bodyOf(leadB.post('/api/care-offer', entry({ name: 'Export publiée B', unitId: fx.unitB, communeInsee: '2A004', commune: 'Ajaccio', latitude: 41.9192, longitude: 8.7386 })));
    const publishedB = await bodyOf(admin.post(`/api/care-offer/${toPublish.id}/publish`, { version: toPublish.version }), 200);
    const toWithdraw = await bodyOf(leadB.post('/api/care-offer', entry({ name: 'Export retirée B', unitId: fx.unitB })));
    await bodyOf(admin.post(`/api/care-offer/${toWithdraw.id}/withdraw`, { version: toWithdraw.version }), 200);

    const sheetOf = async (client: TestClient, query = '') => {
      const res = await client.download(`/api/care-offer/export.xlsx${query}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename=registre-offre-de-soins-\d{4}-\d{2}-\d{2}\.xlsx$/);
      return (await load(res.body)).getWorksheet('Structures')!;
    };
    const namesOf = (sheet: ExcelJS.Worksheet) => {
      const names: string[] = [];
      sheet.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
      return names;
    };
    const exportNames = ['Export proposée A', 'Export proposée B', 'Export publiée B', 'Export retirée B'];

    const all = await sheetOf(admin);
    expect((all.getRow(1).values as unknown[]).slice(1)).toEqual([...CARE_OFFER_EXPORT_HEADERS]);
    expect(all.getRow(1).getCell(1).font.bold).toBeTrue();
    expect(all.getColumn(1).width).toBeGreaterThan(20);
    expect(namesOf(all).filter((n) => exportNames.includes(n)).sort()).toEqual([...exportNames].sort());
    expect(namesOf(all).length).toBe(await count());
    const rowOf = (sheet: ExcelJS.Worksheet, name: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => (row.getCell(1).value === name ? (found = row) : undefined));
      return found!;
    };
    const cell = (row: ExcelJS.Row, header: string) => row.getCell(CARE_OFFER_EXPORT_HEADERS.indexOf(header) + 1);
    const published = rowOf(all, 'Export publiée B');
    expect(cell(published, 'Statut').value).toBe('Publiée');
    expect(cell(published, 'Code INSEE').value).toBe('2A004');
    expect(cell(published, 'Latitude').value).toBe(41.9192);
    expect(cell(published, 'Vérifié le').value).toEqual(new Date(Date.UTC(2031, 2, 15)));
    expect(cell(published, 'Vérifié le').numFmt).toBe('dd/mm/yyyy');
    expect(cell(published, 'Publiée le').value).toBeInstanceOf(Date);
    expect(cell(published, 'Centre').value).toBe('CRP B');
    expect(cell(rowOf(all, 'Export retirée B'), 'Statut').value).toBe('Retirée');

    const ofLeadA = namesOf(await sheetOf(leadA));
    expect(ofLeadA).toContain('Export proposée A');
    expect(ofLeadA).toContain('Export publiée B');
    expect(ofLeadA).not.toContain('Export proposée B');
    expect(ofLeadA).not.toContain('Export retirée B');
    const ofFinance = namesOf(await sheetOf(finance));
    expect(ofFinance).toEqual(namesOf(await sheetOf(admin, '?status=published')));
    expect(ofFinance).not.toContain('Export proposée A');
    // The list's filters apply.
    expect(namesOf(await sheetOf(admin, `?unitId=${fx.unitB}&status=proposed`))).toContain('Export proposée B');
    expect(namesOf(await sheetOf(admin, `?unitId=${fx.unitB}&status=proposed`))).not.toContain('Export publiée B');

    const csv = await leadA.download('/api/care-offer/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename=registre-offre-de-soins-\d{4}-\d{2}-\d{2}\.csv$/);
    const text: string = csv.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBeTrue();
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0].split(';')).toEqual([...CARE_OFFER_EXPORT_HEADERS]);
    expect(lines.length - 1).toBe(ofLeadA.length);
    const csvPublished = lines.find((l) => l.startsWith('Export publiée B;'))!.split(';');
    expect(csvPublished[CARE_OFFER_EXPORT_HEADERS.indexOf('Latitude')]).toBe('41,9192');
    expect(csvPublished[CARE_OFFER_EXPORT_HEADERS.indexOf('Vérifié le')]).toBe('15/03/2031');
    expect(csvPublished[CARE_OFFER_EXPORT_HEADERS.indexOf('Statut')]).toBe('Publiée');
    expect(text).not.toContain('Export proposée B');

    // Back in: the coordination's export of one centre's proposals, checked without a problem.
    const again = await admin.download(`/api/care-offer/export.xlsx?unitId=${fx.unitA}&status=proposed`);
    const dry = await bodyOf(admin.upload('/api/care-offer/import?dryRun=true', again.body, XLSX), 200);
    expect(dry.problems).toEqual([]);
    expect(dry.lines.map((l: any) => l.name)).toContain(proposedA.name);
    const csvAgain = await admin.download(`/api/care-offer/export.csv?unitId=${fx.unitA}&status=proposed`);
    expect((await bodyOf(admin.upload('/api/care-offer/import?dryRun=true', csvAgain.body, 'text/csv'), 200)).problems).toEqual([]);
    expect([proposedB.status, publishedB.status]).toEqual(['proposed', 'published']);
  });
});
