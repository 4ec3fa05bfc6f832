import type { Knex } from 'knex';
import { indicatorDueFor, indicatorInForce, parsePeriod, type ConsistencyRule, type Indicator, type PeriodType, type UnitKind } from '@cn2r/shared';
import type { Clock } from '../../clock.js';
import { DimensionRepository } from '../catalogue/dimension-repository.js';
import { IndicatorRepository, toIndicator } from '../catalogue/indicator-repository.js';
import { RuleRepository } from '../catalogue/rule-repository.js';

type Db = Knex | Knex.Transaction;

const ORDER: Record<PeriodType, number> = { month: 0, quarter: 1, year: 2 };

/**
 * The catalogue as one form sees it: for each code, the revision in force on the period's last
 * day, of the unit's kind. The form's own indicators are those due for the period
 * (`indicatorDueFor`, the rule that also decides whether the form is expected: `unitExpectedFor`);
 * the finer ones (the quarters of a year form) feed the rules that span periods.
 */
export class FormCatalogue {
  private readonly indicators = new IndicatorRepository();
  private readonly dimensions = new DimensionRepository();
  private readonly rules = new RuleRepository();

  constructor(private readonly clock: Clock) {}

  async forPeriod(db: Db, unitKind: UnitKind, period: string): Promise<{ own: Indicator[]; finer: Indicator[]; rules: ConsistencyRule[] }> {
    const { type } = parsePeriod(period);
    const today = this.clock.today();
    const records = (await this.indicators.list(db, { includeInactive: true, today, unitKind })).filter(
      (r) => indicatorInForce(r, period) && ORDER[r.periodType] <= ORDER[type],
    );
    const dimensionIds = [...new Set(records.map((r) => r.dimensionId).filter((id): id is number => id !== null))];
    const dimensions = await this.dimensions.findByIds(db, dimensionIds);
    const all = records.map((r) => toIndicator(r, r.dimensionId === null ? null : (dimensions.get(r.dimensionId) ?? null)));
    return {
      // The indicators due for the period: the same rule that says whether the form is expected at all.
      own: all.filter((i) => indicatorDueFor(i, unitKind, period)),
      finer: all.filter((i) => !indicatorDueFor(i, unitKind, period)),
      rules: (await this.rules.list(db)).filter((r) => r.active),
    };
  }
}
