/** What a governance dialog closes with: saved, or the row changed meanwhile (the page reloads). */
export type GovernanceDialogResult = { readonly outcome: 'saved' } | { readonly outcome: 'conflict' };

/** A governance dialog's result once its request succeeded, whatever the API answered. */
export const saved = (): GovernanceDialogResult => ({ outcome: 'saved' });
