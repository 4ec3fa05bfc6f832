import {
  type DataEntryForm,
  type RuleAst,
  type RuleResult,
  type RuleValue,
  buildRuleLookup,
  evaluateRule,
  parseRule,
  referencesOf,
} from '@cn2r/shared';

/** A consistency rule that fails, as the panel lists it. */
export interface PanelRuleResult {
  readonly ruleId: number;
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly indicatorCodes: readonly string[];
  /** The explanation the server holds for a warning, if any. */
  readonly explanation: string | null;
  /** `live`: evaluated here on the values as typed; `server`: as the server found it at the last save. */
  readonly source: 'live' | 'server';
}

export type RuleForm = Pick<DataEntryForm, 'indicators' | 'rules' | 'finerIndicators' | 'finerValues'> & {
  readonly submission: Pick<DataEntryForm['submission'], 'period'>;
};

const asts = new Map<string, RuleAst | null>();

function astOf(expression: string): RuleAst | null {
  if (!asts.has(expression)) {
    try {
      asts.set(expression, parseRule(expression));
    } catch {
      asts.set(expression, null);
    }
  }
  return asts.get(expression) ?? null;
}

/**
 * The failing rules to list, errors first: each active rule is evaluated here on the values as
 * typed (the shared lookup: a disaggregated indicator stands for the sum of its options, a
 * finer indicator for its sub-periods). A rule that passes here is not listed, whatever the
 * last save said; a rule that cannot be decided here (data missing, expression unknown to this
 * client) shows the server's verdict from the last save.
 */
export function panelRuleResults(form: RuleForm, liveValues: readonly RuleValue[], serverResults: readonly RuleResult[]): PanelRuleResult[] {
  const lookup = buildRuleLookup({
    period: form.submission.period,
    indicators: form.indicators,
    values: liveValues,
    finerIndicators: form.finerIndicators,
    finerValues: form.finerValues,
  });
  const server = new Map(serverResults.map((r) => [r.ruleId, r]));
  const results: PanelRuleResult[] = [];
  const decided = new Set<number>();
  for (const rule of form.rules) {
    if (!rule.active) {
      decided.add(rule.id);
      continue;
    }
    const ast = astOf(rule.expression);
    if (!ast) continue;
    const outcome = evaluateRule(ast, lookup);
    if (outcome === 'incomplete') continue;
    decided.add(rule.id);
    if (outcome === 'fail') {
      results.push({
        ruleId: rule.id,
        code: rule.code,
        severity: rule.severity,
        message: rule.message,
        indicatorCodes: [...new Set(referencesOf(ast).map((r) => r.code))],
        explanation: server.get(rule.id)?.explanation ?? null,
        source: 'live',
      });
    }
  }
  for (const result of serverResults) {
    if (decided.has(result.ruleId)) continue;
    results.push({ ...result, source: 'server' });
  }
  const rank = (r: PanelRuleResult) => (r.severity === 'error' ? 0 : 1);
  return results.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code, 'fr'));
}
