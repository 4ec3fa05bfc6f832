import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { ApproveReportVersion, formatDateFr, type ReportVersion } from '@cn2r/shared';
import { catchError, of } from 'rxjs';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { GovernanceApi } from '../governance/governance-api';
import { ReportsApi } from './reports-api';

/** Records the general assembly's approval of a version by its deliberation (recorded in the governance). Closes with the approved version. */
@Component({
  selector: 'app-approve-version-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatDialogModule, MatFormFieldModule, MatSelectModule, MatButtonModule, MatProgressBarModule],
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
        @if (options(); as list) {
          @if (list.length === 0) {
            <p class="empty" role="status">
              Aucune délibération adoptée par l’assemblée générale depuis la génération de cette version ({{ date(generatedOn) }}). Enregistrez
              d’abord la séance et sa délibération dans <a routerLink="/gouvernance" mat-dialog-close>Gouvernance</a>.
            </p>
          }
          <mat-form-field class="full-width">
            <mat-label>Délibération de l’assemblée générale</mat-label>
            <mat-select formControlName="deliberationId" required>
              @for (d of list; track d.id) {
                <mat-option [value]="d.id">n° {{ d.number }} du {{ date(d.adoptedOn) }} — {{ d.title }}</mat-option>
              }
            </mat-select>
            <mat-hint>Sa date est celle de l’approbation ; le certificat d’approbation la cite.</mat-hint>
            @if (form.controls.deliberationId.invalid) {
              <mat-error>{{ errorOf(form.controls.deliberationId) }}</mat-error>
            }
          </mat-form-field>
        } @else if (loadFailed()) {
          <p class="form-errors" role="alert">Les délibérations n’ont pas pu être chargées. Fermez puis rouvrez cette fenêtre.</p>
        } @else {
          <mat-progress-bar mode="indeterminate" aria-label="Chargement des délibérations" />
        }
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
    .empty {
      padding: 8px 12px;
      border-left: 4px solid var(--mat-sys-outline);
    }
  `,
})
export class ApproveVersionDialog extends FormDialogBase<ReportVersion> {
  private readonly api = inject(ReportsApi);
  protected readonly version = inject<ReportVersion>(MAT_DIALOG_DATA);
  /** The day the version was generated (Paris): the assembly approves it on that day or later. */
  protected readonly generatedOn = parisDay(this.version.snapshotAt);
  protected readonly loadFailed = signal(false);
  protected readonly date = formatDateFr;
  /** The general assembly's adopted deliberations from the generation day on, in its year and the next. */
  protected readonly options = toSignal(
    inject(GovernanceApi)
      .assemblyDeliberations([Number(this.generatedOn.slice(0, 4)), Number(this.generatedOn.slice(0, 4)) + 1], this.generatedOn)
      .pipe(
        catchError(() => {
          this.loadFailed.set(true);
          return of(undefined);
        }),
      ),
  );

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
