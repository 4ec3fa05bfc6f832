import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CreateFundingSource, FundingNature, type FundingSource, UpdateFundingSource, fundingNatureLabels } from '@cn2r/shared';
import { requiredControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { BudgetApi } from './budget-api';

export interface FundingSourceDialogData {
  /** null to create a source. */
  readonly source: FundingSource | null;
}

export type FundingSourceDialogResult = { readonly outcome: 'saved'; readonly source: FundingSource } | { readonly outcome: 'conflict' };

/** A funding source: code (fixed once created), label, funder, nature, in kind or not. */
@Component({
  selector: 'app-funding-source-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatButtonModule, MatProgressBarModule, FormErrors],
  template: `
    <h2 mat-dialog-title>{{ data.source ? 'Modifier la source ' + data.source.code : 'Nouvelle source de financement' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <div class="row">
          <mat-form-field>
            <mat-label>Code</mat-label>
            <input matInput formControlName="code" required autocomplete="off" cdkFocusInitial />
            <mat-hint>Par exemple MIG-H15</mat-hint>
            @if (form.controls.code.invalid) {
              <mat-error>{{ errorOf(form.controls.code) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Nature</mat-label>
            <mat-select formControlName="nature" required>
              @for (nature of natures; track nature) {
                <mat-option [value]="nature">{{ natureLabels[nature] }}</mat-option>
              }
            </mat-select>
            @if (form.controls.nature.invalid) {
              <mat-error>{{ errorOf(form.controls.nature) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label>Libellé</mat-label>
          <input matInput formControlName="label" required autocomplete="off" />
          @if (form.controls.label.invalid) {
            <mat-error>{{ errorOf(form.controls.label) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Financeur</mat-label>
          <input matInput formControlName="funder" required autocomplete="off" />
          <mat-hint>Par exemple Ministère de la santé (DGOS)</mat-hint>
          @if (form.controls.funder.invalid) {
            <mat-error>{{ errorOf(form.controls.funder) }}</mat-error>
          }
        </mat-form-field>
        <mat-checkbox formControlName="inKind">Contribution en nature (valorisée, sans encaissement)</mat-checkbox>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Enregistrer</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './budget-dialog.scss',
})
export class FundingSourceDialog extends FormDialogBase<FundingSourceDialogResult> {
  private readonly api = inject(BudgetApi);
  protected readonly data = inject<FundingSourceDialogData>(MAT_DIALOG_DATA);
  protected override readonly conflict = { outcome: 'conflict' } as const;
  protected override readonly disabledFieldsAbove = true;

  protected readonly natures = FundingNature.options;
  protected readonly natureLabels = fundingNatureLabels;

  private readonly source = this.data.source;
  protected readonly form = new FormGroup({
    code: new FormControl({ value: this.source?.code ?? '', disabled: this.source !== null }, { nonNullable: true, validators: [Validators.required] }),
    label: requiredTextControl(this.source?.label ?? '', 200),
    funder: requiredTextControl(this.source?.funder ?? '', 200),
    nature: requiredControl<FundingNature>(this.source?.nature ?? null),
    inKind: new FormControl(this.source?.inKind ?? false, { nonNullable: true }),
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    if (this.source) {
      const body = this.parse(UpdateFundingSource, {
        label: value.label,
        funder: value.funder,
        nature: value.nature,
        inKind: value.inKind,
        version: this.source.version,
      });
      if (!body) return;
      this.save(this.api.updateFundingSource(this.source.id, body), (source) => ({ outcome: 'saved', source }));
    } else {
      const body = this.parse(CreateFundingSource, value);
      if (!body) return;
      this.save(this.api.createFundingSource(body), (source) => ({ outcome: 'saved', source }));
    }
  }
}
