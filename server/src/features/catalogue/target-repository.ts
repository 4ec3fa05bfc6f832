import type { Knex } from 'knex';
import type { Target } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

interface TargetDbRow {
  id: number;
  indicator_code: string;
  year: number;
  /** numeric: the driver answers a string. */
  target: string | number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const toTarget = (row: TargetDbRow): Target => ({ indicatorCode: row.indicator_code, year: row.year, target: Number(row.target), version: row.version });

export class TargetRepository {
  async list(db: Db, year?: number): Promise<Target[]> {
    const q = db<TargetDbRow>('indicator_targets').orderBy('year', 'desc').orderBy('indicator_code');
    if (year !== undefined) q.where({ year });
    return (await q).map(toTarget);
  }

  async find(db: Db, code: string, year: number): Promise<Target | undefined> {
    const row = await db<TargetDbRow>('indicator_targets').where({ indicator_code: code, year }).first();
    return row && toTarget(row);
  }

  /** Sets the target of a code and year: inserted at version 1, or updated with version + 1. */
  async upsert(db: Db, code: string, year: number, target: number): Promise<Target> {
    const [row] = (await db('indicator_targets')
      .insert({ indicator_code: code, year, target })
      .onConflict(['indicator_code', 'year'])
      .merge({ target, updated_at: db.fn.now(), version: db.raw('indicator_targets.version + 1') })
      .returning('*')) as TargetDbRow[];
    return toTarget(row);
  }

  async delete(db: Db, code: string, year: number): Promise<number> {
    return db('indicator_targets').where({ indicator_code: code, year }).delete();
  }

  async countForCode(db: Db, code: string): Promise<number> {
    const row = await db('indicator_targets').where({ indicator_code: code }).count<{ n: number | string }[]>('* as n').first();
    return Number(row?.n ?? 0);
  }
}
