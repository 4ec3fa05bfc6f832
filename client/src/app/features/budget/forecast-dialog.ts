import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type ExecutionLine, type LineForecast, PutLineForecast, formatEuros } from '@cn2r/shared';
import { filter, switchMap, tap } from 'rxjs';
import { isStaleVersion, toApiError } from '../../core/http/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { requiredControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
import { BudgetApi } from './budget-api';

export interface ForecastDialogData {
  readonly year: number;
  /** The line as read in the execution: its manual forecast (with the version to send back) and its projection. */
  readonly line: ExecutionLine;
}

export type ForecastDialogResult =
  | { readonly outcome: 'saved'; readonly forecast: LineForecast }
  | { readonly outcome: 'withdrawn' }
  /** The forecast changed (or was withdrawn) since it was read: the page reloads and says so. */
  | { readonly outcome: 'conflict' };

/**
 * The manual year-end forecast (atterrissage) of a line's payments, with its mandatory comment;
 * or, when one was entered, its withdrawal after a confirmation (the projection at the current
 * pace is used again). Closes with what happened.
 */
@Component({
  selector: 'app-forecast-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule, MoneyInput, FormErrors],
  template: `
    <h2 mat-dialog-title>Atterrissage de la ligne {{ data.line.code }} ({{ data.year }})</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="help">
          {{ data.line.label }} : paiements prévus à la fin de l’exercice. Projection au rythme actuel :
          {{ data.line.projectedPaidCents === null ? 'aucune (l’exercice n’a pas commencé)' : euros(data.line.projectedPaidCents) }}.
        </p>
        @if (manual; as forecast) {
          <p class="help">Atterrissage saisi le {{ forecast.updatedAt | date: 'dd/MM/yyyy' }} : {{ euros(forecast.amountCents) }}.</p>
        }
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Atterrissage des paiements</mat-label>
          <input matInput appMoneyInput [minCents]="0" formControlName="amountCents" required cdkFocusInitial />
          <mat-hint>En euros, par exemple 12 345,67</mat-hint>
          @if (form.controls.amountCents.invalid) {
            <mat-error>{{ moneyErrorOf(form.controls.amountCents) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Commentaire</mat-label>
          <textarea matInput formControlName="comment" required rows="3"></textarea>
          <mat-hint>Obligatoire : ce sur quoi repose la prévision (marché signé, recrutement décalé…)</mat-hint>
          @if (form.controls.comment.invalid) {
            <mat-error>{{ errorOf(form.controls.comment) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        @if (manual) {
          <button mat-button type="button" class="withdraw" (click)="withdraw()" [disabled]="saving()">Retirer l’atterrissage saisi</button>
        }
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Enregistrer</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './budget-dialog.scss',
  styles: `
    .withdraw {
      margin-right: auto;
    }
  `,
})
export class ForecastDialog extends FormDialogBase<ForecastDialogResult> {
  private readonly api = inject(BudgetApi);
  private readonly dialog = inject(MatDialog);
  protected readonly data = inject<ForecastDialogData>(MAT_DIALOG_DATA);
  protected override readonly conflict = { outcome: 'conflict' } as const;
  protected readonly manual = this.data.line.manualForecast;

  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly euros = (cents: number) => formatEuros(cents);

  protected readonly form = new FormGroup({
    amountCents: requiredControl<number>(this.manual?.amountCents ?? null),
    comment: requiredTextControl(this.manual?.comment ?? '', 1000),
  });

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    const body = this.parse(PutLineForecast, {
      amountCents: value.amountCents,
      comment: value.comment,
      ...(this.manual ? { version: this.manual.version } : {}),
    });
    if (!body) return;
    this.save(this.api.putForecast(this.data.line.lineId, body), (forecast) => ({ outcome: 'saved', forecast }));
  }

  /** After a confirmation: back to the projection. A stale version, or a forecast already withdrawn (404), is a conflict. */
  protected withdraw(): void {
    const manual = this.manual;
    if (!manual || this.saving()) return;
    this.formErrors.set([]);
    const projection = this.data.line.projectedPaidCents;
    confirmAction(this.dialog, {
      title: 'Retirer l’atterrissage saisi ?',
      message:
        `L’atterrissage saisi de la ligne ${this.data.line.code} (${formatEuros(manual.amountCents)}) sera retiré : ` +
        (projection === null ? 'la projection au rythme actuel sera de nouveau utilisée.' : `la projection au rythme actuel (${formatEuros(projection)}) sera de nouveau utilisée.`),
      confirmLabel: 'Retirer',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        tap(() => this.saving.set(true)),
        switchMap(() => this.api.withdrawForecast(this.data.line.lineId, manual.version)),
      )
      .subscribe({
        next: () => {
          this.saving.set(false);
          this.dialogRef.close({ outcome: 'withdrawn' });
        },
        error: (response: unknown) => {
          this.saving.set(false);
          if (!(response instanceof HttpErrorResponse)) throw response;
          const error = toApiError(response);
          if (error.status === 404 || isStaleVersion(error)) {
            this.dialogRef.close({ outcome: 'conflict' });
            return;
          }
          if (error.status === 409 || error.status === 422) this.formErrors.set([error.message, ...error.fields.map((f) => f.message)]);
        },
      });
  }
}
