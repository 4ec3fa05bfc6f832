import type { Knex } from 'knex';
import { MEANING_FIELDS, optionsAdditiveByDefault, type CreateIndicator, type Indicator, type UnitKind, type UpdateIndicator, formatMessage } from '@cn2r/shared';
import { parsePeriod } from '../../../../shared/src/collection/periods.js';
import type { Clock } from '../../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { addDays } from '../../dates/calendar-date.js';
import { DimensionRepository } from './dimension-repository.js';
import { IndicatorRepository, toIndicator, type IndicatorFields, type IndicatorRecord } from './indicator-repository.js';
import { TargetRepository } from './target-repository.js';

type Db = Knex | Knex.Transaction;
type Changes = Omit<UpdateIndicator, 'version' | 'effectiveFrom'>;
type MeaningField = (typeof MEANING_FIELDS)[number];

export interface IndicatorListQuery {
  readonly includeInactive?: boolean;
  readonly unitKind?: UnitKind;
}

const fieldsOf = (r: IndicatorRecord): IndicatorFields => ({
  code: r.code,
  revision: r.revision,
  label: r.label,
  definition: r.definition,
  countingRule: r.countingRule,
  domain: r.domain,
  unitKind: r.unitKind,
  valueType: r.valueType,
  unitOfMeasure: r.unitOfMeasure,
  periodType: r.periodType,
  timeAggregation: r.timeAggregation,
  unitAggregation: r.unitAggregation,
  dimensionId: r.dimensionId,
  optionsAdditive: r.optionsAdditive,
  networkCounterpartCode: r.networkCounterpartCode,
  minValue: r.minValue,
  maxValue: r.maxValue,
  required: r.required,
  expectedResult: r.expectedResult,
  sortOrder: r.sortOrder,
  activeFrom: r.activeFrom,
  activeTo: r.activeTo,
  supersedesId: r.supersedesId,
});


/**
 * The indicator catalogue, with revisions.
 *
 * An indicator is identified by its **code**; each row of `indicators` is one **revision** of that
 * code, active from `activeFrom` to `activeTo` (inclusive, open-ended when null). Values are
 * entered against a row (`indicator_values.indicator_id`), so they always keep the meaning they
 * were entered under.
 *
 * Editing (`update`):
 * - When the revision already has values and the change touches its meaning (MEANING_FIELDS:
 *   definition, counting rule, value type, period, aggregations, disaggregation, bounds, unit kind,
 *   domain), the row is left as it is and a **new revision** is created: same code, revision + 1,
 *   `supersedesId` = the old row, every field of the old row overlaid with the request,
 *   `activeFrom` = `effectiveFrom` (default: 1 January of next year, in Paris time), `activeTo`
 *   as requested (else the old end if it is later, else open); the old row ends the day before
 *   (`activeTo` = effectiveFrom − 1 day, version + 1). Audit `indicator.revised`, before = the old
 *   revision, after = the new one. The answer is the new revision.
 * - Otherwise (wording only: label, order, unit of measure, required, expected result, dates;
 *   whether the options add up, `optionsAdditive`, which changes no stored value and corrects how
 *   totals are derived for every year; or no value yet) the row is **updated in place**, audit
 *   `indicator.updated`. `effectiveFrom` is then ignored.
 * - A change of value type without `optionsAdditive` resets it to the new type's default
 *   (`optionsAdditiveByDefault`: counts add up, nothing else does).
 *
 * Invariants kept by both paths:
 * - A period is reported under the revision active on its **last day**, so the revisions of a code
 *   follow each other without gap or overlap, and the values of a revision all belong to periods
 *   ending within its dates: a revision cannot start before the end of a period that already has
 *   values under the previous revision (422 `effectiveFrom`), and moving the dates of a revision
 *   with values may not leave any of them outside (422 `activeFrom` / `activeTo`). Moving the start
 *   of a later revision moves the end of the previous one with it.
 * - Only the latest revision of a code is edited: an older one answers 409 (its history is fixed).
 * - Targets (by code and year) and consistency rules (which name codes) follow the code across
 *   revisions; they need no change.
 * - The optimistic `version` is checked on the edited row; the new revision starts at version 1.
 */
export class IndicatorService {
  private readonly indicators = new IndicatorRepository();
  private readonly dimensions = new DimensionRepository();
  private readonly targets = new TargetRepository();

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async list(query: IndicatorListQuery): Promise<Indicator[]> {
    const records = await this.indicators.list(this.db, { ...query, today: this.clock.today() });
    return this.views(this.db, records);
  }

  async get(id: number): Promise<Indicator> {
    const indicator = await this.view(this.db, id);
    if (!indicator) throw new NotFoundError(formatMessage('catalogue.indicator_not_found'));
    return indicator;
  }

  create(actor: Actor, input: CreateIndicator): Promise<Indicator> {
    return this.db.transaction(async (trx) => {
      if ((await this.indicators.revisionsOf(trx, input.code)).length > 0) {
        throw new ConflictError(formatMessage('catalogue.indicator_code_taken', { code: input.code }), [{ path: 'code', message: formatMessage('conflict.code_taken_field') }]);
      }
      await this.assertDimensionExists(trx, input.dimensionId);
      await this.assertCounterpart(trx, input.code, input.unitKind, input.networkCounterpartCode ?? null);
      if (input.activeTo !== null && input.activeTo < input.activeFrom) {
        throw ValidationError.field('activeTo', formatMessage('validation.end_before_start'));
      }
      const id = await this.indicators.insert(trx, { ...input, revision: 1, supersedesId: null });
      const after = (await this.view(trx, id))!;
      await recordAudit(trx, actor, { action: 'indicator.created', entityType: 'indicator', entityId: id, after });
      return after;
    });
  }

  /** A change of wording in place, or of meaning as a new revision: see the class comment. */
  update(actor: Actor, id: number, input: UpdateIndicator): Promise<Indicator> {
    const { version, effectiveFrom, ...requested } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.indicators.findById(trx, id);
      if (!before) throw new NotFoundError(formatMessage('catalogue.indicator_not_found'));
      if (before.version !== version) throw ConflictError.staleVersion('catalogue.indicator_stale');
      // A new value type brings its own rule for the options unless the request says otherwise (a count becoming a rate no longer adds up).
      const changes: Changes =
        requested.valueType !== undefined && requested.valueType !== before.valueType && requested.optionsAdditive === undefined
          ? { ...requested, optionsAdditive: optionsAdditiveByDefault(requested.valueType) }
          : requested;
      const successor = await this.indicators.successorOf(trx, id);
      if (successor) {
        throw new ConflictError(
          formatMessage('catalogue.revision_replaced', { code: before.code, revision: successor.revision, since: successor.activeFrom }),
        );
      }

      const merged = { ...fieldsOf(before), ...changes };
      if (merged.minValue !== null && merged.maxValue !== null && merged.minValue > merged.maxValue) {
        throw ValidationError.field('maxValue', formatMessage('catalogue.min_above_max'));
      }
      if (changes.dimensionId !== undefined && changes.dimensionId !== before.dimensionId) await this.assertDimensionExists(trx, changes.dimensionId);
      if (changes.networkCounterpartCode !== undefined || (changes.unitKind !== undefined && changes.unitKind !== before.unitKind)) {
        await this.assertCounterpart(trx, before.code, merged.unitKind, merged.networkCounterpartCode ?? null);
      }
      if (changes.expectedResult === null && before.expectedResult !== null && (await this.targets.countForCode(trx, before.code)) > 0) {
        throw new ConflictError(formatMessage('catalogue.targets_block_detach', { code: before.code }), [
          { path: 'expectedResult', message: formatMessage('catalogue.targets_block_detach_field') },
        ]);
      }

      const changedMeaning = MEANING_FIELDS.filter((field: MeaningField) => changes[field] !== undefined && changes[field] !== before[field]);
      const afterId =
        changedMeaning.length > 0 && before.valueCount > 0
          ? await this.revise(trx, actor, before, changes, effectiveFrom ?? `${Number(this.clock.today().slice(0, 4)) + 1}-01-01`)
          : await this.updateInPlace(trx, actor, before, changes);
      return (await this.view(trx, afterId))!;
    });
  }

  /**
   * A network counterpart is named only on an indicator of the CN2R, and names an indicator of the
   * network (the centres) of the catalogue: the CN2R's value is shown beside it, never added to it.
   */
  private async assertCounterpart(trx: Knex.Transaction, code: string, unitKind: UnitKind, counterpart: string | null): Promise<void> {
    if (counterpart === null) return;
    if (unitKind !== 'cn2r') {
      throw ValidationError.field('networkCounterpartCode', formatMessage('catalogue.counterpart_not_cn2r'));
    }
    if (counterpart === code) throw ValidationError.field('networkCounterpartCode', formatMessage('catalogue.counterpart_self'));
    const target = (await this.indicators.latestRevisions(trx, [counterpart])).get(counterpart);
    if (!target || target.unitKind !== 'crp') {
      throw ValidationError.field('networkCounterpartCode', formatMessage('catalogue.counterpart_not_network', { code: counterpart }));
    }
  }

  private async revise(trx: Knex.Transaction, actor: Actor, before: IndicatorRecord, changes: Changes, from: string): Promise<number> {
    if (from <= before.activeFrom) {
      throw ValidationError.field(
        'effectiveFrom',
        formatMessage('catalogue.revision_before_current', { currentFrom: before.activeFrom }),
      );
    }
    if (before.activeTo !== null && from > addDays(before.activeTo, 1)) {
      throw ValidationError.field(
        'effectiveFrom',
        formatMessage('catalogue.revision_after_end', { code: before.code, activeTo: before.activeTo }),
      );
    }
    const late = (await this.indicators.periodsWithValues(trx, before.id)).filter((p) => parsePeriod(p).end >= from);
    if (late.length > 0) {
      throw ValidationError.field(
        'effectiveFrom',
        formatMessage('catalogue.revision_values_late', { from, periods: late }),
      );
    }
    const activeTo = changes.activeTo !== undefined ? changes.activeTo : before.activeTo !== null && before.activeTo >= from ? before.activeTo : null;
    if (activeTo !== null && activeTo < from) {
      throw ValidationError.field('activeTo', formatMessage('catalogue.end_before_revision'));
    }

    const beforeView = (await this.view(trx, before.id))!;
    if (!(await this.indicators.update(trx, before.id, before.version, { activeTo: addDays(from, -1) }))) {
      throw ConflictError.staleVersion('catalogue.indicator_stale');
    }
    const id = await this.indicators.insert(trx, {
      ...fieldsOf(before),
      ...changes,
      revision: before.revision + 1,
      supersedesId: before.id,
      activeFrom: from,
      activeTo,
    });
    const after = (await this.view(trx, id))!;
    await recordAudit(trx, actor, { action: 'indicator.revised', entityType: 'indicator', entityId: id, before: beforeView, after });
    return id;
  }

  private async updateInPlace(trx: Knex.Transaction, actor: Actor, before: IndicatorRecord, changes: Changes): Promise<number> {
    const activeFrom = changes.activeFrom ?? before.activeFrom;
    const activeTo = changes.activeTo !== undefined ? changes.activeTo : before.activeTo;
    if (activeTo !== null && activeTo < activeFrom) throw ValidationError.field('activeTo', formatMessage('validation.end_before_start'));

    if ((activeFrom !== before.activeFrom || activeTo !== before.activeTo) && before.valueCount > 0) {
      const outside = (await this.indicators.periodsWithValues(trx, before.id)).filter((p) => {
        const end = parsePeriod(p).end;
        return end < activeFrom || (activeTo !== null && end > activeTo);
      });
      if (outside.length > 0) {
        const field = outside.some((p) => parsePeriod(p).end < activeFrom) ? 'activeFrom' : 'activeTo';
        throw ValidationError.field(field, formatMessage('catalogue.dates_leave_values_outside', { periods: outside }));
      }
    }

    const beforeView = (await this.view(trx, before.id))!;
    if (!(await this.indicators.update(trx, before.id, before.version, changes))) throw ConflictError.staleVersion('catalogue.indicator_stale');
    if (activeFrom !== before.activeFrom && before.supersedesId !== null) await this.movePreviousEnd(trx, actor, before, activeFrom);
    const after = (await this.view(trx, before.id))!;
    await recordAudit(trx, actor, { action: 'indicator.updated', entityType: 'indicator', entityId: before.id, before: beforeView, after });
    return before.id;
  }

  /** A revision's start moved: the previous revision now ends the day before (its values permitting). */
  private async movePreviousEnd(trx: Knex.Transaction, actor: Actor, revision: IndicatorRecord, activeFrom: string): Promise<void> {
    const previous = (await this.indicators.findById(trx, revision.supersedesId!))!;
    if (activeFrom <= previous.activeFrom) {
      throw ValidationError.field('activeFrom', formatMessage('catalogue.revision_before_previous', { previousFrom: previous.activeFrom }));
    }
    const late = (await this.indicators.periodsWithValues(trx, previous.id)).filter((p) => parsePeriod(p).end >= activeFrom);
    if (late.length > 0) {
      throw ValidationError.field(
        'activeFrom',
        formatMessage('catalogue.previous_revision_values_late', { periods: late }),
      );
    }
    const beforeView = (await this.view(trx, previous.id))!;
    if (!(await this.indicators.update(trx, previous.id, previous.version, { activeTo: addDays(activeFrom, -1) }))) {
      throw ConflictError.staleVersion('catalogue.previous_revision_stale');
    }
    const after = (await this.view(trx, previous.id))!;
    await recordAudit(trx, actor, { action: 'indicator.updated', entityType: 'indicator', entityId: previous.id, before: beforeView, after });
  }

  private async assertDimensionExists(db: Db, dimensionId: number | null): Promise<void> {
    if (dimensionId !== null && !(await this.dimensions.findById(db, dimensionId))) {
      throw ValidationError.field('dimensionId', formatMessage('catalogue.dimension_unknown', { id: dimensionId }));
    }
  }

  private async view(db: Db, id: number): Promise<Indicator | undefined> {
    const record = await this.indicators.findById(db, id);
    return record && (await this.views(db, [record]))[0];
  }

  private async views(db: Db, records: readonly IndicatorRecord[]): Promise<Indicator[]> {
    const dimensions = await this.dimensions.findByIds(
      db,
      records.flatMap((r) => (r.dimensionId === null ? [] : [r.dimensionId])),
    );
    return records.map((r) => toIndicator(r, r.dimensionId === null ? null : (dimensions.get(r.dimensionId) ?? null)));
  }
}
