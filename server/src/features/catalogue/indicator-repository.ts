import type { Knex } from 'knex';
import { Domain, type CatalogueDueEntry, type Dimension, type ExpectedResult, type Indicator, type TimeAggregation, type UnitAggregation, type UnitKind } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

type ValueType = Indicator['valueType'];
type PeriodType = Indicator['periodType'];

interface IndicatorDbRow {
  id: number;
  code: string;
  revision: number;
  label: string;
  definition: string;
  counting_rule: string;
  domain: Domain;
  unit_kind: UnitKind;
  value_type: ValueType;
  unit_of_measure: string;
  period_type: PeriodType;
  time_aggregation: TimeAggregation;
  unit_aggregation: UnitAggregation;
  dimension_id: number | null;
  options_additive: boolean;
  network_counterpart_code: string | null;
  /** numeric: the driver answers a string. */
  min_value: string | number | null;
  max_value: string | number | null;
  required: boolean;
  expected_result: ExpectedResult | null;
  sort_order: number;
  active_from: string;
  active_to: string | null;
  supersedes_id: number | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  value_count: number | string;
}

/** An indicator row as the service handles it: the dimension as an id, the number of values entered on it. */
export interface IndicatorRecord {
  id: number;
  code: string;
  revision: number;
  label: string;
  definition: string;
  countingRule: string;
  domain: Domain;
  unitKind: UnitKind;
  valueType: ValueType;
  unitOfMeasure: string;
  periodType: PeriodType;
  timeAggregation: TimeAggregation;
  unitAggregation: UnitAggregation;
  dimensionId: number | null;
  /** The options add up to a total (see migration 033); the database fills it from the value type when an insert leaves it out. */
  optionsAdditive: boolean;
  /** On a CN2R indicator, the network indicator counting the same activity: shown beside it, never added (migration 035). */
  networkCounterpartCode: string | null;
  minValue: number | null;
  maxValue: number | null;
  required: boolean;
  expectedResult: ExpectedResult | null;
  sortOrder: number;
  activeFrom: string;
  activeTo: string | null;
  supersedesId: number | null;
  updatedAt: Date;
  version: number;
  valueCount: number;
}

/** What a row holds besides its identity and bookkeeping (`optionsAdditive` left out: the database's default for the value type). */
export type IndicatorFields = Omit<IndicatorRecord, 'id' | 'updatedAt' | 'version' | 'valueCount' | 'optionsAdditive' | 'networkCounterpartCode'> & {
  optionsAdditive?: boolean;
  networkCounterpartCode?: string | null;
};

const numeric = (v: string | number | null): number | null => (v === null ? null : Number(v));

const toRecord = (row: IndicatorDbRow): IndicatorRecord => ({
  id: row.id,
  code: row.code,
  revision: row.revision,
  label: row.label,
  definition: row.definition,
  countingRule: row.counting_rule,
  domain: row.domain,
  unitKind: row.unit_kind,
  valueType: row.value_type,
  unitOfMeasure: row.unit_of_measure,
  periodType: row.period_type,
  timeAggregation: row.time_aggregation,
  unitAggregation: row.unit_aggregation,
  dimensionId: row.dimension_id,
  optionsAdditive: row.options_additive,
  networkCounterpartCode: row.network_counterpart_code ?? null,
  minValue: numeric(row.min_value),
  maxValue: numeric(row.max_value),
  required: row.required,
  expectedResult: row.expected_result,
  sortOrder: row.sort_order,
  activeFrom: row.active_from,
  activeTo: row.active_to,
  supersedesId: row.supersedes_id,
  updatedAt: new Date(row.updated_at),
  version: row.version,
  valueCount: Number(row.value_count),
});

/** The API view: the record with its dimension (and options) in full. */
export const toIndicator = (record: IndicatorRecord, dimension: Dimension | null): Indicator => ({
  id: record.id,
  code: record.code,
  revision: record.revision,
  label: record.label,
  definition: record.definition,
  countingRule: record.countingRule,
  domain: record.domain,
  unitKind: record.unitKind,
  valueType: record.valueType,
  unitOfMeasure: record.unitOfMeasure,
  periodType: record.periodType,
  timeAggregation: record.timeAggregation,
  unitAggregation: record.unitAggregation,
  dimension,
  optionsAdditive: record.optionsAdditive,
  networkCounterpartCode: record.networkCounterpartCode,
  minValue: record.minValue,
  maxValue: record.maxValue,
  required: record.required,
  expectedResult: record.expectedResult,
  sortOrder: record.sortOrder,
  activeFrom: record.activeFrom,
  activeTo: record.activeTo,
  supersedesId: record.supersedesId,
  valueCount: record.valueCount,
  updatedAt: record.updatedAt.toISOString(),
  version: record.version,
});

const toColumns = (fields: Partial<IndicatorFields>): Record<string, unknown> => {
  const columns: Record<string, unknown> = {};
  const map: Record<keyof IndicatorFields, string> = {
    code: 'code',
    revision: 'revision',
    label: 'label',
    definition: 'definition',
    countingRule: 'counting_rule',
    domain: 'domain',
    unitKind: 'unit_kind',
    valueType: 'value_type',
    unitOfMeasure: 'unit_of_measure',
    periodType: 'period_type',
    timeAggregation: 'time_aggregation',
    unitAggregation: 'unit_aggregation',
    dimensionId: 'dimension_id',
    optionsAdditive: 'options_additive',
    networkCounterpartCode: 'network_counterpart_code',
    minValue: 'min_value',
    maxValue: 'max_value',
    required: 'required',
    expectedResult: 'expected_result',
    sortOrder: 'sort_order',
    activeFrom: 'active_from',
    activeTo: 'active_to',
    supersedesId: 'supersedes_id',
  };
  for (const [key, column] of Object.entries(map) as [keyof IndicatorFields, string][]) {
    if (fields[key] !== undefined) columns[column] = fields[key];
  }
  return columns;
};

export interface IndicatorFilter {
  /** Every revision, past and future included; otherwise only those whose end is not before `today`. */
  readonly includeInactive?: boolean;
  readonly today: string;
  readonly unitKind?: UnitKind;
}

export class IndicatorRepository {
  private select(db: Db) {
    return db('indicators as i').select(
      'i.*',
      db.raw('(SELECT count(*) FROM indicator_values v WHERE v.indicator_id = i.id) AS value_count'),
    );
  }

  async list(db: Db, filter: IndicatorFilter): Promise<IndicatorRecord[]> {
    // Domains in the order of the shared enum (clinical activity first), not alphabetically.
    const q = this.select(db)
      .orderByRaw('array_position(?::text[], i.domain::text)', [Domain.options])
      .orderBy('i.sort_order').orderBy('i.code').orderBy('i.revision');
    if (!filter.includeInactive) q.where((w) => w.whereNull('i.active_to').orWhere('i.active_to', '>=', filter.today));
    if (filter.unitKind) q.where('i.unit_kind', filter.unitKind);
    return ((await q) as IndicatorDbRow[]).map(toRecord);
  }

  /**
   * Every revision of the catalogue, as the expected-forms rule reads it (kind, periodicity,
   * validity): `unitExpectedFor(period, unit, catalogue)` in shared/src/collection/expected-forms.ts.
   */
  async dueCatalogue(db: Db): Promise<CatalogueDueEntry[]> {
    const rows = await db('indicators').select('unit_kind', 'period_type', 'active_from', 'active_to');
    return rows.map((r) => ({ unitKind: r.unit_kind as UnitKind, periodType: r.period_type as PeriodType, activeFrom: r.active_from as string, activeTo: (r.active_to as string | null) ?? null }));
  }

  async findById(db: Db, id: number): Promise<IndicatorRecord | undefined> {
    const row = (await this.select(db).where('i.id', id).first()) as IndicatorDbRow | undefined;
    return row && toRecord(row);
  }

  /** Every revision of a code, oldest first. */
  async revisionsOf(db: Db, code: string): Promise<IndicatorRecord[]> {
    return ((await this.select(db).where('i.code', code).orderBy('i.revision')) as IndicatorDbRow[]).map(toRecord);
  }

  /** The latest revision of each code (the one the catalogue shows as the indicator today or to come). */
  async latestRevisions(db: Db, codes?: readonly string[]): Promise<Map<string, IndicatorRecord>> {
    const q = this.select(db).whereNotExists((s) => s.select(db.raw('1')).from('indicators as later').whereRaw('later.code = i.code AND later.revision > i.revision'));
    if (codes) q.whereIn('i.code', [...codes]);
    return new Map(((await q) as IndicatorDbRow[]).map((row) => [row.code, toRecord(row)]));
  }

  /** The revision that replaced this one, if any. */
  async successorOf(db: Db, id: number): Promise<IndicatorRecord | undefined> {
    const row = (await this.select(db).where('i.supersedes_id', id).first()) as IndicatorDbRow | undefined;
    return row && toRecord(row);
  }

  /** Whether some indicator active at some point of [from, to] reports monthly. */
  async anyActiveWithPeriodType(db: Db, periodType: PeriodType, from: string, to: string): Promise<boolean> {
    const row = await db('indicators')
      .where({ period_type: periodType })
      .where('active_from', '<=', to)
      .where((w) => w.whereNull('active_to').orWhere('active_to', '>=', from))
      .first('id');
    return row !== undefined;
  }

  /** Whether the options add up, for every revision of every code (by revision id): the reports read it beside their own rows. */
  async optionsAdditiveById(db: Db): Promise<Map<number, boolean>> {
    const rows = await db('indicators').select('id', 'options_additive');
    return new Map(rows.map((r) => [r.id as number, Boolean(r.options_additive)]));
  }

  /** The distinct periods of the submissions that hold values of this indicator revision. */
  async periodsWithValues(db: Db, id: number): Promise<string[]> {
    return db('indicator_values as v').join('submissions as s', 's.id', 'v.submission_id').where('v.indicator_id', id).distinct('s.period').orderBy('s.period').pluck('s.period');
  }

  async insert(db: Db, fields: IndicatorFields): Promise<number> {
    const [row] = await db('indicators').insert(toColumns(fields)).returning('id');
    return row.id as number;
  }

  /** Updates when the version still matches (and bumps it); false when someone changed the row meanwhile. */
  async update(db: Db, id: number, version: number, fields: Partial<IndicatorFields>): Promise<boolean> {
    const count = await db('indicators')
      .where({ id, version })
      .update({ ...toColumns(fields), updated_at: db.fn.now(), version: db.raw('version + 1') });
    return count === 1;
  }
}
