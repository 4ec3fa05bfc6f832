import type { MatSnackBar } from '@angular/material/snack-bar';

/** What an edit dialog closes with: `conflict` when someone else changed the record meanwhile, else what it saved. */
export interface EditOutcome {
  readonly outcome: string;
}

/** The messages a page shows once an edit dialog has closed. */
export interface EditOutcomeMessages<R extends EditOutcome> {
  /** Someone else changed the record: shown in red for 12 s. */
  readonly conflict: string;
  /** What was saved, shown for `savedDuration` ms (5 s by default). */
  readonly saved: (result: Exclude<R, { outcome: 'conflict' }>) => string;
  readonly savedDuration?: number;
}

/**
 * Says how an edit dialog ended, then `reload()`s the page's data; a dialog closed without a
 * result (cancelled) changes nothing.
 */
export function reportEditOutcome<R extends EditOutcome>(snackBar: MatSnackBar, result: R | undefined, messages: EditOutcomeMessages<R>, reload: () => void): void {
  if (!result) return;
  if (result.outcome === 'conflict') {
    snackBar.open(messages.conflict, 'Fermer', { duration: 12000, panelClass: 'snackbar-error' });
  } else {
    snackBar.open(messages.saved(result as Exclude<R, { outcome: 'conflict' }>), 'Fermer', { duration: messages.savedDuration ?? 5000 });
  }
  reload();
}
