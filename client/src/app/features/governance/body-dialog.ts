import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CreateGovernanceBody, governanceBodyKindLabels, type GovernanceBody, type GovernanceBodyKind } from '@cn2r/shared';
import { requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { GovernanceApi } from './governance-api';
import { type GovernanceDialogResult, saved } from './governance-dialog-result';

export interface BodyDialogData {
  /** null to create a body (a board, where the convention provides one). */
  readonly body: GovernanceBody | null;
}

/** Creates or renames a body of the grouping. */
@Component({
  selector: 'app-body-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatProgressBarModule, FormErrors],
  styleUrl: './governance-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ original ? 'Modifier l’instance' : 'Nouvelle instance' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Type</mat-label>
          <mat-select formControlName="kind" required>
            @for (k of kinds; track k[0]) {
              <mat-option [value]="k[0]">{{ k[1] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Nom</mat-label>
          <input matInput formControlName="name" required autocomplete="off" />
          <mat-hint>Par exemple : Conseil d’administration</mat-hint>
          @if (form.controls.name.invalid) {
            <mat-error>{{ errorOf(form.controls.name) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ original ? 'Enregistrer' : 'Créer l’instance' }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class BodyDialog extends FormDialogBase<GovernanceDialogResult> {
  private readonly api = inject(GovernanceApi);
  protected readonly original = inject<BodyDialogData>(MAT_DIALOG_DATA).body;
  protected readonly kinds = Object.entries(governanceBodyKindLabels) as [GovernanceBodyKind, string][];
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly form = new FormGroup({
    kind: new FormControl<GovernanceBodyKind>(this.original?.kind ?? 'board', { nonNullable: true }),
    name: requiredTextControl(this.original?.name ?? '', 200),
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const body = this.parse(CreateGovernanceBody, this.form.getRawValue());
    if (!body) return;
    this.saveEdit(
      this.original,
      body,
      { create: (fields) => this.api.createBody(fields), update: (id, changes) => this.api.updateBody(id, changes) },
      saved,
    );
  }
}
