import ExcelJS from 'exceljs';
import type { BudgetExecution, FinancialReportData, Payment, StaffSummary } from '@cn2r/shared';
import { seedDemo } from '@cn2r/db';
import { hashPassword } from '../auth/password-hasher.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../testing/test-app.js';
import type { App } from '../../app.js';

/**
 * The board must not recover the cost of a group of fewer than 3 people from anything it can read.
 * As finance, the amounts of every such group of the demo year are computed (what each personnel
 * line of 1 or 2 people paid and committed, its monthly payments, its staff cost, each MIG post's
 * spending); then every JSON answer and Excel export the board can read is searched for them, and
 * for two printed amounts whose difference is one of them. Finance still reads them.
 *
 * The voted credits of a line (budget decisions) are the budget the general assembly votes, public
 * by nature: they are not execution and are left out of the search (a line's credits can equal a
 * funded post's cost, as the MIG fiche publishes 120 000 € for one psychiatrist).
 */
const TODAY = '2026-11-20';
const YEAR = 2025;

/** Every amount in cents of a JSON answer (integers of at least 1 000 €: small numbers are counts, ETPT fractions, ids). */
function amountsOfJson(body: unknown): number[] {
  return [...JSON.stringify(body).matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0])).filter((n) => Number.isInteger(n) && Math.abs(n) >= 100_000);
}

/** Every amount of a workbook, in cents (cells are euros). */
async function amountsOfWorkbook(bytes: Buffer): Promise<number[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const out: number[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        const n = typeof v === 'number' ? v : v && typeof v === 'object' && 'result' in v && typeof (v as { result: unknown }).result === 'number' ? (v as { result: number }).result : null;
        if (n !== null && Math.abs(n) >= 1_000) out.push(Math.round(n * 100));
      }),
    ),
  );
  return out;
}

describe('staff costs of fewer than 3 people: nothing the board reads gives them back', () => {
  let db: TestDatabase;
  let board: TestClient;
  let finance: TestClient;
  /** label → amount in cents. */
  const secrets = new Map<string, number>();
  /** Amounts known without any personnel spending (credits, notifications, other envelopes, in-kind premises). */
  let publicAmountsAll = new Set<number>();
  /** endpoint → amounts the board reads there. */
  const readable = new Map<string, number[]>();

  beforeAll(async () => {
    let fx: Fixtures;
    let app: App;
    ({ db, fx, app } = await startFixtureApp((knex) => seedDemo(knex, hashPassword, { today: TODAY })));
    ({ board, finance } = await signInFixtures(app.app, fx, 'board', 'finance'));

    // ---- The secrets, as finance reads them ----
    const execution = (await finance.get(`/api/budget/${YEAR}/execution?asOf=${YEAR}-12-31`)).body as BudgetExecution;
    const small = execution.lines.filter((l) => l.envelope === 'personnel' && l.headcount !== undefined && l.headcount > 0 && l.headcount < 3);
    // The lines the issue names, among others: one person each on the MIG posts, Éducation and
    // ressources propres; two magistrates, two officers.
    expect(small.map((l) => l.code)).withContext('personnel lines paying 1 or 2 people in 2025').toEqual(
      jasmine.arrayContaining(['EDU-PERSONNEL', 'MAD-INTERIEUR', 'MAD-JUSTICE', 'MIG-AUXILIAIRE', 'MIG-PSYCHIATRE', 'MIG-PSYCHOLOGUE', 'PROPRES-PERSONNEL']),
    );
    for (const l of small) {
      if (l.paidCents !== 0) secrets.set(`${l.code} payé`, l.paidCents);
      if (l.committedCents !== 0 && l.committedCents !== l.openAeCents) secrets.set(`${l.code} engagé`, l.committedCents);
    }
    const payments = (await finance.get(`/api/budget/payments?year=${YEAR}`)).body as Payment[];
    for (const p of payments.filter((x) => small.some((l) => l.lineId === x.lineId))) secrets.set(`paiement ${p.id}`, p.amountCents);
    const staff = (await finance.get(`/api/staff/${YEAR}/summary`)).body as StaffSummary;
    for (const l of staff.byLine.filter((x) => x.headcount < 3 && x.costCents > 0)) secrets.set(`${l.code} coût des personnels`, l.costCents);
    // Only amounts of at least 1 000 € are searched (below, coincidences with counts and ids), and
    // not those equal to an amount that is public or not personal: voted credits, funding
    // notifications (a secondment convention states what the ministry pays), and the execution of
    // the other envelopes (in the demo an operating line committed 120 000 €, the psychiatrist's pay).
    const publicAmounts = new Set<number>();
    for (const l of execution.lines) {
      publicAmounts.add(l.openAeCents).add(l.openCpCents);
      if (l.envelope !== 'personnel') publicAmounts.add(l.committedCents).add(l.paidCents);
    }
    for (const p of payments.filter((x) => execution.lines.find((l) => l.lineId === x.lineId)?.envelope !== 'personnel')) publicAmounts.add(p.amountCents);
    const sources = (await finance.get('/api/budget/funding-sources')).body as { notifications: { amountCents: number }[] }[];
    for (const s of sources) for (const n of s.notifications) publicAmounts.add(n.amountCents);
    for (const c of (await finance.get(`/api/staff/in-kind?year=${YEAR}`)).body as { amountCents: number }[]) publicAmounts.add(c.amountCents);
    publicAmountsAll = publicAmounts;
    for (const [k, v] of secrets) if (Math.abs(v) < 100_000 || publicAmounts.has(v)) secrets.delete(k);
    expect(secrets.size).toBeGreaterThan(10);

    // ---- What the board reads ----
    const json = [
      `/api/budget/${YEAR}/execution?asOf=${YEAR}-12-31`,
      `/api/budget/${YEAR}/execution`,
      `/api/budget/comparison?from=${YEAR - 1}&to=${YEAR + 1}`,
      `/api/budget/commitments?year=${YEAR}`,
      `/api/budget/payments?year=${YEAR}`,
      `/api/budget/lines?year=${YEAR}`,
      `/api/budget/funding-sources`,
      `/api/dashboards/finance?year=${YEAR}&asOf=${YEAR}-12-31`,
      `/api/dashboards/board?year=${YEAR}`,
      `/api/dashboards/cost-per-activity?year=${YEAR}`,
      `/api/staff/${YEAR}/summary`,
      `/api/staff/in-kind?year=${YEAR}`,
      `/api/reports/${YEAR}/financial`,
    ];
    for (const url of json) {
      const res = await board.get(url);
      expect(res.status).withContext(url).toBe(200);
      readable.set(url, amountsOfJson(res.body));
    }
    const files = [
      `/api/budget/${YEAR}/execution.xlsx?asOf=${YEAR}-12-31`,
      `/api/budget/commitments.xlsx?year=${YEAR}`,
      `/api/budget/payments.xlsx?year=${YEAR}`,
      `/api/budget/comparison.xlsx?from=${YEAR - 1}&to=${YEAR + 1}`,
      `/api/staff/${YEAR}/summary.xlsx`,
      `/api/reports/${YEAR}/financial.xlsx`,
    ];
    for (const url of files) {
      const res = await board.download(url);
      expect(res.status).withContext(url).toBe(200);
      readable.set(url, await amountsOfWorkbook(res.body as Buffer));
    }
  }, 300_000);
  afterAll(() => db.drop());

  it('prints none of them in any answer or export the board can read', () => {
    for (const [url, amounts] of readable) {
      const set = new Set(amounts);
      for (const [label, cents] of secrets) expect(set.has(cents)).withContext(`${label} (${cents}) in ${url}`).toBeFalse();
    }
  });

  /**
   * A − B where B is a public amount is left out: that two people of a merged group are paid
   * exactly their voted credits (the MIG's 120 000 € and 60 000 €, which here also equal the
   * premises lent in kind) is a coincidence of the demo no masking of spending can undo.
   */
  it('gives none of them as the difference of two amounts printed in the same answer or export', () => {
    for (const [url, amounts] of readable) {
      // Multi-year comparisons: a year-over-year change of a group is the cost of whoever joined
      // or left it when everyone else's pay is unchanged (the demo: a post-doc joins ESR in 2025).
      // That is a change, not a cost the masking can hide; the same-year amounts are checked in
      // the execution of each year above. Known limit, written in the report.
      if (url.includes('comparison')) continue;
      const set = new Set(amounts);
      for (const [label, cents] of secrets) {
        const a = amounts.find((x) => set.has(x - cents) && !publicAmountsAll.has(x - cents) && !(publicAmountsAll.has(x) && publicAmountsAll.has(x - cents)));
        expect(a === undefined ? null : `${a} − ${a - cents}`).withContext(`${label} (${cents}) in ${url}`).toBeNull();
      }
    }
  });

  it('keeps the supporting documents of a merged line’s payments from the board (403), not from finance', async () => {
    const year = YEAR + 1;
    const execution = (await finance.get(`/api/budget/${year}/execution`)).body as BudgetExecution;
    const line = execution.lines.find((l) => l.code === 'MIG-PSYCHOLOGUE')!;
    const payment = ((await finance.get(`/api/budget/payments?year=${year}&lineId=${line.lineId}`)).body as Payment[])[0];
    expect(payment).withContext('a payment of the psychologist’s line').toBeDefined();
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
    const uploaded = await finance.agent
      .post(`/api/budget/payments/${payment.id}/attachments?fileName=bulletin.pdf`)
      .set('X-XSRF-TOKEN', await finance.csrfToken())
      .set('Content-Type', 'application/pdf')
      .send(pdf);
    expect(uploaded.status).withContext(JSON.stringify(uploaded.body)).toBe(201);
    expect((await board.get(`/api/budget/payments/${payment.id}/attachments`)).status).toBe(403);
    expect((await board.get(`/api/budget/attachments/${uploaded.body.id}`)).status).toBe(403);
    expect((await finance.get(`/api/budget/payments/${payment.id}/attachments`)).status).toBe(200);
    expect((await finance.get(`/api/budget/attachments/${uploaded.body.id}`)).status).toBe(200);
  });

  it('shows each merged group with its head count and the rule, and finance every line', async () => {
    const execution = (await board.get(`/api/budget/${YEAR}/execution?asOf=${YEAR}-12-31`)).body as BudgetExecution;
    const personnel = execution.lines.filter((l) => l.envelope === 'personnel');
    expect(personnel.every((l) => l.headcount === 0 || l.headcount! >= 3)).toBeTrue();
    expect(personnel.some((l) => l.code === 'PERSONNEL-MIG-H15' && l.headcount === 3)).toBeTrue();
    expect(execution.staffCostNote).toContain('au moins 3 personnes');
    const full = (await finance.get(`/api/budget/${YEAR}/execution?asOf=${YEAR}-12-31`)).body as BudgetExecution;
    // The same totals for both: merging moves no euro.
    expect(execution.total).toEqual(full.total);
    expect(execution.byEnvelope).toEqual(full.byEnvelope);
    expect(full.lines.some((l) => l.code === 'MIG-PSYCHOLOGUE')).toBeTrue();
    const financeAmounts = new Set(amountsOfJson(full));
    for (const [label, cents] of secrets) if (label.endsWith('payé')) expect(financeAmounts.has(cents)).withContext(label).toBeTrue();

    const report = (await board.get(`/api/reports/${YEAR}/financial`)).body as FinancialReportData;
    const posts = report.migH15.lines.filter((l) => l.key === 'psychiatrist' || l.key === 'psychologist' || l.key === 'medical_auxiliary');
    expect(posts.map((p) => [p.headcount, p.spentCents, p.spentMasked])).toEqual([
      [1, null, 'fewer_than_3_people'],
      [1, null, 'fewer_than_3_people'],
      [1, null, 'fewer_than_3_people'],
    ]);
    const mergedRow = report.migH15.lines.find((l) => l.key === 'personnel')!;
    expect(mergedRow.headcount).toBe(3);
    expect(mergedRow.spentCents).toBe(full.lines.filter((l) => l.code.startsWith('MIG-') && l.envelope === 'personnel').reduce((s, l) => s + l.paidCents, 0));
  });
});
