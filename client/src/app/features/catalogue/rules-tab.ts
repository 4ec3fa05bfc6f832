import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { ConsistencyRule, RuleSeverity } from '@cn2r/shared';
import { filter, switchMap } from 'rxjs';
import { isStaleVersion, toApiError } from '../../core/http/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { CatalogueApi } from './catalogue-api';
import { RuleDialog, type RuleDialogData, type RuleDialogResult } from './rule-dialog';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { IconAction } from '../../shared/table/icon-action';
import { reportEditOutcome } from '../../shared/forms/edit-outcome';
import { PageLoad } from '../../shared/loading/page-load';

export const STALE_RULE_MESSAGE =
  'Cette règle a été modifiée par quelqu’un d’autre entre-temps. La liste a été rechargée : reprenez votre modification.';

/** Short labels for the chips; the dialog gives the full ones (what each severity does). */
export const severityChipLabels: Record<RuleSeverity, string> = { error: 'Erreur', warning: 'Avertissement' };

/** Consistency rules between indicators, checked when a unit sends its data. */
@Component({
  selector: 'app-rules-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconAction, LoadingSpinner, LoadFailed, EmptyState, MatTableModule, MatButtonModule, MatIconModule, MatSlideToggleModule],
  templateUrl: './rules-tab.html',
  styleUrl: './catalogue-tab.scss',
})
export class RulesTab {
  private readonly api = inject(CatalogueApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['code', 'label', 'expression', 'severity', 'active', 'actions'];
  protected readonly rules = signal<ConsistencyRule[]>([]);
  private readonly pageLoad = new PageLoad();
  protected readonly loading = this.pageLoad.loading;
  protected readonly loadFailed = this.pageLoad.loadFailed;
  /** Rules whose active state is being saved. */
  protected readonly busy = signal<ReadonlySet<number>>(new Set());

  constructor() {
    this.load();
  }

  protected load(): void {
    this.pageLoad.once(this.api.listRules(), (rules) => this.rules.set([...rules].sort((a, b) => a.code.localeCompare(b.code, 'fr'))));
  }

  protected severityLabel(rule: ConsistencyRule): string {
    return severityChipLabels[rule.severity];
  }

  /** Creates (`null`) or edits a rule in its dialog, then says how it ended and reloads. */
  protected edit(rule: ConsistencyRule | null): void {
    const data: RuleDialogData = { rule };
    this.dialog
      .open<RuleDialog, RuleDialogData, RuleDialogResult>(RuleDialog, { data, width: '760px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) =>
        reportEditOutcome(
          this.snackBar,
          result,
          { conflict: STALE_RULE_MESSAGE, saved: (r) => `Règle ${r.rule.code} ${r.outcome === 'created' ? 'créée' : 'enregistrée'}.` },
          () => this.load(),
        ),
      );
  }

  protected setActive(rule: ConsistencyRule, active: boolean): void {
    this.busy.update((ids) => new Set(ids).add(rule.id));
    const done = () =>
      this.busy.update((ids) => {
        const next = new Set(ids);
        next.delete(rule.id);
        return next;
      });
    this.api.updateRule(rule.id, { active, version: rule.version }).subscribe({
      next: (saved) => {
        done();
        this.rules.update((rules) => rules.map((r) => (r.id === saved.id ? saved : r)));
        this.snackBar.open(
          active ? `Règle ${saved.code} activée : elle sera contrôlée à la transmission.` : `Règle ${saved.code} désactivée.`,
          'Fermer',
          { duration: 5000 },
        );
      },
      error: (response: unknown) => {
        done();
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        if (error.status === 409 || error.status === 422) {
          this.snackBar.open(isStaleVersion(error) ? STALE_RULE_MESSAGE : error.message, 'Fermer', {
            duration: 12000,
            panelClass: 'snackbar-error',
          });
        }
        // The toggle shows the state as saved, not as clicked.
        this.load();
      },
    });
  }

  protected remove(rule: ConsistencyRule): void {
    confirmAction(this.dialog, {
      title: 'Supprimer la règle ?',
      message: `La règle ${rule.code} (« ${rule.label} ») sera supprimée définitivement. Une règle qui a déjà été appliquée à des saisies ne peut pas être supprimée : désactivez-la plutôt.`,
      confirmLabel: 'Supprimer',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.deleteRule(rule.id)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(`Règle ${rule.code} supprimée.`, 'Fermer', { duration: 5000 });
          this.load();
        },
        error: (response: unknown) => {
          if (!(response instanceof HttpErrorResponse) || response.status !== 409) return;
          // The server says why (« … désactivez-la plutôt »); offer to do just that.
          const snackBar = this.snackBar.open(
            toApiError(response).message,
            rule.active ? 'Désactiver' : 'Fermer',
            { duration: 15000, panelClass: 'snackbar-error' },
          );
          if (rule.active) snackBar.onAction().subscribe(() => this.setActive(rule, false));
        },
      });
  }
}
