import type { Knex } from 'knex';
import { type CreateFundingReceipt, type FundingReceipt, formatMessage, type OpeningCash, type PutOpeningCash, type ReceiptsOfYear, type ReverseEntry, type SourceReceipts } from '@cn2r/shared';
import { ConflictError, NotFoundError, ValidationError } from '../../../errors/http-errors.js';
import { recordAudit } from '../../audit/audit-log.js';
import type { Actor } from '../../auth/actor.js';
import { BudgetServiceBase } from '../budget-service-base.js';
import type { StaffView } from '../personnel-disclosure.js';
import { InKindValuations } from '../../staff/in-kind-valuation.js';

type Db = Knex | Knex.Transaction;
type Trx = Knex.Transaction;

interface ReceiptRow {
  id: number;
  funding_source_id: number;
  year: number;
  received_on: string;
  reference: string;
  amount_cents: string | number;
  reverses_id: number | null;
  reason: string | null;
  created_at: Date | string;
  net_cents: string | number;
  attachment_count: string | number;
}

interface CashRow {
  year: number;
  opening_cash_cents: string | number;
  reference: string | null;
  version: number;
}

/** The figures of a year that the budget statements read beside the execution (cents). */
export interface StatementFigures {
  readonly collectedBySource: ReadonlyMap<number, number>;
  readonly openingCashCents: number | null;
  readonly paidOnCommitmentsByEnvelope: ReadonlyMap<string, number>;
  readonly paidOnCommitmentsBySource: ReadonlyMap<number, number>;
  readonly paidOnCommitmentsByLine: ReadonlyMap<number, number>;
}

const toOpeningCash = (r: CashRow): OpeningCash => ({ year: Number(r.year), amountCents: Number(r.opening_cash_cents), reference: r.reference, version: r.version });

const toReceipt = (r: ReceiptRow): FundingReceipt => ({
  id: r.id,
  fundingSourceId: r.funding_source_id,
  year: Number(r.year),
  receivedOn: r.received_on,
  reference: r.reference,
  amountCents: Number(r.amount_cents),
  reversesId: r.reverses_id,
  reason: r.reason,
  netCents: Number(r.net_cents),
  attachmentCount: Number(r.attachment_count),
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Receipts (recettes encaissées): the cash each funding source actually paid in a year, recorded
 * against its notification. Append-only like payments: a mistake is corrected by a reversal entry
 * with a reason, never by a change or a deletion. The year's collected revenue — the first term of
 * the solde budgétaire — is the sum of the entries, reversals included. With them, the cash
 * position on 1 January that finance records each year, the start of the équilibre financier.
 */
export class ReceiptService extends BudgetServiceBase {
  private receipts(db: Db) {
    return db('funding_receipts as r').select(
      'r.*',
      db.raw(`CASE WHEN r.reverses_id IS NULL THEN r.amount_cents + COALESCE((SELECT SUM(x.amount_cents) FROM funding_receipts x WHERE x.reverses_id = r.id), 0) ELSE 0 END AS net_cents`),
      db.raw(`(SELECT COUNT(*) FROM budget_attachments a WHERE a.entity_type = 'receipt' AND a.entity_id = r.id AND a.withdrawn_at IS NULL) AS attachment_count`),
    );
  }

  async find(db: Db, id: number): Promise<FundingReceipt | undefined> {
    const row = (await this.receipts(db).where('r.id', id).first()) as ReceiptRow | undefined;
    return row && toReceipt(row);
  }

  private readonly inKindValuations = new InKindValuations();

  /**
   * Every source notified for the year, with what it notified and collected, and its receipts in
   * date order. An in-kind source (staff seconded without reimbursement, finance only) shows its
   * valuation as `notifiedCents`: derived from the staff records (the staff summary's figure), never
   * a typed amount — a notification stored for it is ignored. It collects nothing and stays out of
   * the cash total. The board does not read the in-kind sources here (the staff figures show it
   * their one valuation, masked under 3 people).
   */
  async ofYear(year: number, view: StaffView = 'detail', db: Db = this.db): Promise<ReceiptsOfYear> {
    if (!(await this.repo.findFiscalYear(db, year))) throw this.yearNotFound(year);
    const notified: { id: number; code: string; label: string; in_kind: boolean; amount_cents: string | number }[] = await db('funding_notifications as n')
      .join('funding_sources as s', 's.id', 'n.funding_source_id')
      .where({ 'n.year': year, 's.in_kind': false })
      .select('s.id', 's.code', 's.label', 's.in_kind', 'n.amount_cents');
    if (view === 'detail') {
      const valued = await this.inKindValuations.ofYear(db, year, 'full');
      const inKind = valued.size > 0 ? await db('funding_sources').where({ in_kind: true }).whereIn('id', [...valued.keys()]).select('id', 'code', 'label', 'in_kind') : [];
      for (const s of inKind) notified.push({ ...s, amount_cents: valued.get(s.id)!.valueCents ?? 0 });
    }
    notified.sort((a, b) => a.code.localeCompare(b.code));
    const rows = ((await this.receipts(db).where('r.year', year).orderBy('r.received_on').orderBy('r.id')) as ReceiptRow[]).map(toReceipt);
    const sources: SourceReceipts[] = notified.map((n) => {
      const receipts = rows.filter((r) => r.fundingSourceId === n.id);
      const notifiedCents = Number(n.amount_cents);
      const collectedCents = receipts.reduce((sum, r) => sum + r.amountCents, 0);
      return { fundingSourceId: n.id, code: n.code, label: n.label, inKind: n.in_kind, notifiedCents, collectedCents, toCollectCents: n.in_kind ? 0 : notifiedCents - collectedCents, receipts };
    });
    const cash = sources.filter((s) => !s.inKind);
    const opening = await db<CashRow>('fiscal_year_cash').where({ year }).first();
    return {
      year,
      openingCash: opening ? toOpeningCash(opening) : null,
      sources,
      notifiedCents: cash.reduce((sum, s) => sum + s.notifiedCents, 0),
      collectedCents: sources.reduce((sum, s) => sum + s.collectedCents, 0),
    };
  }

  /**
   * What the GBCP statements read beside the execution: cash collected per source, the opening
   * cash, and the CP consumed on commitments (per envelope and per source) for the restes à payer.
   */
  async statementFigures(year: number): Promise<StatementFigures> {
    const [collected, opening, onCommitments] = await Promise.all([
      this.db('funding_receipts').where({ year }).groupBy('funding_source_id').select('funding_source_id').sum({ cents: 'amount_cents' }) as Promise<{ funding_source_id: number; cents: string | number }[]>,
      this.db<CashRow>('fiscal_year_cash').where({ year }).first(),
      this.db('payments as p')
        .join('budget_lines as l', 'l.id', 'p.line_id')
        .where('l.year', year)
        .whereNotNull('p.commitment_id')
        .groupBy('l.id', 'l.envelope', 'l.funding_source_id')
        .select('l.id', 'l.envelope', 'l.funding_source_id')
        .sum({ cents: 'p.amount_cents' }) as Promise<{ id: number; envelope: string; funding_source_id: number | null; cents: string | number }[]>,
    ]);
    const add = <K>(map: Map<K, number>, key: K, cents: number) => map.set(key, (map.get(key) ?? 0) + cents);
    const paidOnCommitmentsByEnvelope = new Map<string, number>();
    const paidOnCommitmentsBySource = new Map<number, number>();
    const paidOnCommitmentsByLine = new Map<number, number>();
    for (const row of onCommitments) {
      add(paidOnCommitmentsByLine, Number(row.id), Number(row.cents));
      add(paidOnCommitmentsByEnvelope, row.envelope, Number(row.cents));
      if (row.funding_source_id !== null) add(paidOnCommitmentsBySource, Number(row.funding_source_id), Number(row.cents));
    }
    return {
      collectedBySource: new Map(collected.map((r) => [Number(r.funding_source_id), Number(r.cents)])),
      openingCashCents: opening ? Number(opening.opening_cash_cents) : null,
      paidOnCommitmentsByEnvelope,
      paidOnCommitmentsBySource,
      paidOnCommitmentsByLine,
    };
  }

  create(actor: Actor, input: CreateFundingReceipt): Promise<FundingReceipt> {
    return this.db.transaction((trx) => this.createIn(trx, actor, input));
  }

  /** The rules of one receipt, inside the caller's transaction (the accounting import calls it for each row). */
  async createIn(trx: Trx, actor: Actor, input: CreateFundingReceipt): Promise<FundingReceipt> {
    const year = Number(input.receivedOn.slice(0, 4));
    await this.assertOpenYear(trx, year);
    const source = await trx('funding_sources').where({ id: input.fundingSourceId }).first('code', 'in_kind');
    if (!source) throw ValidationError.field('fundingSourceId', formatMessage('budget.funding_source_not_found'));
    if (source.in_kind) {
      throw ValidationError.field('fundingSourceId', formatMessage('budget.receipt_source_in_kind', { code: source.code }));
    }
    const notification = await trx('funding_notifications').where({ funding_source_id: input.fundingSourceId, year }).first('amount_cents');
    if (!notification) {
      throw ValidationError.field('fundingSourceId', formatMessage('budget.receipt_not_notified', { code: source.code, year }));
    }
    const existing = await trx('funding_receipts').where({ year, reference: input.reference }).whereNull('reverses_id').first('id');
    if (existing) {
      throw new ConflictError(formatMessage('budget.receipt_exists', { reference: input.reference, year, id: existing.id }), [
        { path: 'reference', message: formatMessage('budget.receipt_reference_taken_field') },
      ]);
    }
    const [row] = await trx('funding_receipts')
      .insert({
        funding_source_id: input.fundingSourceId,
        year,
        received_on: input.receivedOn,
        reference: input.reference,
        amount_cents: input.amountCents,
        created_by: actor.userId,
      })
      .returning('id');
    const created = (await this.find(trx, row.id as number))!;
    await recordAudit(trx, actor, { action: 'funding_receipt.created', entityType: 'funding_receipt', entityId: created.id, after: created });
    return created;
  }

  /** Records or corrects the cash position on 1 January of an open year (with the version read when it exists). */
  putOpeningCash(actor: Actor, year: number, input: PutOpeningCash): Promise<OpeningCash> {
    return this.db.transaction(async (trx) => {
      await this.assertOpenYear(trx, year);
      const before = await trx<CashRow>('fiscal_year_cash').where({ year }).forUpdate().first();
      let after: CashRow | undefined;
      if (!before) {
        [after] = await trx<CashRow>('fiscal_year_cash').insert({ year, opening_cash_cents: input.amountCents, reference: input.reference }).returning('*');
      } else {
        if (input.version === undefined) throw ValidationError.field('version', formatMessage('budget.opening_cash_version_required'));
        [after] = await trx('fiscal_year_cash')
          .where({ year, version: input.version })
          .update({ opening_cash_cents: input.amountCents, reference: input.reference, updated_at: trx.fn.now(), version: trx.raw('version + 1') })
          .returning('*');
        if (!after) throw ConflictError.staleVersion('budget.opening_cash_stale', { year });
      }
      const saved = toOpeningCash(after);
      await recordAudit(trx, actor, { action: 'opening_cash.saved', entityType: 'fiscal_year', entityId: year, before: before ? toOpeningCash(before) : null, after: saved });
      return saved;
    });
  }

  reverse(actor: Actor, id: number, input: ReverseEntry): Promise<FundingReceipt> {
    return this.db.transaction(async (trx) => {
      // Lock the receipt first, so that two reversals of it cannot both take what is left.
      await trx('funding_receipts').where({ id }).forUpdate().first('id');
      const original = await this.find(trx, id);
      if (!original) throw new NotFoundError(formatMessage('budget.receipt_not_found'));
      if (original.reversesId !== null) throw new ValidationError(formatMessage('budget.receipt_reversal_of_reversal'));
      await this.assertOpenYear(trx, original.year);
      this.assertDateInYear(input.date, original.year, 'date', 'reversal');
      const net = original.netCents;
      const amount = input.amountCents ?? net;
      if (amount <= 0 || amount > net) {
        throw new ConflictError(formatMessage('budget.receipt_reversal_too_large', { reversibleCents: Math.max(0, net) }), [
          { path: 'amountCents', message: formatMessage('budget.reversal_too_large_field') },
        ]);
      }
      const [row] = await trx('funding_receipts')
        .insert({
          funding_source_id: original.fundingSourceId,
          year: original.year,
          received_on: input.date,
          reference: original.reference,
          amount_cents: -amount,
          reverses_id: id,
          reason: input.reason,
          created_by: actor.userId,
        })
        .returning('id');
      const reversal = (await this.find(trx, row.id as number))!;
      await recordAudit(trx, actor, { action: 'funding_receipt.reversed', entityType: 'funding_receipt', entityId: id, before: original, after: reversal, reason: input.reason });
      return reversal;
    });
  }
}
