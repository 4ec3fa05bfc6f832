import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ApproveReportVersion, formatDateFr, type ReportVersion } from '@cn2r/shared';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { AssemblyDeliberationSelect } from '../governance/assembly-deliberation-select';
import { ReportsApi } from './reports-api';

/** Records the general assembly's approval of a version by its deliberation (recorded in the governance). Closes with the approved version. */
@Component({
  selector: 'app-approve-version-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatProgressBarModule, AssemblyDeliberationSelect],
  template: `
    <h2 mat-dialog-title>Marquer la version {{ version.number }} approuvée</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>
          Une fois approuvée, la version {{ version.number }} des rapports {{ version.year }} ne pourra plus être modifiée ni remplacée : ses quatre fichiers
          resteront ceux que l’assemblée générale a approuvés, et un certificat d’approbation (leurs empreintes, la délibération, votre nom) sera établi.
        </p>
        @if (formErrors().length) {
          <div class="form-errors" role="alert">
            @for (message of formErrors(); track $index) {
              <p>{{ message }}</p>
            }
          </div>
        }
        <app-assembly-deliberation-select
          [control]="form.controls.deliberationId"
          [from]="generatedOn"
          [to]="lastDay"
          [emptyWhen]="'depuis la génération de cette version (' + date(generatedOn) + ')'"
          hint="Sa date est celle de l’approbation ; le certificat d’approbation la cite."
          [error]="errorOf(form.controls.deliberationId) ?? ''"
        />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Marquer approuvée</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .form-errors {
      color: var(--mat-sys-error);
    }
  `,
})
export class ApproveVersionDialog extends FormDialogBase<ReportVersion> {
  private readonly api = inject(ReportsApi);
  protected readonly version = inject<ReportVersion>(MAT_DIALOG_DATA);
  /** The day the version was generated (Paris): the assembly approves it on that day or later. */
  protected readonly generatedOn = parisDay(this.version.snapshotAt);
  /** The general assembly approves it within the year after its generation year. */
  protected readonly lastDay = `${Number(this.generatedOn.slice(0, 4)) + 1}-12-31`;
  protected readonly date = formatDateFr;

  protected readonly form = new FormGroup({
    deliberationId: new FormControl<number | null>(null, { validators: [Validators.required] }),
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const body = this.parse(ApproveReportVersion, { version: this.version.version, deliberationId: this.form.getRawValue().deliberationId });
    if (!body) return;
    this.save(this.api.approve(this.version, body), (approved) => approved);
  }
}

/** The calendar day of an instant in Paris, `YYYY-MM-DD`. */
function parisDay(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(instant));
}
