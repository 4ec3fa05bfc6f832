import { formatEuros } from '@cn2r/shared';
import type { TestDatabase } from '../../../testing/test-database.js';
import { type Fixtures, type TestClient, bodyOf as ok, countRows, signInFixtures, startFixtureApp } from '../../../testing/test-app.js';

describe('receipts (recettes encaissées)', () => {
  let db: TestDatabase;
  let fx: Fixtures;
  let finance: TestClient;
  let board: TestClient;
  let lead: TestClient;
  let yearSeq = 0;

  /**
   * A fresh year with a cash source notified 280 000 €, an in-kind source valued 100 000 € from the
   * staff records (one person seconded without reimbursement, 100 000 € a year, full time, all
   * year: no typed amount), and a source not notified.
   */
  async function notifiedYear() {
    const year = 2060 + ++yearSeq;
    await ok(finance.post('/api/budget/fiscal-years', { year }));
    const source = (code: string, inKind: boolean) => ok(finance.post('/api/budget/funding-sources', { code: `${code}${year}`, label: code, funder: 'Financeur', nature: inKind ? 'seconded_staff' : 'mig', inKind }));
    const mig = await source('MIG', false);
    const mad = await source('MAD', true);
    const other = await source('AUTRE', false);
    await ok(finance.send('put', `/api/budget/funding-sources/${mig.id}/notifications/${year}`, { amountCents: 28_000_000, reference: 'Arrêté' }), 200);
    expect((await finance.send('put', `/api/budget/funding-sources/${mad.id}/notifications/${year}`, { amountCents: 10_000_000, reference: null })).status).toBe(422);
    const [line] = await db.knex('budget_lines').insert({ year, code: `MAD${year}`, label: 'Mise à disposition', envelope: 'personnel', mission_area: 'formation', funding_source_id: mad.id }).returning('id');
    const [member] = await db.knex('staff_members').insert({ name: `Mis à disposition ${year}`, category: 'other', employer_label: 'Ministère', employer_kind: 'ministry', status: 'seconded_without' }).returning('id');
    const [assignment] = await db.knex('staff_assignments').insert({ staff_member_id: member.id, position_label: 'Poste', start_on: `${year}-01-01`, end_on: `${year}-12-31`, quotite_bp: 10_000, annual_cost_cents: 10_000_000 }).returning('id');
    await db.knex('staff_allocations').insert({ assignment_id: assignment.id, from_on: `${year}-01-01`, to_on: `${year}-12-31`, share_bp: 10_000, budget_line_id: line.id, funding_source_id: mad.id, mission_area: 'formation' });
    return { year, mig, mad, other };
  }

  beforeAll(async () => {
    const started = await startFixtureApp();
    ({ db, fx } = started);
    ({ finance, board, leadA: lead } = await signInFixtures(started.app.app, fx, 'finance', 'board', 'leadA'));
  });
  afterAll(() => db.drop());

  it('records receipts against the notification, sums them net of reversals per source, audited', async () => {
    const y = await notifiedYear();
    const first = await ok(finance.post('/api/budget/receipts', { fundingSourceId: y.mig.id, receivedOn: `${y.year}-04-12`, reference: 'TR-014', amountCents: 14_000_000 }));
    expect(first).toEqual(jasmine.objectContaining({ fundingSourceId: y.mig.id, year: y.year, receivedOn: `${y.year}-04-12`, reference: 'TR-014', amountCents: 14_000_000, reversesId: null, netCents: 14_000_000 }));
    await ok(finance.post('/api/budget/receipts', { fundingSourceId: y.mig.id, receivedOn: `${y.year}-10-03`, reference: 'TR-102', amountCents: 9_800_000 }));
    const reversal = await ok(finance.post(`/api/budget/receipts/${first.id}/reversals`, { date: `${y.year}-04-20`, reason: 'Titre émis en double', amountCents: 50_000 }));
    expect(reversal).toEqual(jasmine.objectContaining({ amountCents: -50_000, reversesId: first.id, reason: 'Titre émis en double', netCents: 0 }));

    const read = await ok(finance.get(`/api/budget/receipts?year=${y.year}`), 200);
    const mig = read.sources.find((s: any) => s.fundingSourceId === y.mig.id);
    // 140 000 + 98 000 − 500 = 237 500 € collected of 280 000 € notified: 42 500 € to collect.
    expect([mig.notifiedCents, mig.collectedCents, mig.toCollectCents]).toEqual([28_000_000, 23_750_000, 4_250_000]);
    expect(mig.receipts.map((r: any) => [r.reference, r.amountCents, r.netCents])).toEqual([
      ['TR-014', 14_000_000, 13_950_000],
      ['TR-014', -50_000, 0],
      ['TR-102', 9_800_000, 9_800_000],
    ]);
    // Finance sees the in-kind source with its valuation; it collects nothing and is not in the cash total.
    expect(read.sources.map((s: any) => s.fundingSourceId)).toEqual([y.mad.id, y.mig.id]);
    expect([read.notifiedCents, read.collectedCents]).toEqual([28_000_000, 23_750_000]);

    const audit = await db.knex('audit_log').whereIn('action', ['funding_receipt.created', 'funding_receipt.reversed']).whereIn('entity_id', [String(first.id)]).orderBy('id').select('action', 'actor_email', 'reason');
    expect(audit).toEqual([
      { action: 'funding_receipt.created', actor_email: fx.users.finance.email, reason: null },
      { action: 'funding_receipt.reversed', actor_email: fx.users.finance.email, reason: 'Titre émis en double' },
    ]);
  });

  it('refuses, with the field and nothing written: no notification, in-kind source, duplicate reference, over-reversal, a reversal of a reversal, a closed year', async () => {
    const y = await notifiedYear();
    const receiptRows = () => countRows(db.knex('funding_receipts'));
    const post = (body: object) => finance.post('/api/budget/receipts', { fundingSourceId: y.mig.id, receivedOn: `${y.year}-02-01`, reference: 'R-1', amountCents: 100_000, ...body });
    const created = await ok(post({}));
    const before = await receiptRows();

    const notNotified = await post({ fundingSourceId: y.other.id, reference: 'R-2' });
    expect(notNotified.status).toBe(422);
    expect(notNotified.body.error.fields).toEqual([{ path: 'fundingSourceId', message: `Aucun montant notifié par AUTRE${y.year} pour ${y.year} : saisissez d’abord la notification de l’exercice.` }]);
    const inKind = await post({ fundingSourceId: y.mad.id, reference: 'R-3' });
    expect(inKind.status).toBe(422);
    expect(inKind.body.error.fields[0].message).toBe(`La source MAD${y.year} est une contribution en nature : elle ne donne lieu à aucun encaissement.`);
    const duplicate = await post({});
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.fields).toEqual([{ path: 'reference', message: 'Référence déjà enregistrée.' }]);
    const negative = await post({ reference: 'R-4', amountCents: -5 });
    expect(negative.status).toBe(422);
    expect(negative.body.error.fields[0].path).toBe('amountCents');
    const unknownYear = await post({ reference: 'R-5', receivedOn: '2099-01-01' });
    expect(unknownYear.status).toBe(404);

    const tooMuch = await finance.post(`/api/budget/receipts/${created.id}/reversals`, { date: `${y.year}-02-02`, reason: 'Erreur', amountCents: 100_001 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.message).toBe(`Cette recette ne peut être annulée que de ${formatEuros(100_000)}.`);
    const reversal = await ok(finance.post(`/api/budget/receipts/${created.id}/reversals`, { date: `${y.year}-02-02`, reason: 'Erreur' }));
    expect(reversal.amountCents).toBe(-100_000);
    const again = await finance.post(`/api/budget/receipts/${reversal.id}/reversals`, { date: `${y.year}-02-03`, reason: 'Erreur' });
    expect(again.status).toBe(422);
    expect(await receiptRows()).toBe(before + 1);

    await ok(finance.patch(`/api/budget/fiscal-years/${y.year}`, { status: 'closed', version: 1 }), 200);
    const closed = await post({ reference: 'R-6' });
    expect(closed.status).toBe(409);
    expect(await receiptRows()).toBe(before + 1);

    await expectAsync(db.knex('funding_receipts').where({ id: created.id }).update({ amount_cents: 1 })).toBeRejected();
    await expectAsync(db.knex('funding_receipts').where({ id: created.id }).delete()).toBeRejected();
  });

  it('records the cash position on 1 January, corrected with the version read, audited, refused on a closed year', async () => {
    const y = await notifiedYear();
    const url = `/api/budget/fiscal-years/${y.year}/opening-cash`;
    expect((await ok(board.get(`/api/budget/receipts?year=${y.year}`), 200)).openingCash).toBeNull();
    const first = await ok(finance.send('put', url, { amountCents: 31_500_000, reference: 'Compte financier' }), 200);
    expect(first).toEqual({ year: y.year, amountCents: 31_500_000, reference: 'Compte financier', version: 1 });
    const noVersion = await finance.send('put', url, { amountCents: 1, reference: null });
    expect(noVersion.status).toBe(422);
    expect(noVersion.body.error.fields[0].path).toBe('version');
    const second = await ok(finance.send('put', url, { amountCents: 31_000_000, reference: null, version: 1 }), 200);
    expect(second.version).toBe(2);
    const stale = await finance.send('put', url, { amountCents: 5, reference: null, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('La trésorerie au 1er janvier');
    expect((await ok(board.get(`/api/budget/receipts?year=${y.year}`), 200)).openingCash).toEqual({ year: y.year, amountCents: 31_000_000, reference: null, version: 2 });
    expect((await board.send('put', url, { amountCents: 1, reference: null, version: 2 })).status).toBe(403);
    const audit = await db.knex('audit_log').where({ action: 'opening_cash.saved', entity_id: String(y.year) }).orderBy('id').select('before', 'after');
    expect(audit.map((a) => [a.before?.amountCents ?? null, a.after.amountCents])).toEqual([
      [null, 31_500_000],
      [31_500_000, 31_000_000],
    ]);
    await ok(finance.patch(`/api/budget/fiscal-years/${y.year}`, { status: 'closed', version: 1 }), 200);
    expect((await finance.send('put', url, { amountCents: 1, reference: null, version: 2 })).status).toBe(409);
  });

  it('lets the board read and nobody else write; a unit lead reads nothing', async () => {
    const y = await notifiedYear();
    const body = { fundingSourceId: y.mig.id, receivedOn: `${y.year}-03-01`, reference: 'R-B', amountCents: 1_000 };
    expect((await board.post('/api/budget/receipts', body)).status).toBe(403);
    expect((await lead.post('/api/budget/receipts', body)).status).toBe(403);
    expect((await lead.get(`/api/budget/receipts?year=${y.year}`)).status).toBe(403);
    expect((await board.get(`/api/budget/receipts?year=${y.year}`)).status).toBe(200);
  });

  it('does not give the board the valuation of an in-kind source of fewer than 3 people (it values seconded staff, from the staff records)', async () => {
    const y = await notifiedYear();
    const codes = (body: { sources: { code: string }[] }) => body.sources.map((s) => s.code);
    expect(codes(await ok(finance.get(`/api/budget/receipts?year=${y.year}`), 200))).toEqual([`MAD${y.year}`, `MIG${y.year}`]);
    expect(codes(await ok(board.get(`/api/budget/receipts?year=${y.year}`), 200))).toEqual([`MIG${y.year}`]);
    expect((await ok(finance.get(`/api/budget/receipts?year=${y.year}`), 200)).sources[0].notifiedCents).toBe(10_000_000);
    const notifiedTo = async (client: TestClient, id: number) => (await ok(client.get(`/api/budget/funding-sources/${id}`), 200)).notifications.map((n: { amountCents: number }) => n.amountCents);
    const valuedTo = async (client: TestClient, id: number) =>
      (await ok(client.get(`/api/budget/funding-sources/${id}`), 200)).valuations.filter((v: { year: number }) => v.year === y.year).map((v: { valueCents: number | null; valueMasked: string | null }) => [v.valueCents, v.valueMasked]);
    expect(await notifiedTo(finance, y.mad.id)).toEqual([]);
    expect(await valuedTo(finance, y.mad.id)).toEqual([[10_000_000, null]]);
    expect(await notifiedTo(board, y.mad.id)).toEqual([]);
    expect(await valuedTo(board, y.mad.id)).toEqual([[null, 'fewer_than_3_people']]);
    expect(await notifiedTo(board, y.mig.id)).toEqual([28_000_000]);
    const listed = (await ok(board.get('/api/budget/funding-sources'), 200)).find((s: { id: number }) => s.id === y.mad.id);
    expect(listed.notifications).toEqual([]);
    expect(JSON.stringify(listed)).not.toContain('10000000');
  });

  it('takes receipts from the accounting export, dry run first, all or nothing, and counts nothing twice', async () => {
    const y = await notifiedYear();
    const send = (csv: string, dryRun: boolean) => finance.upload(`/api/budget/${y.year}/accounting-import?dryRun=${dryRun}`, Buffer.from(csv, 'utf8'), 'text/csv');
    const file = ['date;ligne;type;reference;montant;source', `12/04/${y.year};;recette;TR-A;140 000,00;MIG${y.year}`, `03/10/${y.year};;recette;TR-B;98 000,00;MIG${y.year}`].join('\n');
    const dry = await ok(send(file, true), 200);
    expect(dry).toEqual(jasmine.objectContaining({ dryRun: true, applied: false, problems: [], receiptsCents: 23_800_000, commitmentsCents: 0, paymentsCents: 0 }));
    expect(dry.entries.map((e: any) => [e.kind, e.sourceCode, e.lineId, e.id])).toEqual([
      ['receipt', `MIG${y.year}`, null, null],
      ['receipt', `MIG${y.year}`, null, null],
    ]);
    expect((await ok(board.get(`/api/budget/receipts?year=${y.year}`), 200)).collectedCents).toBe(0);

    const bad = await send(file + `\n05/10/${y.year};;recette;TR-C;1,00;MAD${y.year}\n06/10/${y.year};;recette;TR-D;1,00;INCONNUE`, false);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: any) => f.message)).toEqual([
      `La source MAD${y.year} est une contribution en nature : elle ne donne lieu à aucun encaissement.`,
      'Source de financement « INCONNUE » inconnue.',
    ]);
    expect((await ok(board.get(`/api/budget/receipts?year=${y.year}`), 200)).collectedCents).toBe(0);

    const applied = await ok(send(file, false), 200);
    expect(applied.applied).toBeTrue();
    expect((await ok(board.get(`/api/budget/receipts?year=${y.year}`), 200)).collectedCents).toBe(23_800_000);
    const twice = await send(file, true);
    expect(twice.body.problems.map((p: any) => p.message)).toEqual([
      `Recette « TR-A » déjà enregistrée en ${y.year} (n° ${applied.entries[0].id}).`,
      `Recette « TR-B » déjà enregistrée en ${y.year} (n° ${applied.entries[1].id}).`,
    ]);
  });
});
