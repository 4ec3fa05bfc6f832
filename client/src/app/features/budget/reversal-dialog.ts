import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type Commitment, type FundingReceipt, type Payment, ReverseEntry, formatEuros } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { fromIsoDate, toIsoDate } from '../../shared/dates/iso-date';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { type FormDialog, saveFromDialog, showIssues } from '../../shared/forms/dialog-save';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
import type { Observable } from 'rxjs';
import { BudgetApi } from './budget-api';

/** The reversal entry the dialog closes with. */
export type ReversedEntry = Commitment | Payment | FundingReceipt;

const TITLES: Record<ReversalDialogData['kind'], string> = { commitment: 'Annuler un engagement', payment: 'Annuler un paiement', receipt: 'Annuler une recette' };

export interface ReversalDialogData {
  readonly kind: 'commitment' | 'payment' | 'receipt';
  readonly id: number;
  /** « Engagement CHU de Lille — Convention 2026 du 12/03/2026 ». */
  readonly description: string;
  /** What may still be reversed, in cents. */
  readonly reversibleCents: number;
  readonly date: string;
}

/**
 * A correction of a commitment, a payment or a receipt: a negative entry with a mandatory reason, for the
 * whole remaining amount or a part of it. Nothing is ever deleted. Closes with the reversal entry.
 */
@Component({
  selector: 'app-reversal-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatDatepickerModule, MatButtonModule, MatProgressBarModule, MoneyInput],
  providers: [provideFrenchDatepickerIntl()],
  template: `
    <h2 mat-dialog-title>{{ titles[data.kind] }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="help">
          {{ data.description }}. Une écriture négative motivée est enregistrée ; l’écriture d’origine reste. Annulable au plus :
          {{ euros(data.reversibleCents) }}.
        </p>
        @if (formErrors().length) {
          <div class="form-errors" role="alert">
            @for (message of formErrors(); track $index) {
              <p>{{ message }}</p>
            }
          </div>
        }
        <mat-form-field class="full-width">
          <mat-label>Motif de l’annulation</mat-label>
          <textarea matInput formControlName="reason" required rows="2" cdkFocusInitial></textarea>
          @if (form.controls.reason.invalid) {
            <mat-error>{{ errorOf(form.controls.reason, { required: 'Le motif est obligatoire.' }) }}</mat-error>
          }
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label>Date de l’annulation</mat-label>
            <input matInput [matDatepicker]="picker" formControlName="date" required autocomplete="off" />
            <mat-hint>JJ/MM/AAAA</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
            @if (form.controls.date.invalid) {
              <mat-error>{{ errorOf(form.controls.date) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Montant annulé</mat-label>
            <input matInput appMoneyInput [minCents]="1" [maxCents]="data.reversibleCents" formControlName="amountCents" />
            <mat-hint>Vide : tout le montant annulable</mat-hint>
            @if (form.controls.amountCents.invalid) {
              <mat-error>{{ moneyErrorOf(form.controls.amountCents) }}</mat-error>
            }
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Fermer</button>
        <button mat-flat-button type="submit" class="destructive" [disabled]="saving()">Enregistrer l’annulation</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './budget-dialog.scss',
})
export class ReversalDialog {
  private readonly api = inject(BudgetApi);
  private readonly dialogRef = inject<MatDialogRef<ReversalDialog, ReversedEntry>>(MatDialogRef);
  protected readonly data = inject<ReversalDialogData>(MAT_DIALOG_DATA);

  protected readonly errorOf = controlErrorMessage;
  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly euros = (cents: number) => formatEuros(cents);
  protected readonly saving = signal(false);
  protected readonly formErrors = signal<string[]>([]);

  protected readonly form = new FormGroup({
    reason: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(500)] }),
    date: new FormControl<Date | null>(fromIsoDate(this.data.date), { validators: [Validators.required] }),
    amountCents: new FormControl<number | null>(null),
  });

  protected readonly titles = TITLES;
  private readonly formDialog: FormDialog<ReversedEntry> = {
    form: this.form,
    saving: this.saving,
    formErrors: this.formErrors,
    dialogRef: this.dialogRef,
  };

  protected submit(): void {
    if (this.saving()) return;
    this.formErrors.set([]);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const value = this.form.getRawValue();
    const parsed = ReverseEntry.safeParse({
      date: value.date ? toIsoDate(value.date) : null,
      reason: value.reason,
      ...(value.amountCents === null ? {} : { amountCents: value.amountCents }),
    });
    if (!parsed.success) return showIssues(this.formDialog, parsed.error.issues);
    const { id, kind } = this.data;
    const request: Observable<ReversedEntry> =
      kind === 'commitment' ? this.api.reverseCommitment(id, parsed.data) : kind === 'payment' ? this.api.reversePayment(id, parsed.data) : this.api.reverseReceipt(id, parsed.data);
    saveFromDialog<ReversedEntry, ReversedEntry>(request, this.formDialog, (entry) => entry);
  }
}
