import type { Knex } from 'knex';
import { optionsAdditiveByDefault, type Unit } from '@cn2r/shared';
import { IndicatorRepository } from '../catalogue/indicator-repository.js';
import { UnitRepository } from '../units/unit-repository.js';
import { currentRevisions, IndicatorAggregates } from './activity-report-service.js';
import { ReportRepository, type ReportIndicatorRow, type ValidatedValueRow } from './report-repository.js';

/** An indicator as the network figures read it: its revision in force at the end of the year, with whether its options add up. */
export type FigureIndicator = ReportIndicatorRow & { readonly optionsAdditive: boolean };

const openDuring = (u: Pick<Unit, 'openedOn' | 'closedOn'>, year: number) => u.openedOn <= `${year}-12-31` && (u.closedOn === null || u.closedOn >= `${year}-01-01`);

/**
 * The one definition of a network figure, from validated values: an indicator aggregated over the
 * periods of a year within a unit, then across the units **of the indicator's own kind** open in
 * that year (the centres for a centres' indicator, the CN2R for its own). The CN2R's activity is
 * never part of a network total: a CN2R indicator that counts the same activity as a network one
 * names it in the catalogue (`networkCounterpartCode`), and the views show it beside
 * (`cn2rCounterparts`). The activity report's key figures, expected results, training and
 * research, and the cost per activity (dashboard and financial summary) read their figures here.
 */
export class NetworkFigures {
  private readonly byCode: Map<string, FigureIndicator>;
  private readonly agg: IndicatorAggregates;

  constructor(
    private readonly units: readonly Pick<Unit, 'id' | 'kind' | 'openedOn' | 'closedOn'>[],
    readonly indicators: readonly FigureIndicator[],
    values: readonly ValidatedValueRow[],
  ) {
    this.byCode = new Map(indicators.map((i) => [i.code, i]));
    this.agg = new IndicatorAggregates(values);
  }

  /** Loads the catalogue as in force at the end of `year` and the validated values of `fromYear`…`year` (those given, when read already). */
  static async load(db: Knex, year: number, fromYear: number, validatedValues?: Promise<ValidatedValueRow[]>): Promise<NetworkFigures> {
    const repo = new ReportRepository();
    const [units, rows, additive, values] = await Promise.all([
      new UnitRepository().list(db),
      repo.listIndicators(db),
      new IndicatorRepository().optionsAdditiveById(db),
      validatedValues ?? repo.validatedValues(db, fromYear, year),
    ]);
    const indicators = currentRevisions(rows, year).map((i) => ({ ...i, optionsAdditive: additive.get(i.id) ?? optionsAdditiveByDefault(i.valueType) }));
    return new NetworkFigures(units, indicators, values);
  }

  indicator(code: string): FigureIndicator | undefined {
    return this.byCode.get(code);
  }

  /** The units of a kind open at some point of the year. */
  unitIds(kind: 'crp' | 'cn2r', year: number): number[] {
    return this.units.filter((u) => u.kind === kind && openDuring(u, year)).map((u) => u.id);
  }

  /** The network value of an indicator (or of one option) in a year; null when the code is unknown or nothing is validated. */
  value(code: string, year: number, option: string | null = null): number | null {
    const i = this.byCode.get(code);
    return i ? this.agg.networkValue(this.unitIds(i.unitKind, year), i, year, option) : null;
  }

  /** A unit's own value. */
  unitValue(unitId: number, code: string, year: number, option: string | null = null): number | null {
    const i = this.byCode.get(code);
    return i ? this.agg.unitValue(unitId, i, year, option) : null;
  }

  /** The CN2R indicators that count the same activity as this network indicator (shown beside it, never added). */
  cn2rCounterparts(code: string): FigureIndicator[] {
    return this.indicators.filter((i) => i.unitKind === 'cn2r' && i.networkCounterpartCode === code);
  }
}
