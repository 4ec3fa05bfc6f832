import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { type BudgetLine, type Commitment, CreatePayment, type Payment, PaymentKind, formatEuros, paymentKindLabels } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { optionalTextControl, requiredControl, requiredDateControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
import { BudgetApi } from './budget-api';
import { commitmentBalances } from './entry-balances';

export interface PaymentDialogData {
  readonly year: number;
  readonly lines: readonly BudgetLine[];
  /** The year's commitments (reversals included), to pay against one of them. */
  readonly commitments: readonly Commitment[];
  /** CP left per line id (open CP − paid), from the execution. */
  readonly leftCpCents: ReadonlyMap<number, number>;
  readonly lineId: number | null;
  readonly commitmentId: number | null;
  readonly date: string;
}

/**
 * A new payment on a line, optionally against one of its commitments (never beyond what is left
 * to pay on it). It consumes CP. Closes with the payment.
 */
@Component({
  selector: 'app-payment-dialog',
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
    <h2 mat-dialog-title>Nouveau paiement ({{ data.year }})</h2>
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
          @if (leftCp() !== null) {
            <mat-hint>CP disponibles : {{ euros(leftCp()!) }}</mat-hint>
          }
          @if (form.controls.lineId.invalid) {
            <mat-error>{{ errorOf(form.controls.lineId) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Engagement</mat-label>
          <mat-select formControlName="commitmentId">
            <mat-option [value]="null">Sans engagement</mat-option>
            @for (option of commitmentOptions(); track option.id) {
              <mat-option [value]="option.id">{{ option.label }}</mat-option>
            }
          </mat-select>
          @if (chosenCommitment(); as chosen) {
            <mat-hint>Reste à payer sur cet engagement : {{ euros(chosen.leftCents) }}</mat-hint>
          } @else {
            <mat-hint>Facultatif : les engagements de la ligne qui restent à payer</mat-hint>
          }
          @if (form.controls.commitmentId.invalid) {
            <mat-error>{{ errorOf(form.controls.commitmentId) }}</mat-error>
          }
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label>Date de paiement</mat-label>
            <input matInput [matDatepicker]="picker" formControlName="paidOn" required autocomplete="off" />
            <mat-hint>JJ/MM/AAAA</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
            @if (form.controls.paidOn.invalid) {
              <mat-error>{{ errorOf(form.controls.paidOn) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Montant</mat-label>
            <input matInput appMoneyInput [minCents]="1" [maxCents]="maxAmount()" formControlName="amountCents" required />
            <mat-hint>En euros, par exemple 1 234,56</mat-hint>
            @if (form.controls.amountCents.invalid) {
              <mat-error>{{ moneyErrorOf(form.controls.amountCents) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <div class="row">
          <mat-form-field>
            <mat-label>Nature</mat-label>
            <mat-select formControlName="kind" required>
              @for (kind of kinds; track kind) {
                <mat-option [value]="kind">{{ kindLabels[kind] }}</mat-option>
              }
            </mat-select>
            @if (form.controls.kind.invalid) {
              <mat-error>{{ errorOf(form.controls.kind) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Référence</mat-label>
            <input matInput formControlName="reference" autocomplete="off" />
            <mat-hint>Facultatif : facture, mandat…</mat-hint>
            @if (form.controls.reference.invalid) {
              <mat-error>{{ errorOf(form.controls.reference) }}</mat-error>
            }
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Payer</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './budget-dialog.scss',
})
export class PaymentDialog extends FormDialogBase<Payment> {
  private readonly api = inject(BudgetApi);
  protected readonly data = inject<PaymentDialogData>(MAT_DIALOG_DATA);

  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly euros = (cents: number) => formatEuros(cents);
  protected readonly kinds = PaymentKind.options;
  protected readonly kindLabels = paymentKindLabels;

  protected readonly form = new FormGroup({
    lineId: requiredControl<number>(this.data.lineId),
    commitmentId: new FormControl<number | null>(this.data.commitmentId),
    paidOn: requiredDateControl(this.data.date),
    amountCents: requiredControl<number>(null),
    kind: new FormControl<PaymentKind>('invoice', { nonNullable: true, validators: [Validators.required] }),
    reference: optionalTextControl('', 200),
  });

  private readonly balances = commitmentBalances(this.data.commitments);
  private readonly lineId = toSignal(this.form.controls.lineId.valueChanges, { initialValue: this.data.lineId });
  private readonly commitmentId = toSignal(this.form.controls.commitmentId.valueChanges, { initialValue: this.data.commitmentId });

  protected readonly leftCp = computed(() => {
    const id = this.lineId();
    return id === null ? null : (this.data.leftCpCents.get(id) ?? null);
  });

  /** The line's commitments with something left to pay. */
  protected readonly commitmentOptions = computed(() =>
    this.data.commitments
      .filter((c) => c.reversesId === null && c.lineId === this.lineId())
      .map((c) => ({ id: c.id, balance: this.balances.get(c.id)!, commitment: c }))
      .filter((o) => o.balance.leftCents > 0 || o.id === this.data.commitmentId)
      .map((o) => ({ id: o.id, label: `${o.commitment.thirdParty} — ${o.commitment.object} (reste ${formatEuros(o.balance.leftCents)})` })),
  );

  protected readonly chosenCommitment = computed(() => {
    const id = this.commitmentId();
    return id === null ? null : (this.balances.get(id) ?? null);
  });

  /** Against a commitment, never beyond what is left to pay on it. */
  protected readonly maxAmount = computed(() => this.chosenCommitment()?.leftCents ?? 1_000_000_000_000);

  constructor() {
    super();
    // Another line: the commitment chosen belonged to the previous one.
    this.form.controls.lineId.valueChanges.subscribe((lineId) => {
      const chosen = this.form.controls.commitmentId.value;
      if (chosen !== null && this.data.commitments.find((c) => c.id === chosen)?.lineId !== lineId) {
        this.form.controls.commitmentId.setValue(null);
      }
    });
  }

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    const body = this.parse(CreatePayment, {
      lineId: value.lineId,
      paidOn: isoDateOrNull(value.paidOn),
      commitmentId: value.commitmentId,
      kind: value.kind,
      reference: value.reference,
      amountCents: value.amountCents,
    });
    if (!body) return;
    this.save(this.api.createPayment(body), (payment) => payment);
  }
}
