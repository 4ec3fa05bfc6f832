import { migrationSource } from '@cn2r/db';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';

const MIGRATION = '20261206_034_validated_values';
const VALIDATED_AT = '2025-05-01T10:00:00.000Z';

/**
 * Migration 034 on a database holding values from before it: undone, rows written as the
 * application wrote them until then, applied again. The backfill copies the values of validated
 * submissions only (a pending correction keeps the value it replaced, read from the audit log);
 * the trigger takes rows inserted into a validated submission as validated; `down` removes it all.
 */
describe(`migration ${MIGRATION}`, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const columnsOf = async (table: string) => (await db.knex('information_schema.columns').where({ table_schema: 'public', table_name: table }).pluck('column_name')) as string[];
  const viewExists = async () => (await db.knex('information_schema.views').where({ table_schema: 'public', table_name: 'validated_indicator_values' }).first()) !== undefined;
  const iso = (at: unknown) => (at === null ? null : new Date(at as string).toISOString());

  it('backfills the last validated value of the cells of validated submissions only; down undoes it all', async () => {
    const knex = db.knex;
    await knex.migrate.down({ migrationSource, name: MIGRATION });
    expect(await columnsOf('indicator_values')).not.toContain('validated_value_num');
    expect(await viewExists()).toBeFalse();

    const [unit] = await knex('units').insert({ code: 'CRP-M', name: 'CRP M', region: 'R', kind: 'crp', opened_on: '2019-01-01' }).returning('id');
    const common = { domain: 'activite_clinique', period_type: 'quarter', time_aggregation: 'sum', unit_aggregation: 'sum', active_from: '2019-01-01' };
    const [count] = await knex('indicators').insert({ ...common, code: 'M_COUNT', label: 'Compte', value_type: 'count' }).returning('id');
    const [other] = await knex('indicators').insert({ ...common, code: 'M_OTHER', label: 'Autre compte', value_type: 'count' }).returning('id');
    const [text] = await knex('indicators').insert({ ...common, code: 'M_TEXT', label: 'Texte', value_type: 'text', time_aggregation: 'last', unit_aggregation: 'sum' }).returning('id');
    const submission = async (period: string, status: string, extra: object = {}) =>
      (await knex('submissions').insert({ unit_id: unit.id, period, status, ...extra }).returning('id'))[0].id as number;
    const validated = await submission('2025-Q1', 'validated', { validated_at: VALIDATED_AT });
    const submitted = await submission('2025-Q2', 'submitted');
    const returnedAfterValidation = await submission('2025-Q3', 'returned', { validated_at: VALIDATED_AT });
    const draft = await submission('2025-Q4', 'draft');
    const changed = await submission('2024-Q1', 'validated', { validated_at: VALIDATED_AT, changed_since_validation: true });
    const value = async (submissionId: number, indicatorId: number, num: number | null, txt: string | null = null) =>
      Number((await knex('indicator_values').insert({ submission_id: submissionId, indicator_id: indicatorId, value_num: num, value_text: txt }).returning('id'))[0].id);
    const ids = {
      validatedCount: await value(validated, count.id, 12),
      validatedText: await value(validated, text.id, null, 'texte validé'),
      validatedEmpty: await value(validated, other.id, null),
      submitted: await value(submitted, count.id, 5),
      returned: await value(returnedAfterValidation, count.id, 7),
      draft: await value(draft, count.id, 3),
      pendingCount: await value(changed, count.id, 45),
      pendingText: await value(changed, text.id, null, 'nouveau'),
      unchanged: await value(changed, other.id, 9),
    };
    // The audit log of the corrected cells: a change before the validation (ignored), then the
    // reopened value corrected twice after it (the first change's `before` is the validated value).
    const audit = (valueId: number, at: string, before: unknown, after: unknown) => ({
      at,
      actor_email: 'lead@test.local',
      action: 'value.updated',
      entity_type: 'indicator_value',
      entity_id: String(valueId),
      before: JSON.stringify({ value: before, explanation: null }),
      after: JSON.stringify({ value: after, explanation: null }),
    });
    await knex('audit_log').insert([
      audit(ids.pendingCount, '2025-04-01T10:00:00Z', 30, 40),
      audit(ids.pendingCount, '2025-06-01T10:00:00Z', 40, 44),
      audit(ids.pendingCount, '2025-06-02T10:00:00Z', 44, 45),
      audit(ids.pendingText, '2025-06-01T10:00:00Z', 'ancien', 'nouveau'),
    ]);

    await knex.migrate.up({ migrationSource, name: MIGRATION });
    const rows = await knex('indicator_values').select('id', 'validated_value_num', 'validated_value_text', 'validated_at');
    const cell = (id: number) => {
      const r = rows.find((x) => Number(x.id) === id)!;
      return [r.validated_value_num === null ? null : Number(r.validated_value_num), r.validated_value_text, iso(r.validated_at)];
    };
    expect(cell(ids.validatedCount)).toEqual([12, null, VALIDATED_AT]);
    expect(cell(ids.validatedText)).toEqual([null, 'texte validé', VALIDATED_AT]);
    expect(cell(ids.validatedEmpty)).toEqual([null, null, VALIDATED_AT]);
    expect(cell(ids.pendingCount)).toEqual([40, null, VALIDATED_AT]);
    expect(cell(ids.pendingText)).toEqual([null, 'ancien', VALIDATED_AT]);
    expect(cell(ids.unchanged)).toEqual([9, null, VALIDATED_AT]);
    for (const id of [ids.submitted, ids.returned, ids.draft]) expect(cell(id)).withContext(String(id)).toEqual([null, null, null]);

    // The one definition of validated data: the cells validated at least once, with their last validated value.
    const view = await knex('validated_indicator_values').orderBy('id').select('id', 'unit_id', 'period', 'indicator_id', 'option_id', 'value_num', 'value_text');
    expect(view.map((r) => [Number(r.id), r.unit_id, r.period, r.indicator_id, r.option_id, r.value_num === null ? null : Number(r.value_num), r.value_text])).toEqual([
      [ids.validatedCount, unit.id, '2025-Q1', count.id, null, 12, null],
      [ids.validatedText, unit.id, '2025-Q1', text.id, null, null, 'texte validé'],
      [ids.validatedEmpty, unit.id, '2025-Q1', other.id, null, null, null],
      [ids.pendingCount, unit.id, '2024-Q1', count.id, null, 40, null],
      [ids.pendingText, unit.id, '2024-Q1', text.id, null, null, 'ancien'],
      [ids.unchanged, unit.id, '2024-Q1', other.id, null, 9, null],
    ]);

    // A row inserted into a validated submission (seeds, fixtures) is taken as validated; elsewhere it is not.
    await knex('indicator_values').where({ id: ids.validatedEmpty }).delete();
    const inserted = await value(validated, other.id, 21);
    const insertedInDraft = await value(draft, other.id, 22);
    const after = await knex('indicator_values').whereIn('id', [inserted, insertedInDraft]).orderBy('id').select('validated_value_num', 'validated_at');
    expect(after.map((r) => [r.validated_value_num === null ? null : Number(r.validated_value_num), iso(r.validated_at)])).toEqual([
      [21, VALIDATED_AT],
      [null, null],
    ]);
    // A validated value needs its validation date.
    await expectAsync(knex('indicator_values').where({ id: insertedInDraft }).update({ validated_value_num: 1 })).toBeRejectedWithError(/indicator_values_validated_check/);

    await knex.migrate.down({ migrationSource, name: MIGRATION });
    expect((await columnsOf('indicator_values')).filter((c) => c.startsWith('validated'))).toEqual([]);
    expect(await viewExists()).toBeFalse();
    expect(await knex('pg_proc').where({ proname: 'indicator_values_validated_on_insert' }).first()).toBeUndefined();
    await knex.migrate.up({ migrationSource, name: MIGRATION });
    expect(await viewExists()).toBeTrue();
  });
});
