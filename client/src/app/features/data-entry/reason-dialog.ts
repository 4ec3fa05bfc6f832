import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { notBlank } from '../../shared/forms/not-blank';

export interface ReasonDialogData {
  readonly title: string;
  /** One or two sentences on what will happen. */
  readonly intro: string;
  /** The field's label: « Message au centre », « Motif de la réouverture ». */
  readonly label: string;
  readonly hint?: string;
  readonly confirmLabel: string;
  readonly maxLength: number;
}

/**
 * Asks for a required text before an action that must be explained: sending a form back to its
 * unit, reopening a validated value. Closes with the trimmed text, or nothing when cancelled.
 */
@Component({
  selector: 'app-reason-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()" novalidate>
      <mat-dialog-content>
        <p>{{ data.intro }}</p>
        <mat-form-field class="full-width">
          <mat-label>{{ data.label }}</mat-label>
          <textarea
            matInput
            formControlName="text"
            required
            rows="5"
            [attr.maxlength]="data.maxLength"
            cdkFocusInitial
          ></textarea>
          @if (data.hint) {
            <mat-hint>{{ data.hint }}</mat-hint>
          }
          <mat-hint align="end">{{ text.value.length }} / {{ data.maxLength }}</mat-hint>
          @if (text.invalid) {
            <mat-error>{{ data.label }} est obligatoire.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit">{{ data.confirmLabel }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      padding-top: 8px;
    }
  `,
})
export class ReasonDialog {
  protected readonly data = inject<ReasonDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ReasonDialog, string>>(MatDialogRef);
  protected readonly text = new FormControl('', { nonNullable: true, validators: [notBlank] });
  protected readonly form = new FormGroup({ text: this.text });

  protected confirm(): void {
    this.text.markAsTouched();
    if (this.text.invalid) return;
    this.dialogRef.close(this.text.value.trim());
  }
}
