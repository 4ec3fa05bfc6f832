import type { Knex } from 'knex';

/**
 * Tables that legitimately change on a refused request: the session's last activity, the sign-in
 * attempts counted for throttling (sign-in, password reset requests), the sign-ins under way at the identity provider, and the
 * migration bookkeeping.
 */
export const VOLATILE_TABLES: ReadonlySet<string> = new Set(['sessions', 'login_attempts', 'pending_sign_ins', 'report_generations', 'oidc_sign_in_flows', 'password_reset_requests', 'knex_migrations', 'knex_migrations_lock', 'dashboard_versions']);

export type Fingerprint = Record<string, { rows: number; md5: string }>;

/**
 * The row count and an md5 of every row's text (in a stable order) of each table of the public
 * schema, volatile ones aside: two equal fingerprints mean no row was added, removed or changed.
 */
export async function databaseFingerprint(db: Knex | Knex.Transaction, skip: ReadonlySet<string> = VOLATILE_TABLES): Promise<Fingerprint> {
  const tables = (
    await db('information_schema.tables').where({ table_schema: 'public', table_type: 'BASE TABLE' }).orderBy('table_name').pluck('table_name')
  ).filter((t: string) => !skip.has(t)) as string[];
  const out: Fingerprint = {};
  for (const table of tables) {
    const { rows } = await db.raw(
      `select count(*)::int as rows, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as md5 from ?? t`,
      [table],
    );
    out[table] = { rows: Number(rows[0].rows), md5: rows[0].md5 };
  }
  return out;
}

/** The tables whose fingerprint differs, with their counts before and after: empty when nothing changed. */
export function fingerprintChanges(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((t) => before[t]?.md5 !== after[t]?.md5 || before[t]?.rows !== after[t]?.rows)
    .map((t) => `${t}: ${before[t]?.rows ?? 'absente'} → ${after[t]?.rows ?? 'absente'} lignes${before[t]?.rows === after[t]?.rows ? ' (contenu modifié)' : ''}`);
}
