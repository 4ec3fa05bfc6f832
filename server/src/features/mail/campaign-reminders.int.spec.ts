import { clockWithToday } from '../../clock.js';
import { insertAgeCatalogue } from '../../testing/age-catalogue.js';
import { TestClient, buildTestApp, buildTestServices, createFixtureDatabase, testConfig, unitWithLead, type Fixtures } from '../../testing/test-app.js';
import type { TestDatabase } from '../../testing/test-database.js';

/**
 * A fake clock walks through a campaign period opened on 1 April 2031 and due on 30 April, with
 * three units: one that never submits, one that submits on the 20th, one with an extension to
 * 10 May. Each day the daily job runs, and exactly the expected reminders appear.
 */
describe('the collection’s scheduled reminders', () => {
  let db: TestDatabase;
  let fx: Fixtures;
  let silent: { unitId: number; email: string };
  let punctual: { unitId: number; email: string; lead: TestClient };
  let extended: { unitId: number; email: string };
  let day = '2031-03-30';
  const services = () => buildTestServices(db.knex, { clock: clockWithToday(() => day), config: testConfig({ publicUrl: 'https://pilotage.cn2r.test' }) });

  beforeAll(async () => {
    let cat: Awaited<ReturnType<typeof insertAgeCatalogue>>;
    ({ db, fx } = await createFixtureDatabase(async (knex) => {
      cat = await insertAgeCatalogue(knex);
      const [campaign] = await knex('campaigns').insert({ year: 2031, label: 'Campagne 2031', status: 'open' }).returning('id');
      await knex('campaign_periods').insert({ campaign_id: campaign.id, period: '2031-Q1', opens_on: '2031-04-01', due_on: '2031-04-30' });
    }));
    const app = buildTestApp(db, { publicUrl: 'https://pilotage.cn2r.test' });
    const admin = await TestClient.signedIn(app.app, fx.users.admin.email);
    silent = await unitWithLead(db.knex, app.app, admin, 'R', 1);
    punctual = await unitWithLead(db.knex, app.app, admin, 'R', 2);
    extended = await unitWithLead(db.knex, app.app, admin, 'R', 3);
    const campaign = await db.knex('campaigns').where({ year: 2031 }).first('id');
    await db.knex('campaign_extensions').insert({ campaign_id: campaign.id, unit_id: extended.unitId, period: '2031-Q1', due_on: '2031-05-10', reason: 'Changement d’équipe' });
    void cat!;
  });
  afterAll(() => db.drop());
  // Each spec walks its own days: the job starts from a day never run.
  beforeEach(() => db.knex('scheduled_jobs').update({ last_run_on: null }));

  const ours = () => [silent.unitId, punctual.unitId, extended.unitId];
  /** Runs the day's job and returns what it wrote for our three units: `kind unit → recipient`. */
  async function runOn(date: string): Promise<string[]> {
    day = date;
    const before = Number((await db.knex('mail_outbox').max('id as id').first())?.id ?? 0);
    await services().reminders.runDue();
    const rows = await db.knex('mail_outbox').where('id', '>', before).whereIn('unit_id', ours()).orderBy('id');
    const name = (id: number) => (id === silent.unitId ? 'silent' : id === punctual.unitId ? 'punctual' : 'extended');
    return rows.map((r) => `${r.kind} ${name(r.unit_id)} → ${r.to_address === fx.users.admin.email ? 'coordination' : 'lead'}`);
  }

  it('writes, day by day, the opening, the due-date and the weekly overdue reminders, copying the coordination from the second', async () => {
    expect(await runOn('2031-03-31')).toEqual([]);
    expect(await runOn('2031-04-01')).toEqual(['period.opened silent → lead', 'period.opened punctual → lead', 'period.opened extended → lead']);
    expect(await runOn('2031-04-02')).toEqual([]);
    // The punctual unit submits on the 20th: nothing more for it.
    await db.knex('submissions').insert({ unit_id: punctual.unitId, period: '2031-Q1', status: 'submitted', submitted_at: '2031-04-20T10:00:00Z' });
    expect(await runOn('2031-04-23')).toEqual(['reminder.due_soon silent → lead']);
    expect(await runOn('2031-04-29')).toEqual(['reminder.due_soon silent → lead']);
    expect(await runOn('2031-04-30')).toEqual([]);
    expect(await runOn('2031-05-01')).toEqual(['reminder.overdue silent → lead']);
    expect(await runOn('2031-05-02')).toEqual([]);
    expect(await runOn('2031-05-03')).toEqual(['reminder.due_soon extended → lead']);
    expect(await runOn('2031-05-08')).toEqual(['reminder.overdue silent → lead', 'reminder.overdue silent → coordination']);
    expect(await runOn('2031-05-09')).toEqual(['reminder.due_soon extended → lead']);
    expect(await runOn('2031-05-11')).toEqual(['reminder.overdue extended → lead']);
    expect(await runOn('2031-05-15')).toEqual(['reminder.overdue silent → lead', 'reminder.overdue silent → coordination']);

    const [overdue] = await db.knex('mail_outbox').where({ unit_id: silent.unitId, kind: 'reminder.overdue', to_address: silent.email }).andWhere('dedupe_key', 'like', '%|2031-05-15|%');
    expect(overdue.subject).toBe('Relance : saisie du 1er trimestre 2031 en retard de 15 jours — CRP R1');
    expect(overdue.text_body).toContain('l’échéance était le 30/04/2031 (15 jours de retard)');
    expect(overdue.text_body).toContain(`Compléter et transmettre la saisie : https://pilotage.cn2r.test/saisie/${silent.unitId}/2031-Q1`);
    const [soon] = await db.knex('mail_outbox').where({ unit_id: extended.unitId, kind: 'reminder.due_soon' }).orderBy('id');
    expect(soon.subject).toBe('Échéance dans 7 jours : saisie du 1er trimestre 2031 — CRP R3');
    expect(soon.text_body).toContain('au plus tard le 10/05/2031, dans 7 jours');
  });

  it('runs a day once: again the same day, from another instance or after a restart, it writes nothing more', async () => {
    day = '2031-05-22';
    const [first, second] = await Promise.all([services().reminders.runDue(), services().reminders.runDue()]);
    expect([first.ran, second.ran].filter(Boolean).length).toBe(1);
    expect(first.written + second.written).toBeGreaterThan(0);
    expect((await services().reminders.runDue()).ran).toBeFalse();
    // The day's messages again, written by hand: their keys are already there.
    const s = services();
    const drafts = await s.reminders.remindersOf('2031-05-22');
    expect(drafts.length).toBe(first.written + second.written);
    expect(await db.knex.transaction((trx) => s.mail.enqueue(trx, drafts))).toBe(0);
    const job = await db.knex('scheduled_jobs').where({ name: 'reminders' }).first();
    expect(job.last_outcome).toBe(`${first.written + second.written} courriel(s) écrit(s)`);
  });
});
