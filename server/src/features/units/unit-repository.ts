import type { Knex } from 'knex';
import type { CreateUnit, Unit, UnitKind } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

interface UnitDbRow {
  id: number;
  code: string;
  name: string;
  region: string;
  host_institution: string | null;
  kind: UnitKind;
  opened_on: string;
  closed_on: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const toUnit = (row: UnitDbRow): Unit => ({
  id: row.id,
  code: row.code,
  name: row.name,
  region: row.region,
  hostInstitution: row.host_institution,
  kind: row.kind,
  openedOn: row.opened_on,
  closedOn: row.closed_on,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  version: row.version,
});

type UnitFields = Omit<CreateUnit, never>;

const toColumns = (fields: Partial<UnitFields>): Partial<UnitDbRow> => ({
  ...(fields.code !== undefined && { code: fields.code }),
  ...(fields.name !== undefined && { name: fields.name }),
  ...(fields.region !== undefined && { region: fields.region }),
  ...(fields.hostInstitution !== undefined && { host_institution: fields.hostInstitution }),
  ...(fields.kind !== undefined && { kind: fields.kind }),
  ...(fields.openedOn !== undefined && { opened_on: fields.openedOn }),
  ...(fields.closedOn !== undefined && { closed_on: fields.closedOn }),
});

export class UnitRepository {
  async list(db: Db): Promise<Unit[]> {
    const rows = await db<UnitDbRow>('units').orderByRaw(`kind = 'cn2r' DESC`).orderBy('name');
    return rows.map(toUnit);
  }

  async findById(db: Db, id: number): Promise<Unit | undefined> {
    const row = await db<UnitDbRow>('units').where({ id }).first();
    return row && toUnit(row);
  }

  async findByCode(db: Db, code: string): Promise<Unit | undefined> {
    const row = await db<UnitDbRow>('units').where({ code }).first();
    return row && toUnit(row);
  }

  async existingIds(db: Db, ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await db('units').whereIn('id', ids).select('id');
    return rows.map((r) => r.id as number);
  }

  async insert(db: Db, fields: UnitFields): Promise<Unit> {
    const [row] = await db<UnitDbRow>('units').insert(toColumns(fields)).returning('*');
    return toUnit(row);
  }

  /** Updates when the version still matches; undefined when someone changed the row meanwhile. */
  async update(db: Db, id: number, version: number, fields: Partial<UnitFields>): Promise<Unit | undefined> {
    const [row]: UnitDbRow[] = await db('units')
      .where({ id, version })
      .update({ ...toColumns(fields), updated_at: db.fn.now(), version: db.raw('version + 1') })
      .returning('*');
    return row && toUnit(row);
  }

  async delete(db: Db, id: number): Promise<number> {
    return db('units').where({ id }).delete();
  }

  /**
   * What data hangs on a unit: a unit with any cannot be deleted, only closed. Each feature that
   * stores data per unit adds its table here.
   */
  async dependentRows(db: Db, id: number): Promise<number> {
    const row = await db
      .select(
        db.raw('(SELECT count(*) FROM user_units WHERE unit_id = ?) + (SELECT count(*) FROM submissions WHERE unit_id = ?) + (SELECT count(*) FROM campaign_extensions WHERE unit_id = ?) AS n', [id, id, id]),
      )
      .first();
    return Number(row?.n ?? 0);
  }
}
