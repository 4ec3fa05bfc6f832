import type { Knex } from 'knex';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { App } from '../../app.js';
import { QUARTERLY_COUNT, insertAgeCatalogue } from '../../testing/age-catalogue.js';
import { freePort } from '../../testing/server-process.js';
import { TestClient, bodyOf, buildTestApp, createFixtureDatabase, signInFixtures, unitWithLead, type Fixtures } from '../../testing/test-app.js';
import type { TestDatabase } from '../../testing/test-database.js';

/** A real SMTP server on a free port: every message it accepts, parsed. */
async function startSmtp(): Promise<{ url: string; received: ParsedMail[]; envelopes: string[][]; close: () => Promise<void> }> {
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      envelopes.push(session.envelope.rcptTo.map((r) => r.address));
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, received, envelopes, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function seedCampaign(knex: Knex) {
  const cat = await insertAgeCatalogue(knex);
  await knex('indicators').insert({ ...QUARTERLY_COUNT, code: 'ACT_CONS', label: 'Consultations', sort_order: 3, required: false });
  const [campaign] = await knex('campaigns').insert({ year: 2026, label: 'Campagne 2026', status: 'open' }).returning('id');
  await knex('campaign_periods').insert({ campaign_id: campaign.id, period: '2026-Q2', opens_on: '2026-04-01', due_on: '2099-07-30' });
  return cat;
}

describe('e-mails of the review workflow', () => {
  let db: TestDatabase;
  let fx: Fixtures;
  let cat: Awaited<ReturnType<typeof seedCampaign>>;
  let seq = 0;

  beforeAll(async () => {
    let seeded: typeof cat | undefined;
    ({ db, fx } = await createFixtureDatabase(async (knex) => (seeded = await seedCampaign(knex))));
    cat = seeded!;
  });
  afterAll(() => db.drop());

  const form = (unitId: number) => `/api/units/${unitId}/forms/2026-Q2`;
  const outbox = (where: Record<string, unknown>) => db.knex('mail_outbox').where(where).orderBy('id');

  /** A unit of its own and its lead on `app`; the lead fills a valid quarter (1 234 consultations) and submits it. */
  async function submitted(app: App, admin: TestClient) {
    const unit = await unitWithLead(db.knex, app.app, admin, 'M', ++seq);
    for (const [indicatorId, optionId, value] of [[cat.fa, cat.minor, 21], [cat.fa, cat.adult, 179], [cat.nw, null, 87]] as const) {
      await bodyOf(unit.lead.send('put', `${form(unit.unitId)}/values`, { indicatorId, optionId, value }), 200);
    }
    const state = (await bodyOf<any>(unit.lead.get(form(unit.unitId)), 200)).submission;
    const done = await bodyOf<any>(unit.lead.post(`${form(unit.unitId)}/submit`, { version: state.version }), 200);
    return { ...unit, version: done.version as number };
  }

  describe('without SMTP_URL: the outbox', () => {
    let app: App;
    let admin: TestClient;
    beforeAll(async () => {
      app = buildTestApp(db, { publicUrl: 'https://pilotage.cn2r.test' });
      ({ admin } = await signInFixtures(app.app, fx, 'admin'));
    });

    it('writes, in the step’s transaction, one message per recipient: submitted → the coordination, returned with the message → the unit’s leads', async () => {
      const unit = await submitted(app, admin);
      const toCoordination = await outbox({ unit_id: unit.unitId, kind: 'submission.submitted' });
      expect(toCoordination.map((m) => [m.to_address, m.status])).toEqual([[fx.users.admin.email, 'outbox']]);
      expect(toCoordination[0].subject).toBe(`${unit.name} a transmis sa saisie (2e trimestre 2026)`);
      expect(toCoordination[0].text_body).toContain(`Lead M${seq} a transmis la saisie de ${unit.name} pour la période « 2e trimestre 2026 ».`);
      expect(toCoordination[0].text_body).toContain(`Relire la saisie : https://pilotage.cn2r.test/saisie/${unit.unitId}/2026-Q2`);

      await bodyOf(admin.post(`${form(unit.unitId)}/return`, { message: 'Merci de vérifier la file active des <mineurs>.', version: unit.version }), 200);
      const [returned] = await outbox({ unit_id: unit.unitId, kind: 'submission.returned' });
      expect(returned.to_address).toBe(unit.email);
      expect(returned.subject).toBe(`Saisie renvoyée pour correction — ${unit.name} (2e trimestre 2026)`);
      expect(returned.text_body).toContain('« Merci de vérifier la file active des <mineurs>. »');
      expect(returned.html_body).toContain('« Merci de vérifier la file active des &lt;mineurs&gt;. »');
      // No indicator value in any e-mail (RGPD): what to do and a link, nothing else.
      for (const m of await outbox({ unit_id: unit.unitId })) for (const v of ['179', '87']) expect(m.text_body).not.toContain(v);
    });

    it('tells the unit’s leads of a validation and of a value reopened', async () => {
      const unit = await submitted(app, admin);
      const validated = await bodyOf<any>(admin.post(`${form(unit.unitId)}/validate`, { version: unit.version }), 200);
      expect(validated.status).toBe('validated');
      const values = (await bodyOf<any>(admin.get(form(unit.unitId)), 200)).values;
      await bodyOf(admin.post(`${form(unit.unitId)}/values/${values[0].id}/reopen`, { reason: 'Chiffre à vérifier avec le service.' }), 200);
      expect((await outbox({ unit_id: unit.unitId })).map((m) => [m.kind, m.to_address])).toEqual([
        ['submission.submitted', fx.users.admin.email],
        ['submission.validated', unit.email],
        ['value.reopened', unit.email],
      ]);
    });

    it('lists the outbox for the admin only, latest first, filtered by status and unit', async () => {
      const unit = await submitted(app, admin);
      const page = await bodyOf<any>(admin.get(`/api/mail/outbox?unitId=${unit.unitId}`), 200);
      expect(page.smtp).toBeFalse();
      expect(page.total).toBe(1);
      expect(page.items[0]).toEqual(jasmine.objectContaining({ kind: 'submission.submitted', to: fx.users.admin.email, status: 'outbox', unit: { id: unit.unitId, code: unit.code, name: unit.name }, period: '2026-Q2' }));
      expect((await bodyOf<any>(admin.get(`/api/mail/outbox?status=sent&unitId=${unit.unitId}`), 200)).total).toBe(0);
      await bodyOf(admin.get('/api/mail/outbox?status=perdu'), 422);
      expect((await unit.lead.get('/api/mail/outbox')).status).toBe(403);
      expect(await app.mail.sendDue()).toBe(0); // nothing leaves without SMTP
    });
  });

  describe('with SMTP_URL: a real SMTP server', () => {
    it('sends each message once, parsed: recipient, French subject and text, the link; two instances on one database send it once', async () => {
      const smtp = await startSmtp();
      try {
        const first = buildTestApp(db, { smtpUrl: smtp.url, publicUrl: 'https://pilotage.cn2r.test', mailFrom: 'CN2R Pilotage <pilotage@cn2r.test>' });
        const second = buildTestApp(db, { smtpUrl: smtp.url, publicUrl: 'https://pilotage.cn2r.test', mailFrom: 'CN2R Pilotage <pilotage@cn2r.test>' });
        const admin = await TestClient.signedIn(first.app, fx.users.admin.email);
        const unit = await submitted(first, admin);
        await bodyOf(admin.post(`${form(unit.unitId)}/return`, { message: 'La file active des mineurs semble basse.', version: unit.version }), 200);
        const rows = await outbox({ unit_id: unit.unitId });
        expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);

        const tried = await Promise.all([first.mail.sendDue(), second.mail.sendDue()]);
        expect(tried[0] + tried[1]).toBeGreaterThanOrEqual(2);
        const ours = smtp.received.filter((m) => m.subject?.includes(unit.name));
        expect(ours.length).toBe(2);
        const returned = ours.find((m) => m.subject?.startsWith('Saisie renvoyée'))!;
        expect(returned.from?.value[0]).toEqual(jasmine.objectContaining({ name: 'CN2R Pilotage', address: 'pilotage@cn2r.test' }));
        expect((returned.to as { text: string }).text).toBe(unit.email);
        expect(returned.text).toContain('« La file active des mineurs semble basse. »');
        expect(returned.text).toContain(`Corriger la saisie : https://pilotage.cn2r.test/saisie/${unit.unitId}/2026-Q2`);
        expect(returned.html).toContain(`href="https://pilotage.cn2r.test/saisie/${unit.unitId}/2026-Q2"`);
        expect(returned.headers.get('auto-submitted')).toBe('auto-generated');
        expect((await outbox({ unit_id: unit.unitId })).map((r) => [r.status, r.attempts])).toEqual([
          ['sent', 1],
          ['sent', 1],
        ]);
        expect(await first.mail.sendDue()).toBe(0);
      } finally {
        await smtp.close();
      }
    });

    it('SMTP down: retried with the configured delays, then failed with the error, and visible in the outbox', async () => {
      const closedPort = await freePort();
      const app = buildTestApp(db, { smtpUrl: `smtp://127.0.0.1:${closedPort}`, mailRetrySeconds: [0, 0] });
      const admin = await TestClient.signedIn(app.app, fx.users.admin.email);
      const unit = await submitted(app, admin);
      const [row] = await outbox({ unit_id: unit.unitId });
      const state = async () => {
        const r = await db.knex('mail_outbox').where({ id: row.id }).first();
        return [r.status, r.attempts, r.last_error !== null];
      };
      const sendOurs = async () => {
        // Other specs' messages may be due too: send until ours has been tried once more.
        const before = (await db.knex('mail_outbox').where({ id: row.id }).first()).attempts;
        for (let i = 0; i < 20 && (await db.knex('mail_outbox').where({ id: row.id }).first()).attempts === before; i++) await app.mail.sendDue(1);
      };
      await sendOurs();
      expect(await state()).toEqual(['pending', 1, true]);
      await sendOurs();
      expect(await state()).toEqual(['pending', 2, true]);
      await sendOurs();
      expect(await state()).toEqual(['failed', 3, true]);
      const page = await bodyOf<any>(admin.get(`/api/mail/outbox?status=failed&unitId=${unit.unitId}`), 200);
      expect(page.items.length).toBe(1);
      expect(page.items[0].lastError).toMatch(/ECONNREFUSED|connect/i);
    });
  });
});
