import { ChangeDetectionStrategy, Component, computed, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSort, MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { type FundingSource, IN_KIND_VALUATION_NOTE, type InKindValuation, formatEuros, fundingNatureLabels } from '@cn2r/shared';
import { describeChanges, staleMessage } from './changes-description';
import { FiscalYearPicker } from './fiscal-year-picker';
import { FundingSourceDialog, type FundingSourceDialogData, type FundingSourceDialogResult } from './funding-source-dialog';
import { NotificationDialog, type NotificationDialogData, type NotificationDialogResult } from './notification-dialog';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { BudgetYearPage } from './budget-year-page';
import { tableSource } from '../../shared/table/table-source';

interface SourceRow extends FundingSource {
  readonly natureLabel: string;
  /** Typed notified amount, or an in-kind source's valuation (null when masked or absent). */
  readonly notifiedCents: number | null;
  readonly notifiedReference: string | null;
  /** In-kind source: its valuation of the year, from the staff records (null when none). */
  readonly valuation: InKindValuation | null;
}

/**
 * The funding sources and the amount each notified for the chosen year. An in-kind source (staff
 * seconded without reimbursement) has no notified amount to type: its valuation comes from the
 * staff records, shown read-only with where it comes from (masked for the board under 3 people).
 */
@Component({
  selector: 'app-funding-sources-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSpinner, LoadFailed, MatButtonModule, MatIconModule, MatSortModule, MatTableModule, FiscalYearPicker],
  template: `
    <div class="page-header">
      <h1>Sources de financement</h1>
      <app-fiscal-year-picker [years]="fy.years()" [year]="fy.year()" (chosen)="fy.choose($event)" />
    </div>
    @if (state() === 'loading' || fy.state() === 'loading') {
      <app-loading-spinner label="Chargement des sources de financement" />
    } @else if (state() === 'failed' || fy.state() !== 'ready') {
      <app-load-failed text="Les sources de financement n’ont pas pu être chargées." (retry)="retry()" />
    } @else {
      @if (canWrite) {
        <div class="toolbar">
          <button mat-flat-button type="button" (click)="edit(null)">
            <mat-icon>add</mat-icon>
            Nouvelle source
          </button>
        </div>
      }
      @if (source.data.length === 0) {
        <p class="empty-state">Aucune source de financement pour l’instant.</p>
      }
      <div class="table-container" tabindex="0" role="region" aria-label="Sources de financement" [hidden]="source.data.length === 0">
        <table mat-table [dataSource]="source" matSort aria-label="Sources de financement et montants notifiés">
          <ng-container matColumnDef="code">
            <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Code</th>
            <td mat-cell *matCellDef="let row"><span class="code">{{ row.code }}</span></td>
          </ng-container>
          <ng-container matColumnDef="label">
            <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Libellé</th>
            <td mat-cell *matCellDef="let row">{{ row.label }}</td>
          </ng-container>
          <ng-container matColumnDef="funder">
            <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Financeur</th>
            <td mat-cell *matCellDef="let row">{{ row.funder }}</td>
          </ng-container>
          <ng-container matColumnDef="natureLabel">
            <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Nature</th>
            <td mat-cell *matCellDef="let row">{{ row.natureLabel }}{{ row.inKind ? ' (en nature)' : '' }}</td>
          </ng-container>
          <ng-container matColumnDef="notifiedCents">
            <th mat-header-cell *matHeaderCellDef mat-sort-header arrowPosition="before" scope="col" class="num">Notifié ou valorisé {{ fy.year() }}</th>
            <td mat-cell *matCellDef="let row" class="num">
              @if (row.inKind && row.valuation?.valueMasked) {
                <span class="masked">Non communiqué (moins de 3 personnes)</span>
              } @else {
                {{ row.notifiedCents === null ? '—' : euros(row.notifiedCents) }}
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="notifiedReference">
            <th mat-header-cell *matHeaderCellDef scope="col">Référence</th>
            <td mat-cell *matCellDef="let row">
              @if (row.inKind) {
                <span class="in-kind-note">{{ valuationNote(row) }}</span>
              } @else {
                {{ row.notifiedReference ?? '' }}
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let row" class="actions">
              @if (canWrite) {
                @if (fy.isOpen() && !row.inKind) {
                  <button mat-button type="button" (click)="notify(row)" [attr.aria-label]="'Montant notifié ' + fy.year() + ' de ' + row.code">Montant notifié</button>
                }
                <button mat-button type="button" (click)="edit(row)" [attr.aria-label]="'Modifier la source ' + row.code">Modifier</button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
    }
  `,
  styleUrl: './budget-pages.scss',
  host: { class: 'page' },
})
export class FundingSourcesPage extends BudgetYearPage {
  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly sources = signal<FundingSource[]>([]);
  protected readonly columns = ['code', 'label', 'funder', 'natureLabel', 'notifiedCents', 'notifiedReference', 'actions'];
  private readonly sort = viewChild(MatSort);

  private readonly rows = computed<SourceRow[]>(() =>
    this.sources().map((s) => {
      const year = this.fy.year();
      if (s.inKind) {
        // Never a typed amount: the valuation of the staff seconded to it, from their records.
        const valuation = s.valuations.find((v) => v.year === year) ?? null;
        return { ...s, natureLabel: fundingNatureLabels[s.nature], notifiedCents: valuation?.valueCents ?? null, notifiedReference: null, valuation };
      }
      const notification = s.notifications.find((n) => n.year === year);
      return { ...s, natureLabel: fundingNatureLabels[s.nature], notifiedCents: notification?.amountCents ?? null, notifiedReference: notification?.reference ?? null, valuation: null };
    }),
  );

  protected readonly source = tableSource(() => this.rows(), this.sort);

  constructor() {
    super();
    this.load();
  }

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  /** « Valorisation issue des fiches de personnel mis à disposition (2 personnes, 2,00 ETPT) ». */
  protected valuationNote(row: SourceRow): string {
    const note = IN_KIND_VALUATION_NOTE.charAt(0).toUpperCase() + IN_KIND_VALUATION_NOTE.slice(1);
    const v = row.valuation;
    if (!v) return `${note} : aucune personne mise à disposition en ${this.fy.year()}.`;
    return `${note} (${v.headcount} ${v.headcount > 1 ? 'personnes' : 'personne'}, ${v.etpt} ETPT)`;
  }

  protected load(): void {
    this.state.set('loading');
    this.api.fundingSources().subscribe({
      next: (sources) => {
        this.sources.set(sources);
        this.state.set('ready');
      },
      error: () => this.state.set('failed'),
    });
  }

  protected retry(): void {
    if (this.fy.state() !== 'ready') this.fy.load();
    this.load();
  }

  protected edit(source: FundingSource | null): void {
    this.dialog
      .open<FundingSourceDialog, FundingSourceDialogData, FundingSourceDialogResult>(FundingSourceDialog, { data: { source }, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        if (result.outcome === 'conflict' && source) return this.reloadAfterConflict(source);
        if (result.outcome === 'saved') this.snackBar.open(`Source ${result.source.code} enregistrée.`, 'Fermer', { duration: 5000 });
        this.load();
      });
  }

  protected notify(source: FundingSource): void {
    const year = this.fy.year()!;
    this.dialog
      .open<NotificationDialog, NotificationDialogData, NotificationDialogResult>(NotificationDialog, { data: { source, year }, width: '520px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        if (result.outcome === 'conflict') return this.reloadAfterConflict(source);
        this.snackBar.open(`Montant notifié ${year} de ${source.code} : ${formatEuros(result.notification.amountCents)}.`, 'Fermer', { duration: 5000 });
        this.load();
      });
  }

  private reloadAfterConflict(before: FundingSource): void {
    this.api.fundingSources().subscribe((sources) => {
      this.sources.set(sources);
      const after = sources.find((s) => s.id === before.id);
      const year = this.fy.year();
      const notified = (s: FundingSource) => s.notifications.find((n) => n.year === year)?.amountCents ?? null;
      const changes = describeChanges(
        { ...before, notified: notified(before) },
        after ? { ...after, notified: notified(after) } : null,
        { label: 'libellé', funder: 'financeur', nature: 'nature', inKind: 'en nature', notified: `montant notifié ${year}` },
        {
          nature: (v) => fundingNatureLabels[v as FundingSource['nature']],
          inKind: (v) => (v ? 'oui' : 'non'),
          notified: (v) => (v === null ? '—' : formatEuros(v as number)),
        },
      );
      this.snackBar.open(staleMessage(`La source ${before.code}`, changes), 'Fermer', { duration: 15000, panelClass: 'snackbar-error' });
    });
  }
}
