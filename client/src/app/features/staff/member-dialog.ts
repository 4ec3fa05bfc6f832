import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  CreateStaffMember,
  EmployerKind,
  StaffCategory,
  type StaffMember,
  StaffStatus,
  UpdateStaffMember,
  employerKindLabels,
  staffCategoryLabels,
  staffStatusLabels,
} from '@cn2r/shared';
import { requiredControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { StaffApi } from './staff-api';

export interface MemberDialogData {
  /** null to create a person. */
  readonly member: StaffMember | null;
}

export type MemberDialogResult = { readonly outcome: 'saved'; readonly member: StaffMember } | { readonly outcome: 'conflict' };

/** A staff member: name, category, employer and status (own staff or seconded). */
@Component({
  selector: 'app-member-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatProgressBarModule, FormErrors],
  template: `
    <h2 mat-dialog-title>{{ data.member ? 'Modifier ' + data.member.name : 'Nouvelle personne' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Nom</mat-label>
          <input matInput formControlName="name" required autocomplete="off" cdkFocusInitial />
          @if (form.controls.name.invalid) {
            <mat-error>{{ errorOf(form.controls.name) }}</mat-error>
          }
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label>Catégorie</mat-label>
            <mat-select formControlName="category" required>
              @for (option of categories; track option) {
                <mat-option [value]="option">{{ categoryLabels[option] }}</mat-option>
              }
            </mat-select>
            @if (form.controls.category.invalid) {
              <mat-error>{{ errorOf(form.controls.category) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Statut</mat-label>
            <mat-select formControlName="status" required>
              @for (option of statuses; track option) {
                <mat-option [value]="option">{{ statusLabels[option] }}</mat-option>
              }
            </mat-select>
            @if (form.controls.status.invalid) {
              <mat-error>{{ errorOf(form.controls.status) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <div class="row">
          <mat-form-field>
            <mat-label>Employeur</mat-label>
            <input matInput formControlName="employerLabel" required autocomplete="off" />
            @if (form.controls.employerLabel.invalid) {
              <mat-error>{{ errorOf(form.controls.employerLabel) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Type d’employeur</mat-label>
            <mat-select formControlName="employerKind" required>
              @for (option of employerKinds; track option) {
                <mat-option [value]="option">{{ employerKindLabels[option] }}</mat-option>
              }
            </mat-select>
            @if (form.controls.employerKind.invalid) {
              <mat-error>{{ errorOf(form.controls.employerKind) }}</mat-error>
            }
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Enregistrer</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: '../budget/budget-dialog.scss',
})
export class MemberDialog extends FormDialogBase<MemberDialogResult> {
  private readonly api = inject(StaffApi);
  protected readonly data = inject<MemberDialogData>(MAT_DIALOG_DATA);

  protected readonly categories = StaffCategory.options;
  protected readonly categoryLabels = staffCategoryLabels;
  protected readonly statuses = StaffStatus.options;
  protected readonly statusLabels = staffStatusLabels;
  protected readonly employerKinds = EmployerKind.options;
  protected readonly employerKindLabels = employerKindLabels;

  private readonly member = this.data.member;
  protected readonly form = new FormGroup({
    name: requiredTextControl(this.member?.name ?? '', 200),
    category: requiredControl<StaffCategory>(this.member?.category ?? null),
    status: requiredControl<StaffStatus>(this.member?.status ?? 'own'),
    employerLabel: requiredTextControl(this.member?.employerLabel ?? 'CN2R (GIP)', 200),
    employerKind: requiredControl<EmployerKind>(this.member?.employerKind ?? 'grouping'),
  });

  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    if (this.member) {
      const body = this.parse(UpdateStaffMember, { ...value, version: this.member.version });
      if (!body) return;
      this.save(this.api.updateMember(this.member.id, body), (member) => ({ outcome: 'saved', member }));
    } else {
      const body = this.parse(CreateStaffMember, value);
      if (!body) return;
      this.save(this.api.createMember(body), (member) => ({ outcome: 'saved', member }));
    }
  }
}
