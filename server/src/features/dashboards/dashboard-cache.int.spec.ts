import { seedDemo } from '@cn2r/db';
import {
  AdminDashboardQuery,
  BoardDashboardQuery,
  CostPerActivityQuery,
  FinanceDashboardQuery,
  MapDashboardQuery,
  UnitLeadDashboardQuery,
  type DataEntryForm,
  type FormValue,
} from '@cn2r/shared';
import type { TestDatabase } from '../../testing/test-database.js';
import { TEST_PASSWORD, TestClient, buildSecondTestApp, buildTestServices, signInFixtures, startFixtureApp, type Fixtures } from '../../testing/test-app.js';
import type { App } from '../../app.js';
import type { Services } from '../../composition.js';
import { hashPassword } from '../auth/password-hasher.js';
import type { Actor } from '../auth/actor.js';

/**
 * The dashboards served from the cache are the dashboards computed live, after every kind of
 * write — on the demo data (seeded as of 20 November 2026), through the API on a real PostgreSQL.
 *
 * Each dashboard is first read (so it is cached), then something is written — through the
 * services (a value reopened and changed, a form validated, a payment, a target, a unit renamed)
 * or straight in SQL as a set-based import would (values and validated values of a whole year,
 * a staff allocation moved to another funder) — and every dashboard is read again and compared,
 * role by role, with its live computation (`DashboardService.unitLead`…, no cache). Each write
 * must change at least one dashboard, so a cache that missed the write would serve a stale answer
 * and fail. Then: the ETag and 304 of the routes, and two instances of the app on the same
 * database, each with its own cache, seeing what was written through the other one.
 */
const TODAY = '2026-11-20';

describe('dashboards served from the cache', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let live: Services;
  let admin: TestClient;
  let finance: TestClient;
  let board: TestClient;
  let lead: TestClient;
  let leadActor: Actor;
  let hdf: number;

  const actorOf = async (email: string): Promise<Actor> => {
    const user = await db.knex('users').where({ email }).first('id', 'email', 'display_name', 'role');
    const unitIds = (await db.knex('user_units').where({ user_id: user.id }).pluck('unit_id')) as number[];
    return { userId: user.id, email: user.email, displayName: user.display_name, role: user.role, unitIds, requestId: null };
  };

  /** Every dashboard of every role, with how to compute it live. */
  async function views(): Promise<{ name: string; client: TestClient; url: string; live: () => Promise<unknown> }[]> {
    const [a, f, b] = [await actorOf(fx.users.admin.email), await actorOf(fx.users.finance.email), await actorOf(fx.users.board.email)];
    const d = live.dashboards;
    const list: { name: string; client: TestClient; url: string; live: () => Promise<unknown> }[] = [];
    for (const year of [2025, 2026]) {
      const q = { year: String(year) };
      list.push(
        { name: `unit-lead ${year} (lead)`, client: lead, url: `/api/dashboards/unit-lead?year=${year}&unitId=${hdf}`, live: () => d.unitLead(leadActor, UnitLeadDashboardQuery.parse({ ...q, unitId: String(hdf) })) },
        { name: `unit-lead ${year} (admin)`, client: admin, url: `/api/dashboards/unit-lead?year=${year}&unitId=${hdf}`, live: () => d.unitLead(a, UnitLeadDashboardQuery.parse({ ...q, unitId: String(hdf) })) },
        { name: `admin ${year}`, client: admin, url: `/api/dashboards/admin?year=${year}`, live: () => d.admin(a, AdminDashboardQuery.parse(q)) },
        { name: `finance ${year}`, client: finance, url: `/api/dashboards/finance?year=${year}`, live: () => d.finance(f, FinanceDashboardQuery.parse(q)) },
        { name: `finance ${year} (board)`, client: board, url: `/api/dashboards/finance?year=${year}`, live: () => d.finance(b, FinanceDashboardQuery.parse(q)) },
        { name: `board ${year}`, client: board, url: `/api/dashboards/board?year=${year}`, live: () => d.board(b, BoardDashboardQuery.parse(q)) },
        { name: `map ${year}`, client: lead, url: `/api/dashboards/map?year=${year}`, live: () => d.map(MapDashboardQuery.parse(q)) },
        { name: `cost per activity ${year} (finance)`, client: finance, url: `/api/dashboards/cost-per-activity?year=${year}`, live: () => d.costPerActivity(CostPerActivityQuery.parse(q), f) },
        { name: `cost per activity ${year} (board)`, client: board, url: `/api/dashboards/cost-per-activity?year=${year}`, live: () => d.costPerActivity(CostPerActivityQuery.parse(q), b) },
      );
    }
    list.push({ name: 'board (last complete year)', client: board, url: '/api/dashboards/board', live: () => d.board(b, BoardDashboardQuery.parse({})) });
    return list;
  }

  /** Every dashboard as served now, each checked against its live computation; name → JSON text. */
  async function servedEqualsLive(): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const v of await views()) {
      const res = await v.client.get(v.url);
      expect(res.status).withContext(`${v.name}: ${res.text.slice(0, 300)}`).toBe(200);
      expect(JSON.parse(res.text)).withContext(v.name).toEqual(JSON.parse(JSON.stringify(await v.live())));
      texts.set(v.name, res.text);
    }
    return texts;
  }

  const ok = async <T = unknown>(res: PromiseLike<{ status: number; body: unknown }>, status = 200): Promise<T> => {
    const r = await res;
    expect(r.status).withContext(JSON.stringify(r.body).slice(0, 500)).toBe(status);
    return r.body as T;
  };

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp((knex) => seedDemo(knex, hashPassword, { today: TODAY })));
    ({ admin, finance, board } = await signInFixtures(app.app, fx, 'admin', 'finance', 'board'));
    live = buildTestServices(db.knex);
    hdf = (await db.knex('units').where({ code: 'CRP-HDF' }).first('id')).id;
    await ok(admin.post('/api/users', { email: 'lead.cache@test.local', displayName: 'Lead cache', role: 'unit_lead', unitIds: [hdf], password: TEST_PASSWORD }), 201);
    lead = await TestClient.signedIn(app.app, 'lead.cache@test.local');
    leadActor = await actorOf('lead.cache@test.local');
  }, 240_000); // the whole demo seed, on a machine shared with others' tests
  afterAll(() => db.drop());

  /** A validated demo cell of CRP-HDF. */
  async function cell(period: string) {
    const row = await db
      .knex('indicator_values as v')
      .join('submissions as s', 's.id', 'v.submission_id')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .join('dimension_options as o', 'o.id', 'v.option_id')
      .where({ 's.unit_id': hdf, 's.period': period, 'i.code': 'ACT_CS', 'o.code': 'psychologue', 's.status': 'validated' })
      .first('v.id', 'v.indicator_id', 'v.option_id', 'v.value_num');
    expect(row).withContext(period).toBeDefined();
    return { id: Number(row.id), indicatorId: row.indicator_id as number, optionId: row.option_id as number, value: Number(row.value_num), url: `/api/units/${hdf}/forms/${period}` };
  }

  it('equals the live computation after every kind of write, each of which changes some dashboard', async () => {
    let before = await servedEqualsLive();
    // Served twice without a write: the same text (from the cache).
    expect(await servedEqualsLive()).toEqual(before);

    const c = await cell('2025-Q3');
    const writes: [string, () => Promise<unknown>][] = [
      [
        'a validated value reopened and changed by the unit lead',
        async () => {
          const reopened = await ok<FormValue>(admin.post(`${c.url}/values/${c.id}/reopen`, { reason: 'Antenne oubliée' }));
          return ok(lead.send('put', `${c.url}/values`, { indicatorId: c.indicatorId, optionId: c.optionId, value: c.value + 7, version: reopened.version }));
        },
      ],
      ['the form validated again', async () => ok(admin.post(`${c.url}/validate`, { version: (await ok<DataEntryForm>(admin.get(c.url))).submission.version }))],
      [
        'a payment',
        async () => {
          const line = await db.knex('budget_lines').where({ year: 2026 }).orderBy('id').first('id');
          return ok(finance.post('/api/budget/payments', { lineId: line.id, paidOn: '2026-11-02', kind: 'invoice', reference: 'F-CACHE', amountCents: 123_45 }), 201);
        },
      ],
      [
        'a target of an expected result',
        async () => {
          const indicator = await db.knex('indicators').whereNotNull('expected_result').orderBy('code').first('code');
          return ok(admin.send('put', `/api/targets/${indicator.code}/2026`, { target: 4321 }));
        },
      ],
      [
        'a unit renamed',
        async () => {
          const unit = await ok<{ version: number }>(admin.get(`/api/units/${hdf}`));
          return ok(admin.patch(`/api/units/${hdf}`, { name: 'CRP Hauts-de-France (renommé)', version: unit.version }));
        },
      ],
      [
        'a structure of the care offer published (the registry counts « structures référencées » of its year)',
        async () => {
          const proposal = await db.knex('care_offers').where({ status: 'proposed' }).orderBy('id').first('id', 'version');
          return ok(admin.post(`/api/care-offer/${proposal.id}/publish`, { version: proposal.version }));
        },
      ],
      [
        'a set-based import of validated values (SQL)',
        () =>
          db.knex.raw(
            `UPDATE indicator_values v SET value_num = v.value_num + 1, validated_value_num = v.validated_value_num + 1
             FROM submissions s WHERE s.id = v.submission_id AND s.period LIKE '2025%' AND s.status = 'validated' AND v.value_num IS NOT NULL`,
          ),
      ],
      [
        'a staff allocation moved to another funder (SQL)',
        async () => {
          const allocation = await db
            .knex('staff_allocations')
            .where('from_on', '<=', '2026-12-31')
            .andWhere((w) => w.whereNull('to_on').orWhere('to_on', '>=', '2026-01-01'))
            .orderBy('id')
            .first('id', 'funding_source_id');
          const other = await db.knex('funding_sources').whereNot({ id: allocation.funding_source_id }).orderBy('id').first('id');
          return db.knex('staff_allocations').where({ id: allocation.id }).update({ funding_source_id: other.id });
        },
      ],
    ];
    // The registry's count feeds the validated figures (NetworkFigures): served must still equal live
    // after a publication, though no dashboard of the demo shows NET_REF today.
    const mayShowNothing = new Set(writes.map(([label]) => label).filter((label) => label.startsWith('a structure of the care offer')));
    for (const [label, write] of writes) {
      await write();
      const after = await servedEqualsLive();
      const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k));
      if (!mayShowNothing.has(label)) expect(changed.length).withContext(`${label}: no dashboard changed`).toBeGreaterThan(0);
      before = after;
    }
  }, 600_000);

  it('answers an ETag, 304 on If-None-Match while nothing it reads changed, and a new ETag after a write', async () => {
    const url = '/api/dashboards/admin?year=2026';
    const first = await admin.get(url);
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const again = await admin.get(url).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(etag);

    // A payment: the admin dashboard does not read the budget, its version stays.
    const line = await db.knex('budget_lines').where({ year: 2026 }).orderBy('id').first('id');
    await ok(finance.post('/api/budget/payments', { lineId: line.id, paidOn: '2026-11-03', kind: 'invoice', reference: 'F-ETAG', amountCents: 10_00 }), 201);
    expect((await admin.get(url).set('If-None-Match', etag)).status).toBe(304);

    // A value of 2026 changed: the next request answers the new dashboard under a new tag.
    const open = await db
      .knex('indicator_values as v')
      .join('submissions as s', 's.id', 'v.submission_id')
      .where('s.period', 'like', '2026%')
      .whereNotNull('v.value_num')
      .first('v.id');
    await db.knex('indicator_values').where({ id: open.id }).increment('value_num', 1000);
    const changed = await admin.get(url).set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(JSON.parse(changed.text)).toEqual(JSON.parse(JSON.stringify(await live.dashboards.admin(await actorOf(fx.users.admin.email), AdminDashboardQuery.parse({ year: '2026' })))));
  }, 120_000);

  it('two instances of the app, each with its own cache: a write through one shows on the next request to the other', async () => {
    const { app: second, close } = buildSecondTestApp(db);
    try {
      const admin2 = await TestClient.signedIn(second.app, fx.users.admin.email);
      const board2 = await TestClient.signedIn(second.app, fx.users.board.email);
      const adminUrl = '/api/dashboards/admin?year=2025';
      const boardUrl = '/api/dashboards/board?year=2025';
      const read = async () => ({
        admin1: (await admin.get(adminUrl)).text,
        admin2: (await admin2.get(adminUrl)).text,
        board1: (await board.get(boardUrl)).text,
        board2: (await board2.get(boardUrl)).text,
      });
      const warm = await read();
      expect(warm.admin2).toBe(warm.admin1);
      expect(warm.board2).toBe(warm.board1);

      // Reopened and changed through instance 1, validated through instance 2.
      const c = await cell('2025-Q2');
      const reopened = await ok<FormValue>(admin.post(`${c.url}/values/${c.id}/reopen`, { reason: 'Deux instances' }));
      await ok(lead.send('put', `${c.url}/values`, { indicatorId: c.indicatorId, optionId: c.optionId, value: c.value + 11, version: reopened.version }));
      const pending = await read();
      expect(pending.admin2).withContext('instance 2 sees the pending value written through instance 1').not.toBe(warm.admin2);
      expect(pending.admin2).toBe(pending.admin1);
      expect(pending.board2).withContext('validated data unchanged until validation').toBe(warm.board2);

      const admin2Form = await ok<DataEntryForm>(admin2.get(c.url));
      await ok(admin2.post(`${c.url}/validate`, { version: admin2Form.submission.version }));
      const validated = await read();
      expect(validated.board1).withContext('instance 1 sees the validation made through instance 2').not.toBe(pending.board1);
      expect(validated.board1).toBe(validated.board2);
      const b = await actorOf(fx.users.board.email);
      expect(JSON.parse(validated.board1)).toEqual(JSON.parse(JSON.stringify(await live.dashboards.board(b, BoardDashboardQuery.parse({ year: '2025' })))));
    } finally {
      await close();
    }
  }, 120_000);
});
