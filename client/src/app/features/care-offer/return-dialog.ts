import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ReturnCareOffer, type CareOffer } from '@cn2r/shared';
import { requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { CareOfferApi } from './care-offer-api';
import type { CareOfferDialogResult } from './care-offer-dialog';

/** The coordination returns a structure to its centre with a message: it becomes a proposal again. */
@Component({
  selector: 'app-care-offer-return-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule, FormErrors],
  template: `
    <h2 mat-dialog-title>Renvoyer « {{ entry.name }} » au centre</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Envoi en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field style="width: 100%">
          <mat-label>Message au centre</mat-label>
          <textarea matInput formControlName="message" required rows="4"></textarea>
          <mat-hint>Ce qu’il faut corriger ou préciser ; la structure redevient une proposition.</mat-hint>
          @if (form.controls.message.invalid) {
            <mat-error>{{ errorOf(form.controls.message) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Renvoyer</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class CareOfferReturnDialog extends FormDialogBase<CareOfferDialogResult> {
  private readonly api = inject(CareOfferApi);
  protected readonly entry = inject<CareOffer>(MAT_DIALOG_DATA);
  protected override readonly conflict = { outcome: 'conflict' } as const;
  protected readonly form = new FormGroup({ message: requiredTextControl('', 1000) });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const body = this.parse(ReturnCareOffer, { version: this.entry.version, message: this.form.getRawValue().message });
    if (body) this.save(this.api.returnToUnit(this.entry, body.message), () => ({ outcome: 'saved' }));
  }
}
