import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CreateFundingReceipt, type FundingReceipt, type SourceReceipts, formatEuros } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { requiredControl, requiredDateControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
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
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatDatepickerModule, MatButtonModule, MatProgressBarModule, MoneyInput, FormErrors],
  providers: [provideFrenchDatepickerIntl()],
  template: `
    <h2 mat-dialog-title>Nouvelle recette encaissée — {{ data.year }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
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
export class ReceiptDialog extends FormDialogBase<FundingReceipt> {
  private readonly api = inject(BudgetApi);
  protected readonly data = inject<ReceiptDialogData>(MAT_DIALOG_DATA);

  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly euros = (cents: number) => formatEuros(cents);

  protected readonly form = new FormGroup({
    fundingSourceId: requiredControl<number>(this.data.fundingSourceId),
    receivedOn: requiredDateControl(this.data.date),
    amountCents: requiredControl<number>(null),
    reference: requiredTextControl('', 200),
  });
  private readonly sourceId = toSignal(this.form.controls.fundingSourceId.valueChanges, { initialValue: this.data.fundingSourceId });
  protected readonly chosen = computed(() => this.data.sources.find((s) => s.fundingSourceId === this.sourceId()) ?? null);

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    const body = this.parse(CreateFundingReceipt, { ...value, receivedOn: isoDateOrNull(value.receivedOn) });
    if (!body) return;
    this.save(this.api.createReceipt(body), (receipt) => receipt);
  }
}
