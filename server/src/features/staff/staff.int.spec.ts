import { splitLargestRemainder } from '@cn2r/shared';
import type { TestDatabase } from '../../testing/test-database.js';
import { signInFixtures, startFixtureApp, type Fixtures, type TestClient } from '../../testing/test-app.js';
import type { App } from '../../app.js';

/**
 * Staff and FTE through the API on a real PostgreSQL: the worked example of docs/domain/money.md to the cent,
 * allocation coverage, the largest-remainder split, privacy (board, unit leads), audit, 409.
 * Each spec works on its own years, so that the figures of one never leak into another: the worked
 * example (2025) has open-ended assignments, so the others use closed ones in earlier years.
 */
describe('staff and FTE', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let finance: TestClient;
  let admin: TestClient;
  let board: TestClient;
  let lead: TestClient;
  let mig: number;
  let ministry: number;
  const lines: Record<string, number> = {};

  async function fiscalYear(year: number) {
    await db.knex('fiscal_years').insert({ year }).onConflict('year').ignore();
  }

  async function line(year: number, code: string, fundingSourceId = mig): Promise<number> {
    await fiscalYear(year);
    const [row] = await db.knex('budget_lines').insert({ year, code, label: `Ligne ${code}`, envelope: 'personnel', mission_area: 'support', funding_source_id: fundingSourceId }).returning('id');
    lines[`${year}:${code}`] = row.id;
    return row.id as number;
  }

  const alloc = (budgetLineId: number, fromOn: string, toOn: string | null, shareBp = 10_000, fundingSourceId = mig, missionArea = 'support') => ({
    fromOn,
    toOn,
    shareBp,
    budgetLineId,
    fundingSourceId,
    missionArea,
  });

  async function member(name: string, status = 'own', employer: { label: string; kind: string } = { label: 'CN2R', kind: 'grouping' }, category = 'medical') {
    const res = await finance.post('/api/staff/members', { name, category, employerLabel: employer.label, employerKind: employer.kind, status });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number; version: number };
  }

  async function assignment(memberId: number, body: Record<string, unknown>) {
    const res = await finance.post(`/api/staff/members/${memberId}/assignments`, { positionLabel: 'Poste', migPost: null, ...body });
    expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number; version: number; allocations: unknown[] };
  }

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    ({ finance, admin, board, leadA: lead } = await signInFixtures(app.app, fx, 'finance', 'admin', 'board', 'leadA'));
    [{ id: mig }] = await db.knex('funding_sources').insert({ code: 'MIG_H15', label: 'MIG H15', funder: 'DGOS', nature: 'mig' }).returning('id');
    [{ id: ministry }] = await db
      .knex('funding_sources')
      .insert({ code: 'MIN_JUSTICE', label: 'Ministère de la Justice', funder: 'Ministère de la Justice', nature: 'seconded_staff', in_kind: true })
      .returning('id');
  });
  afterAll(() => db.drop());

  it('reproduces the worked example of docs/domain/money.md to the cent: 0,84 ETPT and 100 602,74 €, 51 428,57 € at 80 %, 60 000 €', async () => {
    const psy = await line(2025, 'MIG-PSY');
    const psycho = await line(2025, 'MIG-PSYCHO');
    const aux = await line(2025, 'MIG-AUX');
    const a = await member('Dr Alice Martin');
    const b = await member('Bruno Petit', 'own', undefined, 'psychologist');
    const c = await member('Chloé Durand', 'own', undefined, 'paramedical');
    await assignment(a.id, { positionLabel: 'Psychiatre', startOn: '2025-03-01', endOn: null, quotiteBp: 10_000, annualCostCents: 12_000_000, migPost: 'psychiatrist', allocations: [alloc(psy, '2025-03-01', null)] });
    await assignment(b.id, { positionLabel: 'Psychologue', startOn: '2025-01-01', endOn: '2025-12-31', quotiteBp: 8_000, annualCostCents: 6_000_000, migPost: 'psychologist', allocations: [alloc(psycho, '2025-01-01', '2025-12-31')] });
    await assignment(c.id, { positionLabel: 'Infirmière', startOn: '2025-01-01', endOn: null, quotiteBp: 10_000, annualCostCents: 6_000_000, migPost: 'medical_auxiliary', allocations: [alloc(aux, '2025-01-01', null)] });

    const res = await finance.get('/api/staff/2025/summary');
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.detail).toBe('full');
    const costOf = (id: number) => s.byLine.find((l: { budgetLineId: number }) => l.budgetLineId === id);
    expect(costOf(psy)).toEqual(jasmine.objectContaining({ costCents: 10_060_274, etpt: { num: 306, den: 365, display: '0,84' } }));
    expect(costOf(psycho)).toEqual(jasmine.objectContaining({ costCents: 5_142_857, etpt: { num: 4, den: 5, display: '0,80' } }));
    expect(costOf(aux)).toEqual(jasmine.objectContaining({ costCents: 6_000_000, etpt: { num: 1, den: 1, display: '1,00' } }));
    expect(s.totalCostCents).toBe(10_060_274 + 5_142_857 + 6_000_000);
    expect(s.totalEtpt.display).toBe('2,64');
    expect(s.people.map((p: { name: string; etpt: { display: string }; costCents: number }) => [p.name, p.etpt.display, p.costCents])).toEqual([
      ['Bruno Petit', '0,80', 5_142_857],
      ['Chloé Durand', '1,00', 6_000_000],
      ['Dr Alice Martin', '0,84', 10_060_274],
    ]);
    // Staff 212 031,31 € + operating 36 123,45 € = 248 154,76 € of the 280 000 € notified.
    expect(s.totalCostCents + 3_612_345).toBe(24_815_476);
    expect(28_000_000 - (s.totalCostCents + 3_612_345)).toBe(3_184_524);
    const byPost = Object.fromEntries(s.migPosts.map((p: { post: string }) => [p.post, p]));
    expect(byPost.psychiatrist).toEqual(jasmine.objectContaining({ fundedEtp: 1, etpt: { num: 306, den: 365, display: '0,84' }, vacancies: [{ from: '2025-01-01', to: '2025-02-28', days: 59 }] }));
    expect(byPost.psychologist.vacancies).toEqual([]);
    expect(byPost.medical_auxiliary.etpt.display).toBe('1,00');
    const funder = s.byFunder.find((f: { key: string }) => f.key === String(mig));
    expect(funder.costCents).toBe(21_203_131);
    expect(s.byMission).toEqual([{ key: 'support', label: 'Support', etpt: s.totalEtpt, headcount: 3, costCents: 21_203_131, costMasked: null }]);
    expect(s.ceiling.paidByGroupingEtpt.display).toBe('2,64');
    expect(s.ceiling.ceilingEtptBp).toBeNull();
    expect(s.ceiling.version).toBeNull();
  });

  it('refuses allocations with a gap, an overlap or under 100 % with the French problems (422), and writes nothing', async () => {
    const l1 = await line(2040, 'COV-1');
    const l2 = await line(2040, 'COV-2');
    const m = await member('Personne Couverture');
    const count = async () => Number((await db.knex('staff_assignments').where({ staff_member_id: m.id }).count({ n: '*' }))[0].n);
    const base = { startOn: '2040-01-01', endOn: '2040-12-31', quotiteBp: 10_000, annualCostCents: 5_000_000 };

    const gap = await finance.post(`/api/staff/members/${m.id}/assignments`, { ...base, positionLabel: 'P', allocations: [alloc(l1, '2040-02-01', '2040-12-31')] });
    expect(gap.status).toBe(422);
    expect(gap.body.error.code).toBe('validation_failed');
    expect(gap.body.error.fields).toEqual([{ path: 'allocations', message: 'Du 01/01/2040 au 31/01/2040, aucune part n’est affectée (0\u00A0% au lieu de 100\u00A0%).' }]);

    const overlap = await finance.post(`/api/staff/members/${m.id}/assignments`, {
      ...base,
      positionLabel: 'P',
      allocations: [alloc(l1, '2040-01-01', '2040-06-30'), alloc(l2, '2040-06-01', '2040-12-31')],
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error.fields).toEqual([{ path: 'allocations', message: 'Du 01/06/2040 au 30/06/2040, les parts totalisent 200\u00A0% au lieu de 100\u00A0%.' }]);

    const over = await finance.post(`/api/staff/members/${m.id}/assignments`, {
      ...base,
      positionLabel: 'P',
      allocations: [alloc(l1, '2040-01-01', '2040-12-31', 6_000), alloc(l2, '2040-01-01', '2040-12-31', 5_000)],
    });
    expect(over.status).toBe(422);
    expect(over.body.error.fields).toEqual([{ path: 'allocations', message: 'Du 01/01/2040 au 31/12/2040, les parts totalisent 110\u00A0% au lieu de 100\u00A0%.' }]);
    expect(await count()).toBe(0);

    // A valid one, then a PUT that would leave a gap: refused, the allocations and version unchanged.
    const ok = await assignment(m.id, { ...base, allocations: [alloc(l1, '2040-01-01', '2040-12-31', 5_000), alloc(l2, '2040-01-01', '2040-12-31', 5_000)] });
    const put = await finance.send('put', `/api/staff/assignments/${ok.id}/allocations`, { version: ok.version, allocations: [alloc(l1, '2040-01-01', '2040-09-30')] });
    expect(put.status).toBe(422);
    expect(put.body.error.fields).toEqual([{ path: 'allocations', message: 'Du 01/10/2040 au 31/12/2040, aucune part n’est affectée (0\u00A0% au lieu de 100\u00A0%).' }]);
    const stored = await finance.get(`/api/staff/members/${m.id}`);
    expect(stored.body.assignments.length).toBe(1);
    expect(stored.body.assignments[0].version).toBe(ok.version);
    expect(stored.body.assignments[0].allocations.map((a: { shareBp: number }) => a.shareBp)).toEqual([5_000, 5_000]);

    // Moving the end date past the allocations is refused too.
    const longer = await finance.patch(`/api/staff/assignments/${ok.id}`, { endOn: '2041-03-31', version: ok.version });
    expect(longer.status).toBe(422);
    expect(longer.body.error.fields[0].message).toBe('Du 01/01/2041 au 31/03/2041, aucune part n’est affectée (0\u00A0% au lieu de 100\u00A0%).');
    expect(await count()).toBe(1);
  });

  it('refuses (422) an allocation charging a line of another fiscal year, or crossing 31 December, naming the field; writes and audits nothing', async () => {
    const l43 = await line(2043, 'MIG-PSYCHIATRE');
    const l44 = await line(2044, 'MIG-PSYCHIATRE');
    const m = await member('Personne Exercices');
    const assignments = () => db.knex('staff_assignments').where({ staff_member_id: m.id });
    const audits = async () => Number((await db.knex('audit_log').where({ entity_type: 'staff_assignment' }).count({ n: '*' }))[0].n);
    const auditsBefore = await audits();
    const base = { positionLabel: 'Psychiatre', startOn: '2044-01-01', endOn: '2044-12-31', quotiteBp: 10_000, annualCostCents: 12_000_000 };

    // A 2044 assignment charged to the 2043 line: refused on the row’s budgetLineId.
    const wrongYear = await finance.post(`/api/staff/members/${m.id}/assignments`, { ...base, allocations: [alloc(l43, '2044-01-01', '2044-12-31')] });
    expect(wrongYear.status).toBe(422);
    expect(wrongYear.body.error.code).toBe('validation_failed');
    expect(wrongYear.body.error.message).toBe('Chaque ventilation impute une ligne budgétaire de l’exercice de ses dates, et ne couvre qu’un exercice.');
    expect(wrongYear.body.error.fields).toEqual([
      {
        path: 'allocations.0.budgetLineId',
        message: 'La ligne 2043 · MIG-PSYCHIATRE n’appartient pas à l’exercice 2044 : une ventilation ne couvre qu’un exercice ; imputez celle du 01/01/2044 au 31/12/2044 sur une ligne 2044.',
      },
    ]);

    // A row from 1 July 2043 to 30 June 2044 on the 2043 line: its line is right, its end is not.
    const crossing = await finance.post(`/api/staff/members/${m.id}/assignments`, {
      ...base,
      startOn: '2043-07-01',
      endOn: '2044-06-30',
      allocations: [alloc(l43, '2043-07-01', '2044-06-30')],
    });
    expect(crossing.status).toBe(422);
    expect(crossing.body.error.fields).toEqual([
      {
        path: 'allocations.0.toOn',
        message: 'La ventilation du 01/07/2043 au 30/06/2044 déborde de l’exercice 2043 : une ventilation ne couvre qu’un exercice ; coupez-la au 31 décembre 2043 et imputez la suite sur une ligne de l’exercice suivant.',
      },
    ]);
    // An unknown line is named on its field, not left to the foreign key.
    const unknown = await finance.post(`/api/staff/members/${m.id}/assignments`, { ...base, allocations: [alloc(999_999, '2044-01-01', '2044-12-31')] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toEqual([{ path: 'allocations.0.budgetLineId', message: 'La ligne budgétaire de la ventilation du 01/01/2044 au 31/12/2044 est introuvable.' }]);
    expect(await assignments()).toEqual([]);
    expect(await db.knex('staff_allocations').whereIn('budget_line_id', [l43, l44])).toEqual([]);
    expect(await audits()).toBe(auditsBefore);

    // Cut at 31 December, each year on its own line: accepted. An open-ended row starting in its line’s year too.
    const ok = await assignment(m.id, { ...base, startOn: '2043-07-01', endOn: null, allocations: [alloc(l43, '2043-07-01', '2043-12-31'), alloc(l44, '2044-01-01', null)] });
    expect(ok.allocations.length).toBe(2);
    const stored = async () => (await db.knex('staff_allocations').where({ assignment_id: ok.id }).orderBy('from_on')).map((r) => [r.from_on, r.to_on, r.budget_line_id]);
    const storedBefore = await stored();
    expect(storedBefore).toEqual([
      ['2043-07-01', '2043-12-31', l43],
      ['2044-01-01', null, l44],
    ]);

    // Replacing the split (PUT) or sending it with the assignment (PATCH) is checked the same way.
    const put = await finance.send('put', `/api/staff/assignments/${ok.id}/allocations`, { version: ok.version, allocations: [alloc(l43, '2043-07-01', '2043-12-31'), alloc(l43, '2044-01-01', null)] });
    expect(put.status).toBe(422);
    expect(put.body.error.fields).toEqual([
      {
        path: 'allocations.1.budgetLineId',
        message: 'La ligne 2043 · MIG-PSYCHIATRE n’appartient pas à l’exercice 2044 : une ventilation ne couvre qu’un exercice ; imputez celle à partir du 01/01/2044 sur une ligne 2044.',
      },
    ]);
    const patch = await finance.patch(`/api/staff/assignments/${ok.id}`, { version: ok.version, allocations: [alloc(l44, '2043-07-01', '2043-12-31'), alloc(l44, '2044-01-01', null)] });
    expect(patch.status).toBe(422);
    expect(patch.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['allocations.0.budgetLineId']);
    expect(await stored()).toEqual(storedBefore);
    expect((await db.knex('staff_assignments').where({ id: ok.id }).first()).version).toBe(ok.version);
    expect((await db.knex('audit_log').where({ entity_type: 'staff_assignment', entity_id: String(ok.id) })).map((r) => r.action)).toEqual(['staff_assignment.created']);
  });

  it('splits an assignment’s cost across its allocations with the largest remainder: lines add up to the cent', async () => {
    const la = await line(2011, 'LR-A');
    const lb = await line(2011, 'LR-B');
    const lc = await line(2011, 'LR-C', ministry);
    const m = await member('Personne Répartition');
    const a = await assignment(m.id, {
      startOn: '2011-01-01',
      endOn: '2011-12-31',
      quotiteBp: 9_000,
      annualCostCents: 5_432_109,
      allocations: [alloc(la, '2011-01-01', '2011-12-31', 3_333), alloc(lb, '2011-01-01', '2011-12-31', 3_333), alloc(lc, '2011-01-01', '2011-12-31', 3_334, ministry)],
    });
    expect(a.allocations.length).toBe(3);
    const s = (await finance.get('/api/staff/2011/summary')).body;
    // 90 % is paid 32/35: 5 432 109 × 32 / 35 = 4 966 499,66 → 4 966 500 cents.
    expect(s.people[0].costCents).toBe(4_966_500);
    const parts = [la, lb, lc].map((id) => s.byLine.find((l: { budgetLineId: number }) => l.budgetLineId === id).costCents);
    expect(parts).toEqual(splitLargestRemainder(4_966_500, [3_333 * 365, 3_333 * 365, 3_334 * 365]));
    // 1 655 334,45 + 1 655 334,45 + 1 655 831,1: the cent left over goes to the largest remainder (the first).
    expect(parts).toEqual([1_655_335, 1_655_334, 1_655_831]);
    expect(parts.reduce((x: number, y: number) => x + y, 0)).toBe(4_966_500);
    expect(s.byFunder.map((f: { costCents: number }) => f.costCents).reduce((x: number, y: number) => x + y, 0)).toBe(4_966_500);
    expect(s.byFunder.find((f: { key: string }) => f.key === String(ministry)).costCents).toBe(1_655_831);
  });

  it('counts ETPT paid by the grouping against the ceiling, and values seconded staff in kind per ministry', async () => {
    const l = await line(2012, 'CEIL');
    const own = await member('Agent Propre');
    const reimbursed = await member('Agent Remboursé', 'seconded_with_reimbursement', { label: 'AP-HP', kind: 'hospital' });
    const magistrate = await member('Magistrate Détachée', 'seconded_without', { label: 'Ministère de la Justice', kind: 'ministry' }, 'magistrate');
    for (const [m, quotiteBp, cost] of [[own, 10_000, 4_000_000], [reimbursed, 5_000, 6_000_000], [magistrate, 10_000, 9_000_000]] as const) {
      await assignment(m.id, { startOn: '2012-01-01', endOn: '2012-12-31', quotiteBp, annualCostCents: cost, allocations: [alloc(l, '2012-01-01', '2012-12-31')] });
    }
    const set = await finance.send('put', '/api/staff/ceilings/2012', { ceilingEtptBp: 12_000 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ year: 2012, ceilingEtptBp: 12_000, version: 1 });
    let s = (await board.get('/api/staff/2012/summary')).body;
    expect(s.ceiling).toEqual({
      ceilingEtptBp: 12_000,
      version: 1,
      paidByGroupingEtpt: { num: 3, den: 2, display: '1,50' },
      secondedWithoutReimbursementEtpt: { num: 1, den: 1, display: '1,00' },
      overCeiling: true,
    });
    // One magistrate: the board gets her ETPT, not her value (a group of fewer than 3 people); finance gets it.
    expect(s.secondedInKind).toEqual([{ employerLabel: 'Ministère de la Justice', employerKind: 'ministry', etpt: { num: 1, den: 1, display: '1,00' }, headcount: 1, valueCents: null, valueMasked: 'fewer_than_3_people' }]);
    expect(s.secondedInKindTotalCents).toBeNull();
    const full = (await finance.get('/api/staff/2012/summary')).body;
    expect(full.secondedInKind[0].valueCents).toBe(9_000_000);
    expect(full.secondedInKindTotalCents).toBe(9_000_000);

    // Stale version of the ceiling: 409; the right one: 200 and below the ceiling.
    expect((await finance.send('put', '/api/staff/ceilings/2012', { ceilingEtptBp: 20_000 })).status).toBe(409);
    const raised = await admin.send('put', '/api/staff/ceilings/2012', { ceilingEtptBp: 20_000, version: 1 });
    expect(raised.status).toBe(200);
    s = (await finance.get('/api/staff/2012/summary')).body;
    expect(s.ceiling.overCeiling).toBeFalse();
    expect(s.ceiling.version).toBe(2);

    // In-kind contributions besides staff join the year’s total.
    const premises = await finance.post('/api/staff/in-kind', { year: 2012, label: 'Locaux', contributor: 'CHU de Lille', kind: 'premises', valuationMethod: '120 m² × 250 €/m²/an', amountCents: 3_000_000 });
    expect(premises.status).toBe(201);
    s = (await finance.get('/api/staff/2012/summary')).body;
    expect(s.otherInKindTotalCents).toBe(3_000_000);
  });

  it('refuses (409) a change that would alter the figures of a closed fiscal year, and accepts one dated in an open year', async () => {
    const l1 = await line(2016, 'CLO-1');
    const l2 = await line(2016, 'CLO-2');
    const l1Next = await line(2017, 'CLO-1');
    const l2Next = await line(2017, 'CLO-2');
    const m = await member('Personne Exercice Clos');
    const a = await assignment(m.id, {
      startOn: '2016-01-01',
      endOn: '2017-12-31',
      quotiteBp: 10_000,
      annualCostCents: 3_650_000,
      allocations: [alloc(l1, '2016-01-01', '2016-12-31'), alloc(l1Next, '2017-01-01', '2017-12-31')],
    });
    await db.knex('fiscal_years').where({ year: 2016 }).update({ status: 'closed' });

    const retro = await finance.send('put', `/api/staff/assignments/${a.id}/allocations`, {
      version: a.version,
      allocations: [alloc(l1, '2016-01-01', '2016-05-31'), alloc(l2, '2016-06-01', '2016-12-31'), alloc(l1Next, '2017-01-01', '2017-12-31')],
    });
    expect(retro.status).toBe(409);
    expect(retro.body.error.message).toContain('L’exercice 2016 est clos');
    const cost = await finance.patch(`/api/staff/assignments/${a.id}`, { annualCostCents: 4_000_000, version: a.version });
    expect(cost.status).toBe(409);
    const created = await finance.post(`/api/staff/members/${m.id}/assignments`, { positionLabel: 'P', startOn: '2016-12-01', endOn: '2016-12-31', quotiteBp: 5_000, annualCostCents: 1, allocations: [alloc(l1, '2016-12-01', '2016-12-31')] });
    expect(created.status).toBe(409);

    const later = await finance.send('put', `/api/staff/assignments/${a.id}/allocations`, { version: a.version, allocations: [alloc(l1, '2016-01-01', '2016-12-31'), alloc(l2Next, '2017-01-01', '2017-12-31')] });
    expect(later.status).withContext(JSON.stringify(later.body)).toBe(200);
    const s2016 = (await finance.get('/api/staff/2016/summary')).body;
    expect(s2016.byLine.map((l: { code: string; costCents: number }) => [l.code, l.costCents])).toEqual([['CLO-1', 3_650_000]]);
    expect((await db.knex('staff_assignments').where({ staff_member_id: m.id })).length).toBe(1);
    expect((await finance.delete(`/api/staff/assignments/${a.id}`)).status).toBe(409);
    expect((await finance.delete(`/api/staff/members/${m.id}`)).status).toBe(409);
  });

  it('gives the board aggregates only (no names, no cost per person) and refuses unit leads everything', async () => {
    const l = await line(2013, 'PRIV');
    const m = await member('Nom Très Confidentiel');
    await assignment(m.id, { startOn: '2013-01-01', endOn: '2013-12-31', quotiteBp: 10_000, annualCostCents: 7_777_777, allocations: [alloc(l, '2013-01-01', '2013-12-31')] });

    const full = await finance.get('/api/staff/2013/summary');
    expect(JSON.stringify(full.body)).toContain('Nom Très Confidentiel');
    const agg = await board.get('/api/staff/2013/summary');
    expect(agg.status).toBe(200);
    expect(agg.body.detail).toBe('aggregate');
    expect(agg.body.people).toBeNull();
    expect(agg.body.headcount).toBe(1);
    expect(JSON.stringify(agg.body)).not.toContain('Confidentiel');
    expect(Object.keys(agg.body)).not.toContain('names');

    for (const url of ['/api/staff/members', `/api/staff/members/${m.id}`]) {
      expect((await board.get(url)).status).withContext(url).toBe(403);
    }
    for (const url of ['/api/staff/members', `/api/staff/members/${m.id}`, '/api/staff/2013/summary', '/api/staff/in-kind']) {
      const res = await lead.get(url);
      expect(res.status).withContext(url).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('Confidentiel');
    }
    expect((await lead.post('/api/staff/members', { name: 'X', category: 'other', employerLabel: 'X', employerKind: 'other', status: 'own' })).status).toBe(403);
    expect((await board.post('/api/staff/members', { name: 'X', category: 'other', employerLabel: 'X', employerKind: 'other', status: 'own' })).status).toBe(403);
  });

  it('audits every write in the same transaction, and answers 409 on a stale version without losing the other edit', async () => {
    const l1 = await line(2014, 'AUD-1');
    const l2 = await line(2014, 'AUD-2');
    const m = await member('Personne Auditée');
    const a = await assignment(m.id, { startOn: '2014-01-01', endOn: '2014-12-31', quotiteBp: 10_000, annualCostCents: 1_000_000, allocations: [alloc(l1, '2014-01-01', '2014-12-31')] });

    const renamed = await finance.patch(`/api/staff/members/${m.id}`, { name: 'Personne Renommée', version: m.version });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(m.version + 1);
    const stale = await admin.patch(`/api/staff/members/${m.id}`, { name: 'Écrasement', version: m.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toEqual([{ path: 'version', message: 'Version périmée.' }]);
    expect((await db.knex('staff_members').where({ id: m.id }).first()).name).toBe('Personne Renommée');

    const split = [alloc(l1, '2014-01-01', '2014-06-30'), alloc(l2, '2014-07-01', '2014-12-31')];
    const put = await finance.send('put', `/api/staff/assignments/${a.id}/allocations`, { version: a.version, allocations: split });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(a.version + 1);
    const stalePut = await admin.send('put', `/api/staff/assignments/${a.id}/allocations`, { version: a.version, allocations: [alloc(l2, '2014-01-01', '2014-12-31')] });
    expect(stalePut.status).toBe(409);
    const rows = await db.knex('staff_allocations').where({ assignment_id: a.id }).orderBy('from_on');
    expect(rows.map((r) => r.budget_line_id)).toEqual([l1, l2]);

    // An assignment entered by mistake (open years only) is deleted with its allocations; then the person.
    const other = await member('Personne Éphémère');
    const wrong = await assignment(other.id, { startOn: '2014-01-01', endOn: '2014-03-31', quotiteBp: 5_000, annualCostCents: 1, allocations: [alloc(l1, '2014-01-01', '2014-03-31')] });
    expect((await finance.delete(`/api/staff/assignments/${wrong.id}`)).status).toBe(204);
    expect(await db.knex('staff_allocations').where({ assignment_id: wrong.id }).first()).toBeUndefined();
    expect((await finance.delete(`/api/staff/members/${other.id}`)).status).toBe(204);
    expect((await db.knex('audit_log').where({ entity_type: 'staff_assignment', entity_id: String(wrong.id) }).orderBy('id')).map((r) => r.action)).toEqual([
      'staff_assignment.created',
      'staff_assignment.deleted',
    ]);

    const audit = await db.knex('audit_log').whereIn('entity_type', ['staff_member', 'staff_assignment']).whereIn('entity_id', [String(m.id), String(a.id)]).orderBy('id');
    const actions = audit.map((r) => `${r.entity_type}:${r.action}`);
    expect(actions).toEqual(
      jasmine.arrayContaining(['staff_member:staff_member.created', 'staff_member:staff_member.updated', 'staff_assignment:staff_assignment.created', 'staff_assignment:staff_assignment.allocations_replaced']),
    );
    expect(actions.filter((x) => x.endsWith('staff_member.updated')).length).toBe(1);
    expect(actions.filter((x) => x.endsWith('allocations_replaced')).length).toBe(1);
    const replaced = audit.find((r) => r.action === 'staff_assignment.allocations_replaced');
    expect(replaced.actor_email).toBe(fx.users.finance.email);
    const after = typeof replaced.after === 'string' ? JSON.parse(replaced.after) : replaced.after;
    expect(after.map((x: { budgetLineId: number }) => x.budgetLineId)).toEqual([l1, l2]);

    // In-kind contributions: created, updated with the version, stale 409, deleted — each audited.
    const c = await finance.post('/api/staff/in-kind', { year: 2014, label: 'Matériel', contributor: 'AP-HP', kind: 'equipment', valuationMethod: 'Valeur nette comptable', amountCents: 250_000 });
    expect(c.status).toBe(201);
    const up = await finance.patch(`/api/staff/in-kind/${c.body.id}`, { amountCents: 260_000, version: 1 });
    expect(up.status).toBe(200);
    expect(up.body.amountCents).toBe(260_000);
    expect((await finance.patch(`/api/staff/in-kind/${c.body.id}`, { amountCents: 1, version: 1 })).status).toBe(409);
    expect((await board.get('/api/staff/in-kind?year=2014')).body.map((x: { amountCents: number }) => x.amountCents)).toEqual([260_000]);
    expect((await finance.delete(`/api/staff/in-kind/${c.body.id}`)).status).toBe(204);
    // A closed fiscal year is read-only.
    await db.knex('fiscal_years').insert({ year: 2015, status: 'closed' });
    const closed = await finance.post('/api/staff/in-kind', { year: 2015, label: 'Matériel', contributor: 'AP-HP', kind: 'equipment', valuationMethod: 'VNC', amountCents: 1 });
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toBe('L’exercice 2015 est clos : il est en lecture seule.');
    expect((await finance.send('put', '/api/staff/ceilings/2015', { ceilingEtptBp: 10_000 })).status).toBe(409);
    expect(await db.knex('in_kind_contributions').where({ year: 2015 }).first()).toBeUndefined();
    const inKindAudit = await db.knex('audit_log').where({ entity_type: 'in_kind_contribution', entity_id: String(c.body.id) }).orderBy('id');
    expect(inKindAudit.map((r) => r.action)).toEqual(['in_kind_contribution.created', 'in_kind_contribution.updated', 'in_kind_contribution.deleted']);
  });
});
