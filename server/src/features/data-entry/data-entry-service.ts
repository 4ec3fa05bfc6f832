import type { Knex } from 'knex';
import {
  readsUnmaskedCounts,
  evaluateFormRules,
  outlierCheck,
  parseEnteredValue,
  checkBounds,
  parsePeriod,
  periodLabel,
  periodsWithin,
  previousPeriod,
  samePeriodLastYear,
  submissionStatusLabels,
  formExpectation,
  type CellValue,
  type DataEntryForm,
  type FormValue,
  type Indicator,
  type ReferenceValue,
  type RuleResult,
  type SaveValue,
  type SavedValue,
  type Submission,
  type SubmitRequest,
  type SubmissionAction,
  type ReturnRequest,
  type ValueComment,
  type ValueHistoryEntry,
  type Unit,
  can,
  formatMessage,
} from '@cn2r/shared';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import { canAccessUnit, type Actor } from '../auth/actor.js';
import type { Clock } from '../../clock.js';
import { recordAudit, recordAudits, type AuditChange } from '../audit/audit-log.js';
import type { WorkflowKind, WorkflowNotifications } from '../mail/index.js';
import { UnitRepository } from '../units/unit-repository.js';
import { IndicatorRepository } from '../catalogue/indicator-repository.js';
import { FormCatalogue } from './form-catalogue.js';
import { SensitiveCountMask } from './sensitive-count-mask.js';
import { SensitiveCountRepository } from './sensitive-count-repository.js';
import {
  DataEntryRepository,
  cellKey,
  cellToStored,
  storedToCell,
  type PeriodSchedule,
  type SubmissionRow,
  type ValueRow,
  type ValueView,
  type WrittenValue,
} from './data-entry-repository.js';

type Db = Knex | Knex.Transaction;

/** A value more than this far from the same period last year needs a short explanation. */
export const DEFAULT_OUTLIER_THRESHOLD_PERCENT = 50;

/**
 * A value as the form shows it. `validatedOnce`: the form was validated at least once, so a cell
 * filled since (never validated) waits for validation too.
 */
function toFormValue(row: ValueRow, validatedOnce: boolean): FormValue {
  return {
    id: row.id,
    indicatorId: row.indicatorId,
    optionId: row.optionId,
    value: row.value,
    validatedValue: row.validatedValue,
    validatedAt: row.validatedAt?.toISOString() ?? null,
    pendingValidation: row.validatedAt === null ? validatedOnce && row.value !== null : row.value !== row.validatedValue,
    explanation: row.explanation,
    reopened: row.reopened,
    commentCount: row.commentCount,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Whether a submission was validated at least once (it may have been returned since). */
const validatedOnce = (row: SubmissionRow | undefined): boolean => row !== undefined && (row.status === 'validated' || row.validatedAt !== null);

/** Finance and the board read validated data only (no `forms.readPending`): the last validated value of each cell. */
const readsValidatedOnly = (actor: Actor): boolean => !can(actor.role, 'forms.readPending');

function toSubmission(unitId: number, period: string, row: SubmissionRow | undefined, schedule: PeriodSchedule | undefined): Submission {
  return {
    id: row?.id ?? null,
    unitId,
    period,
    status: row?.status ?? 'not_started',
    returnMessage: row?.returnMessage ?? null,
    returnedAt: row?.returnedAt?.toISOString() ?? null,
    returnedBy: row?.returnedBy ?? null,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    submittedBy: row?.submittedBy ?? null,
    validatedAt: row?.validatedAt?.toISOString() ?? null,
    validatedBy: row?.validatedBy ?? null,
    changedSinceValidation: row?.changedSinceValidation ?? false,
    dueOn: schedule?.dueOn ?? null,
    version: row?.version ?? 1,
  };
}

/** Type and bounds of one value, with the shared French checks the form uses as you type. */
export function valueProblem(indicator: Indicator, value: CellValue): string | null {
  if (value === null) return null;
  if (indicator.valueType === 'text') return typeof value === 'string' ? parseTextProblem(value) : formatMessage('data_entry.text_expected');
  if (indicator.valueType === 'boolean') return typeof value === 'boolean' ? null : formatMessage('data_entry.boolean_expected');
  if (typeof value !== 'number') return formatMessage('data_entry.number_expected');
  const parsed = parseEnteredValue(String(value), indicator.valueType);
  if (!parsed.ok) return parsed.message;
  return checkBounds(value, { min: indicator.minValue, max: indicator.maxValue });
}
function parseTextProblem(value: string): string | null {
  const parsed = parseEnteredValue(value, 'text');
  return parsed.ok ? null : parsed.message;
}

/** The explanation a saved value keeps: the one sent, else the cell's (an empty one removes it). */
function explanationAfter(input: SaveValue, existing: ValueRow | undefined): string | null {
  return input.explanation === undefined ? (existing?.explanation ?? null) : input.explanation || null;
}

/** The audit row of one saved value: before as it was, after as stored. */
function valueAudit(
  form: LoadedForm,
  indicator: Indicator,
  input: SaveValue,
  existing: ValueRow | undefined,
  saved: { id: number; value: CellValue; explanation: string | null },
  reason: string | null,
): AuditChange {
  return {
    action: existing ? 'value.updated' : 'value.created',
    entityType: 'indicator_value',
    entityId: saved.id,
    before: existing ? { value: existing.value, explanation: existing.explanation } : null,
    after: { value: saved.value, explanation: saved.explanation, unitId: form.unit.id, period: form.period, indicator: indicator.code, optionId: input.optionId },
    reason,
  };
}

/** One unit × period as the service reads it: calendar, submission, catalogue and values. */
/** The e-mail each audited step of the review sends. */
const WORKFLOW_MAIL: Readonly<Record<string, WorkflowKind | undefined>> = {
  'submission.submitted': 'submission.submitted',
  'submission.returned': 'submission.returned',
  'submission.validated': 'submission.validated',
  'submission.revalidated': 'submission.validated',
};

export interface LoadedForm {
  unit: Unit;
  period: string;
  schedule: PeriodSchedule | undefined;
  submission: SubmissionRow | undefined;
  /** True once `submission` is locked FOR UPDATE in the current transaction: writes may reuse it. */
  locked: boolean;
  own: Indicator[];
  finer: Indicator[];
  rules: DataEntryForm['rules'];
  values: ValueRow[];
  finerValues: ValueRow[];
}

/**
 * One unit × period of indicator values and its review circuit:
 * not started → draft → submitted → validated, or returned (with a message) → draft → submitted…
 * Validated data is locked, but the coordination can reopen ONE value (with a reason); the
 * submission then shows « changed since validation » until it is validated again.
 */
export class DataEntryService {
  private readonly forms = new DataEntryRepository();
  private readonly units = new UnitRepository();
  private readonly catalogue: FormCatalogue;
  private readonly indicators = new IndicatorRepository();
  /** Board and finance read sensitive counts masked; the unit's lead and the coordination unmasked (`readsUnmaskedCounts`). */
  private readonly sensitiveCounts = new SensitiveCountMask(new SensitiveCountRepository());

  constructor(
    private readonly db: Knex,
    clock: Clock,
    /** Tells the unit's leads or the coordination of each step of the review, in the step's transaction. */
    private readonly notifications: WorkflowNotifications,
    private readonly outlierThresholdPercent = DEFAULT_OUTLIER_THRESHOLD_PERCENT,
  ) {
    this.catalogue = new FormCatalogue(clock);
  }

  /**
   * One unit × period as `actor` may read it. The unit lead and the coordination read the values
   * being worked on, each with its last validated value and whether it waits for validation.
   * Finance and the board read validated data only: the last validated value of each cell, once the
   * form was validated — still while a reopened value is being corrected, and after the form was
   * returned — and validated reference values.
   */
  async get(actor: Actor, unitId: number, period: string): Promise<DataEntryForm> {
    const view: ValueView = readsValidatedOnly(actor) ? 'validated' : 'current';
    const form = await this.load(this.db, unitId, period, false, view);
    if (view === 'validated' && form.submission?.status !== 'validated' && form.values.length === 0) {
      // For readers of validated data only, a form never validated does not exist yet.
      throw new NotFoundError(formatMessage('data_entry.no_validated_submission'));
    }
    const [previous, lastYear] = await Promise.all([
      this.referenceValues(this.db, unitId, previousPeriod(period), view),
      this.referenceValues(this.db, unitId, samePeriodLastYear(period), view),
    ]);
    const once = validatedOnce(form.submission);
    const answer: DataEntryForm = {
      submission: toSubmission(unitId, period, form.submission, form.schedule),
      unit: { id: form.unit.id, code: form.unit.code, name: form.unit.name },
      periodLabel: periodLabel(period),
      editable: this.editableFor(actor, form) === null,
      outlierThresholdPercent: this.outlierThresholdPercent,
      indicators: form.own,
      rules: form.rules,
      values: form.values.map((v) => toFormValue(v, once)),
      previousPeriod: { period: previousPeriod(period), values: previous },
      lastYear: { period: samePeriodLastYear(period), values: lastYear },
      finerIndicators: form.finer,
      finerValues: form.finerValues.map((v) => ({ indicatorId: v.indicatorId, optionId: v.optionId, period: v.period, value: v.value })),
      ruleResults: await this.ruleResults(this.db, form),
    };
    return readsUnmaskedCounts(actor.role, canAccessUnit(actor, unitId)) ? answer : this.sensitiveCounts.maskForm(this.db, answer);
  }

  /** Saves one value (autosave), with optimistic concurrency on the value's version. */
  async saveValue(actor: Actor, unitId: number, period: string, input: SaveValue): Promise<SavedValue> {
    return this.db.transaction(async (trx) => {
      const form = await this.load(trx, unitId, period);
      const saved = await this.writeValue(trx, actor, form, input);
      const reloaded = await this.load(trx, unitId, period);
      return {
        value: toFormValue(saved, validatedOnce(reloaded.submission)),
        ruleResults: await this.ruleResults(trx, reloaded),
        submission: toSubmission(unitId, period, reloaded.submission, reloaded.schedule),
      };
    });
  }

  /**
   * Checks and writes one value inside the caller's transaction, with its audit row: indicator and
   * option of the form, type and bounds, editable state, version. The form's autosave goes through
   * it; a file import writes many values at once with `writeValues`, through the same checks.
   * `reason` is kept in the audit row (« Import de fichier »).
   */
  async writeValue(trx: Knex.Transaction, actor: Actor, form: LoadedForm, input: SaveValue, reason: string | null = null): Promise<ValueRow> {
    const indicator = this.checkedIndicator(form, input);

    const submission = await this.lockSubmission(trx, form);
    const existing = await this.forms.findValue(trx, submission.id, indicator.id, input.optionId);
    const refusal = this.writeRefusal(actor, form, existing, input);
    if (refusal) throw refusal;

    const stored = cellToStored(input.value, indicator.valueType);
    const explanation = explanationAfter(input, existing);
    let valueId: number;
    if (existing) {
      await this.forms.updateValue(trx, existing.id, existing.version, { stored, explanation, userId: actor.userId });
      valueId = existing.id;
    } else {
      valueId = await this.forms.insertValue(trx, { submissionId: submission.id, indicatorId: indicator.id, optionId: input.optionId, stored, explanation, userId: actor.userId });
    }
    await this.markChanged(trx, form);
    const saved = (await this.forms.findValueById(trx, submission.id, valueId))!;
    await recordAudit(trx, actor, valueAudit(form, indicator, input, existing, { id: valueId, value: saved.value, explanation: saved.explanation }, reason));
    return saved;
  }

  /**
   * Checks and writes many values inside the caller's transaction, each with its audit row: the
   * same checks, rows and audit rows as `writeValue` called for each in turn, but read and written
   * set-based — each form's submission locked once, its values read once, every value checked in
   * memory in the given order (the first refusal is thrown, as `writeValue` would), then a few
   * multi-row statements. One write per cell.
   */
  async writeValues(trx: Knex.Transaction, actor: Actor, writes: readonly { form: LoadedForm; input: SaveValue }[], reason: string | null = null): Promise<void> {
    if (writes.length === 0) return;
    const forms = [...new Set(writes.map((w) => w.form))];
    if (new Set(forms.map((f) => `${f.unit.id}|${f.period}`)).size !== forms.length) throw new Error('writeValues: one loaded form per unit and period');
    for (const form of forms) await this.lockSubmission(trx, form);
    const current = new Map((await this.forms.valuesOf(trx, forms.map((f) => f.submission!.id))).map((v) => [cellKey(v.submissionId, v.indicatorId, v.optionId), v]));

    const planned: { form: LoadedForm; input: SaveValue; indicator: Indicator; existing: ValueRow | undefined; stored: ReturnType<typeof cellToStored>; explanation: string | null }[] = [];
    const cells = new Set<string>();
    for (const { form, input } of writes) {
      const indicator = this.checkedIndicator(form, input);
      const key = cellKey(form.submission!.id, indicator.id, input.optionId);
      if (cells.has(key)) throw new Error(`writeValues: two writes of the cell ${key}`);
      cells.add(key);
      const existing = current.get(key);
      const refusal = this.writeRefusal(actor, form, existing, input);
      if (refusal) throw refusal;
      planned.push({ form, input, indicator, existing, stored: cellToStored(input.value, indicator.valueType), explanation: explanationAfter(input, existing) });
    }

    const updates = planned.filter((p) => p.existing);
    const inserts = planned.filter((p) => !p.existing);
    const updated = await this.forms.updateValues(trx, updates.map((p) => ({ id: p.existing!.id, version: p.existing!.version, stored: p.stored, explanation: p.explanation })), actor.userId);
    const missing = updated.findIndex((row) => row === undefined);
    // Submissions are locked, so no one else wrote these cells; answered as `writeValue` would all the same.
    if (missing >= 0) throw this.valueConflict((await this.forms.findValueById(trx, updates[missing].existing!.submissionId, updates[missing].existing!.id))!);
    const inserted = await this.forms.insertValues(
      trx,
      inserts.map((p) => ({ submissionId: p.form.submission!.id, indicatorId: p.indicator.id, optionId: p.input.optionId, stored: p.stored, explanation: p.explanation })),
      actor.userId,
    );
    const written = new Map<(typeof planned)[number], WrittenValue>();
    updates.forEach((p, k) => written.set(p, updated[k]!));
    inserts.forEach((p, k) => written.set(p, inserted[k]));
    for (const form of forms) await this.markChanged(trx, form);

    await recordAudits(
      trx,
      actor,
      planned.map((p) => {
        const row = written.get(p)!;
        const saved = { id: row.id, value: storedToCell(row.value_num, row.value_text, p.indicator.valueType), explanation: row.explanation };
        return valueAudit(p.form, p.indicator, p.input, p.existing, saved, reason);
      }),
    );
  }

  async submit(actor: Actor, unitId: number, period: string, input: SubmitRequest): Promise<Submission> {
    return this.db.transaction(async (trx) => {
      const form = await this.load(trx, unitId, period, true);
      const submission = form.submission;
      if (!submission || (submission.status !== 'draft' && submission.status !== 'returned')) {
        throw this.illegal('submit', submission?.status ?? 'not_started');
      }
      if (submission.version !== input.version) throw ConflictError.staleVersion('data_entry.submission_stale');
      const notOpen = this.campaignRefusal(form.schedule);
      if (notOpen) throw notOpen;

      await this.forms.saveRuleExplanations(trx, submission.id, input.ruleExplanations, actor.userId);
      const problems = await this.blockingProblems(trx, form);
      if (problems.length > 0) {
        throw new ValidationError(formatMessage('data_entry.cannot_submit', { problems: problems.length }), problems);
      }
      await this.forms.updateSubmission(trx, submission.id, submission.version, { status: 'submitted', submitted_at: trx.fn.now(), submitted_by: actor.userId });
      return this.transitioned(trx, actor, form, 'submission.submitted', null);
    });
  }

  async validate(actor: Actor, unitId: number, period: string, version: number): Promise<Submission> {
    return this.db.transaction(async (trx) => {
      const form = await this.load(trx, unitId, period, true);
      const submission = form.submission;
      const revalidation = submission?.status === 'validated' && submission.changedSinceValidation;
      if (!submission || (submission.status !== 'submitted' && !revalidation)) {
        throw this.illegal('validate', submission?.status ?? 'not_started');
      }
      if (submission.version !== version) throw ConflictError.staleVersion('data_entry.submission_stale');
      const errors = (await this.ruleResults(trx, form)).filter((r) => r.severity === 'error');
      if (errors.length > 0) throw new ValidationError(formatMessage('data_entry.consistency_error', { message: errors[0].message }));
      await this.forms.updateSubmission(trx, submission.id, version, {
        status: 'validated',
        validated_at: trx.fn.now(),
        validated_by: actor.userId,
        changed_since_validation: false,
        return_message: null,
      });
      await this.forms.clearReopened(trx, submission.id);
      // What the coordination validates becomes what every reader of validated data reads.
      await this.forms.recordValidatedValues(trx, submission.id);
      return this.transitioned(trx, actor, form, revalidation ? 'submission.revalidated' : 'submission.validated', null);
    });
  }

  async returnToUnit(actor: Actor, unitId: number, period: string, input: ReturnRequest): Promise<Submission> {
    return this.db.transaction(async (trx) => {
      const form = await this.load(trx, unitId, period, true);
      const submission = form.submission;
      const changed = submission?.status === 'validated' && submission.changedSinceValidation;
      if (!submission || (submission.status !== 'submitted' && !changed)) {
        throw this.illegal('return', submission?.status ?? 'not_started');
      }
      if (submission.version !== input.version) throw ConflictError.staleVersion('data_entry.submission_stale');
      await this.forms.updateSubmission(trx, submission.id, input.version, {
        status: 'returned',
        return_message: input.message,
        returned_at: trx.fn.now(),
        returned_by: actor.userId,
      });
      await this.forms.clearReopened(trx, submission.id);
      return this.transitioned(trx, actor, form, 'submission.returned', input.message);
    });
  }

  /** Reopens one validated value for correction; the rest of the form stays locked. */
  async reopenValue(actor: Actor, unitId: number, period: string, valueId: number, reason: string): Promise<FormValue> {
    return this.db.transaction(async (trx) => {
      const submission = await this.forms.findSubmission(trx, unitId, period, true);
      if (!submission) throw new NotFoundError(formatMessage('data_entry.submission_not_found'));
      if (submission.status !== 'validated') throw this.illegal('reopen_value', submission.status);
      const value = await this.forms.findValueById(trx, submission.id, valueId);
      if (!value) throw new NotFoundError(formatMessage('data_entry.value_not_found'));
      if (value.reopened) throw new ConflictError(formatMessage('data_entry.value_already_reopened'));
      await this.forms.updateValue(trx, value.id, value.version, { reopened: true });
      await recordAudit(trx, actor, {
        action: 'value.reopened',
        entityType: 'indicator_value',
        entityId: value.id,
        before: { value: value.value, reopened: false },
        after: { value: value.value, reopened: true, unitId, period },
        reason,
      });
      const unit = await this.units.findById(trx, unitId);
      if (unit) await this.notifications.notify(trx, 'value.reopened', { unit, period, message: null, by: actor.displayName });
      return toFormValue((await this.forms.findValueById(trx, submission.id, valueId))!, true);
    });
  }

  /** Saves a warning's explanation as it is typed (a draft keeps it); an empty text removes it. */
  async saveRuleExplanation(actor: Actor, unitId: number, period: string, ruleId: number, explanation: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const form = await this.load(trx, unitId, period, true);
      const rule = form.rules.find((r) => r.id === ruleId);
      if (!rule) throw new NotFoundError(formatMessage('data_entry.rule_not_found'));
      const refusal = this.editableFor(actor, form);
      if (refusal) throw refusal;
      const submission = form.submission ?? (await this.forms.ensureSubmission(trx, unitId, period));
      const before = (await this.forms.ruleExplanations(trx, submission.id)).get(ruleId) ?? null;
      if (before === (explanation || null)) return;
      if (explanation) await this.forms.saveRuleExplanations(trx, submission.id, [{ ruleId, explanation }], actor.userId);
      else await this.forms.deleteRuleExplanation(trx, submission.id, ruleId);
      await recordAudit(trx, actor, {
        action: 'rule.explained',
        entityType: 'submission',
        entityId: submission.id,
        before: { rule: rule.code, explanation: before },
        after: { rule: rule.code, explanation: explanation || null, unitId, period },
      });
    });
  }

  async comments(actor: Actor, unitId: number, period: string, valueId: number): Promise<ValueComment[]> {
    await this.valueOf(this.db, actor, unitId, period, valueId);
    return (await this.forms.comments(this.db, valueId)).map((c) => ({ ...c, createdAt: c.createdAt.toISOString() }));
  }

  async addComment(actor: Actor, unitId: number, period: string, valueId: number, body: string): Promise<ValueComment> {
    return this.db.transaction(async (trx) => {
      await this.valueOf(trx, actor, unitId, period, valueId);
      const comment = await this.forms.insertComment(trx, valueId, { id: actor.userId, email: actor.email, displayName: actor.displayName }, body);
      await recordAudit(trx, actor, { action: 'value.commented', entityType: 'indicator_value', entityId: valueId, after: { body } });
      return { ...comment, createdAt: comment.createdAt.toISOString() };
    });
  }

  async history(actor: Actor, unitId: number, period: string, valueId: number): Promise<ValueHistoryEntry[]> {
    const value = await this.valueOf(this.db, actor, unitId, period, valueId);
    // Readers of validated data see the history up to the cell's last validation, not the pending changes.
    const validatedAt = readsValidatedOnly(actor) ? value.validatedAt : null;
    const rows = (await this.forms.history(this.db, valueId)).filter((r) => validatedAt === null || new Date(r.at) <= validatedAt);
    const masked = !readsUnmaskedCounts(actor.role, canAccessUnit(actor, unitId)) && value.optionId !== null && (await this.sensitiveCounts.isSensitiveOption(this.db, value.optionId));
    const valueOfJson = (json: unknown): CellValue => {
      const parsed = typeof json === 'string' ? JSON.parse(json) : json;
      const v = (parsed as { value?: CellValue } | null)?.value;
      return v === undefined ? null : v;
    };
    const entries = rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actor: r.actor_name ?? r.actor_email ?? null,
      action: r.action,
      before: valueOfJson(r.before),
      after: valueOfJson(r.after),
      reason: r.reason ?? null,
    }));
    return this.sensitiveCounts.maskHistory(entries, masked);
  }

  // ---- internals ----

  /** The form's indicator and option for this value, its type and bounds: what a value must be before anything is read. */
  private checkedIndicator(form: LoadedForm, input: SaveValue): Indicator {
    const indicator = form.own.find((i) => i.id === input.indicatorId);
    if (!indicator) throw ValidationError.field('indicatorId', formatMessage('data_entry.indicator_not_expected'));
    if (indicator.dimension) {
      if (input.optionId === null || !indicator.dimension.options.some((o) => o.id === input.optionId)) {
        throw ValidationError.field('optionId', formatMessage('data_entry.option_expected'));
      }
    } else if (input.optionId !== null) {
      throw ValidationError.field('optionId', formatMessage('data_entry.indicator_not_broken_down'));
    }
    const problem = valueProblem(indicator, input.value);
    if (problem) throw ValidationError.field('value', problem);
    return indicator;
  }

  /** The form's submission, created as a draft on first use and locked FOR UPDATE once per transaction (a bulk write reuses it). */
  private async lockSubmission(trx: Knex.Transaction, form: LoadedForm): Promise<SubmissionRow> {
    const submission = form.locked && form.submission ? form.submission : await this.forms.ensureSubmission(trx, form.unit.id, form.period);
    form.submission = submission;
    form.locked = true;
    return submission;
  }

  /** Why this value may not be written over `existing` (read under the submission's lock): editable state, then version. */
  private writeRefusal(actor: Actor, form: LoadedForm, existing: ValueRow | undefined, input: SaveValue): ForbiddenError | ConflictError | null {
    const refusal = this.editableFor(actor, form, existing);
    if (refusal) return refusal;
    if (existing && existing.version !== input.version) return this.valueConflict(existing);
    if (!existing && input.version !== undefined) {
      return new ConflictError(formatMessage('data_entry.value_gone'), [{ path: 'version', message: formatMessage('data_entry.value_gone_field') }]);
    }
    return null;
  }

  /** After a value change: a returned form goes back to draft (at its first change); a reopened value marks the validated form as changed. */
  private async markChanged(trx: Knex.Transaction, form: LoadedForm): Promise<void> {
    const submission = form.submission!;
    if (submission.status === 'returned') {
      await this.forms.updateSubmission(trx, submission.id, null, { status: 'draft' });
      form.submission = { ...submission, status: 'draft', version: submission.version + 1 };
    } else if (submission.status === 'validated') {
      await this.forms.updateSubmission(trx, submission.id, null, { changed_since_validation: true }, false);
    }
  }

  /** Reads one unit × period (404 when the unit was not open then); `lock` locks the submission row. */
  async load(db: Db, unitId: number, period: string, lock = false, view: ValueView = 'current'): Promise<LoadedForm> {
    const unit = await this.units.findById(db, unitId);
    if (!unit) throw new NotFoundError(formatMessage('units.not_found'));
    const expectation = formExpectation(period, unit, await this.indicators.dueCatalogue(db));
    if (expectation === 'unit_closed') {
      throw new NotFoundError(formatMessage('data_entry.unit_closed', { unit: unit.name }));
    }
    if (expectation === 'nothing_due') {
      throw new NotFoundError(formatMessage('data_entry.nothing_due', { unit: unit.name }));
    }
    // One after the other: `db` is often a transaction, whose single connection runs one query at a time.
    const schedule = await this.forms.schedule(db, period, unitId);
    const submission = await this.forms.findSubmission(db, unitId, period, lock);
    const catalogue = await this.catalogue.forPeriod(db, unit.kind, period);
    const values = submission ? await this.forms.valuesOf(db, [submission.id], view) : [];
    let finerValues: ValueRow[] = [];
    if (catalogue.finer.length > 0) {
      const subPeriods = [...new Set(catalogue.finer.flatMap((i) => periodsWithin(period, i.periodType)))];
      const ids = await this.forms.submissionIds(db, unitId, subPeriods);
      finerValues = await this.forms.valuesOf(db, [...ids.values()], view);
    }
    return { unit, period, schedule, submission, locked: lock && submission !== undefined, own: catalogue.own, finer: catalogue.finer, rules: catalogue.rules, values, finerValues };
  }

  private async referenceValues(db: Db, unitId: number, period: string, view: ValueView = 'current'): Promise<ReferenceValue[]> {
    const ids = await this.forms.submissionIds(db, unitId, [period]);
    const values = await this.forms.valuesOf(db, [...ids.values()], view);
    return values.map((v) => ({ indicatorId: v.indicatorId, optionId: v.optionId, value: v.value }));
  }

  private async ruleResults(db: Db, form: LoadedForm): Promise<RuleResult[]> {
    const failures = evaluateFormRules(form.rules, {
      period: form.period,
      indicators: form.own,
      values: form.values,
      finerIndicators: form.finer,
      finerValues: form.finerValues,
    });
    const explanations = form.submission ? await this.forms.ruleExplanations(db, form.submission.id) : new Map<number, string>();
    return failures.map((f) => ({ ...f, explanation: explanations.get(f.ruleId) ?? null }));
  }

  /** Everything that stops a submission, as field errors the form can show. */
  private async blockingProblems(db: Db, form: LoadedForm): Promise<{ path: string; message: string }[]> {
    const problems: { path: string; message: string }[] = [];
    const lastYear = await this.referenceValues(db, form.unit.id, samePeriodLastYear(form.period));
    for (const indicator of form.own) {
      const cells = indicator.dimension ? indicator.dimension.options.map((o) => o.id) : [null];
      for (const optionId of cells) {
        const value = form.values.find((v) => v.indicatorId === indicator.id && v.optionId === optionId);
        const path = `values.${indicator.code}${optionId === null ? '' : `.${indicator.dimension!.options.find((o) => o.id === optionId)!.code}`}`;
        const label = indicator.label + (optionId === null ? '' : ` — ${indicator.dimension!.options.find((o) => o.id === optionId)!.label}`);
        if (indicator.required && (value === undefined || value.value === null)) {
          problems.push({ path, message: formatMessage('data_entry.value_missing', { label }) });
          continue;
        }
        if (!value || value.value === null) continue;
        const problem = valueProblem(indicator, value.value);
        if (problem) problems.push({ path, message: formatMessage('validation.field', { path: label, message: problem }) });
        if (typeof value.value === 'number') {
          const reference = lastYear.find((r) => r.indicatorId === indicator.id && r.optionId === optionId)?.value;
          const outlier = outlierCheck(value.value, typeof reference === 'number' ? reference : null, this.outlierThresholdPercent);
          if (outlier.flagged && !value.explanation) {
            problems.push({ path, message: formatMessage('data_entry.outlier_unexplained', { label, percent: this.outlierThresholdPercent }) });
          }
        }
      }
    }
    for (const result of await this.ruleResults(db, form)) {
      if (result.severity === 'error') problems.push({ path: `rules.${result.code}`, message: result.message });
      else if (!result.explanation) problems.push({ path: `rules.${result.code}`, message: formatMessage('data_entry.rule_unexplained', { message: result.message }) });
    }
    return problems;
  }

  private async transitioned(trx: Knex.Transaction, actor: Actor, before: LoadedForm, action: string, reason: string | null): Promise<Submission> {
    const after = await this.forms.findSubmission(trx, before.unit.id, before.period);
    const view = (row: SubmissionRow | undefined) => row && { status: row.status, version: row.version, returnMessage: row.returnMessage, changedSinceValidation: row.changedSinceValidation };
    await recordAudit(trx, actor, {
      action,
      entityType: 'submission',
      entityId: after!.id,
      before: view(before.submission),
      after: { ...view(after), unitId: before.unit.id, period: before.period },
      reason,
    });
    const kind = WORKFLOW_MAIL[action];
    if (kind) await this.notifications.notify(trx, kind, { unit: before.unit, period: before.period, message: reason, by: actor.displayName });
    return toSubmission(before.unit.id, before.period, after, before.schedule);
  }

  /** Why this actor may not change values now (an error to throw), or null when they may. */
  editableFor(actor: Actor, form: Pick<LoadedForm, 'submission' | 'schedule'>, value?: ValueRow): ForbiddenError | ConflictError | null {
    if (!can(actor.role, 'forms.write')) return new ForbiddenError(formatMessage('data_entry.writers_only'));
    const status = form.submission?.status ?? 'not_started';
    if (status === 'submitted') return new ConflictError(formatMessage('data_entry.submitted_locked'));
    if (status === 'validated') {
      if (value?.reopened) return null;
      return new ConflictError(formatMessage('data_entry.validated_locked'));
    }
    return this.campaignRefusal(form.schedule);
  }

  private campaignRefusal(schedule: PeriodSchedule | undefined): ConflictError | null {
    if (!schedule) return new ConflictError(formatMessage('data_entry.no_campaign'));
    if (schedule.campaignStatus !== 'open') return new ConflictError(formatMessage('data_entry.campaign_not_open'));
    return null;
  }

  private illegal(action: SubmissionAction, status: Submission['status']): ConflictError {
    return new ConflictError(formatMessage('data_entry.illegal_transition', { action, status: submissionStatusLabels[status] }), [{ path: 'status', message: status }]);
  }

  private valueConflict(current: ValueRow): ConflictError {
    return new ConflictError(
      formatMessage('data_entry.value_changed', { by: current.updatedBy, at: current.updatedAt, value: current.value }),
      [{ path: 'version', message: String(current.version) }],
    );
  }

  private async valueOf(db: Db, actor: Actor, unitId: number, period: string, valueId: number): Promise<ValueRow> {
    const submission = await this.forms.findSubmission(db, unitId, period);
    if (!submission) throw new NotFoundError(formatMessage('data_entry.submission_not_found'));
    const value = await this.forms.findValueById(db, submission.id, valueId);
    if (readsValidatedOnly(actor) && !value?.validatedAt) {
      throw new NotFoundError(formatMessage('data_entry.no_validated_value'));
    }
    if (!value) throw new NotFoundError(formatMessage('data_entry.value_not_found'));
    return value;
  }
}
