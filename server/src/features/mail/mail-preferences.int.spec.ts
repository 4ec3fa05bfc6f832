import pino from 'pino';
import { createApp } from '../../app.js';
import { insertAgeCatalogue } from '../../testing/age-catalogue.js';
import { TestClient, bodyOf, buildTestApp, buildTestServices, createFixtureDatabase, testConfig, unitWithLead, type Fixtures } from '../../testing/test-app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import type { MailDraft } from './mail-templates.js';

const draft = (kind: MailDraft['kind'], user: { id: number; email: string }): MailDraft => ({
  kind,
  userId: user.id,
  to: user.email,
  subject: `Essai ${kind}`,
  text: 'Texte',
  html: '<p>Texte</p>',
  unitId: null,
  period: null,
});

describe('e-mail preferences (« Mon compte » → « Courriels »)', () => {
  let db: TestDatabase;
  let fx: Fixtures;
  let lead: TestClient;
  let admin: TestClient;
  let finance: TestClient;

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase());
    const app = buildTestApp(db);
    [lead, admin, finance] = await Promise.all([fx.users.leadA, fx.users.admin, fx.users.finance].map((u) => TestClient.signedIn(app.app, u.email)));
  });
  afterAll(() => db.drop());
  // Each spec starts from no preference (specs run in random order).
  beforeEach(async () => {
    await db.knex('mail_opt_outs').delete();
    await db.knex('mail_preferences').delete();
  });

  /** Enqueues one message of each kind given to `user` and returns the kinds written. */
  async function written(user: { id: number; email: string }, kinds: MailDraft['kind'][]): Promise<string[]> {
    const { mail } = buildTestServices(db.knex);
    const before = Number((await db.knex('mail_outbox').max('id as id').first())?.id ?? 0);
    await db.knex.transaction((trx) => mail.enqueue(trx, kinds.map((k) => draft(k, user))));
    return (await db.knex('mail_outbox').where('id', '>', before).orderBy('id').select('kind')).map((r) => r.kind);
  }

  it('lists the kinds of a unit lead, all received, the overdue reminders mandatory', async () => {
    const prefs = await bodyOf(lead.get('/api/account/mail-preferences'), 200);
    expect(prefs.version).toBe(0);
    expect(prefs.items.map((i: any) => `${i.kind} ${i.received ? 'reçu' : 'non'}${i.mandatory ? ' obligatoire' : ''}`)).toEqual([
      'period.opened reçu',
      'reminder.due_soon reçu',
      'reminder.overdue reçu obligatoire',
      'submission.returned reçu',
      'submission.validated reçu',
      'value.reopened reçu',
      'password.reset reçu obligatoire',
      'account.invitation reçu obligatoire',
    ]);
    expect(prefs.items[2].label).toBe('Relance : saisie en retard');
    // Finance receives only the security e-mails, which no one can turn off.
    expect((await bodyOf(finance.get('/api/account/mail-preferences'), 200)).items.map((i: any) => [i.kind, i.mandatory])).toEqual([
      ['password.reset', true],
      ['account.invitation', true],
    ]);
  });

  it('turns a kind off: audited, and the outbox no longer writes it to that user (others still get it)', async () => {
    const saved = await bodyOf(lead.send('put', '/api/account/mail-preferences', { version: 0, optedOut: ['submission.validated', 'reminder.due_soon'] }), 200);
    expect(saved.version).toBe(1);
    expect(saved.items.filter((i: any) => !i.received).map((i: any) => i.kind)).toEqual(['reminder.due_soon', 'submission.validated']);
    expect((await bodyOf(lead.get('/api/account/mail-preferences'), 200)).version).toBe(1);
    const audit = await db.knex('audit_log').where({ action: 'mail_preferences.updated', entity_id: String(fx.users.leadA.id) }).first();
    expect(audit.actor_email).toBe(fx.users.leadA.email);
    expect(typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after).toEqual({ optedOut: ['reminder.due_soon', 'submission.validated'] });

    expect(await written(fx.users.leadA, ['submission.validated', 'submission.returned', 'reminder.due_soon', 'reminder.overdue'])).toEqual(['submission.returned', 'reminder.overdue']);
    expect(await written(fx.users.leadB, ['submission.validated', 'reminder.due_soon'])).toEqual(['submission.validated', 'reminder.due_soon']);
  });

  it('refuses to turn off a kind mandatory for the role (422 naming the field), a kind not for the role, and a stale version (409)', async () => {
    await bodyOf(lead.send('put', '/api/account/mail-preferences', { version: 0, optedOut: ['submission.validated', 'reminder.due_soon'] }), 200);
    const mandatory = await lead.send('put', '/api/account/mail-preferences', { version: 1, optedOut: ['reminder.overdue'] });
    expect(mandatory.status).toBe(422);
    expect(mandatory.body.error.message).toBe('Le courriel « Relance : saisie en retard » ne peut pas être désactivé pour votre rôle.');
    expect(mandatory.body.error.fields).toEqual([{ path: 'optedOut', message: mandatory.body.error.message }]);
    const foreign = await lead.send('put', '/api/account/mail-preferences', { version: 1, optedOut: ['report.approved'] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.fields[0].path).toBe('optedOut');
    const unknown = await lead.send('put', '/api/account/mail-preferences', { version: 1, optedOut: ['spam'] });
    expect(unknown.status).toBe(422);
    const stale = await lead.send('put', '/api/account/mail-preferences', { version: 0, optedOut: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields[0].path).toBe('version');
    // Nothing changed.
    expect((await bodyOf(lead.get('/api/account/mail-preferences'), 200)).items.filter((i: any) => !i.received).map((i: any) => i.kind)).toEqual(['reminder.due_soon', 'submission.validated']);
  });

  it('lets an administrator turn the overdue copies off, but a mandatory kind wins when the role makes it one', async () => {
    const prefs = await bodyOf(admin.get('/api/account/mail-preferences'), 200);
    expect(prefs.items.map((i: any) => i.kind)).toEqual(['submission.submitted', 'reminder.overdue', 'report.presented', 'report.approved', 'password.reset', 'account.invitation']);
    expect(prefs.items.filter((i: any) => i.mandatory).map((i: any) => i.kind)).toEqual(['password.reset', 'account.invitation']);
    await bodyOf(admin.send('put', '/api/account/mail-preferences', { version: 0, optedOut: ['reminder.overdue'] }), 200);
    expect(await written(fx.users.admin, ['reminder.overdue', 'submission.submitted'])).toEqual(['submission.submitted']);
    // A row left from another role (the user was an admin, now a unit lead): the lead's mandatory kind is written.
    await db.knex('mail_opt_outs').insert({ user_id: fx.users.leadB.id, kind: 'reminder.overdue' });
    expect(await written(fx.users.leadB, ['reminder.overdue'])).toEqual(['reminder.overdue']);
  });
});

/**
 * The admin's « Prochaines relances »: a period opened on 1 April 2031, due 30 April; one unit
 * silent, one with an extension to 10 May; today is 20 April 2031. Figures by hand from the rules.
 */
describe('the schedule of the reminders (GET /api/mail/schedule)', () => {
  let db: TestDatabase;
  let fx: Fixtures;
  let admin: TestClient;
  let silent: { unitId: number; email: string; lead: TestClient };
  let extended: { unitId: number; email: string };
  let day = '2031-04-20';

  beforeAll(async () => {
    ({ db, fx } = await createFixtureDatabase(async (knex) => {
      await insertAgeCatalogue(knex);
      const [campaign] = await knex('campaigns').insert({ year: 2031, label: 'Campagne 2031', status: 'open' }).returning('id');
      await knex('campaign_periods').insert({ campaign_id: campaign.id, period: '2031-Q1', opens_on: '2031-04-01', due_on: '2031-04-30' });
    }));
    const app = createApp({ db: db.knex, engine: db.engine, config: testConfig(), logger: pino({ level: 'silent' }), today: () => day });
    admin = await TestClient.signedIn(app.app, fx.users.admin.email);
    silent = await unitWithLead(db.knex, app.app, admin, 'S', 1);
    extended = await unitWithLead(db.knex, app.app, admin, 'S', 2);
    const campaign = await db.knex('campaigns').where({ year: 2031 }).first('id');
    await db.knex('campaign_extensions').insert({ campaign_id: campaign.id, unit_id: extended.unitId, period: '2031-Q1', due_on: '2031-05-10', reason: 'Changement d’équipe' });
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    day = '2031-04-20';
    await db.knex('scheduled_jobs').update({ last_run_on: null });
    await db.knex('submissions').where({ unit_id: silent.unitId }).delete();
    await db.knex('mail_opt_outs').delete();
    await db.knex('mail_preferences').delete();
  });

  const line = (i: any) => `${i.date} ${i.kind} ${i.unit.code} ${i.period} ${i.recipients}`;

  it('lists, for the next 30 days, the reminders of the units that have not submitted, by the daily job’s rules', async () => {
    const schedule = await bodyOf(admin.get(`/api/mail/schedule?unitId=${silent.unitId}`), 200);
    expect([schedule.from, schedule.to]).toEqual(['2031-04-20', '2031-05-20']);
    // Due 30 April: 7 and 1 days before; overdue 1 May (lead), 8 and 15 May (lead + the one admin).
    expect(schedule.items.map(line)).toEqual([
      '2031-04-23 reminder.due_soon CRP-S1 2031-Q1 1',
      '2031-04-29 reminder.due_soon CRP-S1 2031-Q1 1',
      '2031-05-01 reminder.overdue CRP-S1 2031-Q1 1',
      '2031-05-08 reminder.overdue CRP-S1 2031-Q1 2',
      '2031-05-15 reminder.overdue CRP-S1 2031-Q1 2',
    ]);
    const all = await bodyOf(admin.get('/api/mail/schedule'), 200);
    // Extended to 10 May: 3 and 9 May; overdue 11 May (lead), 18 May (lead + admin).
    expect(all.items.filter((i: any) => i.unit.id === extended.unitId).map(line)).toEqual([
      '2031-05-03 reminder.due_soon CRP-S2 2031-Q1 1',
      '2031-05-09 reminder.due_soon CRP-S2 2031-Q1 1',
      '2031-05-11 reminder.overdue CRP-S2 2031-Q1 1',
      '2031-05-18 reminder.overdue CRP-S2 2031-Q1 2',
    ]);
    expect(all.items.filter((i: any) => i.unit.id === silent.unitId).length).toBe(5);
  });

  it('starts tomorrow once today’s job has run, counts recipients after their preferences, and drops a unit that submits', async () => {
    day = '2031-04-23';
    await db.knex('scheduled_jobs').update({ last_run_on: '2031-04-23' });
    await bodyOf(silent.lead.send('put', '/api/account/mail-preferences', { version: 0, optedOut: ['reminder.due_soon'] }), 200);
    const schedule = await bodyOf(admin.get(`/api/mail/schedule?unitId=${silent.unitId}`), 200);
    expect([schedule.from, schedule.to]).toEqual(['2031-04-24', '2031-05-23']);
    expect(schedule.items.map(line)).toEqual([
      '2031-04-29 reminder.due_soon CRP-S1 2031-Q1 0',
      '2031-05-01 reminder.overdue CRP-S1 2031-Q1 1',
      '2031-05-08 reminder.overdue CRP-S1 2031-Q1 2',
      '2031-05-15 reminder.overdue CRP-S1 2031-Q1 2',
      '2031-05-22 reminder.overdue CRP-S1 2031-Q1 2',
    ]);
    await db.knex('submissions').insert({ unit_id: silent.unitId, period: '2031-Q1', status: 'submitted', submitted_at: '2031-04-23T10:00:00Z' });
    expect((await bodyOf(admin.get(`/api/mail/schedule?unitId=${silent.unitId}`), 200)).items).toEqual([]);
  });

  it('is the admin’s: 403 for a unit lead, 422 for a bad unit', async () => {
    expect((await silent.lead.get('/api/mail/schedule')).status).toBe(403);
    const bad = await admin.get('/api/mail/schedule?unitId=abc');
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].path).toBe('unitId');
  });
});
