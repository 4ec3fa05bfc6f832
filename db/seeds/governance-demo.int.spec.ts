import { createHash } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database.js';
import { buildTestServices } from '../../server/src/testing/test-app.js';
import { seedDemo } from './demo.js';
import { seedGovernanceDemo } from './governance-demo.js';

const TODAY = '2026-11-23';
const GOVERNANCE_TABLES = ['governance_members', 'governance_bodies', 'governance_meetings', 'governance_meeting_attendance', 'governance_deliberations', 'governance_deliberation_minutes', 'deliverables'];

describe('governance demo seed', () => {
  let db: TestDatabase;
  let seeded: Awaited<ReturnType<typeof seedGovernanceDemo>>;
  const count = async (table: string) => Number((await db.knex(table).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    seeded = await seedGovernanceDemo(db.knex, { today: TODAY });
  });
  afterAll(() => db.drop());

  it('fills every governance table, and does nothing the second time', async () => {
    // 2024 and 2025: three meetings each (AG in March and November, board in June), five deliberations;
    // 2026 up to 23 November: the same (the November AG is on the 19th); and the AG planned in March
    // 2027. Seven deliverables a year.
    expect(seeded).toEqual({ members: 10, meetings: 10, deliberations: 15, deliverables: 21 });
    const planned = await db.knex('governance_meetings').where('held_on', '>', TODAY).select('held_on', 'quorum_reached');
    expect(planned.map((m) => [String(m.held_on).slice(0, 10), m.quorum_reached])).toEqual([['2027-03-26', false]]);
    for (const table of GOVERNANCE_TABLES) expect(await count(table)).withContext(table).toBeGreaterThan(0);
    expect(await seedGovernanceDemo(db.knex, { today: TODAY })).toBeNull();
    expect(await count('governance_members')).toBe(10);
  });

  it('gives the members 100 % of the votes, numbers deliberations per year from 01, and stores each minutes PDF with its SHA-256', async () => {
    const [{ total }] = await db.knex('governance_members').sum({ total: 'rights_bp' });
    expect(Number(total)).toBe(10_000);
    const numbers = (await db.knex('governance_deliberations').orderBy('number').pluck('number')) as string[];
    expect(numbers.filter((n) => n.startsWith('2025-'))).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
    for (const row of await db.knex('governance_deliberation_minutes')) {
      const bytes = Buffer.from(row.bytes as Uint8Array);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
    }
    // Votes cast = members present or represented.
    const rows = await db.knex('governance_deliberations as d')
      .join('governance_meeting_attendance as a', 'a.meeting_id', 'd.meeting_id')
      .groupBy('d.id', 'd.votes_for', 'd.votes_against', 'd.abstentions')
      .select('d.votes_for', 'd.votes_against', 'd.abstentions', db.knex.raw('count(*) AS attending'));
    for (const r of rows) expect(r.votes_for + r.votes_against + r.abstentions).toBe(Number(r.attending));
  });

  it('fills the activity report’s governance section and deliverables of 2025 from the seeded records', async () => {
    const data = await buildTestServices(db.knex).reports.activity.data(2025, { generatedAt: '2026-11-23T10:00:00.000Z', narratives: {} });
    expect(data.governance.members.length).toBe(10);
    expect(data.governance.members[0]).toEqual({ name: 'Ministère chargé de la santé', kind: 'État', rightsBp: 1_500 });
    expect(data.governance.meetings.map((m) => [m.label, m.date, m.present, m.represented])).toEqual([
      ['Assemblée générale — séance ordinaire', '2025-03-26', 8, 2],
      ['Conseil d’administration — séance ordinaire', '2025-06-18', 8, 1],
      ['Assemblée générale — séance ordinaire', '2025-11-19', 6, 3],
    ]);
    expect(data.governance.deliberations.map((d) => d.title)).toEqual([
      'Approbation du compte financier 2024',
      'Approbation du rapport d’activité 2024',
      'Budget rectificatif n° 1 de l’exercice 2025',
      'Programme de formation du réseau 2025-2026',
      'Budget initial de l’exercice 2026',
    ]);
    const deliverables = Object.fromEntries(data.expectedResults.map((r) => [r.key, r.deliverables.length]));
    expect(deliverables).toEqual({ mapping: 2, network: 2, good_practice: 1, training: 2 });
    expect(data.expectedResults.find((r) => r.key === 'mapping')!.deliverables[0]).toEqual({ title: 'Cartographie de l’offre de soins en psychotraumatisme — mise à jour 2025', date: '2025-06-30', status: 'Livré' });
  });
});

describe('the whole demo seed', () => {
  it('seeds the governance records with the rest (every governance table non-empty)', async () => {
    const db = await createTestDatabase();
    try {
      await seedDemo(db.knex, async () => 'not-a-real-hash', { today: TODAY });
      for (const table of GOVERNANCE_TABLES) {
        expect(Number((await db.knex(table).count({ n: '*' }))[0].n)).withContext(table).toBeGreaterThan(0);
      }
      expect(Number((await db.knex('audit_log').where({ action: 'demo.governance_seeded' }).count({ n: '*' }))[0].n)).toBe(1);
    } finally {
      await db.drop();
    }
  }, 180_000);
});
