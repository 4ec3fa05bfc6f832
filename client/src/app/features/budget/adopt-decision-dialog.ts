import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { decisionKindLabels, formatDateFr, type BudgetDecision } from '@cn2r/shared';
import { catchError, of } from 'rxjs';
import { GovernanceApi } from '../governance/governance-api';

/**
 * Adopting a BI or a BR: the general assembly's deliberation that adopted it, chosen among those
 * recorded in « Gouvernance » (its year, and the year before for a BI). Closes with its id; the
 * page sends the adoption and shows the server's answer.
 */
@Component({
  selector: 'app-adopt-decision-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatDialogModule, MatFormFieldModule, MatSelectModule, MatButtonModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>Adopter {{ decision.code }} {{ decision.year }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>
          Le {{ kind }} {{ decision.code }} ouvrira ses crédits sur {{ decision.entries.length }} ligne(s). Il est adopté par une délibération de l’assemblée
          générale ; une décision adoptée ne se modifie plus.
        </p>
        @if (options(); as list) {
          @if (list.length === 0) {
            <p class="empty" role="status">
              Aucune délibération adoptée par l’assemblée générale en {{ years.join(' ou ') }}. Enregistrez d’abord la séance et sa délibération dans
              <a routerLink="/gouvernance" mat-dialog-close>Gouvernance</a>.
            </p>
          }
          <mat-form-field class="full-width">
            <mat-label>Délibération de l’assemblée générale</mat-label>
            <mat-select formControlName="deliberationId" required>
              @for (d of list; track d.id) {
                <mat-option [value]="d.id">n° {{ d.number }} du {{ date(d.adoptedOn) }} — {{ d.title }}</mat-option>
              }
            </mat-select>
            <mat-hint>La décision prend la date de la délibération.</mat-hint>
            @if (form.controls.deliberationId.invalid) {
              <mat-error>Choisissez la délibération de l’assemblée générale.</mat-error>
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
        <button mat-flat-button type="submit">Adopter</button>
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
export class AdoptDecisionDialog {
  private readonly ref = inject<MatDialogRef<AdoptDecisionDialog, number>>(MatDialogRef);
  protected readonly decision = inject<BudgetDecision>(MAT_DIALOG_DATA);
  protected readonly kind = decisionKindLabels[this.decision.kind].toLowerCase();
  /** A BI is voted the year before (November) or early in its year; a BR during its year. */
  protected readonly years = this.decision.kind === 'initial' ? [this.decision.year - 1, this.decision.year] : [this.decision.year];
  protected readonly date = formatDateFr;
  protected readonly loadFailed = signal(false);
  protected readonly options = toSignal(
    inject(GovernanceApi)
      .assemblyDeliberations(this.years)
      .pipe(
        catchError(() => {
          this.loadFailed.set(true);
          return of(undefined);
        }),
      ),
  );
  protected readonly form = new FormGroup({ deliberationId: new FormControl<number | null>(null, { validators: [Validators.required] }) });

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.ref.close(this.form.controls.deliberationId.value!);
  }
}
