import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CreateInKindContribution, type InKindContribution, InKindKind, UpdateInKindContribution, inKindKindLabels } from '@cn2r/shared';
import { requiredControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
import { StaffApi } from './staff-api';

export interface InKindDialogData {
  /** The fiscal year of a new contribution. */
  readonly year: number;
  /** null to create a contribution. */
  readonly contribution: InKindContribution | null;
}

export type InKindDialogResult =
  | { readonly outcome: 'created' | 'saved'; readonly contribution: InKindContribution }
  | { readonly outcome: 'conflict' };

/**
 * An in-kind contribution besides staff (premises, equipment, services made available without
 * charge): its nature, who contributes it, how it is valued and its amount for the year.
 */
@Component({
  selector: 'app-in-kind-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatProgressBarModule, MoneyInput, FormErrors],
  template: `
    <h2 mat-dialog-title>
      {{ data.contribution ? 'Modifier ' + data.contribution.label : 'Nouvelle contribution en nature ' + data.year }}
    </h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <div class="row">
          <mat-form-field>
            <mat-label>Nature</mat-label>
            <mat-select formControlName="kind" required>
              @for (option of kinds; track option) {
                <mat-option [value]="option">{{ kindLabels[option] }}</mat-option>
              }
            </mat-select>
            @if (form.controls.kind.invalid) {
              <mat-error>{{ errorOf(form.controls.kind) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Montant</mat-label>
            <input matInput appMoneyInput [minCents]="0" formControlName="amountCents" required />
            <mat-hint>Pour l’année {{ year }}, en euros</mat-hint>
            @if (form.controls.amountCents.invalid) {
              <mat-error>{{ moneyErrorOf(form.controls.amountCents) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label>Libellé</mat-label>
          <input matInput formControlName="label" required autocomplete="off" cdkFocusInitial />
          <mat-hint>Par exemple : Locaux du siège</mat-hint>
          @if (form.controls.label.invalid) {
            <mat-error>{{ errorOf(form.controls.label) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Contributeur</mat-label>
          <input matInput formControlName="contributor" required autocomplete="off" />
          <mat-hint>L’organisme qui met à disposition : CHU, ministère…</mat-hint>
          @if (form.controls.contributor.invalid) {
            <mat-error>{{ errorOf(form.controls.contributor) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Méthode de valorisation</mat-label>
          <textarea matInput formControlName="valuationMethod" required rows="3"></textarea>
          <mat-hint>Par exemple : 120 m² × 250 €/m²/an, ou valeur nette comptable</mat-hint>
          @if (form.controls.valuationMethod.invalid) {
            <mat-error>{{ errorOf(form.controls.valuationMethod) }}</mat-error>
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
export class InKindDialog extends FormDialogBase<InKindDialogResult> {
  private readonly api = inject(StaffApi);
  protected readonly data = inject<InKindDialogData>(MAT_DIALOG_DATA);

  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly kinds = InKindKind.options;
  protected readonly kindLabels = inKindKindLabels;

  private readonly contribution = this.data.contribution;
  protected readonly year = this.contribution?.year ?? this.data.year;
  protected readonly form = new FormGroup({
    kind: requiredControl<InKindKind>(this.contribution?.kind ?? null),
    label: requiredTextControl(this.contribution?.label ?? '', 200),
    contributor: requiredTextControl(this.contribution?.contributor ?? '', 200),
    valuationMethod: requiredTextControl(this.contribution?.valuationMethod ?? '', 500),
    amountCents: requiredControl<number>(this.contribution?.amountCents ?? null),
  });

  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    if (this.contribution) {
      const body = this.parse(UpdateInKindContribution, { ...value, version: this.contribution.version });
      if (!body) return;
      this.save(this.api.updateInKind(this.contribution.id, body), (contribution) => ({ outcome: 'saved', contribution }));
    } else {
      const body = this.parse(CreateInKindContribution, { ...value, year: this.data.year });
      if (!body) return;
      this.save(this.api.createInKind(body), (contribution) => ({ outcome: 'created', contribution }));
    }
  }
}
