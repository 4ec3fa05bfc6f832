import ExcelJS from 'exceljs';
import { seedDemo } from '@cn2r/db';
import type { TestDatabase } from '../../testing/test-database.js';
import { signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../testing/test-app.js';
import type { App } from '../../app.js';
import { hashPassword } from '../auth/password-hasher.js';

/**
 * One figure, one value, wherever it is shown. On the demo data seeded as of 20 November 2026
 * (report year 2025, the last full year), each key figure is computed here by hand from the
 * database's rows (validated values of the units of the indicator's kind; CP paid on the lines)
 * and read through every endpoint and document that shows it: the board dashboard's key figures,
 * the coordination dashboard's expected results and network totals, the cost per activity, the
 * activity report (API and workbook cells) and the financial summary (API and workbook cells).
 * All must be equal. The CN2R's trainings are never in the network's « Professionnels formés »
 * (5 616 in 2025) but beside it (909).
 */
const TODAY = '2026-11-20';
const YEAR = 2025;

type Figure = { code: string; label: string; n: number | null; n1: number | null; n2: number | null };

describe('key figures: one definition, every view equal', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let board: TestClient;
  let finance: TestClient;

  const workbook = async (client: TestClient, url: string) => {
    const res = await client.download(url);
    expect(res.status).withContext(url).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as Parameters<typeof book.xlsx.load>[0]);
    return book;
  };
  const rowsLabelled = (sheet: ExcelJS.Worksheet, label: string) => sheet.getRows(1, sheet.rowCount)!.filter((r) => r.getCell(1).value === label);
  const numbersOf = (row: ExcelJS.Row) => (row.values as unknown[]).filter((v): v is number => typeof v === 'number');

  /**
   * By hand: the sum of the validated values of a count indicator (summed over the periods of the
   * year, options included: they add up) over the units of its kind. Every code read here adds up
   * over time (or is yearly: one period), so a plain sum is its figure.
   */
  const byHand = async (code: string, year: number): Promise<number | null> => {
    const row = await db
      .knex('indicator_values as v')
      .join('submissions as s', 's.id', 'v.submission_id')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .join('units as u', 'u.id', 's.unit_id')
      .where('i.code', code)
      .whereRaw('u.kind = i.unit_kind')
      .where('s.status', 'validated')
      .where('s.period', 'like', `${year}%`)
      .whereNotNull('v.value_num')
      .select(db.knex.raw('sum(v.value_num)::text AS total, count(*)::int AS n'))
      .first();
    return row && Number(row.n) > 0 ? Number(row.total) : null;
  };
  /** By hand: CP paid in a year, on every line or on the lines of one destination / one funding source. */
  const paidByHand = async (year: number, filter: { missionArea?: string; source?: string } = {}) => {
    const q = db.knex('payments as p').join('budget_lines as l', 'l.id', 'p.line_id').where('l.year', year);
    if (filter.missionArea) q.where('l.mission_area', filter.missionArea);
    if (filter.source) q.join('funding_sources as f', 'f.id', 'l.funding_source_id').where('f.code', filter.source);
    const row = await q.sum({ total: 'p.amount_cents' }).first();
    return Number(row?.total ?? 0);
  };

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp((knex) => seedDemo(knex, hashPassword, { today: TODAY })));
    ({ admin, board, finance } = await signInFixtures(app.app, fx, 'admin', 'board', 'finance'));
  }, 240_000);
  afterAll(() => db.drop());

  it('the issue’s figures: 5 616 professionals trained by the centres, 909 people trained by the CN2R, in 2025', async () => {
    expect(await byHand('FOR_PERS', YEAR)).toBe(5_616);
    expect(await byHand('CN2R_FOR_PERS', YEAR)).toBe(909);
  });

  it('every indicator key figure is the same on the board, the coordination’s dashboard, the activity report and its workbook', async () => {
    const [boardRes, adminRes, reportRes] = await Promise.all([
      board.get(`/api/dashboards/board?year=${YEAR}`),
      admin.get(`/api/dashboards/admin?year=${YEAR}`),
      board.get(`/api/reports/${YEAR}/activity`),
    ]);
    for (const res of [boardRes, adminRes, reportRes]) expect(res.status).withContext(JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const boardFigures = boardRes.body.keyFigures as { key: string; label: string; value: number | null; previousValue: number | null }[];
    const reportFigures = reportRes.body.keyFigures as Figure[];
    const networkTotals = adminRes.body.networkTotals as { code: string; points: { year: number; validatedValue: number | null }[] }[];
    const expected = (adminRes.body.expectedResults as { indicators: { code: string; label: string; actual: number | null; target: number | null }[] }[]).flatMap((r) => r.indicators);
    const reportExpected = (reportRes.body.expectedResults as { indicators: { code: string; label: string; actual: number | null; target: number | null; n1: number | null }[] }[]).flatMap((r) => r.indicators);
    const sheet = (await workbook(board, `/api/reports/${YEAR}/activity.xlsx`)).getWorksheet('Chiffres clés')!;

    // Board key figures that are counts adding up (the delay is a median, checked against the report only).
    const summed = ['ACT_FA', 'ACT_NEW', 'ACT_CS', 'FOR_PERS', 'CN2R_FOR_PERS'];
    expect(boardFigures.map((f) => f.key)).toEqual(jasmine.arrayContaining(summed));
    for (const code of summed) {
      const hand = { n: await byHand(code, YEAR), n1: await byHand(code, YEAR - 1) };
      const onBoard = boardFigures.find((f) => f.key === code)!;
      const inReport = reportFigures.find((f) => f.code === code)!;
      expect(inReport).withContext(`${code} in the report's key figures`).toBeDefined();
      expect([onBoard.value, onBoard.previousValue]).withContext(`${code} board`).toEqual([hand.n, hand.n1]);
      expect([inReport.n, inReport.n1]).withContext(`${code} report`).toEqual([hand.n, hand.n1]);
      expect(onBoard.label).withContext(code).toBe(inReport.label);
      const cells = rowsLabelled(sheet, inReport.label);
      expect(cells.length).withContext(`${code} workbook row « ${inReport.label} »`).toBe(1);
      expect(numbersOf(cells[0])).withContext(`${code} workbook`).toEqual([inReport.n2, inReport.n1, inReport.n].filter((v): v is number => v !== null));
      const total = networkTotals.find((t) => t.code === code);
      if (total) expect(total.points.find((p) => p.year === YEAR)!.validatedValue).withContext(`${code} admin network total`).toBe(hand.n);
    }
    // Every board figure of an indicator equals the report's figure of the same code (the median delays included).
    for (const f of boardFigures.filter((f) => reportFigures.some((r) => r.code === f.key))) {
      const r = reportFigures.find((x) => x.code === f.key)!;
      expect([f.value, f.previousValue]).withContext(f.key).toEqual([r.n, r.n1]);
    }
    // The network and the CN2R side by side, never added: the labels say which is which.
    expect(boardFigures.find((f) => f.key === 'FOR_PERS')!.label).toBe('Professionnels formés (centres du réseau)');
    expect(boardFigures.find((f) => f.key === 'CN2R_FOR_PERS')!.label).toBe('Personnes formées par le CN2R');
    expect(boardFigures.findIndex((f) => f.key === 'CN2R_FOR_PERS')).toBe(boardFigures.findIndex((f) => f.key === 'FOR_PERS') + 1);
    expect(expected.find((i) => i.code === 'FOR_PERS')!.label).toBe('Professionnels formés (centres du réseau)');

    // Expected results: the coordination's dashboard and the report give the same actual and target.
    for (const code of ['FOR_PERS', 'FOR_SESS', 'CN2R_FOR_PERS', 'CN2R_FOR_SESS', 'NET_REF', 'NET_MEET', 'CN2R_NET_MEET', 'CN2R_REF_BP', 'CN2R_CARTO', 'CN2R_MOD_FOR']) {
      const hand = await byHand(code, YEAR);
      const a = expected.find((i) => i.code === code)!;
      const r = reportExpected.find((i) => i.code === code)!;
      expect(a).withContext(`${code} admin expected result`).toBeDefined();
      expect(r).withContext(`${code} report expected result`).toBeDefined();
      expect(a.actual).withContext(`${code} admin`).toBe(hand);
      expect(r.actual).withContext(`${code} report`).toBe(hand);
      expect(r.target).withContext(`${code} target`).toBe(a.target);
      expect(r.label).withContext(`${code} label`).toBe(a.label);
      expect(r.n1).withContext(`${code} report N-1`).toBe(await byHand(code, YEAR - 1));
    }
  }, 180_000);

  it('the training section shows the centres’ figure and the CN2R’s beside it, the same as the key figures, in the API and the workbook', async () => {
    const body = (await board.get(`/api/reports/${YEAR}/activity`)).body as {
      keyFigures: Figure[];
      training: { sessions: Record<'n' | 'n1' | 'n2', number | null>; trained: Record<'n' | 'n1' | 'n2', number | null>; cn2rSessions: Record<'n' | 'n1' | 'n2', number | null>; cn2rTrained: Record<'n' | 'n1' | 'n2', number | null>; byUnit: { unitCode: string; trained: number | null }[] };
    };
    const t = body.training;
    expect([t.trained.n, t.trained.n1]).toEqual([await byHand('FOR_PERS', YEAR), await byHand('FOR_PERS', YEAR - 1)]);
    expect([t.cn2rTrained.n, t.cn2rTrained.n1]).toEqual([await byHand('CN2R_FOR_PERS', YEAR), await byHand('CN2R_FOR_PERS', YEAR - 1)]);
    expect([t.sessions.n, t.cn2rSessions.n]).toEqual([await byHand('FOR_SESS', YEAR), await byHand('CN2R_FOR_SESS', YEAR)]);
    expect(t.trained.n).toBe(body.keyFigures.find((f) => f.code === 'FOR_PERS')!.n);
    expect(t.cn2rTrained.n).toBe(body.keyFigures.find((f) => f.code === 'CN2R_FOR_PERS')!.n);
    // The per-centre table adds up to the network's figure: the CN2R is not one of its rows.
    expect(t.byUnit.some((u) => u.unitCode === 'CN2R')).toBeFalse();
    expect(t.byUnit.reduce((s, u) => s + (u.trained ?? 0), 0)).toBe(t.trained.n!);

    const sheet = (await workbook(board, `/api/reports/${YEAR}/activity.xlsx`)).getWorksheet('Formation')!;
    expect(numbersOf(rowsLabelled(sheet, 'Professionnels formés — centres du réseau')[0])).toEqual([t.trained.n2!, t.trained.n1!, t.trained.n!]);
    expect(numbersOf(rowsLabelled(sheet, 'Personnes formées — CN2R')[0])).toEqual([t.cn2rTrained.n2!, t.cn2rTrained.n1!, t.cn2rTrained.n!]);
  }, 120_000);

  it('the cost per activity is the same on the dashboard and in the financial summary (API and workbook), each destination’s euros divided by its own outputs, each euro once', async () => {
    const dash = await finance.get(`/api/dashboards/cost-per-activity?year=${YEAR}`);
    expect(dash.status).toBe(200);
    type Area = { missionArea: string; spentCents: number; output: { code: string } | null; volume: number | null; centsPerUnit: number | null; leftOut: string | null };
    const d = dash.body as { spentCents: number; attributedCents: number; leftOutCents: number; byMissionArea: Area[] };
    // By hand: CP paid per destination, from the payments.
    const paid = await paidByHand(YEAR);
    expect(d.spentCents).toBe(paid);
    let attributed = 0;
    for (const area of d.byMissionArea) {
      expect(area.spentCents).withContext(area.missionArea).toBe(await paidByHand(YEAR, { missionArea: area.missionArea }));
      if (area.output) expect(area.volume).withContext(area.missionArea).toBe(await byHand(area.output.code, YEAR));
      // Only the CN2R's own outputs: never the centres' patients, consultations or trainees.
      if (area.output) expect(area.output.code).withContext(area.missionArea).toMatch(/^CN2R_/);
      if (area.leftOut === null) {
        attributed += area.spentCents;
        // Half away from zero, by hand in BigInt.
        const v = BigInt(Math.round(area.volume! * 10_000));
        const num = BigInt(area.spentCents) * 10_000n;
        expect(area.centsPerUnit).withContext(area.missionArea).toBe(Number((num * 2n + v) / (2n * v)));
      } else {
        expect(area.centsPerUnit).withContext(area.missionArea).toBeNull();
      }
    }
    expect(d.attributedCents).toBe(attributed);
    expect(d.attributedCents + d.leftOutCents).toBe(d.spentCents);
    const training = d.byMissionArea.find((a) => a.missionArea === 'formation')!;
    expect(training.output!.code).toBe('CN2R_FOR_PERS');
    expect(training.volume).toBe(909);
    expect(d.byMissionArea.find((a) => a.missionArea === 'support')!.leftOut).toBe('no_measured_output');

    // The board's « CP consommés » is the same total.
    const boardRes = await board.get(`/api/dashboards/board?year=${YEAR}`);
    expect((boardRes.body.keyFigures as { key: string; value: number }[]).find((f) => f.key === 'paid_cp')!.value).toBe(paid);

    // The financial summary is the general assembly's view, the board's: the same rows as the board's
    // dashboard for N and N-1 — personnel lines of 1 or 2 people merged into one left-out row, each
    // destination's spending the board's spending by destination —, the same total.
    const report = (await finance.get(`/api/reports/${YEAR}/financial`)).body as {
      threeYears: { code: string; n: number | null }[];
      costPerActivity: { code: string; label: string; costCents: Record<'n' | 'n1' | 'n2', number | null>; volume: Record<'n' | 'n1' | 'n2', number | null>; unitCostCents: Record<'n' | 'n1' | 'n2', number | null> }[];
    };
    expect(report.threeYears.find((f) => f.code === 'PAID')!.n).toBe(paid);
    const boardCost = (await board.get(`/api/dashboards/cost-per-activity?year=${YEAR}`)).body as { spentCents: number; attributedCents: number; leftOutCents: number; byMissionArea: Area[] };
    const boardPrevious = (await board.get(`/api/dashboards/cost-per-activity?year=${YEAR - 1}`)).body as { byMissionArea: Area[] };
    const boardFinance = (await board.get(`/api/dashboards/finance?year=${YEAR}`)).body as { byMissionArea: { key: string; paidCents: number }[] };
    expect(boardCost.spentCents).toBe(paid);
    expect(boardCost.attributedCents + boardCost.leftOutCents).toBe(paid);
    expect(boardCost.byMissionArea.map((a) => a.missionArea)).toContain('personnel_regroupe');
    expect(report.costPerActivity.map((c) => c.code)).toEqual(boardCost.byMissionArea.map((a) => a.missionArea));
    for (const area of boardCost.byMissionArea) {
      const row = report.costPerActivity.find((c) => c.code === area.missionArea)!;
      expect([row.costCents.n, row.volume.n, row.unitCostCents.n]).withContext(area.missionArea).toEqual([area.spentCents, area.volume, area.centsPerUnit]);
      // The board's spending by destination is the same amount.
      expect(boardFinance.byMissionArea.find((g) => g.key === area.missionArea)?.paidCents ?? 0).withContext(area.missionArea).toBe(area.spentCents);
      // The unit of work and its volume are finance's.
      const detail = d.byMissionArea.find((a) => a.missionArea === area.missionArea);
      if (detail) expect(area.volume).withContext(area.missionArea).toBe(detail.volume);
      const before = boardPrevious.byMissionArea.find((a) => a.missionArea === area.missionArea)!;
      expect([row.costCents.n1, row.volume.n1, row.unitCostCents.n1]).withContext(`${area.missionArea} N-1`).toEqual([before.spentCents, before.volume, before.centsPerUnit]);
      // 2023: no fiscal year in the tool.
      expect(row.costCents.n2).withContext(area.missionArea).toBeNull();
    }
    expect(report.costPerActivity.reduce((s, c) => s + c.costCents.n!, 0)).toBe(paid);

    const sheet = (await workbook(finance, `/api/reports/${YEAR}/financial.xlsx`)).getWorksheet('Coût par activité')!;
    for (const row of report.costPerActivity) {
      const cells = rowsLabelled(sheet, row.label);
      expect(cells.length).withContext(row.label).toBe(1);
      // Euros in the workbook; N-1 then N (N-2 empty).
      const expectedCells = [row.costCents.n1, row.volume.n1, row.unitCostCents.n1, row.costCents.n, row.volume.n, row.unitCostCents.n]
        .map((v, i) => (v === null ? null : i % 3 === 1 ? v : v / 100))
        .filter((v): v is number => v !== null);
      expect(numbersOf(cells[0])).withContext(row.label).toEqual(expectedCells);
    }
    const notes = sheet.getRows(1, sheet.rowCount)!.map((r) => String(r.getCell(1).value ?? '')).join('\n');
    expect(notes).toContain('Dépenses 2025 non réparties');
    expect(notes).toContain('ne sert aucune réalisation mesurée');
    expect(notes).toContain('2023 : exercice non ouvert dans l’outil');
  }, 180_000);

  it('the budget, staff, units and research figures are the same on the board, the finance dashboard, the map and both reports', async () => {
    const [boardRes, financeRes, mapRes, activity, financial, staff] = await Promise.all([
      board.get(`/api/dashboards/board?year=${YEAR}`),
      finance.get(`/api/dashboards/finance?year=${YEAR}&asOf=${YEAR}-12-31`),
      board.get(`/api/dashboards/map?year=${YEAR}`),
      board.get(`/api/reports/${YEAR}/activity`),
      finance.get(`/api/reports/${YEAR}/financial`),
      finance.get(`/api/staff/${YEAR}/summary`),
    ]);
    for (const res of [boardRes, financeRes, mapRes, activity, financial, staff]) expect(res.status).withContext(JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const boardFigure = (key: string) => (boardRes.body.keyFigures as { key: string; value: number | null; previousValue: number | null }[]).find((f) => f.key === key)!;
    const three = (code: string) => (financial.body.threeYears as Figure[]).find((f) => f.code === code)!;

    // CP paid and open: board, finance dashboard, financial summary (N and N-1), by hand.
    expect(boardFigure('paid_cp').value).toBe(await paidByHand(YEAR));
    expect(boardFigure('paid_cp').previousValue).toBe(await paidByHand(YEAR - 1));
    expect(financeRes.body.total.paidCents).toBe(boardFigure('paid_cp').value);
    expect([three('PAID').n, three('PAID').n1]).toEqual([boardFigure('paid_cp').value, boardFigure('paid_cp').previousValue]);
    expect([three('OPEN_CP').n, three('OPEN_CP').n1]).toEqual([boardFigure('open_cp').value, boardFigure('open_cp').previousValue]);
    expect(boardRes.body.budget.total.paidCents).toBe(boardFigure('paid_cp').value);

    // Spending by destination, finance's detail: finance dashboard and cost per activity, by hand.
    const cost = (await finance.get(`/api/dashboards/cost-per-activity?year=${YEAR}`)).body as { byMissionArea: { missionArea: string; spentCents: number }[] };
    for (const row of financeRes.body.byMissionArea as { key: string; paidCents: number }[]) {
      expect(row.paidCents).withContext(row.key).toBe(await paidByHand(YEAR, { missionArea: row.key }));
      expect(cost.byMissionArea.find((a) => a.missionArea === row.key)!.spentCents).withContext(row.key).toBe(row.paidCents);
    }
    // The general assembly's view (the financial summary's section) is the board's: personnel lines of
    // 1 or 2 people merged into one row (privacy), the same rows as the board's finance dashboard, same total.
    const boardFinance = await board.get(`/api/dashboards/finance?year=${YEAR}`);
    expect(boardFinance.status).toBe(200);
    const spending = financial.body.spendingByMission as { missionArea: string; paidCents: number }[];
    for (const row of spending) {
      expect((boardFinance.body.byMissionArea as { key: string; paidCents: number }[]).find((g) => g.key === row.missionArea)!.paidCents).withContext(row.missionArea).toBe(row.paidCents);
    }
    expect(spending.reduce((s, r) => s + r.paidCents, 0)).toBe(await paidByHand(YEAR));

    // Staff (ETPT): the board's total is the staff summary's, and the sum of the report's categories.
    const total = staff.body.totalEtpt as { num: number; den: number };
    expect(boardFigure('etpt').value).toBe(Math.round((10_000 * total.num) / total.den));
    const byCategory = (activity.body.governance.staff as { etpt: { num: number; den: number } }[]).reduce((s, c) => s + c.etpt.num / c.etpt.den, 0);
    expect(Math.abs(byCategory - total.num / total.den)).toBeLessThan(1e-9);

    // Centres open in the year: the activity report's key figure and the map.
    const units = (activity.body.keyFigures as Figure[]).find((f) => f.code === 'UNITS')!;
    const onMap = (mapRes.body.units as { kind: string; openInYear: boolean }[]).filter((u) => u.kind === 'crp' && u.openInYear).length;
    expect(units.n).toBe(onMap);

    // Each centre's key figures on the map are its rows of the report's per-centre tables.
    const byUnit = new Map((activity.body.networkActivity as { code: string; byUnit: { unitCode: string; n: number | null }[] }[]).map((i) => [i.code, new Map(i.byUnit.map((u) => [u.unitCode, u.n]))]));
    let compared = 0;
    for (const unit of mapRes.body.units as { code: string; kind: string; keyFigures: { code: string; value: number | null }[] }[]) {
      if (unit.kind !== 'crp') continue;
      for (const f of unit.keyFigures) {
        const inReport = byUnit.get(f.code)?.get(unit.code);
        if (inReport === undefined) continue;
        expect(f.value).withContext(`${unit.code} ${f.code}`).toBe(inReport);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(10 * 4);

    // Research: the key figure, the research section and the hand count agree.
    const publications = (activity.body.keyFigures as Figure[]).find((f) => f.code === 'RES_PUB')!;
    expect([activity.body.research.publications.n, activity.body.research.publications.n1]).toEqual([publications.n, publications.n1]);
    expect(publications.n).toBe(await byHand('RES_PUB', YEAR));
    const refs = (activity.body.keyFigures as Figure[]).find((f) => f.code === 'NET_REF')!;
    expect(refs.n).toBe(await byHand('NET_REF', YEAR));
  }, 180_000);

  it('the financial summary fills N-1 from the data (MIG H15, in kind) and says why N-2 is missing', async () => {
    const report = (await finance.get(`/api/reports/${YEAR}/financial`)).body as {
      keyFigures: Figure[];
      threeYears: Figure[];
      migH15: { lines: { spentCents: number }[] };
      missingYears: { year: number; reason: string }[];
    };
    const fig = (code: string) => report.keyFigures.find((f) => f.code === code)!;
    // MIG H15: N as the table's total, N-1 and N by hand from the payments on the MIG's lines.
    expect(fig('MIG_H15_SPENT').n).toBe(report.migH15.lines.reduce((s, l) => s + l.spentCents, 0));
    expect(fig('MIG_H15_SPENT').n).toBe(await paidByHand(YEAR, { source: 'MIG-H15' }));
    expect(fig('MIG_H15_SPENT').n1).toBe(await paidByHand(YEAR - 1, { source: 'MIG-H15' }));
    expect(fig('MIG_H15_SPENT').n1).toBeGreaterThan(0);
    expect(fig('MIG_H15_SPENT').n2).toBeNull();
    // Notified 280 000 € every year: the rate of N-1 from its spending.
    const rate = (cents: number) => Math.round((cents * 10_000) / 28_000_000);
    expect(fig('MIG_H15_RATE').n1).toBe(rate(fig('MIG_H15_SPENT').n1!));
    // In kind: the valuations of the demo (same every year: seconded staff and other contributions).
    expect(fig('IN_KIND').n1).not.toBeNull();
    expect(fig('IN_KIND').n2).toBeNull();
    // The finance dashboard of N-1 gives the same MIG spending.
    const financeN1 = (await finance.get(`/api/dashboards/finance?year=${YEAR - 1}`)).body as { byFundingSource: { key: string; paidCents: number }[] };
    expect(financeN1.byFundingSource.find((g) => g.key === 'MIG-H15')!.paidCents).toBe(fig('MIG_H15_SPENT').n1!);
    expect(report.missingYears).toEqual([{ year: YEAR - 2, reason: 'exercice non ouvert dans l’outil' }]);

    const book = await workbook(finance, `/api/reports/${YEAR}/financial.xlsx`);
    const keySheet = book.getWorksheet('Chiffres clés')!;
    const mig = rowsLabelled(keySheet, 'MIG H15 : dépenses de l’année')[0];
    expect(numbersOf(mig)).toEqual([fig('MIG_H15_SPENT').n1! / 100, fig('MIG_H15_SPENT').n! / 100]);
    for (const sheet of [keySheet, book.getWorksheet('Comparaison sur trois ans')!]) {
      const text = sheet.getRows(1, sheet.rowCount)!.map((r) => String(r.getCell(1).value ?? '')).join('\n');
      expect(text).withContext(sheet.name).toContain('2023 : exercice non ouvert dans l’outil');
    }
  }, 120_000);
});
