import request from 'supertest';
import { CARE_OFFER_OPEN_FIELDS } from '@cn2r/shared';
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
});
