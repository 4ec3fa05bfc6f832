import {
  type BudgetLine,
  type Commitment,
  type CreateCommitment,
  type CreatePayment,
  type Payment,
  type ReverseEntry,
  formatMessage,
} from '@cn2r/shared';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../auth/actor.js';
import { type StaffView } from './personnel-disclosure.js';
import { BudgetServiceBase } from './budget-service-base.js';

type Trx = Knex.Transaction;

/**
 * The entries of a year: commitments (AE) and payments (CP), and their reversals. Writes that
 * consume a line's credits lock that line first, so two writers never both fit in the same
 * remaining credits; every write runs in one transaction with its audit row.
 */
export class BudgetEntryService extends BudgetServiceBase {
  // ---- Commitments ----

  /** The board does not read the entries of personnel lines merged for privacy (their amounts are one or two people's pay). */
  async listCommitments(year: number, lineId?: number, view: StaffView = 'detail'): Promise<Commitment[]> {
    const rows = await this.repo.listCommitments(this.db, year, lineId);
    if (view === 'detail') return rows;
    const merged = await this.mergedLineIds(year);
    return rows.filter((r) => !merged.has(r.lineId));
  }

  /** The line, locked for the rest of the transaction, in an open year. */
  private async lockLineForEntry(trx: Trx, lineId: number, path = 'lineId'): Promise<BudgetLine> {
    const [line] = await this.repo.lockLines(trx, [lineId]);
    if (!line) throw ValidationError.field(path, formatMessage('budget.line_not_found'));
    await this.assertOpenYear(trx, line.year);
    return line;
  }

  /** A commitment never exceeds the AE left on its line (open AE − committed): blocking. */
  createCommitment(actor: Actor, input: CreateCommitment): Promise<Commitment> {
    return this.db.transaction((trx) => this.createCommitmentIn(trx, actor, input));
  }

  /** The same as `createCommitment`, inside the caller's transaction (an import writes many entries in one). */
  async createCommitmentIn(trx: Trx, actor: Actor, input: CreateCommitment): Promise<Commitment> {
    const line = await this.lockLineForEntry(trx, input.lineId);
    this.assertDateInYear(input.committedOn, line.year, 'committedOn', 'commitment');
    const t = (await this.repo.lineTotals(trx, { lineIds: [line.id] })).get(line.id)!;
    const left = t.openAeCents - t.committedCents;
    if (input.amountCents > left) {
      throw new ConflictError(
        formatMessage('budget.ae_insufficient', { code: line.code, amountCents: input.amountCents, leftCents: left }),
        [{ path: 'amountCents', message: formatMessage('budget.ae_insufficient_field') }],
      );
    }
    const id = await this.repo.insertCommitment(trx, { ...input, reversesId: null, reason: null, createdBy: actor.userId });
    const created = (await this.repo.findCommitment(trx, id))!;
    await recordAudit(trx, actor, { action: 'commitment.created', entityType: 'commitment', entityId: id, after: created });
    return created;
  }

  /** A correction: a negative entry referencing the commitment, never below what was paid on it. */
  reverseCommitment(actor: Actor, id: number, input: ReverseEntry): Promise<Commitment> {
    return this.db.transaction(async (trx) => {
      const original = await this.repo.findCommitment(trx, id);
      if (!original) throw new NotFoundError(formatMessage('budget.commitment_not_found'));
      if (original.reversesId !== null) throw new ValidationError(formatMessage('budget.commitment_reversal_of_reversal'));
      const line = await this.lockLineForEntry(trx, original.lineId);
      this.assertDateInYear(input.date, line.year, 'date', 'reversal');
      const { netCents, paidCents } = await this.repo.commitmentBalance(trx, id);
      const reversible = netCents - paidCents;
      const amount = input.amountCents ?? reversible;
      if (amount <= 0 || amount > reversible) {
        throw new ConflictError(
          formatMessage('budget.commitment_reversal_too_large', { reversibleCents: Math.max(0, reversible), netCents, paidCents }),
          [{ path: 'amountCents', message: formatMessage('budget.reversal_too_large_field') }],
        );
      }
      const reversalId = await this.repo.insertCommitment(trx, {
        lineId: original.lineId,
        committedOn: input.date,
        thirdParty: original.thirdParty,
        object: original.object,
        reference: original.reference,
        amountCents: -amount,
        reversesId: id,
        reason: input.reason,
        createdBy: actor.userId,
      });
      const reversal = (await this.repo.findCommitment(trx, reversalId))!;
      await recordAudit(trx, actor, { action: 'commitment.reversed', entityType: 'commitment', entityId: id, before: original, after: reversal, reason: input.reason });
      return reversal;
    });
  }

  // ---- Payments ----

  async listPayments(year: number, lineId?: number, view: StaffView = 'detail'): Promise<Payment[]> {
    const rows = await this.repo.listPayments(this.db, year, lineId);
    if (view === 'detail') return rows;
    const merged = await this.mergedLineIds(year);
    return rows.filter((r) => !merged.has(r.lineId));
  }

  /** A payment never exceeds the CP left on its line, nor what is left to pay on its commitment. */
  createPayment(actor: Actor, input: CreatePayment): Promise<Payment> {
    return this.db.transaction((trx) => this.createPaymentIn(trx, actor, input));
  }

  /** The same as `createPayment`, inside the caller's transaction. */
  async createPaymentIn(trx: Trx, actor: Actor, input: CreatePayment): Promise<Payment> {
    const line = await this.lockLineForEntry(trx, input.lineId);
    this.assertDateInYear(input.paidOn, line.year, 'paidOn', 'payment');
    if (input.commitmentId !== null) {
      const commitment = await this.repo.findCommitment(trx, input.commitmentId);
      if (!commitment) throw ValidationError.field('commitmentId', formatMessage('budget.commitment_not_found'));
      if (commitment.reversesId !== null) throw ValidationError.field('commitmentId', formatMessage('budget.payment_of_reversal'));
      if (commitment.lineId !== line.id) throw ValidationError.field('commitmentId', formatMessage('budget.payment_other_line'));
      const { netCents, paidCents } = await this.repo.commitmentBalance(trx, commitment.id);
      const leftToPay = netCents - paidCents;
      if (input.amountCents > leftToPay) {
        throw new ConflictError(
          formatMessage('budget.payment_over_commitment', { amountCents: input.amountCents, commitmentId: commitment.id, leftCents: leftToPay }),
          [{ path: 'amountCents', message: formatMessage('budget.payment_over_commitment_field') }],
        );
      }
    }
    const t = (await this.repo.lineTotals(trx, { lineIds: [line.id] })).get(line.id)!;
    const left = t.openCpCents - t.paidCents;
    if (input.amountCents > left) {
      throw new ConflictError(formatMessage('budget.cp_insufficient', { code: line.code, amountCents: input.amountCents, leftCents: left }), [
        { path: 'amountCents', message: formatMessage('budget.cp_insufficient_field') },
      ]);
    }
    const id = await this.repo.insertPayment(trx, { ...input, reversesId: null, reason: null, createdBy: actor.userId });
    const created = (await this.repo.findPayment(trx, id))!;
    await recordAudit(trx, actor, { action: 'payment.created', entityType: 'payment', entityId: id, after: created });
    return created;
  }

  reversePayment(actor: Actor, id: number, input: ReverseEntry): Promise<Payment> {
    return this.db.transaction(async (trx) => {
      const original = await this.repo.findPayment(trx, id);
      if (!original) throw new NotFoundError(formatMessage('budget.payment_not_found'));
      if (original.reversesId !== null) throw new ValidationError(formatMessage('budget.payment_reversal_of_reversal'));
      const line = await this.lockLineForEntry(trx, original.lineId);
      this.assertDateInYear(input.date, line.year, 'date', 'reversal');
      const net = await this.repo.paymentNet(trx, id);
      const amount = input.amountCents ?? net;
      if (amount <= 0 || amount > net) {
        throw new ConflictError(formatMessage('budget.payment_reversal_too_large', { reversibleCents: Math.max(0, net) }), [{ path: 'amountCents', message: formatMessage('budget.reversal_too_large_field') }]);
      }
      const reversalId = await this.repo.insertPayment(trx, {
        lineId: original.lineId,
        paidOn: input.date,
        commitmentId: original.commitmentId,
        kind: original.kind,
        reference: original.reference,
        amountCents: -amount,
        reversesId: id,
        reason: input.reason,
        createdBy: actor.userId,
      });
      const reversal = (await this.repo.findPayment(trx, reversalId))!;
      await recordAudit(trx, actor, { action: 'payment.reversed', entityType: 'payment', entityId: id, before: original, after: reversal, reason: input.reason });
      return reversal;
    });
  }
}
