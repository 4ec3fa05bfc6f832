import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type FundingNotification, type FundingSource, IN_KIND_VALUATION_NOTE, PutFundingNotification, formatEuros } from '@cn2r/shared';
import { optionalTextControl, requiredControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
import { BudgetApi } from './budget-api';

export interface NotificationDialogData {
  readonly source: FundingSource;
  readonly year: number;
}

export type NotificationDialogResult = { readonly outcome: 'saved'; readonly notification: FundingNotification } | { readonly outcome: 'conflict' };

/** The amount notified by a funder for a year (arrêté, convention), with its reference. */
@Component({
  selector: 'app-notification-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule, MoneyInput, FormErrors],
  template: `
    <h2 mat-dialog-title>{{ data.source.inKind ? 'Valorisation' : 'Montant notifié' }} {{ data.year }} — {{ data.source.code }}</h2>
    @if (data.source.inKind) {
      <!-- In kind: the valuation comes from the staff records, read-only; nothing to type. -->
      <mat-dialog-content>
        <p class="in-kind-value">{{ valuationText }}</p>
        <p class="help">{{ note }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Fermer</button>
      </mat-dialog-actions>
    } @else {
      @if (saving()) {
        <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
      }
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-dialog-content>
          <app-form-errors [messages]="formErrors()" />
          <mat-form-field class="full-width">
            <mat-label>Montant notifié</mat-label>
            <input matInput appMoneyInput [minCents]="0" formControlName="amountCents" required cdkFocusInitial />
            <mat-hint>En euros, par exemple 280 000</mat-hint>
            @if (form.controls.amountCents.invalid) {
              <mat-error>{{ moneyErrorOf(form.controls.amountCents) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field class="full-width">
            <mat-label>Référence</mat-label>
            <input matInput formControlName="reference" autocomplete="off" />
            <mat-hint>Facultatif : arrêté, convention, circulaire</mat-hint>
            @if (form.controls.reference.invalid) {
              <mat-error>{{ errorOf(form.controls.reference) }}</mat-error>
            }
          </mat-form-field>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>Annuler</button>
          <button mat-flat-button type="submit" [disabled]="saving()">Enregistrer</button>
        </mat-dialog-actions>
      </form>
    }
  `,
  styleUrl: './budget-dialog.scss',
})
export class NotificationDialog extends FormDialogBase<NotificationDialogResult> {
  private readonly api = inject(BudgetApi);
  protected readonly data = inject<NotificationDialogData>(MAT_DIALOG_DATA);
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly moneyErrorOf = moneyErrorMessage;

  protected readonly note = IN_KIND_VALUATION_NOTE.charAt(0).toUpperCase() + IN_KIND_VALUATION_NOTE.slice(1) + ' (coût employeur) : elle ne se saisit pas.';
  private readonly valuation = this.data.source.valuations.find((v) => v.year === this.data.year) ?? null;
  protected readonly valuationText =
    this.valuation === null
      ? 'Aucune personne mise à disposition sans remboursement sur cette source en ' + this.data.year + '.'
      : this.valuation.valueCents === null
        ? 'Non communiquée : moins de 3 personnes.'
        : formatEuros(this.valuation.valueCents) + ' (' + this.valuation.headcount + (this.valuation.headcount > 1 ? ' personnes, ' : ' personne, ') + this.valuation.etpt + ' ETPT)';

  private readonly existing = this.data.source.notifications.find((n) => n.year === this.data.year) ?? null;
  protected readonly form = new FormGroup({
    amountCents: requiredControl<number>(this.existing?.amountCents ?? null),
    reference: optionalTextControl(this.existing?.reference ?? '', 200),
  });

  protected submit(): void {
    if (this.data.source.inKind || !this.startSubmit()) return;
    const value = this.form.getRawValue();
    const body = this.parse(PutFundingNotification, { ...value, ...(this.existing ? { version: this.existing.version } : {}) });
    if (!body) return;
    this.save(this.api.putNotification(this.data.source.id, this.data.year, body), (notification) => ({
      outcome: 'saved',
      notification,
    }));
  }
}
