import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, booleanAttribute, computed, effect, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { type InKindContribution, type InKindKind, formatEuros, inKindKindLabels, sumCents } from '@cn2r/shared';
import { type Subscription, filter, switchMap } from 'rxjs';
import { toApiError } from '../../core/http/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { describeChanges, staleMessage } from '../budget/changes-description';
import { InKindDialog, type InKindDialogData, type InKindDialogResult } from './in-kind-dialog';
import { StaffApi } from './staff-api';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';

interface InKindRow extends InKindContribution {
  readonly kindLabel: string;
}

const columnsRead = ['kind', 'label', 'contributor', 'valuationMethod', 'amount'];

/**
 * The in-kind contributions besides staff of a year: premises, equipment and services made
 * available to the grouping without charge, each valued in euros with its method (for the notes
 * to the accounts). Not personal data: the board reads them; finance and administrators add,
 * edit and delete them while the fiscal year is open (`writable`).
 */
@Component({
  selector: 'app-in-kind-contributions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSpinner, LoadFailed, EmptyState, MatButtonModule, MatIconModule, MatTableModule],
  template: `
    <section>
      <div class="section-header">
        <h2>Contributions en nature hors personnel</h2>
        @if (writable() && state() === 'ready') {
          <button mat-stroked-button type="button" (click)="open(null)">
            <mat-icon>add</mat-icon>
            Ajouter une contribution
          </button>
        }
      </div>
      <p class="read-only-note">
        Locaux, équipements et prestations mis à disposition sans contrepartie, valorisés en euros. Les personnels mis à disposition sont
        valorisés dans la synthèse ci-dessus.
      </p>
      @if (closed()) {
        <p class="read-only-note">L’exercice {{ year() }} est clos : ses contributions en nature sont en lecture seule.</p>
      }
      @if (state() === 'loading') {
        <app-loading-spinner label="Chargement des contributions en nature" />
      } @else if (state() === 'failed') {
        <app-load-failed text="Les contributions en nature n’ont pas pu être chargées." (retry)="load()" />
      } @else if (rows().length === 0) {
        <app-empty-state icon="domain">
          @if (writable()) {
            <p>
              Aucune contribution en nature hors personnel en {{ year() }} : ajoutez les locaux ou équipements mis à disposition, valorisés
              en euros avec leur méthode (surface × prix au m², valeur nette comptable…), avec « Ajouter une contribution ».
            </p>
          } @else {
            <p>Aucune contribution en nature hors personnel enregistrée en {{ year() }}.</p>
          }
        </app-empty-state>
      } @else {
        <div class="table-container" tabindex="0" role="region" [attr.aria-label]="tableLabel()">
          <table mat-table [dataSource]="rows()" [attr.aria-label]="tableLabel()">
            <ng-container matColumnDef="kind">
              <th mat-header-cell *matHeaderCellDef scope="col">Nature</th>
              <td mat-cell *matCellDef="let row">{{ row.kindLabel }}</td>
              <td mat-footer-cell *matFooterCellDef>Total</td>
            </ng-container>
            <ng-container matColumnDef="label">
              <th mat-header-cell *matHeaderCellDef scope="col">Libellé</th>
              <td mat-cell *matCellDef="let row">{{ row.label }}</td>
              <td mat-footer-cell *matFooterCellDef></td>
            </ng-container>
            <ng-container matColumnDef="contributor">
              <th mat-header-cell *matHeaderCellDef scope="col">Contributeur</th>
              <td mat-cell *matCellDef="let row">{{ row.contributor }}</td>
              <td mat-footer-cell *matFooterCellDef></td>
            </ng-container>
            <ng-container matColumnDef="valuationMethod">
              <th mat-header-cell *matHeaderCellDef scope="col">Méthode de valorisation</th>
              <td mat-cell *matCellDef="let row" class="method">{{ row.valuationMethod }}</td>
              <td mat-footer-cell *matFooterCellDef></td>
            </ng-container>
            <ng-container matColumnDef="amount">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">Montant</th>
              <td mat-cell *matCellDef="let row" class="num">{{ euros(row.amountCents) }}</td>
              <td mat-footer-cell *matFooterCellDef class="num">{{ euros(totalCents()) }}</td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let row" class="actions">
                <button mat-button type="button" (click)="open(row)" [attr.aria-label]="'Modifier ' + row.label">Modifier</button>
                <button mat-button type="button" (click)="remove(row)" [attr.aria-label]="'Supprimer ' + row.label">Supprimer</button>
              </td>
              <td mat-footer-cell *matFooterCellDef></td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let row; columns: columns()"></tr>
            <tr mat-footer-row *matFooterRowDef="columns()" class="total"></tr>
          </table>
        </div>
      }
    </section>
  `,
  styleUrl: '../budget/budget-pages.scss',
  styles: `
    :host {
      display: block;
      margin-top: 24px;
    }
    .section-header {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      justify-content: space-between;
      margin: 20px 0 8px;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    .method {
      white-space: pre-line;
    }
    .total td {
      font-weight: 500;
    }
  `,
})
export class InKindContributions {
  private readonly api = inject(StaffApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly year = input.required<number>();
  /** Finance and administrators, on an open fiscal year: add, edit and delete. */
  readonly writable = input(false, { transform: booleanAttribute });
  /** The fiscal year is closed: says why nothing can be changed. */
  readonly closed = input(false, { transform: booleanAttribute });
  /** After a change (ours or one found on reload): the year's summary shows their total. */
  readonly changed = output<void>();

  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly contributions = signal<InKindContribution[]>([]);
  protected readonly rows = computed<InKindRow[]>(() => this.contributions().map((c) => ({ ...c, kindLabel: inKindKindLabels[c.kind] })));
  protected readonly totalCents = computed(() => sumCents(this.contributions().map((c) => c.amountCents)));
  protected readonly columns = computed(() => (this.writable() ? [...columnsRead, 'actions'] : columnsRead));
  protected readonly tableLabel = computed(() => `Contributions en nature hors personnel ${this.year()}`);
  private request: Subscription | null = null;

  constructor() {
    effect(() => this.load(this.year()));
  }

  /** Loads the year's contributions; a newer call cancels the previous one (the year changed). */
  protected load(year = this.year()): void {
    this.request?.unsubscribe();
    this.state.set('loading');
    this.request = this.api.listInKind(year).subscribe({
      next: (contributions) => {
        this.contributions.set(contributions);
        this.state.set('ready');
      },
      error: () => this.state.set('failed'),
    });
  }

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  protected open(contribution: InKindContribution | null): void {
    const data: InKindDialogData = { year: this.year(), contribution };
    this.dialog
      .open<InKindDialog, InKindDialogData, InKindDialogResult>(InKindDialog, { data, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        if (result.outcome === 'conflict' && contribution) return this.reloadAfterConflict(contribution);
        if (result.outcome !== 'conflict') {
          const verb = result.outcome === 'created' ? 'ajoutée' : 'enregistrée';
          this.snackBar.open(`Contribution « ${result.contribution.label} » ${verb}.`, 'Fermer', { duration: 5000 });
        }
        this.load();
        this.changed.emit();
      });
  }

  protected remove(contribution: InKindContribution): void {
    confirmAction(this.dialog, {
      title: 'Supprimer la contribution ?',
      message: `La contribution « ${contribution.label} » (${contribution.contributor}, ${formatEuros(contribution.amountCents)}) sera supprimée de l’exercice ${contribution.year}.`,
      confirmLabel: 'Supprimer',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.deleteInKind(contribution.id)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(`Contribution « ${contribution.label} » supprimée.`, 'Fermer', { duration: 5000 });
          this.load();
          this.changed.emit();
        },
        error: (response: unknown) => {
          if (!(response instanceof HttpErrorResponse)) throw response;
          if (response.status !== 404 && response.status !== 409) return; // the interceptor's snackbar told
          // 404: someone else deleted it first; 409: its fiscal year was closed meanwhile (the server says so).
          const message =
            response.status === 404
              ? `La contribution « ${contribution.label} » avait déjà été supprimée par quelqu’un d’autre. La liste a été rechargée.`
              : `${toApiError(response).message} La liste a été rechargée.`;
          this.snackBar.open(message, 'Fermer', { duration: 12000, panelClass: 'snackbar-error' });
          this.load();
          this.changed.emit();
        },
      });
  }

  /** Someone else saved the contribution first: reload, and say what they changed. */
  private reloadAfterConflict(before: InKindContribution): void {
    this.request?.unsubscribe();
    this.request = this.api.listInKind(this.year()).subscribe({
      next: (contributions) => {
        this.contributions.set(contributions);
        this.state.set('ready');
        const changes = describeChanges(
          before,
          contributions.find((c) => c.id === before.id),
          { kind: 'nature', label: 'libellé', contributor: 'contributeur', valuationMethod: 'méthode de valorisation', amountCents: 'montant' },
          { kind: (v) => inKindKindLabels[v as InKindKind], amountCents: (v) => formatEuros(v as number) },
        );
        this.snackBar.open(staleMessage(`La contribution « ${before.label} »`, changes), 'Fermer', { duration: 15000, panelClass: 'snackbar-error' });
        this.changed.emit();
      },
      error: () => this.state.set('failed'),
    });
  }
}
