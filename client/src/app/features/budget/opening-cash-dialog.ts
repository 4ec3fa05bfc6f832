import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type OpeningCash, PutOpeningCash } from '@cn2r/shared';
import { optionalTextControl, requiredControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
import { BudgetApi } from './budget-api';

export interface OpeningCashDialogData {
  readonly year: number;
  readonly current: OpeningCash | null;
}

export type OpeningCashDialogResult = { readonly outcome: 'saved'; readonly openingCash: OpeningCash } | { readonly outcome: 'conflict' };

/** The cash position on 1 January of a year (from the financial account or the Treasury statement), the start of the équilibre financier. */
@Component({
  selector: 'app-opening-cash-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule, MoneyInput, FormErrors],
  template: `
    <h2 mat-dialog-title>Trésorerie au 1er janvier {{ data.year }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Trésorerie au 1er janvier</mat-label>
          <input matInput appMoneyInput allowNegative formControlName="amountCents" required cdkFocusInitial />
          <mat-hint>En euros, par exemple 315 000 (négative si le compte est débiteur)</mat-hint>
          @if (form.controls.amountCents.invalid) {
            <mat-error>{{ moneyErrorOf(form.controls.amountCents) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Référence</mat-label>
          <input matInput formControlName="reference" autocomplete="off" />
          <mat-hint>Facultatif : compte financier, relevé du Trésor</mat-hint>
          @if (form.controls.reference.invalid) {
            <mat-error>{{ errorOf(form.controls.reference) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Enregistrer</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './budget-dialog.scss',
})
export class OpeningCashDialog extends FormDialogBase<OpeningCashDialogResult> {
  private readonly api = inject(BudgetApi);
  protected readonly data = inject<OpeningCashDialogData>(MAT_DIALOG_DATA);
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly moneyErrorOf = moneyErrorMessage;

  protected readonly form = new FormGroup({
    amountCents: requiredControl<number>(this.data.current?.amountCents ?? null),
    reference: optionalTextControl(this.data.current?.reference ?? '', 200),
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const body = this.parse(PutOpeningCash, { ...this.form.getRawValue(), ...(this.data.current ? { version: this.data.current.version } : {}) });
    if (!body) return;
    this.save(this.api.putOpeningCash(this.data.year, body), (openingCash) => ({ outcome: 'saved', openingCash }));
  }
}
