import { CreateCareOffer } from '@cn2r/shared';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database.js';
import { buildTestServices } from '../../server/src/testing/test-app.js';
import { systemActor } from '../../server/src/features/auth/actor.js';
import { CommuneDirectory } from '../../server/src/features/care-offer/commune-directory.js';
import { seedCareOfferDemo } from './care-offer-demo.js';
import { seedDemo } from './demo.js';

const TODAY = '2026-11-23';

describe('care-offer demo seed', () => {
  let db: TestDatabase;
  const communes = new CommuneDirectory();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.knex, async () => 'not-a-real-hash', { today: TODAY });
  });
  afterAll(() => db.drop());

  it('references eight structures per centre, 76 published and 4 proposed (one returned), with current INSEE codes, checked this year up to today, and does nothing the second time', async () => {
    const rows = await db.knex('care_offers as c').join('units as u', 'u.id', 'c.unit_id').select('c.*', 'u.code', 'u.region');
    expect(rows.length).toBe(80);
    expect(rows.filter((r) => r.status === 'published').length).toBe(76);
    expect(rows.filter((r) => r.status === 'proposed').length).toBe(4);
    expect(rows.filter((r) => r.return_message !== null).length).toBe(1);
    expect(new Set(rows.map((r) => r.region)).size).toBe(9);
    for (const r of rows) {
      const checkedOn = String(r.checked_on).slice(0, 10);
      expect(checkedOn >= '2026-01-01' && checkedOn <= TODAY).withContext(`${r.name} ${checkedOn}`).toBeTrue();
      // Every row would pass the form's validation.
      const parsed = CreateCareOffer.safeParse({
        name: r.name, kind: r.kind, address: r.address, communeInsee: r.commune_insee, commune: r.commune, latitude: Number(r.latitude), longitude: Number(r.longitude),
        public: r.public, care: r.care.split(','), access: r.access, phone: r.phone, website: r.website, unitId: r.unit_id, checkedOn,
      });
      expect(parsed.success).withContext(`${r.name}: ${parsed.error?.message}`).toBeTrue();
      expect(communes.find(r.commune_insee)?.name).withContext(r.commune_insee).toBe(r.commune === 'Paris' ? 'Paris' : r.commune);
    }
    const martinique = rows.filter((r) => r.code === 'CRP-MQ');
    expect(martinique.every((r) => Number(r.latitude) > 14 && Number(r.latitude) < 15 && Number(r.longitude) < -60)).toBeTrue();
    expect(await seedCareOfferDemo(db.knex, { today: TODAY })).toBeNull();
  });

  it('makes the indicator « structures référencées » of the year the registry’s count, the earlier years keeping their typed values', async () => {
    const services = buildTestServices(db.knex);
    const data = await services.reports.activity.data(2026, { generatedAt: '2026-11-23T10:00:00.000Z', narratives: {} });
    expect(data.keyFigures.find((f) => f.code === 'NET_REF')!.n).toBe(76);
    const mapping = data.expectedResults.find((r) => r.key === 'mapping')!;
    expect(mapping.careOffer!.total).toBe(76);
    expect(mapping.careOffer!.byRegion.find((r) => r.region === 'Martinique')!.count).toBe(7);
    // 2025: no registry entry checked then, the centres' typed values stay, on the registry's scale (a few per centre).
    const before = await services.reports.activity.data(2025, { generatedAt: '2026-11-23T10:00:00.000Z', narratives: {} });
    const typed = before.keyFigures.find((f) => f.code === 'NET_REF')!.n!;
    expect(typed).toBeGreaterThan(45);
    expect(typed).toBeLessThan(76);
    expect(before.expectedResults.find((r) => r.key === 'mapping')!.careOffer).toBeUndefined();
    // The open export: the 76 published only.
    expect((await services.careOffer.openEntries()).rows.length).toBe(76);
    expect((await services.careOffer.list(systemActor('test'), {})).length).toBe(76);
  });
});
