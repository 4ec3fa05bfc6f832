import type { Knex } from 'knex';

/** The column each field is stored in (camelCase field → snake_case column). */
export type ColumnNames<F> = { readonly [K in keyof F]?: string };

/**
 * The columns to write for the fields given: each field of `names` that is not undefined, under its
 * column's name, in the order of `names`. Other fields (a `version`, say) are left out.
 */
export function definedColumns<F extends object>(fields: F, names: ColumnNames<F>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const field of Object.keys(names) as (keyof F & string)[]) {
    if (fields[field] !== undefined) columns[names[field]!] = fields[field];
  }
  return columns;
}

/** What an optimistic-concurrency update sets besides its fields: the update time and the next version. */
export const nextVersion = (db: Knex | Knex.Transaction) => ({ updated_at: db.fn.now(), version: db.raw('version + 1') });
