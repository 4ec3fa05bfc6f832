import type { Knex } from 'knex';
import type { Role, UnitRef, User, UserQuery } from '@cn2r/shared';

type Db = Knex | Knex.Transaction;

export interface UserRecord {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  active: boolean;
  /** The identity provider's subject (`sub`) of the person, once they signed in through it. */
  oidcSubject: string | null;
  /** Signs in through the identity provider only: the password form refuses the account. */
  localPasswordDisabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

interface UserDbRow {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: boolean;
  oidc_subject: string | null;
  local_password_disabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const toRecord = (row: UserDbRow): UserRecord => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  passwordHash: row.password_hash,
  active: row.active,
  oidcSubject: row.oidc_subject,
  localPasswordDisabled: row.local_password_disabled,
  lastLoginAt: row.last_login_at ? new Date(row.last_login_at) : null,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  version: row.version,
});

/** The API view of a user: never the password hash. */
export const toUser = (record: UserRecord, units: UnitRef[]): User => ({
  id: record.id,
  email: record.email,
  displayName: record.displayName,
  role: record.role,
  units,
  active: record.active,
  oidcLinked: record.oidcSubject !== null,
  localPasswordDisabled: record.localPasswordDisabled,
  lastLoginAt: record.lastLoginAt?.toISOString() ?? null,
  createdAt: record.createdAt.toISOString(),
  updatedAt: record.updatedAt.toISOString(),
  version: record.version,
});

export class UserRepository {
  async findById(db: Db, id: number): Promise<UserRecord | undefined> {
    const row = await db<UserDbRow>('users').where({ id }).first();
    return row && toRecord(row);
  }

  async findByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
    const row = await db<UserDbRow>('users').where({ email: email.toLowerCase() }).first();
    return row && toRecord(row);
  }

  async findByOidcSubject(db: Db, subject: string): Promise<UserRecord | undefined> {
    const row = await db<UserDbRow>('users').where({ oidc_subject: subject }).first();
    return row && toRecord(row);
  }

  /** Links an account not linked yet to the provider's subject; false when it was linked meanwhile. */
  async linkOidcSubject(db: Db, id: number, subject: string): Promise<boolean> {
    const changed = await db('users').where({ id }).whereNull('oidc_subject').update({ oidc_subject: subject });
    return changed === 1;
  }

  async list(db: Db, query: UserQuery): Promise<UserRecord[]> {
    const q = db<UserDbRow>('users').orderBy('display_name').orderBy('id');
    if (query.search) {
      const like = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.where((w) => w.whereILike('email', like).orWhereILike('display_name', like));
    }
    if (query.role) q.where({ role: query.role });
    if (query.active !== undefined) q.where({ active: query.active });
    return (await q).map(toRecord);
  }

  async count(db: Db): Promise<number> {
    const row = await db('users').count<{ n: number }>('* as n').first();
    return Number(row?.n ?? 0);
  }

  async insert(db: Db, user: { email: string; displayName: string; role: Role; passwordHash: string }): Promise<UserRecord> {
    const [row] = await db<UserDbRow>('users')
      .insert({ email: user.email.toLowerCase(), display_name: user.displayName, role: user.role, password_hash: user.passwordHash })
      .returning('*');
    return toRecord(row);
  }

  /** Updates when the version still matches; returns undefined when someone changed the row meanwhile. */
  async update(
    db: Db,
    id: number,
    version: number,
    changes: Partial<{ displayName: string; role: Role; active: boolean; passwordHash: string; localPasswordDisabled: boolean; oidcSubject: null }>,
  ): Promise<UserRecord | undefined> {
    const [row]: UserDbRow[] = await db('users')
      .where({ id, version })
      .update({
        ...(changes.displayName !== undefined && { display_name: changes.displayName }),
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.active !== undefined && { active: changes.active }),
        ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
        ...(changes.localPasswordDisabled !== undefined && { local_password_disabled: changes.localPasswordDisabled }),
        ...(changes.oidcSubject === null && { oidc_subject: null }),
        updated_at: db.fn.now(),
        version: db.raw('version + 1'),
      })
      .returning('*');
    return row && toRecord(row);
  }

  async recordLogin(db: Db, id: number): Promise<void> {
    await db('users').where({ id }).update({ last_login_at: db.fn.now() });
  }

  async unitIdsOf(db: Db, userId: number): Promise<number[]> {
    const rows = await db('user_units').where({ user_id: userId }).orderBy('unit_id').select('unit_id');
    return rows.map((r) => r.unit_id as number);
  }

  /** The units of several users at once: user id → unit references, ordered by unit name. */
  async unitsOf(db: Db, userIds: readonly number[]): Promise<Map<number, UnitRef[]>> {
    const byUser = new Map<number, UnitRef[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return byUser;
    const rows = await db('user_units as uu')
      .join('units as u', 'u.id', 'uu.unit_id')
      .whereIn('uu.user_id', userIds)
      .orderBy('u.name')
      .select('uu.user_id', 'u.id', 'u.code', 'u.name');
    for (const row of rows) byUser.get(row.user_id)?.push({ id: row.id, code: row.code, name: row.name });
    return byUser;
  }

  async replaceUnits(db: Db, userId: number, unitIds: readonly number[]): Promise<void> {
    await db('user_units').where({ user_id: userId }).delete();
    if (unitIds.length > 0) {
      await db('user_units').insert([...new Set(unitIds)].map((unit_id) => ({ user_id: userId, unit_id })));
    }
  }
}
