import { seedDemo } from '@cn2r/db';
import { clockWithToday } from '../../clock.js';
import { buildTestServices, testConfig } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { seedDemoMail } from './demo-mail.js';

const TODAY = '2026-11-23';
const fakeHash = async () => 'pas-un-vrai-hachage';

/**
 * The demo's outbox: after the demo seed, the messages the application would have written for the
 * seeded forms' last review steps and the reminders of the last days, by its own notifiers.
 */
describe('the demo’s e-mails', () => {
  let db: TestDatabase;
  let written: number;
  const services = () => buildTestServices(db.knex, { clock: clockWithToday(() => TODAY), config: testConfig({ publicUrl: 'http://localhost:3000' }) });

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.knex, fakeHash, { today: TODAY });
    const s = services();
    written = await seedDemoMail(db.knex, s.mail, s.reminders, 'http://localhost:3000', TODAY);
  });
  afterAll(() => db.drop());

  const outbox = (where: Record<string, unknown>) =>
    db.knex('mail_outbox as o').join('units as u', 'u.id', 'o.unit_id').where(where).orderBy(['o.created_at', 'o.id']).select('o.*', 'u.code');

  it('holds the return of CRP Hauts-de-France to its lead, with the coordination’s message, dated from the return', async () => {
    const hdf = await db.knex('submissions as s').join('units as u', 'u.id', 's.unit_id').where({ 'u.code': 'CRP-HDF', 's.status': 'returned' }).first('s.*');
    const [returned, ...more] = await outbox({ 'u.code': 'CRP-HDF', 'o.kind': 'submission.returned' });
    expect(more).toEqual([]);
    expect(returned.to_address).toBe('lead.lille@demo.local');
    expect(returned.period).toBe(hdf.period);
    expect(returned.subject).toBe('Saisie renvoyée pour correction — CRP Hauts-de-France (3e trimestre 2026)');
    expect(returned.text_body).toContain(`« ${hdf.return_message} »`);
    expect(returned.text_body).toContain('Les consultations de psychologues semblent incomplètes');
    expect(returned.text_body).toContain(`Corriger la saisie : http://localhost:3000/saisie/${hdf.unit_id}/2026-Q3`);
    expect(new Date(returned.created_at).toISOString()).toBe(new Date(hdf.returned_at).toISOString());
    expect(returned.status).toBe('outbox');
  });

  it('tells the coordination of every form waiting for review', async () => {
    const waiting = await db.knex('submissions as s').join('units as u', 'u.id', 's.unit_id').where('s.status', 'submitted').orderBy('u.code').select('u.code', 's.period');
    expect(waiting.length).toBeGreaterThan(0);
    const told = await outbox({ 'o.kind': 'submission.submitted' });
    expect(told.map((r) => `${r.code} ${r.period} ${r.to_address}`).sort()).toEqual(waiting.map((w) => `${w.code} ${w.period} admin@demo.local`));
  });

  it('holds the weekly reminders of the late units (due 30 October 2026), copied to the coordination from the second, by the daily job’s keys', async () => {
    const late = await outbox({ 'u.code': 'CRP-CVL', 'o.kind': 'reminder.overdue' });
    // CRP-CVL has no lead account in the demo: only the coordination's copies, the 2nd to the 4th reminder.
    expect(late.map((r) => `${new Date(r.created_at).toISOString().slice(0, 10)} ${r.to_address}`)).toEqual([
      '2026-11-07 admin@demo.local',
      '2026-11-14 admin@demo.local',
      '2026-11-21 admin@demo.local',
    ]);
    expect(late[2].subject).toBe('Relance : saisie du 3e trimestre 2026 en retard de 22 jours — CRP Centre-Val de Loire');
    const hdf = await outbox({ 'u.code': 'CRP-HDF', 'o.kind': 'reminder.overdue' });
    expect(hdf.filter((r) => r.to_address === 'lead.lille@demo.local').length).toBe(4);
    // Written under the daily job's keys: the job, run again for one of those days, adds nothing.
    const s = services();
    const again = await s.reminders.remindersOf('2026-11-21');
    expect(again.length).toBeGreaterThan(0);
    expect(await db.knex.transaction((trx) => s.mail.enqueue(trx, again))).toBe(0);
  });

  it('counts what it wrote, and writes nothing on a second run', async () => {
    const [{ n }] = await db.knex('mail_outbox').count({ n: '*' });
    expect(written).toBe(Number(n));
    const s = services();
    expect(await seedDemoMail(db.knex, s.mail, s.reminders, 'http://localhost:3000', TODAY)).toBe(0);
  });
});
