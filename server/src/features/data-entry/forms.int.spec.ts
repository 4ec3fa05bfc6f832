import type { Knex } from 'knex';
import type { TestDatabase } from '../../testing/test-database.js';
import { signInFixtures, startFixtureApp, unitWithLead, type Fixtures, type TestClient } from '../../testing/test-app.js';
import type { App } from '../../app.js';
import { QUARTERLY_COUNT, insertAgeCatalogue } from '../../testing/age-catalogue.js';

/** A small catalogue: a disaggregated quarterly count, a plain one, a rule between them, an open 2026 campaign. */
async function seedCatalogue(knex: Knex) {
  const age = await insertAgeCatalogue(knex);
  const [yr] = await knex('indicators')
    .insert({ ...QUARTERLY_COUNT, code: 'ACT_YEAR', label: 'Nouveaux patients de l’année', period_type: 'year', sort_order: 3, required: false })
    .returning('id');
  const [rule] = await knex('consistency_rules')
    .insert({ code: 'NEW_LE_FA', label: 'Nouveaux ≤ file active', expression: 'ACT_NEW <= ACT_FA', severity: 'error', message: 'Les nouveaux patients ne peuvent dépasser la file active.' })
    .returning('id');
  const [warn] = await knex('consistency_rules')
    .insert({ code: 'YEAR_EQ', label: 'Année = somme des trimestres', expression: 'ACT_YEAR == ACT_NEW', severity: 'warning', message: 'Le total annuel diffère de la somme des trimestres.' })
    .returning('id');
  const [campaign] = await knex('campaigns').insert({ year: 2026, label: 'Campagne 2026', status: 'open' }).returning('id');
  await knex('campaign_periods').insert([
    { campaign_id: campaign.id, period: '2026-Q1', opens_on: '2026-01-01', due_on: '2026-04-30' },
    { campaign_id: campaign.id, period: '2026-Q2', opens_on: '2026-04-01', due_on: '2099-07-30' },
    { campaign_id: campaign.id, period: '2026', opens_on: '2026-01-01', due_on: '2099-02-28' },
  ]);
  return { ...age, yr: yr.id as number, rule: rule.id as number, warn: warn.id as number, campaign: campaign.id as number };
}

describe('data entry and review workflow', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let cat: Awaited<ReturnType<typeof seedCatalogue>>;
  let lead: TestClient;
  let otherLead: TestClient;
  let admin: TestClient;
  let board: TestClient;

  const form = (unitId: number, period = '2026-Q1') => `/api/units/${unitId}/forms/${period}`;
  let unitCount = 0;

  /** A unit of its own and its signed-in lead, so that each spec starts from nothing whatever the order. */
  async function freshUnit(): Promise<{ unitId: number; lead: TestClient; email: string }> {
    return unitWithLead(db.knex, app.app, admin, 'F', ++unitCount);
  }


  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    cat = await seedCatalogue(db.knex);
    ({ leadA: lead, leadB: otherLead, admin, board } = await signInFixtures(app.app, fx, 'leadA', 'leadB', 'admin', 'board'));
  });
  afterAll(() => db.drop());

  /** Fills a valid quarter (file active 20 + 180, 90 new patients), over whatever is there. */
  async function fillValid(client: TestClient, unitId: number, period = '2026-Q1') {
    const current = (await client.get(form(unitId, period))).body.values as { indicatorId: number; optionId: number | null; version: number }[];
    const versionOf = (indicatorId: number, optionId: number | null) => current.find((v) => v.indicatorId === indicatorId && v.optionId === optionId)?.version;
    let last;
    for (const [indicatorId, optionId, value] of [[cat.fa, cat.minor, 20], [cat.fa, cat.adult, 180], [cat.nw, null, 90]] as const) {
      const res = await client.send('put', `${form(unitId, period)}/values`, { indicatorId, optionId, value, version: versionOf(indicatorId, optionId) });
      expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
      last = res.body;
    }
    return last;
  }

  it('serves the form with its indicators of the period type, grouped data, and no submission yet', async () => {
    const { unitId, lead } = await freshUnit();
    const res = await lead.get(form(unitId));
    expect(res.status).toBe(200);
    expect(res.body.submission.status).toBe('not_started');
    expect(res.body.periodLabel).toBe('1er trimestre 2026');
    expect(res.body.indicators.map((i: { code: string }) => i.code)).toEqual(['ACT_FA', 'ACT_NEW']);
    expect(res.body.indicators[0].dimension.options.map((o: { code: string }) => o.code)).toEqual(['mineur', 'adulte']);
    expect(res.body.editable).toBeTrue();
    expect(res.body.previousPeriod.period).toBe('2025-Q4');
    expect(res.body.lastYear.period).toBe('2025-Q1');
  });

  it('keeps a unit lead to their own units, and finance/board to validated forms', async () => {
    expect((await lead.get(form(fx.unitB))).status).toBe(403);
    const write = await lead.send('put', `${form(fx.unitB)}/values`, { indicatorId: cat.nw, value: 3 });
    expect(write.status).toBe(403);
    expect(await db.knex('submissions').where({ unit_id: fx.unitB, period: '2026-Q1' }).first()).toBeUndefined();
    const boardRead = await board.get(form(fx.unitA));
    expect(boardRead.status).toBe(404);
    expect(boardRead.body.error.message).toContain('validée');
    expect((await board.send('put', `${form(fx.unitA)}/values`, { indicatorId: cat.nw, value: 3 })).status).toBe(403);
  });

  it('validates values on the server: type, bounds, option, unknown indicator', async () => {
    const { unitId, lead } = await freshUnit();
    const bad = async (body: object) => (await lead.send('put', `${form(unitId, '2026-Q2')}/values`, body)).body.error;
    expect((await bad({ indicatorId: cat.nw, value: 2.5 })).fields[0]).toEqual({ path: 'value', message: 'Nombre entier attendu.' });
    expect((await bad({ indicatorId: cat.nw, value: -1 })).fields[0].message).toBe('Valeur négative impossible.');
    expect((await bad({ indicatorId: cat.nw, value: 6000 })).fields[0].message).toMatch(/au plus 5.000/);
    expect((await bad({ indicatorId: cat.fa, value: 3 })).fields[0].path).toBe('optionId');
    expect((await bad({ indicatorId: cat.nw, optionId: cat.minor, value: 3 })).fields[0].path).toBe('optionId');
    expect((await bad({ indicatorId: cat.yr, value: 3 })).fields[0].path).toBe('indicatorId');
    expect((await bad({ indicatorId: cat.nw, value: 'douze' })).fields[0].path).toBe('value');
    expect(await db.knex('indicator_values').join('submissions', 'submissions.id', 'indicator_values.submission_id').where({ unit_id: unitId }).first()).toBeUndefined();
  });

  it('autosaves a value, audits it, and refuses a stale version with who changed it and the current value (no lost update)', async () => {
    const { unitId, lead } = await freshUnit();
    const first = await lead.send('put', `${form(unitId, '2026-Q2')}/values`, { indicatorId: cat.nw, value: 12 });
    expect(first.status).toBe(200);
    expect(first.body.value.value).toBe(12);
    expect(first.body.submission.status).toBe('draft');
    const v1 = first.body.value.version;
    const byAdmin = await admin.send('put', `${form(unitId, '2026-Q2')}/values`, { indicatorId: cat.nw, value: 15, version: v1 });
    expect(byAdmin.status).toBe(200);
    const stale = await lead.send('put', `${form(unitId, '2026-Q2')}/values`, { indicatorId: cat.nw, value: 13, version: v1 });
    expect(stale.status).toBe(409);
    // Who changed it, by display name (not by e-mail).
    expect(stale.body.error.message).toContain('par admin le');
    expect(stale.body.error.message).not.toContain('@');
    expect(stale.body.error.message).toContain('15');
    const stored = await db.knex('indicator_values').where({ id: first.body.value.id }).first();
    expect(Number(stored.value_num)).toBe(15);
    const history = await lead.get(`${form(unitId, '2026-Q2')}/values/${first.body.value.id}/history`);
    expect(history.body.map((h: { action: string; after: number }) => [h.action, h.after])).toEqual([
      ['value.created', 12],
      ['value.updated', 15],
    ]);
  });

  it('two sessions saving the same new value at once: one wins, the other gets 409, nothing is lost', async () => {
    const { unitId, lead } = await freshUnit();
    const results = await Promise.all([
      lead.send('put', `${form(unitId, '2026')}/values`, { indicatorId: cat.yr, value: 7 }),
      admin.send('put', `${form(unitId, '2026')}/values`, { indicatorId: cat.yr, value: 8 }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const rows = await db.knex('indicator_values as v').join('submissions as s', 's.id', 'v.submission_id').where({ 's.unit_id': unitId, 'v.indicator_id': cat.yr }).select('v.*');
    expect(rows.length).toBe(1);
    const winner = results.find((r) => r.status === 200)!;
    expect(Number(rows[0].value_num)).toBe(winner.body.value.value);
  });

  it('blocks submission on a rule error, then walks draft → submitted → returned (message) → draft → submitted → validated, locked', async () => {
    const { unitId: unit, lead, email } = await freshUnit();
    const filled = await fillValid(lead, unit);
    const breaking = await lead.send('put', `${form(unit)}/values`, { indicatorId: cat.nw, value: 500, version: filled.value.version });
    expect(breaking.body.ruleResults.map((r: { code: string }) => r.code)).toEqual(['NEW_LE_FA']);
    let state = (await lead.get(form(unit))).body.submission;
    const blocked = await lead.post(`${form(unit)}/submit`, { version: state.version });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.fields).toContain(jasmine.objectContaining({ path: 'rules.NEW_LE_FA' }));
    await lead.send('put', `${form(unit)}/values`, { indicatorId: cat.nw, value: 90, version: breaking.body.value.version });

    expect((await admin.post(`${form(unit)}/validate`, { version: state.version })).status).toBe(409);
    const submitted = await lead.post(`${form(unit)}/submit`, { version: state.version });
    expect(submitted.status).withContext(JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect((await lead.send('put', `${form(unit)}/values`, { indicatorId: cat.nw, value: 91, version: 1 })).status).toBe(409);
    expect((await lead.post(`${form(unit)}/validate`, { version: submitted.body.version })).status).toBe(403);

    const noMessage = await admin.post(`${form(unit)}/return`, { message: '  ', version: submitted.body.version });
    expect(noMessage.status).toBe(422);
    const returned = await admin.post(`${form(unit)}/return`, { message: 'Merci de vérifier la file active des mineurs.', version: submitted.body.version });
    expect(returned.status).toBe(200);
    state = (await lead.get(form(unit))).body;
    expect(state.submission.status).toBe('returned');
    expect(state.submission.returnMessage).toBe('Merci de vérifier la file active des mineurs.');
    // People by their display name, never their e-mail.
    expect(state.submission.returnedBy).toBe('admin');
    expect(state.editable).toBeTrue();

    const minorValue = state.values.find((v: { optionId: number }) => v.optionId === cat.minor);
    const fixed = await lead.send('put', `${form(unit)}/values`, { indicatorId: cat.fa, optionId: cat.minor, value: 25, version: minorValue.version });
    expect(fixed.body.submission.status).toBe('draft');
    const resubmitted = await lead.post(`${form(unit)}/submit`, { version: fixed.body.submission.version });
    expect(resubmitted.status).toBe(200);
    const validated = await admin.post(`${form(unit)}/validate`, { version: resubmitted.body.version });
    expect(validated.status).toBe(200);
    expect(validated.body.status).toBe('validated');
    expect(validated.body.validatedBy).toBe('admin');

    const locked = await lead.send('put', `${form(unit)}/values`, { indicatorId: cat.nw, value: 92, version: 2 });
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toContain('verrouillées');
    expect((await board.get(form(unit))).status).toBe(200);

    const submissionId = (await db.knex('submissions').where({ unit_id: unit, period: '2026-Q1' }).first()).id;
    const actions = await db.knex('audit_log').where({ entity_type: 'submission', entity_id: String(submissionId) }).orderBy('id').pluck('action');
    void email;
    expect(actions).toEqual(['submission.submitted', 'submission.returned', 'submission.submitted', 'submission.validated']);
  });

  it('refuses every illegal transition with 409 and the current state, and changes nothing', async () => {
    const { unitId, lead } = await freshUnit();
    const at = (path = '') => `${form(unitId)}${path}`;
    const state = async () => (await lead.get(at())).body.submission as { status: string; version: number };
    const expectRefused = async (client: TestClient, path: string, body: object, status: string) => {
      const before = await state();
      const res = await client.post(at(path), { ...body, version: before.version });
      expect(res.status).withContext(`${path} from ${status}`).toBe(409);
      expect(res.body.error.fields).withContext(`${path} from ${status}`).toEqual([{ path: 'status', message: status }]);
      expect(await state()).withContext(`${path} from ${status}`).toEqual(before);
    };
    // Nothing yet: nothing can be submitted, validated or returned.
    expect((await lead.post(at('/submit'), { version: 1 })).status).toBe(409);
    expect((await admin.post(at('/validate'), { version: 1 })).status).toBe(409);
    expect((await admin.post(at('/return'), { message: 'x', version: 1 })).status).toBe(409);

    await fillValid(lead, unitId);
    await expectRefused(admin, '/validate', {}, 'draft');
    await expectRefused(admin, '/return', { message: 'Pourquoi pas' }, 'draft');
    const value = (await lead.get(at())).body.values[0];
    expect((await admin.post(at(`/values/${value.id}/reopen`), { reason: 'x' })).status).toBe(409);

    expect((await lead.post(at('/submit'), { version: (await state()).version })).status).toBe(200);
    await expectRefused(lead, '/submit', {}, 'submitted');

    expect((await admin.post(at('/return'), { message: 'À revoir', version: (await state()).version })).status).toBe(200);
    await expectRefused(admin, '/validate', {}, 'returned');
    await expectRefused(admin, '/return', { message: 'Encore' }, 'returned');

    expect((await lead.post(at('/submit'), { version: (await state()).version })).status).toBe(200);
    // A legal transition with a stale version is a conflict too, and changes nothing.
    const stale = await admin.post(at('/validate'), { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields[0].path).toBe('version');
    expect((await state()).status).toBe('submitted');
    expect((await admin.post(at('/validate'), { version: (await state()).version })).status).toBe(200);
    await expectRefused(lead, '/submit', {}, 'validated');
    await expectRefused(admin, '/validate', {}, 'validated');
    await expectRefused(admin, '/return', { message: 'Trop tard' }, 'validated');
  });

  it('reopens one value of a validated form: only that value becomes editable, the form shows it changed, revalidation clears it', async () => {
    const { unitId: unit, lead: otherLead } = await freshUnit();
    await fillValid(otherLead, unit);
    let current = (await otherLead.get(form(unit))).body;
    const submitted = await otherLead.post(`${form(unit)}/submit`, { version: current.submission.version });
    const validated = await admin.post(`${form(unit)}/validate`, { version: submitted.body.version });
    expect(validated.status).toBe(200);
    current = (await otherLead.get(form(unit))).body;
    const nw = current.values.find((v: { indicatorId: number }) => v.indicatorId === cat.nw);
    const adult = current.values.find((v: { optionId: number }) => v.optionId === cat.adult);

    expect((await otherLead.post(`${form(unit)}/values/${nw.id}/reopen`, { reason: 'x' })).status).toBe(403);
    expect((await admin.post(`${form(unit)}/values/${nw.id}/reopen`, {})).status).toBe(422);
    const reopened = await admin.post(`${form(unit)}/values/${nw.id}/reopen`, { reason: 'Erreur de saisie signalée par le centre' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.reopened).toBeTrue();

    expect((await otherLead.send('put', `${form(unit)}/values`, { indicatorId: cat.fa, optionId: cat.adult, value: 181, version: adult.version })).status).toBe(409);
    const corrected = await otherLead.send('put', `${form(unit)}/values`, { indicatorId: cat.nw, value: 95, version: reopened.body.version });
    expect(corrected.status).toBe(200);
    expect(corrected.body.submission.status).toBe('validated');
    expect(corrected.body.submission.changedSinceValidation).toBeTrue();

    const again = await admin.post(`${form(unit)}/validate`, { version: corrected.body.submission.version });
    expect(again.status).toBe(200);
    expect(again.body.changedSinceValidation).toBeFalse();
    const after = (await otherLead.get(form(unit))).body;
    expect(after.values.every((v: { reopened: boolean }) => !v.reopened)).toBeTrue();
    const audit = await db.knex('audit_log').where({ action: 'value.reopened' }).first();
    expect(audit.reason).toBe('Erreur de saisie signalée par le centre');
  });

  it('asks an explanation for a warning rule before submission, and for a value far from last year', async () => {
    const { unitId: unit, lead } = await freshUnit();
    // Year form: ACT_YEAR must equal the sum of the quarters of ACT_NEW (warning). Q2 is not complete: the rule waits.
    const yearForm = (await lead.get(form(unit, '2026'))).body;
    expect(yearForm.finerIndicators.map((i: { code: string }) => i.code)).toContain('ACT_NEW');
    expect(yearForm.ruleResults).toEqual([]);

    // Last year's Q2, validated: 10 new patients; this year's 90 is +800 %.
    const q2 = '2026-Q2';
    await fillValid(lead, unit, q2);
    const [lastQ2] = await db.knex('submissions').insert({ unit_id: unit, period: '2025-Q2', status: 'validated' }).returning('id');
    await db.knex('indicator_values').insert({ submission_id: lastQ2.id, indicator_id: cat.nw, value_num: 10 });
    let state = (await lead.get(form(unit, q2))).body;
    expect(state.lastYear.values).toContain(jasmine.objectContaining({ indicatorId: cat.nw, value: 10 }));
    const refused = await lead.post(`${form(unit, q2)}/submit`, { version: state.submission.version });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.map((f: { message: string }) => f.message).join(' ')).toContain('explication');
    const nw = state.values.find((v: { indicatorId: number }) => v.indicatorId === cat.nw);
    await lead.send('put', `${form(unit, q2)}/values`, { indicatorId: cat.nw, value: 90, explanation: 'Ouverture d’une consultation pédiatrique.', version: nw.version });
    state = (await lead.get(form(unit, q2))).body;
    expect((await lead.post(`${form(unit, q2)}/submit`, { version: state.submission.version })).status).toBe(200);
  });

  it('saves a warning’s explanation as it is typed, and submission then needs nothing more', async () => {
    const { unitId, lead } = await freshUnit();
    // Q1 filled (90 new patients) and a year value of 7: the warning ACT_YEAR == ACT_NEW waits for the four quarters.
    for (const q of ['2026-Q1', '2026-Q2']) await fillValid(lead, unitId, q);
    const [q3] = await db.knex('submissions').insert({ unit_id: unitId, period: '2026-Q3', status: 'validated' }).returning('id');
    const [q4] = await db.knex('submissions').insert({ unit_id: unitId, period: '2026-Q4', status: 'validated' }).returning('id');
    await db.knex('indicator_values').insert([
      { submission_id: q3.id, indicator_id: cat.nw, value_num: 90 },
      { submission_id: q4.id, indicator_id: cat.nw, value_num: 90 },
    ]);
    const saved = await lead.send('put', `${form(unitId, '2026')}/values`, { indicatorId: cat.yr, value: 7 });
    expect(saved.body.ruleResults).toEqual([jasmine.objectContaining({ code: 'YEAR_EQ', severity: 'warning', explanation: null })]);

    const url = `${form(unitId, '2026')}/rule-explanations/${cat.warn}`;
    expect((await lead.send('put', url, { explanation: 'Total annuel provisoire' })).status).toBe(204);
    expect((await otherLead.send('put', url, { explanation: 'intrus' })).status).toBe(403);
    expect((await lead.send('put', `${form(unitId, '2026')}/rule-explanations/999999`, { explanation: 'x' })).status).toBe(404);
    const reloaded = (await lead.get(form(unitId, '2026'))).body;
    expect(reloaded.ruleResults[0].explanation).toBe('Total annuel provisoire');
    const audit = await db.knex('audit_log').where({ action: 'rule.explained' }).orderBy('id', 'desc').first();
    expect(audit.after).toEqual(jasmine.objectContaining({ rule: 'YEAR_EQ', explanation: 'Total annuel provisoire' }));

    const submitted = await lead.post(`${form(unitId, '2026')}/submit`, { version: reloaded.submission.version });
    expect(submitted.status).withContext(JSON.stringify(submitted.body)).toBe(200);
    expect((await lead.send('put', url, { explanation: 'trop tard' })).status).toBe(409);
  });

  it('comments on a value, visible to the reviewer', async () => {
    const { unitId, lead } = await freshUnit();
    const saved = await lead.send('put', `${form(unitId, '2026')}/values`, { indicatorId: cat.yr, value: 7 });
    const value = saved.body.value;
    const posted = await lead.post(`${form(unitId, '2026')}/values/${value.id}/comments`, { body: 'Chiffre provisoire, confirmé fin janvier.' });
    expect(posted.status).toBe(201);
    expect(posted.body.author).toBe(`Lead F${unitCount}`);
    const thread = await admin.get(`${form(unitId, '2026')}/values/${value.id}/comments`);
    // The author by display name, not by e-mail.
    expect(thread.body.map((c: { author: string; body: string }) => [c.author, c.body])).toEqual([[`Lead F${unitCount}`, 'Chiffre provisoire, confirmé fin janvier.']]);
    const history = await admin.get(`${form(unitId, '2026')}/values/${value.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((h: { actor: string | null }) => h.actor)).toContain(`Lead F${unitCount}`);
    expect((await otherLead.get(`${form(unitId, '2026')}/values/${value.id}/comments`)).status).toBe(403);
  });

  it('shows completeness: statuses, filled share, on-time submission, a lead sees only their rows', async () => {
    const { unitId, lead } = await freshUnit();
    await lead.send('put', `${form(unitId)}/values`, { indicatorId: cat.nw, value: 3 });
    const half = await admin.get('/api/completeness?year=2026');
    const cellOf = (body: { cells: { unitId: number; period: string }[] }, period: string) => body.cells.find((c) => c.unitId === unitId && c.period === period) as Record<string, unknown>;
    expect(cellOf(half.body, '2026-Q1')).toEqual(jasmine.objectContaining({ status: 'draft', filledPercent: 33.3, late: true, expected: true }));
    await fillValid(lead, unitId);
    const version = (await lead.get(form(unitId))).body.submission.version;
    expect((await lead.post(`${form(unitId)}/submit`, { version })).status).toBe(200);
    const res = await admin.get('/api/completeness?year=2026');
    expect(res.status).toBe(200);
    expect(cellOf(res.body, '2026-Q1')).toEqual(jasmine.objectContaining({ status: 'submitted', filledPercent: 100, late: false, submittedOnTime: false, dueOn: '2026-04-30' }));
    expect(cellOf(res.body, '2026-Q2')).toEqual(jasmine.objectContaining({ status: 'not_started', late: false }));
    const mine = await lead.get('/api/completeness?year=2026');
    expect(mine.body.units.map((u: { id: number }) => u.id)).toEqual([unitId]);
    expect(mine.body.cells.every((c: { unitId: number }) => c.unitId === unitId)).toBeTrue();
    expect((await board.get('/api/completeness?year=2026')).status).toBe(403);
    expect((await admin.get('/api/completeness?year=1999')).status).toBe(422);
    expect((await admin.get('/api/completeness?year=2030')).status).toBe(404);
  });

  it('counts a unit late only for periods it was open, from its own due date', async () => {
    const [unit] = await db.knex('units').insert({ code: 'CRP-NEW', name: 'CRP Nouveau', region: 'R', kind: 'crp', opened_on: '2026-05-15' }).returning('id');
    const res = await admin.get('/api/completeness?year=2026');
    const cells = res.body.cells.filter((c: { unitId: number }) => c.unitId === unit.id);
    expect(cells.find((c: { period: string }) => c.period === '2026-Q1').expected).toBeFalse();
    expect(cells.find((c: { period: string }) => c.period === '2026-Q1').late).toBeFalse();
    expect(cells.find((c: { period: string }) => c.period === '2026-Q2').expected).toBeTrue();
    expect((await admin.get(form(unit.id, '2026-Q1'))).status).toBe(404);
    // A unit with nothing for Q1 (due 2026-04-30, past) is late, with a reminder naming the period.
    const [closedLate] = await db.knex('units').insert({ code: 'CRP-LATE', name: 'CRP Retard', region: 'R', kind: 'crp', opened_on: '2019-01-01' }).returning('id');
    const again = await admin.get('/api/completeness?year=2026');
    const reminder = again.body.lateUnits.find((l: { unitId: number }) => l.unitId === closedLate.id);
    expect(reminder.periods).toEqual(['2026-Q1']);
    expect(reminder.reminder).toContain('1er trimestre 2026 (échéance le 30/04/2026)');
    await db.knex('campaign_extensions').insert({ campaign_id: cat.campaign, unit_id: closedLate.id, period: '2026-Q1', due_on: '2099-01-01' });
    const extended = await admin.get('/api/completeness?year=2026');
    expect(extended.body.lateUnits.find((l: { unitId: number }) => l.unitId === closedLate.id)).toBeUndefined();
  });
});
