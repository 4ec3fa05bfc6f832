import type { Knex } from 'knex';
import type { Dimension, DimensionOption } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

interface DimensionDbRow {
  id: number;
  code: string;
  label: string;
  sensitive: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
}

interface OptionDbRow {
  id: number;
  dimension_id: number;
  code: string;
  label: string;
  sort_order: number;
}

const toOption = (row: OptionDbRow): DimensionOption => ({ id: row.id, code: row.code, label: row.label, sortOrder: row.sort_order });

const toDimension = (row: DimensionDbRow, options: OptionDbRow[]): Dimension => ({
  id: row.id,
  code: row.code,
  label: row.label,
  sensitive: row.sensitive,
  options: options.map(toOption),
  version: row.version,
});

export interface DimensionFields {
  code: string;
  label: string;
  sensitive: boolean;
}

export interface OptionFields {
  code: string;
  label: string;
  sortOrder: number;
}

export class DimensionRepository {
  async list(db: Db): Promise<Dimension[]> {
    const rows = await db<DimensionDbRow>('dimensions').orderBy('label').orderBy('id');
    return this.withOptions(db, rows);
  }

  async findById(db: Db, id: number): Promise<Dimension | undefined> {
    const row = await db<DimensionDbRow>('dimensions').where({ id }).first();
    return row && (await this.withOptions(db, [row]))[0];
  }

  /** The dimensions of these ids, by id (for the indicators that use them). */
  async findByIds(db: Db, ids: readonly number[]): Promise<Map<number, Dimension>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db<DimensionDbRow>('dimensions').whereIn('id', unique);
    return new Map((await this.withOptions(db, rows)).map((d) => [d.id, d]));
  }

  async findByCode(db: Db, code: string): Promise<Dimension | undefined> {
    const row = await db<DimensionDbRow>('dimensions').where({ code }).first();
    return row && (await this.withOptions(db, [row]))[0];
  }

  async insert(db: Db, fields: DimensionFields): Promise<number> {
    const [row] = await db('dimensions').insert({ code: fields.code, label: fields.label, sensitive: fields.sensitive }).returning('id');
    return row.id as number;
  }

  /** Updates when the version still matches (and bumps it); false when someone changed the row meanwhile. */
  async update(db: Db, id: number, version: number, fields: Partial<Omit<DimensionFields, 'code'>>): Promise<boolean> {
    const count = await db('dimensions')
      .where({ id, version })
      .update({
        ...(fields.label !== undefined && { label: fields.label }),
        ...(fields.sensitive !== undefined && { sensitive: fields.sensitive }),
        updated_at: db.fn.now(),
        version: db.raw('version + 1'),
      });
    return count === 1;
  }

  async insertOptions(db: Db, dimensionId: number, options: readonly OptionFields[]): Promise<void> {
    if (options.length === 0) return;
    await db('dimension_options').insert(options.map((o) => ({ dimension_id: dimensionId, code: o.code, label: o.label, sort_order: o.sortOrder })));
  }

  async updateOption(db: Db, optionId: number, fields: Omit<OptionFields, 'code'>): Promise<void> {
    await db('dimension_options').where({ id: optionId }).update({ label: fields.label, sort_order: fields.sortOrder });
  }

  async deleteOptions(db: Db, optionIds: readonly number[]): Promise<void> {
    if (optionIds.length === 0) return;
    await db('dimension_options').whereIn('id', optionIds).delete();
  }

  /** Number of values entered on each of these options (only those that have some). */
  async valueCountsByOption(db: Db, optionIds: readonly number[]): Promise<Map<number, number>> {
    if (optionIds.length === 0) return new Map();
    const rows: { option_id: number; n: number }[] = await db('indicator_values')
      .whereIn('option_id', optionIds)
      .groupBy('option_id')
      .select('option_id', db.raw('count(*) AS n'));
    return new Map(rows.map((r) => [r.option_id, Number(r.n)]));
  }

  private async withOptions(db: Db, rows: DimensionDbRow[]): Promise<Dimension[]> {
    if (rows.length === 0) return [];
    const options = await db<OptionDbRow>('dimension_options')
      .whereIn(
        'dimension_id',
        rows.map((r) => r.id),
      )
      .orderBy('sort_order')
      .orderBy('id');
    const byDimension = new Map<number, OptionDbRow[]>();
    for (const o of options) byDimension.set(o.dimension_id, [...(byDimension.get(o.dimension_id) ?? []), o]);
    return rows.map((r) => toDimension(r, byDimension.get(r.id) ?? []));
  }
}
