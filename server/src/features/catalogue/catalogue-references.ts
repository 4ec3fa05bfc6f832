import type { Knex } from 'knex';
import { formatMessage, type CheckRuleResult } from '@cn2r/shared';
import { checkRule, type RuleReference } from '../../../../shared/src/collection/rule-expression.js';
import { DimensionRepository } from './dimension-repository.js';
import { IndicatorRepository } from './indicator-repository.js';
import { RuleRepository } from './rule-repository.js';

type Db = Knex | Knex.Transaction;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a reference first appears in the source (0-based), to point at it as the parser does for syntax errors. */
function positionOf(source: string, ref: RuleReference): number | null {
  const code = `(?<![A-Za-z0-9_])${escape(ref.code)}(?![A-Za-z0-9_])`;
  if (ref.option === undefined) {
    const match = new RegExp(code).exec(source);
    return match ? match.index : null;
  }
  const match = new RegExp(`${code}\\s*\\[${escape(ref.option)}\\]`).exec(source);
  return match ? match.index + match[0].indexOf('[') + 1 : null;
}

/**
 * The links between consistency rules and the catalogue: a rule may only name indicator codes of
 * the catalogue, and options of their disaggregation. The latest revision of a code is the one
 * that counts (a rule outlives revisions: it names codes, not rows).
 */
export class CatalogueReferences {
  private readonly indicators = new IndicatorRepository();
  private readonly dimensions = new DimensionRepository();
  private readonly rules = new RuleRepository();

  /**
   * Parses an expression and checks what it references. `valid: false` with the parser's French
   * message and position for a syntax error, or a message naming the first unknown code or option
   * and where it appears.
   */
  async check(db: Db, expression: string): Promise<CheckRuleResult> {
    const parsed = checkRule(expression);
    if (!parsed.valid) return { valid: false, message: parsed.message, position: parsed.position, references: [] };
    const references = parsed.references.map((r) => (r.option === undefined ? { code: r.code } : { code: r.code, option: r.option }));
    const latest = await this.indicators.latestRevisions(db, [...new Set(references.map((r) => r.code))]);
    const dimensions = await this.dimensions.findByIds(
      db,
      [...latest.values()].flatMap((i) => (i.dimensionId === null ? [] : [i.dimensionId])),
    );
    for (const ref of references) {
      const position = positionOf(expression, ref);
      const indicator = latest.get(ref.code);
      if (!indicator) {
        return { valid: false, message: formatMessage('catalogue.rule_unknown_indicator', { code: ref.code, position }), position, references };
      }
      if (ref.option === undefined) continue;
      const dimension = indicator.dimensionId === null ? undefined : dimensions.get(indicator.dimensionId);
      if (!dimension) {
        return {
          valid: false,
          message: formatMessage('catalogue.rule_indicator_not_broken_down', { code: ref.code, option: ref.option, position }),
          position,
          references,
        };
      }
      if (!dimension.options.some((o) => o.code === ref.option)) {
        return {
          valid: false,
          message: formatMessage('catalogue.rule_unknown_option', { code: ref.code, option: ref.option, dimension: dimension.label, options: dimension.options.map((o) => o.code), position }),
          position,
          references,
        };
      }
    }
    return { valid: true, message: null, position: null, references };
  }

  /** The codes of the rules that name one of these options of a dimension (`ACT_FA[18+]` when ACT_FA uses it). */
  async rulesUsingOptions(db: Db, dimensionId: number, optionCodes: readonly string[]): Promise<Map<string, string[]>> {
    const used = new Map<string, string[]>();
    if (optionCodes.length === 0) return used;
    const wanted = new Set(optionCodes);
    const rules = await this.rules.list(db);
    const parsed = rules.map((rule) => ({ rule, refs: checkRule(rule.expression).references.filter((r) => r.option !== undefined && wanted.has(r.option)) }));
    const codes = [...new Set(parsed.flatMap((p) => p.refs.map((r) => r.code)))];
    if (codes.length === 0) return used;
    const latest = await this.indicators.latestRevisions(db, codes);
    for (const { rule, refs } of parsed) {
      for (const ref of refs) {
        if (latest.get(ref.code)?.dimensionId !== dimensionId) continue;
        const option = ref.option as string;
        used.set(option, [...new Set([...(used.get(option) ?? []), rule.code])]);
      }
    }
    return used;
  }
}
