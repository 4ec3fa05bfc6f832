import type { App } from '../../app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { TestClient, countRows, signInFixtures, startFixtureApp, type Fixtures } from '../../testing/test-app.js';

interface CampaignBody {
  id: number;
  year: number;
  label: string;
  status: string;
  periods: { period: string; opensOn: string; dueOn: string }[];
  extensions: { unitId: number; period: string; dueOn: string; reason: string | null }[];
  updatedAt: string;
  version: number;
}

describe('campaigns API', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  /** Each test takes its own years: one campaign per year. */
  let nextYear = 2040;

  const count = (table: string) => countRows(db.knex(table));
  const snapshot = async () => ({
    campaigns: await count('campaigns'),
    periods: await count('campaign_periods'),
    extensions: await count('campaign_extensions'),
    audit: await count('audit_log'),
  });
  const auditRows = (action: string, id: number) => db.knex('audit_log').where({ action, entity_id: String(id) }).orderBy('id');
  const put = (client: TestClient, url: string, body: unknown) => client.send('put', url, body);
  const campaignRow = (id: number) => db.knex('campaigns').where({ id }).first();
  const periodRows = (id: number) => db.knex('campaign_periods').where({ campaign_id: id }).orderBy('period').select('period', 'opens_on', 'due_on');

  /** Two quarters, opening on their first day, due a month after. */
  const twoQuarters = (year: number) => [
    { period: `${year}-Q1`, opensOn: `${year}-01-01`, dueOn: `${year}-04-30` },
    { period: `${year}-Q2`, opensOn: `${year}-04-01`, dueOn: `${year}-07-30` },
  ];

  async function createCampaign(body: Record<string, unknown> = {}): Promise<CampaignBody> {
    const year = nextYear++;
    const res = await admin.post('/api/campaigns', { year, periods: twoQuarters(year), ...body });
    if (res.status !== 201) throw new Error(`campaign creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ admin } = await signInFixtures(app.app, fx, 'admin'));
    // A quarterly indicator of the CRP: the fixture units owe the quarters (an extension is granted only for a form that is due).
    await admin.post('/api/indicators', {
      code: 'QUARTERLY_T',
      label: 'Indicateur trimestriel',
      domain: 'activite_clinique',
      valueType: 'count',
      periodType: 'quarter',
      timeAggregation: 'sum',
      unitAggregation: 'sum',
      activeFrom: '2019-01-01',
    });
  });
  afterAll(() => db.drop());

  describe('creating', () => {
    it('creates a draft campaign with the four quarters and the year by default: 30 days to report a quarter, 60 the year', async () => {
      const before = await snapshot();
      const res = await admin.post('/api/campaigns', { year: 2031 });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: jasmine.any(Number),
        year: 2031,
        label: 'Campagne 2031',
        status: 'draft',
        periods: [
          { period: '2031-Q1', opensOn: '2031-01-01', dueOn: '2031-04-30' },
          { period: '2031-Q2', opensOn: '2031-04-01', dueOn: '2031-07-30' },
          { period: '2031-Q3', opensOn: '2031-07-01', dueOn: '2031-10-30' },
          { period: '2031-Q4', opensOn: '2031-10-01', dueOn: '2032-01-30' },
          // 2032 is a leap year: 31 December + 60 days is 29 February.
          { period: '2031', opensOn: '2031-01-01', dueOn: '2032-02-29' },
        ],
        extensions: [],
        updatedAt: jasmine.any(String),
        version: 1,
      });
      expect(await campaignRow(res.body.id)).toEqual(jasmine.objectContaining({ year: 2031, label: 'Campagne 2031', status: 'draft', version: 1 }));
      expect(await periodRows(res.body.id)).toEqual([
        { period: '2031', opens_on: '2031-01-01', due_on: '2032-02-29' },
        { period: '2031-Q1', opens_on: '2031-01-01', due_on: '2031-04-30' },
        { period: '2031-Q2', opens_on: '2031-04-01', due_on: '2031-07-30' },
        { period: '2031-Q3', opens_on: '2031-07-01', due_on: '2031-10-30' },
        { period: '2031-Q4', opens_on: '2031-10-01', due_on: '2032-01-30' },
      ]);
      expect(await snapshot()).toEqual({ ...before, campaigns: before.campaigns + 1, periods: before.periods + 5, audit: before.audit + 1 });
      const audit = await auditRows('campaign.created', res.body.id);
      expect(audit.length).toBe(1);
      expect(audit[0]).toEqual(jasmine.objectContaining({ actor_id: fx.users.admin.id, entity_type: 'campaign', before: null, after: res.body, request_id: res.headers['x-request-id'] }));
    });

    it('adds the twelve months when an indicator active that year reports monthly, in chronological order', async () => {
      const indicator = await admin.post('/api/indicators', {
        code: 'MONTHLY_T',
        label: 'Indicateur mensuel',
        domain: 'activite_clinique',
        valueType: 'count',
        periodType: 'month',
        timeAggregation: 'sum',
        unitAggregation: 'sum',
        activeFrom: '2033-06-01',
        activeTo: '2033-12-31',
      });
      expect(indicator.status).toBe(201);
      const res = await admin.post('/api/campaigns', { year: 2033, label: 'Collecte 2033' });
      expect(res.status).toBe(201);
      expect(res.body.label).toBe('Collecte 2033');
      expect(res.body.periods.map((p: { period: string }) => p.period)).toEqual([
        '2033-01', '2033-02', '2033-03', '2033-Q1',
        '2033-04', '2033-05', '2033-06', '2033-Q2',
        '2033-07', '2033-08', '2033-09', '2033-Q3',
        '2033-10', '2033-11', '2033-12', '2033-Q4',
        '2033',
      ]);
      expect(res.body.periods[1]).toEqual({ period: '2033-02', opensOn: '2033-02-01', dueOn: '2033-03-30' });
      expect(res.body.periods[16]).toEqual({ period: '2033', opensOn: '2033-01-01', dueOn: '2034-03-01' });
      // Not the year after: the monthly indicator has ended by then.
      expect((await admin.post('/api/campaigns', { year: 2034 })).body.periods.length).toBe(5);
    });

    it('keeps the periods given, and refuses periods of another year or twice the same (422 `periods`)', async () => {
      const year = nextYear++;
      const res = await admin.post('/api/campaigns', { year, periods: [{ period: `${year}`, opensOn: `${year + 1}-01-02`, dueOn: `${year + 1}-03-31` }] });
      expect(res.status).toBe(201);
      expect(res.body.periods).toEqual([{ period: `${year}`, opensOn: `${year + 1}-01-02`, dueOn: `${year + 1}-03-31` }]);

      const before = await snapshot();
      const other = nextYear++;
      const outside = await admin.post('/api/campaigns', { year: other, periods: [{ period: `${other + 1}-Q1`, opensOn: `${other}-01-01`, dueOn: `${other}-04-30` }] });
      expect(outside.status).toBe(422);
      expect(outside.body.error.fields).toEqual([{ path: 'periods', message: 'Toutes les périodes doivent appartenir à l’année de la campagne.' }]);
      const twice = await admin.post('/api/campaigns', { year: other, periods: [...twoQuarters(other), twoQuarters(other)[0]] });
      expect(twice.status).toBe(422);
      expect(twice.body.error.fields).toEqual([{ path: 'periods', message: `La période ${other}-Q1 figure deux fois.` }]);
      const backwards = await admin.post('/api/campaigns', { year: other, periods: [{ period: `${other}-Q1`, opensOn: `${other}-05-01`, dueOn: `${other}-04-30` }] });
      expect(backwards.status).toBe(422);
      expect(backwards.body.error.fields).toEqual([{ path: 'periods.0.dueOn', message: 'L’échéance doit suivre l’ouverture.' }]);
      expect(await snapshot()).toEqual(before);
    });

    it('allows one campaign per year (409 `year`), writing nothing', async () => {
      const existing = await createCampaign();
      const before = await snapshot();
      const res = await admin.post('/api/campaigns', { year: existing.year });
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({ code: 'conflict', message: `Une campagne existe déjà pour ${existing.year}.`, fields: [{ path: 'year', message: 'Année déjà couverte par une campagne.' }] });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('reading', () => {
    it('lists the campaigns newest year first to any signed-in user, reads one, 404 for an unknown id', async () => {
      const older = await createCampaign();
      const newer = await createCampaign();
      const lead = await TestClient.signedIn(app.app, fx.users.leadB.email);
      const list = await lead.get('/api/campaigns');
      expect(list.status).toBe(200);
      const years = list.body.map((c: CampaignBody) => c.year);
      expect(years).toEqual([...years].sort((a: number, b: number) => b - a));
      expect(years.indexOf(newer.year)).toBeLessThan(years.indexOf(older.year));
      const one = await lead.get(`/api/campaigns/${older.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(older);
      const missing = await lead.get('/api/campaigns/999999');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe('Campagne introuvable.');
      expect((await new TestClient(app.app).get('/api/campaigns')).status).toBe(401);
    });
  });

  describe('updating', () => {
    it('opens, closes and reopens a campaign, each change audited under its own action', async () => {
      const campaign = await createCampaign();
      const opened = await admin.patch(`/api/campaigns/${campaign.id}`, { status: 'open', label: 'Campagne ouverte', version: 1 });
      expect(opened.status).toBe(200);
      expect(opened.body).toEqual(jasmine.objectContaining({ status: 'open', label: 'Campagne ouverte', version: 2 }));
      const closed = await admin.patch(`/api/campaigns/${campaign.id}`, { status: 'closed', version: 2 });
      expect(closed.body).toEqual(jasmine.objectContaining({ status: 'closed', version: 3 }));
      const reopened = await admin.patch(`/api/campaigns/${campaign.id}`, { status: 'open', version: 3 });
      expect(reopened.body).toEqual(jasmine.objectContaining({ status: 'open', version: 4 }));
      expect(await campaignRow(campaign.id)).toEqual(jasmine.objectContaining({ status: 'open', label: 'Campagne ouverte', version: 4 }));

      const actions = await db.knex('audit_log').where({ entity_type: 'campaign', entity_id: String(campaign.id) }).orderBy('id').pluck('action');
      expect(actions).toEqual(['campaign.created', 'campaign.opened', 'campaign.closed', 'campaign.reopened']);
      const reopenedAudit = (await auditRows('campaign.reopened', campaign.id))[0];
      expect(reopenedAudit.before).toEqual(jasmine.objectContaining({ status: 'closed', version: 3 }));
      expect(reopenedAudit.after).toEqual(reopened.body);

      const relabelled = await admin.patch(`/api/campaigns/${campaign.id}`, { label: 'Campagne annuelle', status: 'open', version: 4 });
      expect(relabelled.status).toBe(200);
      expect((await auditRows('campaign.updated', campaign.id)).length).toBe(1);
    });

    it('refuses a status change outside draft → open → closed → open (409 `status`), and a stale version (409 `version`)', async () => {
      const campaign = await createCampaign();
      const before = await snapshot();
      const closeDraft = await admin.patch(`/api/campaigns/${campaign.id}`, { status: 'closed', version: 1 });
      expect(closeDraft.status).toBe(409);
      expect(closeDraft.body.error.message).toBe('Une campagne « En préparation » ne peut pas passer à « Clôturée ».');
      expect(closeDraft.body.error.fields[0].path).toBe('status');
      expect((await admin.patch(`/api/campaigns/${campaign.id}`, { status: 'open', version: 1 })).status).toBe(200);
      const backToDraft = await admin.patch(`/api/campaigns/${campaign.id}`, { status: 'draft', version: 2 });
      expect(backToDraft.status).toBe(409);
      expect(backToDraft.body.error.message).toBe('Une campagne « Ouverte » ne peut pas passer à « En préparation ».');
      const stale = await admin.patch(`/api/campaigns/${campaign.id}`, { label: 'Trop tard', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toBe('Cette campagne a été modifiée par quelqu’un d’autre entre-temps. Rechargez la page puis refaites votre modification.');
      expect(stale.body.error.fields).toEqual([{ path: 'version', message: 'Version périmée.' }]);
      expect(await snapshot()).toEqual({ ...before, audit: before.audit + 1 });
      expect(await campaignRow(campaign.id)).toEqual(jasmine.objectContaining({ status: 'open', version: 2 }));
      expect((await admin.patch('/api/campaigns/999999', { label: 'Fantôme', version: 1 })).status).toBe(404);
    });

    it('replaces the periods while no unit has started them; a started period can change dates but not be removed (409)', async () => {
      const campaign = await createCampaign();
      const year = campaign.year;
      const replaced = await admin.patch(`/api/campaigns/${campaign.id}`, {
        periods: [
          { period: `${year}-Q1`, opensOn: `${year}-01-01`, dueOn: `${year}-05-15` },
          { period: `${year}`, opensOn: `${year}-01-01`, dueOn: `${year + 1}-03-31` },
        ],
        version: 1,
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body.periods).toEqual([
        { period: `${year}-Q1`, opensOn: `${year}-01-01`, dueOn: `${year}-05-15` },
        { period: `${year}`, opensOn: `${year}-01-01`, dueOn: `${year + 1}-03-31` },
      ]);
      expect(await periodRows(campaign.id)).toEqual([
        { period: `${year}`, opens_on: `${year}-01-01`, due_on: `${year + 1}-03-31` },
        { period: `${year}-Q1`, opens_on: `${year}-01-01`, due_on: `${year}-05-15` },
      ]);

      await db.knex('submissions').insert({ unit_id: fx.unitA, period: `${year}-Q1` });
      const before = await snapshot();
      const removing = await admin.patch(`/api/campaigns/${campaign.id}`, { periods: [{ period: `${year}`, opensOn: `${year}-01-01`, dueOn: `${year + 1}-03-31` }], version: 2 });
      expect(removing.status).toBe(409);
      expect(removing.body.error.message).toBe(`Des saisies ont déjà commencé pour 1er trimestre ${year} : cette période ne peut pas être retirée de la campagne.`);
      expect(removing.body.error.fields[0].path).toBe('periods');
      expect(await snapshot()).toEqual(before);
      expect((await campaignRow(campaign.id)).version).toBe(2);

      const moving = await admin.patch(`/api/campaigns/${campaign.id}`, {
        periods: [
          { period: `${year}-Q1`, opensOn: `${year}-01-01`, dueOn: `${year}-06-30` },
          { period: `${year}-Q2`, opensOn: `${year}-04-01`, dueOn: `${year}-07-30` },
        ],
        version: 2,
      });
      expect(moving.status).toBe(200);
      expect(moving.body.periods.map((p: { period: string }) => p.period)).toEqual([`${year}-Q1`, `${year}-Q2`]);
      expect(moving.body.periods[0].dueOn).toBe(`${year}-06-30`);

      const otherYear = await admin.patch(`/api/campaigns/${campaign.id}`, { periods: [{ period: `${year + 1}-Q1`, opensOn: `${year + 1}-01-01`, dueOn: `${year + 1}-04-30` }], version: 3 });
      expect(otherYear.status).toBe(422);
      expect(otherYear.body.error.fields[0].path).toBe('periods');
    });
  });

  describe('extensions', () => {
    it('grants a unit a later deadline for a period: the campaign with it, stored, audited; changed; removed (204)', async () => {
      const campaign = await createCampaign();
      const period = `${campaign.year}-Q1`;
      const url = `/api/campaigns/${campaign.id}/extensions/${fx.unitA}/${period}`;
      const before = await snapshot();
      const res = await put(admin, url, { dueOn: `${campaign.year}-05-31`, reason: 'Changement d’équipe' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...campaign, updatedAt: jasmine.any(String), extensions: [{ unitId: fx.unitA, period, dueOn: `${campaign.year}-05-31`, reason: 'Changement d’équipe' }] });
      expect(await db.knex('campaign_extensions').where({ campaign_id: campaign.id })).toEqual([
        { campaign_id: campaign.id, unit_id: fx.unitA, period, due_on: `${campaign.year}-05-31`, reason: 'Changement d’équipe' },
      ]);
      expect(await snapshot()).toEqual({ ...before, extensions: before.extensions + 1, audit: before.audit + 1 });
      const set = await auditRows('campaign.extension_set', campaign.id);
      expect(set.length).toBe(1);
      expect(set[0].before).toBeNull();
      expect(set[0].after).toEqual({ unitId: fx.unitA, period, dueOn: `${campaign.year}-05-31`, reason: 'Changement d’équipe' });

      const changed = await put(admin, url, { dueOn: `${campaign.year}-06-15`, reason: '' });
      expect(changed.status).toBe(200);
      expect(changed.body.extensions).toEqual([{ unitId: fx.unitA, period, dueOn: `${campaign.year}-06-15`, reason: null }]);
      expect(await count('campaign_extensions')).toBe(before.extensions + 1);

      const removed = await admin.delete(url);
      expect(removed.status).toBe(204);
      expect(await db.knex('campaign_extensions').where({ campaign_id: campaign.id }).first()).toBeUndefined();
      const removedAudit = await auditRows('campaign.extension_removed', campaign.id);
      expect(removedAudit.length).toBe(1);
      expect(removedAudit[0].before).toEqual({ unitId: fx.unitA, period, dueOn: `${campaign.year}-06-15`, reason: null });
      const again = await admin.delete(url);
      expect(again.status).toBe(404);
      expect(again.body.error.message).toBe('Aucune prolongation pour ce centre et cette période.');
    });

    it('refuses a deadline not after the period’s own (422 `dueOn`), a period outside the campaign or an unknown unit (404), a unit closed then (422 `unitId`)', async () => {
      const campaign = await createCampaign();
      const year = campaign.year;
      const before = await snapshot();
      const same = await put(admin, `/api/campaigns/${campaign.id}/extensions/${fx.unitA}/${year}-Q1`, { dueOn: `${year}-04-30` });
      expect(same.status).toBe(422);
      expect(same.body.error.fields).toEqual([{ path: 'dueOn', message: `La nouvelle échéance doit suivre l’échéance normale de la période, le 30 avril ${year}.` }]);
      const notInCampaign = await put(admin, `/api/campaigns/${campaign.id}/extensions/${fx.unitA}/${year}-Q3`, { dueOn: `${year}-12-31` });
      expect(notInCampaign.status).toBe(404);
      expect(notInCampaign.body.error.message).toBe(`La période ${year}-Q3 ne fait pas partie de la campagne ${year}.`);
      const noUnit = await put(admin, `/api/campaigns/${campaign.id}/extensions/999999/${year}-Q1`, { dueOn: `${year}-12-31` });
      expect(noUnit.status).toBe(404);
      expect(noUnit.body.error.message).toBe('Centre introuvable.');
      const noCampaign = await put(admin, `/api/campaigns/999999/extensions/${fx.unitA}/${year}-Q1`, { dueOn: `${year}-12-31` });
      expect(noCampaign.status).toBe(404);
      const badPeriod = await put(admin, `/api/campaigns/${campaign.id}/extensions/${fx.unitA}/${year}-T1`, { dueOn: `${year}-12-31` });
      expect(badPeriod.status).toBe(422);
      expect(badPeriod.body.error.fields[0].path).toBe('period');

      const [closedUnit] = await db.knex('units').insert({ code: 'CRP-FERME', name: 'CRP fermé', region: 'R', kind: 'crp', opened_on: '2019-01-01', closed_on: `${year - 1}-12-31` }).returning('id');
      const closed = await put(admin, `/api/campaigns/${campaign.id}/extensions/${closedUnit.id}/${year}-Q1`, { dueOn: `${year}-12-31` });
      expect(closed.status).toBe(422);
      expect(closed.body.error.fields).toEqual([{ path: 'unitId', message: `CRP fermé n’était pas ouvert pendant la période 1er trimestre ${year} : rien à lui demander.` }]);
      expect(await snapshot()).toEqual(before);
    });

    it('drops the extensions of a period removed from the campaign', async () => {
      const campaign = await createCampaign();
      const year = campaign.year;
      expect((await put(admin, `/api/campaigns/${campaign.id}/extensions/${fx.unitB}/${year}-Q2`, { dueOn: `${year}-09-30` })).status).toBe(200);
      const res = await admin.patch(`/api/campaigns/${campaign.id}`, { periods: [twoQuarters(year)[0]], version: 1 });
      expect(res.status).toBe(200);
      expect(res.body.extensions).toEqual([]);
      expect(await db.knex('campaign_extensions').where({ campaign_id: campaign.id }).first()).toBeUndefined();
      expect((await auditRows('campaign.updated', campaign.id))[0].before.extensions.length).toBe(1);
    });
  });

  describe('non-administrators', () => {
    for (const who of ['leadA', 'finance', 'board'] as const) {
      it(`refuses ${who} every campaign write (403), writing nothing`, async () => {
        const campaign = await createCampaign();
        expect((await put(admin, `/api/campaigns/${campaign.id}/extensions/${fx.unitA}/${campaign.year}-Q1`, { dueOn: `${campaign.year}-06-30` })).status).toBe(200);
        const client = await TestClient.signedIn(app.app, fx.users[who].email);
        const before = await snapshot();
        const extension = `/api/campaigns/${campaign.id}/extensions/${fx.unitA}/${campaign.year}-Q1`;
        const responses = [
          await client.post('/api/campaigns', { year: nextYear++ }),
          await client.patch(`/api/campaigns/${campaign.id}`, { status: 'open', version: 1 }),
          await put(client, extension, { dueOn: `${campaign.year}-12-31` }),
          await client.delete(extension),
        ];
        for (const [i, res] of responses.entries()) {
          expect(res.status).withContext(`request ${i}`).toBe(403);
          expect(res.body).toEqual({ error: { code: 'forbidden', message: 'Vous n’avez pas les droits nécessaires pour cette action.' } });
        }
        expect(await snapshot()).toEqual(before);
        expect(await campaignRow(campaign.id)).toEqual(jasmine.objectContaining({ status: 'draft', version: 1 }));
      });
    }
  });
});
