import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  CreateDeliverable,
  deliverableKindLabels,
  deliverableStatusLabels,
  expectedResultLabels,
  type Deliverable,
  type DeliverableKind,
  type DeliverableStatus,
  type ExpectedResult,
} from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { requiredDateControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
import { GovernanceApi } from './governance-api';
import { type GovernanceDialogResult, saved } from './governance-dialog-result';

export interface DeliverableDialogData {
  readonly deliverable: Deliverable | null;
}

/** Records or edits a deliverable of an expected result (the coordination). */
@Component({
  selector: 'app-deliverable-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatDatepickerModule, MatButtonModule, MatProgressBarModule, FormErrors],
  providers: [provideFrenchDatepickerIntl()],
  styleUrl: './governance-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ original ? 'Modifier le livrable' : 'Nouveau livrable' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Résultat attendu</mat-label>
          <mat-select formControlName="expectedResult" required>
            @for (r of results; track r[0]) {
              <mat-option [value]="r[0]">{{ r[1] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Intitulé</mat-label>
          <input matInput formControlName="title" required autocomplete="off" />
          @if (form.controls.title.invalid) {
            <mat-error>{{ errorOf(form.controls.title) }}</mat-error>
          }
        </mat-form-field>
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Type</mat-label>
            <mat-select formControlName="kind" required>
              @for (k of kinds; track k[0]) {
                <mat-option [value]="k[0]">{{ k[1] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>État</mat-label>
            <mat-select formControlName="status" required>
              @for (s of statuses; track s[0]) {
                <mat-option [value]="s[0]">{{ s[1] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Date</mat-label>
            <input matInput [matDatepicker]="picker" formControlName="dueOn" required autocomplete="off" />
            <mat-hint>Livraison, ou date prévue</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
            @if (form.controls.dueOn.invalid) {
              <mat-error>{{ errorOf(form.controls.dueOn) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Lien</mat-label>
            <input matInput formControlName="linkUrl" autocomplete="off" placeholder="https://" />
            <mat-hint>Facultatif ; un PDF peut aussi être joint depuis la liste</mat-hint>
            @if (form.controls.linkUrl.invalid) {
              <mat-error>{{ errorOf(form.controls.linkUrl) }}</mat-error>
            }
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ original ? 'Enregistrer' : 'Enregistrer le livrable' }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class DeliverableDialog extends FormDialogBase<GovernanceDialogResult> {
  private readonly api = inject(GovernanceApi);
  protected readonly original = inject<DeliverableDialogData>(MAT_DIALOG_DATA).deliverable;
  protected readonly results = Object.entries(expectedResultLabels) as [ExpectedResult, string][];
  protected readonly kinds = Object.entries(deliverableKindLabels) as [DeliverableKind, string][];
  protected readonly statuses = Object.entries(deliverableStatusLabels) as [DeliverableStatus, string][];
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly form = new FormGroup({
    expectedResult: new FormControl<ExpectedResult>(this.original?.expectedResult ?? 'mapping', { nonNullable: true }),
    title: requiredTextControl(this.original?.title ?? '', 300),
    kind: new FormControl<DeliverableKind>(this.original?.kind ?? 'map', { nonNullable: true }),
    status: new FormControl<DeliverableStatus>(this.original?.status ?? 'planned', { nonNullable: true }),
    dueOn: requiredDateControl(this.original?.dueOn),
    linkUrl: new FormControl(this.original?.linkUrl ?? '', { nonNullable: true }),
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const v = this.form.getRawValue();
    const body = this.parse(CreateDeliverable, { ...v, dueOn: isoDateOrNull(v.dueOn) ?? '' });
    if (!body) return;
    this.saveEdit(
      this.original,
      body,
      { create: (fields) => this.api.createDeliverable(fields), update: (id, changes) => this.api.updateDeliverable(id, changes) },
      saved,
    );
  }
}
