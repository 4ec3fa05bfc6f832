import type { Knex } from 'knex';
import { formatMessage, type Target } from '@cn2r/shared';
import { NotFoundError, ValidationError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { IndicatorRepository } from './indicator-repository.js';
import { TargetRepository } from './target-repository.js';

/**
 * Yearly network targets, by indicator code (they follow the code across revisions). Only an
 * indicator tied to one of the funder's four expected results has one: the revisions of the code
 * active during that year must include one with an expected result.
 */
export class TargetService {
  private readonly targets = new TargetRepository();
  private readonly indicators = new IndicatorRepository();

  constructor(private readonly db: Knex) {}

  list(year?: number): Promise<Target[]> {
    return this.targets.list(this.db, year);
  }

  /** Sets the target (`target` a number) or removes it (`null`, answer undefined). */
  put(actor: Actor, code: string, year: number, target: number | null): Promise<Target | undefined> {
    return this.db.transaction(async (trx) => {
      const revisions = await this.indicators.revisionsOf(trx, code);
      if (revisions.length === 0) throw new NotFoundError(formatMessage('catalogue.indicator_code_not_found', { code }));
      const before = await this.targets.find(trx, code, year);
      const entityId = `${code}/${year}`;
      if (target === null) {
        if (before) {
          await this.targets.delete(trx, code, year);
          await recordAudit(trx, actor, { action: 'target.deleted', entityType: 'target', entityId, before });
        }
        return undefined;
      }
      const inYear = revisions.filter((r) => r.activeFrom <= `${year}-12-31` && (r.activeTo === null || r.activeTo >= `${year}-01-01`));
      if (inYear.length === 0) throw ValidationError.field('year', formatMessage('catalogue.target_not_in_force', { code, year }));
      if (!inYear.some((r) => r.expectedResult !== null)) {
        throw ValidationError.field(
          'target',
          formatMessage('catalogue.target_without_expected_result', { code, year }),
        );
      }
      const after = await this.targets.upsert(trx, code, year, target);
      await recordAudit(trx, actor, { action: 'target.set', entityType: 'target', entityId, before: before ?? null, after });
      return after;
    });
  }
}
