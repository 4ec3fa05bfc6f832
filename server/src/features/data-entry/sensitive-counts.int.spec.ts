import ExcelJS from 'exceljs';
import { SECONDARY_CELL_TEXT, SMALL_CELL_TEXT, type ActivityReportData, type CellValue, type DataEntryForm } from '@cn2r/shared';
import { seedDemo } from '@cn2r/db';
import { hashPassword } from '../auth/password-hasher.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { TestClient, buildTestApp, signInFixtures, startFixtureApp, type Fixtures } from '../../testing/test-app.js';
import type { App } from '../../app.js';

/**
 * Sensitive counts of the demo (new patients by type of event, ACT_EVT, yearly) as each role
 * reads them. The coordination and a unit's own lead read every count; the board and finance read
 * them masked, « < 5 » (1 to 4) and « s » (secondary), so that no hidden count follows from the
 * unit's total (the new patients) or from the network's value of the option (printed in the
 * activity report) by one subtraction, and the forms hide the same cells as the report.
 */
const TODAY = '2026-11-20';
const YEAR = 2025;

describe('sensitive counts of the demo: who reads them, and masked how', () => {
  let db: TestDatabase;
  let fx: Fixtures;
  let admin: TestClient;
  let board: TestClient;
  let finance: TestClient;
  let units: { id: number; code: string }[];
  /** unit code → option label → [admin's value, board's value]. */
  const evt = new Map<string, Map<string, [CellValue, CellValue]>>();

  beforeAll(async () => {
    let app: App;
    ({ db, fx, app } = await startFixtureApp((knex) => seedDemo(knex, hashPassword, { today: TODAY })));
    ({ admin, board, finance } = await signInFixtures(app.app, fx, 'admin', 'board', 'finance'));
    units = await db.knex('units').where({ kind: 'crp' }).whereNotIn('code', ['CRP-A', 'CRP-B']).orderBy('code').select('id', 'code');
    for (const unit of units) {
      const url = `/api/units/${unit.id}/forms/${YEAR}`;
      const [a, b] = await Promise.all([admin.get(url), board.get(url)]);
      expect(a.status).withContext(unit.code).toBe(200);
      expect(b.status).withContext(`${unit.code} ${JSON.stringify(b.body).slice(0, 200)}`).toBe(200);
      const indicator = (a.body as DataEntryForm).indicators.find((i) => i.code === 'ACT_EVT')!;
      const labels = new Map(indicator.dimension!.options.map((o) => [o.id, o.label]));
      const byOption = new Map<string, [CellValue, CellValue]>();
      for (const v of (a.body as DataEntryForm).values.filter((x) => x.indicatorId === indicator.id && x.optionId !== null)) {
        const masked = (b.body as DataEntryForm).values.find((x) => x.id === v.id)!;
        byOption.set(labels.get(v.optionId!)!, [v.value, masked.value]);
      }
      evt.set(unit.code, byOption);
    }
  }, 240_000);
  afterAll(() => db.drop());

  const hidden = (v: CellValue) => v === SMALL_CELL_TEXT || v === SECONDARY_CELL_TEXT;

  it('masks every count of 1 to 4 for the board, and prints the others as they are', () => {
    let small = 0;
    for (const [unit, options] of evt) {
      for (const [option, [value, masked]] of options) {
        const isSmall = typeof value === 'number' && value >= 1 && value <= 4;
        small += isSmall ? 1 : 0;
        if (isSmall) expect(masked).withContext(`${unit} ${option}`).toBe(SMALL_CELL_TEXT);
        else if (!hidden(masked)) expect(masked).withContext(`${unit} ${option}`).toBe(value);
      }
    }
    // The demo has small counts of the rare events (attacks, natural disasters, war).
    expect(small).toBeGreaterThan(0);
  });

  it('leaves no hidden count that the unit’s total or the network’s value of the option gives back by one subtraction', () => {
    let secondary = 0;
    for (const [unit, options] of evt) {
      const hiddenInRow = [...options.values()].filter(([, masked]) => hidden(masked)).length;
      expect(hiddenInRow).withContext(unit).not.toBe(1);
      secondary += [...options.values()].filter(([, masked]) => masked === SECONDARY_CELL_TEXT).length;
    }
    expect(secondary).toBeGreaterThan(0);
    const optionLabels = [...evt.values().next().value!.keys()];
    for (const option of optionLabels) {
      const column = [...evt.values()].map((o) => o.get(option)!);
      const networkValue = column.reduce((s, [v]) => s + (typeof v === 'number' ? v : 0), 0);
      // A network value of 1 to 4 is hidden itself in the report; otherwise it is printed there.
      if (networkValue >= 5) expect(column.filter(([, masked]) => hidden(masked)).length).withContext(option).not.toBe(1);
    }
  });

  it('hides the same cells in the activity report the board downloads, and nulls them in its live data', async () => {
    const xlsx = await board.download(`/api/reports/${YEAR}/activity.xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Annexes par centre')!;
    const names = new Map((await db.knex('units').select('code', 'name')).map((r) => [r.name as string, r.code as string]));
    // The documents show no internal code: ACT_EVT's rows are those of its label.
    const evtLabel = (await db.knex('indicators').where({ code: 'ACT_EVT' }).first('label')).label as string;
    let unit: string | null = null;
    let compared = 0;
    sheet.eachRow((row) => {
      const first = row.getCell(1).value;
      if (typeof first === 'string' && names.has(first)) unit = names.get(first)!;
      // The test fixtures' units (CRP-A, CRP-B) have no values: their rows are empty.
      if (first !== evtLabel || unit === null || !evt.has(unit) || row.getCell(2).value === 'Total') return;
      const [, masked] = evt.get(unit)!.get(row.getCell(2).value as string)!;
      expect(row.getCell(4).value).withContext(`${unit} ${row.getCell(2).value}`).toBe(masked as never);
      compared++;
    });
    expect(compared).toBe(units.length * 10);

    const live = await board.get(`/api/reports/${YEAR}/activity`);
    expect(live.status).toBe(200);
    const data = live.body as ActivityReportData;
    expect(data.smallCellNote).toContain('secret secondaire');
    const annexEvt = data.annexes.flatMap((a) => a.rows.filter((r) => r.indicatorCode === 'ACT_EVT' && r.optionLabel !== null).map((r) => ({ unit: a.unitCode, r })));
    for (const { unit: code, r } of annexEvt) {
      if (!evt.has(code)) {
        expect(r.n).toBeNull();
        continue;
      }
      const [value, masked] = evt.get(code)!.get(r.optionLabel!)!;
      expect(r.n).withContext(`${code} ${r.optionLabel}`).toBe(hidden(masked) ? null : (value as number));
    }
    const adminLive = await admin.get(`/api/reports/${YEAR}/activity`);
    expect((adminLive.body as ActivityReportData).smallCellNote).toBeUndefined();
  });

  it('shows no count per event type on the dashboards the board, finance and everyone read (totals only)', async () => {
    const labels = [...evt.values().next().value!.keys()];
    for (const [client, url] of [
      [board, `/api/dashboards/board?year=${YEAR}`],
      [board, `/api/dashboards/map?year=${YEAR}`],
      [finance, `/api/dashboards/map?year=${YEAR}`],
      [board, `/api/dashboards/cost-per-activity?year=${YEAR}`],
    ] as const) {
      const res = await client.get(url);
      expect(res.status).withContext(url).toBe(200);
      const text = JSON.stringify(res.body);
      expect(text).withContext(url).not.toContain('ACT_EVT[');
      for (const label of labels) expect(text).withContext(`${url} ${label}`).not.toContain(`"${label}"`);
    }
  });

  it('masks finance the same way; the unit’s own lead and the coordination read every count; the history of a sensitive value hides its past counts from the board', async () => {
    const unit = units[0];
    const url = `/api/units/${unit.id}/forms/${YEAR}`;
    const fin = (await finance.get(url)).body as DataEntryForm;
    const brd = (await board.get(url)).body as DataEntryForm;
    expect(fin.values.map((v) => v.value)).toEqual(brd.values.map((v) => v.value));
    await db.knex('user_units').insert({ user_id: fx.users.leadA.id, unit_id: unit.id });
    const { app } = buildTestApp(db);
    const lead = await TestClient.signedIn(app, fx.users.leadA.email);
    const own = (await lead.get(url)).body as DataEntryForm;
    const coordination = (await admin.get(url)).body as DataEntryForm;
    expect(own.values.map((v) => v.value)).toEqual(coordination.values.map((v) => v.value));
    expect(own.values.some((v) => hidden(v.value))).toBeFalse();

    const indicator = brd.indicators.find((i) => i.code === 'ACT_EVT')!;
    const value = coordination.values.find((v) => v.indicatorId === indicator.id && v.optionId !== null)!;
    // The demo writes its values without history: one change, as the audit log records it.
    await db.knex('audit_log').insert({ actor_email: fx.users.admin.email, action: 'value.update', entity_type: 'indicator_value', entity_id: String(value.id), before: JSON.stringify({ value: 3 }), after: JSON.stringify({ value: value.value }) });
    const boardHistory = await board.get(`${url}/values/${value.id}/history`);
    const adminHistory = await admin.get(`${url}/values/${value.id}/history`);
    expect(boardHistory.status).toBe(200);
    expect((adminHistory.body as { after: CellValue }[]).some((e) => typeof e.after === 'number')).toBeTrue();
    expect((boardHistory.body as { before: CellValue; after: CellValue }[]).some((e) => typeof e.after === 'number' || typeof e.before === 'number')).toBeFalse();
  });
});
