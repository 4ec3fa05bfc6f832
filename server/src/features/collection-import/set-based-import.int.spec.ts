import type { Knex } from 'knex';
import type { SaveValue } from '@cn2r/shared';
import type { TestDatabase } from '../../testing/test-database.js';
import { TestClient, buildTestServices, signInFixtures, startFixtureApp, type Fixtures } from '../../testing/test-app.js';
import { QUARTERLY_COUNT, insertAgeCatalogue } from '../../testing/age-catalogue.js';
import { insertWideCatalogue } from '../../testing/wide-catalogue.js';
import type { App } from '../../app.js';
import type { Actor } from '../auth/actor.js';
import type { DataEntryService, LoadedForm } from '../data-entry/index.js';
import { IMPORT_AUDIT_REASON } from './collection-import-service.js';

const WIDE = 21; // 21 indicators × 25 options × 2 quarters = 1 050 new cells: more than one multi-row statement
const PERIODS = ['2026-Q1', '2026-Q2', '2026'];

/**
 * The confirmed import writes set-based (`DataEntryService.writeValues`): the same rows as the
 * form's one-value path (`writeValue`) called for each change in turn, as the import did before,
 * and nothing at all when one value is refused.
 */
describe('collection import, set-based: the same rows as saving each value through the form', () => {
  let db: TestDatabase;
  let app: App;
  let fx: Fixtures;
  let admin: TestClient;
  let forms: DataEntryService;
  let actor: Actor;
  let unitCount = 0;

  const form = (unitId: number, period: string) => `/api/units/${unitId}/forms/${period}`;
  const importUrl = (unitId: number, dryRun: boolean) => `/api/units/${unitId}/campaigns/2026/import?dryRun=${dryRun}`;

  async function ok(res: PromiseLike<{ status: number; body: any }>) {
    const answer = await res;
    if (answer.status !== 200) throw new Error(`${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /**
   * A unit in every state a write meets: 2026-Q1 returned (one value saved twice, with an
   * explanation), the year 2026 validated with its one value reopened, 2026-Q2 not started.
   */
  async function preparedUnit(): Promise<number> {
    const n = ++unitCount;
    const [unit] = await db.knex('units').insert({ code: `CRP-S${n}`, name: `CRP S${n}`, region: 'R', kind: 'crp', opened_on: '2019-01-01' }).returning('id');
    const ids = await catalogue();
    const put = (period: string, body: SaveValue | Record<string, unknown>) => ok(admin.send('put', `${form(unit.id, period)}/values`, body));
    await put('2026-Q1', { indicatorId: ids.indicator('ACT_NEW'), value: 80, explanation: 'Antenne "Nord" ouverte en janvier \\ février' });
    await put('2026-Q1', { indicatorId: ids.indicator('ACT_NEW'), value: 85, version: 1 });
    await put('2026-Q1', { indicatorId: ids.indicator('ACT_FA'), optionId: ids.option('ACT_FA', 'mineur'), value: 20 });
    await put('2026-Q1', { indicatorId: ids.indicator('ACT_FA'), optionId: ids.option('ACT_FA', 'adulte'), value: 180 });
    await put('2026-Q1', { indicatorId: ids.indicator('WIDE_000'), optionId: ids.option('WIDE_000', 'o0'), value: 5 });
    const q1 = await ok(admin.post(`${form(unit.id, '2026-Q1')}/submit`, { version: (await ok(admin.get(form(unit.id, '2026-Q1')))).submission.version }));
    await ok(admin.post(`${form(unit.id, '2026-Q1')}/return`, { message: 'Merci de compléter la ventilation.', version: q1.version }));

    const map = await put('2026', { indicatorId: ids.indicator('NET_MAP'), value: true });
    const year = await ok(admin.post(`${form(unit.id, '2026')}/submit`, { version: (await ok(admin.get(form(unit.id, '2026')))).submission.version }));
    await ok(admin.post(`${form(unit.id, '2026')}/validate`, { version: year.version }));
    await ok(admin.post(`${form(unit.id, '2026')}/values/${map.value.id}/reopen`, { reason: 'Carte publiée en retard' }));
    return unit.id as number;
  }

  /** Indicator and option ids by code. */
  async function catalogue(knex: Knex = db.knex) {
    const indicators = await knex('indicators').select('id', 'code', 'dimension_id');
    const options = await knex('dimension_options').select('id', 'code', 'dimension_id');
    const indicator = (code: string) => indicators.find((i) => i.code === code)!;
    return {
      indicator: (code: string) => indicator(code).id as number,
      option: (code: string, option: string) => options.find((o) => o.dimension_id === indicator(code).dimension_id && o.code === option)!.id as number,
    };
  }

  /** The import's CSV: updates, new cells, an unchanged one, a reopened value; periods interleaved as in a template's rows. */
  function csv(): string {
    const lines = ['indicateur;modalite;periode;valeur', 'ACT_NEW;;2026-Q1;90', 'ACT_NEW;;2026-Q2;12', 'ACT_FA;adulte;2026-Q1;181', 'ACT_FA;mineur;2026-Q1;20', 'NET_MAP;;2026;non'];
    for (let i = 0; i < WIDE; i++) {
      for (let o = 0; o < 25; o++) {
        for (const quarter of ['2026-Q1', '2026-Q2']) lines.push(`WIDE_${String(i).padStart(3, '0')};o${o};${quarter};${(i * 25 + o) % 97}`);
      }
    }
    return lines.join('\n');
  }

  /** The import's changes as the form's inputs, each with the version its form holds. */
  async function inputsOf(unitId: number, changes: { period: string; indicatorCode: string; optionCode: string | null; after: SaveValue['value'] }[], trx: Knex.Transaction) {
    const ids = await catalogue(trx);
    const loaded = new Map<string, LoadedForm>();
    for (const period of PERIODS) loaded.set(period, await forms.load(trx, unitId, period, true));
    return changes.map((c) => {
      const f = loaded.get(c.period)!;
      const indicatorId = ids.indicator(c.indicatorCode);
      const optionId = c.optionCode === null ? null : ids.option(c.indicatorCode, c.optionCode);
      const version = f.values.find((v) => v.indicatorId === indicatorId && v.optionId === optionId)?.version;
      return { form: f, input: { indicatorId, optionId, value: c.after, version } as SaveValue };
    });
  }

  /** What a unit's data is, without its ids, times and unit: submissions, values in id order, value audit rows of imports in id order. */
  async function snapshot(unitId: number) {
    const submissions = await db.knex('submissions').where({ unit_id: unitId }).orderBy('period').select('period', 'status', 'version', 'changed_since_validation', 'return_message');
    const values = await db.knex('indicator_values as v')
      .join('submissions as s', 's.id', 'v.submission_id')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .leftJoin('dimension_options as o', 'o.id', 'v.option_id')
      .where('s.unit_id', unitId)
      .orderBy('v.id')
      .select('v.id', 's.period', 'i.code', 'o.code as option', 'v.value_num', 'v.value_text', 'v.explanation', 'v.version', 'v.reopened', 'v.validated_value_num', 'v.validated_at', 'v.updated_by');
    const cellOf = new Map(values.map((v) => [String(v.id), `${v.period}|${v.code}|${v.option ?? ''}`]));
    const audit = await db.knex('audit_log')
      .where({ entity_type: 'indicator_value', reason: IMPORT_AUDIT_REASON })
      .whereIn('entity_id', [...cellOf.keys()])
      .orderBy('id')
      .select('action', 'entity_id', 'before', 'after', 'reason', 'actor_id', 'actor_email');
    const json = (x: unknown) => (typeof x === 'string' ? JSON.parse(x) : x);
    return {
      submissions: submissions.map((s) => ({ ...s, return_message: s.return_message ?? null })),
      values: values.map(({ id: _id, validated_at, value_num, validated_value_num, ...v }) => ({
        ...v,
        value_num: value_num === null ? null : Number(value_num),
        validated_value_num: validated_value_num === null ? null : Number(validated_value_num),
        validated: validated_at !== null,
      })),
      // The unit id in each audit row, checked against the unit, then left out.
      audit: audit.map(({ entity_id, after, before, ...a }) => {
        const { unitId: rowUnit, ...rest } = json(after);
        return { ...a, cell: cellOf.get(entity_id), before: json(before), after: { ...rest, ofTheUnit: rowUnit === unitId } };
      }),
    };
  }

  async function counts(unitId: number) {
    const values = await db.knex('indicator_values as v').join('submissions as s', 's.id', 'v.submission_id').where('s.unit_id', unitId).count({ n: '*' }).first();
    const submissions = await db.knex('submissions').where({ unit_id: unitId }).count({ n: '*' }).first();
    const audit = await db.knex('audit_log').count({ n: '*' }).first();
    return { values: Number(values!.n), submissions: Number(submissions!.n), audit: Number(audit!.n) };
  }

  beforeAll(async () => {
    ({ db, fx, app } = await startFixtureApp());
    await insertAgeCatalogue(db.knex);
    await db.knex('indicators').insert({ ...QUARTERLY_COUNT, code: 'NET_MAP', label: 'Cartographie à jour', value_type: 'boolean', period_type: 'year', time_aggregation: 'last', sort_order: 3, required: false });
    await insertWideCatalogue(db.knex, { prefix: 'WIDE', year: 2026, indicators: WIDE, options: 25 });
    const [campaign] = await db.knex('campaigns').insert({ year: 2026, label: 'Campagne 2026', status: 'open' }).returning('id');
    await db.knex('campaign_periods').insert(PERIODS.map((period) => ({ campaign_id: campaign.id, period, opens_on: '2026-01-01', due_on: '2099-12-31' })));
    ({ admin } = await signInFixtures(app.app, fx, 'admin'));
    forms = buildTestServices(db.knex).dataEntry;
    actor = { userId: fx.users.admin.id, email: fx.users.admin.email, displayName: 'admin', role: 'admin', unitIds: [], requestId: null };
  });
  afterAll(() => db.drop());

  it('writes the values, versions, submissions and audit rows (before / after, in order) that writeValue one by one writes', async () => {
    const imported = await preparedUnit();
    const reference = await preparedUnit();
    expect(await snapshot(imported)).withContext('identical fixtures').toEqual(await snapshot(reference));

    const result = await ok(admin.upload(importUrl(imported, false), csv(), 'text/csv'));
    expect([result.applied, result.changes.length, result.unchanged, result.problems]).toEqual([true, 4 + WIDE * 25 * 2, 1, []]);

    // The import as it was written before: each change through the form's one-value path, in one transaction.
    await db.knex.transaction(async (trx) => {
      for (const { form: f, input } of await inputsOf(reference, result.changes, trx)) await forms.writeValue(trx, actor, f, input, IMPORT_AUDIT_REASON);
    });

    const after = await snapshot(imported);
    expect(after).toEqual(await snapshot(reference));
    // The fixture meets every kind of write: an update keeping its explanation, new cells in a new
    // submission, a returned form back to draft, a reopened value of a validated form.
    expect(after.submissions).toEqual([
      { period: '2026', status: 'validated', version: 3, changed_since_validation: true, return_message: null },
      { period: '2026-Q1', status: 'draft', version: 4, changed_since_validation: false, return_message: 'Merci de compléter la ventilation.' },
      { period: '2026-Q2', status: 'draft', version: 1, changed_since_validation: false, return_message: null },
    ]);
    const cell = (key: string) => after.values.find((v) => `${v.period}|${v.code}|${v.option ?? ''}` === key);
    expect(cell('2026-Q1|ACT_NEW|')).toEqual(jasmine.objectContaining({ value_num: 90, explanation: 'Antenne "Nord" ouverte en janvier \\ février', version: 3 }));
    expect(cell('2026|NET_MAP|')).toEqual(jasmine.objectContaining({ value_num: 0, validated_value_num: 1, validated: true, reopened: true, version: 3 }));
    expect(after.audit.length).toBe(result.changes.length);
    expect(after.audit.slice(0, 3)).toEqual([
      jasmine.objectContaining({ action: 'value.updated', cell: '2026-Q1|ACT_NEW|', before: { value: 85, explanation: 'Antenne "Nord" ouverte en janvier \\ février' } }),
      jasmine.objectContaining({ action: 'value.created', cell: '2026-Q2|ACT_NEW|', before: null }),
      jasmine.objectContaining({ action: 'value.updated', cell: '2026-Q1|ACT_FA|adulte', before: { value: 180, explanation: null } }),
    ]);
    expect(after.audit[0].after).toEqual({ value: 90, explanation: 'Antenne "Nord" ouverte en janvier \\ février', period: '2026-Q1', indicator: 'ACT_NEW', optionId: null, ofTheUnit: true });
  });

  it('writes nothing when one line is refused: by the file’s checks (422), or by the form’s checks at the write', async () => {
    const unitId = await preparedUnit();
    const before = await counts(unitId);
    // The last of 1 055 lines, a decimal where a count is expected.
    const refused = await admin.upload(importUrl(unitId, false), csv().replace(/WIDE_020;o24;2026-Q2;\d+$/, 'WIDE_020;o24;2026-Q2;2,5'), 'text/csv');
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual([{ path: `Fichier CSV, ligne ${1 + 5 + WIDE * 50}`, message: 'Indicateur de test 20 — Modalité 24 : Nombre entier attendu.' }]);
    expect(await counts(unitId)).toEqual(before);

    // At the write: the 500th value read at a stale version, the last one out of bounds. The batch
    // refuses what the one-value path refuses first, and the transaction leaves nothing behind.
    const dry = await ok(admin.upload(importUrl(unitId, true), csv(), 'text/csv'));
    const failure = async (write: (trx: Knex.Transaction, writes: Awaited<ReturnType<typeof inputsOf>>) => Promise<unknown>) => {
      try {
        await db.knex.transaction(async (trx) => {
          const writes = await inputsOf(unitId, dry.changes, trx);
          // ACT_NEW 2026-Q1 (at version 2) sent at version 1, moved to the 500th place; ACT_NEW 2026-Q2 out of bounds, last.
          const [stale, outOfBounds] = writes.splice(0, 2);
          writes.splice(499, 0, { ...stale, input: { ...stale.input, version: 1 } });
          writes.push({ ...outOfBounds, input: { ...outOfBounds.input, value: 6000 } });
          await write(trx, writes);
        });
      } catch (error) {
        const e = error as { status?: number; message: string; fields?: unknown };
        return { status: e.status, message: e.message, fields: e.fields };
      }
      throw new Error('the writes were accepted');
    };
    const oneByOne = await failure(async (trx, writes) => {
      for (const { form: f, input } of writes) await forms.writeValue(trx, actor, f, input, IMPORT_AUDIT_REASON);
    });
    const setBased = await failure((trx, writes) => forms.writeValues(trx, actor, writes, IMPORT_AUDIT_REASON));
    expect(setBased).toEqual(oneByOne);
    expect(setBased.status).toBe(409);
    expect(setBased.message).toMatch(/^Valeur modifiée entre-temps par admin le .* : la valeur actuelle est 85\./);
    expect(await counts(unitId)).toEqual(before);
  });
});
