import type { Response } from 'supertest';
import type { TestDatabase } from '../testing/test-database.js';
import { TestClient, startFixtureApp, type Fixtures } from '../testing/test-app.js';
import type { App } from '../app.js';

/**
 * Many clients editing the same row with the version they all read: exactly one wins, every other
 * one gets a 409, the stored row is the winner's and one audit row records it. Run on PGlite (one
 * connection, requests interleave between queries) and on the PostgreSQL server (a pool: the
 * transactions really overlap).
 */
const CLIENTS = 20;

describe('concurrent edits of the same row (optimistic concurrency)', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let indicatorId: number;
  let lineA: number;
  let lineB: number;
  let source: number;

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    const [ind] = await db
      .knex('indicators')
      .insert({ code: 'ACT_NEW', label: 'Nouveaux patients', domain: 'activite_clinique', value_type: 'count', period_type: 'quarter', time_aggregation: 'sum', unit_aggregation: 'sum', active_from: '2019-01-01', sort_order: 1 })
      .returning('id');
    indicatorId = ind.id;
    const [campaign] = await db.knex('campaigns').insert({ year: 2026, label: 'Campagne 2026', status: 'open' }).returning('id');
    await db.knex('campaign_periods').insert({ campaign_id: campaign.id, period: '2026-Q2', opens_on: '2026-04-01', due_on: '2099-07-30' });
    await db.knex('fiscal_years').insert({ year: 2026 });
    [{ id: source }] = await db.knex('funding_sources').insert({ code: 'MIG_H15', label: 'MIG H15', funder: 'DGOS', nature: 'mig' }).returning('id');
    const line = async (code: string) =>
      (await db.knex('budget_lines').insert({ year: 2026, code, label: `Ligne ${code}`, envelope: 'personnel', mission_area: 'support', funding_source_id: source }).returning('id'))[0].id as number;
    lineA = await line('PERS-A');
    lineB = await line('PERS-B');
  }, 180_000);
  afterAll(() => db.drop());

  /** One signed-in client per concurrent editor (separate sessions, like separate browsers). */
  async function editors(email: string): Promise<TestClient[]> {
    const clients: TestClient[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await TestClient.signedIn(app.app, email));
    return clients;
  }

  async function auditCount(entityType: string, entityId: number, action: string): Promise<number> {
    const row = await db.knex('audit_log').where({ entity_type: entityType, entity_id: String(entityId), action }).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  function oneWinner(answers: Response[], where: string): number {
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).withContext(`${where}: ${statuses.join(' ')}`).toBe(1);
    expect(statuses.filter((s) => s === 409).length).withContext(`${where}: ${statuses.join(' ')}`).toBe(CLIENTS - 1);
    for (const r of answers.filter((a) => a.status === 409)) expect(r.body.error.code).withContext(where).toBe('conflict');
    return statuses.indexOf(200);
  }

  it(`the same indicator value: ${CLIENTS} saves with one version, one wins, the value is the winner's, one audit row`, async () => {
    const clients = await editors(fx.users.leadA.email);
    const url = `/api/units/${fx.unitA}/forms/2026-Q2/values`;
    const first = await clients[0].send('put', url, { indicatorId, optionId: null, value: 1 });
    expect(first.status).withContext(JSON.stringify(first.body)).toBe(200);
    const version = first.body.value.version as number;
    const valueId = first.body.value.id as number;

    const answers = await Promise.all(clients.map((c, i) => c.send('put', url, { indicatorId, optionId: null, value: 100 + i, version })));
    const winner = oneWinner(answers, 'indicator value');

    const stored = await db.knex('indicator_values').where({ id: valueId }).first();
    expect(Number(stored.value_num)).toBe(100 + winner);
    expect(stored.version).toBe(version + 1);
    // One row for unit A (the other spec creates unit B's: the specs run in random order).
    const unitARows = await db.knex('indicator_values as v').join('submissions as s', 's.id', 'v.submission_id').where({ 's.unit_id': fx.unitA, 'v.indicator_id': indicatorId }).count({ n: '*' }).first();
    expect(Number(unitARows?.n)).toBe(1);
    expect(await auditCount('indicator_value', valueId, 'value.updated')).toBe(1);
    // The losers were told the current version; with it, the next save goes through.
    const retry = await clients[(winner + 1) % CLIENTS].send('put', url, { indicatorId, optionId: null, value: 7, version: version + 1 });
    expect(retry.status).toBe(200);
  });

  it(`the same first entry of a value: ${CLIENTS} saves without a version, one creates it, the others get 409`, async () => {
    const clients = await editors(fx.users.leadB.email);
    const url = `/api/units/${fx.unitB}/forms/2026-Q2/values`;
    const answers = await Promise.all(clients.map((c, i) => c.send('put', url, { indicatorId, optionId: null, value: 200 + i })));
    const winner = oneWinner(answers, 'first entry');
    const rows = await db.knex('indicator_values as v').join('submissions as s', 's.id', 'v.submission_id').where({ 's.unit_id': fx.unitB, 'v.indicator_id': indicatorId }).select('v.*');
    expect(rows.length).toBe(1);
    expect(Number(rows[0].value_num)).toBe(200 + winner);
    expect(await auditCount('indicator_value', rows[0].id, 'value.created')).toBe(1);
  });

  it(`the same budget line: ${CLIENTS} renames with one version, one wins, one audit row`, async () => {
    const clients = await editors(fx.users.finance.email);
    const read = await clients[0].get(`/api/budget/lines/${lineA}`);
    expect(read.status).toBe(200);
    const version = read.body.version as number;
    const answers = await Promise.all(clients.map((c, i) => c.send('patch', `/api/budget/lines/${lineA}`, { label: `Personnel ${i}`, version })));
    const winner = oneWinner(answers, 'budget line');
    const stored = await db.knex('budget_lines').where({ id: lineA }).first();
    expect(stored.label).toBe(`Personnel ${winner}`);
    expect(stored.version).toBe(version + 1);
    const audits = await db.knex('audit_log').where({ entity_type: 'budget_line', entity_id: String(lineA) }).whereLike('action', '%updated');
    expect(audits.length).toBe(1);
  });

  it(`the same staff allocation: ${CLIENTS} replacements with one version, one wins, its split stored, one audit row`, async () => {
    const clients = await editors(fx.users.finance.email);
    const member = await clients[0].post('/api/staff/members', { name: 'Dr Concurrence', category: 'medical', employerLabel: 'CN2R', employerKind: 'grouping', status: 'own' });
    expect(member.status).withContext(JSON.stringify(member.body)).toBe(201);
    const split = (bpOnA: number) => [
      { fromOn: '2026-01-01', toOn: '2026-12-31', shareBp: bpOnA, budgetLineId: lineA, fundingSourceId: source, missionArea: 'support' },
      { fromOn: '2026-01-01', toOn: '2026-12-31', shareBp: 10_000 - bpOnA, budgetLineId: lineB, fundingSourceId: source, missionArea: 'support' },
    ];
    const created = await clients[0].post(`/api/staff/members/${member.body.id}/assignments`, {
      positionLabel: 'Psychiatre',
      migPost: null,
      startOn: '2026-01-01',
      endOn: '2026-12-31',
      quotiteBp: 10_000,
      annualCostCents: 12_000_000,
      allocations: split(5_000),
    });
    expect(created.status).withContext(JSON.stringify(created.body)).toBe(201);
    const { id, version } = created.body as { id: number; version: number };

    const answers = await Promise.all(clients.map((c, i) => c.send('put', `/api/staff/assignments/${id}/allocations`, { allocations: split(1_000 + i * 100), version })));
    const winner = oneWinner(answers, 'staff allocation');
    const rows = await db.knex('staff_allocations').where({ assignment_id: id }).orderBy('budget_line_id');
    expect(rows.map((r) => [r.budget_line_id, r.share_bp])).toEqual([
      [lineA, 1_000 + winner * 100],
      [lineB, 9_000 - winner * 100],
    ]);
    expect(await auditCount('staff_assignment', id, 'staff_assignment.allocations_replaced')).toBe(1);
  });
});
