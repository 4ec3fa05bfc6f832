import { formatPercent } from '@cn2r/shared';
import type { App } from '../../app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { assemblyDeliberation, bodyOf, countRows, signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../testing/test-app.js';

interface Line {
  id: number;
  code: string;
  version: number;
}

describe('budget API', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let finance: TestClient;
  let admin: TestClient;
  let board: TestClient;
  let lead: TestClient;
  let yearSeq = 0;
  let sourceSeq = 0;

  const count = (table: string) => countRows(db.knex(table));
  const counts = async () => ({
    decisions: await count('budget_decisions'),
    entries: await count('budget_decision_entries'),
    commitments: await count('commitments'),
    payments: await count('payments'),
    lines: await count('budget_lines'),
    audit: await count('audit_log'),
  });

  async function newSource(nature = 'mig') {
    return bodyOf(finance.post('/api/budget/funding-sources', { code: `SRC${++sourceSeq}`, label: `Source ${sourceSeq}`, funder: 'DGOS', nature }));
  }

  /** A fresh open year (no other spec uses it) with a personnel line and an operating line on one source. */
  async function freshYear() {
    const year = 2030 + ++yearSeq;
    await bodyOf(finance.post('/api/budget/fiscal-years', { year }));
    const source = await newSource();
    const line = (code: string, envelope: string, missionArea = 'support') =>
      bodyOf<Line>(finance.post('/api/budget/lines', { year, code, label: `Ligne ${code}`, envelope, missionArea, fundingSourceId: source.id }));
    const personnel = await line('PERS', 'personnel', 'animation_reseau');
    const operating = await line('FONC', 'fonctionnement', 'formation');
    return { year, source, line, personnel, operating };
  }

  /** What adopting a decision sends: a BI or a BR names a general assembly's deliberation of its year. */
  async function adoption(draft: { kind: string; year: number; version: number }, version = draft.version) {
    if (draft.kind === 'transfer') return { version };
    return { version, deliberationId: (await assemblyDeliberation(db.knex, `${draft.year}-01-15`)).id };
  }

  async function decide(year: number, kind: string, entries: { lineId: number; aeDeltaCents: number; cpDeltaCents: number }[], adopt = true) {
    const draft = await bodyOf(finance.post('/api/budget/decisions', { year, kind, decidedOn: `${year}-01-15`, reference: 'Délibération', rationale: 'Motif', entries }));
    if (!adopt) return draft;
    return bodyOf(finance.post(`/api/budget/decisions/${draft.id}/adopt`, await adoption(draft)), 200);
  }

  /** A year with a BI: personnel 120 000 € (AE = CP), operating 40 000 € AE / 30 000 € CP. */
  async function budgetedYear() {
    const y = await freshYear();
    await decide(y.year, 'initial', [
      { lineId: y.personnel.id, aeDeltaCents: 12_000_000, cpDeltaCents: 12_000_000 },
      { lineId: y.operating.id, aeDeltaCents: 4_000_000, cpDeltaCents: 3_000_000 },
    ]);
    return y;
  }

  const commit = (lineId: number, year: number, amountCents: number) =>
    finance.post('/api/budget/commitments', { lineId, committedOn: `${year}-03-01`, thirdParty: 'Prestataire', object: 'Objet', reference: 'BC-1', amountCents });
  const pay = (lineId: number, year: number, amountCents: number, commitmentId: number | null = null, kind = 'invoice') =>
    finance.post('/api/budget/payments', { lineId, paidOn: `${year}-04-01`, commitmentId, kind, reference: 'F-1', amountCents });
  const execution = (year: number, asOf: string) => bodyOf(finance.get(`/api/budget/${year}/execution?asOf=${asOf}`), 200);
  const lineExec = async (year: number, lineId: number, asOf = `${year}-06-30`) => (await execution(year, asOf)).lines.find((l: { lineId: number }) => l.lineId === lineId);

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ finance, admin, board, leadA: lead } = await signInFixtures(app.app, fx, 'finance', 'admin', 'board', 'leadA'));
  });
  afterAll(() => db.drop());

  describe('reference data', () => {
    it('has the envelopes and mission areas from the migration', async () => {
      const res = await board.get('/api/budget/reference-data');
      expect(res.status).toBe(200);
      expect(res.body.envelopes.map((e: { code: string }) => e.code)).toEqual(['personnel', 'fonctionnement', 'investissement', 'intervention']);
      expect(res.body.missionAreas.map((e: { label: string }) => e.label)).toEqual([
        'Information',
        'Outils et bonnes pratiques',
        'Formation',
        'Recherche',
        'Animation du réseau',
        'Support',
      ]);
    });

    it('opens a fiscal year once (409 in French the second time), audited', async () => {
      const year = 2030 + ++yearSeq;
      const created = await bodyOf(admin.post('/api/budget/fiscal-years', { year }));
      expect(created).toEqual(jasmine.objectContaining({ year, status: 'open', version: 1 }));
      const again = await admin.post('/api/budget/fiscal-years', { year });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(`L’exercice ${year} existe déjà.`);
      const audit = await db.knex('audit_log').where({ action: 'fiscal_year.created', entity_id: String(year) });
      expect(audit.length).toBe(1);
      expect(audit[0].actor_id).toBe(fx.users.admin.id);
    });

    it('creates a funding source with its notified amount per year, with versions', async () => {
      const { year } = await freshYear();
      const source = await bodyOf(finance.post('/api/budget/funding-sources', { code: 'mig-h15', label: 'MIG H15', funder: 'DGOS (via CHU de Lille)', nature: 'mig' }));
      expect(source).toEqual(jasmine.objectContaining({ code: 'MIG-H15', nature: 'mig', inKind: false, notifications: [], version: 1 }));
      const dup = await finance.post('/api/budget/funding-sources', { code: 'MIG-H15', label: 'x', funder: 'x', nature: 'mig' });
      expect(dup.status).toBe(409);
      expect(dup.body.error.message).toBe('Le code « MIG-H15 » est déjà utilisé par une autre source de financement.');

      const url = `/api/budget/funding-sources/${source.id}/notifications/${year}`;
      const notified = await bodyOf(finance.send('put', url, { amountCents: 28_000_000, reference: 'Arrêté du 12 mars' }), 200);
      expect(notified).toEqual({ year, amountCents: 28_000_000, reference: 'Arrêté du 12 mars', version: 1 });
      const updated = await bodyOf(finance.send('put', url, { amountCents: 28_500_000, reference: 'Arrêté modificatif', version: 1 }), 200);
      expect(updated.version).toBe(2);
      const stale = await finance.send('put', url, { amountCents: 1, reference: null, version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.fields).toEqual([{ path: 'version', message: 'Version périmée.' }]);
      const read = await bodyOf(board.get(`/api/budget/funding-sources/${source.id}`), 200);
      expect(read.notifications).toEqual([{ year, amountCents: 28_500_000, reference: 'Arrêté modificatif', version: 2 }]);
      expect(await db.knex('audit_log').where({ action: 'funding_notification.saved', entity_id: String(source.id) }).count<{ n: number }[]>('* as n')).toEqual([{ n: 2 }]);

      const patched = await bodyOf(finance.patch(`/api/budget/funding-sources/${source.id}`, { inKind: true, version: 1 }), 200);
      expect(patched.inKind).toBeTrue();
      // In kind, it has no typed amount: the one stored is ignored, and no other can be typed (its
      // valuation comes from the staff records; none here, nobody is seconded to it).
      expect(patched.notifications).toEqual([]);
      expect(await bodyOf(finance.get(`/api/budget/funding-sources/${source.id}`), 200)).toEqual(jasmine.objectContaining({ notifications: [], valuations: [] }));
      const typed = await finance.send('put', url, { amountCents: 28_500_000, reference: null, version: 2 });
      expect(typed.status).toBe(422);
      expect(typed.body.error.fields).toEqual([{ path: 'amountCents', message: jasmine.stringContaining('fiches de personnel mis à disposition') }]);
      expect(await db.knex('funding_notifications').where({ funding_source_id: source.id }).select('amount_cents', 'version')).toEqual([{ amount_cents: 28_500_000, version: 2 }]);
      expect(await db.knex('audit_log').where({ action: 'funding_notification.saved', entity_id: String(source.id) }).count<{ n: number }[]>('* as n')).toEqual([{ n: 2 }]);
      const stalePatch = await finance.patch(`/api/budget/funding-sources/${source.id}`, { label: 'x', version: 1 });
      expect(stalePatch.status).toBe(409);
      expect(stalePatch.body.error.message).toContain('Cette source de financement a été modifiée par quelqu’un d’autre');
    });
  });

  describe('access', () => {
    it('refuses a unit lead every budget route with 403, and the board every write', async () => {
      const budgetRoutes = app.api.routes.filter((r) => r.path.startsWith('/budget'));
      expect(budgetRoutes.length).toBeGreaterThan(20);
      expect(budgetRoutes.filter((r) => r.method === 'delete')).toEqual([]);
      const before = await counts();
      for (const route of budgetRoutes) {
        const url = '/api' + route.path.replace(':year', '2031').replace(':id', '1');
        const asLead = route.method === 'get' ? await lead.get(url) : await lead.send(route.method as 'post', url, {});
        expect(asLead.status).withContext(`lead ${route.method} ${route.path}`).toBe(403);
        expect(asLead.body.error.code).toBe('forbidden');
        const asBoard = route.method === 'get' ? await board.get(url) : await board.send(route.method as 'post', url, {});
        if (route.method === 'get') expect([200, 404, 422]).withContext(`board ${route.path}`).toContain(asBoard.status);
        else expect(asBoard.status).withContext(`board ${route.method} ${route.path}`).toBe(403);
      }
      expect(await counts()).toEqual(before);
    });

    it('lets the board read the lines, decisions, entries and execution', async () => {
      const y = await budgetedYear();
      for (const url of [`/api/budget/lines?year=${y.year}`, `/api/budget/decisions?year=${y.year}`, `/api/budget/commitments?year=${y.year}`, `/api/budget/payments?year=${y.year}`, `/api/budget/${y.year}/execution`]) {
        const res = await board.get(url);
        expect(res.status).withContext(url).toBe(200);
      }
    });
  });

  describe('decisions', () => {
    it('opens credits only once adopted, numbers decisions BI, BR1, VIR1, and allows one BI a year', async () => {
      const y = await freshYear();
      const draft = await decide(y.year, 'initial', [{ lineId: y.personnel.id, aeDeltaCents: 6_000_000, cpDeltaCents: 6_000_000 }], false);
      expect(draft).toEqual(jasmine.objectContaining({ code: 'BI', status: 'draft', adoptedAt: null, entries: [{ lineId: y.personnel.id, aeDeltaCents: 6_000_000, cpDeltaCents: 6_000_000 }] }));
      expect((await lineExec(y.year, y.personnel.id)).openAeCents).toBe(0);

      const edited = await bodyOf(finance.patch(`/api/budget/decisions/${draft.id}`, { entries: [{ lineId: y.personnel.id, aeDeltaCents: 12_000_000, cpDeltaCents: 12_000_000 }], version: 1 }), 200);
      expect(edited.version).toBe(2);
      const stale = await finance.post(`/api/budget/decisions/${draft.id}/adopt`, await adoption(draft, 1));
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toContain('Cette décision budgétaire a été modifiée par quelqu’un d’autre');
      const adopted = await bodyOf(finance.post(`/api/budget/decisions/${draft.id}/adopt`, await adoption(draft, 2)), 200);
      expect(adopted.status).toBe('adopted');
      expect(adopted.adoptedAt).toEqual(jasmine.any(String));
      expect((await lineExec(y.year, y.personnel.id)).openAeCents).toBe(12_000_000);

      const secondBi = await finance.post('/api/budget/decisions', { year: y.year, kind: 'initial', decidedOn: `${y.year}-02-01`, entries: [{ lineId: y.operating.id, aeDeltaCents: 1, cpDeltaCents: 1 }] });
      expect(secondBi.status).toBe(409);
      expect(secondBi.body.error.message).toBe(`Le budget initial de ${y.year} existe déjà : une modification passe par un budget rectificatif ou un virement.`);

      const br = await decide(y.year, 'amending', [{ lineId: y.operating.id, aeDeltaCents: 500_000, cpDeltaCents: 400_000 }]);
      expect(br.code).toBe('BR1');
      const vir = await decide(y.year, 'transfer', [
        { lineId: y.personnel.id, aeDeltaCents: -100_000, cpDeltaCents: -100_000 },
        { lineId: y.operating.id, aeDeltaCents: 100_000, cpDeltaCents: 100_000 },
      ]);
      expect(vir.code).toBe('VIR1');
      const exec = await execution(y.year, `${y.year}-06-30`);
      const get = (id: number) => exec.lines.find((l: { lineId: number }) => l.lineId === id);
      expect([get(y.personnel.id).openAeCents, get(y.personnel.id).openCpCents]).toEqual([11_900_000, 11_900_000]);
      expect([get(y.operating.id).openAeCents, get(y.operating.id).openCpCents]).toEqual([600_000, 500_000]);
      expect(await db.knex('audit_log').where({ action: 'budget_decision.adopted' }).whereIn('entity_id', [String(draft.id), String(br.id), String(vir.id)]).count<{ n: number }[]>('* as n')).toEqual([{ n: 3 }]);
    });

    it('never edits an adopted decision: 409 through the API, and the database refuses it too', async () => {
      const y = await budgetedYear();
      const [bi] = (await bodyOf(finance.get(`/api/budget/decisions?year=${y.year}`), 200)) as { id: number; version: number }[];
      const before = await counts();
      const res = await finance.patch(`/api/budget/decisions/${bi.id}`, { rationale: 'Réécriture', version: bi.version });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(`La décision BI de ${y.year} est adoptée : elle ne se modifie plus. Une correction passe par une nouvelle décision.`);
      const again = await finance.post(`/api/budget/decisions/${bi.id}/adopt`, { version: bi.version, deliberationId: (await assemblyDeliberation(db.knex, `${y.year}-01-15`)).id });
      expect(again.status).toBe(409);
      expect(await counts()).toEqual(before);
      await expectAsync(db.knex('budget_decisions').where({ id: bi.id }).update({ rationale: 'x' })).toBeRejectedWithError(/ne se suppriment pas/);
      await expectAsync(db.knex('budget_decision_entries').where({ decision_id: bi.id }).delete()).toBeRejectedWithError(/ne se suppriment pas/);
      await expectAsync(db.knex('budget_decisions').where({ id: bi.id }).delete()).toBeRejectedWithError(/ne se suppriment pas/);
    });

    async function refusedAdoption(year: number, kind: string, entries: { lineId: number; aeDeltaCents: number; cpDeltaCents: number }[], status: number, message: string) {
      const draft = await decide(year, kind, entries, false);
      const before = await counts();
      const res = await finance.post(`/api/budget/decisions/${draft.id}/adopt`, await adoption(draft));
      expect(res.status).toBe(status);
      expect(res.body.error.message).toBe(message);
      expect(await counts()).toEqual(before);
      expect((await db.knex('budget_decisions').where({ id: draft.id }).first()).status).toBe('draft');
    }

    it('adopts a BI or a BR by a general assembly’s deliberation of its year, and names it; a transfer names none', async () => {
      const y = await freshYear();
      const entries = [{ lineId: y.personnel.id, aeDeltaCents: 6_000_000, cpDeltaCents: 6_000_000 }];
      const draft = await decide(y.year, 'initial', entries, false);
      const before = await counts();
      const refused = async (body: object, message: string) => {
        const res = await finance.post(`/api/budget/decisions/${draft.id}/adopt`, { version: draft.version, ...body });
        expect(res.status).withContext(message).toBe(422);
        expect(res.body.error.fields).withContext(message).toEqual([{ path: 'deliberationId', message }]);
      };
      await refused({}, 'Le BI est adopté par une délibération de l’assemblée générale : choisissez-la (enregistrez d’abord la séance et la délibération dans « Gouvernance »).');
      await refused({ deliberationId: 999_999 }, 'Cette délibération n’existe pas.');
      const board = await assemblyDeliberation(db.knex, `${y.year}-01-20`, { body: 'board' });
      await refused({ deliberationId: board.id }, `La délibération n° ${board.number} a été prise par l’instance « Conseil d’administration », pas par l’assemblée générale.`);
      const rejected = await assemblyDeliberation(db.knex, `${y.year}-01-21`, { votes: [3, 6, 1] });
      await refused({ deliberationId: rejected.id }, `La délibération n° ${rejected.number} n’a pas été adoptée (3 voix pour, 6 contre).`);
      const tooEarly = await assemblyDeliberation(db.knex, `${y.year - 2}-11-19`);
      await refused({ deliberationId: tooEarly.id }, `La délibération n° ${tooEarly.number} n’est pas de ${y.year - 1} ou ${y.year} : un budget initial ${y.year} est voté en ${y.year - 1} ou en ${y.year}.`);
      expect(await counts()).toEqual(before);

      // Voted in November of the year before: the BI takes its date; its own reference stays.
      const ag = await assemblyDeliberation(db.knex, `${y.year - 1}-11-19`, { title: `Budget initial de l’exercice ${y.year}` });
      const adopted = await bodyOf(finance.post(`/api/budget/decisions/${draft.id}/adopt`, { version: draft.version, deliberationId: ag.id }), 200);
      expect(adopted).toEqual(
        jasmine.objectContaining({
          status: 'adopted',
          decidedOn: `${y.year - 1}-11-19`,
          reference: 'Délibération',
          deliberation: { id: ag.id, number: ag.number, title: `Budget initial de l’exercice ${y.year}`, adoptedOn: `${y.year - 1}-11-19` },
        }),
      );
      const audit = await db.knex('audit_log').where({ action: 'budget_decision.adopted', entity_id: String(draft.id) }).first();
      const after = typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after;
      expect(after.deliberation.number).toBe(ag.number);

      // A BR of the year before cannot be adopted; a transfer names no deliberation.
      const br = await decide(y.year, 'amending', [{ lineId: y.operating.id, aeDeltaCents: 100_000, cpDeltaCents: 100_000 }], false);
      const lastYear = await finance.post(`/api/budget/decisions/${br.id}/adopt`, { version: br.version, deliberationId: ag.id });
      expect(lastYear.body.error.fields).toEqual([{ path: 'deliberationId', message: `La délibération n° ${ag.number} n’est pas de ${y.year} : un budget rectificatif ${y.year} est voté pendant l’exercice.` }]);
      const vir = await decide(y.year, 'transfer', [
        { lineId: y.personnel.id, aeDeltaCents: -100_000, cpDeltaCents: -100_000 },
        { lineId: y.operating.id, aeDeltaCents: 100_000, cpDeltaCents: 100_000 },
      ], false);
      const named = await finance.post(`/api/budget/decisions/${vir.id}/adopt`, { version: vir.version, deliberationId: ag.id });
      expect(named.body.error.fields).toEqual([{ path: 'deliberationId', message: 'Un virement est une décision de l’ordonnateur : il ne se rattache pas à une délibération de l’assemblée générale.' }]);
      expect((await bodyOf(finance.post(`/api/budget/decisions/${vir.id}/adopt`, { version: vir.version }), 200)).deliberation).toBeNull();

      // The deliberation is now the record of the BI: the governance can no longer change or delete it.
      const row = await db.knex('governance_deliberations').where({ id: ag.id }).first('version');
      const edit = await admin.patch(`/api/governance/deliberations/${ag.id}`, { title: 'Autre', version: row.version });
      expect(edit.status).toBe(409);
      expect(edit.body.error.message).toBe(`La délibération n° ${ag.number} fonde BI ${y.year} : elle ne peut plus être modifiée ni supprimée.`);
      expect((await admin.delete(`/api/governance/deliberations/${ag.id}`)).status).toBe(409);
    });

    it('refuses to adopt personnel credits with AE ≠ CP', async () => {
      const y = await freshYear();
      await refusedAdoption(
        y.year,
        'initial',
        [
          { lineId: y.operating.id, aeDeltaCents: 4_000_000, cpDeltaCents: 3_000_000 },
          { lineId: y.personnel.id, aeDeltaCents: 12_000_000, cpDeltaCents: 11_000_000 },
        ],
        422,
        'Ligne « PERS » : en personnel, les AE et les CP sont égaux (AE 120\u00a0000,00\u00a0€, CP 110\u00a0000,00\u00a0€).',
      );
    });

    it('refuses a transfer that does not sum to zero', async () => {
      const y = await budgetedYear();
      const other = await y.line('FONC2', 'fonctionnement');
      await refusedAdoption(
        y.year,
        'transfer',
        [
          { lineId: y.operating.id, aeDeltaCents: -100_000, cpDeltaCents: -100_000 },
          { lineId: other.id, aeDeltaCents: 100_000, cpDeltaCents: 99_999 },
        ],
        422,
        'Un virement est à somme nulle : il solde à 0,00\u00a0€ en AE et -0,01\u00a0€ en CP.',
      );
    });

    it('refuses a transfer across envelopes that does not come from personnel, and allows one that does', async () => {
      const y = await budgetedYear();
      await refusedAdoption(
        y.year,
        'transfer',
        [
          { lineId: y.operating.id, aeDeltaCents: -200_000, cpDeltaCents: -200_000 },
          { lineId: y.personnel.id, aeDeltaCents: 200_000, cpDeltaCents: 200_000 },
        ],
        422,
        'Entre enveloppes, un virement ne part que de l’enveloppe de personnel : l’enveloppe « Fonctionnement » céderait 2\u00a0000,00\u00a0€.',
      );
      const ok2 = await decide(y.year, 'transfer', [
        { lineId: y.personnel.id, aeDeltaCents: -200_000, cpDeltaCents: -200_000 },
        { lineId: y.operating.id, aeDeltaCents: 200_000, cpDeltaCents: 200_000 },
      ]);
      expect(ok2.status).toBe('adopted');
      // Within one envelope, any direction.
      const other = await y.line('FONC2', 'fonctionnement');
      const within = await decide(y.year, 'transfer', [
        { lineId: y.operating.id, aeDeltaCents: -50_000, cpDeltaCents: -50_000 },
        { lineId: other.id, aeDeltaCents: 50_000, cpDeltaCents: 50_000 },
      ]);
      expect(within.status).toBe('adopted');
    });

    it('refuses a decision leaving open AE below what is committed, or open CP below what is paid', async () => {
      const y = await budgetedYear();
      const c = await bodyOf(commit(y.operating.id, y.year, 3_500_000));
      await bodyOf(pay(y.operating.id, y.year, 2_500_000, c.id));
      await refusedAdoption(
        y.year,
        'amending',
        [{ lineId: y.operating.id, aeDeltaCents: -500_001, cpDeltaCents: 0 }],
        409,
        'Ligne « FONC » : les AE ouvertes tomberaient à 34\u00a0999,99\u00a0€, sous les 35\u00a0000,00\u00a0€ déjà engagés.',
      );
      await refusedAdoption(
        y.year,
        'amending',
        [{ lineId: y.operating.id, aeDeltaCents: 0, cpDeltaCents: -500_001 }],
        409,
        'Ligne « FONC » : les CP ouverts tomberaient à 24\u00a0999,99\u00a0€, sous les 25\u00a0000,00\u00a0€ déjà payés.',
      );
      const exact = await decide(y.year, 'amending', [{ lineId: y.operating.id, aeDeltaCents: -500_000, cpDeltaCents: -500_000 }]);
      expect(exact.status).toBe('adopted');
    });

    it('dates a decision within its year (the BI may be voted the year before)', async () => {
      const y = await freshYear();
      const entries = [{ lineId: y.operating.id, aeDeltaCents: 100, cpDeltaCents: 100 }];
      const bi = await bodyOf(finance.post('/api/budget/decisions', { year: y.year, kind: 'initial', decidedOn: `${y.year - 1}-11-28`, entries }));
      expect(bi.decidedOn).toBe(`${y.year - 1}-11-28`);
      const before = await counts();
      const br = await finance.post('/api/budget/decisions', { year: y.year, kind: 'amending', decidedOn: `${y.year - 1}-12-01`, entries });
      expect(br.status).toBe(422);
      expect(br.body.error.fields).toEqual([{ path: 'decidedOn', message: `La date de la décision doit appartenir à l’exercice ${y.year} (le budget initial peut être voté l’année précédente).` }]);
      const moved = await finance.patch(`/api/budget/decisions/${bi.id}`, { decidedOn: `${y.year + 1}-01-05`, version: bi.version });
      expect(moved.status).toBe(422);
      expect(await counts()).toEqual(before);
    });

    it('refuses entries on a line of another year', async () => {
      const a = await freshYear();
      const b = await freshYear();
      const res = await finance.post('/api/budget/decisions', { year: a.year, kind: 'initial', decidedOn: `${a.year}-01-01`, entries: [{ lineId: b.operating.id, aeDeltaCents: 1, cpDeltaCents: 1 }] });
      expect(res.status).toBe(422);
      expect(res.body.error.fields).toEqual([{ path: 'entries.0.lineId', message: `La ligne « FONC » appartient à l’exercice ${b.year}, pas à ${a.year}.` }]);
    });
  });

  describe('commitments and payments', () => {
    it('blocks a commitment beyond the AE left on its line, writing nothing', async () => {
      const y = await budgetedYear();
      const first = await bodyOf(commit(y.operating.id, y.year, 3_000_000));
      expect(first).toEqual(jasmine.objectContaining({ year: y.year, lineId: y.operating.id, amountCents: 3_000_000, reversesId: null, reason: null, paidCents: 0, thirdParty: 'Prestataire' }));
      const before = await counts();
      const res = await commit(y.operating.id, y.year, 1_000_001);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe('AE insuffisantes sur la ligne « FONC » : l’engagement de 10\u00a0000,01\u00a0€ dépasse les 10\u00a0000,00\u00a0€ disponibles.');
      expect(await counts()).toEqual(before);
      await bodyOf(commit(y.operating.id, y.year, 1_000_000));
      const outOfYear = await finance.post('/api/budget/commitments', { lineId: y.operating.id, committedOn: `${y.year + 1}-01-02`, thirdParty: 'x', object: 'x', amountCents: 1 });
      expect(outOfYear.status).toBe(422);
      expect(outOfYear.body.error.fields).toEqual([{ path: 'committedOn', message: `La date d’engagement doit appartenir à l’exercice ${y.year}.` }]);
    });

    it('never lets two concurrent commitments together exceed the AE left', async () => {
      const y = await budgetedYear();
      const results = await Promise.all([commit(y.operating.id, y.year, 2_500_000), commit(y.operating.id, y.year, 2_500_000)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect((await lineExec(y.year, y.operating.id)).committedCents).toBe(2_500_000);
    });

    it('never pays more than is left on the commitment nor than the CP left on the line', async () => {
      const y = await budgetedYear();
      const c = await bodyOf(commit(y.operating.id, y.year, 1_000_000));
      await bodyOf(pay(y.operating.id, y.year, 600_000, c.id));
      const before = await counts();
      const over = await pay(y.operating.id, y.year, 400_001, c.id);
      expect(over.status).toBe(409);
      expect(over.body.error.message).toBe(`Le paiement de 4\u00a0000,01\u00a0€ dépasse le reste à payer de l’engagement n° ${c.id} (4\u00a0000,00\u00a0€).`);
      const overCp = await pay(y.operating.id, y.year, 2_400_001);
      expect(overCp.status).toBe(409);
      expect(overCp.body.error.message).toBe('CP insuffisants sur la ligne « FONC » : le paiement de 24\u00a0000,01\u00a0€ dépasse les 24\u00a0000,00\u00a0€ disponibles.');
      const wrongLine = await pay(y.personnel.id, y.year, 1, c.id, 'payroll');
      expect(wrongLine.status).toBe(422);
      expect(wrongLine.body.error.fields).toEqual([{ path: 'commitmentId', message: 'Cet engagement porte sur une autre ligne budgétaire.' }]);
      expect(await counts()).toEqual(before);
      const rest = await bodyOf(pay(y.operating.id, y.year, 400_000, c.id));
      expect(rest.commitmentId).toBe(c.id);
      const read = (await bodyOf(board.get(`/api/budget/commitments?year=${y.year}&lineId=${y.operating.id}`), 200)) as { id: number; paidCents: number }[];
      expect(read.find((r) => r.id === c.id)?.paidCents).toBe(1_000_000);
    });

    it('corrects by reversal entries (negative, referencing the entry, with a reason), never below what was paid', async () => {
      const y = await budgetedYear();
      const c = await bodyOf(commit(y.operating.id, y.year, 1_000_000));
      const p = await bodyOf(pay(y.operating.id, y.year, 300_000, c.id));

      const tooMuch = await finance.post(`/api/budget/commitments/${c.id}/reversals`, { date: `${y.year}-05-01`, reason: 'Erreur de montant', amountCents: 700_001 });
      expect(tooMuch.status).toBe(409);
      expect(tooMuch.body.error.message).toBe('Cet engagement ne peut être annulé que de 7\u00a0000,00\u00a0€ (reste 10\u00a0000,00\u00a0€, dont 3\u00a0000,00\u00a0€ déjà payés).');

      const rc = await bodyOf(finance.post(`/api/budget/commitments/${c.id}/reversals`, { date: `${y.year}-05-01`, reason: 'Erreur de montant', amountCents: 200_000 }));
      expect(rc).toEqual(jasmine.objectContaining({ amountCents: -200_000, reversesId: c.id, reason: 'Erreur de montant', lineId: y.operating.id, committedOn: `${y.year}-05-01` }));
      const rp = await bodyOf(finance.post(`/api/budget/payments/${p.id}/reversals`, { date: `${y.year}-05-02`, reason: 'Double paiement' }));
      expect(rp).toEqual(jasmine.objectContaining({ amountCents: -300_000, reversesId: p.id, commitmentId: c.id, reason: 'Double paiement', kind: 'invoice' }));
      const twice = await finance.post(`/api/budget/payments/${p.id}/reversals`, { date: `${y.year}-05-02`, reason: 'Encore' });
      expect(twice.status).toBe(409);
      expect(twice.body.error.message).toBe('Ce paiement ne peut être annulé que de 0,00\u00a0€.');
      const ofReversal = await finance.post(`/api/budget/commitments/${rc.id}/reversals`, { date: `${y.year}-05-02`, reason: 'x' });
      expect(ofReversal.status).toBe(422);

      const exec = await lineExec(y.year, y.operating.id);
      expect([exec.committedCents, exec.paidCents]).toEqual([800_000, 0]);
      const audit = await db.knex('audit_log').where({ action: 'commitment.reversed', entity_id: String(c.id) }).first();
      expect(audit.reason).toBe('Erreur de montant');
      expect(audit.actor_id).toBe(fx.users.finance.id);
      // Nothing is deleted nor rewritten, even directly in the database.
      await expectAsync(db.knex('commitments').where({ id: c.id }).delete()).toBeRejectedWithError(/ne se suppriment pas/);
      await expectAsync(db.knex('payments').where({ id: p.id }).update({ amount_cents: 1 })).toBeRejectedWithError(/ne se suppriment pas/);
      await expectAsync(db.knex.raw('TRUNCATE payments CASCADE')).toBeRejected();
    });
  });

  describe('execution', () => {
    it('gives open, committed, paid, left, rates and alerts per line, envelope, funding source and mission area, to the cent', async () => {
      const y = await budgetedYear();
      const travel = await y.line('DEPL', 'fonctionnement', 'formation');
      await decide(y.year, 'amending', [{ lineId: travel.id, aeDeltaCents: 1_000_000, cpDeltaCents: 1_000_000 }]);
      const c = await bodyOf(commit(y.operating.id, y.year, 1_234_567));
      await bodyOf(pay(y.operating.id, y.year, 1_000_001, c.id));
      await bodyOf(pay(y.personnel.id, y.year, 9_876_543, null, 'payroll'));
      await bodyOf(commit(y.personnel.id, y.year, 9_876_543));
      await bodyOf(commit(travel.id, y.year, 950_000));
      await bodyOf(pay(travel.id, y.year, 100_000));

      const mid = await execution(y.year, `${y.year}-06-30`);
      const days = (Date.UTC(y.year, 11, 31) - Date.UTC(y.year, 0, 1)) / 86_400_000 + 1;
      expect(mid.theoreticalRateBp).toBe(Math.round(((31 + (days === 366 ? 29 : 28) + 31 + 30 + 31 + 30) * 10_000) / days));
      const op = mid.lines.find((l: { lineId: number }) => l.lineId === y.operating.id);
      expect(op).toEqual(
        jasmine.objectContaining({
          code: 'FONC',
          envelope: 'fonctionnement',
          missionArea: 'formation',
          openAeCents: 4_000_000,
          openCpCents: 3_000_000,
          committedCents: 1_234_567,
          paidCents: 1_000_001,
          leftAeCents: 2_765_433,
          leftCpCents: 1_999_999,
          aeRateBp: 3_086, // 30,864175 %
          cpRateBp: 3_333, // 33,33337 %
          forecastPaidCents: Math.round((1_000_001 * days) / (days === 366 ? 182 : 181)),
          alerts: [],
        }),
      );
      const tr = mid.lines.find((l: { lineId: number }) => l.lineId === travel.id);
      expect(tr.aeRateBp).toBe(9_500);
      expect(tr.alerts).toEqual([
        { level: 'warning', code: 'over_90', measure: 'committed', message: 'Les engagements atteignent 95\u00a0% des crédits ouverts (plus de 90\u00a0%) : il reste 500,00\u00a0€.' },
      ]);

      const fonc = mid.byEnvelope.find((g: { key: string }) => g.key === 'fonctionnement');
      expect(fonc).toEqual(
        jasmine.objectContaining({ label: 'Fonctionnement', openAeCents: 5_000_000, openCpCents: 4_000_000, committedCents: 2_184_567, paidCents: 1_100_001, leftAeCents: 2_815_433, leftCpCents: 2_899_999, aeRateBp: 4_369, cpRateBp: 2_750 }),
      );
      expect(mid.byEnvelope.map((g: { key: string }) => g.key)).toEqual(['personnel', 'fonctionnement']);
      expect(mid.byMissionArea.map((g: { key: string; committedCents: number }) => [g.key, g.committedCents])).toEqual([
        ['formation', 2_184_567],
        ['animation_reseau', 9_876_543],
      ]);
      expect(mid.byFundingSource).toEqual([jasmine.objectContaining({ key: y.source.code, openAeCents: 17_000_000, committedCents: 12_061_110, paidCents: 10_976_544 })]);
      expect(mid.total).toEqual(jasmine.objectContaining({ openAeCents: 17_000_000, openCpCents: 16_000_000, committedCents: 12_061_110, paidCents: 10_976_544, leftAeCents: 4_938_890, leftCpCents: 5_023_456, aeRateBp: 7_095, cpRateBp: 6_860 }));

      // After the third quarter, a line paid well under the theoretical rate warns.
      const late = await execution(y.year, `${y.year}-11-15`);
      const lateTravel = late.lines.find((l: { lineId: number }) => l.lineId === travel.id);
      const date = `15/11/${y.year}`;
      expect(lateTravel.alerts).toEqual([
        { level: 'warning', code: 'over_90', measure: 'committed', message: 'Les engagements atteignent 95\u00a0% des crédits ouverts (plus de 90\u00a0%) : il reste 500,00\u00a0€.' },
        {
          level: 'warning',
          code: 'under_execution',
          measure: 'paid',
          message: `Sous-exécution au ${date} : taux des paiements de 10\u00a0% pour un taux théorique de ${formatPercent(late.theoreticalRateBp)} (écart de plus de 25\u00a0points).`,
        },
      ]);
      expect([8_740, 8_743]).toContain(late.theoreticalRateBp);
      const lateOp = late.lines.find((l: { lineId: number }) => l.lineId === y.operating.id);
      expect(lateOp.alerts.map((a: { code: string; measure: string }) => `${a.code}:${a.measure}`)).toEqual(['under_execution:committed', 'under_execution:paid']);
      expect((await execution(y.year, `${y.year + 1}-02-01`)).theoreticalRateBp).toBe(10_000);
    });

    it('flags over 100 % as blocking when consumption exceeds open credits', async () => {
      const y = await budgetedYear();
      await bodyOf(commit(y.operating.id, y.year, 4_000_000));
      // Credits can only drop below consumption outside the API (an imported history, say): the alert still shows it.
      const [{ id: draftId }] = await db.knex('budget_decisions').insert({ year: y.year, kind: 'amending', code: 'BRX', decided_on: `${y.year}-02-01` }).returning('id');
      await db.knex('budget_decision_entries').insert({ decision_id: draftId, line_id: y.operating.id, ae_delta_cents: -100_000, cp_delta_cents: 0 });
      await db.knex('budget_decisions').where({ id: draftId }).update({ status: 'adopted', adopted_at: db.knex.fn.now() });
      const line = await lineExec(y.year, y.operating.id);
      expect(line.aeRateBp).toBe(10_256);
      expect(line.alerts).toEqual([
        {
          level: 'blocking',
          code: 'over_100',
          measure: 'committed',
          message: 'Les engagements (40\u00a0000,00\u00a0€, soit 102,56\u00a0%) dépassent les crédits ouverts (39\u00a0000,00\u00a0€) de 1\u00a0000,00\u00a0€.',
        },
      ]);
    });

    it('answers 404 in French for an unknown year', async () => {
      const res = await board.get('/api/budget/2099/execution');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('Exercice 2099 introuvable.');
    });
  });

  describe('closed year and concurrency', () => {
    it('makes a closed year read-only: every write touching it is a 409 in French and writes nothing', async () => {
      const y = await budgetedYear();
      const c = await bodyOf(commit(y.operating.id, y.year, 100_000));
      const p = await bodyOf(pay(y.operating.id, y.year, 100_000, c.id));
      const draft = await decide(y.year, 'amending', [{ lineId: y.operating.id, aeDeltaCents: 1, cpDeltaCents: 1 }], false);
      const closed = await bodyOf(finance.patch(`/api/budget/fiscal-years/${y.year}`, { status: 'closed', version: 1 }), 200);
      expect(closed).toEqual(jasmine.objectContaining({ status: 'closed', version: 2 }));
      expect(await db.knex('audit_log').where({ action: 'fiscal_year.closed', entity_id: String(y.year) }).count<{ n: number }[]>('* as n')).toEqual([{ n: 1 }]);

      const before = await counts();
      const writes = [
        finance.post('/api/budget/lines', { year: y.year, code: 'NEW', label: 'x', envelope: 'personnel', missionArea: 'support', fundingSourceId: y.source.id }),
        finance.patch(`/api/budget/lines/${y.operating.id}`, { label: 'x', version: y.operating.version }),
        finance.post('/api/budget/decisions', { year: y.year, kind: 'amending', decidedOn: `${y.year}-06-01`, entries: [{ lineId: y.operating.id, aeDeltaCents: 1, cpDeltaCents: 1 }] }),
        finance.patch(`/api/budget/decisions/${draft.id}`, { rationale: 'x', version: draft.version }),
        finance.post(`/api/budget/decisions/${draft.id}/adopt`, { version: draft.version, deliberationId: 1 }),
        commit(y.operating.id, y.year, 1),
        pay(y.operating.id, y.year, 1),
        finance.post(`/api/budget/commitments/${c.id}/reversals`, { date: `${y.year}-12-01`, reason: 'x' }),
        finance.post(`/api/budget/payments/${p.id}/reversals`, { date: `${y.year}-12-01`, reason: 'x' }),
        finance.send('put', `/api/budget/funding-sources/${y.source.id}/notifications/${y.year}`, { amountCents: 1, reference: null }),
      ];
      for (const [i, write] of writes.entries()) {
        const res = await write;
        expect(res.status).withContext(`write ${i}`).toBe(409);
        expect(res.body.error.message).withContext(`write ${i}`).toBe(`L’exercice ${y.year} est clos : il est en lecture seule.`);
      }
      expect(await counts()).toEqual(before);
      expect((await board.get(`/api/budget/${y.year}/execution`)).status).toBe(200);

      const reopened = await bodyOf(admin.patch(`/api/budget/fiscal-years/${y.year}`, { status: 'open', version: 2 }), 200);
      expect(reopened.status).toBe('open');
      const stale = await admin.patch(`/api/budget/fiscal-years/${y.year}`, { status: 'closed', version: 2 });
      expect(stale.status).toBe(409);
    });

    it('refuses a stale edit of a line with 409, no lost update, and audits the one that won', async () => {
      const y = await freshYear();
      const first = await bodyOf(finance.patch(`/api/budget/lines/${y.operating.id}`, { label: 'Fonctionnement courant', version: y.operating.version }), 200);
      expect(first.version).toBe(y.operating.version + 1);
      const before = await counts();
      const second = await admin.patch(`/api/budget/lines/${y.operating.id}`, { label: 'Autre libellé', version: y.operating.version });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toBe('Cette ligne budgétaire a été modifiée par quelqu’un d’autre entre-temps. Rechargez la page puis refaites votre modification.');
      expect(await counts()).toEqual(before);
      expect((await db.knex('budget_lines').where({ id: y.operating.id }).first()).label).toBe('Fonctionnement courant');
      const audit = await db.knex('audit_log').where({ action: 'budget_line.updated', entity_id: String(y.operating.id) });
      expect(audit.length).toBe(1);
      expect(audit[0].before.label).toBe('Ligne FONC');
      expect(audit[0].after.label).toBe('Fonctionnement courant');
    });

    it('freezes the envelope of a line once it has credits, and refuses a duplicate code', async () => {
      const y = await budgetedYear();
      const res = await finance.patch(`/api/budget/lines/${y.operating.id}`, { envelope: 'investissement', version: y.operating.version });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe('Cette ligne a déjà des crédits adoptés ou des écritures : son enveloppe ne change plus. Ouvrez une autre ligne et passez par un virement.');
      const dup = await finance.post('/api/budget/lines', { year: y.year, code: 'fonc', label: 'x', envelope: 'fonctionnement', missionArea: 'support', fundingSourceId: y.source.id });
      expect(dup.status).toBe(409);
      expect(dup.body.error.message).toBe(`Le code « FONC » est déjà utilisé par une autre ligne de ${y.year}.`);
    });

    it('audits every write with its actor in the same transaction', async () => {
      const y = await budgetedYear();
      const c = await bodyOf(commit(y.operating.id, y.year, 10_000));
      const p = await bodyOf(pay(y.operating.id, y.year, 10_000, c.id));
      const rows = await db.knex('audit_log').whereIn('action', ['budget_line.created', 'commitment.created', 'payment.created', 'budget_decision.created']).andWhere('actor_id', fx.users.finance.id);
      const keys = rows.map((r) => `${r.action}:${r.entity_id}`);
      for (const key of [`budget_line.created:${y.operating.id}`, `commitment.created:${c.id}`, `payment.created:${p.id}`]) expect(keys).toContain(key);
      const paymentAudit = rows.find((r) => r.action === 'payment.created' && r.entity_id === String(p.id));
      expect(paymentAudit.after).toEqual(p);
    });
  });

  describe('manual year-end forecast (atterrissage)', () => {
    const forecastUrl = (lineId: number) => `/api/budget/lines/${lineId}/forecast`;

    it('replaces the projection of its line, shows both, and sums into groups as manual or mixed', async () => {
      const y = await budgetedYear();
      await bodyOf(pay(y.operating.id, y.year, 1_000_000));
      await bodyOf(pay(y.personnel.id, y.year, 5_000_000, null, 'payroll'));
      const asOf = `${y.year}-06-30`;
      const before = await execution(y.year, asOf);
      const projectedOp = before.lines.find((l: { lineId: number }) => l.lineId === y.operating.id).projectedPaidCents;
      const projectedPers = before.lines.find((l: { lineId: number }) => l.lineId === y.personnel.id).projectedPaidCents;
      expect(before.total).toEqual(jasmine.objectContaining({ projectedPaidCents: projectedOp + projectedPers, forecastPaidCents: projectedOp + projectedPers, forecastSource: 'projected' }));

      const saved = await bodyOf(finance.send('put', forecastUrl(y.operating.id), { amountCents: 2_500_000, comment: ' Facture du colloque attendue en décembre ' }), 200);
      expect(saved).toEqual(jasmine.objectContaining({ lineId: y.operating.id, amountCents: 2_500_000, comment: 'Facture du colloque attendue en décembre', updatedBy: fx.users.finance.id, version: 1 }));

      const after = await execution(y.year, asOf);
      const op = after.lines.find((l: { lineId: number }) => l.lineId === y.operating.id);
      expect(op).toEqual(jasmine.objectContaining({ projectedPaidCents: projectedOp, forecastPaidCents: 2_500_000, forecastSource: 'manual', manualForecast: saved }));
      const pers = after.lines.find((l: { lineId: number }) => l.lineId === y.personnel.id);
      expect(pers).toEqual(jasmine.objectContaining({ forecastPaidCents: projectedPers, forecastSource: 'projected', manualForecast: null }));
      expect(after.byEnvelope.find((g: { key: string }) => g.key === 'fonctionnement')).toEqual(jasmine.objectContaining({ forecastPaidCents: 2_500_000, forecastSource: 'manual', projectedPaidCents: projectedOp }));
      expect(after.byFundingSource[0]).toEqual(jasmine.objectContaining({ forecastPaidCents: 2_500_000 + projectedPers, forecastSource: 'mixed' }));
      expect(after.total).toEqual(jasmine.objectContaining({ projectedPaidCents: projectedOp + projectedPers, forecastPaidCents: 2_500_000 + projectedPers, forecastSource: 'mixed' }));
    });

    it('is versioned (409 on a stale version, nothing changed), audited, and withdrawn back to the projection', async () => {
      const y = await budgetedYear();
      const url = forecastUrl(y.operating.id);
      await bodyOf(finance.send('put', url, { amountCents: 100_000, comment: 'Premier' }), 200);
      const noVersion = await finance.send('put', url, { amountCents: 200_000, comment: 'Sans version' });
      expect(noVersion.status).toBe(422);
      expect(noVersion.body.error.fields).toEqual([{ path: 'version', message: 'La version lue est obligatoire pour modifier un atterrissage.' }]);
      const second = await bodyOf(admin.send('put', url, { amountCents: 200_000, comment: 'Révisé après BR1', version: 1 }), 200);
      expect(second).toEqual(jasmine.objectContaining({ amountCents: 200_000, version: 2, updatedBy: fx.users.admin.id }));
      const stale = await finance.send('put', url, { amountCents: 300_000, comment: 'Trop tard', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toBe('L’atterrissage de cette ligne a été modifié par quelqu’un d’autre entre-temps. Rechargez la page puis refaites votre modification.');
      expect(Number((await db.knex('budget_line_forecasts').where({ line_id: y.operating.id }).first()).amount_cents)).toBe(200_000);

      const audit = await db.knex('audit_log').where({ action: 'budget_forecast.saved', entity_id: String(y.operating.id) }).orderBy('id');
      expect(audit.map((a) => [a.before?.amountCents ?? null, a.after.amountCents, a.reason])).toEqual([
        [null, 100_000, 'Premier'],
        [100_000, 200_000, 'Révisé après BR1'],
      ]);

      const staleDelete = await finance.post(`${url}/withdrawal`, { version: 1 });
      expect(staleDelete.status).toBe(409);
      const withdrawn = await finance.post(`${url}/withdrawal`, { version: 2 });
      expect(withdrawn.status).withContext(JSON.stringify(withdrawn.body)).toBe(204);
      expect(await db.knex('budget_line_forecasts').where({ line_id: y.operating.id }).first()).toBeUndefined();
      expect(await db.knex('audit_log').where({ action: 'budget_forecast.withdrawn', entity_id: String(y.operating.id) }).count<{ n: number }[]>('* as n')).toEqual([{ n: 1 }]);
      const line = await lineExec(y.year, y.operating.id);
      expect(line).toEqual(jasmine.objectContaining({ manualForecast: null, forecastSource: 'projected', forecastPaidCents: line.projectedPaidCents }));
      expect((await finance.post(`${url}/withdrawal`, { version: 3 })).status).toBe(404);
    });

    it('needs a comment and a non-negative amount, refuses unknown lines, a closed year and the board', async () => {
      const y = await budgetedYear();
      const url = forecastUrl(y.operating.id);
      const noComment = await finance.send('put', url, { amountCents: 1, comment: '  ' });
      expect(noComment.status).toBe(422);
      expect(noComment.body.error.fields).toEqual([{ path: 'comment', message: 'Le commentaire de l’atterrissage est obligatoire.' }]);
      const negative = await finance.send('put', url, { amountCents: -1, comment: 'x' });
      expect(negative.body.error.fields).toEqual([{ path: 'amountCents', message: 'L’atterrissage ne peut pas être négatif.' }]);
      expect((await finance.send('put', forecastUrl(999_999), { amountCents: 1, comment: 'x' })).status).toBe(404);
      expect((await board.send('put', url, { amountCents: 1, comment: 'x' })).status).toBe(403);
      expect((await lead.send('put', url, { amountCents: 1, comment: 'x' })).status).toBe(403);

      await bodyOf(finance.send('put', url, { amountCents: 1, comment: 'Avant clôture' }), 200);
      const fiscalYear = (await bodyOf<any[]>(finance.get('/api/budget/fiscal-years'), 200)).find((f) => f.year === y.year);
      await bodyOf(finance.patch(`/api/budget/fiscal-years/${y.year}`, { status: 'closed', version: fiscalYear.version }), 200);
      const closed = await finance.send('put', url, { amountCents: 2, comment: 'Après clôture', version: 1 });
      expect(closed.status).toBe(409);
      expect(closed.body.error.message).toBe(`L’exercice ${y.year} est clos : il est en lecture seule.`);
      expect((await finance.post(`${url}/withdrawal`, { version: 1 })).status).toBe(409);
      expect((await lineExec(y.year, y.operating.id)).forecastPaidCents).toBe(1);
    });
  });

  describe('multi-year comparison', () => {
    it('matches lines by code across years, sums per envelope, funding source and mission area, with rates', async () => {
      const a = await budgetedYear();
      const b = await budgetedYear();
      // A line that exists only in the second year, and a relabelled line.
      const travel = await b.line('DEPL', 'fonctionnement', 'recherche');
      await bodyOf(finance.patch(`/api/budget/lines/${b.operating.id}`, { label: 'Fonctionnement courant', version: b.operating.version }), 200);
      await decide(b.year, 'amending', [{ lineId: travel.id, aeDeltaCents: 500_000, cpDeltaCents: 500_000 }]);
      await bodyOf(commit(a.operating.id, a.year, 1_000_000));
      await bodyOf(pay(a.operating.id, a.year, 750_000));
      await bodyOf(commit(b.operating.id, b.year, 3_000_000));
      await bodyOf(commit(travel.id, b.year, 100_000));
      await bodyOf(pay(b.personnel.id, b.year, 12_000_000, null, 'payroll'));

      const res = await bodyOf(board.get(`/api/budget/comparison?from=${a.year}&to=${b.year}`), 200);
      expect(res.years).toEqual([a.year, b.year]);
      const fonc = res.lines.find((r: { key: string }) => r.key === 'FONC');
      expect(fonc.label).toBe('Fonctionnement courant');
      expect(fonc.years).toEqual([
        { year: a.year, present: true, openAeCents: 4_000_000, openCpCents: 3_000_000, committedCents: 1_000_000, paidCents: 750_000, aeRateBp: 2_500, cpRateBp: 2_500 },
        { year: b.year, present: true, openAeCents: 4_000_000, openCpCents: 3_000_000, committedCents: 3_000_000, paidCents: 0, aeRateBp: 7_500, cpRateBp: 0 },
      ]);
      const depl = res.lines.find((r: { key: string }) => r.key === 'DEPL');
      expect(depl.years[0]).toEqual({ year: a.year, present: false, openAeCents: 0, openCpCents: 0, committedCents: 0, paidCents: 0, aeRateBp: null, cpRateBp: null });
      expect(depl.years[1]).toEqual(jasmine.objectContaining({ present: true, committedCents: 100_000, aeRateBp: 2_000 }));
      expect(res.lines.map((r: { key: string }) => r.key)).toEqual(['DEPL', 'FONC', 'PERS']);

      const env = res.byEnvelope.find((r: { key: string }) => r.key === 'fonctionnement');
      expect(env.years.map((c: { committedCents: number; openAeCents: number }) => [c.openAeCents, c.committedCents])).toEqual([
        [4_000_000, 1_000_000],
        [4_500_000, 3_100_000],
      ]);
      expect(res.byMissionArea.map((r: { key: string }) => r.key)).toEqual(['formation', 'recherche', 'animation_reseau']);
      // Each year has its own funding source here: one row each, absent the other year.
      expect(res.byFundingSource.map((r: { key: string; years: { present: boolean }[] }) => [r.key, r.years.map((c) => c.present)])).toEqual([
        [a.source.code, [true, false]],
        [b.source.code, [false, true]],
      ].sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)));
      expect(res.total.years[1]).toEqual(
        jasmine.objectContaining({ openAeCents: 16_500_000, openCpCents: 15_500_000, committedCents: 3_100_000, paidCents: 12_000_000, aeRateBp: 1_879, cpRateBp: 7_742 }),
      );
    });

    it('checks its range and answers 404 when no year exists; hidden from unit leads', async () => {
      const inverted = await board.get('/api/budget/comparison?from=2030&to=2029');
      expect(inverted.status).toBe(422);
      expect(inverted.body.error.fields).toEqual([{ path: 'to', message: 'L’année de début doit précéder l’année de fin.' }]);
      const long = await board.get('/api/budget/comparison?from=2030&to=2045');
      expect(long.body.error.fields).toEqual([{ path: 'to', message: 'La comparaison porte sur dix exercices au plus.' }]);
      const none = await board.get('/api/budget/comparison?from=2090&to=2091');
      expect(none.status).toBe(404);
      expect(none.body.error.message).toBe('Aucun exercice entre 2090 et 2091.');
      expect((await lead.get('/api/budget/comparison?from=2030&to=2031')).status).toBe(403);
    });
  });
});
