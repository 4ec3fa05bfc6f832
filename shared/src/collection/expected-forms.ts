/**
 * Which forms a unit owes: the one rule behind completeness, timeliness, late units, reminders,
 * the data-entry forms, extensions and imports (DOMAIN.md, « Expected forms »).
 *
 * A unit is expected for a period only when it was open then AND at least one indicator of its
 * catalogue is due for that period: an indicator of the unit's kind, in force on the period's
 * last day, whose periodicity is the period's type (a yearly indicator is due on the year, not on
 * its quarters). A unit whose kind reports yearly only (the CN2R in the demo) owes no quarter.
 * Pure: no Node or browser API.
 */
import type { UnitKind } from '../schemas/unit.js';
import { parsePeriod, unitOpenDuring, type PeriodType } from './periods.js';

/** What the rule reads of one indicator revision of the catalogue. */
export interface CatalogueDueEntry {
  readonly unitKind: UnitKind;
  readonly periodType: PeriodType;
  /** `YYYY-MM-DD`, inclusive. */
  readonly activeFrom: string;
  /** `YYYY-MM-DD`, inclusive; null while in force. */
  readonly activeTo: string | null;
}

/** What the rule reads of a unit. */
export interface ExpectedUnit {
  readonly kind: UnitKind;
  readonly openedOn: string;
  readonly closedOn: string | null;
}

/** Why a form is or is not expected. */
export type FormExpectation = 'expected' | 'unit_closed' | 'nothing_due';

/** Whether an indicator revision is in force for a period: active on the period's last day (the revision a form of that period shows). */
export function indicatorInForce(indicator: Pick<CatalogueDueEntry, 'activeFrom' | 'activeTo'>, period: string): boolean {
  const { end } = parsePeriod(period);
  return indicator.activeFrom <= end && (indicator.activeTo === null || indicator.activeTo >= end);
}

/** Whether an indicator revision is due from a unit of `unitKind` for `period`: of that kind, in force, and of the period's own type. */
export function indicatorDueFor(indicator: CatalogueDueEntry, unitKind: UnitKind, period: string): boolean {
  return indicator.unitKind === unitKind && indicator.periodType === parsePeriod(period).type && indicatorInForce(indicator, period);
}

/**
 * Whether a unit owes a form for a period, and why not: `unit_closed` when it was not open on any
 * day of the period, `nothing_due` when no indicator of its catalogue is due for the period.
 * Throws PeriodError on an invalid period or date.
 */
export function formExpectation(period: string, unit: ExpectedUnit, catalogue: readonly CatalogueDueEntry[]): FormExpectation {
  if (!unitOpenDuring(period, unit.openedOn, unit.closedOn)) return 'unit_closed';
  return catalogue.some((indicator) => indicatorDueFor(indicator, unit.kind, period)) ? 'expected' : 'nothing_due';
}

/** Whether a unit owes a form for a period (see `formExpectation`). */
export function unitExpectedFor(period: string, unit: ExpectedUnit, catalogue: readonly CatalogueDueEntry[]): boolean {
  return formExpectation(period, unit, catalogue) === 'expected';
}
