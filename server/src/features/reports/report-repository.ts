import type { Knex } from 'knex';
import type { AnnualWorkbookFormat } from '@cn2r/reports';
import { CareOfferRepository } from '../care-offer/care-offer-repository.js';
import type { ReportFile, ReportKind, ReportNarrative, ReportVersion, ReportVersionStatus } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());
const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));
const dateOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

/** The indicator « structures référencées », computed from the care-offer registry when it has entries for the year. */
export const REGISTRY_INDICATOR = 'NET_REF';

/**
 * The figure « structures référencées » of a year is the registry's count (published entries
 * checked that year, by referencing unit) when the registry has any for that year: the values
 * typed for NET_REF that year are then replaced, for every unit (a unit without entries has none).
 * The years before the registry keep their typed, validated values.
 */
export function withRegistryCounts(values: readonly ValidatedValueRow[], counts: readonly { unitId: number; year: number; count: number }[]): ValidatedValueRow[] {
  const years = new Set(counts.map((c) => c.year));
  if (years.size === 0) return [...values];
  const kept = values.filter((v) => !(v.indicatorCode === REGISTRY_INDICATOR && years.has(Number(v.period.slice(0, 4)))));
  return [...kept, ...counts.map((c) => ({ unitId: c.unitId, period: String(c.year), indicatorCode: REGISTRY_INDICATOR, optionCode: null, value: c.count }))];
}

/** A validated value, as the reports read it: one cell of indicator × unit × period (× option). */
export interface ValidatedValueRow {
  unitId: number;
  period: string;
  indicatorCode: string;
  optionCode: string | null;
  value: number;
}

export interface ReportIndicatorRow {
  id: number;
  code: string;
  revision: number;
  label: string;
  domain: string;
  unitKind: 'crp' | 'cn2r';
  valueType: 'count' | 'decimal' | 'percentage' | 'days' | 'boolean' | 'text';
  unitOfMeasure: string;
  periodType: 'month' | 'quarter' | 'year';
  timeAggregation: 'sum' | 'average' | 'last' | 'max';
  unitAggregation: 'sum' | 'average' | 'median';
  dimensionId: number | null;
  expectedResult: 'mapping' | 'network' | 'good_practice' | 'training' | null;
  /** On a CN2R indicator, the network indicator counting the same activity (shown beside it, never added: migration 035). */
  networkCounterpartCode: string | null;
  sortOrder: number;
  activeFrom: string;
  activeTo: string | null;
}

export interface ReportDimensionRow {
  id: number;
  code: string;
  label: string;
  sensitive: boolean;
  options: { code: string; label: string }[];
}

interface VersionRow {
  id: number;
  year: number;
  number: number;
  status: ReportVersionStatus;
  snapshot_at: Date | string;
  activity_xlsx_sha256: string;
  activity_pdf_sha256: string;
  financial_xlsx_sha256: string;
  financial_pdf_sha256: string;
  activity_xlsx_bytes: number | string;
  activity_pdf_bytes: number | string;
  financial_xlsx_bytes: number | string;
  financial_pdf_bytes: number | string;
  created_at: Date | string;
  generated_by_name: string | null;
  presented_at: Date | string | null;
  presented_by_name: string | null;
  approved_at: Date | string | null;
  approved_by_name: string | null;
  superseded_at: Date | string | null;
  superseded_by_name: string | null;
  ag_date: Date | string | null;
  deliberation_reference: string | null;
  submitted_meeting_id: number | null;
  submitted_held_on: Date | string | null;
  submitted_body_name: string | null;
  deliberation_id: number | null;
  deliberation_number: string | null;
  deliberation_title: string | null;
  deliberation_adopted_on: Date | string | null;
  certificate_sha256: string | null;
  certificate_bytes: number | string | null;
  version: number;
}

const FILE_COLUMNS: Record<ReportFile, string> = {
  'activity.xlsx': 'activity_xlsx',
  'activity.pdf': 'activity_pdf',
  'financial.xlsx': 'financial_xlsx',
  'financial.pdf': 'financial_pdf',
};

function toVersion(r: VersionRow): ReportVersion {
  const step = (at: unknown, by: string | null) => (at === null || at === undefined ? null : { at: iso(at), by });
  return {
    id: r.id,
    year: r.year,
    number: r.number,
    status: r.status,
    snapshotAt: iso(r.snapshot_at),
    files: (Object.keys(FILE_COLUMNS) as ReportFile[]).map((file) => {
      const column = FILE_COLUMNS[file];
      return { file, sha256: r[`${column}_sha256` as keyof VersionRow] as string, bytes: Number(r[`${column}_bytes` as keyof VersionRow]) };
    }),
    generated: step(r.created_at, r.generated_by_name),
    presented: step(r.presented_at, r.presented_by_name),
    approved: step(r.approved_at, r.approved_by_name),
    superseded: step(r.superseded_at, r.superseded_by_name),
    agDate: dateOrNull(r.ag_date),
    deliberationReference: r.deliberation_reference,
    submittedTo: r.submitted_meeting_id === null ? null : { meetingId: r.submitted_meeting_id, bodyName: r.submitted_body_name!, heldOn: dateOrNull(r.submitted_held_on)! },
    deliberation:
      r.deliberation_id === null ? null : { id: r.deliberation_id, number: r.deliberation_number!, title: r.deliberation_title!, adoptedOn: dateOrNull(r.deliberation_adopted_on)! },
    certificate: r.certificate_sha256 === null ? null : { sha256: r.certificate_sha256, bytes: Number(r.certificate_bytes) },
    version: r.version,
  };
}

/** What the approval writes, in the same UPDATE as the status (so the guard of migration 032 freezes it with the rest). */
export interface ApprovalRecord {
  readonly at: string;
  readonly agDate: string;
  readonly deliberationReference: string;
  readonly deliberationId: number;
  readonly certificate: { readonly bytes: Buffer; readonly sha256: string };
}

/** The only Knex code of the annual reports: narratives, official versions and the data they read. */
export class ReportRepository {
  // ---- Narratives ----

  async listNarratives(db: Db, year: number, report?: ReportKind): Promise<ReportNarrative[]> {
    const q = db('report_narratives as n').leftJoin('users as u', 'u.id', 'n.updated_by').where('n.year', year).orderBy('n.report').orderBy('n.section');
    if (report) q.andWhere('n.report', report);
    const rows = await q.select('n.*', 'u.display_name as updated_by_name');
    return rows.map((r) => ({
      year: r.year,
      report: r.report,
      section: r.section,
      body: r.body,
      updatedBy: r.updated_by_name ?? null,
      updatedAt: iso(r.updated_at),
      version: r.version,
    }));
  }

  async findNarrative(db: Db, year: number, report: ReportKind, section: string): Promise<ReportNarrative | undefined> {
    return (await this.listNarratives(db, year, report)).find((n) => n.section === section);
  }

  async insertNarrative(db: Db, year: number, report: ReportKind, section: string, body: string, userId: number | null): Promise<void> {
    await db('report_narratives').insert({ year, report, section, body, updated_by: userId });
  }

  /** False when the version read is stale. */
  async updateNarrative(db: Db, year: number, report: ReportKind, section: string, version: number, body: string, userId: number | null): Promise<boolean> {
    const n = await db('report_narratives')
      .where({ year, report, section, version })
      .update({ body, updated_by: userId, updated_at: db.fn.now(), version: db.raw('version + 1') });
    return Number(n) === 1;
  }

  // ---- Official versions ----

  private versionQuery(db: Db) {
    return db('report_versions as v')
      .leftJoin('users as g', 'g.id', 'v.generated_by')
      .leftJoin('users as p', 'p.id', 'v.presented_by')
      .leftJoin('users as a', 'a.id', 'v.approved_by')
      .leftJoin('users as s', 's.id', 'v.superseded_by')
      .leftJoin('governance_meetings as sm', 'sm.id', 'v.submitted_meeting_id')
      .leftJoin('governance_bodies as sb', 'sb.id', 'sm.body_id')
      .leftJoin('governance_deliberations as gd', 'gd.id', 'v.deliberation_id')
      .select(
        'v.id',
        'v.year',
        'v.number',
        'v.status',
        'v.snapshot_at',
        'v.activity_xlsx_sha256',
        'v.activity_pdf_sha256',
        'v.financial_xlsx_sha256',
        'v.financial_pdf_sha256',
        db.raw('octet_length(v.activity_xlsx) AS activity_xlsx_bytes'),
        db.raw('octet_length(v.activity_pdf) AS activity_pdf_bytes'),
        db.raw('octet_length(v.financial_xlsx) AS financial_xlsx_bytes'),
        db.raw('octet_length(v.financial_pdf) AS financial_pdf_bytes'),
        'v.created_at',
        'g.display_name as generated_by_name',
        'v.presented_at',
        'p.display_name as presented_by_name',
        'v.approved_at',
        'a.display_name as approved_by_name',
        'v.superseded_at',
        's.display_name as superseded_by_name',
        'v.ag_date',
        'v.deliberation_reference',
        'v.submitted_meeting_id',
        'sm.held_on as submitted_held_on',
        'sb.name as submitted_body_name',
        'v.deliberation_id',
        'gd.number as deliberation_number',
        'gd.title as deliberation_title',
        'gd.adopted_on as deliberation_adopted_on',
        'v.certificate_sha256',
        db.raw('octet_length(v.certificate_pdf) AS certificate_bytes'),
        'v.version',
      );
  }

  async listVersions(db: Db, year?: number): Promise<ReportVersion[]> {
    const q = this.versionQuery(db).orderBy('v.year', 'desc').orderBy('v.number', 'desc');
    if (year !== undefined) q.where('v.year', year);
    return ((await q) as VersionRow[]).map(toVersion);
  }

  async findVersion(db: Db, year: number, number: number, options: { forUpdate?: boolean } = {}): Promise<ReportVersion | undefined> {
    if (options.forUpdate) await db('report_versions').where({ year, number }).forUpdate().first('id');
    const row = (await this.versionQuery(db).where({ 'v.year': year, 'v.number': number }).first()) as VersionRow | undefined;
    return row && toVersion(row);
  }

  async readFile(db: Db, year: number, number: number, file: ReportFile): Promise<Buffer | undefined> {
    const row = await db('report_versions').where({ year, number }).first(FILE_COLUMNS[file]);
    return row ? Buffer.from(row[FILE_COLUMNS[file]] as Uint8Array) : undefined;
  }

  async readCertificate(db: Db, year: number, number: number): Promise<Buffer | undefined> {
    const row = await db('report_versions').where({ year, number }).whereNotNull('certificate_pdf').first('certificate_pdf');
    return row ? Buffer.from(row.certificate_pdf as Uint8Array) : undefined;
  }

  /** The snapshot's JSON exactly as stored (a `json` column keeps the text as written). */
  async readSnapshot(db: Db, year: number, number: number): Promise<{ activityJson: string; financialJson: string; workbookFormat: AnnualWorkbookFormat } | undefined> {
    const row = await db('report_versions').where({ year, number }).first(db.raw('activity_data::text AS a'), db.raw('financial_data::text AS f'), 'workbook_format');
    if (!row) return undefined;
    return { activityJson: row.a as string, financialJson: row.f as string, workbookFormat: Number(row.workbook_format) as AnnualWorkbookFormat };
  }

  /**
   * Marks a generation of the year as running; false when another one is (started less than
   * `staleAfterMinutes` ago — an older row, left by a crashed process, is taken over).
   */
  async startGeneration(db: Db, year: number, userId: number | null, userName: string, staleAfterMinutes: number): Promise<boolean> {
    await db('report_generations').where({ year }).andWhere('started_at', '<', db.raw(`now() - make_interval(mins => ?)`, [staleAfterMinutes])).delete();
    const inserted = await db('report_generations').insert({ year, started_by: userId, started_by_name: userName }).onConflict('year').ignore().returning('year');
    return inserted.length === 1;
  }

  async runningGeneration(db: Db, year: number): Promise<{ startedAt: string; by: string | null } | undefined> {
    const row = await db('report_generations').where({ year }).first('started_at', 'started_by_name');
    return row && { startedAt: iso(row.started_at), by: row.started_by_name ?? null };
  }

  async endGeneration(db: Db, year: number): Promise<void> {
    await db('report_generations').where({ year }).delete();
  }

  /** Every generation mark (at the start of the only process of an embedded database). */
  async clearGenerations(db: Db): Promise<void> {
    await db('report_generations').delete();
  }

  /** Serialises the numbering of a year's versions (a transaction-scoped advisory lock). */
  async lockYear(db: Db, year: number): Promise<void> {
    await db.raw('SELECT pg_advisory_xact_lock(?, ?)', [0x7e9013, year]);
  }

  async nextNumber(db: Db, year: number): Promise<number> {
    const row = await db('report_versions').where({ year }).max({ n: 'number' }).first();
    return Number(row?.n ?? 0) + 1;
  }

  async insertVersion(
    db: Db,
    input: {
      year: number;
      number: number;
      snapshotAt: string;
      activityJson: string;
      financialJson: string;
      workbookFormat: AnnualWorkbookFormat;
      files: Record<ReportFile, { bytes: Buffer; sha256: string }>;
      userId: number | null;
      submittedMeetingId: number | null;
    },
  ): Promise<void> {
    const row: Record<string, unknown> = {
      submitted_meeting_id: input.submittedMeetingId,
      year: input.year,
      number: input.number,
      snapshot_at: input.snapshotAt,
      activity_data: input.activityJson,
      financial_data: input.financialJson,
      workbook_format: input.workbookFormat,
      generated_by: input.userId,
    };
    for (const file of Object.keys(FILE_COLUMNS) as ReportFile[]) {
      row[FILE_COLUMNS[file]] = input.files[file].bytes;
      row[`${FILE_COLUMNS[file]}_sha256`] = input.files[file].sha256;
    }
    await db('report_versions').insert(row);
  }

  /** Moves a version's status with the version read; false when stale. */
  async setStatus(
    db: Db,
    year: number,
    number: number,
    version: number,
    status: ReportVersionStatus,
    userId: number | null,
    approval?: ApprovalRecord,
  ): Promise<boolean> {
    const changes: Record<string, unknown> = { status, updated_at: db.fn.now(), version: db.raw('version + 1') };
    if (status === 'presented') Object.assign(changes, { presented_at: db.fn.now(), presented_by: userId });
    if (status === 'approved' && approval) {
      Object.assign(changes, {
        approved_at: approval.at,
        approved_by: userId,
        ag_date: approval.agDate,
        deliberation_reference: approval.deliberationReference,
        deliberation_id: approval.deliberationId,
        certificate_pdf: approval.certificate.bytes,
        certificate_sha256: approval.certificate.sha256,
      });
    }
    if (status === 'superseded') Object.assign(changes, { superseded_at: db.fn.now(), superseded_by: userId });
    const n = await db('report_versions').where({ year, number, version }).update(changes);
    return Number(n) === 1;
  }

  // ---- The data the reports read ----

  /** Years the reports can be drawn for: those with a collection campaign or a fiscal year, latest first. */
  async reportYears(db: Db): Promise<number[]> {
    const rows = await db.raw(`SELECT year FROM campaigns UNION SELECT year FROM fiscal_years ORDER BY year DESC`);
    return ((rows.rows ?? rows) as { year: number }[]).map((r) => Number(r.year));
  }

  async listIndicators(db: Db): Promise<ReportIndicatorRow[]> {
    const rows = await db('indicators').orderBy('sort_order').orderBy('code').orderBy('revision');
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      revision: r.revision,
      label: r.label,
      domain: r.domain,
      unitKind: r.unit_kind,
      valueType: r.value_type,
      unitOfMeasure: r.unit_of_measure,
      periodType: r.period_type,
      timeAggregation: r.time_aggregation,
      unitAggregation: r.unit_aggregation,
      dimensionId: r.dimension_id,
      expectedResult: r.expected_result,
      networkCounterpartCode: r.network_counterpart_code ?? null,
      sortOrder: r.sort_order,
      activeFrom: dateOrNull(r.active_from)!,
      activeTo: dateOrNull(r.active_to),
    }));
  }

  async listDimensions(db: Db): Promise<ReportDimensionRow[]> {
    const [dims, options] = await Promise.all([db('dimensions').orderBy('id'), db('dimension_options').orderBy('sort_order').orderBy('id')]);
    return dims.map((d) => ({
      id: d.id,
      code: d.code,
      label: d.label,
      sensitive: d.sensitive,
      options: options.filter((o) => o.dimension_id === d.id).map((o) => ({ code: o.code, label: o.label })),
    }));
  }

  /**
   * Validated values of the years `from`..`to` (periods `YYYY`, `YYYY-Qn`, `YYYY-MM`): the last
   * validated value of each cell (`validated_indicator_values`), never a correction waiting for
   * validation, and still after its form was returned.
   */
  async validatedValues(db: Db, from: number, to: number): Promise<ValidatedValueRow[]> {
    const rows = await db('validated_indicator_values as v')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .leftJoin('dimension_options as o', 'o.id', 'v.option_id')
      .where('v.period', '>=', String(from))
      .andWhere('v.period', '<', String(to + 1))
      .whereNotNull('v.value_num')
      .select('v.unit_id', 'v.period', 'i.code', 'o.code as option_code', 'v.value_num');
    const values: ValidatedValueRow[] = rows.map((r) => ({ unitId: r.unit_id, period: r.period, indicatorCode: r.code, optionCode: r.option_code ?? null, value: Number(r.value_num) }));
    return withRegistryCounts(values, await new CareOfferRepository().publishedCountsByUnitAndYear(db, from, to));
  }

  async targets(db: Db, years: readonly number[]): Promise<Map<string, number>> {
    const rows = await db('indicator_targets').whereIn('year', years).select('indicator_code', 'year', 'target');
    return new Map(rows.map((r) => [`${r.indicator_code}|${r.year}`, Number(r.target)]));
  }

  /** Per line and decision kind, the adopted AE and CP deltas of a year. */
  async adoptedDeltasByKind(db: Db, year: number): Promise<{ lineId: number; kind: 'initial' | 'amending' | 'transfer'; aeCents: number; cpCents: number }[]> {
    const rows = await db('budget_decision_entries as e')
      .join('budget_decisions as d', 'd.id', 'e.decision_id')
      .where({ 'd.year': year, 'd.status': 'adopted' })
      .groupBy('e.line_id', 'd.kind')
      .select('e.line_id', 'd.kind', db.raw('sum(e.ae_delta_cents)::int8 AS ae'), db.raw('sum(e.cp_delta_cents)::int8 AS cp'));
    return rows.map((r) => ({ lineId: r.line_id, kind: r.kind, aeCents: Number(r.ae), cpCents: Number(r.cp) }));
  }

  async adoptedDecisions(db: Db, year: number): Promise<{ kind: 'initial' | 'amending' | 'transfer'; code: string; reference: string | null; decidedOn: string; adoptedOn: string | null }[]> {
    const rows = await db('budget_decisions').where({ year, status: 'adopted' }).orderBy('decided_on').orderBy('id');
    return rows.map((r) => ({ kind: r.kind, code: r.code, reference: r.reference, decidedOn: dateOrNull(r.decided_on)!, adoptedOn: isoOrNull(r.adopted_at)?.slice(0, 10) ?? null }));
  }

  async notifications(db: Db, years: readonly number[]): Promise<Map<string, number>> {
    // Typed amounts of the cash sources only: an in-kind source is valued from the staff records.
    const rows = await db('funding_notifications as n')
      .join('funding_sources as s', 's.id', 'n.funding_source_id')
      .where('s.in_kind', false)
      .whereIn('n.year', years)
      .select('n.funding_source_id', 'n.year', 'n.amount_cents');
    return new Map(rows.map((r) => [`${r.funding_source_id}|${r.year}`, Number(r.amount_cents)]));
  }

  async staffCategories(db: Db): Promise<Map<number, string>> {
    const rows = await db('staff_members').select('id', 'category');
    return new Map(rows.map((r) => [r.id as number, r.category as string]));
  }
}
