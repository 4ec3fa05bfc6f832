import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  type BudgetLine,
  CreateBudgetLine,
  Envelope,
  type FundingSource,
  MissionArea,
  UpdateBudgetLine,
  envelopeLabels,
  missionAreaLabels,
} from '@cn2r/shared';
import { changedFields } from '../../shared/forms/changed-fields';
import { requiredControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { BudgetApi } from './budget-api';

export interface LineDialogData {
  readonly year: number;
  /** null to create a line. */
  readonly line: BudgetLine | null;
  readonly fundingSources: readonly FundingSource[];
}

export type LineDialogResult = { readonly outcome: 'created' | 'updated'; readonly line: BudgetLine } | { readonly outcome: 'conflict' };

/** A budget line of a year: its code (fixed once created), label, envelope, mission area and funding source. */
@Component({
  selector: 'app-line-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatProgressBarModule, FormErrors],
  template: `
    <h2 mat-dialog-title>{{ data.line ? 'Modifier la ligne ' + data.line.code : 'Nouvelle ligne budgétaire (' + data.year + ')' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <div class="row">
          <mat-form-field>
            <mat-label>Code</mat-label>
            <input matInput formControlName="code" required autocomplete="off" [attr.cdkFocusInitial]="data.line ? null : ''" />
            <mat-hint>Par exemple PERS-01 ; il ne change plus ensuite</mat-hint>
            @if (form.controls.code.invalid) {
              <mat-error>{{ errorOf(form.controls.code) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Libellé</mat-label>
            <input matInput formControlName="label" required autocomplete="off" />
            @if (form.controls.label.invalid) {
              <mat-error>{{ errorOf(form.controls.label) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <div class="row">
          <mat-form-field>
            <mat-label>Enveloppe</mat-label>
            <mat-select formControlName="envelope" required>
              @for (envelope of envelopes; track envelope) {
                <mat-option [value]="envelope">{{ envelopeLabels[envelope] }}</mat-option>
              }
            </mat-select>
            <mat-hint>Les crédits sont limitatifs par enveloppe</mat-hint>
            @if (form.controls.envelope.invalid) {
              <mat-error>{{ errorOf(form.controls.envelope) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Destination</mat-label>
            <mat-select formControlName="missionArea" required>
              @for (area of missionAreas; track area) {
                <mat-option [value]="area">{{ missionAreaLabels[area] }}</mat-option>
              }
            </mat-select>
            @if (form.controls.missionArea.invalid) {
              <mat-error>{{ errorOf(form.controls.missionArea) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label>Source de financement</mat-label>
          <mat-select formControlName="fundingSourceId" required>
            @for (source of data.fundingSources; track source.id) {
              <mat-option [value]="source.id">{{ source.code }} — {{ source.label }}</mat-option>
            }
          </mat-select>
          @if (form.controls.fundingSourceId.invalid) {
            <mat-error>{{ errorOf(form.controls.fundingSourceId) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ data.line ? 'Enregistrer' : 'Créer la ligne' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './budget-dialog.scss',
})
export class LineDialog extends FormDialogBase<LineDialogResult> {
  private readonly api = inject(BudgetApi);
  protected readonly data = inject<LineDialogData>(MAT_DIALOG_DATA);
  protected override readonly conflict = { outcome: 'conflict' } as const;
  protected override readonly disabledFieldsAbove = true;

  protected readonly envelopes = Envelope.options;
  protected readonly envelopeLabels = envelopeLabels;
  protected readonly missionAreas = MissionArea.options;
  protected readonly missionAreaLabels = missionAreaLabels;

  private readonly line = this.data.line;
  protected readonly form = new FormGroup({
    code: new FormControl({ value: this.line?.code ?? '', disabled: this.line !== null }, { nonNullable: true, validators: [Validators.required] }),
    label: requiredTextControl(this.line?.label ?? '', 200),
    envelope: requiredControl<Envelope>(this.line?.envelope ?? null),
    missionArea: requiredControl<MissionArea>(this.line?.missionArea ?? null),
    fundingSourceId: requiredControl<number>(this.line?.fundingSourceId ?? null),
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    if (this.line) {
      const changes = changedFields(this.line, {
        label: value.label.trim(),
        envelope: value.envelope,
        missionArea: value.missionArea,
        fundingSourceId: value.fundingSourceId,
      });
      if (this.closeIfUnchanged(changes)) return;
      const body = this.parse(UpdateBudgetLine, { ...changes, version: this.line.version });
      if (!body) return;
      this.save(this.api.updateLine(this.line.id, body), (line) => ({ outcome: 'updated', line }));
    } else {
      const body = this.parse(CreateBudgetLine, { year: this.data.year, ...value });
      if (!body) return;
      this.save(this.api.createLine(body), (line) => ({ outcome: 'created', line }));
    }
  }
}
