import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { type FundingReceipt, IN_KIND_VALUATION_NOTE, type ReceiptsOfYear, formatDateFr, formatEuros } from '@cn2r/shared';
import { todayIso } from '../../shared/dates/iso-date';
import { reportEditOutcome } from '../../shared/forms/edit-outcome';
import { EmptyState } from '../../shared/loading/empty-state';
import { LoadFailed } from '../../shared/loading/load-failed';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { AttachmentsDialog, type AttachmentsDialogData } from './attachments-dialog';
import { BudgetYearDataPage } from './budget-year-page';
import { FiscalYearPicker } from './fiscal-year-picker';
import { defaultEntryDate } from './fiscal-year-choice';
import { OpeningCashDialog, type OpeningCashDialogData, type OpeningCashDialogResult } from './opening-cash-dialog';
import { ReceiptDialog, type ReceiptDialogData } from './receipt-dialog';
import { ReversalDialog, type ReversalDialogData, type ReversedEntry } from './reversal-dialog';

interface ReceiptRow extends FundingReceipt {
  readonly sourceCode: string;
}

/**
 * Receipts (recettes encaissées) of a year: per notified source, what it notified, what it paid
 * and what is left to collect; then every receipt and reversal by date; and the cash position on
 * 1 January. Finance records and reverses receipts and sets the cash in an open year; the board
 * reads. In-kind sources collect no cash.
 */
@Component({
  selector: 'app-receipts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatTableModule, FiscalYearPicker, LoadingSpinner, LoadFailed, EmptyState],
  template: `
    <div class="page-header">
      <h1>Recettes encaissées</h1>
      <app-fiscal-year-picker [years]="fy.years()" [year]="fy.year()" (chosen)="fy.choose($event)" />
    </div>
    @if (fy.state() === 'loading' || state() === 'loading') {
      <app-loading-spinner label="Chargement des recettes" />
    } @else if (fy.state() === 'failed' || fy.state() === 'forbidden' || state() === 'failed') {
      <app-load-failed text="Les recettes n’ont pas pu être chargées." (retry)="retry()" />
    } @else if (fy.year() === null) {
      <app-empty-state icon="event_busy">
        <p>Aucun exercice budgétaire : ouvrez-en un dans l’onglet « Exercices ».</p>
      </app-empty-state>
    } @else if (data(); as d) {
      @if (!fy.isOpen()) {
        <p class="read-only-note">L’exercice {{ fy.year() }} est clos : ses recettes sont en lecture seule.</p>
      } @else if (!canWrite) {
        <p class="read-only-note">Lecture seule : les finances enregistrent les recettes.</p>
      }
      <ul class="figures" aria-label="Recettes {{ d.year }}">
        <li class="figure">
          <span class="figure-label">Notifié (hors nature)</span>
          <span class="figure-value">{{ euros(d.notifiedCents) }}</span>
        </li>
        <li class="figure">
          <span class="figure-label">Encaissé</span>
          <span class="figure-value">{{ euros(d.collectedCents) }}</span>
        </li>
        <li class="figure">
          <span class="figure-label">Reste à encaisser</span>
          <span class="figure-value">{{ euros(d.notifiedCents - d.collectedCents) }}</span>
        </li>
        <li class="figure">
          <span class="figure-label">Trésorerie au 1er janvier</span>
          <span class="figure-value">{{ d.openingCash ? euros(d.openingCash.amountCents) : 'Non saisie' }}</span>
        </li>
      </ul>
      @if (writable()) {
        <div class="toolbar">
          <button mat-flat-button type="button" (click)="openReceipt(null)" [disabled]="cashSources().length === 0">
            <mat-icon>add</mat-icon>
            Nouvelle recette
          </button>
          <button mat-stroked-button type="button" (click)="editOpeningCash()">
            {{ d.openingCash ? 'Corriger la trésorerie au 1er janvier' : 'Saisir la trésorerie au 1er janvier' }}
          </button>
        </div>
      }
      @if (d.sources.length === 0) {
        <p class="empty-state">Aucun montant notifié pour {{ d.year }} : saisissez les notifications dans l’onglet « Financements », puis les recettes ici.</p>
      } @else {
        <div class="table-container" tabindex="0" role="region" aria-label="Recettes par source">
          <table mat-table [dataSource]="d.sources" aria-label="Notifié, encaissé et reste à encaisser par source {{ d.year }}">
            <ng-container matColumnDef="source">
              <th mat-header-cell *matHeaderCellDef scope="col">Source</th>
              <td mat-cell *matCellDef="let s"><span class="code">{{ s.code }}</span> {{ s.label }}</td>
            </ng-container>
            <ng-container matColumnDef="notified">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">Notifié</th>
              <td mat-cell *matCellDef="let s" class="num">
                {{ euros(s.notifiedCents) }}
                @if (s.inKind) {
                  <span class="in-kind-note">{{ inKindNote }}</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="collected">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">Encaissé</th>
              <td mat-cell *matCellDef="let s" class="num">{{ s.inKind ? 'En nature : sans encaissement' : euros(s.collectedCents) }}</td>
            </ng-container>
            <ng-container matColumnDef="toCollect">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">Reste à encaisser</th>
              <td mat-cell *matCellDef="let s" class="num">{{ s.inKind ? '—' : euros(s.toCollectCents) }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="sourceColumns"></tr>
            <tr mat-row *matRowDef="let row; columns: sourceColumns"></tr>
          </table>
        </div>

        <h2>Écritures de recette</h2>
        @if (rows().length === 0) {
          <p class="empty-state">Aucune recette encaissée en {{ d.year }}{{ writable() ? ' : « Nouvelle recette » ou l’import comptable (onglet « Engagements et paiements ») les enregistrent.' : '.' }}</p>
        } @else {
          <div class="table-container" tabindex="0" role="region" aria-label="Écritures de recette">
            <table mat-table [dataSource]="rows()" aria-label="Recettes encaissées {{ d.year }}, par date">
              <ng-container matColumnDef="receivedOn">
                <th mat-header-cell *matHeaderCellDef scope="col">Date</th>
                <td mat-cell *matCellDef="let r">{{ date(r.receivedOn) }}</td>
              </ng-container>
              <ng-container matColumnDef="source">
                <th mat-header-cell *matHeaderCellDef scope="col">Source</th>
                <td mat-cell *matCellDef="let r"><span class="code">{{ r.sourceCode }}</span></td>
              </ng-container>
              <ng-container matColumnDef="reference">
                <th mat-header-cell *matHeaderCellDef scope="col">Référence</th>
                <td mat-cell *matCellDef="let r" [class.reversal]="r.reversesId !== null">
                  {{ r.reference }}
                  @if (r.reversesId !== null) {
                    — annulation : {{ r.reason }}
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="amount">
                <th mat-header-cell *matHeaderCellDef scope="col" class="num">Montant</th>
                <td mat-cell *matCellDef="let r" class="num">{{ euros(r.amountCents) }}</td>
              </ng-container>
              <ng-container matColumnDef="actions">
                <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
                <td mat-cell *matCellDef="let r" class="actions">
                  @if (r.reversesId === null) {
                    <button mat-button type="button" (click)="openAttachments(r)" [attr.aria-label]="'Pièces justificatives de la recette ' + r.reference">
                      Pièces ({{ r.attachmentCount }})
                    </button>
                    @if (writable() && r.netCents > 0) {
                      <button mat-button type="button" (click)="reverse(r)" [attr.aria-label]="'Annuler la recette ' + r.reference">Annuler</button>
                    }
                  }
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="receiptColumns"></tr>
              <tr mat-row *matRowDef="let row; columns: receiptColumns"></tr>
            </table>
          </div>
        }
      }
    }
  `,
  styleUrl: './budget-pages.scss',
  host: { class: 'page' },
})
export class ReceiptsPage extends BudgetYearDataPage<ReceiptsOfYear> {
  protected readonly data = signal<ReceiptsOfYear | null>(null);
  protected readonly sourceColumns = ['source', 'notified', 'collected', 'toCollect'];
  protected readonly receiptColumns = ['receivedOn', 'source', 'reference', 'amount', 'actions'];

  /** An in-kind source's « notified » amount is its valuation from the staff records, never typed. */
  protected readonly inKindNote = IN_KIND_VALUATION_NOTE.charAt(0).toUpperCase() + IN_KIND_VALUATION_NOTE.slice(1);
  protected readonly cashSources = computed(() => (this.data()?.sources ?? []).filter((s) => !s.inKind));
  protected readonly rows = computed<ReceiptRow[]>(() =>
    (this.data()?.sources ?? [])
      .flatMap((s) => s.receipts.map((r) => ({ ...r, sourceCode: s.code })))
      .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id - b.id),
  );

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  protected date(iso: string): string {
    return formatDateFr(iso);
  }

  protected fetch(year: number) {
    return this.api.receipts(year);
  }

  protected show(data: ReceiptsOfYear): void {
    this.data.set(data);
  }

  protected openReceipt(fundingSourceId: number | null): void {
    const year = this.fy.year()!;
    const data: ReceiptDialogData = { year, sources: this.cashSources(), fundingSourceId, date: defaultEntryDate(year, todayIso()) };
    this.dialog
      .open<ReceiptDialog, ReceiptDialogData, FundingReceipt>(ReceiptDialog, { data, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((receipt) => {
        if (!receipt) return;
        this.snackBar.open(`Recette de ${formatEuros(receipt.amountCents)} enregistrée (${receipt.reference}).`, 'Fermer', { duration: 6000 });
        this.load();
      });
  }

  protected editOpeningCash(): void {
    const year = this.fy.year()!;
    const data: OpeningCashDialogData = { year, current: this.data()?.openingCash ?? null };
    this.dialog
      .open<OpeningCashDialog, OpeningCashDialogData, OpeningCashDialogResult>(OpeningCashDialog, { data, width: '520px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) =>
        reportEditOutcome(
          this.snackBar,
          result,
          {
            conflict: 'La trésorerie a été modifiée entre-temps : la page est rechargée, refaites votre modification.',
            saved: (r) => `Trésorerie au 1er janvier ${year} : ${formatEuros(r.openingCash.amountCents)}.`,
          },
          () => this.load(),
        ),
      );
  }

  protected reverse(row: ReceiptRow): void {
    const data: ReversalDialogData = {
      kind: 'receipt',
      id: row.id,
      description: `Recette ${row.reference} de ${row.sourceCode} du ${formatDateFr(row.receivedOn)}`,
      reversibleCents: row.netCents,
      date: defaultEntryDate(this.fy.year()!, todayIso()),
    };
    this.dialog
      .open<ReversalDialog, ReversalDialogData, ReversedEntry>(ReversalDialog, { data, width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((entry) => {
        if (!entry) return;
        this.snackBar.open(`Annulation de ${formatEuros(-entry.amountCents)} enregistrée.`, 'Fermer', { duration: 6000 });
        this.load();
      });
  }

  protected openAttachments(row: ReceiptRow): void {
    const data: AttachmentsDialogData = { entityType: 'receipt', entityId: row.id, ofEntry: `de la recette ${row.reference}`, writable: this.writable() };
    this.dialog
      .open<AttachmentsDialog, AttachmentsDialogData>(AttachmentsDialog, { data, width: '920px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe(() => this.load());
  }
}
