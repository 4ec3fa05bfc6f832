import type { App } from '../../app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { bodyOf, signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../testing/test-app.js';
import { CommuneDirectory, searchKey } from './commune-directory.js';

describe('communes directory (INSEE codes of the care offer)', () => {
  const directory = new CommuneDirectory();

  it('reads a current commune by its code, Corsica and overseas included, and not a delegated commune’s old code', () => {
    expect(directory.find('59350')).toEqual({ code: '59350', name: 'Lille', department: '59', region: 'Hauts-de-France', postalCodes: jasmine.arrayContaining(['59000']) });
    expect(directory.find('2a004')?.name).toBe('Ajaccio');
    expect(directory.find('97209')?.region).toBe('Martinique');
    expect(directory.find('75113')?.name).toBe('Paris 13e Arrondissement');
    // Béon (01039) became a delegated commune of Culoz-Béon: its code names no current commune.
    expect(directory.find('01039')).toBeNull();
    expect(directory.find('99999')).toBeNull();
  });

  it('finds a commune by its name, accents, case, hyphens and « St » ignored, the exact and most populated first', () => {
    expect(searchKey('Saint-Étienne')).toBe(searchKey('st etienne'));
    const found = directory.search('st etienne');
    expect(found[0]).toEqual(jasmine.objectContaining({ name: 'Saint-Étienne', department: '42' }));
    expect(found.length).toBe(10);
    expect(directory.search('paris')[0].code).toBe('75056');
    expect(directory.search('21231').map((c) => c.name)).toEqual(['Dijon']);
    expect(directory.search('x')).toEqual([]);
  });

  describe('over HTTP', () => {
    let db: TestDatabase;
    let app: App;
    let fx: Fixtures;
    let leadA: TestClient;
    let board: TestClient;
    const entry = (fxs: Fixtures, communeInsee: string) => ({
      name: 'Consultation du psychotraumatisme',
      kind: 'specialised_consultation',
      address: '1 place de la Mairie',
      communeInsee,
      commune: 'Dijon',
      latitude: 47.322,
      longitude: 5.041,
      public: 'all',
      care: ['psychotherapy'],
      access: 'referral',
      unitId: fxs.unitA,
      checkedOn: '2031-03-15',
    });

    beforeAll(async () => {
      ({ db, fx, app } = await startFixtureApp());
      ({ leadA, board } = await signInFixtures(app.app, fx, 'leadA', 'board'));
    });
    afterAll(() => db.drop());

    it('answers the form’s search and a code, to those who propose structures only', async () => {
      const found = await bodyOf<{ code: string; name: string }[]>(leadA.get('/api/communes?q=dijon'), 200);
      expect(found[0]).toEqual(jasmine.objectContaining({ code: '21231', name: 'Dijon' }));
      expect((await bodyOf<{ name: string }>(leadA.get('/api/communes/21231'), 200)).name).toBe('Dijon');
      const unknown = await leadA.get('/api/communes/99999');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain('99999');
      expect((await leadA.get('/api/communes?q=d')).status).toBe(422);
      expect((await board.get('/api/communes?q=dijon')).status).toBe(403);
    });

    it('refuses a structure whose INSEE code names no current commune, on creation and correction, and writes nothing', async () => {
      const before = Number((await db.knex('care_offers').count({ n: '*' }))[0].n);
      const refused = await leadA.post('/api/care-offer', entry(fx, '99999'));
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields).toEqual([jasmine.objectContaining({ path: 'communeInsee', message: jasmine.stringContaining('99999') })]);
      expect(Number((await db.knex('care_offers').count({ n: '*' }))[0].n)).toBe(before);

      const created = await bodyOf<{ id: number; version: number }>(leadA.post('/api/care-offer', entry(fx, '21231')));
      const patched = await leadA.patch(`/api/care-offer/${created.id}`, { ...entry(fx, '01039'), version: created.version });
      expect(patched.status).toBe(422);
      expect((await db.knex('care_offers').where({ id: created.id }).first()).commune_insee).toBe('21231');
    });

    it('names the line of an import whose INSEE code names no commune, and imports nothing', async () => {
      const header = 'nom;type;adresse;code_insee;commune;latitude;longitude;public;soins;acces;telephone;site_internet;centre;verifie_le';
      const lines = ['Centre de santé Les Mimosas;health_centre;3 rue des Lilas;21231;Dijon;47,33;5,03;all;evaluation;appointment;;;CRP-A;2031-02-15', 'Consultation inconnue;cump;1 rue X;99999;Nulle-part;47;5;all;emergency;emergency_only;;;CRP-A;2031-01-01'];
      const upload = (dryRun: boolean) => leadA.upload(`/api/care-offer/import?dryRun=${dryRun}`, [header, ...lines].join('\r\n'), 'text/csv');
      const before = Number((await db.knex('care_offers').count({ n: '*' }))[0].n);
      const dry = await bodyOf<{ problems: { line: number; field: string; message: string }[] }>(upload(true), 200);
      expect(dry.problems).toEqual([{ line: 3, field: 'code_insee', message: jasmine.stringContaining('99999') }]);
      expect((await upload(false)).status).toBe(422);
      expect(Number((await db.knex('care_offers').count({ n: '*' }))[0].n)).toBe(before);
    });
  });
});
