import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { seedDemo } from '@cn2r/db';
import { formatLongDateFr, type DataEntryForm, type ReportVersion, type ReportVersionVerification } from '@cn2r/shared';
import type { TestDatabase } from '../../testing/test-database.js';
import { assemblyDeliberation, buildTestServices, signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../testing/test-app.js';
import type { App } from '../../app.js';
import { hashPassword } from '../auth/password-hasher.js';
import { ANNUAL_WORKBOOK_FORMAT } from '@cn2r/reports';
import { annualReportBuilders } from './annual-report-builders.js';
import { reportBuilderThread } from './report-builder-thread.js';
import { systemActor } from '../auth/actor.js';
import { pdfPagesText } from '../../../../reports/src/annual/pdf-text.js';
import { addDays, parisToday } from '../../dates/calendar-date.js';

/**
 * The annual reports through the API on a real PostgreSQL, on the demo data seeded as of
 * 20 November 2026 (the demo year of the reports is 2025, the last full year): the documents'
 * numbers equal the API's own aggregates, the MIG H15 follow-up, narratives (versioned, audited),
 * official versions (frozen files, same bytes on every download and on a rebuild from the snapshot,
 * status transitions, an approved version immutable in the database, a failure half-way stores
 * nothing) and who may do what.
 */
const TODAY = '2026-11-20';
const YEAR = 2025;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const binary = (res: { body: unknown }) => res.body as Buffer;

describe('annual reports', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let board: TestClient;
  let finance: TestClient;
  let lead: TestClient;

  const download = (client: TestClient, url: string) => client.download(url);
  const versionsCount = async () => Number((await db.knex('report_versions').count({ n: '*' }).first())!.n);

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp((knex) => seedDemo(knex, hashPassword, { today: TODAY })));
    ({ admin, board, finance, leadA: lead } = await signInFixtures(app.app, fx, 'admin', 'board', 'finance', 'leadA'));
  }, 180_000); // the whole demo seed, on a machine shared with others' tests
  afterAll(() => db.drop());

  describe('data of the demo year', () => {
    it('aggregates validated values like the forms API shows them, unit by unit and across the network', async () => {
      const res = await board.get(`/api/reports/${YEAR}/activity`);
      expect(res.status).withContext(JSON.stringify(res.body).slice(0, 500)).toBe(200);
      const fileActive = (res.body.networkActivity as { code: string; n: number; byUnit: { unitCode: string; n: number | null }[] }[]).find((i) => i.code === 'ACT_FA')!;
      expect(fileActive).toBeDefined();

      const crp = await db.knex('units').where({ kind: 'crp' }).whereNotIn('code', ['CRP-A', 'CRP-B']).select('id', 'code');
      expect(crp.length).toBe(10);
      let network = 0;
      for (const unit of crp) {
        let unitTotal = 0;
        for (const q of [1, 2, 3, 4]) {
          const form = await board.get(`/api/units/${unit.id}/forms/${YEAR}-Q${q}`);
          expect(form.status).toBe(200);
          const body = form.body as DataEntryForm;
          expect(body.submission.status).toBe('validated');
          const indicator = body.indicators.find((i) => i.code === 'ACT_FA')!;
          const values = body.values.filter((v) => v.indicatorId === indicator.id);
          const total = values.find((v) => v.optionId === null);
          unitTotal += total ? Number(total.value) : values.reduce((s, v) => s + Number(v.value), 0);
        }
        expect(fileActive.byUnit.find((u) => u.unitCode === unit.code)!.n).withContext(unit.code).toBe(unitTotal);
        network += unitTotal;
      }
      // The fixtures' two units have no data: null, never zero.
      expect(fileActive.byUnit.filter((u) => u.unitCode.length === 5).map((u) => u.n)).toEqual([null, null]);
      expect(network).toBeGreaterThan(3000);
      expect(fileActive.n).toBe(network);
    });

    it('takes the execution by envelope from the budget API, with BI, BR and transfers adding up to the open credits', async () => {
      const [report, execution] = await Promise.all([board.get(`/api/reports/${YEAR}/financial`), board.get(`/api/budget/${YEAR}/execution?asOf=${YEAR}-12-31`)]);
      expect(report.status).withContext(JSON.stringify(report.body).slice(0, 500)).toBe(200);
      expect(execution.status).toBe(200);
      for (const group of execution.body.byEnvelope as { key: string; openAeCents: number; openCpCents: number; committedCents: number; paidCents: number }[]) {
        const envelope = (report.body.execution.envelopes as Record<string, number | string>[]).find((e) => e.envelope === group.key)!;
        expect(envelope.openCpCents).withContext(group.key).toBe(group.openCpCents);
        expect(envelope.paidCents).withContext(group.key).toBe(group.paidCents);
        expect(envelope.committedCents).withContext(group.key).toBe(group.committedCents);
        expect(Number(envelope.initialCpCents) + Number(envelope.amendingCpCents) + Number(envelope.transferCpCents)).withContext(group.key).toBe(group.openCpCents);
      }
      const paid = (report.body.threeYears as { code: string; n: number }[]).find((f) => f.code === 'PAID')!;
      expect(paid.n).toBe(execution.body.total.paidCents);
    });

    it('shows the MIG H15 follow-up: 280 000 € notified, 120 000 / 60 000 / 60 000 / 40 000 € budgeted, posts against actual ETPT', async () => {
      const res = await finance.get(`/api/reports/${YEAR}/financial`);
      expect(res.status).toBe(200);
      const mig = res.body.migH15 as { notifiedCents: number; lines: { key: string; fundedCents: number; spentCents: number; fundedEtp: number | null; actualEtpt: { display: string } | null }[] };
      expect(mig.notifiedCents).toBe(28_000_000);
      // Each post is held by one person: its spending is merged on the « personnel » row (3 people), its ETPT and head count stay.
      expect(mig.lines.map((l) => [l.key, l.fundedCents])).toEqual([
        ['psychiatrist', 12_000_000],
        ['psychologist', 6_000_000],
        ['medical_auxiliary', 6_000_000],
        ['personnel', 0],
        ['operating', 4_000_000],
      ]);
      const staff = await finance.get(`/api/staff/${YEAR}/summary`);
      for (const post of staff.body.migPosts as { post: string; etpt: { display: string } }[]) {
        expect(mig.lines.find((l) => l.key === post.post)!.actualEtpt!.display).toBe(post.etpt.display);
      }
      for (const line of mig.lines.filter((l) => l.key === 'personnel' || l.key === 'operating')) expect(line.spentCents).withContext(line.key).toBeGreaterThan(0);
      for (const line of mig.lines.filter((l) => l.key !== 'personnel' && l.key !== 'operating')) expect(line.spentCents).withContext(line.key).toBeNull();
    });

    it('puts the API’s figures in the documents: the network’s file active and the MIG H15 budgeted lines in the workbooks; a PDF for the financial summary', async () => {
      const read = async (bytes: Buffer) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
        return workbook;
      };
      const numbersOf = (row: ExcelJS.Row) => (row.values as unknown[]).filter((v): v is number => typeof v === 'number');
      const rowsLabelled = (sheet: ExcelJS.Worksheet, label: string) => sheet.getRows(1, sheet.rowCount)!.filter((r) => r.getCell(1).value === label);

      const activity = (await board.get(`/api/reports/${YEAR}/activity`)).body as { networkActivity: { code: string; label: string; n: number; n1: number; n2: number }[] };
      const fileActive = activity.networkActivity.find((i) => i.code === 'ACT_FA')!;
      const activityXlsx = await download(board, `/api/reports/${YEAR}/activity.xlsx`);
      expect(activityXlsx.status).toBe(200);
      const network = (await read(binary(activityXlsx))).getWorksheet('Activité du réseau')!;
      // No internal code in the documents: the row is found by its label.
      const row = rowsLabelled(network, fileActive.label)[0];
      expect(row.getCell(2).value).toBe('patients');
      expect(numbersOf(row)).toEqual([fileActive.n2, fileActive.n1, fileActive.n]);

      const financial = (await finance.get(`/api/reports/${YEAR}/financial`)).body as { migH15: { lines: { label: string; fundedCents: number }[] } };
      const financialXlsx = await download(finance, `/api/reports/${YEAR}/financial.xlsx`);
      const mig = (await read(binary(financialXlsx))).getWorksheet('MIG H15')!;
      // A post's row reads « Psychiatre (1 ETP, MIG H15) — 1 personne »: its label and head count.
      const rowStarting = (label: string) => mig.getRows(1, mig.rowCount)!.find((r) => String(r.getCell(1).value ?? '').startsWith(label));
      const budgeted = financial.migH15.lines.map((line) => rowStarting(line.label)?.getCell(4).value);
      expect(budgeted).toEqual([120_000, 60_000, 60_000, null, 40_000]);

      const pdf = await download(finance, `/api/reports/${YEAR}/financial.pdf`);
      expect(binary(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    }, 120_000);

    it('gives the waiting list and the median delay as key figures, computed by hand from the validated values: a total for the list, one figure per option for the delay', async () => {
      const res = await board.get(`/api/reports/${YEAR}/activity`);
      expect(res.status).toBe(200);
      type Figure = { code: string; label: string; kind: string; n: number | null; n1: number | null; n2: number | null };
      const body = res.body as {
        keyFigures: Figure[];
        networkActivity: (Figure & { byUnit: { unitCode: string; n: number | null }[]; disaggregation: unknown })[];
        annexes: { unitCode: string; rows: { indicatorCode: string; optionLabel: string | null; n: number | null }[] }[];
      };

      // By hand: the validated values of the three years, unit × period × option.
      const rows = await db
        .knex('indicator_values as v')
        .join('submissions as s', 's.id', 'v.submission_id')
        .join('indicators as i', 'i.id', 'v.indicator_id')
        .join('units as u', 'u.id', 's.unit_id')
        .leftJoin('dimension_options as o', 'o.id', 'v.option_id')
        .where('s.status', 'validated')
        .whereIn('i.code', ['ACT_WAIT_N', 'ACT_WAIT_D'])
        .where('s.period', '>=', String(YEAR - 2))
        .where('s.period', '<', String(YEAR + 1))
        .whereNotNull('v.value_num')
        .select('u.code as unit', 's.period', 'i.code', 'o.code as option', 'v.value_num');
      const of = (code: string, year: number) => rows.filter((r) => r.code === code && r.period.startsWith(String(year)));
      const unitsOf = (list: typeof rows) => [...new Set(list.map((r) => r.unit as string))].sort();

      // ACT_WAIT_N (a count at period end, last quarter, summed across units): each unit's latest quarter, adult + minor.
      const waitingByUnit = (year: number) =>
        new Map(
          unitsOf(of('ACT_WAIT_N', year)).map((unit) => {
            const mine = of('ACT_WAIT_N', year).filter((r) => r.unit === unit);
            const last = mine.map((r) => r.period as string).sort().at(-1)!;
            return [unit, mine.filter((r) => r.period === last).reduce((sum, r) => sum + Number(r.value_num), 0)];
          }),
        );
      const waiting = (year: number) => [...waitingByUnit(year).values()].reduce((a, b) => a + b, 0);

      // ACT_WAIT_D (median delay: average of the quarters, median of the units), per option: adult and minor are never added.
      const median = (values: number[]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const mid = Math.floor(sorted.length / 2);
        return sorted.length % 2 === 1 ? sorted[mid] : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 10_000) / 10_000;
      };
      const delay = (option: string, year: number) => {
        const mine = of('ACT_WAIT_D', year).filter((r) => r.option === option);
        return median(
          unitsOf(mine).map((unit) => {
            const quarters = mine.filter((r) => r.unit === unit).map((r) => Number(r.value_num));
            return Math.round((quarters.reduce((a, b) => a + b, 0) / quarters.length) * 10_000) / 10_000;
          }),
        );
      };

      const figure = (code: string) => body.keyFigures.find((f) => f.code === code);
      expect(figure('ACT_WAIT_N')).toEqual(jasmine.objectContaining({ kind: 'count', n: waiting(YEAR), n1: waiting(YEAR - 1), n2: waiting(YEAR - 2) }));
      expect(waiting(YEAR)).toBeGreaterThan(500); // ten units, 50–400 each
      expect(figure('ACT_WAIT_D')).withContext('a sum of the adult and minor medians is no delay').toBeUndefined();
      for (const [option, label] of [
        ['adulte', 'Adulte (18 ans et plus)'],
        ['mineur', 'Mineur (moins de 18 ans)'],
      ]) {
        const f = figure(`ACT_WAIT_D[${option}]`)!;
        expect(f).withContext(option).toEqual({
          code: `ACT_WAIT_D[${option}]`,
          label: `Délai médian entre le premier contact et le premier rendez-vous — ${label}`,
          kind: 'days',
          n: delay(option, YEAR),
          n1: delay(option, YEAR - 1),
          n2: delay(option, YEAR - 2),
        });
        expect(f.n).withContext(option).toBeGreaterThanOrEqual(30);
        expect(f.n).withContext(option).toBeLessThanOrEqual(365);
      }
      expect(figure('ACT_WAIT_D[adulte]')!.n).not.toBe(figure('ACT_WAIT_D[mineur]')!.n);

      // Network activity: the list's per-unit totals (the last quarter's, never null for a unit that reported), the delay per option only.
      const list = body.networkActivity.find((i) => i.code === 'ACT_WAIT_N')!;
      const byUnit = waitingByUnit(YEAR);
      expect(byUnit.size).toBe(10);
      for (const [unit, total] of byUnit) expect(list.byUnit.find((u) => u.unitCode === unit)!.n).withContext(unit).toBe(total);
      expect(list.n).toBe(waiting(YEAR));
      expect(body.networkActivity.filter((i) => i.code.startsWith('ACT_WAIT_D')).map((i) => [i.code, i.n, i.disaggregation])).toEqual([
        ['ACT_WAIT_D[adulte]', delay('adulte', YEAR), null],
        ['ACT_WAIT_D[mineur]', delay('mineur', YEAR), null],
      ]);
      // Annexes: the delay's options without a total row; the list with its total.
      const annex = body.annexes.find((a) => a.unitCode === unitsOf(of('ACT_WAIT_D', YEAR))[0])!;
      expect(annex.rows.filter((r) => r.indicatorCode === 'ACT_WAIT_D').map((r) => r.optionLabel)).toEqual(['Adulte (18 ans et plus)', 'Mineur (moins de 18 ans)']);
      expect(annex.rows.find((r) => r.indicatorCode === 'ACT_WAIT_N' && r.optionLabel === null)!.n).toBe(byUnit.get(annex.unitCode)!);

      // The workbook's key figures carry them too.
      const xlsx = await download(board, `/api/reports/${YEAR}/activity.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(binary(xlsx) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.getWorksheet('Chiffres clés')!;
      const numbers = (label: string) => {
        const row = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === label);
        return row ? (row.values as unknown[]).filter((v): v is number => typeof v === 'number') : undefined;
      };
      const adult = figure('ACT_WAIT_D[adulte]')!;
      expect(numbers(adult.label)).toEqual([adult.n2!, adult.n1!, adult.n!]);
      expect(numbers(figure('ACT_WAIT_N')!.label)).toEqual([waiting(YEAR - 2), waiting(YEAR - 1), waiting(YEAR)]);
    }, 120_000);

    it('never lists a person: staff by category and funder only', async () => {
      const res = await board.get(`/api/reports/${YEAR}/financial`);
      const names = (await db.knex('staff_members').select('name')).map((r) => r.name as string);
      const text = JSON.stringify(res.body);
      for (const name of names) expect(text).withContext(name).not.toContain(name);
      expect(res.body.staff.byCategory.length).toBeGreaterThan(0);
    });

    it('shows no staff cost of a group of 1 or 2 people, for any role; the grouping’s cost counts only own and reimbursed staff', async () => {
      // By hand from the demo: each person's category and status, and cost of the year (finance's summary).
      const members = await db.knex('staff_members').select('id', 'name', 'category', 'status');
      const staff = (await finance.get(`/api/staff/${YEAR}/summary`)).body as { people: { staffMemberId: number; costCents: number }[] };
      const cost = new Map(staff.people.map((p) => [p.staffMemberId, p.costCents]));
      const present = members.filter((m) => cost.has(m.id));
      const paidByGrouping = (m: { status: string }) => m.status === 'own' || m.status === 'seconded_with_reimbursement';

      const [asBoard, asFinance] = await Promise.all([board.get(`/api/reports/${YEAR}/financial`), finance.get(`/api/reports/${YEAR}/financial`)]);
      expect(asBoard.status).toBe(200);
      // The documents go to the general assembly: the same figures for every role.
      expect(asFinance.body.staff).toEqual(asBoard.body.staff);
      expect(asFinance.body.inKind).toEqual(asBoard.body.inKind);
      type Group = { key: string; costCents: number | null; costMasked: string | null; paidByGroupingEtpt: { num: number } };
      const byCategory = asBoard.body.staff.byCategory as Group[];
      expect(byCategory.length).toBe(7);
      for (const g of byCategory) {
        const people = present.filter((m) => m.category === g.key);
        const paid = people.filter(paidByGrouping);
        const masked = people.length < 3 || (paid.length > 0 && paid.length < 3);
        expect(g.costCents === null).withContext(g.key).toBe(masked);
        expect(g.costMasked).withContext(g.key).toBe(masked ? 'fewer_than_3_people' : null);
        if (!masked) expect(g.costCents).withContext(g.key).toBe(paid.reduce((t, m) => t + cost.get(m.id)!, 0));
      }
      // Paramedical (one nurse), medical (one own psychiatrist besides two seconded without reimbursement): masked;
      // administrative: three own staff, 55 000 € + 48 000 € × 32/35 (90 %) + 42 000 €.
      expect(byCategory.filter((g) => g.costCents !== null).map((g) => [g.key, g.costCents])).toEqual([['administrative', 14_088_571]]);
      expect(byCategory.find((g) => g.key === 'paramedical')!.paidByGroupingEtpt.num).toBeGreaterThan(0);

      const byFunder = asBoard.body.staff.byFunder as (Group & { label: string })[];
      const shown = byFunder.filter((g) => g.costCents !== null && g.costCents !== 0);
      // MIG H15: the three own MIG posts (Marchand, Roussel, Lefèvre), nobody seconded.
      expect(shown.map((g) => g.costCents)).toEqual([12_000_000 + 5_142_857 + 6_000_000]);
      expect(byFunder.filter((g) => g.costCents === null).length).toBeGreaterThanOrEqual(5);

      const seconded = asBoard.body.inKind.seconded as { employerLabel: string; valueCents: number | null; valueMasked: string | null; etpt: { display: string } }[];
      expect(seconded.map((s) => [s.employerLabel, s.valueCents, s.valueMasked, s.etpt.display])).toEqual([
        ['CHU de Lille', null, 'fewer_than_3_people', '0,50'],
        ['Ministère de l’Éducation nationale', null, 'fewer_than_3_people', '1,00'],
        ['Ministère des Armées', null, 'fewer_than_3_people', '2,00'],
      ]);
      // Four people seconded without reimbursement in all: their total joins the key figure.
      const inKind = (asBoard.body.keyFigures as { code: string; n: number }[]).find((f) => f.code === 'IN_KIND')!;
      expect(inKind.n).toBe(9_000_000 + 6_500_000 + 14_000_000 + 7_000_000 + 19_200_000);
    });

    it('prints no such cost in the workbook and the PDF of the demo year, with the rule stated', async () => {
      const MASKED = 'masqué (moins de 3 personnes)';
      const xlsx = await download(board, `/api/reports/${YEAR}/financial.xlsx`);
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(binary(xlsx) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const euroCells = (name: string) => {
        const values: number[] = [];
        workbook.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'number' && cell.numFmt.includes('€') && values.push(cell.value)));
        return values;
      };
      const texts = (name: string) => {
        const values: string[] = [];
        workbook.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'string' && values.push(cell.value)));
        return values;
      };
      // Staff: the administrative category and the MIG H15 funder only (and the funders paying nobody: 0).
      expect(euroCells('Personnels').filter((v) => v !== 0).sort()).toEqual([140_885.71, 231_428.57]);
      // Six categories of 1 or 2 paid people, seven funders of 1 or 2 people (paid or seconded): one cell each.
      const data = (await board.get(`/api/reports/${YEAR}/financial`)).body as { staff: { byCategory: { costCents: number | null }[]; byFunder: { costCents: number | null }[] } };
      const maskedCells = [...data.staff.byCategory, ...data.staff.byFunder].filter((g) => g.costCents === null).length;
      expect(maskedCells).toBe(6 + 7);
      expect(texts('Personnels').filter((t) => t === MASKED).length).toBe(maskedCells);
      expect(texts('Personnels').filter((t) => t.startsWith('Secret des rémunérations')).length).toBe(1);
      expect(texts('Personnels').some((t) => t.startsWith('Coût pour le groupement (personnels rémunérés ou remboursés'))).toBeTrue();
      // In kind: the three seconding employers masked, the premises and equipment valued.
      expect(euroCells('Contributions en nature').sort()).toEqual([12_000, 180_000]);
      expect(texts('Contributions en nature').filter((t) => t === MASKED).length).toBe(3);
      expect(texts('Contributions en nature').filter((t) => t.startsWith('Secret des rémunérations')).length).toBe(1);

      const pdf = await download(board, `/api/reports/${YEAR}/financial.pdf`);
      const pdfPages = pdfPagesText(binary(pdf));
      const all = pdfPages.join('\n');
      // The live documents are the draft: on the cover and in every page's footer.
      expect(pdfPages[0]).toContain('Projet — document de travail');
      expect(pdfPages.slice(1).every((p) => p.includes('— Projet — document de travail'))).toBeTrue();
      const from = all.indexOf('Par catégorie de personnel');
      // The staff section ends where the MIG H15 follow-up (public budget lines) begins.
      const staffPart = all.slice(from, all.indexOf('Suivi de la MIG H15', from));
      const inKindPart = all.slice(all.indexOf('Personnels mis à disposition sans remboursement'), all.indexOf('Autres contributions en nature'));
      expect(staffPart).toContain(`Paramédical | 1,00 | 0,00 | ${MASKED}`);
      expect(staffPart).toContain('Administratif | 2,90 | 0,00 | 140\u00A0885,71\u00A0€');
      expect(staffPart).toContain('Secret des rémunérations');
      expect(inKindPart).toContain(`CHU de Lille | Établissement de santé | 0,50 | ${MASKED}`);
      expect(inKindPart).toContain('Secret des rémunérations');
      // The nurse's pay (60 000 €) and the CHU's seconded director (90 000 €) are nowhere in these sections.
      for (const part of [staffPart, inKindPart]) {
        expect(part.length).toBeGreaterThan(100);
        expect(part).not.toContain('60\u00A0000,00');
        expect(part).not.toContain('90\u00A0000,00');
      }
    }, 120_000);

    it('refuses unit leads, and the activity report to finance officers', async () => {
      expect((await lead.get(`/api/reports/${YEAR}/activity`)).status).toBe(403);
      expect((await lead.get(`/api/reports/${YEAR}/financial.xlsx`)).status).toBe(403);
      expect((await finance.get(`/api/reports/${YEAR}/activity.pdf`)).status).toBe(403);
      expect((await finance.get(`/api/reports/${YEAR}/financial.xlsx`)).status).toBe(200);
    });
  });

  describe('narratives', () => {
    it('saves a section text with the version read, audits it, and puts it in the documents’ data', async () => {
      const url = `/api/reports/${YEAR + 1}/narratives/activity/training`;
      const first = await board.send('put', url, { body: 'Une année de consolidation du réseau.' });
      expect(first.status).withContext(JSON.stringify(first.body)).toBe(200);
      expect(first.body.version).toBe(1);
      const stale = await admin.send('put', url, { body: 'Autre texte' });
      expect(stale.status).toBe(409);
      const second = await admin.send('put', url, { body: 'Une année de consolidation du réseau, dix centres.', version: 1 });
      expect(second.status).toBe(200);
      expect(second.body.version).toBe(2);
      expect((await admin.send('put', url, { body: 'x', version: 1 })).status).toBe(409);

      const audit = await db.knex('audit_log').where({ action: 'report_narrative.saved', entity_id: `${YEAR + 1}/activity/training` }).orderBy('id');
      expect(audit.length).toBe(2);
      expect((typeof audit[1].before === 'string' ? JSON.parse(audit[1].before) : audit[1].before).body).toBe('Une année de consolidation du réseau.');
      const data = await board.get(`/api/reports/${YEAR + 1}/activity`);
      expect(data.body.narratives.training).toBe('Une année de consolidation du réseau, dix centres.');
    });

    it('refuses an unknown section (404), a too long text (422), finance officers and unit leads (403)', async () => {
      expect((await board.send('put', `/api/reports/${YEAR}/narratives/activity/nope`, { body: 'x' })).status).toBe(404);
      const long = await board.send('put', `/api/reports/${YEAR}/narratives/financial/mig_h15`, { body: 'x'.repeat(20_001) });
      expect(long.status).toBe(422);
      expect(long.body.error.fields[0].path).toBe('body');
      expect((await finance.send('put', `/api/reports/${YEAR}/narratives/financial/mig_h15`, { body: 'x' })).status).toBe(403);
      expect((await lead.get(`/api/reports/${YEAR}/narratives`)).status).toBe(403);
    });
  });

  describe('official versions', () => {
    it('the board’s journey: generate, download twice the same bytes, rebuild from the snapshot, present, approve; then frozen for good', async () => {
      expect((await board.send('put', `/api/reports/${YEAR}/narratives/activity/key_figures`, { body: 'Texte figé dans la version 1.' })).status).toBe(200);
      // The general assembly the version goes to, recorded beforehand: the next one from today on.
      const today = parisToday();
      const agDeliberation = await assemblyDeliberation(db.knex, today, { title: `Approbation des rapports annuels ${YEAR}` });
      const res = await board.post(`/api/reports/${YEAR}/versions`);
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
      const v1 = res.body as ReportVersion;
      expect(v1.number).toBe(1);
      expect(v1.status).toBe('draft');
      expect(v1.generated!.by).toBe('board');
      expect(v1.files.map((f) => f.file)).toEqual(['activity.xlsx', 'activity.pdf', 'financial.xlsx', 'financial.pdf']);
      const stored = await db.knex('report_versions').where({ year: YEAR, number: 1 }).first(db.knex.raw('activity_data::text AS a'));
      expect(JSON.parse(stored.a).narratives.key_figures).toBe('Texte figé dans la version 1.');
      const downloadAll = async () => {
        for (const f of v1.files) {
          const a = await download(board, `/api/reports/${YEAR}/versions/1/files/${f.file}`);
          const b = await download(board, `/api/reports/${YEAR}/versions/1/files/${f.file}`);
          expect(a.status).toBe(200);
          expect(a.headers['x-content-sha256']).toBe(f.sha256);
          expect(sha(binary(a))).withContext(f.file).toBe(f.sha256);
          expect(binary(a).length).toBe(f.bytes);
          expect(binary(b).equals(binary(a))).withContext(f.file).toBeTrue();
        }
      };
      await downloadAll();
      // The official files say which version they are, on the cover and in every footer; never « Projet ».
      const officialPages = pdfPagesText(binary(await download(board, `/api/reports/${YEAR}/versions/1/files/financial.pdf`)));
      expect(officialPages[0]).toContain('Version officielle n° 1');
      expect(v1.submittedTo).toEqual(jasmine.objectContaining({ bodyName: 'Assemblée générale', heldOn: today }));
      expect(officialPages[0].replace(/\s+/g, ' ')).toContain(`Soumise à l’assemblée générale du ${formatLongDateFr(today)}`);
      expect(officialPages.slice(1).every((p) => p.includes('— Version officielle n° 1'))).toBeTrue();
      expect(officialPages.join('\n')).not.toContain('Projet — document de travail');

      // Rebuilt from the stored snapshot: the same bytes, even after the narrative changed.
      const narratives = (await board.get(`/api/reports/${YEAR}/narratives`)).body as { report: string; section: string; version: number }[];
      const current = narratives.find((n) => n.report === 'activity' && n.section === 'key_figures')!;
      expect((await board.send('put', `/api/reports/${YEAR}/narratives/activity/key_figures`, { body: 'Texte changé après la génération.', version: current.version })).status).toBe(200);
      const verification = await board.get(`/api/reports/${YEAR}/versions/1/verification`);
      expect(verification.status).toBe(200);
      expect(verification.body.identical).toBeTrue();
      expect(verification.body.files.map((f: { rebuiltSha256: string }) => f.rebuiltSha256)).toEqual(v1.files.map((f) => f.sha256));
      expect((await board.get(`/api/reports/${YEAR}/activity`)).body.narratives.key_figures).toBe('Texte changé après la génération.');

      // Finance officers: the financial files only; unit leads: nothing.
      expect((await download(finance, `/api/reports/${YEAR}/versions/1/files/financial.pdf`)).status).toBe(200);
      expect((await finance.get(`/api/reports/${YEAR}/versions/1/files/activity.xlsx`)).status).toBe(403);
      expect((await finance.post(`/api/reports/${YEAR}/versions`)).status).toBe(403);
      expect((await lead.get(`/api/reports/${YEAR}/versions`)).status).toBe(403);

      const v2 = (await board.post(`/api/reports/${YEAR}/versions`)).body as ReportVersion;
      expect(v2.number).toBe(2);
      const presented = await board.post(`/api/reports/${YEAR}/versions/1/present`, { version: v1.version });
      expect(presented.status).toBe(200);
      expect(presented.body.status).toBe('presented');
      expect(presented.body.presented.by).toBe('board');
      // Approved by a deliberation of the general assembly, recorded in the governance.
      const refused = async (body: object) => {
        const res = await board.post(`/api/reports/${YEAR}/versions/1/approve`, { version: presented.body.version, ...body });
        expect(res.status).withContext(JSON.stringify(body)).toBe(422);
        return res.body.error.fields;
      };
      expect((await refused({}))[0].path).toBe('deliberationId');
      expect((await refused({ agDate: today, deliberationReference: 'AG-2026-03' }))[0].path).toBe('deliberationId');
      const atBoard = await assemblyDeliberation(db.knex, today, { body: 'board' });
      expect(await refused({ deliberationId: atBoard.id })).toEqual([
        { path: 'deliberationId', message: `La délibération n° ${atBoard.number} a été prise par l’instance « Conseil d’administration », pas par l’assemblée générale.` },
      ]);
      // An assembly held before the version was generated cannot have approved it.
      const generatedOn = parisToday(new Date(v1.snapshotAt));
      const dayBefore = addDays(generatedOn, -1);
      const tooEarly = await assemblyDeliberation(db.knex, dayBefore);
      expect(await refused({ deliberationId: tooEarly.id })).toEqual([
        { path: 'deliberationId', message: `L’assemblée générale du ${dayBefore.split('-').reverse().join('/')} précède la génération de cette version (${generatedOn.split('-').reverse().join('/')}) : elle ne peut pas l’avoir approuvée.` },
      ]);
      const approved = await admin.post(`/api/reports/${YEAR}/versions/1/approve`, { version: presented.body.version, deliberationId: agDeliberation.id });
      expect(approved.status).withContext(JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.status).toBe('approved');
      expect(approved.body.agDate).toBe(today);
      expect(approved.body.deliberationReference).toBe(`Délibération n° ${agDeliberation.number} — Approbation des rapports annuels ${YEAR}`);
      expect(approved.body.deliberation).toEqual({ id: agDeliberation.id, number: agDeliberation.number, title: `Approbation des rapports annuels ${YEAR}`, adoptedOn: today });
      expect(approved.body.approved.by).toBe('admin');

      // The board and the coordination are told of the presentation and of the approval (the outbox: no SMTP in the specs).
      const told = await db.knex('mail_outbox').whereIn('kind', ['report.presented', 'report.approved']).where('subject', 'like', `Rapports ${YEAR} : version 1 %`).whereIn('to_address', [fx.users.admin.email, fx.users.board.email]).orderBy('id');
      expect(told.map((m) => [m.kind, m.to_address])).toEqual([
        ['report.presented', fx.users.admin.email],
        ['report.presented', fx.users.board.email],
        ['report.approved', fx.users.admin.email],
        ['report.approved', fx.users.board.email],
      ]);
      expect(told[3].text_body).toContain(`a approuvé la version officielle n° 1 des rapports annuels ${YEAR} (rapport d’activité et bilan financier) (Délibération n° ${agDeliberation.number}`);

      // The approval certificate: built once, its sha256 in the header, the four files' sha256 inside.
      const certificate = await download(finance, `/api/reports/${YEAR}/versions/1/certificate.pdf`);
      expect(certificate.status).toBe(200);
      expect(certificate.headers['content-type']).toBe('application/pdf');
      expect(certificate.headers['x-content-sha256']).toBe(approved.body.certificate.sha256);
      expect(sha(binary(certificate))).toBe(approved.body.certificate.sha256);
      expect(binary(certificate).length).toBe(approved.body.certificate.bytes);
      const certificateText = pdfPagesText(binary(certificate)).join('\n').replace(/\s+/g, ' ');
      for (const f of v1.files) expect(certificateText).withContext(f.file).toContain(f.sha256.match(/.{16}/g)!.join(' '));
      expect(certificateText).toContain(`par sa délibération n° ${agDeliberation.number}, la version officielle n° 1 des rapports annuels ${YEAR}`);
      expect(certificateText).toContain('par admin le');
      expect(binary(await download(board, `/api/reports/${YEAR}/versions/1/certificate.pdf`)).equals(binary(certificate))).toBeTrue();
      const none = await board.get(`/api/reports/${YEAR}/versions/2/certificate.pdf`);
      expect(none.status).toBe(404);
      expect((await lead.get(`/api/reports/${YEAR}/versions/1/certificate.pdf`)).status).toBe(403);
      // The deliberation is the record of the approval: it no longer changes.
      const removed = await admin.delete(`/api/governance/deliberations/${agDeliberation.id}`);
      expect(removed.status).toBe(409);
      expect(removed.body.error.message).toBe(`La délibération n° ${agDeliberation.number} fonde version 1 des rapports ${YEAR} : elle ne peut plus être modifiée ni supprimée.`);

      const list = (await board.get(`/api/reports/${YEAR}/versions`)).body as ReportVersion[];
      expect(list.map((v) => [v.number, v.status])).toEqual([
        [2, 'superseded'],
        [1, 'approved'],
      ]);
      const again = await board.post(`/api/reports/${YEAR}/versions/1/present`, { version: approved.body.version });
      expect(again.status).toBe(409);
      expect(again.body.error.fields).toEqual([{ path: 'status', message: 'approved' }]);
      expect((await board.post(`/api/reports/${YEAR}/versions/1/supersede`, { version: approved.body.version })).status).toBe(409);
      expect((await board.post(`/api/reports/${YEAR}/versions`)).status).toBe(409);

      const actions = (await db.knex('audit_log').where('entity_type', 'report_version').where('entity_id', 'like', `${YEAR}/%`).orderBy('id').select('action', 'entity_id')).map(
        (r) => `${r.action} ${r.entity_id}`,
      );
      expect(actions).toEqual([
        `report_version.generated ${YEAR}/1`,
        `report_version.generated ${YEAR}/2`,
        `report_version.presented ${YEAR}/1`,
        `report_version.superseded ${YEAR}/2`,
        `report_version.approved ${YEAR}/1`,
      ]);

      // Approved: the same bytes as before, and the database refuses any change.
      await downloadAll();
      await expectAsync(db.knex('report_versions').where({ year: YEAR, number: 1 }).update({ deliberation_reference: 'autre' })).toBeRejectedWithError(/ne change plus/);
      await expectAsync(db.knex('report_versions').where({ year: YEAR, number: 1 }).update({ activity_pdf: Buffer.from('x') })).toBeRejectedWithError(/ne change plus/);
      await expectAsync(db.knex('report_versions').where({ year: YEAR, number: 1 }).update({ certificate_pdf: Buffer.from('x') })).toBeRejectedWithError(/ne change plus/);
      await expectAsync(db.knex('report_versions').where({ year: YEAR, number: 1 }).delete()).toBeRejectedWithError(/ne se supprime pas/);
      await expectAsync(db.knex.raw('TRUNCATE report_versions')).toBeRejectedWithError(/ne se supprime pas/);
      // Superseded, not approved: its files never change either.
      await expectAsync(db.knex('report_versions').where({ year: YEAR, number: 2 }).update({ financial_data: '{}' })).toBeRejectedWithError(/ne changent jamais/);
      expect((await board.get(`/api/reports/${YEAR}/versions/1/verification`)).body.identical).toBeTrue();
    }, 240_000);

    it('refuses illegal transitions with 409 and the current state, and stale versions', async () => {
      const year = YEAR + 1;
      const v = (await admin.post(`/api/reports/${year}/versions`)).body as ReportVersion;
      const early = await board.post(`/api/reports/${year}/versions/${v.number}/approve`, { version: v.version, deliberationId: (await assemblyDeliberation(db.knex, parisToday())).id });
      expect(early.status).toBe(409);
      expect(early.body.error.fields).toEqual([{ path: 'status', message: 'draft' }]);
      expect((await board.post(`/api/reports/${year}/versions/${v.number}/present`, { version: v.version + 5 })).status).toBe(409);
      const superseded = await board.post(`/api/reports/${year}/versions/${v.number}/supersede`, { version: v.version });
      expect(superseded.status).toBe(200);
      expect(superseded.body.superseded.by).toBe('board');
      const present = await board.post(`/api/reports/${year}/versions/${v.number}/present`, { version: superseded.body.version });
      expect(present.status).toBe(409);
      expect(present.body.error.fields).toEqual([{ path: 'status', message: 'superseded' }]);
      expect((await board.post(`/api/reports/${year}/versions/999/present`, { version: 1 })).status).toBe(404);
    });

    it('stores nothing when a document fails half-way', async () => {
      const year = YEAR - 1;
      const failing = buildTestServices(db.knex, {
        reportBuilders: {
          ...annualReportBuilders,
          financialWorkbook: async () => {
            throw new Error('panne simulée du constructeur');
          },
        },
      }).reports;
      const versions = await versionsCount();
      const audits = Number((await db.knex('audit_log').count({ n: '*' }).first())!.n);
      await expectAsync(failing.versions.generate(systemActor('test'), year)).toBeRejectedWithError(/panne simulée/);
      expect(await versionsCount()).toBe(versions);
      expect(Number((await db.knex('audit_log').count({ n: '*' }).first())!.n)).toBe(audits);
      // The real builders then succeed, numbered 1 for that year.
      const ok = await board.post(`/api/reports/${year}/versions`);
      expect(ok.status).toBe(201);
      expect(ok.body.number).toBe(1);
    }, 120_000);

    it('runs one generation of a year at a time: six at once store one version, the others get 409 naming the running one', async () => {
      const year = YEAR + 1;
      const before = await versionsCount();
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? admin : board).post(`/api/reports/${year}/versions`)));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409)) {
        expect(refused.body.error.message).toMatch(/^Une génération de la version officielle des rapports 2026 est déjà en cours \(lancée le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} par .+\) : attendez qu’elle se termine, puis rechargez la page\.$/);
      }
      expect(await versionsCount()).toBe(before + 1);
      // Finished: the next one runs (and the mark left by a crashed process is taken over after ten minutes).
      expect(Number((await db.knex('report_generations').count({ n: '*' }).first())!.n)).toBe(0);
      await db.knex('report_generations').insert({ year, started_at: new Date(Date.now() - 11 * 60_000), started_by_name: 'processus arrêté' });
      expect((await board.post(`/api/reports/${year}/versions`)).status).toBe(201);
      expect(await versionsCount()).toBe(before + 2);
    }, 180_000);

    it('starts the builder when the page opens for the board (not for finance officers); generated once it is warm, the files are the verification’s, byte for byte', async () => {
      const year = YEAR + 1;
      await reportBuilderThread.close();
      expect((await finance.get('/api/reports/years')).status).toBe(200);
      expect((await finance.get(`/api/reports/${year}/versions`)).status).toBe(200);
      expect(reportBuilderThread.workers).withContext('finance officers do not generate').toBe(0);
      expect((await board.get(`/api/reports/${year}/versions`)).status).toBe(200);
      expect(reportBuilderThread.workers).toBeGreaterThan(0);
      await reportBuilderThread.close();
      expect((await board.get('/api/reports/years')).status).toBe(200);
      expect(reportBuilderThread.workers).toBeGreaterThan(0);
      await reportBuilderThread.ready();
      const res = await board.post(`/api/reports/${year}/versions`);
      expect(res.status).withContext(JSON.stringify(res.body).slice(0, 300)).toBe(201);
      const v = res.body as ReportVersion;
      expect(v.files.map((f) => f.file)).toEqual(['activity.xlsx', 'activity.pdf', 'financial.xlsx', 'financial.pdf']);
      for (const f of v.files) expect(sha(binary(await download(board, `/api/reports/${year}/versions/${v.number}/files/${f.file}`)))).withContext(f.file).toBe(f.sha256);
      // Rebuilt from the snapshot by the builder threads (the route) and by the builders in this thread.
      const verification = (await board.get(`/api/reports/${year}/versions/${v.number}/verification`)).body as ReportVersionVerification;
      const here = await buildTestServices(db.knex).reports.versions.verify(year, v.number);
      for (const check of [verification, here]) {
        expect(check.identical).toBeTrue();
        expect(check.files.map((f) => f.rebuiltSha256)).toEqual(v.files.map((f) => f.sha256));
      }
    }, 120_000);

    it('freezes in a version the very figures each report reads on its own (the generation reads once what both share)', async () => {
      const year = YEAR + 1;
      const res = await board.post(`/api/reports/${year}/versions`);
      expect(res.status).withContext(JSON.stringify(res.body).slice(0, 300)).toBe(201);
      const stored = await db.knex('report_versions').where({ year, number: (res.body as ReportVersion).number }).first(db.knex.raw('activity_data::text AS a'), db.knex.raw('financial_data::text AS f'));
      const versions = buildTestServices(db.knex).reports.versions;
      const [activity, financial] = await Promise.all([versions.liveActivity(year), versions.liveFinancial(year)]);
      // Everything but the moment and the edition (draft here, official there).
      const figures = (data: object) => {
        const { generatedAt, edition, ...rest } = JSON.parse(JSON.stringify(data)) as { generatedAt: string; edition: unknown };
        expect(generatedAt).toBeDefined();
        expect(edition).toBeDefined();
        return rest;
      };
      expect(figures(JSON.parse(stored.a))).toEqual(figures(activity));
      expect(figures(JSON.parse(stored.f))).toEqual(figures(financial));
      expect(JSON.stringify(figures(financial))).toContain('costPerActivity');
    }, 120_000);

    it('rebuilds a version for verification at most once a minute', async () => {
      const year = YEAR + 1;
      let builds = 0;
      const counting = buildTestServices(db.knex, {
        reportBuilders: { ...annualReportBuilders, activityPdf: (data) => (builds++, annualReportBuilders.activityPdf(data)) },
      }).reports;
      const v = await counting.versions.generate(systemActor('test'), year);
      builds = 0;
      const [a, b] = await Promise.all([counting.versions.verify(year, v.number), counting.versions.verify(year, v.number)]);
      const c = await counting.versions.verify(year, v.number);
      expect([a.identical, b.identical, c.identical]).toEqual([true, true, true]);
      expect(builds).toBe(1);
    }, 120_000);

    it('verifies a version in the workbook format it was written in: one of format 1 (before December 2026) still verifies identical', async () => {
      const year = YEAR + 1; // not the year of the specs that expect their version number
      const services = buildTestServices(db.knex).reports;
      const current = await services.versions.generate(systemActor('test'), year);
      const stored = await db.knex('report_versions').where({ year, number: current.number }).first();
      expect(stored.workbook_format).toBe(ANNUAL_WORKBOOK_FORMAT);
      expect(ANNUAL_WORKBOOK_FORMAT).not.toBe(1);
      // A version as format 1 wrote it: the same snapshot, its workbooks built in memory (rows are only inserted, never changed).
      const snapshot = await db.knex('report_versions').where({ year, number: current.number }).first(db.knex.raw('activity_data::text AS a'), db.knex.raw('financial_data::text AS f'));
      const workbooks = {
        activity_xlsx: await annualReportBuilders.activityWorkbook(JSON.parse(snapshot.a), 1),
        financial_xlsx: await annualReportBuilders.financialWorkbook(JSON.parse(snapshot.f), 1),
      };
      const old = { ...stored, id: undefined, number: current.number + 1, workbook_format: 1, activity_data: snapshot.a, financial_data: snapshot.f };
      for (const [column, bytes] of Object.entries(workbooks)) Object.assign(old, { [column]: bytes, [`${column}_sha256`]: sha(bytes) });
      delete old.id;
      await db.knex('report_versions').insert(old);
      expect(workbooks.activity_xlsx.equals(stored.activity_xlsx)).toBeFalse();
      expect((await services.versions.verify(year, current.number)).identical).toBeTrue();
      expect((await services.versions.verify(year, current.number + 1)).identical).toBeTrue();
      // The same files labelled with the current format would not verify: the rebuild follows the stored format.
      const mislabelled = { ...old, number: current.number + 2, workbook_format: ANNUAL_WORKBOOK_FORMAT };
      await db.knex('report_versions').insert(mislabelled);
      const check = await services.versions.verify(year, current.number + 2);
      expect(check.files.filter((f) => !f.identical).map((f) => f.file)).toEqual(['activity.xlsx', 'financial.xlsx']);
      // And the format of a stored version never changes.
      await expectAsync(db.knex('report_versions').where({ year, number: current.number + 1 }).update({ workbook_format: 2 })).toBeRejected();
    }, 120_000);
  });
});
