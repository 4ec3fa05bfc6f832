import {
  type BudgetLine,
  type CreateBudgetLine,
  type CreateFundingSource,
  type FiscalYear,
  type FundingNotification,
  type FundingSource,
  type PutFundingNotification,
  type ReferenceItem,
  type UpdateBudgetLine,
  type UpdateFiscalYear,
  type UpdateFundingSource,
  formatMessage,
} from '@cn2r/shared';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../auth/actor.js';
import { InKindValuations } from '../staff/in-kind-valuation.js';
import { BudgetServiceBase } from './budget-service-base.js';
import type { StaffView } from './personnel-disclosure.js';

/**
 * The budget's reference data under public accounting (GBCP): fiscal years (closing one makes it
 * read-only), envelopes and mission areas, funding sources and their notified amounts, and the
 * budget lines of a year. Every write runs in one transaction with its audit row.
 */
export class BudgetReferenceService extends BudgetServiceBase {
  private readonly inKind = new InKindValuations();

  /**
   * An in-kind source with its valuation per year, derived from the staff records (for the board,
   * null under 3 people); a cash source as stored.
   */
  private async withValuations(sources: FundingSource[], view: StaffView): Promise<FundingSource[]> {
    if (!sources.some((s) => s.inKind)) return sources;
    const valuations = await this.inKind.allYears(this.db, view === 'board' ? 'aggregate' : 'full');
    return sources.map((s) => (s.inKind ? { ...s, notifications: [], valuations: valuations.get(s.id) ?? [] } : s));
  }
  // ---- Fiscal years ----

  listFiscalYears(): Promise<FiscalYear[]> {
    return this.repo.listFiscalYears(this.db);
  }

  createFiscalYear(actor: Actor, year: number): Promise<FiscalYear> {
    return this.db.transaction(async (trx) => {
      if (await this.repo.findFiscalYear(trx, year)) throw new ConflictError(formatMessage('budget.fiscal_year_exists', { year }), [{ path: 'year', message: formatMessage('budget.fiscal_year_exists_field') }]);
      const created = await this.repo.insertFiscalYear(trx, year);
      await recordAudit(trx, actor, { action: 'fiscal_year.created', entityType: 'fiscal_year', entityId: year, after: created });
      return created;
    });
  }

  /** Closing makes the year read-only; reopening (to fix a mistake) is allowed and audited. */
  updateFiscalYear(actor: Actor, year: number, input: UpdateFiscalYear): Promise<FiscalYear> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findFiscalYear(trx, year);
      if (!before) throw this.yearNotFound(year);
      const after = await this.repo.updateFiscalYear(trx, year, input.version, input.status);
      if (!after) throw ConflictError.staleVersion('budget.fiscal_year_stale', { year });
      const action = before.status === after.status ? 'fiscal_year.updated' : after.status === 'closed' ? 'fiscal_year.closed' : 'fiscal_year.reopened';
      await recordAudit(trx, actor, { action, entityType: 'fiscal_year', entityId: year, before, after });
      return after;
    });
  }

  async referenceData(): Promise<{ envelopes: ReferenceItem[]; missionAreas: ReferenceItem[] }> {
    return { envelopes: await this.repo.listEnvelopes(this.db), missionAreas: await this.repo.listMissionAreas(this.db) };
  }

  // ---- Funding sources ----

  /**
   * The funding sources and their notified amounts. An in-kind source (staff seconded without
   * reimbursement) has no notified amount: its valuation of each year comes from the staff records
   * (`valuations`, the staff summary's figure), masked for the board under 3 people.
   */
  async listFundingSources(view: StaffView = 'detail'): Promise<FundingSource[]> {
    return this.withValuations(await this.repo.listFundingSources(this.db), view);
  }

  async getFundingSource(id: number, view: StaffView = 'detail'): Promise<FundingSource> {
    const source = await this.repo.findFundingSource(this.db, id);
    if (!source) throw new NotFoundError(formatMessage('budget.funding_source_not_found'));
    return (await this.withValuations([source], view))[0];
  }

  createFundingSource(actor: Actor, input: CreateFundingSource): Promise<FundingSource> {
    return this.db.transaction(async (trx) => {
      if (await this.repo.findFundingSourceByCode(trx, input.code)) {
        throw new ConflictError(formatMessage('budget.funding_source_code_taken', { code: input.code }), [{ path: 'code', message: formatMessage('conflict.code_taken_field') }]);
      }
      const id = await this.repo.insertFundingSource(trx, input);
      const created = (await this.repo.findFundingSource(trx, id))!;
      await recordAudit(trx, actor, { action: 'funding_source.created', entityType: 'funding_source', entityId: id, after: created });
      return created;
    });
  }

  /** The source as finance reads it afterwards (an in-kind source with its valuations). */
  async updateFundingSource(actor: Actor, id: number, input: UpdateFundingSource): Promise<FundingSource> {
    const { version, ...changes } = input;
    const after = await this.db.transaction(async (trx) => {
      const before = await this.repo.findFundingSource(trx, id);
      if (!before) throw new NotFoundError(formatMessage('budget.funding_source_not_found'));
      if (!(await this.repo.updateFundingSource(trx, id, version, changes))) throw ConflictError.staleVersion('budget.funding_source_stale');
      const after = (await this.repo.findFundingSource(trx, id))!;
      await recordAudit(trx, actor, { action: 'funding_source.updated', entityType: 'funding_source', entityId: id, before, after });
      return after;
    });
    return (await this.withValuations([after], 'detail'))[0];
  }

  /**
   * Sets the amount notified for a year (creates it, or updates it with the version read). Refused
   * for an in-kind source: its valuation comes from the staff records, it is never typed.
   */
  putNotification(actor: Actor, id: number, year: number, input: PutFundingNotification): Promise<FundingNotification> {
    return this.db.transaction(async (trx) => {
      const source = await this.repo.findFundingSource(trx, id);
      if (!source) throw new NotFoundError(formatMessage('budget.funding_source_not_found'));
      if (source.inKind) throw ValidationError.field('amountCents', formatMessage('budget.notification_in_kind', { code: source.code }));
      await this.assertOpenYear(trx, year);
      const before = await this.repo.findNotification(trx, id, year);
      let after: FundingNotification | undefined;
      if (!before) {
        after = await this.repo.insertNotification(trx, id, year, input.amountCents, input.reference);
      } else {
        if (input.version === undefined) throw ValidationError.field('version', formatMessage('budget.notified_version_required'));
        after = await this.repo.updateNotification(trx, id, year, input.version, input.amountCents, input.reference);
        if (!after) throw ConflictError.staleVersion('budget.notified_stale', { year });
      }
      await recordAudit(trx, actor, { action: 'funding_notification.saved', entityType: 'funding_source', entityId: id, before: before ?? null, after: { ...after, fundingSourceId: id } });
      return after;
    });
  }

  // ---- Lines ----

  async listLines(year: number): Promise<BudgetLine[]> {
    return this.repo.listLines(this.db, year);
  }

  async getLine(id: number): Promise<BudgetLine> {
    const line = await this.repo.findLine(this.db, id);
    if (!line) throw new NotFoundError(formatMessage('budget.line_not_found'));
    return line;
  }

  createLine(actor: Actor, input: CreateBudgetLine): Promise<BudgetLine> {
    return this.db.transaction(async (trx) => {
      await this.assertOpenYear(trx, input.year);
      if (!(await this.repo.findFundingSource(trx, input.fundingSourceId))) throw ValidationError.field('fundingSourceId', formatMessage('budget.funding_source_not_found'));
      if (await this.repo.findLineByCode(trx, input.year, input.code)) {
        throw new ConflictError(formatMessage('budget.line_code_taken', { code: input.code, year: input.year }), [{ path: 'code', message: formatMessage('conflict.code_taken_field') }]);
      }
      const line = await this.repo.insertLine(trx, input);
      await recordAudit(trx, actor, { action: 'budget_line.created', entityType: 'budget_line', entityId: line.id, after: line });
      return line;
    });
  }

  updateLine(actor: Actor, id: number, input: UpdateBudgetLine): Promise<BudgetLine> {
    const { version, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findLine(trx, id);
      if (!before) throw new NotFoundError(formatMessage('budget.line_not_found'));
      await this.assertOpenYear(trx, before.year);
      if (changes.fundingSourceId !== undefined && !(await this.repo.findFundingSource(trx, changes.fundingSourceId))) {
        throw ValidationError.field('fundingSourceId', formatMessage('budget.funding_source_not_found'));
      }
      if (changes.envelope !== undefined && changes.envelope !== before.envelope && (await this.repo.lineHasEntries(trx, id))) {
        throw new ConflictError(formatMessage('budget.line_envelope_frozen'), [
          { path: 'envelope', message: formatMessage('budget.line_envelope_frozen_field') },
        ]);
      }
      const after = await this.repo.updateLine(trx, id, version, changes);
      if (!after) throw ConflictError.staleVersion('budget.line_stale');
      await recordAudit(trx, actor, { action: 'budget_line.updated', entityType: 'budget_line', entityId: id, before, after });
      return after;
    });
  }
}
