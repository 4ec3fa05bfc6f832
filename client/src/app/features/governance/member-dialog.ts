import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CreateGovernanceMember, memberCategoryLabels, type GovernanceMember, type MemberCategory } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { fromIsoDate } from '../../shared/dates/iso-date';
import { requiredDateControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
import { GovernanceApi } from './governance-api';
import { type GovernanceDialogResult, saved } from './governance-dialog-result';

export interface MemberDialogData {
  /** null to record a new member. */
  readonly member: GovernanceMember | null;
}

/** Records or edits a member of the grouping; its share of the votes is typed in percent and sent in basis points. */
@Component({
  selector: 'app-member-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatDatepickerModule, MatButtonModule, MatProgressBarModule, FormErrors],
  providers: [provideFrenchDatepickerIntl()],
  styleUrl: './governance-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ original ? 'Modifier le membre' : 'Nouveau membre' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Nom</mat-label>
          <input matInput formControlName="name" required autocomplete="off" />
          @if (form.controls.name.invalid) {
            <mat-error>{{ errorOf(form.controls.name) }}</mat-error>
          }
        </mat-form-field>
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Catégorie</mat-label>
            <mat-select formControlName="category" required>
              @for (c of categories; track c[0]) {
                <mat-option [value]="c[0]">{{ c[1] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Droits de vote (%)</mat-label>
            <input matInput type="number" formControlName="rightsPercent" required min="0" max="100" step="0.01" />
            <mat-hint>Part des voix, de 0 à 100</mat-hint>
            @if (form.controls.rightsPercent.invalid) {
              <mat-error>{{ errorOf(form.controls.rightsPercent) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Membre depuis le</mat-label>
            <input matInput [matDatepicker]="fromPicker" formControlName="from" required autocomplete="off" />
            <mat-hint>JJ/MM/AAAA</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
            <mat-datepicker #fromPicker />
            @if (form.controls.from.invalid) {
              <mat-error>{{ errorOf(form.controls.from) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Jusqu’au</mat-label>
            <input matInput [matDatepicker]="toPicker" formControlName="to" autocomplete="off" />
            <mat-hint>Vide tant que le membre adhère</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="toPicker" />
            <mat-datepicker #toPicker />
            @if (form.controls.to.invalid) {
              <mat-error>{{ errorOf(form.controls.to) }}</mat-error>
            }
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ original ? 'Enregistrer' : 'Enregistrer le membre' }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class MemberDialog extends FormDialogBase<GovernanceDialogResult> {
  private readonly api = inject(GovernanceApi);
  protected readonly original = inject<MemberDialogData>(MAT_DIALOG_DATA).member;
  protected readonly categories = Object.entries(memberCategoryLabels) as [MemberCategory, string][];
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly form = new FormGroup({
    name: requiredTextControl(this.original?.name ?? '', 200),
    category: new FormControl<MemberCategory>(this.original?.category ?? 'state', { nonNullable: true }),
    rightsPercent: new FormControl<number | null>(this.original ? this.original.rightsBp / 100 : null, { validators: [Validators.required, Validators.min(0), Validators.max(100)] }),
    from: requiredDateControl(this.original?.from),
    to: new FormControl<Date | null>(fromIsoDate(this.original?.to)),
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const v = this.form.getRawValue();
    const body = this.parse(
      CreateGovernanceMember,
      {
        name: v.name,
        category: v.category,
        rightsBp: v.rightsPercent === null ? null : Math.round(v.rightsPercent * 100),
        from: isoDateOrNull(v.from) ?? '',
        to: isoDateOrNull(v.to),
      },
      // The percent control shows the basis points' messages.
      (issue) => (issue.path[0] === 'rightsBp' ? { ...issue, path: ['rightsPercent'] } : issue),
    );
    if (!body) return;
    this.saveEdit(
      this.original,
      body,
      { create: (fields) => this.api.createMember(fields), update: (id, changes) => this.api.updateMember(id, changes) },
      saved,
    );
  }
}
