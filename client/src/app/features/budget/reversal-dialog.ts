import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type Commitment, type FundingReceipt, type Payment, ReverseEntry, formatEuros } from '@cn2r/shared';
import type { Observable } from 'rxjs';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { requiredDateControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
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
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatDatepickerModule, MatButtonModule, MatProgressBarModule, MoneyInput, FormErrors],
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
        <app-form-errors [messages]="formErrors()" />
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
export class ReversalDialog extends FormDialogBase<ReversedEntry> {
  private readonly api = inject(BudgetApi);
  protected readonly data = inject<ReversalDialogData>(MAT_DIALOG_DATA);

  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly euros = (cents: number) => formatEuros(cents);
  protected readonly titles = TITLES;

  protected readonly form = new FormGroup({
    reason: requiredTextControl('', 500),
    date: requiredDateControl(this.data.date),
    amountCents: new FormControl<number | null>(null),
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    const body = this.parse(ReverseEntry, {
      date: isoDateOrNull(value.date),
      reason: value.reason,
      ...(value.amountCents === null ? {} : { amountCents: value.amountCents }),
    });
    if (!body) return;
    const { id, kind } = this.data;
    const request: Observable<ReversedEntry> =
      kind === 'commitment' ? this.api.reverseCommitment(id, body) : kind === 'payment' ? this.api.reversePayment(id, body) : this.api.reverseReceipt(id, body);
    this.save(request, (entry) => entry);
  }
}
