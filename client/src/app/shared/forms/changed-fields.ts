/**
 * Only the fields of `edited` whose value differs from the record as read (arrays and objects
 * compared by content): the body of a PATCH that sends what the user changed.
 */
export function changedFields<T extends object>(original: object, edited: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(edited) as (keyof T)[]) {
    const before = (original as Record<keyof T, unknown>)[key];
    const after = edited[key];
    if (JSON.stringify(before) !== JSON.stringify(after)) changes[key] = after;
  }
  return changes;
}
