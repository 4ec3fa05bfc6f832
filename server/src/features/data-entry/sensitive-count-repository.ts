import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** A validated count of a sensitive disaggregation, of any unit. */
export interface SensitiveCountRow {
  unitId: number;
  unitCode: string;
  period: string;
  indicatorId: number;
  code: string;
  optionId: number;
  optionLabel: string;
  value: number | null;
  additive: boolean;
}

/** The validated values of the options of sensitive dimensions, across the network, for the masking of small counts. */
export class SensitiveCountRepository {
  async validatedCounts(db: Db, periods: readonly string[]): Promise<SensitiveCountRow[]> {
    if (periods.length === 0) return [];
    // Validated data: the last validated value of each cell (the view every reader of validated data uses).
    const rows = await db('validated_indicator_values as v')
      .join('submissions as s', 's.id', 'v.submission_id')
      .join('units as u', 'u.id', 's.unit_id')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .join('dimension_options as o', 'o.id', 'v.option_id')
      .join('dimensions as d', 'd.id', 'o.dimension_id')
      .where('d.sensitive', true)
      .whereIn('s.period', periods)
      .select('s.unit_id', 'u.code as unit_code', 's.period', 'v.indicator_id', 'i.code', 'v.option_id', 'o.label as option_label', 'v.value_num', 'i.options_additive');
    return rows.map((r: Record<string, unknown>) => ({
      unitId: Number(r.unit_id),
      unitCode: r.unit_code as string,
      period: r.period as string,
      indicatorId: Number(r.indicator_id),
      code: r.code as string,
      optionId: Number(r.option_id),
      optionLabel: r.option_label as string,
      value: r.value_num === null || r.value_num === undefined ? null : Number(r.value_num),
      additive: r.options_additive !== false,
    }));
  }

  async isSensitiveOption(db: Db, optionId: number): Promise<boolean> {
    const row = await db('dimension_options as o').join('dimensions as d', 'd.id', 'o.dimension_id').where('o.id', optionId).first('d.sensitive');
    return row?.sensitive === true;
  }
}
