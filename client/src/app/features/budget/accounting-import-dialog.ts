import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ACCOUNTING_IMPORT_MAX_BYTES, type AccountingImportProblem, type AccountingImportResult, formatEuros } from '@cn2r/shared';
import { EMPTY, catchError, finalize } from 'rxjs';
import { toApiError } from '../../core/http/api-error';
import { countText, fileSizeText } from '../collection-import/imported-value';
import { BudgetFilesApi, accountingImportTypeOf } from './budget-files-api';

export interface AccountingImportDialogData {
  readonly year: number;
}

/** What a checked file would create (or created): per kind, how many entries and for how much. */
export interface AccountingImportSummary {
  readonly commitments: number;
  readonly commitmentsCents: number;
  readonly payments: number;
  readonly paymentsCents: number;
  readonly receipts: number;
  readonly receiptsCents: number;
}

export function accountingImportSummary(result: AccountingImportResult): AccountingImportSummary {
  const of = (kind: AccountingImportResult['entries'][number]['kind']) => result.entries.filter((e) => e.kind === kind);
  const total = (entries: { amountCents: number }[]) => entries.reduce((sum, e) => sum + e.amountCents, 0);
  const commitments = of('commitment');
  const payments = of('payment');
  const receipts = of('receipt');
  return {
    commitments: commitments.length,
    commitmentsCents: total(commitments),
    payments: payments.length,
    paymentsCents: total(payments),
    receipts: receipts.length,
    receiptsCents: total(receipts),
  };
}

/** The columns of the export, as `reports/src/budget/parse-accounting-export.ts` reads them. */
const COLUMNS: readonly { name: string; content: string }[] = [
  { name: 'date', content: 'JJ/MM/AAAA ou AAAA-MM-JJ (ou une date Excel), dans l’exercice' },
  { name: 'ligne', content: 'le code de la ligne budgétaire de l’exercice (vide pour une recette)' },
  { name: 'type', content: '« engagement », « paiement » ou « recette » (un encaissement d’une source de financement)' },
  { name: 'tiers', content: 'le tiers (obligatoire pour un engagement)' },
  { name: 'objet', content: 'l’objet (obligatoire pour un engagement)' },
  { name: 'reference', content: 'la référence comptable, obligatoire et unique : une écriture déjà importée est refusée' },
  { name: 'montant', content: 'positif, en euros : « 1 234,56 », « 1234.56 » (ou un nombre Excel)' },
  { name: 'engagement', content: 'pour un paiement, la référence de son engagement (dans le fichier ou déjà enregistré), facultatif' },
  { name: 'nature_paiement', content: 'pour un paiement : facture (par défaut), paie, remboursement ou autre' },
  { name: 'source', content: 'pour une recette, le code de la source de financement (qui doit avoir un montant notifié dans l’exercice)' },
];

/**
 * The import of an accounting export (commitments, payments and receipts) into an open year: choose the
 * file, check it (dry run: what would be created and every problem, nothing recorded), then
 * import it when it has no problem — all entries or none. Closes with the applied result.
 */
@Component({
  selector: 'app-accounting-import-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatIconModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>Importer un export comptable — exercice {{ data.year }}</h2>
    <mat-dialog-content>
      <section aria-labelledby="import-format">
        <h3 id="import-format">Format attendu</h3>
        <p class="help">
          Un classeur Excel (.xlsx, première feuille) ou un fichier CSV (séparateur « ; », encodé en UTF-8), 5 Mo au plus. La première ligne
          nomme les colonnes, dans n’importe quel ordre (majuscules et accents indifférents) ; puis une écriture par ligne. Colonnes
          obligatoires : date, ligne, type, reference, montant.
        </p>
        <dl class="columns">
          @for (column of columns; track column.name) {
            <div>
              <dt><code>{{ column.name }}</code></dt>
              <dd>{{ column.content }}</dd>
            </div>
          }
        </dl>
      </section>

      <section class="choose" aria-labelledby="import-file-label">
        <label id="import-file-label" class="file-label" for="accounting-import-file">Export comptable (.xlsx ou .csv)</label>
        <input id="accounting-import-file" type="file" accept=".xlsx,.csv" (change)="fileChosen($event)" [disabled]="busy() !== null" />
        @if (file(); as f) {
          <p class="help">{{ f.name }} ({{ size(f.size) }})</p>
        }
        @if (fileProblem(); as problem) {
          <p class="form-errors" role="alert">{{ problem }}</p>
        }
      </section>

      @if (busy(); as state) {
        <div class="progress" role="status">
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="state === 'checking' ? 'Vérification du fichier' : 'Import en cours'" />
          <p class="help">{{ state === 'checking' ? 'Vérification du fichier…' : 'Import en cours…' }}</p>
        </div>
      }

      @if (refusal(); as r) {
        <div class="form-errors" role="alert">
          <p>Fichier refusé : {{ r.message }}</p>
          @if (r.problems.length > 0) {
            <ul class="problems" aria-label="Problèmes du fichier">
              @for (p of r.problems; track $index) {
                <li><strong>{{ p.location }}</strong> : {{ p.message }}</li>
              }
            </ul>
          }
        </div>
      }

      @if (check(); as c) {
        <section class="check" aria-labelledby="import-check">
          <h3 id="import-check">Vérification</h3>
          @if (summary(); as s) {
            <ul class="summary" aria-label="Écritures à créer">
              <li>Engagements à créer : {{ count(s.commitments, 'engagement') }} pour {{ euros(s.commitmentsCents) }}</li>
              <li>Paiements à créer : {{ count(s.payments, 'paiement') }} pour {{ euros(s.paymentsCents) }}</li>
              @if (s.receipts > 0) {
                <li>Recettes à créer : {{ count(s.receipts, 'recette') }} pour {{ euros(s.receiptsCents) }}</li>
              }
            </ul>
          }
          <p class="help" role="status">{{ count(c.problems.length, 'problème') }}. Rien n’a encore été enregistré.</p>
          @if (c.problems.length > 0) {
            <p class="form-errors">Corrigez le fichier puis vérifiez-le de nouveau : rien ne sera importé tant qu’il reste un problème.</p>
            <ul class="problems" aria-label="Problèmes du fichier">
              @for (p of c.problems; track $index) {
                <li><strong>{{ p.location }}</strong> : {{ p.message }}</li>
              }
            </ul>
          } @else if (c.entries.length === 0) {
            <p class="help">Le fichier ne contient aucune écriture : il n’y a rien à importer.</p>
          }
        </section>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Fermer</button>
      <button mat-stroked-button type="button" (click)="verify()" [disabled]="!canCheck()">
        <mat-icon>fact_check</mat-icon>
        Vérifier le fichier
      </button>
      @if (canImport()) {
        <button mat-flat-button type="button" (click)="import()">
          <mat-icon>publish</mat-icon>
          Importer
        </button>
      }
    </mat-dialog-actions>
  `,
  styleUrl: './budget-dialog.scss',
  styles: `
    h3 {
      font: var(--mat-sys-title-medium);
      margin: 8px 0;
    }
    .columns {
      margin: 0 0 12px;
      font: var(--mat-sys-body-medium);
      div {
        display: flex;
        gap: 8px;
      }
      dt {
        min-width: 130px;
      }
      dd {
        margin: 0;
      }
    }
    .file-label {
      display: block;
      margin-bottom: 4px;
      font: var(--mat-sys-body-medium);
    }
    .choose input[type='file'] {
      display: block;
      margin-bottom: 8px;
    }
    .progress {
      margin: 12px 0;
    }
    .problems {
      margin: 8px 0;
      padding-left: 20px;
    }
    .summary {
      margin: 0 0 8px;
      padding-left: 20px;
    }
  `,
})
export class AccountingImportDialog {
  private readonly api = inject(BudgetFilesApi);
  private readonly dialogRef = inject<MatDialogRef<AccountingImportDialog, AccountingImportResult>>(MatDialogRef);
  protected readonly data = inject<AccountingImportDialogData>(MAT_DIALOG_DATA);

  protected readonly columns = COLUMNS;
  protected readonly size = fileSizeText;
  protected readonly count = countText;
  protected readonly euros = (cents: number) => formatEuros(cents);

  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal<'checking' | 'importing' | null>(null);
  /** The dry run of the chosen file. */
  protected readonly check = signal<AccountingImportResult | null>(null);
  /** Why the file as a whole was refused, with the located problems that came with it. */
  protected readonly refusal = signal<{ message: string; problems: AccountingImportProblem[] } | null>(null);

  protected readonly summary = computed(() => {
    const check = this.check();
    return check ? accountingImportSummary(check) : null;
  });
  protected readonly fileProblem = computed(() => {
    const file = this.file();
    if (!file) return null;
    if (accountingImportTypeOf(file.name) === null) return `« ${file.name} » n’est ni un classeur .xlsx ni un fichier .csv.`;
    if (file.size === 0) return 'Le fichier est vide.';
    if (file.size > ACCOUNTING_IMPORT_MAX_BYTES) return `Fichier trop volumineux (${fileSizeText(file.size)}) : 5 Mo au plus.`;
    return null;
  });
  protected readonly canCheck = computed(() => this.file() !== null && this.fileProblem() === null && this.busy() === null);
  protected readonly canImport = computed(() => {
    const check = this.check();
    return check !== null && check.problems.length === 0 && check.entries.length > 0 && this.busy() === null;
  });

  /** A new file: what was checked before no longer holds. */
  protected fileChosen(event: Event): void {
    this.check.set(null);
    this.refusal.set(null);
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected verify(): void {
    const file = this.file();
    if (!file || !this.canCheck()) return;
    this.busy.set('checking');
    this.check.set(null);
    this.refusal.set(null);
    this.api
      .importAccounting(this.data.year, file, true)
      .pipe(
        catchError((error: unknown) => this.refused(error)),
        finalize(() => this.busy.set(null)),
      )
      .subscribe((result) => this.check.set(result));
  }

  protected import(): void {
    const file = this.file();
    if (!file || !this.canImport()) return;
    this.busy.set('importing');
    this.api
      .importAccounting(this.data.year, file, false)
      .pipe(
        catchError((error: unknown) => this.refused(error)),
        finalize(() => this.busy.set(null)),
      )
      .subscribe((result) => this.dialogRef.close(result));
  }

  /** A refused file, or problems found at the import (the data changed since the check): shown in the dialog. */
  private refused(error: unknown) {
    if (!(error instanceof HttpErrorResponse)) throw error;
    const apiError = toApiError(error);
    this.check.set(null);
    this.refusal.set({ message: apiError.message, problems: apiError.fields.map((f) => ({ location: f.path, message: f.message })) });
    return EMPTY;
  }
}
