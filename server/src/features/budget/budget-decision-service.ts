import {
  envelopeLabels,
  type AdoptBudgetDecision,
  type BudgetDecision,
  type CreateBudgetDecision,
  type DecisionKind,
  type Envelope,
  type UpdateBudgetDecision,
  formatMessage,
} from '@cn2r/shared';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../auth/actor.js';
import { AssemblyDeliberations } from '../governance/index.js';
import { BudgetServiceBase } from './budget-service-base.js';

type Trx = Knex.Transaction;

const DECISION_PREFIX: Record<DecisionKind, string> = { initial: 'BI', amending: 'BR', transfer: 'VIR' };

/**
 * The budget decisions of a year (initial budget, amending budgets, transfers): drafts, then
 * adoption, which opens or moves credits on the lines. Every write runs in one transaction with
 * its audit row; a closed fiscal year refuses every write.
 */
export class BudgetDecisionService extends BudgetServiceBase {
  private readonly deliberations = new AssemblyDeliberations();

  // ---- Decisions ----

  listDecisions(year: number): Promise<BudgetDecision[]> {
    return this.repo.listDecisions(this.db, year);
  }

  async getDecision(id: number): Promise<BudgetDecision> {
    const decision = await this.repo.findDecision(this.db, id);
    if (!decision) throw new NotFoundError(formatMessage('budget.decision_not_found'));
    return decision;
  }

  /** Every line of the entries must exist and belong to the year of the decision. */
  private async assertLinesOfYear(trx: Trx, year: number, lineIds: readonly number[]): Promise<void> {
    const lines = await this.repo.lockLines(trx, lineIds);
    const found = new Map(lines.map((l) => [l.id, l]));
    lineIds.forEach((id, index) => {
      const line = found.get(id);
      if (!line) throw ValidationError.field(`entries.${index}.lineId`, formatMessage('budget.line_id_not_found', { id }));
      if (line.year !== year) throw ValidationError.field(`entries.${index}.lineId`, formatMessage('budget.line_of_other_year', { code: line.code, lineYear: line.year, year }));
    });
  }

  createDecision(actor: Actor, input: CreateBudgetDecision): Promise<BudgetDecision> {
    return this.db.transaction(async (trx) => {
      await this.assertOpenYear(trx, input.year);
      this.assertDecisionDate(input.kind, input.decidedOn, input.year);
      await this.assertLinesOfYear(
        trx,
        input.year,
        input.entries.map((e) => e.lineId),
      );
      const count = await this.repo.countDecisions(trx, input.year, input.kind);
      if (input.kind === 'initial' && count > 0) {
        throw new ConflictError(formatMessage('budget.initial_budget_exists', { year: input.year }), [
          { path: 'kind', message: formatMessage('budget.initial_budget_exists_field') },
        ]);
      }
      const code = input.kind === 'initial' ? 'BI' : `${DECISION_PREFIX[input.kind]}${count + 1}`;
      const id = await this.repo.insertDecision(trx, { year: input.year, kind: input.kind, code, decidedOn: input.decidedOn, reference: input.reference, rationale: input.rationale });
      await this.repo.replaceEntries(trx, id, input.entries);
      const created = (await this.repo.findDecision(trx, id))!;
      await recordAudit(trx, actor, { action: 'budget_decision.created', entityType: 'budget_decision', entityId: id, after: created });
      return created;
    });
  }

  updateDecision(actor: Actor, id: number, input: UpdateBudgetDecision): Promise<BudgetDecision> {
    const { version, entries, ...fields } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findDecision(trx, id, { forUpdate: true });
      if (!before) throw new NotFoundError(formatMessage('budget.decision_not_found'));
      await this.assertOpenYear(trx, before.year);
      this.assertDraft(before);
      if (before.version !== version) throw ConflictError.staleVersion('budget.decision_stale');
      if (fields.decidedOn !== undefined) this.assertDecisionDate(before.kind, fields.decidedOn, before.year);
      if (entries) {
        await this.assertLinesOfYear(
          trx,
          before.year,
          entries.map((e) => e.lineId),
        );
      }
      if (!(await this.repo.updateDraftDecision(trx, id, version, fields))) throw ConflictError.staleVersion('budget.decision_stale');
      if (entries) await this.repo.replaceEntries(trx, id, entries);
      const after = (await this.repo.findDecision(trx, id))!;
      await recordAudit(trx, actor, { action: 'budget_decision.updated', entityType: 'budget_decision', entityId: id, before, after });
      return after;
    });
  }

  private assertDraft(decision: BudgetDecision): void {
    if (decision.status === 'adopted') {
      throw new ConflictError(formatMessage('budget.decision_adopted', { code: decision.code, year: decision.year }));
    }
  }

  /**
   * A BI or a BR is adopted by a deliberation of the general assembly, of its year (or the year
   * before for a BI): the decision takes its date and, without a reference of its own, its number.
   * A transfer is the authorising officer's decision: it names none.
   */
  private async adoptingDeliberation(
    trx: Trx,
    decision: BudgetDecision,
    deliberationId: number | undefined,
  ): Promise<{ deliberationId?: number; decidedOn?: string; reference?: string }> {
    if (decision.kind === 'transfer') {
      if (deliberationId !== undefined) throw ValidationError.field('deliberationId', formatMessage('budget.deliberation_for_transfer'));
      return {};
    }
    if (deliberationId === undefined) throw ValidationError.field('deliberationId', formatMessage('budget.deliberation_required', { code: decision.code }));
    const deliberation = await this.deliberations.adopted(trx, deliberationId);
    const year = Number(deliberation.adoptedOn.slice(0, 4));
    const initial = decision.kind === 'initial';
    if (year !== decision.year && !(initial && year === decision.year - 1)) {
      throw ValidationError.field('deliberationId', formatMessage('budget.deliberation_outside_year', { number: deliberation.number, year: decision.year, initial }));
    }
    return { deliberationId: deliberation.id, decidedOn: deliberation.adoptedOn, ...(!decision.reference && { reference: `Délibération n° ${deliberation.number}` }) };
  }

  /**
   * Adopts a draft decision once its rules hold: personnel AE = CP; a transfer sums to zero in AE
   * and in CP; across envelopes, a transfer only takes from personnel; no line is left with open
   * AE below what is committed, nor open CP below what is paid.
   */
  adoptDecision(actor: Actor, id: number, input: AdoptBudgetDecision): Promise<BudgetDecision> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findDecision(trx, id, { forUpdate: true });
      if (!before) throw new NotFoundError(formatMessage('budget.decision_not_found'));
      await this.assertOpenYear(trx, before.year);
      this.assertDraft(before);
      if (before.version !== input.version) throw ConflictError.staleVersion('budget.decision_stale');
      const lineIds = before.entries.map((e) => e.lineId);
      const lines = new Map((await this.repo.lockLines(trx, lineIds)).map((l) => [l.id, l]));
      const totals = await this.repo.lineTotals(trx, { lineIds });

      for (const entry of before.entries) {
        const line = lines.get(entry.lineId)!;
        if (line.envelope === 'personnel' && entry.aeDeltaCents !== entry.cpDeltaCents) {
          throw new ValidationError(
            formatMessage('budget.personnel_ae_cp_differ', { code: line.code, aeCents: entry.aeDeltaCents, cpCents: entry.cpDeltaCents }),
          );
        }
      }

      if (before.kind === 'transfer') {
        const ae = before.entries.reduce((sum, e) => sum + e.aeDeltaCents, 0);
        const cp = before.entries.reduce((sum, e) => sum + e.cpDeltaCents, 0);
        if (ae !== 0 || cp !== 0) {
          throw new ValidationError(formatMessage('budget.transfer_not_balanced', { aeCents: ae, cpCents: cp }));
        }
        const net = new Map<Envelope, { ae: number; cp: number }>();
        for (const e of before.entries) {
          const envelope = lines.get(e.lineId)!.envelope;
          const n = net.get(envelope) ?? { ae: 0, cp: 0 };
          n.ae += e.aeDeltaCents;
          n.cp += e.cpDeltaCents;
          net.set(envelope, n);
        }
        for (const [envelope, n] of net) {
          if (envelope !== 'personnel' && (n.ae < 0 || n.cp < 0)) {
            throw new ValidationError(
              formatMessage('budget.transfer_from_other_envelope', { envelope: envelopeLabels[envelope], amountCents: -Math.min(n.ae, n.cp) }),
            );
          }
        }
      }

      for (const entry of before.entries) {
        const line = lines.get(entry.lineId)!;
        const t = totals.get(entry.lineId)!;
        const openAe = t.openAeCents + entry.aeDeltaCents;
        const openCp = t.openCpCents + entry.cpDeltaCents;
        if (openAe < t.committedCents) {
          throw new ConflictError(
            formatMessage('budget.open_ae_below_committed', { code: line.code, openCents: openAe, committedCents: t.committedCents }),
          );
        }
        if (openCp < t.paidCents) {
          throw new ConflictError(formatMessage('budget.open_cp_below_paid', { code: line.code, openCents: openCp, paidCents: t.paidCents }));
        }
      }

      const adoption = await this.adoptingDeliberation(trx, before, input.deliberationId);
      if (!(await this.repo.updateDraftDecision(trx, id, input.version, { status: 'adopted', ...adoption }))) throw ConflictError.staleVersion('budget.decision_stale');
      const after = (await this.repo.findDecision(trx, id))!;
      await recordAudit(trx, actor, { action: 'budget_decision.adopted', entityType: 'budget_decision', entityId: id, before, after });
      return after;
    });
  }
}
