import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, input, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSort, MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import {
  type AccountingImportResult,
  type BudgetExecution,
  type BudgetLine,
  type Commitment,
  type Payment,
  formatEuros,
  formatPercent,
  paymentKindLabels,
  formatDateFr,
} from '@cn2r/shared';
import { type Observable, forkJoin } from 'rxjs';
import { todayIso } from '../../shared/dates/iso-date';
import { countText } from '../collection-import/imported-value';
import { AccountingImportDialog, type AccountingImportDialogData, accountingImportSummary } from './accounting-import-dialog';
import { AttachmentsDialog, type AttachmentsDialogData } from './attachments-dialog';
import { commitmentsXlsxUrl, paymentsXlsxUrl } from './budget-files-api';
import { CommitmentDialog, type CommitmentDialogData } from './commitment-dialog';
import { type CommitmentBalance, commitmentBalances, paymentReversible } from './entry-balances';
import { FiscalYearPicker } from './fiscal-year-picker';
import { defaultEntryDate } from './fiscal-year-choice';
import { PaymentDialog, type PaymentDialogData } from './payment-dialog';
import { ReversalDialog, type ReversalDialogData } from './reversal-dialog';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { IconAction } from '../../shared/table/icon-action';
import { BudgetYearDataPage } from './budget-year-page';
import { tableSource } from '../../shared/table/table-source';
import { DownloadLink } from '../../shared/download/download-link';

interface CommitmentRow extends Commitment {
  readonly lineCode: string;
  readonly balance: CommitmentBalance | null;
  readonly leftCents: number | null;
}

interface PaymentRow extends Payment {
  readonly lineCode: string;
  readonly kindLabel: string;
  readonly commitmentLabel: string;
  readonly reversibleCents: number | null;
}

/** What the page loads for a year. */
interface EntriesOfYear {
  readonly lines: BudgetLine[];
  readonly commitments: Commitment[];
  readonly payments: Payment[];
  readonly execution: BudgetExecution;
}

/**
 * The year's commitments (engagements, consuming AE) and payments (consuming CP), reversal
 * entries included, per line or all together, with what is left to pay on each commitment.
 * Finance and administrators record and reverse entries in an open year; the board reads.
 */
@Component({
  selector: 'app-entries-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DownloadLink,
    IconAction,
    LoadingSpinner,
    LoadFailed,
    EmptyState,
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    MatTabsModule,
    FiscalYearPicker,
  ],
  templateUrl: './entries-page.html',
  styleUrl: './budget-pages.scss',
  host: { class: 'page' },
})
export class EntriesPage extends BudgetYearDataPage<EntriesOfYear> {
  /** Query parameter (withComponentInputBinding), with `annee`. */
  readonly ligne = input<string>();

  protected readonly lines = signal<BudgetLine[]>([]);
  protected readonly commitments = signal<Commitment[]>([]);
  protected readonly payments = signal<Payment[]>([]);
  protected readonly execution = signal<BudgetExecution | null>(null);

  protected readonly lineFilter = signal<number | null>(null);
  protected readonly search = signal('');

  protected readonly commitmentColumns = ['committedOn', 'lineCode', 'thirdParty', 'object', 'reference', 'amountCents', 'paidCents', 'leftCents', 'actions'];
  protected readonly paymentColumns = ['paidOn', 'lineCode', 'kindLabel', 'commitmentLabel', 'reference', 'amountCents', 'actions'];
  private readonly commitmentSort = viewChild<MatSort>('commitmentSort');
  private readonly paymentSort = viewChild<MatSort>('paymentSort');
  protected readonly commitmentSource = tableSource(() => this.commitmentRows(), this.commitmentSort);
  protected readonly paymentSource = tableSource(() => this.paymentRows(), this.paymentSort);

  /** The Excel downloads of what the tables show (the line filter applies, as in the tables). */
  protected readonly commitmentsXlsx = computed(() => commitmentsXlsxUrl(this.fy.year()!, this.lineFilter()));
  protected readonly paymentsXlsx = computed(() => paymentsXlsxUrl(this.fy.year()!, this.lineFilter()));

  private readonly linesById = computed(() => new Map(this.lines().map((line) => [line.id, line])));
  private readonly balances = computed(() => commitmentBalances(this.commitments()));

  /** The figures of the line chosen in the filter, from the execution. */
  protected readonly lineFigures = computed(() => {
    const id = this.lineFilter();
    return id === null ? null : (this.execution()?.lines.find((line) => line.lineId === id) ?? null);
  });

  private readonly commitmentRows = computed<CommitmentRow[]>(() => {
    const balances = this.balances();
    return this.commitments()
      .filter((c) => this.matches(c.lineId, [c.thirdParty, c.object, c.reference, c.reason]))
      .map((c) => {
        const balance = c.reversesId === null ? (balances.get(c.id) ?? null) : null;
        return { ...c, lineCode: this.linesById().get(c.lineId)?.code ?? '', balance, leftCents: balance?.leftCents ?? null };
      });
  });

  private readonly paymentRows = computed<PaymentRow[]>(() => {
    const reversible = paymentReversible(this.payments());
    const commitments = new Map(this.commitments().map((c) => [c.id, c]));
    return this.payments()
      .filter((p) => this.matches(p.lineId, [p.reference, p.reason, commitments.get(p.commitmentId ?? 0)?.thirdParty ?? null]))
      .map((p) => {
        const commitment = p.commitmentId === null ? undefined : commitments.get(p.commitmentId);
        return {
          ...p,
          lineCode: this.linesById().get(p.lineId)?.code ?? '',
          kindLabel: paymentKindLabels[p.kind],
          commitmentLabel: commitment ? `${commitment.thirdParty} — ${commitment.object}` : '',
          reversibleCents: p.reversesId === null ? (reversible.get(p.id) ?? null) : null,
        };
      });
  });

  constructor() {
    super();
    effect(() => {
      const asked = Number(this.ligne());
      this.lineFilter.set(Number.isInteger(asked) && asked > 0 ? asked : null);
    });
  }

  protected fetch(year: number): Observable<EntriesOfYear> {
    return forkJoin({
      lines: this.api.lines(year),
      commitments: this.api.commitments(year),
      payments: this.api.payments(year),
      execution: this.api.execution(year),
    });
  }

  protected show({ lines, commitments, payments, execution }: EntriesOfYear): void {
    this.lines.set(lines);
    this.commitments.set(commitments);
    this.payments.set(payments);
    this.execution.set(execution);
  }

  protected euros(cents: number | null): string {
    return cents === null ? '—' : formatEuros(cents);
  }

  protected rate(bp: number | null): string {
    return bp === null ? '—' : formatPercent(bp);
  }

  protected openCommitment(): void {
    const year = this.fy.year()!;
    const data: CommitmentDialogData = {
      year,
      lines: this.lines(),
      leftAeCents: new Map((this.execution()?.lines ?? []).map((line) => [line.lineId, line.leftAeCents])),
      lineId: this.lineFilter(),
      date: defaultEntryDate(year, todayIso()),
    };
    this.dialog
      .open<CommitmentDialog, CommitmentDialogData, Commitment>(CommitmentDialog, { data, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((commitment) => {
        if (!commitment) return;
        this.snackBar.open(`Engagement de ${formatEuros(commitment.amountCents)} enregistré (${commitment.thirdParty}).`, 'Fermer', { duration: 6000 });
        this.load();
      });
  }

  protected openPayment(commitment?: CommitmentRow): void {
    const year = this.fy.year()!;
    const data: PaymentDialogData = {
      year,
      lines: this.lines(),
      commitments: this.commitments(),
      leftCpCents: new Map((this.execution()?.lines ?? []).map((line) => [line.lineId, line.leftCpCents])),
      lineId: commitment?.lineId ?? this.lineFilter(),
      commitmentId: commitment?.id ?? null,
      date: defaultEntryDate(year, todayIso()),
    };
    this.dialog
      .open<PaymentDialog, PaymentDialogData, Payment>(PaymentDialog, { data, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((payment) => {
        if (!payment) return;
        this.snackBar.open(`Paiement de ${formatEuros(payment.amountCents)} enregistré.`, 'Fermer', { duration: 6000 });
        this.load();
      });
  }

  protected reverseCommitment(row: CommitmentRow): void {
    const reversible = (row.balance?.leftCents ?? 0);
    this.openReversal({
      kind: 'commitment',
      id: row.id,
      description: `Engagement « ${row.object} » (${row.thirdParty}) du ${formatDateFr(row.committedOn)}, reste ${formatEuros(row.balance?.netCents ?? 0)} dont ${formatEuros(row.balance?.paidCents ?? 0)} payés`,
      reversibleCents: reversible,
      date: defaultEntryDate(this.fy.year()!, todayIso()),
    });
  }

  protected reversePayment(row: PaymentRow): void {
    this.openReversal({
      kind: 'payment',
      id: row.id,
      description: `Paiement ${row.kindLabel.toLowerCase()} du ${formatDateFr(row.paidOn)}${row.reference ? ` (${row.reference})` : ''}`,
      reversibleCents: row.reversibleCents ?? 0,
      date: defaultEntryDate(this.fy.year()!, todayIso()),
    });
  }

  private openReversal(data: ReversalDialogData): void {
    this.dialog
      .open<ReversalDialog, ReversalDialogData, Commitment | Payment>(ReversalDialog, { data, width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((entry) => {
        if (!entry) return;
        this.snackBar.open(`Annulation de ${formatEuros(-entry.amountCents)} enregistrée.`, 'Fermer', { duration: 6000 });
        this.load();
      });
  }

  /** « de l’engagement BC-12 », or its object and third party when it has no reference. */
  protected ofCommitment(row: CommitmentRow): string {
    return `de l’engagement ${row.reference ?? `« ${row.object} » (${row.thirdParty})`}`;
  }

  /** « du paiement F-3 », or its date when it has no reference. */
  protected ofPayment(row: PaymentRow): string {
    return `du paiement ${row.reference ?? `du ${formatDateFr(row.paidOn)}`}`;
  }

  protected openAttachments(entityType: 'commitment' | 'payment', id: number, ofEntry: string): void {
    const data: AttachmentsDialogData = { entityType, entityId: id, ofEntry, writable: this.writable() };
    this.dialog.open<AttachmentsDialog, AttachmentsDialogData>(AttachmentsDialog, { data, width: '920px', maxWidth: '95vw' });
  }

  protected openImport(): void {
    const data: AccountingImportDialogData = { year: this.fy.year()! };
    this.dialog
      .open<AccountingImportDialog, AccountingImportDialogData, AccountingImportResult>(AccountingImportDialog, { data, width: '760px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        const s = accountingImportSummary(result);
        this.snackBar.open(
          `Import enregistré : ${countText(s.commitments, 'engagement')} pour ${formatEuros(s.commitmentsCents)}, ${countText(s.payments, 'paiement')} pour ${formatEuros(s.paymentsCents)}${s.receipts > 0 ? `, ${countText(s.receipts, 'recette')} pour ${formatEuros(s.receiptsCents)}` : ''}.`,
          'Fermer',
          { duration: 8000 },
        );
        this.load();
      });
  }

  private matches(lineId: number, texts: readonly (string | null)[]): boolean {
    const line = this.lineFilter();
    if (line !== null && lineId !== line) return false;
    const term = this.search().trim().toLocaleLowerCase('fr');
    return term === '' || texts.some((text) => text?.toLocaleLowerCase('fr').includes(term));
  }
}
