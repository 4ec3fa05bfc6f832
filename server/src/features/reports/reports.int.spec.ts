import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { seedDemo } from '@cn2r/db';
import type { DataEntryForm, ReportVersion } from '@cn2r/shared';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { TestClient, buildTestApp, createFixtures, type Fixtures } from '../../testing/test-app.js';
import type { App } from '../../app.js';
import { hashPassword } from '../auth/password-hasher.js';
import { annualReportBuilders } from './annual-report-builders.js';
import { createReportServices } from './report-routes.js';
import { systemActor } from '../auth/actor.js';

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

/** supertest: keep a binary body as a Buffer. */
function asBuffer(res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('annual reports', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let board: TestClient;
  let finance: TestClient;
  let lead: TestClient;

  const download = (client: TestClient, url: string) => client.get(url).buffer(true).parse(asBuffer as never);
  const versionsCount = async () => Number((await db.knex('report_versions').count({ n: '*' }).first())!.n);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.knex, hashPassword, { today: TODAY });
    fx = await createFixtures(db.knex);
    app = buildTestApp(db);
    admin = await TestClient.signedIn(app.app, fx.users.admin.email);
    board = await TestClient.signedIn(app.app, fx.users.board.email);
    finance = await TestClient.signedIn(app.app, fx.users.finance.email);
    lead = await TestClient.signedIn(app.app, fx.users.leadA.email);
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
      expect(mig.lines.map((l) => [l.key, l.fundedCents])).toEqual([
        ['psychiatrist', 12_000_000],
        ['psychologist', 6_000_000],
        ['medical_auxiliary', 6_000_000],
        ['operating', 4_000_000],
      ]);
      const staff = await finance.get(`/api/staff/${YEAR}/summary`);
      for (const post of staff.body.migPosts as { post: string; etpt: { display: string } }[]) {
        expect(mig.lines.find((l) => l.key === post.post)!.actualEtpt!.display).toBe(post.etpt.display);
      }
      for (const line of mig.lines) expect(line.spentCents).withContext(line.key).toBeGreaterThan(0);
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
      const row = rowsLabelled(network, 'ACT_FA')[0];
      expect(row.getCell(2).value).toBe(fileActive.label);
      expect(numbersOf(row)).toEqual([fileActive.n2, fileActive.n1, fileActive.n]);

      const financial = (await finance.get(`/api/reports/${YEAR}/financial`)).body as { migH15: { lines: { label: string; fundedCents: number }[] } };
      const financialXlsx = await download(finance, `/api/reports/${YEAR}/financial.xlsx`);
      const mig = (await read(binary(financialXlsx))).getWorksheet('MIG H15')!;
      const budgeted = financial.migH15.lines.map((line) => rowsLabelled(mig, line.label)[0]?.getCell(4).value);
      expect(budgeted).toEqual([120_000, 60_000, 60_000, 40_000]);

      const pdf = await download(finance, `/api/reports/${YEAR}/financial.pdf`);
      expect(binary(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    }, 120_000);

    it('never lists a person: staff by category and funder only', async () => {
      const res = await board.get(`/api/reports/${YEAR}/financial`);
      const names = (await db.knex('staff_members').select('name')).map((r) => r.name as string);
      const text = JSON.stringify(res.body);
      for (const name of names) expect(text).withContext(name).not.toContain(name);
      expect(res.body.staff.byCategory.length).toBeGreaterThan(0);
    });

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
      const missing = await board.post(`/api/reports/${YEAR}/versions/1/approve`, { version: presented.body.version, agDate: '2026-06-12' });
      expect(missing.status).toBe(422);
      const approved = await admin.post(`/api/reports/${YEAR}/versions/1/approve`, { version: presented.body.version, agDate: '2026-06-12', deliberationReference: 'AG-2026-03' });
      expect(approved.status).withContext(JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.status).toBe('approved');
      expect(approved.body.agDate).toBe('2026-06-12');
      expect(approved.body.deliberationReference).toBe('AG-2026-03');
      expect(approved.body.approved.by).toBe('admin');

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
      await expectAsync(db.knex('report_versions').where({ year: YEAR, number: 1 }).delete()).toBeRejectedWithError(/ne se supprime pas/);
      await expectAsync(db.knex.raw('TRUNCATE report_versions')).toBeRejectedWithError(/ne se supprime pas/);
      // Superseded, not approved: its files never change either.
      await expectAsync(db.knex('report_versions').where({ year: YEAR, number: 2 }).update({ financial_data: '{}' })).toBeRejectedWithError(/ne changent jamais/);
      expect((await board.get(`/api/reports/${YEAR}/versions/1/verification`)).body.identical).toBeTrue();
    }, 240_000);

    it('refuses illegal transitions with 409 and the current state, and stale versions', async () => {
      const year = YEAR + 1;
      const v = (await admin.post(`/api/reports/${year}/versions`)).body as ReportVersion;
      const early = await board.post(`/api/reports/${year}/versions/${v.number}/approve`, { version: v.version, agDate: '2026-06-12', deliberationReference: 'AG-2026-03' });
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
      const failing = createReportServices(db.knex, {
        ...annualReportBuilders,
        financialWorkbook: async () => {
          throw new Error('panne simulée du constructeur');
        },
      });
      const versions = await versionsCount();
      const audits = Number((await db.knex('audit_log').count({ n: '*' }).first())!.n);
      const steps: string[] = [];
      await expectAsync(failing.versions.generate(systemActor('test'), year, (s) => steps.push(s))).toBeRejectedWithError(/panne simulée/);
      expect(steps).toEqual(['snapshot', 'activity.xlsx', 'activity.pdf', 'financial.xlsx']);
      expect(await versionsCount()).toBe(versions);
      expect(Number((await db.knex('audit_log').count({ n: '*' }).first())!.n)).toBe(audits);
      // The real builders then succeed, numbered 1 for that year.
      const ok = await board.post(`/api/reports/${year}/versions`);
      expect(ok.status).toBe(201);
      expect(ok.body.number).toBe(1);
    }, 120_000);
  });
});
