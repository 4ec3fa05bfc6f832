import type { Knex } from 'knex';
import { formatMessage, type CheckRuleResult, type ConsistencyRule, type CreateRule, type UpdateRule } from '@cn2r/shared';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { CatalogueReferences } from './catalogue-references.js';
import { RuleRepository } from './rule-repository.js';

type Db = Knex | Knex.Transaction;

/**
 * Consistency rules between indicators (`ACT_NEW <= ACT_FA`). A rule is saved only when its
 * expression parses and names indicator codes of the catalogue and options of their
 * disaggregations; the 422 names the `expression` field with the French message and position.
 */
export class RuleService {
  private readonly rules = new RuleRepository();
  private readonly references = new CatalogueReferences();

  constructor(private readonly db: Knex) {}

  list(): Promise<ConsistencyRule[]> {
    return this.rules.list(this.db);
  }

  /** Checks an expression as saving it would, without saving anything. */
  check(expression: string): Promise<CheckRuleResult> {
    return this.references.check(this.db, expression);
  }

  create(actor: Actor, input: CreateRule): Promise<ConsistencyRule> {
    return this.db.transaction(async (trx) => {
      if (await this.rules.findByCode(trx, input.code)) {
        throw new ConflictError(formatMessage('catalogue.rule_code_taken', { code: input.code }), [{ path: 'code', message: formatMessage('conflict.code_taken_field') }]);
      }
      await this.assertValid(trx, input.expression);
      const after = await this.rules.insert(trx, input);
      await recordAudit(trx, actor, { action: 'rule.created', entityType: 'rule', entityId: after.id, after });
      return after;
    });
  }

  update(actor: Actor, id: number, input: UpdateRule): Promise<ConsistencyRule> {
    const { version, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.rules.findById(trx, id);
      if (!before) throw new NotFoundError(formatMessage('catalogue.rule_not_found'));
      if (before.version !== version) throw ConflictError.staleVersion('catalogue.rule_stale');
      if (changes.expression !== undefined && changes.expression !== before.expression) await this.assertValid(trx, changes.expression);
      const after = await this.rules.update(trx, id, version, changes);
      if (!after) throw ConflictError.staleVersion('catalogue.rule_stale');
      await recordAudit(trx, actor, { action: 'rule.updated', entityType: 'rule', entityId: id, before, after });
      return after;
    });
  }

  /** Only a rule no submission has explained can be deleted; otherwise it is deactivated. */
  remove(actor: Actor, id: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const before = await this.rules.findById(trx, id);
      if (!before) throw new NotFoundError(formatMessage('catalogue.rule_not_found'));
      const explanations = await this.rules.explanationCount(trx, id);
      if (explanations > 0) {
        throw new ConflictError(
          formatMessage('catalogue.rule_explained', { explanations }),
        );
      }
      await this.rules.delete(trx, id);
      await recordAudit(trx, actor, { action: 'rule.deleted', entityType: 'rule', entityId: id, before });
    });
  }

  private async assertValid(db: Db, expression: string): Promise<void> {
    const result = await this.references.check(db, expression);
    if (!result.valid) throw ValidationError.field('expression', result.message ?? formatMessage('catalogue.rule_expression_invalid'));
  }
}
