import type { Knex } from 'knex';
import type {
  BudgetDecision,
  BudgetLine,
  Commitment,
  CreateBudgetLine,
  CreateFundingSource,
  DecisionEntry,
  DecisionKind,
  Envelope,
  FiscalYear,
  FiscalYearStatus,
  FundingNotification,
  FundingSource,
  LineForecast,
  MissionArea,
  Payment,
  PaymentKind,
  ReferenceItem,
} from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

const iso = (value: Date | string) => new Date(value).toISOString();

// ---- Row shapes ----

interface FiscalYearRow {
  year: number;
  status: FiscalYearStatus;
  created_at: Date;
  updated_at: Date;
  version: number;
}
const toFiscalYear = (r: FiscalYearRow): FiscalYear => ({ year: r.year, status: r.status, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at), version: r.version });

interface FundingSourceRow {
  id: number;
  code: string;
  label: string;
  funder: string;
  nature: FundingSource['nature'];
  in_kind: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
}
interface NotificationRow {
  funding_source_id: number;
  year: number;
  amount_cents: number;
  reference: string | null;
  version: number;
}
const toNotification = (r: NotificationRow): FundingNotification => ({ year: r.year, amountCents: Number(r.amount_cents), reference: r.reference, version: r.version });

interface LineRow {
  id: number;
  year: number;
  code: string;
  label: string;
  envelope: Envelope;
  mission_area: MissionArea;
  funding_source_id: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}
const toLine = (r: LineRow): BudgetLine => ({
  id: r.id,
  year: r.year,
  code: r.code,
  label: r.label,
  envelope: r.envelope,
  missionArea: r.mission_area,
  fundingSourceId: r.funding_source_id,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  version: r.version,
});

interface DecisionRow {
  id: number;
  year: number;
  kind: DecisionKind;
  code: string;
  decided_on: string;
  reference: string | null;
  rationale: string | null;
  status: BudgetDecision['status'];
  adopted_at: Date | null;
  deliberation_id: number | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}
type DecisionDeliberation = NonNullable<BudgetDecision['deliberation']>;
interface EntryRow {
  decision_id: number;
  line_id: number;
  ae_delta_cents: number;
  cp_delta_cents: number;
}

interface CommitmentRow {
  id: number;
  year: number;
  line_id: number;
  committed_on: string;
  third_party: string;
  object: string;
  reference: string | null;
  amount_cents: number;
  reverses_id: number | null;
  reason: string | null;
  paid_cents: number;
  created_at: Date;
}
const toCommitment = (r: CommitmentRow): Commitment => ({
  id: r.id,
  year: r.year,
  lineId: r.line_id,
  committedOn: r.committed_on,
  thirdParty: r.third_party,
  object: r.object,
  reference: r.reference,
  amountCents: Number(r.amount_cents),
  reversesId: r.reverses_id,
  reason: r.reason,
  paidCents: Number(r.paid_cents),
  createdAt: iso(r.created_at),
});

interface PaymentRow {
  id: number;
  year: number;
  line_id: number;
  paid_on: string;
  commitment_id: number | null;
  kind: PaymentKind;
  reference: string | null;
  amount_cents: number;
  reverses_id: number | null;
  reason: string | null;
  created_at: Date;
}
const toPayment = (r: PaymentRow): Payment => ({
  id: r.id,
  year: r.year,
  lineId: r.line_id,
  paidOn: r.paid_on,
  commitmentId: r.commitment_id,
  kind: r.kind,
  reference: r.reference,
  amountCents: Number(r.amount_cents),
  reversesId: r.reverses_id,
  reason: r.reason,
  createdAt: iso(r.created_at),
});

interface ForecastRow {
  line_id: number;
  amount_cents: number;
  comment: string;
  updated_by: number | null;
  updated_at: Date;
  version: number;
}
const toForecast = (r: ForecastRow): LineForecast => ({
  lineId: r.line_id,
  amountCents: Number(r.amount_cents),
  comment: r.comment,
  updatedBy: r.updated_by,
  updatedAt: iso(r.updated_at),
  version: r.version,
});

/** Open credits and consumption of one line, in cents. */
export interface LineTotals {
  lineId: number;
  openAeCents: number;
  openCpCents: number;
  committedCents: number;
  paidCents: number;
}

export interface NewDecision {
  year: number;
  kind: DecisionKind;
  code: string;
  decidedOn: string;
  reference: string | null;
  rationale: string | null;
}

export interface NewCommitment {
  lineId: number;
  committedOn: string;
  thirdParty: string;
  object: string;
  reference: string | null;
  amountCents: number;
  reversesId: number | null;
  reason: string | null;
  createdBy: number | null;
}

export interface NewPayment {
  lineId: number;
  paidOn: string;
  commitmentId: number | null;
  kind: PaymentKind;
  reference: string | null;
  amountCents: number;
  reversesId: number | null;
  reason: string | null;
  createdBy: number | null;
}

/** The only Knex code of the budget: fiscal years, funding sources, lines, decisions, commitments, payments. */
export class BudgetRepository {
  // ---- Fiscal years and reference data ----

  async listFiscalYears(db: Db): Promise<FiscalYear[]> {
    return (await db<FiscalYearRow>('fiscal_years').orderBy('year')).map(toFiscalYear);
  }

  async findFiscalYear(db: Db, year: number, options: { forShare?: boolean } = {}): Promise<FiscalYear | undefined> {
    const query = db<FiscalYearRow>('fiscal_years').where({ year }).first();
    // Locks the year against a concurrent closing while a write that needs it open runs.
    const row = options.forShare ? await query.forShare() : await query;
    return row && toFiscalYear(row);
  }

  async insertFiscalYear(db: Db, year: number): Promise<FiscalYear> {
    const [row] = await db<FiscalYearRow>('fiscal_years').insert({ year }).returning('*');
    return toFiscalYear(row);
  }

  async updateFiscalYear(db: Db, year: number, version: number, status: FiscalYearStatus): Promise<FiscalYear | undefined> {
    const [row]: FiscalYearRow[] = await db('fiscal_years')
      .where({ year, version })
      .update({ status, updated_at: db.fn.now(), version: db.raw('version + 1') })
      .returning('*');
    return row && toFiscalYear(row);
  }

  async listEnvelopes(db: Db): Promise<ReferenceItem[]> {
    return (await db('budget_envelopes').orderBy('sort_order')).map((r) => ({ code: r.code, label: r.label, sortOrder: r.sort_order }));
  }

  async listMissionAreas(db: Db): Promise<ReferenceItem[]> {
    return (await db('mission_areas').orderBy('sort_order')).map((r) => ({ code: r.code, label: r.label, sortOrder: r.sort_order }));
  }

  // ---- Funding sources ----

  async listFundingSources(db: Db): Promise<FundingSource[]> {
    const rows = await db<FundingSourceRow>('funding_sources').orderBy('code');
    const notifications = await db<NotificationRow>('funding_notifications').orderBy('year');
    return rows.map((r) => this.toFundingSource(r, notifications));
  }

  async findFundingSource(db: Db, id: number): Promise<FundingSource | undefined> {
    const row = await db<FundingSourceRow>('funding_sources').where({ id }).first();
    if (!row) return undefined;
    const notifications = await db<NotificationRow>('funding_notifications').where({ funding_source_id: id }).orderBy('year');
    return this.toFundingSource(row, notifications);
  }

  async findFundingSourceByCode(db: Db, code: string): Promise<{ id: number } | undefined> {
    return db('funding_sources').where({ code }).first('id');
  }

  private toFundingSource(r: FundingSourceRow, notifications: NotificationRow[]): FundingSource {
    return {
      id: r.id,
      code: r.code,
      label: r.label,
      funder: r.funder,
      nature: r.nature,
      inKind: r.in_kind,
      // An in-kind source has no typed amount: a notification stored for it (typed before the
      // valuation came from the staff records, or before the source became in-kind) is ignored.
      notifications: r.in_kind ? [] : notifications.filter((n) => n.funding_source_id === r.id).map(toNotification),
      valuations: [],
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      version: r.version,
    };
  }

  async insertFundingSource(db: Db, input: CreateFundingSource): Promise<number> {
    const [row] = await db('funding_sources')
      .insert({ code: input.code, label: input.label, funder: input.funder, nature: input.nature, in_kind: input.inKind })
      .returning('id');
    return row.id as number;
  }

  async updateFundingSource(db: Db, id: number, version: number, fields: Partial<CreateFundingSource>): Promise<boolean> {
    const n = await db('funding_sources')
      .where({ id, version })
      .update({
        ...(fields.label !== undefined && { label: fields.label }),
        ...(fields.funder !== undefined && { funder: fields.funder }),
        ...(fields.nature !== undefined && { nature: fields.nature }),
        ...(fields.inKind !== undefined && { in_kind: fields.inKind }),
        updated_at: db.fn.now(),
        version: db.raw('version + 1'),
      });
    return n === 1;
  }

  async findNotification(db: Db, fundingSourceId: number, year: number): Promise<FundingNotification | undefined> {
    const row = await db<NotificationRow>('funding_notifications').where({ funding_source_id: fundingSourceId, year }).first();
    return row && toNotification(row);
  }

  async insertNotification(db: Db, fundingSourceId: number, year: number, amountCents: number, reference: string | null): Promise<FundingNotification> {
    const [row] = await db<NotificationRow>('funding_notifications')
      .insert({ funding_source_id: fundingSourceId, year, amount_cents: amountCents, reference })
      .returning('*');
    return toNotification(row);
  }

  async updateNotification(db: Db, fundingSourceId: number, year: number, version: number, amountCents: number, reference: string | null): Promise<FundingNotification | undefined> {
    const [row]: NotificationRow[] = await db('funding_notifications')
      .where({ funding_source_id: fundingSourceId, year, version })
      .update({ amount_cents: amountCents, reference, updated_at: db.fn.now(), version: db.raw('version + 1') })
      .returning('*');
    return row && toNotification(row);
  }

  // ---- Lines ----

  async listLines(db: Db, year: number): Promise<BudgetLine[]> {
    return (await db<LineRow>('budget_lines').where({ year }).orderBy('code')).map(toLine);
  }

  /** The lines of one envelope in every year, by year then code. */
  async listEnvelopeLines(db: Db, envelope: string): Promise<BudgetLine[]> {
    return (await db<LineRow>('budget_lines').where('envelope', envelope).orderBy(['year', 'code'])).map(toLine);
  }

  async findLine(db: Db, id: number): Promise<BudgetLine | undefined> {
    const row = await db<LineRow>('budget_lines').where({ id }).first();
    return row && toLine(row);
  }

  /** The lines, locked until the transaction ends (in id order, so two writers never deadlock). */
  async lockLines(db: Db, ids: readonly number[]): Promise<BudgetLine[]> {
    if (ids.length === 0) return [];
    const rows = await db<LineRow>('budget_lines').whereIn('id', ids).orderBy('id').forUpdate();
    return rows.map(toLine);
  }

  async findLineByCode(db: Db, year: number, code: string): Promise<BudgetLine | undefined> {
    const row = await db<LineRow>('budget_lines').where({ year, code }).first();
    return row && toLine(row);
  }

  async insertLine(db: Db, input: CreateBudgetLine): Promise<BudgetLine> {
    const [row] = await db<LineRow>('budget_lines')
      .insert({ year: input.year, code: input.code, label: input.label, envelope: input.envelope, mission_area: input.missionArea, funding_source_id: input.fundingSourceId })
      .returning('*');
    return toLine(row);
  }

  async updateLine(db: Db, id: number, version: number, fields: { label?: string; envelope?: Envelope; missionArea?: MissionArea; fundingSourceId?: number }): Promise<BudgetLine | undefined> {
    const [row]: LineRow[] = await db('budget_lines')
      .where({ id, version })
      .update({
        ...(fields.label !== undefined && { label: fields.label }),
        ...(fields.envelope !== undefined && { envelope: fields.envelope }),
        ...(fields.missionArea !== undefined && { mission_area: fields.missionArea }),
        ...(fields.fundingSourceId !== undefined && { funding_source_id: fields.fundingSourceId }),
        updated_at: db.fn.now(),
        version: db.raw('version + 1'),
      })
      .returning('*');
    return row && toLine(row);
  }

  /** Whether anything hangs on the line: adopted credits, commitments or payments. */
  async lineHasEntries(db: Db, id: number): Promise<boolean> {
    const row = await db
      .select(
        db.raw(
          `EXISTS (SELECT 1 FROM budget_decision_entries e JOIN budget_decisions d ON d.id = e.decision_id WHERE e.line_id = ? AND d.status = 'adopted')
           OR EXISTS (SELECT 1 FROM commitments WHERE line_id = ?) OR EXISTS (SELECT 1 FROM payments WHERE line_id = ?) AS used`,
          [id, id, id],
        ),
      )
      .first();
    return Boolean(row?.used);
  }

  /** Open AE / CP (adopted decisions), committed and paid per line of a year, or of the given lines. */
  async lineTotals(db: Db, filter: { year: number } | { lineIds: readonly number[] }): Promise<Map<number, LineTotals>> {
    const lines = db('budget_lines').select('id');
    if ('year' in filter) lines.where({ year: filter.year });
    else lines.whereIn('id', filter.lineIds);
    const rows = await db
      .from('budget_lines as l')
      .whereIn('l.id', lines)
      .select(
        'l.id',
        db.raw(
          `COALESCE((SELECT sum(e.ae_delta_cents) FROM budget_decision_entries e JOIN budget_decisions d ON d.id = e.decision_id AND d.status = 'adopted' WHERE e.line_id = l.id), 0)::int8 AS open_ae`,
        ),
        db.raw(
          `COALESCE((SELECT sum(e.cp_delta_cents) FROM budget_decision_entries e JOIN budget_decisions d ON d.id = e.decision_id AND d.status = 'adopted' WHERE e.line_id = l.id), 0)::int8 AS open_cp`,
        ),
        db.raw(`COALESCE((SELECT sum(c.amount_cents) FROM commitments c WHERE c.line_id = l.id), 0)::int8 AS committed`),
        db.raw(`COALESCE((SELECT sum(p.amount_cents) FROM payments p WHERE p.line_id = l.id), 0)::int8 AS paid`),
      );
    return new Map(
      rows.map((r) => [
        r.id as number,
        { lineId: r.id as number, openAeCents: Number(r.open_ae), openCpCents: Number(r.open_cp), committedCents: Number(r.committed), paidCents: Number(r.paid) },
      ]),
    );
  }

  // ---- Decisions ----

  async listDecisions(db: Db, year: number): Promise<BudgetDecision[]> {
    const rows = await db<DecisionRow>('budget_decisions').where({ year }).orderBy('decided_on').orderBy('id');
    const entries = await db<EntryRow>('budget_decision_entries')
      .whereIn('decision_id', db('budget_decisions').select('id').where({ year }))
      .orderBy('line_id');
    const deliberations = await this.decisionDeliberations(db, rows);
    return rows.map((r) => this.toDecision(r, entries, deliberations));
  }

  /** The deliberations the decisions name (number, title, date), by id. */
  private async decisionDeliberations(db: Db, rows: readonly DecisionRow[]): Promise<Map<number, DecisionDeliberation>> {
    const ids = [...new Set(rows.map((r) => r.deliberation_id).filter((id): id is number => id !== null))];
    if (ids.length === 0) return new Map();
    const found = await db('governance_deliberations').whereIn('id', ids).select('id', 'number', 'title', 'adopted_on');
    return new Map(found.map((d) => [d.id as number, { id: d.id, number: d.number, title: d.title, adoptedOn: String(d.adopted_on instanceof Date ? d.adopted_on.toISOString() : d.adopted_on).slice(0, 10) }]));
  }

  async findDecision(db: Db, id: number, options: { forUpdate?: boolean } = {}): Promise<BudgetDecision | undefined> {
    const query = db<DecisionRow>('budget_decisions').where({ id }).first();
    const row = options.forUpdate ? await query.forUpdate() : await query;
    if (!row) return undefined;
    const entries = await db<EntryRow>('budget_decision_entries').where({ decision_id: id }).orderBy('line_id');
    return this.toDecision(row, entries, await this.decisionDeliberations(db, [row]));
  }

  private toDecision(r: DecisionRow, entries: EntryRow[], deliberations: ReadonlyMap<number, DecisionDeliberation>): BudgetDecision {
    return {
      id: r.id,
      year: r.year,
      kind: r.kind,
      code: r.code,
      decidedOn: r.decided_on,
      reference: r.reference,
      rationale: r.rationale,
      status: r.status,
      adoptedAt: r.adopted_at ? iso(r.adopted_at) : null,
      deliberation: r.deliberation_id === null ? null : (deliberations.get(r.deliberation_id) ?? null),
      entries: entries
        .filter((e) => e.decision_id === r.id)
        .map((e): DecisionEntry => ({ lineId: e.line_id, aeDeltaCents: Number(e.ae_delta_cents), cpDeltaCents: Number(e.cp_delta_cents) })),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      version: r.version,
    };
  }

  /** How many decisions of that kind the year has: the next BR or transfer takes the next number. */
  async countDecisions(db: Db, year: number, kind: DecisionKind): Promise<number> {
    const row = await db('budget_decisions').where({ year, kind }).count<{ n: number }[]>('* as n');
    return Number(row[0].n);
  }

  async insertDecision(db: Db, decision: NewDecision): Promise<number> {
    const [row] = await db('budget_decisions')
      .insert({ year: decision.year, kind: decision.kind, code: decision.code, decided_on: decision.decidedOn, reference: decision.reference, rationale: decision.rationale })
      .returning('id');
    return row.id as number;
  }

  async updateDraftDecision(
    db: Db,
    id: number,
    version: number,
    fields: { decidedOn?: string; reference?: string | null; rationale?: string | null; status?: 'adopted'; deliberationId?: number },
  ): Promise<boolean> {
    const n = await db('budget_decisions')
      .where({ id, version, status: 'draft' })
      .update({
        ...(fields.decidedOn !== undefined && { decided_on: fields.decidedOn }),
        ...(fields.reference !== undefined && { reference: fields.reference }),
        ...(fields.rationale !== undefined && { rationale: fields.rationale }),
        ...(fields.status === 'adopted' && { status: 'adopted', adopted_at: db.fn.now() }),
        ...(fields.deliberationId !== undefined && { deliberation_id: fields.deliberationId }),
        updated_at: db.fn.now(),
        version: db.raw('version + 1'),
      });
    return n === 1;
  }

  /** Replaces the entries of a draft decision (the database refuses it for an adopted one). */
  async replaceEntries(db: Db, decisionId: number, entries: readonly DecisionEntry[]): Promise<void> {
    await db('budget_decision_entries').where({ decision_id: decisionId }).delete();
    await db('budget_decision_entries').insert(
      entries.map((e) => ({ decision_id: decisionId, line_id: e.lineId, ae_delta_cents: e.aeDeltaCents, cp_delta_cents: e.cpDeltaCents })),
    );
  }

  // ---- Commitments and payments ----

  private commitments(db: Db) {
    return db('commitments as c')
      .join('budget_lines as l', 'l.id', 'c.line_id')
      .select(
        'c.*',
        'l.year',
        db.raw(`COALESCE((SELECT sum(p.amount_cents) FROM payments p WHERE p.commitment_id = c.id), 0)::int8 AS paid_cents`),
      );
  }

  async listCommitments(db: Db, year: number, lineId?: number): Promise<Commitment[]> {
    const query = this.commitments(db).where('l.year', year).orderBy('c.committed_on').orderBy('c.id');
    if (lineId) query.where('c.line_id', lineId);
    return ((await query) as CommitmentRow[]).map(toCommitment);
  }

  async findCommitment(db: Db, id: number): Promise<Commitment | undefined> {
    const row = (await this.commitments(db).where('c.id', id).first()) as CommitmentRow | undefined;
    return row && toCommitment(row);
  }

  /** What is left of a commitment once its reversals are counted, and what was paid on it. */
  async commitmentBalance(db: Db, id: number): Promise<{ netCents: number; paidCents: number }> {
    const row = await db
      .select(
        db.raw(`(SELECT COALESCE(sum(amount_cents), 0) FROM commitments WHERE id = ? OR reverses_id = ?)::int8 AS net`, [id, id]),
        db.raw(`(SELECT COALESCE(sum(amount_cents), 0) FROM payments WHERE commitment_id = ?)::int8 AS paid`, [id]),
      )
      .first();
    return { netCents: Number(row.net), paidCents: Number(row.paid) };
  }

  async insertCommitment(db: Db, c: NewCommitment): Promise<number> {
    const [row] = await db('commitments')
      .insert({
        line_id: c.lineId,
        committed_on: c.committedOn,
        third_party: c.thirdParty,
        object: c.object,
        reference: c.reference,
        amount_cents: c.amountCents,
        reverses_id: c.reversesId,
        reason: c.reason,
        created_by: c.createdBy,
      })
      .returning('id');
    return row.id as number;
  }

  private payments(db: Db) {
    return db('payments as p').join('budget_lines as l', 'l.id', 'p.line_id').select('p.*', 'l.year');
  }

  async listPayments(db: Db, year: number, lineId?: number): Promise<Payment[]> {
    const query = this.payments(db).where('l.year', year).orderBy('p.paid_on').orderBy('p.id');
    if (lineId) query.where('p.line_id', lineId);
    return ((await query) as PaymentRow[]).map(toPayment);
  }

  async findPayment(db: Db, id: number): Promise<Payment | undefined> {
    const row = (await this.payments(db).where('p.id', id).first()) as PaymentRow | undefined;
    return row && toPayment(row);
  }

  /** What is left of a payment once its reversals are counted. */
  async paymentNet(db: Db, id: number): Promise<number> {
    const row = await db('payments').where({ id }).orWhere({ reverses_id: id }).sum<{ net: number | null }[]>('amount_cents as net');
    return Number(row[0].net ?? 0);
  }

  async insertPayment(db: Db, p: NewPayment): Promise<number> {
    const [row] = await db('payments')
      .insert({
        line_id: p.lineId,
        paid_on: p.paidOn,
        commitment_id: p.commitmentId,
        kind: p.kind,
        reference: p.reference,
        amount_cents: p.amountCents,
        reverses_id: p.reversesId,
        reason: p.reason,
        created_by: p.createdBy,
      })
      .returning('id');
    return row.id as number;
  }

  // ---- Manual year-end forecasts ----

  async listForecasts(db: Db, year: number): Promise<Map<number, LineForecast>> {
    const rows = await db<ForecastRow>('budget_line_forecasts as f')
      .join('budget_lines as l', 'l.id', 'f.line_id')
      .where('l.year', year)
      .select('f.*');
    return new Map(rows.map((r) => [r.line_id, toForecast(r)]));
  }

  async findForecast(db: Db, lineId: number): Promise<LineForecast | undefined> {
    const row = await db<ForecastRow>('budget_line_forecasts').where({ line_id: lineId }).first();
    return row && toForecast(row);
  }

  async insertForecast(db: Db, lineId: number, amountCents: number, comment: string, userId: number | null): Promise<LineForecast> {
    const [row] = await db<ForecastRow>('budget_line_forecasts').insert({ line_id: lineId, amount_cents: amountCents, comment, updated_by: userId }).returning('*');
    return toForecast(row);
  }

  async updateForecast(db: Db, lineId: number, version: number, amountCents: number, comment: string, userId: number | null): Promise<LineForecast | undefined> {
    const [row]: ForecastRow[] = await db('budget_line_forecasts')
      .where({ line_id: lineId, version })
      .update({ amount_cents: amountCents, comment, updated_by: userId, updated_at: db.fn.now(), version: db.raw('version + 1') })
      .returning('*');
    return row && toForecast(row);
  }

  async deleteForecast(db: Db, lineId: number, version: number): Promise<boolean> {
    // `returning`: the count a bare delete answers differs between the drivers (PGlite gives a result object).
    const rows = await db('budget_line_forecasts').where({ line_id: lineId, version }).delete().returning('line_id');
    return rows.length === 1;
  }
}
