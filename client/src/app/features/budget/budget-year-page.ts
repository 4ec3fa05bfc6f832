import { Directive, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { BudgetApi } from './budget-api';
import { fiscalYearChoice } from './fiscal-year-choice';

/** What the budget management pages share: the fiscal year chosen by `annee`, and who may write. */
@Directive()
export abstract class BudgetYearPage {
  protected readonly api = inject(BudgetApi);
  protected readonly dialog = inject(MatDialog);
  protected readonly snackBar = inject(MatSnackBar);

  /** Query parameter (withComponentInputBinding). */
  readonly annee = input<string>();
  protected readonly fy = fiscalYearChoice(this.annee);
  /** Finance and administrators. */
  protected readonly canWrite = inject(AuthService).can('budget.write');
  /** Finance and administrators, on an open fiscal year. */
  protected readonly writable = computed(() => this.canWrite && this.fy.isOpen());
}

/** A budget page showing the data of the chosen year: loaded whenever the year changes, again after a change or on « Réessayer ». */
@Directive()
export abstract class BudgetYearDataPage<T> extends BudgetYearPage {
  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');

  constructor() {
    super();
    effect(() => {
      const year = this.fy.year();
      if (year !== null) untracked(() => this.load(year));
    });
  }

  /** The requests of the year's data. */
  protected abstract fetch(year: number): Observable<T>;
  /** Keeps the answer in the page's signals. */
  protected abstract show(data: T): void;

  protected load(year = this.fy.year()): void {
    if (year === null) return;
    this.state.set('loading');
    this.fetch(year).subscribe({
      next: (data) => {
        this.show(data);
        this.state.set('ready');
      },
      error: () => this.state.set('failed'),
    });
  }

  /** The fiscal years first when they failed, else the year's data. */
  protected retry(): void {
    if (this.fy.state() !== 'ready') this.fy.load();
    else this.load();
  }
}
