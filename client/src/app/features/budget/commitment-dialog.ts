import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { type BudgetLine, type Commitment, CreateCommitment, formatEuros } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { optionalTextControl, requiredControl, requiredDateControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
import { BudgetApi } from './budget-api';

export interface CommitmentDialogData {
  readonly year: number;
  readonly lines: readonly BudgetLine[];
  /** AE left per line id (open AE − committed), from the execution. */
  readonly leftAeCents: ReadonlyMap<number, number>;
  readonly lineId: number | null;
  readonly date: string;
}

/** A new commitment (engagement) on a line: it consumes AE, never beyond those left. Closes with the commitment. */
@Component({
  selector: 'app-commitment-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatDatepickerModule,
    MatButtonModule,
    MatProgressBarModule,
    MoneyInput,
    FormErrors,
  ],
  providers: [provideFrenchDatepickerIntl()],
  template: `
    <h2 mat-dialog-title>Nouvel engagement ({{ data.year }})</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Ligne budgétaire</mat-label>
          <mat-select formControlName="lineId" required cdkFocusInitial>
            @for (line of data.lines; track line.id) {
              <mat-option [value]="line.id">{{ line.code }} — {{ line.label }}</mat-option>
            }
          </mat-select>
          @if (leftAe() !== null) {
            <mat-hint>AE disponibles : {{ euros(leftAe()!) }}</mat-hint>
          }
          @if (form.controls.lineId.invalid) {
            <mat-error>{{ errorOf(form.controls.lineId) }}</mat-error>
          }
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label>Date d’engagement</mat-label>
            <input matInput [matDatepicker]="picker" formControlName="committedOn" required autocomplete="off" />
            <mat-hint>JJ/MM/AAAA</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
            @if (form.controls.committedOn.invalid) {
              <mat-error>{{ errorOf(form.controls.committedOn) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Montant</mat-label>
            <input matInput appMoneyInput [minCents]="1" formControlName="amountCents" required />
            <mat-hint>En euros, par exemple 1 234,56</mat-hint>
            @if (form.controls.amountCents.invalid) {
              <mat-error>{{ moneyErrorOf(form.controls.amountCents) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label>Tiers</mat-label>
          <input matInput formControlName="thirdParty" required autocomplete="off" />
          <mat-hint>Le fournisseur, l’organisme ou la personne</mat-hint>
          @if (form.controls.thirdParty.invalid) {
            <mat-error>{{ errorOf(form.controls.thirdParty) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Objet</mat-label>
          <input matInput formControlName="object" required autocomplete="off" />
          @if (form.controls.object.invalid) {
            <mat-error>{{ errorOf(form.controls.object) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Référence</mat-label>
          <input matInput formControlName="reference" autocomplete="off" />
          <mat-hint>Facultatif : bon de commande, marché, convention…</mat-hint>
          @if (form.controls.reference.invalid) {
            <mat-error>{{ errorOf(form.controls.reference) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Engager</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './budget-dialog.scss',
})
export class CommitmentDialog extends FormDialogBase<Commitment> {
  private readonly api = inject(BudgetApi);
  protected readonly data = inject<CommitmentDialogData>(MAT_DIALOG_DATA);

  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly euros = (cents: number) => formatEuros(cents);

  protected readonly form = new FormGroup({
    lineId: requiredControl<number>(this.data.lineId),
    committedOn: requiredDateControl(this.data.date),
    amountCents: requiredControl<number>(null),
    thirdParty: requiredTextControl('', 200),
    object: requiredTextControl('', 500),
    reference: optionalTextControl('', 200),
  });

  private readonly lineId = toSignal(this.form.controls.lineId.valueChanges, { initialValue: this.data.lineId });
  protected readonly leftAe = computed(() => {
    const id = this.lineId();
    return id === null ? null : (this.data.leftAeCents.get(id) ?? null);
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    const body = this.parse(CreateCommitment, {
      lineId: value.lineId,
      committedOn: isoDateOrNull(value.committedOn),
      thirdParty: value.thirdParty,
      object: value.object,
      reference: value.reference,
      amountCents: value.amountCents,
    });
    if (!body) return;
    this.save(this.api.createCommitment(body), (commitment) => commitment);
  }
}
