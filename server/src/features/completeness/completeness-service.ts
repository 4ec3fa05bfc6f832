import type { Knex } from 'knex';
import {
  UNIT_KIND_VALUES,
  indicatorDueFor,
  parsePeriod,
  periodLabel,
  unitExpectedFor,
  type Completeness,
  type CompletenessCell,
  type PeriodType,
  type UnitKind,
  formatMessage,
} from '@cn2r/shared';
import type { Clock } from '../../clock.js';
import { parisToday } from '../../dates/calendar-date.js';
import { NotFoundError } from '../../errors/http-errors.js';
import { canAccessUnit, type Actor } from '../auth/actor.js';
import { IndicatorRepository } from '../catalogue/indicator-repository.js';
import { DataEntryRepository } from '../data-entry/data-entry-repository.js';
import { UnitRepository } from '../units/unit-repository.js';

/** 'YYYY-MM-DD' of a moment in Paris (the fr-CA locale writes ISO dates); built once, it is costly to build. */
const parisDay = (date: Date) => parisToday(date);

/**
 * The completeness board: units × periods of a campaign. A unit is expected only for the periods
 * it was open and owes something for (`unitExpectedFor`: a unit opening in May is not late for the
 * first quarter, a unit whose catalogue is yearly owes no quarter); « late » counts from the unit's
 * own due date (its extension if it has one). Late units and their reminders follow from the cells.
 */
export class CompletenessService {
  private readonly units = new UnitRepository();
  private readonly forms = new DataEntryRepository();
  private readonly indicators = new IndicatorRepository();

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  async forYear(actor: Actor, year: number): Promise<Completeness> {
    const campaign = await this.db('campaigns').where({ year }).first('id');
    if (!campaign) throw new NotFoundError(formatMessage('campaigns.none_for_year', { year }));
    const periods = (await this.db('campaign_periods').where({ campaign_id: campaign.id }).select('period', 'due_on'))
      .map((p) => ({ period: p.period as string, dueOn: p.due_on as string }))
      .sort((a, b) => parsePeriod(a.period).end.localeCompare(parsePeriod(b.period).end) || a.period.length - b.period.length);
    const extensions = await this.db('campaign_extensions').where({ campaign_id: campaign.id }).select('unit_id', 'period', 'due_on');
    const yearStart = `${year}-01-01`;
    const yearEnd = `${year}-12-31`;
    const units = (await this.units.list(this.db)).filter(
      (u) => u.openedOn <= yearEnd && (u.closedOn === null || u.closedOn >= yearStart) && canAccessUnit(actor, u.id),
    );
    const submissions = new Map((await this.forms.submissionsOfYear(this.db, year)).map((s) => [`${s.unitId}|${s.period}`, s]));
    const filled = await this.filledRequiredCells(year);
    const required = await this.requiredCells(periods.map((p) => p.period));
    const catalogue = await this.indicators.dueCatalogue(this.db);
    const today = this.clock.today();

    const cells: CompletenessCell[] = [];
    for (const unit of units) {
      for (const p of periods) {
        const expected = unitExpectedFor(p.period, unit, catalogue);
        const submission = submissions.get(`${unit.id}|${p.period}`);
        const dueOn = extensions.find((e) => e.unit_id === unit.id && e.period === p.period)?.due_on ?? p.dueOn;
        const status = submission?.status ?? 'not_started';
        const done = status === 'submitted' || status === 'validated';
        const requiredCount = required.get(`${unit.kind}|${p.period}`) ?? 0;
        const filledCount = submission ? (filled.get(submission.id) ?? 0) : 0;
        cells.push({
          unitId: unit.id,
          period: p.period,
          expected,
          status,
          late: expected && !done && today > dueOn,
          filledPercent: expected && requiredCount > 0 ? Math.round((1000 * Math.min(filledCount, requiredCount)) / requiredCount) / 10 : null,
          submittedOnTime: submission?.submittedAt ? parisDay(submission.submittedAt) <= dueOn : null,
          dueOn: expected ? dueOn : null,
          changedSinceValidation: submission?.changedSinceValidation ?? false,
          returnMessage: status === 'returned' || status === 'draft' ? (submission?.returnMessage ?? null) : null,
        });
      }
    }

    const lateUnits = units
      .map((unit) => ({ unit, late: cells.filter((c) => c.unitId === unit.id && c.late) }))
      .filter(({ late }) => late.length > 0)
      .map(({ unit, late }) => ({
        unitId: unit.id,
        periods: late.map((c) => c.period),
        reminder: formatMessage('completeness.reminder', { unit: unit.name, late: late.map((c) => ({ period: c.period, dueOn: c.dueOn! })) }),
      }));

    return {
      year,
      periods: periods.map((p) => ({ period: p.period, label: periodLabel(p.period), dueOn: p.dueOn })),
      units: units.map((u) => ({ id: u.id, code: u.code, name: u.name })),
      cells,
      lateUnits,
    };
  }

  /** Filled values of required indicators, per submission of the year, counted in PostgreSQL. */
  private async filledRequiredCells(year: number): Promise<Map<number, number>> {
    const rows = await this.db('indicator_values as v')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .join('submissions as s', 's.id', 'v.submission_id')
      .where('s.period', '>=', String(year))
      .andWhere('s.period', '<', String(year + 1))
      .andWhere('i.required', true)
      .andWhere((w) => w.whereNotNull('v.value_num').orWhereNotNull('v.value_text'))
      .groupBy('v.submission_id')
      .select('v.submission_id', this.db.raw('count(*) AS n'));
    return new Map(rows.map((r) => [r.submission_id as number, Number(r.n)]));
  }

  /** Required cells (an option counts as a cell) per unit kind × period: the required indicators due for the period (`indicatorDueFor`). */
  private async requiredCells(periods: readonly string[]): Promise<Map<string, number>> {
    const records = (
      await this.db('indicators as i')
        .where('i.required', true)
        .select(
          'i.unit_kind',
          'i.period_type',
          'i.active_from',
          'i.active_to',
          this.db.raw('(SELECT count(*) FROM dimension_options o WHERE o.dimension_id = i.dimension_id) AS options'),
        )
    ).map((r) => ({ unitKind: r.unit_kind as UnitKind, periodType: r.period_type as PeriodType, activeFrom: r.active_from as string, activeTo: r.active_to as string | null, options: Number(r.options) }));
    const result = new Map<string, number>();
    for (const period of periods) {
      for (const kind of UNIT_KIND_VALUES) {
        const count = records.filter((r) => indicatorDueFor(r, kind, period)).reduce((sum, r) => sum + Math.max(1, r.options), 0);
        result.set(`${kind}|${period}`, count);
      }
    }
    return result;
  }
}
