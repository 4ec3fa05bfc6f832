import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ApproveReportVersion, type ReportVersion } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { toIsoDate } from '../../shared/dates/iso-date';
import { requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { ReportsApi } from './reports-api';

/** Records the general assembly's approval of a version (AG date, deliberation reference). Closes with the approved version. */
@Component({
  selector: 'app-approve-version-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatDatepickerModule, MatButtonModule, MatProgressBarModule],
  providers: [provideFrenchDatepickerIntl()],
  template: `
    <h2 mat-dialog-title>Marquer la version {{ version.number }} approuvée</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>
          Une fois approuvée, la version {{ version.number }} des rapports {{ version.year }} ne pourra plus être modifiée ni remplacée : ses quatre fichiers
          resteront ceux que l’assemblée générale a approuvés.
        </p>
        @if (formErrors().length) {
          <div class="form-errors" role="alert">
            @for (message of formErrors(); track $index) {
              <p>{{ message }}</p>
            }
          </div>
        }
        <mat-form-field class="full-width">
          <mat-label>Date de l’assemblée générale</mat-label>
          <input matInput [matDatepicker]="picker" formControlName="agDate" required autocomplete="off" />
          <mat-hint>JJ/MM/AAAA</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="picker" />
          <mat-datepicker #picker />
          @if (form.controls.agDate.invalid) {
            <mat-error>{{ errorOf(form.controls.agDate) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Référence de la délibération</mat-label>
          <input matInput formControlName="deliberationReference" required autocomplete="off" />
          <mat-hint>Par exemple « Délibération AG 2026-03 »</mat-hint>
          @if (form.controls.deliberationReference.invalid) {
            <mat-error>{{ errorOf(form.controls.deliberationReference) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Marquer approuvée</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full-width {
      width: 100%;
    }
    .form-errors {
      color: var(--mat-sys-error);
    }
  `,
})
export class ApproveVersionDialog extends FormDialogBase<ReportVersion> {
  private readonly api = inject(ReportsApi);
  protected readonly version = inject<ReportVersion>(MAT_DIALOG_DATA);

  protected readonly form = new FormGroup({
    agDate: new FormControl<Date | null>(null, { validators: [Validators.required] }),
    deliberationReference: requiredTextControl('', 200),
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const { agDate, deliberationReference } = this.form.getRawValue();
    const body = this.parse(ApproveReportVersion, { version: this.version.version, agDate: toIsoDate(agDate!), deliberationReference });
    if (!body) return;
    this.save(this.api.approve(this.version, body), (approved) => approved);
  }
}
