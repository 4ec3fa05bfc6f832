import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, signal, untracked } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { type FiscalYear, fiscalYearStatusLabels } from '@cn2r/shared';
import { filter, switchMap } from 'rxjs';
import { isStaleVersion, toApiError } from '../../core/http/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { BudgetYearPage } from './budget-year-page';

/** The fiscal years: open a new one, close one (read only for everyone) or reopen it, after confirmation. */
@Component({
  selector: 'app-fiscal-years-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSpinner, LoadFailed, EmptyState, DatePipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatTableModule],
  template: `
    <div class="page-header">
      <h1>Exercices budgétaires</h1>
    </div>
    <p class="read-only-note">
      Un exercice clos est en lecture seule : plus de ligne, de décision, d’engagement ni de paiement. Le rouvrir est tracé au journal.
    </p>
    @if (canWrite) {
      <form class="toolbar" (ngSubmit)="openYear()" novalidate>
        <mat-form-field>
          <mat-label>Nouvel exercice</mat-label>
          <input matInput type="number" [formControl]="newYear" required min="2000" max="2100" step="1" />
          @if (newYear.invalid) {
            <mat-error>{{ errorOf(newYear, yearMessages) }}</mat-error>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="saving()">
          <mat-icon>add</mat-icon>
          Ouvrir l’exercice
        </button>
      </form>
    }
    @if (fy.state() === 'loading') {
      <app-loading-spinner label="Chargement des exercices" />
    } @else if (fy.state() !== 'ready') {
      <app-load-failed text="Les exercices n’ont pas pu être chargés." (retry)="fy.load()" />
    } @else if (fy.years().length === 0) {
      <app-empty-state icon="event_busy">
        <p>Aucun exercice pour l’instant.</p>
      </app-empty-state>
    } @else {
      <div class="table-container">
        <table mat-table [dataSource]="fy.years()" aria-label="Exercices budgétaires">
          <ng-container matColumnDef="year">
            <th mat-header-cell *matHeaderCellDef scope="col">Exercice</th>
            <td mat-cell *matCellDef="let row">{{ row.year }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef scope="col">Statut</th>
            <td mat-cell *matCellDef="let row">{{ statusLabel(row) }}</td>
          </ng-container>
          <ng-container matColumnDef="updatedAt">
            <th mat-header-cell *matHeaderCellDef scope="col">Dernière modification</th>
            <td mat-cell *matCellDef="let row">{{ row.updatedAt | date: 'dd/MM/yyyy HH:mm' }}</td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef scope="col"><span class="visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let row" class="actions">
              @if (canWrite) {
                <button mat-stroked-button type="button" (click)="toggle(row)" [disabled]="saving()">
                  {{ row.status === 'open' ? 'Clore ' + row.year : 'Rouvrir ' + row.year }}
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
    }
  `,
  styleUrl: './budget-pages.scss',
  host: { class: 'page' },
})
export class FiscalYearsPage extends BudgetYearPage {
  protected readonly saving = signal(false);
  protected readonly columns = ['year', 'status', 'updatedAt', 'actions'];
  protected readonly errorOf = controlErrorMessage;
  protected readonly yearMessages = { min: 'Une année de 2000 à 2100.', max: 'Une année de 2000 à 2100.' };

  private readonly suggested = computed(() => {
    const years = this.fy.fiscalYears().map((f) => f.year);
    return years.length ? Math.max(...years) + 1 : new Date().getFullYear();
  });
  protected readonly newYear = new FormControl<number | null>(null, { validators: [Validators.required, Validators.min(2000), Validators.max(2100)] });

  constructor() {
    super();
    // Suggest the year after the latest, whenever the years are (re)loaded.
    effect(() => {
      if (this.fy.state() === 'ready') {
        const suggested = this.suggested();
        untracked(() => this.newYear.setValue(suggested));
      }
    });
  }

  protected statusLabel(fiscalYear: FiscalYear): string {
    return fiscalYearStatusLabels[fiscalYear.status];
  }

  protected openYear(): void {
    this.newYear.markAsTouched();
    if (this.newYear.invalid || this.saving()) return;
    const year = this.newYear.value!;
    this.saving.set(true);
    this.api.openFiscalYear(year).subscribe({
      next: () => {
        this.saving.set(false);
        this.snackBar.open(`Exercice ${year} ouvert.`, 'Fermer', { duration: 5000 });
        this.fy.load();
      },
      error: (response: unknown) => {
        this.saving.set(false);
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        // « L’exercice 2027 existe déjà. » on the field; other statuses went to the snackbar.
        if (error.status === 409 || error.status === 422) this.newYear.setErrors({ server: error.message });
      },
    });
  }

  protected toggle(fiscalYear: FiscalYear): void {
    const closing = fiscalYear.status === 'open';
    confirmAction(this.dialog, {
      title: closing ? `Clore l’exercice ${fiscalYear.year} ?` : `Rouvrir l’exercice ${fiscalYear.year} ?`,
      message: closing
        ? `L’exercice ${fiscalYear.year} passera en lecture seule : plus aucune ligne, décision, engagement ni paiement ne pourra y être enregistré.`
        : `L’exercice ${fiscalYear.year} redeviendra modifiable. À réserver à une correction décidée, tracée au journal.`,
      confirmLabel: closing ? 'Clore' : 'Rouvrir',
      destructive: closing,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.saving.set(true);
          return this.api.updateFiscalYear(fiscalYear.year, { status: closing ? 'closed' : 'open', version: fiscalYear.version });
        }),
      )
      .subscribe({
        next: (updated) => {
          this.saving.set(false);
          this.snackBar.open(`Exercice ${updated.year} ${updated.status === 'closed' ? 'clos' : 'rouvert'}.`, 'Fermer', { duration: 5000 });
          this.fy.load();
        },
        error: (response: unknown) => {
          this.saving.set(false);
          if (!(response instanceof HttpErrorResponse)) throw response;
          const error = toApiError(response);
          this.snackBar.open(
            isStaleVersion(error)
              ? `L’exercice ${fiscalYear.year} a été modifié par quelqu’un d’autre entre-temps. La liste a été rechargée : vérifiez son statut avant de recommencer.`
              : error.message,
            'Fermer',
            { duration: 12000, panelClass: 'snackbar-error' },
          );
          this.fy.load();
        },
      });
  }
}
