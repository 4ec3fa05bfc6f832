import ExcelJS from 'exceljs';
import { seedBudgetDemo } from '../../../../../db/seeds/budget-demo.js';
import { seedStaffDemo } from '../../../../../db/seeds/staff-demo.js';
import type { App } from '../../../app.js';
import type { TestDatabase } from '../../../testing/test-database.js';
import { signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../../testing/test-app.js';

const TODAY = '2026-11-23';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/** The data rows of a table sheet (after the header on row 4, before the totals row), as objects by header. */
function rowsOf(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = (sheet.getRow(4).values as unknown[]).slice(1) as string[];
  const out: Record<string, unknown>[] = [];
  for (let r = 5; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const first = row.getCell(1).value;
    if (first === 'Total') break;
    out.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  }
  return out;
}

describe('budget and staff Excel exports', () => {
  let db: TestDatabase;
  let app: App;
  let finance: TestClient;
  let board: TestClient;
  let lead: TestClient;

  const download = async (client: TestClient, url: string) => {
    const res = await client.download(url);
    return res;
  };

  beforeAll(async () => {
    let fx: Fixtures;
    ({ db, fx, app } = await startFixtureApp());
    await seedBudgetDemo(db.knex, { today: TODAY });
    await seedStaffDemo(db.knex, { today: TODAY });
    ({ finance, board, leadA: lead } = await signInFixtures(app.app, fx, 'finance', 'board', 'leadA'));
  });
  afterAll(() => db.drop());

  it('exports the execution per line, envelope, funding source and mission area with the JSON figures, totals as formulas', async () => {
    const json = (await finance.get(`/api/budget/2026/execution?asOf=${TODAY}`)).body;
    const line = json.lines[0];
    await finance.send('put', `/api/budget/lines/${line.lineId}/forecast`, { amountCents: 1_234_567, comment: 'Atterrissage de la démo' });
    const after = (await finance.get(`/api/budget/2026/execution?asOf=${TODAY}`)).body;

    // Finance's export has every line; the board's merges personnel lines of 1 or 2 people, like its JSON.
    const boardJson = (await board.get(`/api/budget/2026/execution?asOf=${TODAY}`)).body;
    const boardSheet = rowsOf((await workbookOf((await download(board, `/api/budget/2026/execution.xlsx?asOf=${TODAY}`)).body)).getWorksheet('Lignes')!);
    expect(boardSheet.map((r) => r['Code'])).toEqual(boardJson.lines.map((l: { code: string }) => l.code));
    expect(boardSheet.some((r) => String(r['Code']).startsWith('PERSONNEL-'))).toBeTrue();
    const res = await download(finance, `/api/budget/2026/execution.xlsx?asOf=${TODAY}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe('attachment; filename=execution-2026-au-2026-11-23.xlsx');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const workbook = await workbookOf(res.body);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Lignes', 'Enveloppes', 'Sources de financement', 'Destinations']);

    const lines = rowsOf(workbook.getWorksheet('Lignes')!);
    expect(lines.length).toBe(after.lines.length);
    const first = lines.find((r) => r['Code'] === line.code)!;
    const jsonFirst = after.lines.find((l: { lineId: number }) => l.lineId === line.lineId);
    expect(first['AE ouvertes']).toBe(jsonFirst.openAeCents / 100);
    expect(first['Payé']).toBe(jsonFirst.paidCents / 100);
    expect(first['Taux CP']).toBe(jsonFirst.cpRateBp / 10_000);
    expect(first['Atterrissage retenu']).toBe(12_345.67);
    expect(first['Projection des paiements']).toBe(jsonFirst.projectedPaidCents / 100);
    expect(first['Origine de l’atterrissage']).toBe('Saisi');
    expect(first['Commentaire de l’atterrissage']).toBe('Atterrissage de la démo');

    const envelopes = workbook.getWorksheet('Enveloppes')!;
    expect(rowsOf(envelopes).map((r) => [r['Enveloppe'], r['Engagé']])).toEqual(after.byEnvelope.map((g: { label: string; committedCents: number }) => [g.label, g.committedCents / 100]));
    const totals = envelopes.getRow(5 + after.byEnvelope.length);
    expect(totals.getCell(1).value).toBe('Total');
    const committedTotal = totals.getCell(4).value as ExcelJS.CellFormulaValue;
    expect(committedTotal.formula).toBe(`SUM(D5:D${4 + after.byEnvelope.length})`);
    expect(committedTotal.result).toBe(after.total.committedCents / 100);
    expect(rowsOf(workbook.getWorksheet('Destinations')!).length).toBe(after.byMissionArea.length);
    expect(rowsOf(workbook.getWorksheet('Sources de financement')!).length).toBe(after.byFundingSource.length);
  });

  it('exports commitments and payments of a year, reversals included, with the same totals as the JSON lists', async () => {
    const commitments = (await finance.get('/api/budget/commitments?year=2025')).body;
    const res = await download(finance, '/api/budget/commitments.xlsx?year=2025');
    expect(res.status).toBe(200);
    const sheet = (await workbookOf(res.body)).getWorksheet('Engagements')!;
    const rows = rowsOf(sheet);
    expect(rows.length).toBe(commitments.length);
    expect(rows[0]['N°']).toBe(commitments[0].id);
    expect((rows[0]['Date'] as Date).toISOString().slice(0, 10)).toBe(commitments[0].committedOn);
    const total = sheet.getRow(5 + rows.length).getCell(7).value as ExcelJS.CellFormulaValue;
    expect(total.result).toBe(commitments.reduce((s: number, c: { amountCents: number }) => s + c.amountCents, 0) / 100);

    // The board's list and export leave out the payments of personnel lines of 1 or 2 people (a month's pay).
    const payments = (await board.get('/api/budget/payments?year=2025')).body;
    expect(payments.length).toBeLessThan((await finance.get('/api/budget/payments?year=2025')).body.length);
    const paid = await download(board, '/api/budget/payments.xlsx?year=2025');
    const pRows = rowsOf((await workbookOf(paid.body)).getWorksheet('Paiements')!);
    expect(pRows.length).toBe(payments.length);
    const financePaid = rowsOf((await workbookOf((await download(finance, '/api/budget/payments.xlsx?year=2025')).body)).getWorksheet('Paiements')!);
    expect(financePaid.some((r) => r['Nature'] === 'Paie')).toBeTrue();

    // The same data downloads as the same bytes.
    const again = await download(finance, '/api/budget/commitments.xlsx?year=2025');
    expect(Buffer.compare(again.body, res.body)).toBe(0);
  });

  it('exports the multi-year comparison, one column group per year', async () => {
    const json = (await board.get('/api/budget/comparison?from=2024&to=2026')).body;
    const res = await download(board, '/api/budget/comparison.xlsx?from=2024&to=2026');
    expect(res.status).toBe(200);
    const workbook = await workbookOf(res.body);
    const envelopes = workbook.getWorksheet('Enveloppes')!;
    expect(envelopes.getCell('A1').value).toBe('Comparaison 2024–2026 par enveloppe');
    const rows = rowsOf(envelopes);
    expect(rows.map((r) => [r['Libellé'], r['Engagé 2024'], r['Payé 2026']])).toEqual(
      json.byEnvelope.map((r: { label: string; years: { committedCents: number; paidCents: number }[] }) => [r.label, r.years[0].committedCents / 100, r.years[2].paidCents / 100]),
    );
    expect(rowsOf(workbook.getWorksheet('Lignes')!).length).toBe(json.lines.length);
    expect((await board.get('/api/budget/comparison.xlsx?from=2090&to=2091')).status).toBe(404);
  });

  it('exports the staff summary with names and costs per person for finance only, aggregates for the board', async () => {
    const full = await workbookOf((await download(finance, '/api/staff/2026/summary.xlsx')).body);
    expect(full.worksheets.map((s) => s.name)).toEqual(['Par personne', 'Par ligne', 'Par financeur', 'Par destination', 'Postes MIG H15', 'Mises à disposition']);
    const json = (await finance.get('/api/staff/2026/summary')).body;
    const people = rowsOf(full.getWorksheet('Par personne')!);
    expect(people.length).toBe(json.people.length);
    expect(people[0]['Coût']).toBe(json.people[0].costCents / 100);
    const byLine = rowsOf(full.getWorksheet('Par ligne')!);
    expect(byLine.map((r) => r['Ligne'])).toEqual(json.byLine.map((l: { code: string }) => l.code));
    expect(byLine[0]['ETPT']).toBeCloseTo(json.byLine[0].etpt.num / json.byLine[0].etpt.den, 12);

    const aggregate = await workbookOf((await download(board, '/api/staff/2026/summary.xlsx')).body);
    expect(aggregate.worksheets.map((s) => s.name)).not.toContain('Par personne');
    for (const sheet of aggregate.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => expect(json.people.map((p: { name: string }) => p.name)).not.toContain(cell.value)));
    }

    // The board's costs of groups of 1 or 2 people: an empty cell and the reason, and no total that would give them away.
    const boardJson = (await board.get('/api/staff/2026/summary')).body as {
      byFunder: { label: string; costCents: number | null; costMasked: string | null }[];
    };
    expect(boardJson.byFunder.some((g) => g.costMasked)).toBeTrue();
    const funderSheet = aggregate.getWorksheet('Par financeur')!;
    const funders = rowsOf(funderSheet);
    expect(funders.map((r) => r['Financeur'])).toEqual(boardJson.byFunder.map((g) => g.label));
    for (const g of boardJson.byFunder) {
      const row = funders.find((r) => r['Financeur'] === g.label)!;
      expect(row['Coût'] ?? null).withContext(g.label).toBe(g.costCents === null ? null : g.costCents / 100);
      expect(row['Remarque'] ?? null).withContext(g.label).toBe(g.costMasked ? 'masqué (moins de 3 personnes)' : null);
    }
    const costColumn = (funderSheet.getRow(4).values as unknown[]).indexOf('Coût');
    funderSheet.eachRow((row) => expect(typeof row.getCell(costColumn).formula).withContext(`ligne ${row.number}`).not.toBe('string'));
    // Finance sees every cost, with its total.
    const financeFunders = rowsOf(full.getWorksheet('Par financeur')!);
    expect(financeFunders.every((r) => typeof r['Coût'] === 'number')).toBeTrue();
    expect(Object.keys(financeFunders[0])).not.toContain('Remarque');
  });

  it('refuses unit leads and checks the parameters', async () => {
    for (const url of ['/api/budget/2026/execution.xlsx', '/api/budget/commitments.xlsx?year=2026', '/api/budget/payments.xlsx?year=2026', '/api/budget/comparison.xlsx?from=2024&to=2026', '/api/staff/2026/summary.xlsx']) {
      expect((await lead.get(url)).status).withContext(url).toBe(403);
    }
    expect((await finance.get('/api/budget/commitments.xlsx')).status).toBe(422);
    expect((await finance.get('/api/budget/2099/execution.xlsx')).status).toBe(404);
  });
});
