import { type Signal, effect } from '@angular/core';
import type { MatSort } from '@angular/material/sort';
import { MatTableDataSource } from '@angular/material/table';

/**
 * A MatTableDataSource that follows `rows()`, sorts with the table's MatSort once it exists, and
 * filters on `filter()` (trimmed, lower-case) when given. Call in an injection context.
 */
export function tableSource<T>(rows: () => T[], sort: Signal<MatSort | undefined>, filter?: () => string): MatTableDataSource<T> {
  const source = new MatTableDataSource<T>([]);
  effect(() => (source.data = rows()));
  if (filter) effect(() => (source.filter = filter().trim().toLowerCase()));
  effect(() => {
    const matSort = sort();
    if (matSort) source.sort = matSort;
  });
  return source;
}
