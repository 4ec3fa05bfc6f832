import type { Knex } from 'knex';
import { fromScaled, toScaled, type DashboardIndicatorRef, type Domain, type SubmissionStatus } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

/** A PostgreSQL numeric read as text, back to an exact JS number (at most 4 decimals); null stays null. */
export const num = (value: unknown): number | null => (value === null || value === undefined ? null : fromScaled(toScaled(String(value))!));

/** Which values an aggregate reads. */
export interface ValueScope {
  readonly codes: readonly string[];
  readonly fromYear: number;
  readonly toYear: number;
  /** Only these units (all when absent). */
  readonly unitIds?: readonly number[];
  /**
   * Only validated data (finance, board, map, cost per activity): the last validated value of each
   * cell (`validated_indicator_values`), never a correction waiting for validation.
   */
  readonly validatedOnly: boolean;
  /** Only values of these periods (the same quarters of two years, to compare a year to date); all periods of the years when absent. */
  readonly periods?: readonly string[];
  /**
   * Two years (`toYear = fromYear + 1`) compared cell by cell: a unit's period counts only when the
   * same period of the other year is validated for the same unit too, so a form not yet validated
   * this year does not show as a fall against last year.
   */
  readonly matchedYears?: boolean;
}

/** One indicator code × year across units, with the indicator's unit aggregation, over all values and over validated ones. */
export interface NetworkRow {
  code: string;
  year: number;
  value: number | null;
  validatedValue: number | null;
  units: number;
  validatedUnits: number;
}

/** One unit × indicator × year, time-aggregated. */
export interface UnitYearRow {
  unitId: number;
  code: string;
  year: number;
  value: number | null;
  validatedValue: number | null;
  allValidated: boolean;
}

export interface UnitVsMedianRow {
  code: string;
  year: number;
  value: number | null;
  validated: boolean;
  networkMedian: number | null;
  networkUnits: number;
}

export interface OutlierRow {
  unitId: number;
  unitName: string;
  period: string;
  indicatorCode: string;
  indicatorLabel: string;
  optionCode: string | null;
  optionLabel: string | null;
  /** The indicator's value type: a `percentage` is a rate, its change is in points. */
  valueType: string;
  value: number;
  lastYearValue: number;
  explanation: string | null;
  status: SubmissionStatus;
}

/** Exact median in numeric: the mean of the lower and upper middle values (equal for an odd count). */
const median = (expr: string) =>
  `round((percentile_disc(0.5) WITHIN GROUP (ORDER BY ${expr}) + percentile_disc(0.5) WITHIN GROUP (ORDER BY ${expr} DESC)) / 2, 4)`;

/** The code of one option of an indicator whose options do not add up: `ACT_WAIT_D[adulte]`, as the annual report and the consistency rules name it. */
export const optionCode = (code: string, option: string): string => `${code}[${option}]`;

/** The indicator code of a code or of an option's code: `ACT_WAIT_D[adulte]` → `ACT_WAIT_D`. */
export const indicatorCodeOf = (code: string): string => code.replace(/\[[^\]]*\]$/, '');

/** An option of a disaggregated indicator whose options do not add up, as the dashboards list it. */
export interface SplitOption {
  code: string;
  label: string;
}

/**
 * The live aggregates of the dashboards, in PostgreSQL. The core is one pair of CTEs:
 * - `cells`: per unit × code × period, the total of the values being worked on, the total of the
 *   last validated values (`validated_indicator_values`: a value reopened and changed, or changed
 *   after its form was returned, counts with its last validated value until the coordination
 *   validates it again), and whether every value of the cell is validated as it stands. The total is never entered: for a disaggregated indicator whose options add up
 *   (`options_additive`: counts of exclusive options) it is the sum of the period's options,
 *   under the indicator's code; one whose options do not add up (a median delay split adult /
 *   minor) has no total but one cell per option, under the option's code `CODE[option]`
 *   (`optionCode`), so each option gets its own unit values and network values (a value entered
 *   without option, under a revision without disaggregation, still counts under the indicator's code);
 * - `unit_year`: per unit × code × year, the indicator's time aggregation over the year's period
 *   totals (sum, average, last, max) — per option for an option's code —, over the values being
 *   worked on and over the validated ones.
 * Scopes name indicator codes (an option's code stands for its indicator); rows come back under
 * the codes of the cells. The aggregations of each code, and whether its options add up, are
 * those of its revision in force at the end of the last year read. Results are exact decimals
 * (numeric), rounded to 4 decimals only for an average or a median, half away from zero — as
 * `shared/src/collection/aggregation.ts` computes them (`aggregateTotalOverTime`).
 */
export class DashboardRepository {
  private unitYearCte(db: Db, scope: ValueScope): { sql: string; bindings: Knex.RawBinding[] } {
    const bindings: Knex.RawBinding[] = [];
    const codes = [...new Set(scope.codes.map(indicatorCodeOf))];
    let unitFilter = '';
    if (scope.unitIds) {
      unitFilter = 'AND s.unit_id = ANY(?::int[])';
    }
    const sql = `
      agg AS (
        SELECT DISTINCT ON (code) code, time_aggregation, unit_aggregation, options_additive
        FROM indicators
        WHERE code = ANY(?::text[]) AND active_from <= ?::date
        ORDER BY code, revision DESC
      ),
      cells AS (
        SELECT s.unit_id, a.code AS indicator_code,
          CASE WHEN v.option_id IS NULL OR a.options_additive THEN a.code ELSE a.code || '[' || o.code || ']' END AS code,
          s.period,
          bool_and(vv.id IS NOT NULL AND v.value_num IS NOT DISTINCT FROM vv.value_num) AS validated,
          ${scope.validatedOnly ? 'sum(vv.value_num)' : 'sum(v.value_num)'} AS total,
          sum(vv.value_num) AS validated_total
        FROM indicator_values v
        LEFT JOIN validated_indicator_values vv ON vv.id = v.id
        JOIN submissions s ON s.id = v.submission_id
        JOIN indicators i ON i.id = v.indicator_id
        JOIN agg a ON a.code = i.code
        LEFT JOIN dimension_options o ON o.id = v.option_id
        WHERE i.code = ANY(?::text[])
          AND s.period >= ? AND s.period < ?
          AND ${scope.validatedOnly ? 'vv.value_num IS NOT NULL' : '(v.value_num IS NOT NULL OR vv.value_num IS NOT NULL)'}
          ${unitFilter}
          ${scope.periods ? 'AND s.period = ANY(?::text[])' : ''}
          ${
            scope.matchedYears
              ? `AND EXISTS (SELECT 1 FROM submissions twin WHERE twin.unit_id = s.unit_id AND twin.validated_at IS NOT NULL
                   AND twin.period = (substr(s.period, 1, 4)::int + CASE WHEN substr(s.period, 1, 4) = ? THEN 1 ELSE -1 END)::text || substr(s.period, 5))`
              : ''
          }
        GROUP BY s.unit_id, a.code, 3, s.period
      ),
      unit_year AS (
        SELECT c.unit_id, c.code, substr(c.period, 1, 4)::int AS year,
          CASE a.time_aggregation
            WHEN 'sum' THEN sum(c.total)
            WHEN 'average' THEN round(avg(c.total), 4)
            WHEN 'max' THEN max(c.total)
            ELSE (array_agg(c.total ORDER BY c.period DESC) FILTER (WHERE c.total IS NOT NULL))[1]
          END AS value,
          CASE a.time_aggregation
            WHEN 'sum' THEN sum(c.validated_total)
            WHEN 'average' THEN round(avg(c.validated_total), 4)
            WHEN 'max' THEN max(c.validated_total)
            ELSE (array_agg(c.validated_total ORDER BY c.period DESC) FILTER (WHERE c.validated_total IS NOT NULL))[1]
          END AS validated_value,
          bool_and(c.validated) AS all_validated,
          a.unit_aggregation
        FROM cells c
        JOIN agg a ON a.code = c.indicator_code
        GROUP BY c.unit_id, c.code, substr(c.period, 1, 4), a.time_aggregation, a.unit_aggregation
      )`;
    bindings.push(codes, `${scope.toYear}-12-31`, codes, String(scope.fromYear), String(scope.toYear + 1));
    if (scope.unitIds) bindings.push([...scope.unitIds]);
    if (scope.periods) bindings.push([...scope.periods]);
    if (scope.matchedYears) {
      if (scope.toYear !== scope.fromYear + 1) throw new RangeError('Comparaison cellule par cellule : deux années consécutives attendues.');
      bindings.push(String(scope.fromYear));
    }
    void db;
    return { sql, bindings };
  }

  /** Network value per code × year: the indicator's unit aggregation (sum, average, median) of the units' yearly values. */
  async networkByYear(db: Db, scope: ValueScope): Promise<NetworkRow[]> {
    if (scope.codes.length === 0) return [];
    const cte = this.unitYearCte(db, scope);
    const across = (col: string) => `
      CASE unit_aggregation
        WHEN 'sum' THEN sum(${col})
        WHEN 'average' THEN round(avg(${col}), 4)
        ELSE ${median(col)}
      END`;
    const rows = await db.raw(
      `WITH ${cte.sql}
       SELECT code, year, (${across('value')})::text AS value, (${across('validated_value')})::text AS validated_value,
         count(value)::int AS units, count(validated_value)::int AS validated_units
       FROM unit_year
       GROUP BY code, year, unit_aggregation
       ORDER BY code, year`,
      cte.bindings,
    );
    return rows.rows.map((r: Record<string, unknown>) => ({
      code: r.code as string,
      year: Number(r.year),
      value: num(r.value),
      validatedValue: num(r.validated_value),
      units: Number(r.units),
      validatedUnits: Number(r.validated_units),
    }));
  }

  /** Each unit's yearly values (time-aggregated). */
  async unitYears(db: Db, scope: ValueScope): Promise<UnitYearRow[]> {
    if (scope.codes.length === 0) return [];
    const cte = this.unitYearCte(db, scope);
    const rows = await db.raw(
      `WITH ${cte.sql}
       SELECT unit_id, code, year, value::text AS value, validated_value::text AS validated_value, all_validated
       FROM unit_year ORDER BY unit_id, code, year`,
      cte.bindings,
    );
    return rows.rows.map((r: Record<string, unknown>) => ({
      unitId: Number(r.unit_id),
      code: r.code as string,
      year: Number(r.year),
      value: num(r.value),
      validatedValue: num(r.validated_value),
      allValidated: Boolean(r.all_validated),
    }));
  }

  /**
   * One unit's yearly values (every value it entered) against the network median of the units'
   * validated yearly values. The other units' unvalidated values never leave the database.
   */
  async unitVsMedian(db: Db, unitId: number, scope: Omit<ValueScope, 'unitIds' | 'validatedOnly'>): Promise<UnitVsMedianRow[]> {
    if (scope.codes.length === 0) return [];
    const cte = this.unitYearCte(db, { ...scope, validatedOnly: false });
    const rows = await db.raw(
      `WITH ${cte.sql}
       SELECT code, year,
         (max(value) FILTER (WHERE unit_id = ?))::text AS value,
         coalesce(bool_and(all_validated) FILTER (WHERE unit_id = ?), false) AS validated,
         (${median('validated_value')})::text AS network_median,
         count(validated_value)::int AS network_units
       FROM unit_year
       GROUP BY code, year
       ORDER BY code, year`,
      [...cte.bindings, unitId, unitId],
    );
    return rows.rows.map((r: Record<string, unknown>) => ({
      code: r.code as string,
      year: Number(r.year),
      value: num(r.value),
      validated: Boolean(r.validated),
      networkMedian: num(r.network_median),
      networkUnits: Number(r.network_units),
    }));
  }

  /** The indicators as of the end of `year` (latest revision in force then), by code, optionally of a domain or codes. */
  async indicatorRefs(
    db: Db,
    year: number,
    filter: { codes?: readonly string[]; domain?: Domain; expectedResultOnly?: boolean; counterpartsOf?: readonly string[] } = {},
  ): Promise<DashboardIndicatorRef[]> {
    const query = db('indicators')
      .distinctOn('code')
      .where('active_from', '<=', `${year}-12-31`)
      .andWhere((w) => w.whereNull('active_to').orWhere('active_to', '>=', `${year}-01-01`))
      .orderBy('code')
      .orderBy('revision', 'desc')
      .select('code', 'label', 'domain', 'unit_kind', 'value_type', 'unit_of_measure', 'time_aggregation', 'unit_aggregation', 'expected_result', 'sort_order', 'network_counterpart_code');
    if (filter.codes) query.whereIn('code', [...filter.codes]);
    // The CN2R indicators that count the same activity as these network ones (migration 035).
    if (filter.counterpartsOf) query.whereIn('network_counterpart_code', [...filter.counterpartsOf]);
    if (filter.domain) query.where('domain', filter.domain);
    if (filter.expectedResultOnly) query.whereNotNull('expected_result');
    const rows = await query;
    return rows
      .sort((a, b) => a.sort_order - b.sort_order || String(a.code).localeCompare(String(b.code)))
      .map((r) => ({
        code: r.code,
        label: r.label,
        domain: r.domain,
        unitKind: r.unit_kind,
        valueType: r.value_type,
        unitOfMeasure: r.unit_of_measure,
        timeAggregation: r.time_aggregation,
        unitAggregation: r.unit_aggregation,
        expectedResult: r.expected_result,
        networkCounterpartCode: r.network_counterpart_code ?? null,
      }));
  }

  /**
   * The options of the indicators among `codes` that are disaggregated and whose options do not
   * add up, in their order, as of the end of `year` (the revision `indicatorRefs` reads): code →
   * options. The dashboards show such an indicator per option.
   */
  async splitOptions(db: Db, year: number, codes: readonly string[]): Promise<Map<string, SplitOption[]>> {
    if (codes.length === 0) return new Map();
    const rows = await db.raw(
      `WITH ind AS (
         SELECT DISTINCT ON (code) code, dimension_id, options_additive
         FROM indicators
         WHERE code = ANY(?::text[]) AND active_from <= ?::date AND (active_to IS NULL OR active_to >= ?::date)
         ORDER BY code, revision DESC
       )
       SELECT ind.code, o.code AS option_code, o.label AS option_label
       FROM ind
       JOIN dimension_options o ON o.dimension_id = ind.dimension_id
       WHERE NOT ind.options_additive
       ORDER BY ind.code, o.sort_order, o.code`,
      [[...new Set(codes.map(indicatorCodeOf))], `${year}-12-31`, `${year}-01-01`],
    );
    const splits = new Map<string, SplitOption[]>();
    for (const r of rows.rows as { code: string; option_code: string; option_label: string }[]) {
      let list = splits.get(r.code);
      if (!list) splits.set(r.code, (list = []));
      list.push({ code: r.option_code, label: r.option_label });
    }
    return splits;
  }

  async targets(db: Db, year: number, codes: readonly string[]): Promise<Map<string, number>> {
    if (codes.length === 0) return new Map();
    const rows = await db('indicator_targets').where({ year }).whereIn('indicator_code', [...codes]).select('indicator_code', db.raw('target::text AS target'));
    return new Map(rows.map((r) => [r.indicator_code as string, num(r.target)!]));
  }

  /**
   * Values of the year that moved more than `thresholdPercent` from the same cell (unit,
   * indicator code, option) of the same period last year; a change from 0 to anything counts.
   * With `limit`, the first ones only, and `total` still counts them all. Values being worked on:
   * for the unit lead and the coordination only (no filter on validated data here).
   */
  async outliers(
    db: Db,
    year: number,
    thresholdPercent: number,
    filter: { unitIds?: readonly number[]; period?: string; domain?: Domain; limit?: number },
  ): Promise<{ rows: OutlierRow[]; total: number }> {
    // One scan over the two years grouped by cell (unit, code, option, period within the year): no join of the values on themselves.
    const y = String(year);
    const extra: string[] = [];
    const extraBindings: Knex.RawBinding[] = [];
    if (filter.unitIds) {
      extra.push('AND s.unit_id = ANY(?::int[])');
      extraBindings.push([...filter.unitIds]);
    }
    if (filter.domain) {
      extra.push('AND i.domain = ?');
      extraBindings.push(filter.domain);
    }
    const having: string[] = [];
    const havingBindings: Knex.RawBinding[] = [];
    if (filter.period) {
      having.push('AND max(s.period) = ?');
      havingBindings.push(filter.period);
    }
    const bindings: Knex.RawBinding[] = [y, y, y, y, String(year - 1), String(year + 1), ...extraBindings, y, y, ...havingBindings, thresholdPercent];
    if (filter.limit !== undefined) bindings.push(filter.limit);
    const rows = await db.raw(
      `WITH pairs AS (
         SELECT s.unit_id, i.code, v.option_id,
           max(s.period) AS period,
           max(v.value_num) FILTER (WHERE s.period >= ?) AS value,
           max(v.value_num) FILTER (WHERE s.period < ?) AS last_year_value,
           max(v.explanation) FILTER (WHERE s.period >= ?) AS explanation,
           max(s.status) FILTER (WHERE s.period >= ?) AS status
         FROM indicator_values v
         JOIN submissions s ON s.id = v.submission_id
         JOIN indicators i ON i.id = v.indicator_id
         WHERE s.period >= ? AND s.period < ? AND v.value_num IS NOT NULL ${extra.join(' ')}
         GROUP BY s.unit_id, i.code, v.option_id, substr(s.period, 5)
         HAVING count(*) FILTER (WHERE s.period >= ?) = 1 AND count(*) FILTER (WHERE s.period < ?) = 1 ${having.join(' ')}
       )
       SELECT p.unit_id, u.name AS unit_name, p.period, p.code, ind.label, ind.value_type, o.code AS option_code, o.label AS option_label,
              p.value::text AS value, p.last_year_value::text AS last_year_value, p.explanation, p.status,
              count(*) OVER () AS total
       FROM pairs p
       JOIN units u ON u.id = p.unit_id
       JOIN LATERAL (SELECT label, sort_order, value_type FROM indicators WHERE code = p.code ORDER BY revision DESC LIMIT 1) ind ON true
       LEFT JOIN dimension_options o ON o.id = p.option_id
       WHERE CASE WHEN p.last_year_value = 0 THEN p.value <> 0
                  ELSE abs(p.value - p.last_year_value) * 100 > ? * abs(p.last_year_value) END
       ORDER BY p.period, u.name, ind.sort_order, p.code, o.sort_order
       ${filter.limit !== undefined ? 'LIMIT ?' : ''}`,
      bindings,
    );
    const total = rows.rows.length === 0 ? 0 : Number(rows.rows[0].total);
    const outliers = rows.rows.map((r: Record<string, unknown>) => ({
      unitId: Number(r.unit_id),
      unitName: r.unit_name as string,
      period: r.period as string,
      indicatorCode: r.code as string,
      indicatorLabel: r.label as string,
      optionCode: (r.option_code as string | null) ?? null,
      optionLabel: (r.option_label as string | null) ?? null,
      valueType: r.value_type as string,
      value: num(r.value)!,
      lastYearValue: num(r.last_year_value)!,
      explanation: (r.explanation as string | null) ?? null,
      status: r.status as SubmissionStatus,
    }));
    return { rows: outliers, total };
  }

  /** The submissions of a unit in a year, with their workflow dates. */
  async unitSubmissions(db: Db, unitId: number, year: number) {
    const rows = await db('submissions')
      .where({ unit_id: unitId })
      .andWhere('period', '>=', String(year))
      .andWhere('period', '<', String(year + 1))
      .select('id', 'period', 'status', 'return_message', 'submitted_at', 'validated_at', 'returned_at', 'changed_since_validation');
    return rows.map((r) => ({
      id: r.id as number,
      period: r.period as string,
      status: r.status as SubmissionStatus,
      returnMessage: (r.return_message as string | null) ?? null,
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      validatedAt: r.validated_at ? new Date(r.validated_at).toISOString() : null,
      returnedAt: r.returned_at ? new Date(r.returned_at).toISOString() : null,
      changedSinceValidation: Boolean(r.changed_since_validation),
    }));
  }

  async campaign(db: Db, year: number) {
    const row = await db('campaigns').where({ year }).first('id', 'label', 'status');
    if (!row) return undefined;
    const periods = await db('campaign_periods').where({ campaign_id: row.id }).select('period', 'opens_on', 'due_on');
    return {
      id: row.id as number,
      label: row.label as string,
      status: row.status as 'draft' | 'open' | 'closed',
      periods: periods.map((p) => ({ period: p.period as string, opensOn: p.opens_on as string, dueOn: p.due_on as string })),
    };
  }

  /**
   * Changes to values made after their submission was first validated (a reopened value
   * corrected, a reopening), newest first: the audit log, joined to the value's unit and period.
   */
  async changesAfterValidation(db: Db, year: number, limit: number, unitIds?: readonly number[]) {
    const bindings: Knex.RawBinding[] = [String(year), String(year + 1)];
    let unitFilter = '';
    if (unitIds) {
      unitFilter = 'AND s.unit_id = ANY(?::int[])';
      bindings.push([...unitIds]);
    }
    bindings.push(limit);
    const rows = await db.raw(
      `WITH first_validation AS (
         SELECT entity_id, min(at) AS at FROM audit_log
         WHERE entity_type = 'submission' AND action = 'submission.validated'
         GROUP BY entity_id
       )
       SELECT a.at, a.actor_email, actor.display_name AS actor_name, a.action, a.before, a.after, a.reason, s.unit_id, u.name AS unit_name, s.period, i.code, o.code AS option_code
       FROM audit_log a
       LEFT JOIN users actor ON actor.id = a.actor_id
       JOIN indicator_values v ON a.entity_id = v.id::text
       JOIN submissions s ON s.id = v.submission_id
       JOIN first_validation fv ON fv.entity_id = s.id::text
       JOIN units u ON u.id = s.unit_id
       JOIN indicators i ON i.id = v.indicator_id
       LEFT JOIN dimension_options o ON o.id = v.option_id
       WHERE a.entity_type = 'indicator_value' AND a.at > fv.at
         AND s.period >= ? AND s.period < ? ${unitFilter}
       ORDER BY a.at DESC, a.id DESC
       LIMIT ?`,
      bindings,
    );
    const valueOf = (json: unknown) => {
      const parsed = typeof json === 'string' ? JSON.parse(json) : json;
      const v = (parsed as { value?: number | string | boolean | null } | null)?.value;
      return v === undefined ? null : v;
    };
    return rows.rows.map((r: Record<string, unknown>) => ({
      at: new Date(r.at as string).toISOString(),
      // By display name; the e-mail copied in the audit log only when the account is gone.
      actor: (r.actor_name as string | null) ?? (r.actor_email as string | null) ?? null,
      unitId: Number(r.unit_id),
      unitName: r.unit_name as string,
      period: r.period as string,
      indicatorCode: r.code as string,
      optionCode: (r.option_code as string | null) ?? null,
      action: r.action as string,
      before: valueOf(r.before),
      after: valueOf(r.after),
      reason: (r.reason as string | null) ?? null,
    }));
  }

  async fundingSources(db: Db) {
    return (await db('funding_sources').orderBy('code').select('id', 'code', 'label')).map((r) => ({ id: r.id as number, code: r.code as string, label: r.label as string }));
  }

  /** Years up to `upTo` with a campaign or a fiscal year, newest first. */
  async yearsWithData(db: Db, upTo: number, limit: number): Promise<number[]> {
    const rows = await db.raw(`SELECT year FROM campaigns WHERE year <= ? UNION SELECT year FROM fiscal_years WHERE year <= ? ORDER BY year DESC LIMIT ?`, [upTo, upTo, limit]);
    return rows.rows.map((r: { year: number }) => Number(r.year));
  }

  async fiscalYearExists(db: Db, year: number): Promise<boolean> {
    return (await db('fiscal_years').where({ year }).first('year')) !== undefined;
  }

  /**
   * Average FTE per month and funder: Σ quotité × share × days of the month covered by both the
   * assignment and the allocation ÷ days of the month, in basis points of one FTE, rounded once.
   */
  async fteByFunderPerMonth(db: Db, year: number, fundingSourceId?: number) {
    const bindings: Knex.RawBinding[] = [`${year}-01-01`, `${year}-12-01`];
    let filter = '';
    if (fundingSourceId !== undefined) {
      filter = 'AND al.funding_source_id = ?';
      bindings.push(fundingSourceId);
    }
    const rows = await db.raw(
      `WITH months AS (
         SELECT m::date AS first_day, (m + interval '1 month' - interval '1 day')::date AS last_day
         FROM generate_series(?::date, ?::date, interval '1 month') AS m
       )
       SELECT to_char(mo.first_day, 'YYYY-MM') AS month, al.funding_source_id, f.label AS funder_label,
         round(sum(a.quotite_bp::numeric * al.share_bp
           * (least(coalesce(a.end_on, mo.last_day), coalesce(al.to_on, mo.last_day), mo.last_day)
              - greatest(a.start_on, al.from_on, mo.first_day) + 1))
           / (10000 * (mo.last_day - mo.first_day + 1)))::int AS etp_bp
       FROM months mo
       JOIN staff_allocations al ON al.from_on <= mo.last_day AND (al.to_on IS NULL OR al.to_on >= mo.first_day)
       JOIN staff_assignments a ON a.id = al.assignment_id AND a.start_on <= mo.last_day AND (a.end_on IS NULL OR a.end_on >= mo.first_day)
       JOIN funding_sources f ON f.id = al.funding_source_id
       WHERE least(coalesce(a.end_on, mo.last_day), coalesce(al.to_on, mo.last_day), mo.last_day) >= greatest(a.start_on, al.from_on, mo.first_day)
         ${filter}
       GROUP BY mo.first_day, mo.last_day, al.funding_source_id, f.label, f.code
       ORDER BY mo.first_day, f.code`,
      bindings,
    );
    return rows.rows.map((r: Record<string, unknown>) => ({
      month: r.month as string,
      fundingSourceId: Number(r.funding_source_id),
      funderLabel: r.funder_label as string,
      etpBp: Number(r.etp_bp),
    }));
  }
}
