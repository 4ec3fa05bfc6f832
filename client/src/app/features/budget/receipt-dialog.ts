import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CreateFundingReceipt, type FundingReceipt, type SourceReceipts, formatEuros } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { fromIsoDate, toIsoDate } from '../../shared/dates/iso-date';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { type FormDialog, saveFromDialog, showIssues } from '../../shared/forms/dialog-save';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
import { BudgetApi } from './budget-api';

export interface ReceiptDialogData {
  readonly year: number;
  /** The cash sources notified for the year. */
  readonly sources: readonly SourceReceipts[];
  readonly fundingSourceId: number | null;
  readonly date: string;
}

/** A receipt (recette encaissée): the cash a notified source paid, its date and its accounting reference. */
@Component({
  selector: 'app-receipt-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatDatepickerModule, MatButtonModule, MatProgressBarModule, MoneyInput],
  providers: [provideFrenchDatepickerIntl()],
  template: `
    <h2 mat-dialog-title>Nouvelle recette encaissée — {{ data.year }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (formErrors().length) {
          <div class="form-errors" role="alert">
            @for (message of formErrors(); track $index) {
              <p>{{ message }}</p>
            }
          </div>
        }
        <mat-form-field class="full-width">
          <mat-label>Source de financement</mat-label>
          <mat-select formControlName="fundingSourceId" required cdkFocusInitial>
            @for (source of data.sources; track source.fundingSourceId) {
              <mat-option [value]="source.fundingSourceId">{{ source.code }} — {{ source.label }}</mat-option>
            }
          </mat-select>
          @if (chosen(); as s) {
            <mat-hint>Notifié {{ euros(s.notifiedCents) }}, encaissé {{ euros(s.collectedCents) }}, reste à encaisser {{ euros(s.toCollectCents) }}</mat-hint>
          }
          @if (form.controls.fundingSourceId.invalid) {
            <mat-error>{{ errorOf(form.controls.fundingSourceId) }}</mat-error>
          }
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label>Date d’encaissement</mat-label>
            <input matInput [matDatepicker]="picker" formControlName="receivedOn" required autocomplete="off" />
            <mat-hint>JJ/MM/AAAA, dans l’exercice</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
            @if (form.controls.receivedOn.invalid) {
              <mat-error>{{ errorOf(form.controls.receivedOn) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Montant encaissé</mat-label>
            <input matInput appMoneyInput [minCents]="1" formControlName="amountCents" required />
            <mat-hint>En euros, par exemple 140 000</mat-hint>
            @if (form.controls.amountCents.invalid) {
              <mat-error>{{ moneyErrorOf(form.controls.amountCents) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label>Référence comptable</mat-label>
          <input matInput formControlName="reference" required autocomplete="off" />
          <mat-hint>Titre de recette, avis de crédit… unique dans l’exercice</mat-hint>
          @if (form.controls.reference.invalid) {
            <mat-error>{{ errorOf(form.controls.reference, { required: 'La référence est obligatoire.' }) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Enregistrer la recette</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './budget-dialog.scss',
})
export class ReceiptDialog {
  private readonly api = inject(BudgetApi);
  private readonly dialogRef = inject<MatDialogRef<ReceiptDialog, FundingReceipt>>(MatDialogRef);
  protected readonly data = inject<ReceiptDialogData>(MAT_DIALOG_DATA);

  protected readonly errorOf = controlErrorMessage;
  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly euros = (cents: number) => formatEuros(cents);
  protected readonly saving = signal(false);
  protected readonly formErrors = signal<string[]>([]);

  protected readonly form = new FormGroup({
    fundingSourceId: new FormControl<number | null>(this.data.fundingSourceId, { validators: [Validators.required] }),
    receivedOn: new FormControl<Date | null>(fromIsoDate(this.data.date), { validators: [Validators.required] }),
    amountCents: new FormControl<number | null>(null, { validators: [Validators.required] }),
    reference: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
  });
  private readonly sourceId = toSignal(this.form.controls.fundingSourceId.valueChanges, { initialValue: this.data.fundingSourceId });
  protected readonly chosen = computed(() => this.data.sources.find((s) => s.fundingSourceId === this.sourceId()) ?? null);

  private readonly formDialog: FormDialog<FundingReceipt> = {
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
    const parsed = CreateFundingReceipt.safeParse({ ...value, receivedOn: value.receivedOn ? toIsoDate(value.receivedOn) : null });
    if (!parsed.success) return showIssues(this.formDialog, parsed.error.issues);
    if (!parsed.data.receivedOn.startsWith(`${this.data.year}-`)) {
      return showIssues(this.formDialog, [{ path: ['receivedOn'], message: `La date doit appartenir à l’exercice ${this.data.year}.` }]);
    }
    saveFromDialog(this.api.createReceipt(parsed.data), this.formDialog, (receipt) => receipt);
  }
}
