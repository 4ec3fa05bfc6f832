/** What a governance dialog closes with: saved, or the row changed meanwhile (the page reloads). */
export type GovernanceDialogResult = { readonly outcome: 'saved' } | { readonly outcome: 'conflict' };

/** Only the fields whose value differs from the record as read (arrays compared by content). */
export function changedFields<T extends object>(original: object, edited: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(edited) as (keyof T)[]) {
    const before = (original as Record<keyof T, unknown>)[key];
    const after = edited[key];
    if (JSON.stringify(before) !== JSON.stringify(after)) changes[key] = after;
  }
  return changes;
}
