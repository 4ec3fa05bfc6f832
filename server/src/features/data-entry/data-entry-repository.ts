import type { Knex } from 'knex';
import type { CellValue } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

/** Which value of a cell a read returns: the one being worked on, or the last validated one. */
export type ValueView = 'current' | 'validated';

export type StoredStatus = 'draft' | 'submitted' | 'validated' | 'returned';

export interface SubmissionRow {
  id: number;
  unitId: number;
  period: string;
  status: StoredStatus;
  returnMessage: string | null;
  returnedAt: Date | null;
  returnedBy: string | null;
  submittedAt: Date | null;
  submittedBy: string | null;
  validatedAt: Date | null;
  validatedBy: string | null;
  changedSinceValidation: boolean;
  version: number;
}

export interface ValueRow {
  id: number;
  submissionId: number;
  period: string;
  indicatorId: number;
  optionId: number | null;
  /** The value being worked on; in a read of validated data (`valuesOf(…, 'validated')`), the last validated value. */
  value: CellValue;
  /** The last value the coordination validated in this cell (null: never validated, or validated empty). */
  validatedValue: CellValue;
  /** When the cell was last validated; null when it never was. */
  validatedAt: Date | null;
  explanation: string | null;
  reopened: boolean;
  commentCount: number;
  updatedBy: string | null;
  updatedAt: Date;
  version: number;
}

/** Numbers and texts as stored: value_num (numeric, a string from the driver) or value_text. */
export function storedToCell(valueNum: string | number | null, valueText: string | null, valueType: string): CellValue {
  if (valueType === 'text') return valueText;
  if (valueNum === null || valueNum === undefined) return null;
  const n = Number(valueNum);
  return valueType === 'boolean' ? n !== 0 : n;
}

export function cellToStored(value: CellValue, valueType: string): { value_num: number | null; value_text: string | null } {
  if (value === null) return { value_num: null, value_text: null };
  if (valueType === 'text') return { value_num: null, value_text: String(value) };
  if (typeof value === 'boolean') return { value_num: value ? 1 : 0, value_text: null };
  return { value_num: Number(value), value_text: null };
}

const submissionColumns = [
  's.id',
  's.unit_id',
  's.period',
  's.status',
  's.return_message',
  's.returned_at',
  's.submitted_at',
  's.validated_at',
  's.changed_since_validation',
  's.version',
  // People are shown by their display name (the e-mail only identifies them).
  'ur.display_name as returned_by_name',
  'us.display_name as submitted_by_name',
  'uv.display_name as validated_by_name',
];

function toSubmission(row: Record<string, unknown>): SubmissionRow {
  return {
    id: row.id as number,
    unitId: row.unit_id as number,
    period: row.period as string,
    status: row.status as StoredStatus,
    returnMessage: (row.return_message as string | null) ?? null,
    returnedAt: row.returned_at ? new Date(row.returned_at as string) : null,
    returnedBy: (row.returned_by_name as string | null) ?? null,
    submittedAt: row.submitted_at ? new Date(row.submitted_at as string) : null,
    submittedBy: (row.submitted_by_name as string | null) ?? null,
    validatedAt: row.validated_at ? new Date(row.validated_at as string) : null,
    validatedBy: (row.validated_by_name as string | null) ?? null,
    changedSinceValidation: row.changed_since_validation as boolean,
    version: row.version as number,
  };
}

export interface PeriodSchedule {
  campaignStatus: 'draft' | 'open' | 'closed';
  opensOn: string;
  /** The unit's due date: its extension if it has one, else the period's. */
  dueOn: string;
}

type Stored = { value_num: number | null; value_text: string | null };

/** A cell to insert (`insertValues`). */
export interface NewValue {
  submissionId: number;
  indicatorId: number;
  optionId: number | null;
  stored: Stored;
  explanation: string | null;
}

/** A cell to update at the version read (`updateValues`). */
export interface ChangedValue {
  id: number;
  version: number;
  stored: Stored;
  explanation: string | null;
}

/** A cell as a bulk write stored it (the columns its audit row needs). */
export interface WrittenValue {
  id: number;
  submission_id: number;
  indicator_id: number;
  option_id: number | null;
  value_num: string | number | null;
  value_text: string | null;
  explanation: string | null;
}

const WRITTEN_COLUMNS = 'id, submission_id, indicator_id, option_id, value_num, value_text, explanation';

/** A column of values bound as one array parameter (for `unnest`): nulls included, which knex's binding type does not spell out. */
const columnOf = (values: readonly (string | number | null)[]): Knex.Value => values as Knex.Value;

/** One cell of one submission, as a map key. */
export const cellKey = (submissionId: number, indicatorId: number, optionId: number | null): string => `${submissionId}|${indicatorId}|${optionId ?? ''}`;

export class DataEntryRepository {
  /** The campaign calendar of a period for a unit, or undefined when no campaign collects it. */
  async schedule(db: Db, period: string, unitId: number): Promise<PeriodSchedule | undefined> {
    const row = await db('campaign_periods as cp')
      .join('campaigns as c', 'c.id', 'cp.campaign_id')
      .leftJoin('campaign_extensions as e', (j) => j.on('e.campaign_id', 'cp.campaign_id').andOn('e.period', 'cp.period').andOnVal('e.unit_id', unitId))
      .where('cp.period', period)
      .first('c.status', 'cp.opens_on', 'cp.due_on', 'e.due_on as extended_due_on');
    if (!row) return undefined;
    return { campaignStatus: row.status, opensOn: row.opens_on, dueOn: row.extended_due_on ?? row.due_on };
  }

  private submissions(db: Db): Knex.QueryBuilder {
    return db('submissions as s')
      .leftJoin('users as ur', 'ur.id', 's.returned_by')
      .leftJoin('users as us', 'us.id', 's.submitted_by')
      .leftJoin('users as uv', 'uv.id', 's.validated_by')
      .select(submissionColumns);
  }

  async findSubmission(db: Db, unitId: number, period: string, lock = false): Promise<SubmissionRow | undefined> {
    if (lock) await db('submissions').where({ unit_id: unitId, period }).forUpdate().first('id');
    const row = await this.submissions(db).where({ 's.unit_id': unitId, 's.period': period }).first();
    return row && toSubmission(row);
  }

  async submissionsOfYear(db: Db, year: number): Promise<SubmissionRow[]> {
    // A range on the period code ('2026' ≤ p < '2027' holds 2026, 2026-Q1, 2026-03) uses its index.
    const rows = await this.submissions(db).where('s.period', '>=', String(year)).andWhere('s.period', '<', String(year + 1));
    return rows.map(toSubmission);
  }

  /** The submission row, created as a draft on first use. Safe under concurrency (unique unit × period). */
  async ensureSubmission(trx: Knex.Transaction, unitId: number, period: string): Promise<SubmissionRow> {
    await trx.raw(`INSERT INTO submissions (unit_id, period) VALUES (?, ?) ON CONFLICT (unit_id, period) DO NOTHING`, [unitId, period]);
    return (await this.findSubmission(trx, unitId, period, true))!;
  }

  async updateSubmission(
    db: Db,
    id: number,
    version: number | null,
    changes: Record<string, unknown>,
    bumpVersion = true,
  ): Promise<boolean> {
    const query = db('submissions').where({ id });
    if (version !== null) query.andWhere({ version });
    const count = await query.update({ ...changes, updated_at: db.fn.now(), ...(bumpVersion ? { version: db.raw('version + 1') } : {}) });
    return count > 0;
  }

  /**
   * Values with their value type resolved through the indicator, the updater's e-mail and the
   * comment count. `validated`: only the cells of `validated_indicator_values` (the one definition
   * of validated data), each with its last validated value as its value.
   */
  private selectValues(db: Db, view: ValueView = 'current'): Knex.QueryBuilder {
    const query = db('indicator_values as v');
    if (view === 'validated') query.join('validated_indicator_values as vv', 'vv.id', 'v.id');
    return query
      .join('submissions as s', 's.id', 'v.submission_id')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .leftJoin('users as u', 'u.id', 'v.updated_by')
      .select(
        'v.id',
        'v.submission_id',
        's.period',
        'v.indicator_id',
        'v.option_id',
        view === 'validated' ? 'vv.value_num' : 'v.value_num',
        view === 'validated' ? 'vv.value_text' : 'v.value_text',
        'v.validated_value_num',
        'v.validated_value_text',
        'v.validated_at',
        'v.explanation',
        'v.reopened',
        'v.updated_at',
        'v.version',
        'i.value_type',
        'u.display_name as updated_by_name',
        db.raw('(SELECT count(*) FROM value_comments c WHERE c.value_id = v.id) AS comment_count'),
      )
      .orderBy('v.id');
  }

  private toValue(row: Record<string, any>): ValueRow {
    return {
      id: row.id,
      submissionId: row.submission_id,
      period: row.period,
      indicatorId: row.indicator_id,
      optionId: row.option_id,
      value: storedToCell(row.value_num, row.value_text, row.value_type),
      validatedValue: storedToCell(row.validated_value_num, row.validated_value_text, row.value_type),
      validatedAt: row.validated_at ? new Date(row.validated_at) : null,
      explanation: row.explanation,
      reopened: row.reopened,
      commentCount: Number(row.comment_count),
      updatedBy: row.updated_by_name ?? null,
      updatedAt: new Date(row.updated_at),
      version: row.version,
    };
  }

  /** Values of some submissions: the values being worked on, or (`validated`) the last validated ones. */
  async valuesOf(db: Db, submissionIds: readonly number[], view: ValueView = 'current'): Promise<ValueRow[]> {
    if (submissionIds.length === 0) return [];
    const rows = await this.selectValues(db, view).whereIn('v.submission_id', submissionIds);
    return rows.map((row: Record<string, unknown>) => this.toValue(row));
  }

  async submissionIds(db: Db, unitId: number, periods: readonly string[]): Promise<Map<string, number>> {
    if (periods.length === 0) return new Map();
    const rows = await db('submissions').where({ unit_id: unitId }).whereIn('period', periods).select('id', 'period');
    return new Map(rows.map((r) => [r.period as string, r.id as number]));
  }

  /** One cell of a submission (the unique index on submission, indicator and option finds it). */
  async findValue(db: Db, submissionId: number, indicatorId: number, optionId: number | null): Promise<ValueRow | undefined> {
    const row = await this.selectValues(db)
      .where({ 'v.submission_id': submissionId, 'v.indicator_id': indicatorId })
      .andWhereRaw('coalesce(v.option_id, 0) = ?', [optionId ?? 0])
      .first();
    return row && this.toValue(row);
  }

  /**
   * The coordination validates a submission: every cell's current value becomes its last validated
   * value, in the validation's transaction. The only writer of the validated columns.
   */
  async recordValidatedValues(trx: Knex.Transaction, submissionId: number): Promise<void> {
    await trx('indicator_values')
      .where({ submission_id: submissionId })
      .update({ validated_value_num: trx.ref('value_num'), validated_value_text: trx.ref('value_text'), validated_at: trx.fn.now() });
  }

  async findValueById(db: Db, submissionId: number, valueId: number): Promise<ValueRow | undefined> {
    const row = await this.selectValues(db).where({ 'v.id': valueId, 'v.submission_id': submissionId }).first();
    return row && this.toValue(row);
  }

  async insertValue(
    trx: Knex.Transaction,
    row: { submissionId: number; indicatorId: number; optionId: number | null; stored: { value_num: number | null; value_text: string | null }; explanation: string | null; userId: number | null },
  ): Promise<number> {
    const [inserted] = await trx('indicator_values')
      .insert({
        submission_id: row.submissionId,
        indicator_id: row.indicatorId,
        option_id: row.optionId,
        ...row.stored,
        explanation: row.explanation,
        updated_by: row.userId,
      })
      .returning('id');
    return inserted.id;
  }

  /**
   * Inserts many cells with one statement, in their order (ids follow it), as `insertValue` one by
   * one would; each column goes as one array parameter (`unnest`), whatever the number of cells.
   * Answers each written row as stored, in the same order.
   */
  async insertValues(trx: Knex.Transaction, rows: readonly NewValue[], userId: number | null): Promise<WrittenValue[]> {
    if (rows.length === 0) return [];
    const { rows: inserted } = (await trx.raw(
      `INSERT INTO indicator_values (submission_id, indicator_id, option_id, value_num, value_text, explanation, updated_by)
       SELECT submission_id, indicator_id, option_id, value_num, value_text, explanation, ?
       FROM unnest(?::int[], ?::int[], ?::int[], ?::numeric[], ?::text[], ?::text[]) WITH ORDINALITY AS x (submission_id, indicator_id, option_id, value_num, value_text, explanation, n)
       ORDER BY n
       RETURNING ${WRITTEN_COLUMNS}`,
      [
        userId,
        rows.map((r) => r.submissionId),
        rows.map((r) => r.indicatorId),
        columnOf(rows.map((r) => r.optionId)),
        columnOf(rows.map((r) => r.stored.value_num)),
        columnOf(rows.map((r) => r.stored.value_text)),
        columnOf(rows.map((r) => r.explanation)),
      ],
    )) as { rows: WrittenValue[] };
    // RETURNING is read back by cell, not trusted to keep the order.
    const byCell = new Map(inserted.map((r) => [cellKey(r.submission_id, r.indicator_id, r.option_id), r]));
    return rows.map((row) => byCell.get(cellKey(row.submissionId, row.indicatorId, row.optionId))!);
  }

  /**
   * Updates many cells with one `UPDATE … FROM unnest(…)`, each row only at the version read (like
   * `updateValue`): value, explanation, updater, time, version + 1. Answers the rows written in the
   * order given; a row changed meanwhile is missing (undefined).
   */
  async updateValues(trx: Knex.Transaction, rows: readonly ChangedValue[], userId: number | null): Promise<(WrittenValue | undefined)[]> {
    if (rows.length === 0) return [];
    const { rows: updated } = (await trx.raw(
      `UPDATE indicator_values v
       SET value_num = x.value_num, value_text = x.value_text, explanation = x.explanation, updated_by = ?, updated_at = now(), version = v.version + 1
       FROM unnest(?::bigint[], ?::int[], ?::numeric[], ?::text[], ?::text[]) AS x (id, version, value_num, value_text, explanation)
       WHERE v.id = x.id AND v.version = x.version
       RETURNING ${WRITTEN_COLUMNS.split(', ').map((c) => `v.${c}`).join(', ')}`,
      [
        userId,
        rows.map((r) => r.id),
        rows.map((r) => r.version),
        columnOf(rows.map((r) => r.stored.value_num)),
        columnOf(rows.map((r) => r.stored.value_text)),
        columnOf(rows.map((r) => r.explanation)),
      ],
    )) as { rows: WrittenValue[] };
    const byId = new Map(updated.map((r) => [Number(r.id), r]));
    return rows.map((row) => byId.get(Number(row.id)));
  }

  async updateValue(
    trx: Knex.Transaction,
    id: number,
    version: number,
    changes: { stored?: { value_num: number | null; value_text: string | null }; explanation?: string | null; reopened?: boolean; userId?: number | null },
  ): Promise<boolean> {
    const count = await trx('indicator_values')
      .where({ id, version })
      .update({
        ...(changes.stored ?? {}),
        ...(changes.explanation !== undefined && { explanation: changes.explanation }),
        ...(changes.reopened !== undefined && { reopened: changes.reopened }),
        ...(changes.userId !== undefined && { updated_by: changes.userId }),
        updated_at: trx.fn.now(),
        version: trx.raw('version + 1'),
      });
    return count > 0;
  }

  async clearReopened(trx: Knex.Transaction, submissionId: number): Promise<void> {
    await trx('indicator_values').where({ submission_id: submissionId, reopened: true }).update({ reopened: false });
  }

  async ruleExplanations(db: Db, submissionId: number): Promise<Map<number, string>> {
    const rows = await db('rule_explanations').where({ submission_id: submissionId }).select('rule_id', 'explanation');
    return new Map(rows.map((r) => [r.rule_id as number, r.explanation as string]));
  }

  async saveRuleExplanations(trx: Knex.Transaction, submissionId: number, explanations: readonly { ruleId: number; explanation: string }[], userId: number | null): Promise<void> {
    for (const e of explanations) {
      await trx.raw(
        `INSERT INTO rule_explanations (submission_id, rule_id, explanation, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (submission_id, rule_id) DO UPDATE SET explanation = EXCLUDED.explanation, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [submissionId, e.ruleId, e.explanation, userId],
      );
    }
  }

  async deleteRuleExplanation(trx: Knex.Transaction, submissionId: number, ruleId: number): Promise<void> {
    await trx('rule_explanations').where({ submission_id: submissionId, rule_id: ruleId }).delete();
  }

  async comments(db: Db, valueId: number): Promise<{ id: number; author: string; body: string; createdAt: Date }[]> {
    // The author's display name; the e-mail copied at the time only when the account is gone.
    const rows = await db('value_comments as c')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .where({ 'c.value_id': valueId })
      .orderBy('c.id')
      .select('c.id', 'c.author_email', 'u.display_name as author_name', 'c.body', 'c.created_at');
    return rows.map((r) => ({ id: r.id, author: r.author_name ?? r.author_email, body: r.body, createdAt: new Date(r.created_at) }));
  }

  async insertComment(trx: Knex.Transaction, valueId: number, author: { id: number | null; email: string; displayName: string }, body: string) {
    const [row] = await trx('value_comments').insert({ value_id: valueId, author_id: author.id, author_email: author.email, body }).returning(['id', 'created_at']);
    return { id: row.id as number, author: author.displayName, body, createdAt: new Date(row.created_at) };
  }

  async history(db: Db, valueId: number) {
    return db('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .where({ 'a.entity_type': 'indicator_value', 'a.entity_id': String(valueId) })
      .orderBy('a.id')
      .select('a.at', 'a.actor_email', 'u.display_name as actor_name', 'a.action', 'a.before', 'a.after', 'a.reason');
  }
}
