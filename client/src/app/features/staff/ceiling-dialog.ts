import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { PutStaffCeiling, type StaffCeiling } from '@cn2r/shared';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { etptInputText, parseEtpt } from './ceiling-etpt';
import { StaffApi } from './staff-api';

export interface CeilingDialogData {
  readonly year: number;
  /** The ceiling as read with the summary (its version is sent back); null when none is set yet. */
  readonly ceiling: { readonly ceilingEtptBp: number; readonly version: number } | null;
  /** ETPT paid by the grouping this year, fr-FR (`2,64`): shown for comparison. */
  readonly paidByGrouping: string;
}

export type CeilingDialogResult = { readonly outcome: 'saved'; readonly ceiling: StaffCeiling } | { readonly outcome: 'conflict' };

/** `{ etpt: message }` unless the text is a number of ETPT with at most two decimals. */
function etptValidator(control: AbstractControl<string>): ValidationErrors | null {
  if (!control.value || control.value.trim() === '') return null;
  const parsed = parseEtpt(control.value);
  return parsed.ok ? null : { etpt: parsed.message };
}

/**
 * Sets or changes the voted ceiling of ETPT paid by the grouping (plafond d’emplois) of a fiscal
 * year, typed in ETPT the French way (« 4,5 »), sent in basis points with the version read.
 */
@Component({
  selector: 'app-ceiling-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule, FormErrors],
  template: `
    <h2 mat-dialog-title>Plafond d’emplois {{ data.year }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="help">
          Le plafond voté d’ETPT rémunérés par le GIP (les personnels mis à disposition sans remboursement n’y comptent pas). Cette année :
          {{ data.paidByGrouping }} ETPT payés par le GIP.
        </p>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Plafond (ETPT)</mat-label>
          <input matInput formControlName="ceiling" required inputmode="decimal" autocomplete="off" cdkFocusInitial />
          <mat-hint>En ETPT, deux décimales au plus : par exemple 4,5</mat-hint>
          @if (form.controls.ceiling.invalid) {
            <mat-error>{{ errorOf(form.controls.ceiling) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Enregistrer</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: '../budget/budget-dialog.scss',
})
export class CeilingDialog extends FormDialogBase<CeilingDialogResult> {
  private readonly api = inject(StaffApi);
  protected readonly data = inject<CeilingDialogData>(MAT_DIALOG_DATA);

  protected override readonly errorOf = (control: AbstractControl | null) => {
    const etpt = control?.errors?.['etpt'];
    return typeof etpt === 'string' && !control?.errors?.['server'] ? etpt : controlErrorMessage(control);
  };

  protected readonly form = new FormGroup({
    ceiling: new FormControl(this.data.ceiling ? etptInputText(this.data.ceiling.ceilingEtptBp) : '', {
      nonNullable: true,
      validators: [Validators.required, etptValidator],
    }),
  });

  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected submit(): void {
    if (!this.startSubmit()) return;
    const parsedEtpt = parseEtpt(this.form.controls.ceiling.value);
    // The server's field is `ceilingEtptBp`: its messages land on the one control.
    const body = this.parse(
      PutStaffCeiling,
      {
        ceilingEtptBp: parsedEtpt.ok ? parsedEtpt.bp : null,
        ...(this.data.ceiling && { version: this.data.ceiling.version }),
      },
      (issue) => ({ path: 'ceiling', message: issue.message }),
    );
    if (!body) return;
    this.save(this.api.putCeiling(this.data.year, body), (ceiling) => ({ outcome: 'saved', ceiling }));
  }
}
