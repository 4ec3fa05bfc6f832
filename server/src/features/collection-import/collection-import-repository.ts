import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export class CollectionImportRepository {
  /**
   * When the data a unit's template shows last changed: the campaign, the unit, the catalogue
   * (indicators and disaggregations), the unit's submissions and values of these periods. The
   * template is dated from it, so the same data always gives the same file.
   */
  async dataDate(db: Db, campaignId: number, unitId: number, periods: readonly string[]): Promise<Date> {
    const list = periods.length > 0 ? [...periods] : [''];
    const marks = list.map(() => '?').join(', ');
    const { rows } = (await db.raw(
      `SELECT greatest(
         (SELECT updated_at FROM campaigns WHERE id = ?),
         (SELECT updated_at FROM units WHERE id = ?),
         (SELECT max(updated_at) FROM indicators),
         (SELECT max(updated_at) FROM dimensions),
         (SELECT max(updated_at) FROM submissions WHERE unit_id = ? AND period IN (${marks})),
         (SELECT max(v.updated_at) FROM indicator_values v JOIN submissions s ON s.id = v.submission_id WHERE s.unit_id = ? AND s.period IN (${marks}))
       ) AS as_of`,
      [campaignId, unitId, unitId, ...list, unitId, ...list],
    )) as { rows: { as_of: string | Date | null }[] };
    const asOf = rows[0]?.as_of;
    return asOf ? new Date(asOf) : new Date(0);
  }
}
