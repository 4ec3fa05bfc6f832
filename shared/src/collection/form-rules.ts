/**
 * Consistency rules on one data-entry form (unit × period), the same on the client (checks as
 * you type) and on the server (the check that gates submission).
 *
 * A rule names indicators by code. On a form of period P:
 * - an indicator of P's period type stands for its value; a disaggregated one for the sum of its
 *   options (missing options count as nothing; no option at all is « no value »); `CODE[option]`
 *   for that option's value;
 * - an indicator of a finer period type (the quarters of a year form) stands for its values over
 *   the sub-periods of P, aggregated by its time aggregation, once every sub-period has a value;
 * - anything else (a coarser period, an unknown code) has no value, and the rule waits
 *   (`incomplete`): a rule fires only on data that is there.
 */
import { parsePeriod, periodsWithin, type PeriodType } from './periods.js';
import { evaluateRule, parseRule, referencesOf, type RuleAst } from './rule-expression.js';

export interface RuleIndicator {
  readonly id: number;
  readonly code: string;
  readonly periodType: PeriodType;
  readonly timeAggregation: 'sum' | 'average' | 'last' | 'max';
  readonly dimension: { readonly options: readonly { readonly id: number; readonly code: string }[] } | null;
}

export interface RuleValue {
  readonly indicatorId: number;
  readonly optionId: number | null;
  readonly value: number | boolean | string | null;
}

export interface RuleDefinition {
  readonly id: number;
  readonly code: string;
  readonly expression: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly active: boolean;
}

export interface RuleFailure {
  readonly ruleId: number;
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly indicatorCodes: string[];
}

const numeric = (value: RuleValue['value']): number | null =>
  typeof value === 'number' ? value : typeof value === 'boolean' ? (value ? 1 : 0) : null;

/** The value of one indicator (or one option) among values of a single period. */
function valueIn(indicator: RuleIndicator, values: readonly RuleValue[], option?: string): number | null {
  const own = values.filter((v) => v.indicatorId === indicator.id);
  if (option !== undefined) {
    const optionId = indicator.dimension?.options.find((o) => o.code === option)?.id;
    if (optionId === undefined) return null;
    return numeric(own.find((v) => v.optionId === optionId)?.value ?? null);
  }
  if (!indicator.dimension) return numeric(own.find((v) => v.optionId === null)?.value ?? null);
  const parts = own.filter((v) => v.optionId !== null).map((v) => numeric(v.value)).filter((n): n is number => n !== null);
  return parts.length === 0 ? null : parts.reduce((a, b) => a + b, 0);
}

function aggregate(values: number[], how: RuleIndicator['timeAggregation']): number {
  switch (how) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'last':
      return values[values.length - 1];
    case 'max':
      return Math.max(...values);
  }
}

export interface FormRuleContext {
  readonly period: string;
  /** The form's own indicators and values. */
  readonly indicators: readonly RuleIndicator[];
  readonly values: readonly RuleValue[];
  /** Indicators of finer period types, and their values in the sub-periods of `period`. */
  readonly finerIndicators?: readonly RuleIndicator[];
  readonly finerValues?: readonly (RuleValue & { readonly period: string })[];
}

export function buildRuleLookup(context: FormRuleContext): (code: string, option?: string) => number | null {
  const own = new Map(context.indicators.map((i) => [i.code, i]));
  const finer = new Map((context.finerIndicators ?? []).map((i) => [i.code, i]));
  const periodType = parsePeriod(context.period).type;
  return (code, option) => {
    const indicator = own.get(code);
    if (indicator && indicator.periodType === periodType) return valueIn(indicator, context.values, option);
    const sub = finer.get(code);
    if (!sub) return null;
    const subPeriods = periodsWithin(context.period, sub.periodType);
    const perPeriod: number[] = [];
    for (const p of subPeriods) {
      const value = valueIn(sub, (context.finerValues ?? []).filter((v) => v.period === p), option);
      if (value === null) return null;
      perPeriod.push(value);
    }
    return perPeriod.length === 0 ? null : aggregate(perPeriod, sub.timeAggregation);
  };
}

const parsed = new Map<string, RuleAst | null>();

/** Parses once per expression; an expression that no longer parses is skipped (the catalogue refuses those). */
function astOf(expression: string): RuleAst | null {
  if (!parsed.has(expression)) {
    try {
      parsed.set(expression, parseRule(expression));
    } catch {
      parsed.set(expression, null);
    }
  }
  return parsed.get(expression) ?? null;
}

/** The active rules that fail on this form; rules still waiting for data are not failures. */
export function evaluateFormRules(rules: readonly RuleDefinition[], context: FormRuleContext): RuleFailure[] {
  const lookup = buildRuleLookup(context);
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    if (!rule.active) continue;
    const ast = astOf(rule.expression);
    if (!ast || evaluateRule(ast, lookup) !== 'fail') continue;
    failures.push({
      ruleId: rule.id,
      code: rule.code,
      severity: rule.severity,
      message: rule.message,
      indicatorCodes: [...new Set(referencesOf(ast).map((r) => r.code))],
    });
  }
  return failures;
}
