/**
 * What changed between the row a user was editing and the row as it is now, in French, for the
 * message shown when a save is refused as stale: « libellé : « Déplacements » → « Missions » ».
 * Only the fields named in `labels` are compared; `show` renders a value (codes as labels…).
 */
export function describeChanges<T extends object>(
  before: T,
  after: T | null | undefined,
  labels: Partial<Record<keyof T, string>>,
  show: Partial<Record<keyof T, (value: unknown) => string>> = {},
): string {
  if (!after) return 'elle a été supprimée entre-temps';
  const parts: string[] = [];
  for (const key of Object.keys(labels) as (keyof T)[]) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    const render = show[key] ?? ((value: unknown) => (value === null || value === undefined || value === '' ? '(vide)' : String(value)));
    parts.push(`${labels[key]} : « ${render(before[key])} » → « ${render(after[key])} »`);
  }
  return parts.length ? parts.join(' ; ') : 'aucun des champs affichés n’a changé (une autre modification a eu lieu)';
}

/** The snackbar sentence after a stale save: who changed what is not known to the client, what changed is. */
export function staleMessage(subject: string, changes: string): string {
  return `${subject} a été modifiée par quelqu’un d’autre entre-temps (${changes}). Les données ont été rechargées : reprenez votre modification.`;
}
