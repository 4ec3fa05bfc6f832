import type { Knex } from 'knex';
import {
  envelopeLabels,
  type AdoptBudgetDecision,
  type BudgetComparison,
  type BudgetDecision,
  type BudgetExecution,
  type BudgetLine,
  type Commitment,
  type CreateBudgetDecision,
  type CreateBudgetLine,
  type CreateCommitment,
  type CreateFundingSource,
  type CreatePayment,
  type DecisionKind,
  type Envelope,
  type FiscalYear,
  type FundingNotification,
  type FundingSource,
  type LineForecast,
  type Payment,
  type PutLineForecast,
  type PutFundingNotification,
  type ReferenceItem,
  type ReverseEntry,
  type UpdateBudgetDecision,
  type UpdateBudgetLine,
  type UpdateFiscalYear,
  type UpdateFundingSource,
  formatEuros,
  planAcrossYears,
  type PersonnelDisclosure,
} from '@cn2r/shared';
import type { Clock } from '../../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../auth/actor.js';
import { staleVersion } from '../../errors/stale-version.js';
import { computeComparison } from './budget-comparison.js';
import { computeExecution } from './budget-execution.js';
import { BudgetRepository } from './budget-repository.js';
import { PersonnelDisclosureRepository, mergePersonnelLines, personnelInputs, type StaffView } from './personnel-disclosure.js';

type Trx = Knex.Transaction;

const DECISION_PREFIX: Record<DecisionKind, string> = { initial: 'BI', amending: 'BR', transfer: 'VIR' };

/**
 * The budget of the grouping under public accounting (GBCP): reference data, lines, decisions,
 * commitments and payments, execution. Every write runs in one transaction with its audit row;
 * writes that consume a line's credits lock that line first, so two writers never both fit in
 * the same remaining credits. A closed fiscal year refuses every write.
 */
export class BudgetService {
  private readonly repo = new BudgetRepository();
  private readonly personnel = new PersonnelDisclosureRepository();

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  // ---- Fiscal years ----

  listFiscalYears(): Promise<FiscalYear[]> {
    return this.repo.listFiscalYears(this.db);
  }

  createFiscalYear(actor: Actor, year: number): Promise<FiscalYear> {
    return this.db.transaction(async (trx) => {
      if (await this.repo.findFiscalYear(trx, year)) throw new ConflictError(`L’exercice ${year} existe déjà.`, [{ path: 'year', message: 'Exercice existant.' }]);
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
      if (!after) throw ConflictError.staleVersion(`L’exercice ${year}`);
      const action = before.status === after.status ? 'fiscal_year.updated' : after.status === 'closed' ? 'fiscal_year.closed' : 'fiscal_year.reopened';
      await recordAudit(trx, actor, { action, entityType: 'fiscal_year', entityId: year, before, after });
      return after;
    });
  }

  async referenceData(): Promise<{ envelopes: ReferenceItem[]; missionAreas: ReferenceItem[] }> {
    return { envelopes: await this.repo.listEnvelopes(this.db), missionAreas: await this.repo.listMissionAreas(this.db) };
  }

  private yearNotFound(year: number): NotFoundError {
    return new NotFoundError(`Exercice ${year} introuvable.`);
  }

  /** The year must exist and be open; locked (shared) so it cannot be closed while the write runs. */
  private async assertOpenYear(trx: Trx, year: number): Promise<void> {
    const fiscalYear = await this.repo.findFiscalYear(trx, year, { forShare: true });
    if (!fiscalYear) throw this.yearNotFound(year);
    if (fiscalYear.status === 'closed') throw new ConflictError(`L’exercice ${year} est clos : il est en lecture seule.`);
  }

  /** A decision is dated within its year; the initial budget may be voted the year before. */
  private assertDecisionDate(kind: DecisionKind, decidedOn: string, year: number): void {
    if (decidedOn.startsWith(`${year}-`) || (kind === 'initial' && decidedOn.startsWith(`${year - 1}-`))) return;
    throw ValidationError.field('decidedOn', `La date de la décision doit appartenir à l’exercice ${year} (le budget initial peut être voté l’année précédente).`);
  }

  private assertDateInYear(date: string, year: number, path: string, what: string): void {
    if (!date.startsWith(`${year}-`)) throw ValidationError.field(path, `${what} doit appartenir à l’exercice ${year}.`);
  }

  // ---- Funding sources ----

  listFundingSources(): Promise<FundingSource[]> {
    return this.repo.listFundingSources(this.db);
  }

  async getFundingSource(id: number): Promise<FundingSource> {
    const source = await this.repo.findFundingSource(this.db, id);
    if (!source) throw new NotFoundError('Source de financement introuvable.');
    return source;
  }

  createFundingSource(actor: Actor, input: CreateFundingSource): Promise<FundingSource> {
    return this.db.transaction(async (trx) => {
      if (await this.repo.findFundingSourceByCode(trx, input.code)) {
        throw new ConflictError(`Le code « ${input.code} » est déjà utilisé par une autre source de financement.`, [{ path: 'code', message: 'Code déjà utilisé.' }]);
      }
      const id = await this.repo.insertFundingSource(trx, input);
      const created = (await this.repo.findFundingSource(trx, id))!;
      await recordAudit(trx, actor, { action: 'funding_source.created', entityType: 'funding_source', entityId: id, after: created });
      return created;
    });
  }

  updateFundingSource(actor: Actor, id: number, input: UpdateFundingSource): Promise<FundingSource> {
    const { version, ...changes } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findFundingSource(trx, id);
      if (!before) throw new NotFoundError('Source de financement introuvable.');
      if (!(await this.repo.updateFundingSource(trx, id, version, changes))) throw staleVersion('Cette source de financement', 'feminine');
      const after = (await this.repo.findFundingSource(trx, id))!;
      await recordAudit(trx, actor, { action: 'funding_source.updated', entityType: 'funding_source', entityId: id, before, after });
      return after;
    });
  }

  /** Sets the amount notified for a year (creates it, or updates it with the version read). */
  putNotification(actor: Actor, id: number, year: number, input: PutFundingNotification): Promise<FundingNotification> {
    return this.db.transaction(async (trx) => {
      if (!(await this.repo.findFundingSource(trx, id))) throw new NotFoundError('Source de financement introuvable.');
      await this.assertOpenYear(trx, year);
      const before = await this.repo.findNotification(trx, id, year);
      let after: FundingNotification | undefined;
      if (!before) {
        after = await this.repo.insertNotification(trx, id, year, input.amountCents, input.reference);
      } else {
        if (input.version === undefined) throw ValidationError.field('version', 'La version lue est obligatoire pour modifier un montant notifié.');
        after = await this.repo.updateNotification(trx, id, year, input.version, input.amountCents, input.reference);
        if (!after) throw ConflictError.staleVersion(`Le montant notifié de ${year}`);
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
    if (!line) throw new NotFoundError('Ligne budgétaire introuvable.');
    return line;
  }

  createLine(actor: Actor, input: CreateBudgetLine): Promise<BudgetLine> {
    return this.db.transaction(async (trx) => {
      await this.assertOpenYear(trx, input.year);
      if (!(await this.repo.findFundingSource(trx, input.fundingSourceId))) throw ValidationError.field('fundingSourceId', 'Source de financement introuvable.');
      if (await this.repo.findLineByCode(trx, input.year, input.code)) {
        throw new ConflictError(`Le code « ${input.code} » est déjà utilisé par une autre ligne de ${input.year}.`, [{ path: 'code', message: 'Code déjà utilisé.' }]);
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
      if (!before) throw new NotFoundError('Ligne budgétaire introuvable.');
      await this.assertOpenYear(trx, before.year);
      if (changes.fundingSourceId !== undefined && !(await this.repo.findFundingSource(trx, changes.fundingSourceId))) {
        throw ValidationError.field('fundingSourceId', 'Source de financement introuvable.');
      }
      if (changes.envelope !== undefined && changes.envelope !== before.envelope && (await this.repo.lineHasEntries(trx, id))) {
        throw new ConflictError('Cette ligne a déjà des crédits adoptés ou des écritures : son enveloppe ne change plus. Ouvrez une autre ligne et passez par un virement.', [
          { path: 'envelope', message: 'Enveloppe figée.' },
        ]);
      }
      const after = await this.repo.updateLine(trx, id, version, changes);
      if (!after) throw staleVersion('Cette ligne budgétaire', 'feminine');
      await recordAudit(trx, actor, { action: 'budget_line.updated', entityType: 'budget_line', entityId: id, before, after });
      return after;
    });
  }

  // ---- Decisions ----

  listDecisions(year: number): Promise<BudgetDecision[]> {
    return this.repo.listDecisions(this.db, year);
  }

  async getDecision(id: number): Promise<BudgetDecision> {
    const decision = await this.repo.findDecision(this.db, id);
    if (!decision) throw new NotFoundError('Décision budgétaire introuvable.');
    return decision;
  }

  /** Every line of the entries must exist and belong to the year of the decision. */
  private async assertLinesOfYear(trx: Trx, year: number, lineIds: readonly number[]): Promise<void> {
    const lines = await this.repo.lockLines(trx, lineIds);
    const found = new Map(lines.map((l) => [l.id, l]));
    lineIds.forEach((id, index) => {
      const line = found.get(id);
      if (!line) throw ValidationError.field(`entries.${index}.lineId`, `Ligne budgétaire ${id} introuvable.`);
      if (line.year !== year) throw ValidationError.field(`entries.${index}.lineId`, `La ligne « ${line.code} » appartient à l’exercice ${line.year}, pas à ${year}.`);
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
        throw new ConflictError(`Le budget initial de ${input.year} existe déjà : une modification passe par un budget rectificatif ou un virement.`, [
          { path: 'kind', message: 'Budget initial existant.' },
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
      if (!before) throw new NotFoundError('Décision budgétaire introuvable.');
      await this.assertOpenYear(trx, before.year);
      this.assertDraft(before);
      if (before.version !== version) throw staleVersion('Cette décision budgétaire', 'feminine');
      if (fields.decidedOn !== undefined) this.assertDecisionDate(before.kind, fields.decidedOn, before.year);
      if (entries) {
        await this.assertLinesOfYear(
          trx,
          before.year,
          entries.map((e) => e.lineId),
        );
      }
      if (!(await this.repo.updateDraftDecision(trx, id, version, fields))) throw staleVersion('Cette décision budgétaire', 'feminine');
      if (entries) await this.repo.replaceEntries(trx, id, entries);
      const after = (await this.repo.findDecision(trx, id))!;
      await recordAudit(trx, actor, { action: 'budget_decision.updated', entityType: 'budget_decision', entityId: id, before, after });
      return after;
    });
  }

  private assertDraft(decision: BudgetDecision): void {
    if (decision.status === 'adopted') {
      throw new ConflictError(`La décision ${decision.code} de ${decision.year} est adoptée : elle ne se modifie plus. Une correction passe par une nouvelle décision.`);
    }
  }

  /**
   * Adopts a draft decision once its rules hold: personnel AE = CP; a transfer sums to zero in AE
   * and in CP; across envelopes, a transfer only takes from personnel; no line is left with open
   * AE below what is committed, nor open CP below what is paid.
   */
  adoptDecision(actor: Actor, id: number, input: AdoptBudgetDecision): Promise<BudgetDecision> {
    return this.db.transaction(async (trx) => {
      const before = await this.repo.findDecision(trx, id, { forUpdate: true });
      if (!before) throw new NotFoundError('Décision budgétaire introuvable.');
      await this.assertOpenYear(trx, before.year);
      this.assertDraft(before);
      if (before.version !== input.version) throw staleVersion('Cette décision budgétaire', 'feminine');
      const lineIds = before.entries.map((e) => e.lineId);
      const lines = new Map((await this.repo.lockLines(trx, lineIds)).map((l) => [l.id, l]));
      const totals = await this.repo.lineTotals(trx, { lineIds });

      for (const entry of before.entries) {
        const line = lines.get(entry.lineId)!;
        if (line.envelope === 'personnel' && entry.aeDeltaCents !== entry.cpDeltaCents) {
          throw new ValidationError(
            `Ligne « ${line.code} » : en personnel, les AE et les CP sont égaux (AE ${formatEuros(entry.aeDeltaCents)}, CP ${formatEuros(entry.cpDeltaCents)}).`,
          );
        }
      }

      if (before.kind === 'transfer') {
        const ae = before.entries.reduce((sum, e) => sum + e.aeDeltaCents, 0);
        const cp = before.entries.reduce((sum, e) => sum + e.cpDeltaCents, 0);
        if (ae !== 0 || cp !== 0) {
          throw new ValidationError(`Un virement est à somme nulle : il solde à ${formatEuros(ae)} en AE et ${formatEuros(cp)} en CP.`);
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
              `Entre enveloppes, un virement ne part que de l’enveloppe de personnel : l’enveloppe « ${envelopeLabels[envelope]} » céderait ${formatEuros(-Math.min(n.ae, n.cp))}.`,
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
            `Ligne « ${line.code} » : les AE ouvertes tomberaient à ${formatEuros(openAe)}, sous les ${formatEuros(t.committedCents)} déjà engagés.`,
          );
        }
        if (openCp < t.paidCents) {
          throw new ConflictError(`Ligne « ${line.code} » : les CP ouverts tomberaient à ${formatEuros(openCp)}, sous les ${formatEuros(t.paidCents)} déjà payés.`);
        }
      }

      if (!(await this.repo.updateDraftDecision(trx, id, input.version, { status: 'adopted' }))) throw staleVersion('Cette décision budgétaire', 'feminine');
      const after = (await this.repo.findDecision(trx, id))!;
      await recordAudit(trx, actor, { action: 'budget_decision.adopted', entityType: 'budget_decision', entityId: id, before, after });
      return after;
    });
  }

  // ---- Commitments ----

  /** The board does not read the entries of personnel lines merged for privacy (their amounts are one or two people's pay). */
  async listCommitments(year: number, lineId?: number, view: StaffView = 'detail'): Promise<Commitment[]> {
    const rows = await this.repo.listCommitments(this.db, year, lineId);
    if (view === 'detail') return rows;
    const merged = await this.mergedLineIds(year);
    return rows.filter((r) => !merged.has(r.lineId));
  }

  /** The personnel lines of a year merged in the board's view. */
  async mergedLineIds(year: number): Promise<Set<number>> {
    return new Set((await this.personnelDisclosure(year)).groupOf.keys());
  }

  /**
   * The plan of the board's view of a year's personnel lines (people paid by each line), the same
   * merging in every fiscal year (`planAcrossYears`), so that no two years read side by side give
   * back a line that joined or left a group.
   */
  async personnelDisclosure(year: number): Promise<PersonnelDisclosure> {
    const [fiscalYears, fundingSources] = await Promise.all([this.repo.listFiscalYears(this.db), this.repo.listFundingSources(this.db)]);
    const years = await Promise.all(
      fiscalYears.map(async (y) => {
        const [lines, people] = await Promise.all([this.repo.listLines(this.db, y.year), this.personnel.peopleByLine(this.db, y.year, 'paid')]);
        return { year: y.year, lines: personnelInputs(lines, fundingSources, people) };
      }),
    );
    return planAcrossYears(years, year);
  }

  /** The line, locked for the rest of the transaction, in an open year. */
  private async lockLineForEntry(trx: Trx, lineId: number, path = 'lineId'): Promise<BudgetLine> {
    const [line] = await this.repo.lockLines(trx, [lineId]);
    if (!line) throw ValidationError.field(path, 'Ligne budgétaire introuvable.');
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
    this.assertDateInYear(input.committedOn, line.year, 'committedOn', 'La date d’engagement');
    const t = (await this.repo.lineTotals(trx, { lineIds: [line.id] })).get(line.id)!;
    const left = t.openAeCents - t.committedCents;
    if (input.amountCents > left) {
      throw new ConflictError(
        `AE insuffisantes sur la ligne « ${line.code} » : l’engagement de ${formatEuros(input.amountCents)} dépasse les ${formatEuros(left)} disponibles.`,
        [{ path: 'amountCents', message: 'Dépasse les AE disponibles.' }],
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
      if (!original) throw new NotFoundError('Engagement introuvable.');
      if (original.reversesId !== null) throw new ValidationError('Une écriture d’annulation ne s’annule pas : saisissez un nouvel engagement.');
      const line = await this.lockLineForEntry(trx, original.lineId);
      this.assertDateInYear(input.date, line.year, 'date', 'La date de l’annulation');
      const { netCents, paidCents } = await this.repo.commitmentBalance(trx, id);
      const reversible = netCents - paidCents;
      const amount = input.amountCents ?? reversible;
      if (amount <= 0 || amount > reversible) {
        throw new ConflictError(
          `Cet engagement ne peut être annulé que de ${formatEuros(Math.max(0, reversible))} (reste ${formatEuros(netCents)}, dont ${formatEuros(paidCents)} déjà payés).`,
          [{ path: 'amountCents', message: 'Dépasse le montant annulable.' }],
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
    this.assertDateInYear(input.paidOn, line.year, 'paidOn', 'La date de paiement');
    if (input.commitmentId !== null) {
      const commitment = await this.repo.findCommitment(trx, input.commitmentId);
      if (!commitment) throw ValidationError.field('commitmentId', 'Engagement introuvable.');
      if (commitment.reversesId !== null) throw ValidationError.field('commitmentId', 'Un paiement se rattache à un engagement, pas à une écriture d’annulation.');
      if (commitment.lineId !== line.id) throw ValidationError.field('commitmentId', 'Cet engagement porte sur une autre ligne budgétaire.');
      const { netCents, paidCents } = await this.repo.commitmentBalance(trx, commitment.id);
      const leftToPay = netCents - paidCents;
      if (input.amountCents > leftToPay) {
        throw new ConflictError(
          `Le paiement de ${formatEuros(input.amountCents)} dépasse le reste à payer de l’engagement n° ${commitment.id} (${formatEuros(leftToPay)}).`,
          [{ path: 'amountCents', message: 'Dépasse le reste à payer de l’engagement.' }],
        );
      }
    }
    const t = (await this.repo.lineTotals(trx, { lineIds: [line.id] })).get(line.id)!;
    const left = t.openCpCents - t.paidCents;
    if (input.amountCents > left) {
      throw new ConflictError(`CP insuffisants sur la ligne « ${line.code} » : le paiement de ${formatEuros(input.amountCents)} dépasse les ${formatEuros(left)} disponibles.`, [
        { path: 'amountCents', message: 'Dépasse les CP disponibles.' },
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
      if (!original) throw new NotFoundError('Paiement introuvable.');
      if (original.reversesId !== null) throw new ValidationError('Une écriture d’annulation ne s’annule pas : saisissez un nouveau paiement.');
      const line = await this.lockLineForEntry(trx, original.lineId);
      this.assertDateInYear(input.date, line.year, 'date', 'La date de l’annulation');
      const net = await this.repo.paymentNet(trx, id);
      const amount = input.amountCents ?? net;
      if (amount <= 0 || amount > net) {
        throw new ConflictError(`Ce paiement ne peut être annulé que de ${formatEuros(Math.max(0, net))}.`, [{ path: 'amountCents', message: 'Dépasse le montant annulable.' }]);
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

  // ---- Execution ----

  /**
   * The execution of a year. In the board's view, personnel lines of 1 or 2 people are merged
   * (into their funder's group, else the envelope's), every personnel line carries its head count,
   * and `staffCostNote` says so; finance and administrators read every line.
   */
  async execution(year: number, asOf: string = this.clock.today(), view: StaffView = 'detail'): Promise<BudgetExecution> {
    if (!(await this.repo.findFiscalYear(this.db, year))) throw this.yearNotFound(year);
    const [lines, totals, forecasts, envelopes, missionAreas, fundingSources, plan] = await Promise.all([
      this.repo.listLines(this.db, year),
      this.repo.lineTotals(this.db, { year }),
      this.repo.listForecasts(this.db, year),
      this.repo.listEnvelopes(this.db),
      this.repo.listMissionAreas(this.db),
      this.repo.listFundingSources(this.db),
      this.personnelDisclosure(year),
    ]);
    if (view === 'detail') {
      const execution = computeExecution({ year, asOf, lines, totals, forecasts, envelopes, missionAreas, fundingSources });
      return { ...execution, lines: execution.lines.map((l) => (l.envelope === 'personnel' ? { ...l, headcount: plan.headcount.get(l.lineId) ?? 0 } : l)) };
    }
    const merged = mergePersonnelLines({ lines, totals, forecasts, fundingSources, missionAreas }, plan);
    const execution = computeExecution({ year, asOf, envelopes, ...merged });
    return {
      ...execution,
      lines: execution.lines.map((l) => (l.envelope === 'personnel' ? { ...l, headcount: merged.merged.get(l.lineId)?.headcount ?? plan.headcount.get(l.lineId) ?? 0 } : l)),
      staffCostNote: merged.note,
    };
  }

  // ---- Manual year-end forecasts (atterrissage) ----

  /**
   * Sets the manual year-end forecast of a line's payments, with its comment: created without a
   * version, then changed with the version read (409 when someone changed it meanwhile). Audited;
   * refused in a closed year.
   */
  putForecast(actor: Actor, lineId: number, input: PutLineForecast): Promise<LineForecast> {
    return this.db.transaction(async (trx) => {
      const [line] = await this.repo.lockLines(trx, [lineId]);
      if (!line) throw new NotFoundError('Ligne budgétaire introuvable.');
      await this.assertOpenYear(trx, line.year);
      const before = await this.repo.findForecast(trx, lineId);
      let after: LineForecast | undefined;
      if (!before) {
        if (input.version !== undefined) throw staleVersion('L’atterrissage de cette ligne', 'masculine');
        after = await this.repo.insertForecast(trx, lineId, input.amountCents, input.comment, actor.userId);
      } else {
        if (input.version === undefined) throw ValidationError.field('version', 'La version lue est obligatoire pour modifier un atterrissage.');
        after = await this.repo.updateForecast(trx, lineId, input.version, input.amountCents, input.comment, actor.userId);
        if (!after) throw staleVersion('L’atterrissage de cette ligne', 'masculine');
      }
      await recordAudit(trx, actor, { action: 'budget_forecast.saved', entityType: 'budget_line', entityId: lineId, before: before ?? null, after, reason: input.comment });
      return after;
    });
  }

  /** Withdraws the manual forecast of a line (the projection is used again), with the version read. Audited. */
  withdrawForecast(actor: Actor, lineId: number, version: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const [line] = await this.repo.lockLines(trx, [lineId]);
      if (!line) throw new NotFoundError('Ligne budgétaire introuvable.');
      await this.assertOpenYear(trx, line.year);
      const before = await this.repo.findForecast(trx, lineId);
      if (!before) throw new NotFoundError('Cette ligne n’a pas d’atterrissage saisi.');
      if (!(await this.repo.deleteForecast(trx, lineId, version))) throw staleVersion('L’atterrissage de cette ligne', 'masculine');
      await recordAudit(trx, actor, { action: 'budget_forecast.withdrawn', entityType: 'budget_line', entityId: lineId, before, after: null });
    });
  }

  // ---- Multi-year comparison ----

  /** Open, committed, paid and rates of the fiscal years from `from` to `to`, each at its year end; 404 when none exists. */
  async comparison(from: number, to: number, view: StaffView = 'detail'): Promise<BudgetComparison> {
    const years = (await this.repo.listFiscalYears(this.db)).map((y) => y.year).filter((y) => y >= from && y <= to);
    if (years.length === 0) throw new NotFoundError(`Aucun exercice entre ${from} et ${to}.`);
    const [envelopes, missionAreas, fundingSources] = await Promise.all([this.repo.listEnvelopes(this.db), this.repo.listMissionAreas(this.db), this.repo.listFundingSources(this.db)]);
    const perYear = [];
    let merged = { fundingSources, missionAreas, note: null as string | null };
    for (const year of years) {
      const lines = await this.repo.listLines(this.db, year);
      const totals = await this.repo.lineTotals(this.db, { year });
      if (view === 'detail') {
        perYear.push({ year, lines, totals });
        continue;
      }
      // The board: each year's personnel lines of 1 or 2 people merged, as in that year's execution.
      const plan = await this.personnelDisclosure(year);
      const m = mergePersonnelLines({ lines, totals, fundingSources: merged.fundingSources, missionAreas: merged.missionAreas }, plan);
      merged = { fundingSources: m.fundingSources, missionAreas: m.missionAreas, note: merged.note ?? m.note };
      perYear.push({ year, lines: m.lines, totals: m.totals });
    }
    const comparison = computeComparison({ from, to, years: perYear, envelopes, missionAreas: merged.missionAreas, fundingSources: merged.fundingSources });
    return view === 'detail' ? comparison : { ...comparison, staffCostNote: merged.note };
  }
}
