import { createHash } from 'node:crypto';
import type { App } from '../../../app.js';
import type { TestDatabase } from '../../../testing/test-database.js';
import { assemblyDeliberation, bodyOf, countRows, signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../../testing/test-app.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-données-factices')]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

describe('budget supporting documents', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let finance: TestClient;
  let board: TestClient;
  let lead: TestClient;
  let year: number;
  let commitmentId: number;
  let paymentId: number;
  let decisionId: number;

  const count = () => countRows(db.knex('budget_attachments'));

  /** A fresh open year with a line, an adopted BI, one commitment and one payment. */
  async function freshEntries(y: number) {
    await bodyOf(finance.post('/api/budget/fiscal-years', { year: y }));
    const source = await bodyOf(finance.post('/api/budget/funding-sources', { code: `SRC${y}`, label: 'Source', funder: 'DGOS', nature: 'mig' }));
    const line = await bodyOf(finance.post('/api/budget/lines', { year: y, code: 'FONC', label: 'Fonctionnement', envelope: 'fonctionnement', missionArea: 'support', fundingSourceId: source.id }));
    const draft = await bodyOf(finance.post('/api/budget/decisions', { year: y, kind: 'initial', decidedOn: `${y}-01-10`, entries: [{ lineId: line.id, aeDeltaCents: 1_000_000, cpDeltaCents: 1_000_000 }] }));
    await bodyOf(finance.post(`/api/budget/decisions/${draft.id}/adopt`, { version: draft.version, deliberationId: (await assemblyDeliberation(db.knex, `${y}-01-10`)).id }), 200);
    const c = await bodyOf(finance.post('/api/budget/commitments', { lineId: line.id, committedOn: `${y}-02-01`, thirdParty: 'UGAP', object: 'Fournitures', amountCents: 100_000 }));
    const p = await bodyOf(finance.post('/api/budget/payments', { lineId: line.id, paidOn: `${y}-03-01`, commitmentId: c.id, kind: 'invoice', amountCents: 100_000 }));
    return { commitmentId: c.id as number, paymentId: p.id as number, decisionId: draft.id as number };
  }

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ finance, board, leadA: lead } = await signInFixtures(app.app, fx, 'finance', 'board', 'leadA'));
    year = 2041;
    ({ commitmentId, paymentId, decisionId } = await freshEntries(year));
  });
  afterAll(() => db.drop());

  it('stores a PDF on a commitment with its SHA-256, lists it, and serves it back as an attachment that is never sniffed', async () => {
    const created = await bodyOf(finance.upload(`/api/budget/commitments/${commitmentId}/attachments?fileName=${encodeURIComponent('Bon de commande n°12.pdf')}`, PDF, 'application/pdf'));
    expect(created).toEqual(
      jasmine.objectContaining({
        entityType: 'commitment',
        entityId: commitmentId,
        fileName: 'Bon de commande n°12.pdf',
        mediaType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
        createdBy: fx.users.finance.id,
        withdrawnAt: null,
      }),
    );
    // Other specs (random order) attach to the same commitment: this one is listed once, as stored.
    const listed = await bodyOf<any[]>(board.get(`/api/budget/commitments/${commitmentId}/attachments`), 200);
    expect(listed.filter((a) => a.id === created.id)).toEqual([created]);
    const file = await board.download(`/api/budget/attachments/${created.id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="Bon de commande n?12.pdf"; filename*=UTF-8''Bon%20de%20commande%20n%C2%B012.pdf`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.body, PDF)).toBe(0);
    const audit = await db.knex('audit_log').where({ action: 'budget_attachment.added', entity_type: 'commitment', entity_id: String(commitmentId) });
    const mine = audit.filter((a) => a.after.id === created.id);
    expect(mine.length).toBe(1);
    expect(mine[0].after.sha256).toBe(created.sha256);
  });

  it('attaches images to payments and PDFs to decisions', async () => {
    const png = await bodyOf(finance.upload(`/api/budget/payments/${paymentId}/attachments?fileName=facture.png`, PNG, 'image/png'));
    expect(png.mediaType).toBe('image/png');
    const pdf = await bodyOf(finance.upload(`/api/budget/decisions/${decisionId}/attachments?fileName=deliberation-BI.pdf`, PDF, 'application/pdf'));
    expect(pdf.entityType).toBe('decision');
    expect((await bodyOf<any[]>(finance.get(`/api/budget/payments/${paymentId}/attachments`), 200)).map((a) => a.id)).toEqual([png.id]);
  });

  it('checks the type on the bytes, the name and the size; nothing stored on a refusal', async () => {
    const before = await count();
    const url = (name: string) => `/api/budget/commitments/${commitmentId}/attachments?fileName=${encodeURIComponent(name)}`;
    const disguised = await finance.upload(url('facture.pdf'), HTML, 'application/pdf');
    expect(disguised.status).toBe(422);
    expect(disguised.body.error.fields).toEqual([{ path: 'file', message: 'Le fichier n’est ni un PDF, ni une image PNG ou JPEG (d’après son contenu).' }]);
    const mislabelled = await finance.upload(url('photo.png'), PDF, 'image/png');
    expect(mislabelled.body.error.message).toBe('Le contenu du fichier est un PDF, mais il est envoyé comme « image/png ».');
    const wrongName = await finance.upload(url('photo.png'), PDF, 'application/pdf');
    expect(wrongName.body.error.fields).toEqual([{ path: 'fileName', message: 'Le nom « photo.png » ne correspond pas au contenu du fichier (un PDF).' }]);
    const traversal = await finance.upload(url('../../etc/passwd.pdf'), PDF, 'application/pdf');
    expect(traversal.status).toBe(422);
    expect(traversal.body.error.fields[0].path).toBe('fileName');
    const noName = await finance.upload(`/api/budget/commitments/${commitmentId}/attachments`, PDF, 'application/pdf');
    expect(noName.body.error.fields).toEqual([{ path: 'fileName', message: 'Le nom du fichier est obligatoire (paramètre fileName).' }]);
    const html = await finance.upload(url('page.pdf'), HTML, 'text/html');
    expect(html.status).toBe(415);
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await finance.upload(url('gros.pdf'), big, 'application/pdf')).status).toBe(413);
    expect((await finance.upload(`/api/budget/commitments/999999/attachments?fileName=a.pdf`, PDF, 'application/pdf')).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('withdraws a document with a reason, keeps its row and bytes, once; the database refuses a delete or a rewrite', async () => {
    const created = await bodyOf(finance.upload(`/api/budget/commitments/${commitmentId}/attachments?fileName=doublon.pdf`, PDF, 'application/pdf'));
    expect((await finance.post(`/api/budget/attachments/${created.id}/withdrawal`, { reason: ' ' })).status).toBe(422);
    const withdrawn = await bodyOf(finance.post(`/api/budget/attachments/${created.id}/withdrawal`, { reason: 'Joint par erreur' }), 200);
    expect(withdrawn).toEqual(jasmine.objectContaining({ id: created.id, withdrawnBy: fx.users.finance.id, withdrawalReason: 'Joint par erreur', sha256: created.sha256 }));
    expect(withdrawn.withdrawnAt).not.toBeNull();
    const again = await finance.post(`/api/budget/attachments/${created.id}/withdrawal`, { reason: 'Encore' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Cette pièce justificative est déjà retirée.');
    const listed = await bodyOf<any[]>(finance.get(`/api/budget/commitments/${commitmentId}/attachments`), 200);
    expect(listed.find((a) => a.id === created.id).withdrawalReason).toBe('Joint par erreur');
    expect((await finance.get(`/api/budget/attachments/${created.id}`)).status).toBe(200);
    const audit = await db.knex('audit_log').where({ action: 'budget_attachment.withdrawn', entity_id: String(commitmentId) });
    expect(audit.map((a) => a.reason)).toEqual(['Joint par erreur']);

    await expectAsync(db.knex('budget_attachments').where({ id: created.id }).delete()).toBeRejectedWithError(/ne se supprime pas/);
    await expectAsync(db.knex('budget_attachments').where({ id: created.id }).update({ file_name: 'autre.pdf' })).toBeRejectedWithError(/ne se supprime pas/);
    await expectAsync(db.knex('budget_attachments').where({ id: created.id }).update({ withdrawal_reason: 'réécrit' })).toBeRejectedWithError(/ne se supprime pas/);
    await expectAsync(db.knex.raw('TRUNCATE budget_attachments')).toBeRejected();
  });

  it('is read-only in a closed year, write-only for finance and admin, hidden from unit leads', async () => {
    const y = 2042;
    const entries = await freshEntries(y);
    const doc = await bodyOf(finance.upload(`/api/budget/payments/${entries.paymentId}/attachments?fileName=facture.pdf`, PDF, 'application/pdf'));
    expect((await board.upload(`/api/budget/payments/${entries.paymentId}/attachments?fileName=facture.pdf`, PDF, 'application/pdf')).status).toBe(403);
    expect((await lead.get(`/api/budget/payments/${entries.paymentId}/attachments`)).status).toBe(403);
    expect((await lead.get(`/api/budget/attachments/${doc.id}`)).status).toBe(403);
    expect((await board.post(`/api/budget/attachments/${doc.id}/withdrawal`, { reason: 'x' })).status).toBe(403);

    const fy = (await bodyOf<any[]>(finance.get('/api/budget/fiscal-years'), 200)).find((f) => f.year === y);
    await bodyOf(finance.patch(`/api/budget/fiscal-years/${y}`, { status: 'closed', version: fy.version }), 200);
    const closed = await finance.upload(`/api/budget/payments/${entries.paymentId}/attachments?fileName=facture2.pdf`, PDF, 'application/pdf');
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toBe(`L’exercice ${y} est clos : ses pièces justificatives sont en lecture seule.`);
    expect((await finance.post(`/api/budget/attachments/${doc.id}/withdrawal`, { reason: 'x' })).status).toBe(409);
    expect((await board.get(`/api/budget/attachments/${doc.id}`)).status).toBe(200);
  });
});
