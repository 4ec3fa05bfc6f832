import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type OpeningCash, PutOpeningCash } from '@cn2r/shared';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { type FormDialog, saveFromDialog, showIssues } from '../../shared/forms/dialog-save';
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
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule, MoneyInput],
  template: `
    <h2 mat-dialog-title>Trésorerie au 1er janvier {{ data.year }}</h2>
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
export class OpeningCashDialog {
  private readonly api = inject(BudgetApi);
  private readonly dialogRef = inject<MatDialogRef<OpeningCashDialog, OpeningCashDialogResult>>(MatDialogRef);
  protected readonly data = inject<OpeningCashDialogData>(MAT_DIALOG_DATA);

  protected readonly errorOf = controlErrorMessage;
  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly saving = signal(false);
  protected readonly formErrors = signal<string[]>([]);

  protected readonly form = new FormGroup({
    amountCents: new FormControl<number | null>(this.data.current?.amountCents ?? null, { validators: [Validators.required] }),
    reference: new FormControl(this.data.current?.reference ?? '', { nonNullable: true, validators: [Validators.maxLength(200)] }),
  });

  private readonly formDialog: FormDialog<OpeningCashDialogResult> = {
    form: this.form,
    saving: this.saving,
    formErrors: this.formErrors,
    dialogRef: this.dialogRef,
    conflict: { outcome: 'conflict' },
  };

  protected submit(): void {
    if (this.saving()) return;
    this.formErrors.set([]);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const parsed = PutOpeningCash.safeParse({ ...this.form.getRawValue(), ...(this.data.current ? { version: this.data.current.version } : {}) });
    if (!parsed.success) return showIssues(this.formDialog, parsed.error.issues);
    saveFromDialog(this.api.putOpeningCash(this.data.year, parsed.data), this.formDialog, (openingCash) => ({ outcome: 'saved', openingCash }));
  }
}
