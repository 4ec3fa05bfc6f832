import type { Knex } from 'knex';
import {
  can,
  CARE_OFFER_LICENCE,
  CARE_OFFER_OPEN_FIELDS,
  type CareOffer,
  type CareOfferDecision,
  type CareOfferHistoryItem,
  type CareOfferImportResult,
  type CareOfferQuery,
  type CreateCareOffer,
  type ReturnCareOffer,
  type UpdateCareOffer,
  careOfferLabelledFields,
  careOfferAccessLabels,
  careOfferCareLabels,
  careOfferKindLabels,
  careOfferPublicLabels,
  careOfferFieldLabels,
  careOfferStatusLabels,
  formatMessage,
} from '@cn2r/shared';
import { CSV_BOM, CareOfferWorkbookRefused, buildCareOfferCsv, buildCareOfferImportTemplate, buildCareOfferWorkbook, csvLine, type CareOfferWorkbookRows } from '@cn2r/reports';
import type { Clock } from '../../clock.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { canAccessUnit, type Actor } from '../auth/actor.js';
import { UnitRepository } from '../units/unit-repository.js';
import type { CommuneDirectory } from './commune-directory.js';
import type { UploadParsers } from '../upload-parsing/index.js';
import { parseCareOfferCsv, parseCareOfferRecords, type ParsedImport } from './care-offer-import.js';
import { CareOfferRepository, type Visibility } from './care-offer-repository.js';

type Trx = Knex.Transaction;

/** One published entry as the open export shows it: public fields only, French labels. */
export type OpenCareOffer = Record<(typeof CARE_OFFER_OPEN_FIELDS)[number], string | number | null>;

const HISTORY_LABELS: Record<string, string> = {
  'care_offer.created': 'Proposée',
  'care_offer.updated': 'Modifiée',
  'care_offer.published': 'Publiée',
  'care_offer.returned': 'Renvoyée au centre',
  'care_offer.withdrawn': 'Retirée',
  'care_offer.imported': 'Importée',
};

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);
/** An .xlsx is a ZIP archive. */
const isWorkbook = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

/** The fields a correction changed (before and after from the audit log), in French, in the form's order. */
function changedFields(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return (Object.keys(careOfferFieldLabels) as (keyof typeof careOfferFieldLabels)[]).filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null)).map((k) => careOfferFieldLabels[k]);
}

/**
 * The care-offer registry: a unit lead proposes and corrects the entries of its units while they
 * are proposals; the coordination (admin) publishes them, returns them with a message (back to
 * proposed) or withdraws them. Every change in one transaction, audited, with the version read
 * (409 when stale). Every role reads the published entries; a lead its units' proposals too.
 */
export class CareOfferService {
  private readonly repo = new CareOfferRepository();
  private readonly units = new UnitRepository();

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly parsers: UploadParsers,
    private readonly communes: CommuneDirectory,
  ) {}

  private visibility(actor: Actor): Visibility {
    // The reviewers read every proposal; those who propose, their units' proposals; the others, none.
    if (can(actor.role, 'careOffer.review')) return { unpublishedOf: null };
    return { unpublishedOf: can(actor.role, 'careOffer.propose') ? actor.unitIds : [] };
  }

  private visible(actor: Actor, entry: CareOffer): boolean {
    const { unpublishedOf } = this.visibility(actor);
    return entry.status === 'published' || unpublishedOf === null || unpublishedOf.includes(entry.unitId);
  }

  list(actor: Actor, query: CareOfferQuery): Promise<CareOffer[]> {
    return this.repo.list(this.db, query, this.visibility(actor));
  }

  async get(actor: Actor, id: number): Promise<CareOffer> {
    const entry = await this.repo.find(this.db, id);
    if (!entry || !this.visible(actor, entry)) throw new NotFoundError(formatMessage('careOffer.not_found'));
    return entry;
  }

  private assertUnit(actor: Actor, unitId: number): void {
    if (!canAccessUnit(actor, unitId)) throw new ForbiddenError(formatMessage('access.unit_out_of_scope'));
  }

  private async assertCrp(trx: Trx, unitId: number): Promise<void> {
    const unit = await this.units.findById(trx, unitId);
    if (!unit || unit.kind !== 'crp' || (unit.closedOn !== null && unit.closedOn < this.clock.today())) {
      throw ValidationError.field('unitId', formatMessage('careOffer.unit_not_crp'));
    }
  }

  /** A code that names no current commune of the Code officiel géographique is refused. */
  private assertCommune(code: string): void {
    if (!this.communes.find(code)) throw ValidationError.field('communeInsee', formatMessage('commune.unknown_code', { code }));
  }

  private async found(trx: Trx, id: number): Promise<CareOffer> {
    const entry = await this.repo.find(trx, id);
    if (!entry) throw new NotFoundError(formatMessage('careOffer.not_found'));
    return entry;
  }

  /** Inside a transaction (the import adds many): checks, inserts and audits one proposal. */
  async createIn(trx: Trx, actor: Actor, input: CreateCareOffer, action = 'care_offer.created'): Promise<CareOffer> {
    this.assertUnit(actor, input.unitId);
    this.assertCommune(input.communeInsee);
    await this.assertCrp(trx, input.unitId);
    const id = await this.repo.insert(trx, input);
    const after = await this.found(trx, id);
    await recordAudit(trx, actor, { action, entityType: 'care_offer', entityId: id, after });
    return after;
  }

  create(actor: Actor, input: CreateCareOffer): Promise<CareOffer> {
    return this.db.transaction((trx) => this.createIn(trx, actor, input));
  }

  update(actor: Actor, id: number, input: UpdateCareOffer): Promise<CareOffer> {
    const { version, ...fields } = input;
    return this.db.transaction(async (trx) => {
      const before = await this.found(trx, id);
      // A lead learns nothing of another unit's entry: 404 if not visible, 403 if visible (published) but not theirs.
      if (!this.visible(actor, before)) throw new NotFoundError(formatMessage('careOffer.not_found'));
      this.assertUnit(actor, before.unitId);
      this.assertUnit(actor, fields.unitId);
      this.assertCommune(fields.communeInsee);
      if (actor.role !== 'admin' && before.status !== 'proposed') throw new ConflictError(formatMessage('careOffer.locked_for_lead'));
      if (fields.unitId !== before.unitId) await this.assertCrp(trx, fields.unitId);
      if (!(await this.repo.updateFields(trx, id, version, fields))) throw ConflictError.staleVersion('careOffer.stale');
      const after = await this.found(trx, id);
      await recordAudit(trx, actor, { action: 'care_offer.updated', entityType: 'care_offer', entityId: id, before, after });
      return after;
    });
  }

  private transition(
    actor: Actor,
    id: number,
    version: number,
    from: readonly CareOffer['status'][],
    action: string,
    changes: Record<string, unknown>,
    reason: string | null = null,
  ): Promise<CareOffer> {
    return this.db.transaction(async (trx) => {
      const before = await this.found(trx, id);
      if (!from.includes(before.status)) throw new ConflictError(formatMessage('careOffer.illegal_transition', { status: careOfferStatusLabels[before.status].toLowerCase() }));
      if (!(await this.repo.update(trx, id, version, changes))) throw ConflictError.staleVersion('careOffer.stale');
      const after = await this.found(trx, id);
      await recordAudit(trx, actor, { action, entityType: 'care_offer', entityId: id, before, after, reason });
      return after;
    });
  }

  publish(actor: Actor, id: number, { version }: CareOfferDecision): Promise<CareOffer> {
    return this.transition(actor, id, version, ['proposed'], 'care_offer.published', { status: 'published', return_message: null, published_at: this.clock.now() });
  }

  /** Back to the unit as a proposal, with the coordination's message (from a proposal or a published entry). */
  returnToUnit(actor: Actor, id: number, { version, message }: ReturnCareOffer): Promise<CareOffer> {
    return this.transition(actor, id, version, ['proposed', 'published'], 'care_offer.returned', { status: 'proposed', return_message: message, published_at: null }, message);
  }

  withdraw(actor: Actor, id: number, { version }: CareOfferDecision): Promise<CareOffer> {
    return this.transition(actor, id, version, ['proposed', 'published'], 'care_offer.withdrawn', { status: 'withdrawn', published_at: null });
  }

  async history(actor: Actor, id: number): Promise<CareOfferHistoryItem[]> {
    await this.get(actor, id);
    const rows = await this.repo.history(this.db, id);
    // Only the coordination sees who acted; the others see what happened and when.
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      action: HISTORY_LABELS[r.action] ?? r.action,
      actor: actor.role === 'admin' ? (r.actor_email ?? 'système') : 'CN2R',
      message: r.reason,
      changes: r.action === 'care_offer.updated' ? changedFields(r.before, r.after) : [],
    }));
  }

  // ---- import ----

  /**
   * A file of structures from a unit's list, CSV or Excel workbook (by its ZIP signature): every
   * line checked (dry run by default), located by its line (CSV) or row (sheet) number; recorded
   * as proposals, all in one transaction, only when no line has a problem — else nothing (422).
   */
  async importFile(actor: Actor, bytes: Buffer, dryRun: boolean): Promise<CareOfferImportResult> {
    const units = await this.units.list(this.db);
    const parsed = isWorkbook(bytes) ? parseCareOfferRecords((await this.readWorkbook(bytes)).records, actor, units) : this.readCsv(bytes, actor, units);
    const { entries } = parsed;
    const unknownCommunes = entries
      .filter((e) => !this.communes.find(e.input.communeInsee))
      .map((e) => ({ line: e.line, field: 'code_insee', message: formatMessage('commune.unknown_code', { code: e.input.communeInsee }) }));
    const problems = [...parsed.problems, ...unknownCommunes].sort((a, b) => a.line - b.line);
    const lines = entries.map((e) => ({ line: e.line, name: e.input.name, unitName: e.unitName }));
    if (dryRun) return { dryRun, saved: false, lines, problems };
    if (problems.length > 0 || entries.length === 0) {
      const listed = problems.length > 0 ? problems : [{ line: 1, field: 'fichier', message: formatMessage('careOffer.import_empty') }];
      throw new ValidationError(
        problems.length > 0 ? formatMessage('careOffer.import_line_errors', { count: new Set(problems.map((p) => p.line)).size }) : formatMessage('careOffer.import_empty'),
        listed.map((p) => ({ path: `ligne ${p.line} : ${p.field}`, message: p.message })),
      );
    }
    await this.db.transaction(async (trx) => {
      for (const e of entries) await this.createIn(trx, actor, e.input, 'care_offer.imported');
    });
    return { dryRun, saved: true, lines, problems: [] };
  }

  private readCsv(bytes: Buffer, actor: Actor, units: Parameters<typeof parseCareOfferCsv>[2]): ParsedImport {
    if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new AppError(415, 'unsupported_media_type', formatMessage('careOffer.import_old_workbook'));
    if (bytes.includes(0)) throw new AppError(415, 'unsupported_media_type', formatMessage('careOffer.import_not_a_table'));
    return parseCareOfferCsv(bytes.toString('utf8'), actor, units);
  }

  /** The workbook read in the parsing thread; a file that cannot be read at all is refused as a whole (413, 415, 422). */
  private async readWorkbook(bytes: Buffer): Promise<CareOfferWorkbookRows> {
    try {
      return await this.parsers.careOffer(bytes);
    } catch (error) {
      if (!(error instanceof CareOfferWorkbookRefused)) throw error;
      if (error.reason === 'too_large') throw new AppError(413, 'payload_too_large', error.message);
      if (error.reason === 'unsupported') throw new AppError(415, 'unsupported_media_type', error.message);
      throw new ValidationError(error.message);
    }
  }

  // ---- registry export (signed in) ----

  /** The entries the actor may read, filtered as the list: as an Excel workbook (dated now). */
  async registryWorkbook(actor: Actor, query: CareOfferQuery): Promise<Buffer> {
    return buildCareOfferWorkbook({ generatedAt: this.clock.now().toISOString(), entries: await this.list(actor, query) });
  }

  /** The same as CSV (`;`, UTF-8 with BOM, decimal commas, JJ/MM/AAAA dates). */
  async registryCsv(actor: Actor, query: CareOfferQuery): Promise<string> {
    return buildCareOfferCsv(await this.list(actor, query));
  }

  /** The import template (headers, formats, the lists' values): the same bytes every time. */
  importTemplate(): Promise<Buffer> {
    return buildCareOfferImportTemplate();
  }

  // ---- open export ----

  /** The published entries, public fields only, with French labels. */
  async openEntries(): Promise<{ entries: CareOffer[]; rows: OpenCareOffer[] }> {
    const entries = await this.repo.list(this.db, { status: 'published' }, { unpublishedOf: [] });
    const rows = entries.map(
      (e): OpenCareOffer => {
        const fields: OpenCareOffer = { ...careOfferLabelledFields(e), centre_referent: e.unitName };
        // In the open export's stable order.
        return Object.fromEntries(CARE_OFFER_OPEN_FIELDS.map((f) => [f, fields[f]])) as OpenCareOffer;
      },
    );
    return { entries, rows };
  }

  async geoJson(): Promise<object> {
    const { rows } = await this.openEntries();
    return {
      type: 'FeatureCollection',
      metadata: {
        title: 'Offre de soins en psychotraumatologie référencée par le réseau des centres régionaux du psychotraumatisme',
        producer: 'Centre national de ressources et de résilience (CN2R)',
        licence: CARE_OFFER_LICENCE,
        exportedAt: this.clock.now().toISOString(),
        count: rows.length,
      },
      features: rows.map((r) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [r.longitude, r.latitude] },
        properties: r,
      })),
    };
  }

  /** `;`-separated UTF-8 with BOM, CRLF, coordinates with a `.` (decimal degrees, for reuse in GIS tools). */
  async csv(): Promise<string> {
    const { rows } = await this.openEntries();
    return CSV_BOM + csvLine(CARE_OFFER_OPEN_FIELDS) + rows.map((r) => csvLine(CARE_OFFER_OPEN_FIELDS.map((f) => r[f]))).join('');
  }

  /**
   * Published entries checked in `from`…`to`, by referencing unit and year: the indicator
   * « structures référencées » (NET_REF) of a year that has any (see ReportRepository.validatedValues).
   */
  publishedCounts(db: Knex | Trx, from: number, to: number) {
    return this.repo.publishedCountsByUnitAndYear(db, from, to);
  }
}
