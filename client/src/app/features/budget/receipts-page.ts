import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { type FundingReceipt, type ReceiptsOfYear, formatDateFr, formatEuros } from '@cn2r/shared';
import { AuthService } from '../../core/auth/auth-service';
import { todayIso } from '../../shared/dates/iso-date';
import { AttachmentsDialog, type AttachmentsDialogData } from './attachments-dialog';
import { BudgetApi } from './budget-api';
import { FiscalYearPicker } from './fiscal-year-picker';
import { defaultEntryDate, fiscalYearChoice } from './fiscal-year-choice';
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
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule, MatTableModule, FiscalYearPicker],
  template: `
    <div class="page-header">
      <h1>Recettes encaissées</h1>
      <app-fiscal-year-picker [years]="fy.years()" [year]="fy.year()" (chosen)="fy.choose($event)" />
    </div>
    @if (state() === 'loading' || fy.state() === 'loading') {
      <div class="loading" role="status">
        <mat-progress-spinner mode="indeterminate" diameter="40" aria-label="Chargement des recettes" />
      </div>
    } @else if (state() === 'failed' || fy.state() !== 'ready') {
      <div class="empty-state">
        <mat-icon aria-hidden="true">cloud_off</mat-icon>
        <p>Les recettes n’ont pas pu être chargées.</p>
        <button mat-stroked-button type="button" (click)="retry()">Réessayer</button>
      </div>
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
              <td mat-cell *matCellDef="let s" class="num">{{ euros(s.notifiedCents) }}</td>
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
export class ReceiptsPage {
  private readonly api = inject(BudgetApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly annee = input<string>();
  protected readonly fy = fiscalYearChoice(this.annee);
  protected readonly canWrite = inject(AuthService).can('budget.write');
  protected readonly writable = computed(() => this.canWrite && this.fy.isOpen());
  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly data = signal<ReceiptsOfYear | null>(null);
  protected readonly sourceColumns = ['source', 'notified', 'collected', 'toCollect'];
  protected readonly receiptColumns = ['receivedOn', 'source', 'reference', 'amount', 'actions'];

  protected readonly cashSources = computed(() => (this.data()?.sources ?? []).filter((s) => !s.inKind));
  protected readonly rows = computed<ReceiptRow[]>(() =>
    (this.data()?.sources ?? [])
      .flatMap((s) => s.receipts.map((r) => ({ ...r, sourceCode: s.code })))
      .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id - b.id),
  );

  constructor() {
    effect(() => {
      const year = this.fy.year();
      if (year !== null) this.load(year);
    });
  }

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  protected date(iso: string): string {
    return formatDateFr(iso);
  }

  protected load(year = this.fy.year()): void {
    if (year === null) return;
    this.state.set('loading');
    this.api.receipts(year).subscribe({
      next: (data) => {
        this.data.set(data);
        this.state.set('ready');
      },
      error: () => this.state.set('failed'),
    });
  }

  protected retry(): void {
    if (this.fy.state() !== 'ready') this.fy.load();
    else this.load();
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
      .subscribe((result) => {
        if (!result) return;
        if (result.outcome === 'conflict') {
          this.snackBar.open('La trésorerie a été modifiée entre-temps : la page est rechargée, refaites votre modification.', 'Fermer', { duration: 10000, panelClass: 'snackbar-error' });
        } else {
          this.snackBar.open(`Trésorerie au 1er janvier ${year} : ${formatEuros(result.openingCash.amountCents)}.`, 'Fermer', { duration: 5000 });
        }
        this.load();
      });
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
