import ExcelJS from 'exceljs';
import { formatEuros } from '@cn2r/shared';
import type { App } from '../../../app.js';
import type { TestDatabase } from '../../../testing/test-database.js';
import { assemblyDeliberation, bodyOf, countRows, signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../../testing/test-app.js';

const HEADER = 'date;ligne;type;tiers;objet;reference;montant;engagement;nature_paiement';
const CSV_TYPE = 'text/csv';

describe('accounting export import', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let finance: TestClient;
  let board: TestClient;
  let yearSeq = 0;

  const count = (table: string) => countRows(db.knex(table));
  const counts = async () => ({ commitments: await count('commitments'), payments: await count('payments'), audit: await count('audit_log') });
  const send = async (client: TestClient, year: number, body: string | Buffer, dryRun: boolean, type = CSV_TYPE) =>
    client.agent
      .post(`/api/budget/${year}/accounting-import?dryRun=${dryRun}`)
      .set('X-XSRF-TOKEN', await client.csrfToken())
      .set('Content-Type', type)
      .send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

  /** A fresh year: FONC 40 000 € AE / 30 000 € CP, PERS 120 000 €. */
  async function budgetedYear() {
    const year = 2050 + ++yearSeq;
    await bodyOf(finance.post('/api/budget/fiscal-years', { year }));
    const source = await bodyOf(finance.post('/api/budget/funding-sources', { code: `IMP${year}`, label: 'Source', funder: 'DGOS', nature: 'mig' }));
    const line = (code: string, envelope: string) => bodyOf(finance.post('/api/budget/lines', { year, code, label: code, envelope, missionArea: 'support', fundingSourceId: source.id }));
    const fonc = await line('FONC', 'fonctionnement');
    const pers = await line('PERS', 'personnel');
    const draft = await bodyOf(
      finance.post('/api/budget/decisions', {
        year,
        kind: 'initial',
        decidedOn: `${year}-01-05`,
        entries: [
          { lineId: fonc.id, aeDeltaCents: 4_000_000, cpDeltaCents: 3_000_000 },
          { lineId: pers.id, aeDeltaCents: 12_000_000, cpDeltaCents: 12_000_000 },
        ],
      }),
    );
    await bodyOf(finance.post(`/api/budget/decisions/${draft.id}/adopt`, { version: draft.version, deliberationId: (await assemblyDeliberation(db.knex, `${year}-01-05`)).id }), 200);
    return { year, fonc, pers };
  }

  const file = (year: number) =>
    [
      HEADER,
      `15/02/${year};FONC;engagement;UGAP;Fournitures;BC-1;12 345,67;;`,
      `01/03/${year};fonc;paiement;UGAP;;F-1;10 000,00;BC-1;facture`,
      `31/01/${year};PERS;paiement;;;PAIE-01;9876,54;;paie`,
    ].join('\n');

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ finance, board } = await signInFixtures(app.app, fx, 'finance', 'board'));
  });
  afterAll(() => db.drop());

  it('checks without recording (dry run), then records every entry through the single-entry rules, audited', async () => {
    const y = await budgetedYear();
    const before = await counts();
    const dry = await bodyOf(send(finance, y.year, file(y.year), true), 200);
    expect(dry).toEqual(jasmine.objectContaining({ dryRun: true, applied: false, problems: [], commitmentsCents: 1_234_567, paymentsCents: 1_987_654 }));
    expect(dry.entries.map((e: any) => [e.location, e.kind, e.lineId, e.amountCents, e.id])).toEqual([
      ['Fichier CSV, ligne 2', 'commitment', y.fonc.id, 1_234_567, null],
      ['Fichier CSV, ligne 3', 'payment', y.fonc.id, 1_000_000, null],
      ['Fichier CSV, ligne 4', 'payment', y.pers.id, 987_654, null],
    ]);
    expect(await counts()).toEqual(before);

    const applied = await bodyOf(send(finance, y.year, file(y.year), false), 200);
    expect(applied).toEqual(jasmine.objectContaining({ dryRun: false, applied: true, problems: [] }));
    const [commitmentId, paymentId] = applied.entries.map((e: any) => e.id);
    const payment = await db.knex('payments').where({ id: paymentId }).first();
    expect(payment).toEqual(jasmine.objectContaining({ commitment_id: commitmentId, kind: 'invoice', reference: 'F-1' }));
    expect(await counts()).toEqual({ commitments: before.commitments + 1, payments: before.payments + 2, audit: before.audit + 4 });
    const audit = await db.knex('audit_log').where({ action: 'commitment.created', entity_id: String(commitmentId) });
    expect(audit[0].actor_id).toBe(fx.users.finance.id);
    expect((await db.knex('audit_log').where({ action: 'accounting_import.applied', entity_id: String(y.year) }).first()).after).toEqual({
      commitments: 1,
      payments: 2,
      receipts: 0,
      commitmentsCents: 1_234_567,
      paymentsCents: 1_987_654,
      receiptsCents: 0,
    });
    const execution = (await finance.get(`/api/budget/${y.year}/execution?asOf=${y.year}-06-30`)).body;
    expect(execution.total).toEqual(jasmine.objectContaining({ committedCents: 1_234_567, paidCents: 1_987_654 }));

    // The same file again: every line is a duplicate, nothing counts twice.
    const again = await bodyOf(send(finance, y.year, file(y.year), true), 200);
    expect(again.entries).toEqual([]);
    expect(again.problems).toEqual([
      { location: 'Fichier CSV, ligne 2', message: `Engagement « BC-1 » déjà enregistré en ${y.year} (n° ${commitmentId}) : ce fichier a-t-il déjà été importé ?` },
      { location: 'Fichier CSV, ligne 3', message: `Paiement « F-1 » déjà enregistré en ${y.year} (n° ${paymentId}) : ce fichier a-t-il déjà été importé ?` },
      { location: 'Fichier CSV, ligne 4', message: jasmine.stringContaining('Paiement « PAIE-01 » déjà enregistré') },
    ]);
    const refused = await send(finance, y.year, file(y.year), false);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('L’import est refusé : 3 problèmes (rien n’a été enregistré).');
    expect(await counts()).toEqual({ commitments: before.commitments + 1, payments: before.payments + 2, audit: before.audit + 4 });
  });

  it('reports the AE, CP and commitment limits, unknown lines and commitments, and records nothing when one line fails', async () => {
    const y = await budgetedYear();
    const before = await counts();
    const body = [
      HEADER,
      `01/02/${y.year};FONC;engagement;A;Marché;BC-A;30 000,00;;`,
      `02/02/${y.year};FONC;engagement;B;Colloque;BC-B;15 000,00;;`,
      `03/02/${y.year};FONC;paiement;;;F-B;15 000,01;BC-B;`,
      `04/02/${y.year};FONC;paiement;;;F-X;10,00;BC-INCONNU;`,
      `05/02/${y.year};INCONNUE;engagement;C;Objet;BC-C;1,00;;`,
      `05/02/${y.year - 1};FONC;engagement;C;Objet;BC-D;1,00;;`,
      `06/02/${y.year};PERS;paiement;;;PAIE-02;120 000,01;;paie`,
      `07/02/${y.year};PERS;paiement;;;PAIE-03;abc;;paie`,
    ].join('\n');
    const dry = await bodyOf(send(finance, y.year, body, true), 200);
    expect(dry.entries.map((e: any) => e.reference)).toEqual(['BC-A']);
    expect(dry.problems).toEqual([
      { location: 'Fichier CSV, ligne 9, colonne « montant »', message: 'Montant « abc » illisible : un montant en euros comme « 1 234,56 » est attendu.' },
      { location: 'Fichier CSV, ligne 3', message: `AE insuffisantes sur la ligne « FONC » : l’engagement de ${formatEuros(1_500_000)} dépasse les ${formatEuros(1_000_000)} disponibles.` },
      { location: 'Fichier CSV, ligne 4', message: `Engagement « BC-B » introuvable en ${y.year} (ni dans le fichier ni déjà enregistré).` },
      { location: 'Fichier CSV, ligne 5', message: `Engagement « BC-INCONNU » introuvable en ${y.year} (ni dans le fichier ni déjà enregistré).` },
      { location: 'Fichier CSV, ligne 6', message: `Ligne budgétaire « INCONNUE » inconnue en ${y.year}.` },
      { location: 'Fichier CSV, ligne 7', message: `La date 05/02/${y.year - 1} n’appartient pas à l’exercice ${y.year}.` },
      { location: 'Fichier CSV, ligne 8', message: `CP insuffisants sur la ligne « PERS » : le paiement de ${formatEuros(12_000_001)} dépasse les ${formatEuros(12_000_000)} disponibles.` },
    ]);
    const refused = await send(finance, y.year, body, false);
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.length).toBe(7);
    expect(refused.body.error.fields[1]).toEqual({ path: 'Fichier CSV, ligne 3', message: jasmine.stringContaining('AE insuffisantes') });
    expect(await counts()).toEqual(before);

    // Within the file, a payment may not exceed what is left to pay on its commitment.
    const over = [HEADER, `01/02/${y.year};FONC;engagement;A;Marché;BC-A;100,00;;`, `02/02/${y.year};FONC;paiement;;;F-A;100,01;BC-A;`].join('\n');
    const overDry = await bodyOf(send(finance, y.year, over, true), 200);
    expect(overDry.problems).toEqual([{ location: 'Fichier CSV, ligne 3', message: jasmine.stringMatching(/^Le paiement de 100,01\u00a0€ dépasse le reste à payer de l’engagement n° \d+ \(100,00\u00a0€\)\.$/) }]);
  });

  it('reads an Excel export too', async () => {
    const y = await budgetedYear();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Export');
    sheet.addRow(['Date', 'Ligne', 'Type', 'Tiers', 'Objet', 'Référence', 'Montant']);
    sheet.addRow([new Date(Date.UTC(y.year, 3, 1)), 'FONC', 'engagement', 'UGAP', 'Papier', 'BC-XL', 1234.5]);
    const bytes = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const res = await bodyOf(send(finance, y.year, bytes, false, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 200);
    expect(res.entries).toEqual([jasmine.objectContaining({ location: 'Feuille Export, ligne 2', date: `${y.year}-04-01`, amountCents: 123_450, reference: 'BC-XL' })]);
    expect((await db.knex('commitments').where({ reference: 'BC-XL' }).first()).third_party).toBe('UGAP');
  });

  it('refuses a closed year, an unknown year, an unreadable file, another media type and the board', async () => {
    const y = await budgetedYear();
    expect((await send(board, y.year, file(y.year), true)).status).toBe(403);
    expect((await send(finance, 2099, file(2099), true)).status).toBe(404);
    const noHeader = await send(finance, y.year, 'date;ligne\n01/01/2026;X', true);
    expect(noHeader.status).toBe(422);
    expect(noHeader.body.error.message).toContain('introuvables dans l’en-tête');
    expect((await send(finance, y.year, '%PDF-1.7', true, 'application/pdf')).status).toBe(415);
    const fy = (await bodyOf<any[]>(finance.get('/api/budget/fiscal-years'), 200)).find((f) => f.year === y.year);
    await bodyOf(finance.patch(`/api/budget/fiscal-years/${y.year}`, { status: 'closed', version: fy.version }), 200);
    const closed = await send(finance, y.year, file(y.year), true);
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toBe(`L’exercice ${y.year} est clos : il est en lecture seule.`);
  });
});
