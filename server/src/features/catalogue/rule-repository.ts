import type { Knex } from 'knex';
import type { ConsistencyRule, RuleSeverity } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

interface RuleDbRow {
  id: number;
  code: string;
  label: string;
  expression: string;
  severity: RuleSeverity;
  message: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const toRule = (row: RuleDbRow): ConsistencyRule => ({
  id: row.id,
  code: row.code,
  label: row.label,
  expression: row.expression,
  severity: row.severity,
  message: row.message,
  active: row.active,
  version: row.version,
});

export type RuleFields = Omit<ConsistencyRule, 'id' | 'version'>;

const toColumns = (fields: Partial<RuleFields>): Partial<RuleDbRow> => ({
  ...(fields.code !== undefined && { code: fields.code }),
  ...(fields.label !== undefined && { label: fields.label }),
  ...(fields.expression !== undefined && { expression: fields.expression }),
  ...(fields.severity !== undefined && { severity: fields.severity }),
  ...(fields.message !== undefined && { message: fields.message }),
  ...(fields.active !== undefined && { active: fields.active }),
});

export class RuleRepository {
  async list(db: Db): Promise<ConsistencyRule[]> {
    return (await db<RuleDbRow>('consistency_rules').orderBy('code')).map(toRule);
  }

  async findById(db: Db, id: number): Promise<ConsistencyRule | undefined> {
    const row = await db<RuleDbRow>('consistency_rules').where({ id }).first();
    return row && toRule(row);
  }

  async findByCode(db: Db, code: string): Promise<ConsistencyRule | undefined> {
    const row = await db<RuleDbRow>('consistency_rules').where({ code }).first();
    return row && toRule(row);
  }

  async insert(db: Db, fields: RuleFields): Promise<ConsistencyRule> {
    const [row] = (await db('consistency_rules').insert(toColumns(fields)).returning('*')) as RuleDbRow[];
    return toRule(row);
  }

  /** Updates when the version still matches; undefined when someone changed the row meanwhile. */
  async update(db: Db, id: number, version: number, fields: Partial<RuleFields>): Promise<ConsistencyRule | undefined> {
    const [row] = (await db('consistency_rules')
      .where({ id, version })
      .update({ ...toColumns(fields), updated_at: db.fn.now(), version: db.raw('version + 1') })
      .returning('*')) as RuleDbRow[];
    return row && toRule(row);
  }

  async delete(db: Db, id: number): Promise<number> {
    return db('consistency_rules').where({ id }).delete();
  }

  /** Written explanations of this rule's warnings on submissions: a rule that has some is kept (deactivated). */
  async explanationCount(db: Db, id: number): Promise<number> {
    const row = await db('rule_explanations').where({ rule_id: id }).count<{ n: number | string }[]>('* as n').first();
    return Number(row?.n ?? 0);
  }
}
