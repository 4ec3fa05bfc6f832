import type { Knex } from 'knex';
import { formatMessage, type CreateDimension, type Dimension, type UpdateDimension } from '@cn2r/shared';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { CatalogueReferences } from './catalogue-references.js';
import { DimensionRepository } from './dimension-repository.js';

/** Disaggregations (age band, event type, audience…) and their options. */
export class DimensionService {
  private readonly dimensions = new DimensionRepository();
  private readonly references = new CatalogueReferences();

  constructor(private readonly db: Knex) {}

  list(): Promise<Dimension[]> {
    return this.dimensions.list(this.db);
  }

  create(actor: Actor, input: CreateDimension): Promise<Dimension> {
    return this.db.transaction(async (trx) => {
      if (await this.dimensions.findByCode(trx, input.code)) {
        throw new ConflictError(formatMessage('catalogue.dimension_code_taken', { code: input.code }), [{ path: 'code', message: formatMessage('conflict.code_taken_field') }]);
      }
      const id = await this.dimensions.insert(trx, input);
      await this.dimensions.insertOptions(
        trx,
        id,
        input.options.map((o, i) => ({ ...o, sortOrder: i + 1 })),
      );
      const after = (await this.dimensions.findById(trx, id))!;
      await recordAudit(trx, actor, { action: 'dimension.created', entityType: 'dimension', entityId: id, after });
      return after;
    });
  }

  /**
   * Label, sensitivity and options. `options` is the whole new list, in display order, matched to
   * the stored options by code: a new code is added, a known one relabelled and moved, a missing
   * one removed — refused (409) when values were entered on it or a rule names it.
   */
  update(actor: Actor, id: number, input: UpdateDimension): Promise<Dimension> {
    const { version, options, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.dimensions.findById(trx, id);
      if (!before) throw new NotFoundError(formatMessage('catalogue.dimension_not_found'));
      // The versioned update first: it locks the row, so two concurrent edits cannot both pass.
      if (!(await this.dimensions.update(trx, id, version, changes))) throw ConflictError.staleVersion('catalogue.dimension_stale');

      if (options) {
        if (new Set(options.map((o) => o.code)).size !== options.length) {
          throw ValidationError.field('options', formatMessage('catalogue.options_same_code'));
        }
        const wanted = new Set(options.map((o) => o.code));
        const removed = before.options.filter((o) => !wanted.has(o.code));
        const counts = await this.dimensions.valueCountsByOption(
          trx,
          removed.map((o) => o.id),
        );
        const withValues = removed.filter((o) => counts.has(o.id));
        if (withValues.length > 0) {
          const message = formatMessage('catalogue.options_have_values', { options: withValues.map((o) => ({ code: o.code, label: o.label, values: counts.get(o.id)! })) });
          throw new ConflictError(message, [{ path: 'options', message }]);
        }
        const usedByRules = await this.references.rulesUsingOptions(
          trx,
          id,
          removed.map((o) => o.code),
        );
        if (usedByRules.size > 0) {
          const [option, rules] = [...usedByRules.entries()][0];
          const message = formatMessage('catalogue.option_used_by_rules', { option, rules });
          throw new ConflictError(message, [{ path: 'options', message }]);
        }
        const stored = new Map(before.options.map((o) => [o.code, o]));
        await this.dimensions.deleteOptions(
          trx,
          removed.map((o) => o.id),
        );
        const added: { code: string; label: string; sortOrder: number }[] = [];
        for (const [i, option] of options.entries()) {
          const existing = stored.get(option.code);
          if (!existing) added.push({ ...option, sortOrder: i + 1 });
          else if (existing.label !== option.label || existing.sortOrder !== i + 1) {
            await this.dimensions.updateOption(trx, existing.id, { label: option.label, sortOrder: i + 1 });
          }
        }
        await this.dimensions.insertOptions(trx, id, added);
      }

      const after = (await this.dimensions.findById(trx, id))!;
      await recordAudit(trx, actor, { action: 'dimension.updated', entityType: 'dimension', entityId: id, before, after });
      return after;
    });
  }
}
