import { seedDemo } from '@cn2r/db';
import type { ActivityReportData, DataEntryForm, FormValue } from '@cn2r/shared';
import type { TestDatabase } from '../../testing/test-database.js';
import { TEST_PASSWORD, TestClient, signInFixtures, startFixtureApp, type Fixtures } from '../../testing/test-app.js';
import type { App } from '../../app.js';
import { hashPassword } from '../auth/password-hasher.js';
import { maskActivityReportData } from '@cn2r/reports';

/**
 * Validated means validated, value by value — through the API on a real PostgreSQL, on the demo
 * data seeded as of 20 November 2026 (every quarter of 2025 validated).
 *
 * The coordination reopens one value of a validated 2025 form and the unit lead changes it by
 * +7 consultations: every reader of validated data (the finance and board views of the form, the
 * board and finance dashboards, the map, cost per activity, the admin dashboard's validated
 * figures, the activity report's data and a new official version) answers exactly what it answered
 * before the change, while the lead and the coordination see the pending value, flagged, with the
 * validated one beside it. Once the coordination validates again, every reader shows the new value:
 * the consultations of 2025 grow by exactly 7 in the network, the unit and cost per activity.
 * A validated form changed then returned to the unit stays readable by finance and the board with
 * its last validated values, until it is validated again.
 */
const TODAY = '2026-11-20';
const YEAR = 2025;
const DELTA = 7;

describe('validated values, cell by cell', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let board: TestClient;
  let finance: TestClient;
  let leadCount = 0;

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp((knex) => seedDemo(knex, hashPassword, { today: TODAY })));
    ({ admin, board, finance } = await signInFixtures(app.app, fx, 'admin', 'board', 'finance'));
  }, 180_000); // the whole demo seed, on a machine shared with others' tests
  afterAll(() => db.drop());

  /** One demo cell: its unit, the form's URL, ids and its validated value, and a signed-in lead of that unit. */
  async function demoCell(unitCode: string, period: string, indicatorCode: string, optionCode: string) {
    const row = await db
      .knex('indicator_values as v')
      .join('submissions as s', 's.id', 'v.submission_id')
      .join('units as u', 'u.id', 's.unit_id')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .join('dimension_options as o', 'o.id', 'v.option_id')
      .where({ 'u.code': unitCode, 's.period': period, 'i.code': indicatorCode, 'o.code': optionCode })
      .first('v.id', 'v.indicator_id', 'v.option_id', 'v.value_num', 's.unit_id', 's.status', 's.changed_since_validation');
    expect(row).withContext(`${unitCode} ${period} ${indicatorCode}[${optionCode}]`).toBeDefined();
    expect(row.status).toBe('validated');
    expect(row.changed_since_validation).toBeFalse();
    const email = `lead.validated.${++leadCount}@test.local`;
    const created = await admin.post('/api/users', { email, displayName: `Lead ${unitCode}`, role: 'unit_lead', unitIds: [row.unit_id], password: TEST_PASSWORD });
    expect(created.status).withContext(JSON.stringify(created.body)).toBe(201);
    return {
      unitId: row.unit_id as number,
      valueId: Number(row.id),
      indicatorId: row.indicator_id as number,
      optionId: row.option_id as number,
      validated: Number(row.value_num),
      url: `/api/units/${row.unit_id}/forms/${period}`,
      lead: await TestClient.signedIn(app.app, email),
    };
  }

  const ok = async (res: Promise<{ status: number; body: unknown }> | { status: number; body: unknown }) => {
    const r = await res;
    expect(r.status).withContext(JSON.stringify(r.body).slice(0, 500)).toBe(200);
    return r.body as never;
  };

  /** What a reader of validated data can see of a form: the values (no edit metadata), references, rules. */
  const validatedView = (form: DataEntryForm) => ({
    values: form.values.map((v) => ({ id: v.id, indicatorId: v.indicatorId, optionId: v.optionId, value: v.value, validatedValue: v.validatedValue, validatedAt: v.validatedAt, pendingValidation: v.pendingValidation })),
    previousPeriod: form.previousPeriod,
    lastYear: form.lastYear,
    finerValues: form.finerValues,
    ruleResults: form.ruleResults,
  });
  /** The data without what says when and which edition it is (live draft or official version). */
  const withoutGeneratedAt = ({ generatedAt, edition, ...data }: ActivityReportData) => {
    void generatedAt;
    void edition;
    return data;
  };

  /** Every reader of validated data, as the API answers it now. */
  async function readers(url: string, year = YEAR) {
    const financeForm: DataEntryForm = await ok(finance.get(url));
    const boardForm: DataEntryForm = await ok(board.get(url));
    const adminDashboard = await ok(admin.get(`/api/dashboards/admin?year=${year}`));
    return {
      financeForm: validatedView(financeForm),
      boardForm: validatedView(boardForm),
      board: await ok(board.get(`/api/dashboards/board?year=${year}`)),
      finance: await ok(finance.get(`/api/dashboards/finance?year=${year}&asOf=${year}-12-31`)),
      map: await ok(board.get(`/api/dashboards/map?year=${year}`)),
      costPerActivity: await ok(board.get(`/api/dashboards/cost-per-activity?year=${year}`)),
      costPerActivityFinance: await ok(finance.get(`/api/dashboards/cost-per-activity?year=${year}`)),
      // The admin dashboard's validated figures: expected results against targets, validated network totals.
      adminValidated: {
        expectedResults: (adminDashboard as { expectedResults: unknown }).expectedResults,
        networkTotals: (adminDashboard as { networkTotals: { code: string; points: { year: number; validatedValue: number | null; validatedUnits: number }[] }[] }).networkTotals.map((t) => ({
          code: t.code,
          points: t.points.map((p) => ({ year: p.year, validatedValue: p.validatedValue, validatedUnits: p.validatedUnits })),
        })),
      },
      activity: withoutGeneratedAt(await ok(board.get(`/api/reports/${year}/activity`))),
    };
  }
  type Readers = Awaited<ReturnType<typeof readers>>;

  /** The 2025 consultations as each reader shows them (network, the unit, the report); cost per activity divides by the CN2R's outputs only, compared whole above. */
  function consultations(r: Readers, unitId: number, unitCode: string) {
    const keyFigure = (r.board as { keyFigures: { key: string; value: number | null }[] }).keyFigures.find((f) => f.key === 'ACT_CS')!.value;
    const mapUnit = (r.map as { units: { id: number; keyFigures: { code: string; value: number | null }[] }[] }).units.find((u) => u.id === unitId)!;
    const report = r.activity.networkActivity.find((i) => i.code === 'ACT_CS')!;
    return {
      board: keyFigure,
      map: mapUnit.keyFigures.find((f) => f.code === 'ACT_CS')!.value,
      report: report.n,
      reportUnit: report.byUnit.find((u) => u.unitCode === unitCode)!.n,
    };
  }

  const cellOf = (form: DataEntryForm, valueId: number): FormValue => form.values.find((v) => v.id === valueId)!;
  const versionOf = async (url: string) => ((await ok(admin.get(url))) as DataEntryForm).submission.version;

  it('reopened and changed by the unit lead: every reader keeps the last validated value until the coordination validates the change', async () => {
    const cell = await demoCell('CRP-PACA', `${YEAR}-Q3`, 'ACT_CS', 'psychologue');
    const before = await readers(cell.url);
    const was = consultations(before, cell.unitId, 'CRP-PACA');
    // Every figure is there to be compared: the demo has consultations in every view.
    expect(Object.values(was).every((n) => typeof n === 'number' && n > 0)).withContext(JSON.stringify(was)).toBeTrue();
    expect(cellOf((await ok(finance.get(cell.url))) as DataEntryForm, cell.valueId)).toEqual(
      jasmine.objectContaining({ value: cell.validated, validatedValue: cell.validated, pendingValidation: false }),
    );

    const reopened = await ok(admin.post(`${cell.url}/values/${cell.valueId}/reopen`, { reason: 'Consultations de l’antenne oubliées' }));
    const changed = await cell.lead.send('put', `${cell.url}/values`, { indicatorId: cell.indicatorId, optionId: cell.optionId, value: cell.validated + DELTA, version: (reopened as FormValue).version });
    expect(changed.status).withContext(JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.value).toEqual(jasmine.objectContaining({ value: cell.validated + DELTA, validatedValue: cell.validated, pendingValidation: true }));
    expect(changed.body.submission).toEqual(jasmine.objectContaining({ status: 'validated', changedSinceValidation: true }));
    // Stored: the pending value and, beside it, the last validated one.
    const stored = await db.knex('indicator_values').where({ id: cell.valueId }).first('value_num', 'validated_value_num');
    expect([Number(stored.value_num), Number(stored.validated_value_num)]).toEqual([cell.validated + DELTA, cell.validated]);

    // Every reader of validated data answers exactly as before.
    const pending = await readers(cell.url);
    for (const reader of Object.keys(before) as (keyof Readers)[]) {
      expect(pending[reader]).withContext(reader).toEqual(before[reader] as never);
    }
    expect(consultations(pending, cell.unitId, 'CRP-PACA')).toEqual(was);
    expect(cellOf((await ok(board.get(cell.url))) as DataEntryForm, cell.valueId)).toEqual(
      jasmine.objectContaining({ value: cell.validated, validatedValue: cell.validated, pendingValidation: false }),
    );
    // The next quarter and the same quarter a year later show them the validated value as a reference too.
    const nextQuarter = cell.url.replace(`${YEAR}-Q3`, `${YEAR}-Q4`);
    const nextYear = cell.url.replace(`${YEAR}-Q3`, `${YEAR + 1}-Q3`);
    const reference = (form: DataEntryForm, which: 'previousPeriod' | 'lastYear') =>
      form[which].values.find((v) => v.indicatorId === cell.indicatorId && v.optionId === cell.optionId)?.value;
    for (const client of [finance, board]) {
      expect(reference(await ok(client.get(nextQuarter)), 'previousPeriod')).toBe(cell.validated);
      expect(reference(await ok(client.get(nextYear)), 'lastYear')).toBe(cell.validated);
    }
    expect(reference(await ok(cell.lead.get(nextQuarter)), 'previousPeriod')).toBe(cell.validated + DELTA);
    // Nor does a readers' history show the pending change.
    const history = (await ok(finance.get(`${cell.url}/values/${cell.valueId}/history`))) as { action: string }[];
    expect(history.map((h) => h.action)).not.toContain('value.updated');

    // A new official version made now takes the validated value too.
    const generated = await admin.post(`/api/reports/${YEAR}/versions`);
    expect(generated.status).withContext(JSON.stringify(generated.body)).toBe(201);
    const snapshot = await db.knex('report_versions').where({ year: YEAR, number: generated.body.number }).first('activity_data');
    const official = (typeof snapshot.activity_data === 'string' ? JSON.parse(snapshot.activity_data) : snapshot.activity_data) as ActivityReportData;
    // The snapshot keeps every count; the board reads it masked, as it read the live data.
    expect(withoutGeneratedAt(maskActivityReportData(official))).toEqual(before.activity);

    // The lead and the coordination see the pending value, flagged, and the validated one beside it.
    for (const client of [cell.lead, admin]) {
      const form: DataEntryForm = await ok(client.get(cell.url));
      expect(cellOf(form, cell.valueId)).toEqual(jasmine.objectContaining({ value: cell.validated + DELTA, validatedValue: cell.validated, pendingValidation: true, reopened: true }));
      expect(form.values.filter((v) => v.pendingValidation).map((v) => v.id)).toEqual([cell.valueId]);
    }
    // The admin dashboard's all-values total already counts it; its validated total does not.
    const adminTotals = (await ok(admin.get(`/api/dashboards/admin?year=${YEAR}`))) as { networkTotals: { code: string; points: { year: number; value: number; validatedValue: number }[] }[] };
    const csTotal = adminTotals.networkTotals.find((t) => t.code === 'ACT_CS')!.points.find((p) => p.year === YEAR)!;
    expect(csTotal.validatedValue).toBe(was.board!);
    expect(csTotal.value - csTotal.validatedValue).toBe(DELTA);

    // The coordination validates the change: every reader shows the new value.
    expect((await admin.post(`${cell.url}/validate`, { version: await versionOf(cell.url) })).status).toBe(200);
    const after = await readers(cell.url);
    expect(consultations(after, cell.unitId, 'CRP-PACA')).toEqual({
      board: was.board! + DELTA,
      map: was.map! + DELTA,
      report: was.report! + DELTA,
      reportUnit: was.reportUnit! + DELTA,
    });
    for (const view of [after.financeForm, after.boardForm]) {
      expect(view.values.find((v) => v.id === cell.valueId)).toEqual(jasmine.objectContaining({ value: cell.validated + DELTA, validatedValue: cell.validated + DELTA, pendingValidation: false }));
    }
    expect(reference(await ok(finance.get(nextQuarter)), 'previousPeriod')).toBe(cell.validated + DELTA);
    expect(reference(await ok(board.get(nextYear)), 'lastYear')).toBe(cell.validated + DELTA);
    const leadForm: DataEntryForm = await ok(cell.lead.get(cell.url));
    expect(leadForm.values.some((v) => v.pendingValidation)).toBeFalse();
    expect(cellOf(leadForm, cell.valueId)).toEqual(jasmine.objectContaining({ value: cell.validated + DELTA, validatedValue: cell.validated + DELTA, reopened: false }));
  });

  it('a validated form changed, then returned to the unit: finance and the board keep its last validated values until it is validated again', async () => {
    // In 2026, whose campaign is open: a returned form goes back to the unit for changes.
    const year = YEAR + 1;
    const cell = await demoCell('CRP-GE', `${year}-Q2`, 'ACT_CS', 'psychologue');
    const before = await readers(cell.url, year);
    const was = consultations(before, cell.unitId, 'CRP-GE');

    const reopened = await ok(admin.post(`${cell.url}/values/${cell.valueId}/reopen`, { reason: 'Export incomplet' }));
    await ok(cell.lead.send('put', `${cell.url}/values`, { indicatorId: cell.indicatorId, optionId: cell.optionId, value: cell.validated + DELTA, version: (reopened as FormValue).version }));
    const returned = await admin.post(`${cell.url}/return`, { message: 'Merci de revoir aussi les autres professions.', version: await versionOf(cell.url) });
    expect(returned.status).withContext(JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.status).toBe('returned');
    // Back in the unit's hands: a second change, the form goes back to draft.
    let leadForm: DataEntryForm = await ok(cell.lead.get(cell.url));
    const second = await cell.lead.send('put', `${cell.url}/values`, { indicatorId: cell.indicatorId, optionId: cell.optionId, value: cell.validated + 2 * DELTA, version: cellOf(leadForm, cell.valueId).version });
    expect(second.status).withContext(JSON.stringify(second.body)).toBe(200);
    expect(second.body.submission.status).toBe('draft');
    expect(second.body.value).toEqual(jasmine.objectContaining({ value: cell.validated + 2 * DELTA, validatedValue: cell.validated, pendingValidation: true }));

    // Finance and the board still read the form (no 404) and every figure, with the last validated values.
    const meanwhile = await readers(cell.url, year);
    for (const reader of Object.keys(before) as (keyof Readers)[]) {
      if (reader === 'activity') continue; // its data-collection section counts the form as returned now
      expect(meanwhile[reader]).withContext(reader).toEqual(before[reader] as never);
    }
    const { dataCollection: collectedBefore, ...activityBefore } = before.activity;
    const { dataCollection: collectedNow, ...activityNow } = meanwhile.activity;
    expect(activityNow).toEqual(activityBefore);
    expect(collectedNow).not.toEqual(collectedBefore);
    expect(consultations(meanwhile, cell.unitId, 'CRP-GE')).toEqual(was);
    const financeForm: DataEntryForm = await ok(finance.get(cell.url));
    expect(financeForm.submission.status).toBe('draft');
    expect(cellOf(financeForm, cell.valueId)).toEqual(jasmine.objectContaining({ value: cell.validated, validatedValue: cell.validated, pendingValidation: false }));

    // Submitted and validated again: the new value everywhere.
    leadForm = await ok(cell.lead.get(cell.url));
    const submitted = await cell.lead.post(`${cell.url}/submit`, { version: leadForm.submission.version });
    expect(submitted.status).withContext(JSON.stringify(submitted.body)).toBe(200);
    expect((await admin.post(`${cell.url}/validate`, { version: submitted.body.version })).status).toBe(200);
    const after = await readers(cell.url, year);
    expect(consultations(after, cell.unitId, 'CRP-GE')).toEqual({
      board: was.board! + 2 * DELTA,
      map: was.map! + 2 * DELTA,
      report: was.report! + 2 * DELTA,
      reportUnit: was.reportUnit! + 2 * DELTA,
    });
    expect(cellOf((await ok(finance.get(cell.url))) as DataEntryForm, cell.valueId)).toEqual(
      jasmine.objectContaining({ value: cell.validated + 2 * DELTA, validatedValue: cell.validated + 2 * DELTA, pendingValidation: false }),
    );
  });

  it('a form never validated stays out of finance and board reach; its values are not pending', async () => {
    // CRP-ARA's 2026-Q3 is submitted, never validated.
    const row = await db.knex('submissions as s').join('units as u', 'u.id', 's.unit_id').where({ 'u.code': 'CRP-ARA', 's.period': '2026-Q3' }).first('s.unit_id', 's.status', 's.validated_at');
    expect([row.status, row.validated_at]).toEqual(['submitted', null]);
    const url = `/api/units/${row.unit_id}/forms/2026-Q3`;
    for (const client of [finance, board]) {
      const res = await client.get(url);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('validée');
    }
    const form: DataEntryForm = await ok(admin.get(url));
    expect(form.values.length).toBeGreaterThan(0);
    expect(form.values.every((v) => !v.pendingValidation && v.validatedValue === null && v.validatedAt === null)).toBeTrue();
  });
});
