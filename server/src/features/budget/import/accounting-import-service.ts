import type { Knex } from 'knex';
import { type AccountingImportEntry, type AccountingImportProblem, type AccountingImportResult, formatMessage } from '@cn2r/shared';
import { AccountingExportRefused, type ParsedAccountingExport } from '@cn2r/reports';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../errors/http-errors.js';
import { recordAudit } from '../../audit/audit-log.js';
import type { Actor } from '../../auth/actor.js';
import type { BudgetEntryService } from '../budget-entry-service.js';
import type { ReceiptService } from '../receipts/receipt-service.js';
import type { UploadParsers } from '../../upload-parsing/index.js';

type Trx = Knex.Transaction;

/** Thrown to roll a dry run back once every entry went through the rules. */
class DryRunDone extends Error {
  constructor(readonly result: { entries: AccountingImportEntry[]; problems: AccountingImportProblem[] }) {
    super('dry run');
  }
}

/**
 * Imports the commitments, payments and receipts of an accounting export into a fiscal year. Every entry
 * goes through the same code as the single-entry routes (AE and CP left on the line, what is left
 * to pay on the commitment, the year open, an audit row each), in one transaction: a dry run
 * does it all and rolls back, so it reports exactly what the import would refuse; a real import
 * records everything or nothing. A reference already recorded in the year is refused, so
 * importing the same file twice counts nothing twice.
 */
export class AccountingImportService {
  constructor(
    private readonly db: Knex,
    private readonly budget: BudgetEntryService,
    private readonly receipts: ReceiptService,
    private readonly parsers: UploadParsers,
  ) {}

  async importFile(actor: Actor, year: number, bytes: Buffer, dryRun: boolean): Promise<AccountingImportResult> {
    const parsed = await this.parse(bytes);
    const fiscalYear = await this.db('fiscal_years').where({ year }).first('status');
    if (!fiscalYear) throw new NotFoundError(formatMessage('budget.fiscal_year_not_found', { year }));
    const totals = {
      commitmentsCents: parsed.entries.filter((e) => e.kind === 'commitment').reduce((s, e) => s + e.amountCents, 0),
      paymentsCents: parsed.entries.filter((e) => e.kind === 'payment').reduce((s, e) => s + e.amountCents, 0),
      receiptsCents: parsed.entries.filter((e) => e.kind === 'receipt').reduce((s, e) => s + e.amountCents, 0),
    };
    if (dryRun) {
      try {
        await this.db.transaction(async (trx) => {
          throw new DryRunDone(await this.run(trx, actor, year, parsed));
        });
      } catch (error) {
        if (!(error instanceof DryRunDone)) throw error;
        const { entries, problems } = error.result;
        return { dryRun: true, entries: entries.map((e) => ({ ...e, id: null })), problems, applied: false, ...totals };
      }
    }
    return this.db.transaction(async (trx) => {
      const { entries, problems } = await this.run(trx, actor, year, parsed);
      if (problems.length > 0) {
        throw new ValidationError(
          formatMessage('budget.import_refused', { problems: problems.length }),
          problems.map((p) => ({ path: p.location, message: p.message })),
        );
      }
      await recordAudit(trx, actor, {
        action: 'accounting_import.applied',
        entityType: 'fiscal_year',
        entityId: year,
        after: {
          commitments: entries.filter((e) => e.kind === 'commitment').length,
          payments: entries.filter((e) => e.kind === 'payment').length,
          receipts: entries.filter((e) => e.kind === 'receipt').length,
          ...totals,
        },
      });
      return { dryRun: false, entries, problems: [], applied: true, ...totals };
    });
  }

  private async parse(bytes: Buffer): Promise<ParsedAccountingExport> {
    try {
      return await this.parsers.accounting(bytes);
    } catch (error) {
      if (!(error instanceof AccountingExportRefused)) throw error;
      if (error.reason === 'too_large') throw new AppError(413, 'payload_too_large', error.message);
      if (error.reason === 'unsupported') throw new AppError(415, 'unsupported_media_type', error.message);
      throw new ValidationError(error.message);
    }
  }

  /** Every entry through the single-entry rules, in file order; a refused entry is reported and skipped. */
  private async run(trx: Trx, actor: Actor, year: number, parsed: ParsedAccountingExport) {
    const fiscalYear = await trx('fiscal_years').where({ year }).first('status').forShare();
    if (fiscalYear.status === 'closed') throw new ConflictError(formatMessage('budget.fiscal_year_closed', { year }));
    const lines = new Map<string, { id: number }>((await trx('budget_lines').where({ year }).select('id', 'code')).map((l) => [l.code as string, { id: l.id as number }]));
    const commitmentsByRef = new Map<string, number[]>();
    for (const c of await trx('commitments as c').join('budget_lines as l', 'l.id', 'c.line_id').where('l.year', year).whereNull('c.reverses_id').whereNotNull('c.reference').select('c.id', 'c.reference')) {
      commitmentsByRef.set(c.reference, [...(commitmentsByRef.get(c.reference) ?? []), c.id]);
    }
    const paymentRefs = new Map<string, number>();
    for (const p of await trx('payments as p').join('budget_lines as l', 'l.id', 'p.line_id').where('l.year', year).whereNull('p.reverses_id').whereNotNull('p.reference').select('p.id', 'p.reference')) {
      paymentRefs.set(p.reference, p.id);
    }
    const fromFile = new Map<string, number>();
    const sources = new Map<string, number>((await trx('funding_sources').select('id', 'code')).map((s) => [s.code as string, s.id as number]));

    const problems: AccountingImportProblem[] = [...parsed.problems];
    const entries: AccountingImportEntry[] = [];
    for (const e of parsed.entries) {
      const problem = (message: string) => problems.push({ location: e.location, message });
      if (e.kind === 'receipt') {
        if (!e.date.startsWith(`${year}-`)) {
          problem(formatMessage('budget.import_date_outside_year', { date: e.date, year }));
          continue;
        }
        const sourceId = sources.get(e.sourceCode!);
        if (sourceId === undefined) {
          problem(formatMessage('budget.import_unknown_source', { code: e.sourceCode! }));
          continue;
        }
        try {
          const created = await this.receipts.createIn(trx, actor, { fundingSourceId: sourceId, receivedOn: e.date, reference: e.reference, amountCents: e.amountCents });
          entries.push({ ...e, lineId: null, id: created.id });
        } catch (error) {
          if (error instanceof AppError && (error.status === 409 || error.status === 422)) problem(error.message);
          else throw error;
        }
        continue;
      }
      const line = lines.get(e.lineCode);
      if (!line) {
        problem(formatMessage('budget.import_unknown_line', { code: e.lineCode, year }));
        continue;
      }
      if (!e.date.startsWith(`${year}-`)) {
        problem(formatMessage('budget.import_date_outside_year', { date: e.date, year }));
        continue;
      }
      try {
        let id: number;
        if (e.kind === 'commitment') {
          const existing = commitmentsByRef.get(e.reference);
          if (existing) {
            problem(formatMessage('budget.import_commitment_exists', { reference: e.reference, year, id: existing[0] }));
            continue;
          }
          const created = await this.budget.createCommitmentIn(trx, actor, {
            lineId: line.id,
            committedOn: e.date,
            thirdParty: e.thirdParty!,
            object: e.object!,
            reference: e.reference,
            amountCents: e.amountCents,
          });
          id = created.id;
          fromFile.set(e.reference, id);
        } else {
          const existing = paymentRefs.get(e.reference);
          if (existing !== undefined) {
            problem(formatMessage('budget.import_payment_exists', { reference: e.reference, year, id: existing }));
            continue;
          }
          let commitmentId: number | null = null;
          if (e.commitmentReference) {
            const recorded = commitmentsByRef.get(e.commitmentReference) ?? [];
            const inFile = fromFile.get(e.commitmentReference);
            if (inFile === undefined && recorded.length > 1) {
              problem(formatMessage('budget.import_commitment_ambiguous', { reference: e.commitmentReference, year }));
              continue;
            }
            commitmentId = inFile ?? recorded[0] ?? null;
            if (commitmentId === null) {
              problem(formatMessage('budget.import_commitment_not_found', { reference: e.commitmentReference, year }));
              continue;
            }
          }
          const created = await this.budget.createPaymentIn(trx, actor, {
            lineId: line.id,
            paidOn: e.date,
            commitmentId,
            kind: e.paymentKind,
            reference: e.reference,
            amountCents: e.amountCents,
          });
          id = created.id;
          paymentRefs.set(e.reference, id);
        }
        entries.push({ ...e, lineId: line.id, id });
      } catch (error) {
        // The rules of the single-entry routes (AE / CP left, commitment remainder…): reported on the line.
        if (error instanceof AppError && (error.status === 409 || error.status === 422)) problem(error.message);
        else throw error;
      }
    }
    return { entries, problems };
  }
}

