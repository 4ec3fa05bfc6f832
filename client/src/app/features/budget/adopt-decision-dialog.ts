import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { decisionKindLabels, type BudgetDecision } from '@cn2r/shared';
import { AssemblyDeliberationSelect } from '../governance/assembly-deliberation-select';

/**
 * Adopting a BI or a BR: the general assembly's deliberation that adopted it, chosen among those
 * recorded in « Gouvernance » (its year, and the year before for a BI). Closes with its id; the
 * page sends the adoption and shows the server's answer.
 */
@Component({
  selector: 'app-adopt-decision-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, AssemblyDeliberationSelect],
  template: `
    <h2 mat-dialog-title>Adopter {{ decision.code }} {{ decision.year }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>
          Le {{ kind }} {{ decision.code }} ouvrira ses crédits sur {{ decision.entries.length }} ligne(s). Il est adopté par une délibération de l’assemblée
          générale ; une décision adoptée ne se modifie plus.
        </p>
        <app-assembly-deliberation-select
          [control]="form.controls.deliberationId"
          [from]="years[0] + '-01-01'"
          [to]="years[years.length - 1] + '-12-31'"
          [emptyWhen]="'en ' + years.join(' ou ')"
          hint="La décision prend la date de la délibération."
        />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit">Adopter</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class AdoptDecisionDialog {
  private readonly ref = inject<MatDialogRef<AdoptDecisionDialog, number>>(MatDialogRef);
  protected readonly decision = inject<BudgetDecision>(MAT_DIALOG_DATA);
  protected readonly kind = decisionKindLabels[this.decision.kind].toLowerCase();
  /** A BI is voted the year before (November) or early in its year; a BR during its year. */
  protected readonly years = this.decision.kind === 'initial' ? [this.decision.year - 1, this.decision.year] : [this.decision.year];
  protected readonly form = new FormGroup({ deliberationId: new FormControl<number | null>(null, { validators: [Validators.required] }) });

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.ref.close(this.form.controls.deliberationId.value!);
  }
}
