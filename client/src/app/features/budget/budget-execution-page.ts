import { DatePipe, LowerCasePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { Router } from '@angular/router';
import {
  type BudgetExecution,
  type ExecutionGroup,
  type FiscalYear,
  envelopeLabels,
  fiscalYearStatusLabels,
  formatEuros,
  formatPercent,
  missionAreaLabels,
} from '@cn2r/shared';
import { EMPTY, Subject, catchError, filter, merge, startWith, switchMap, tap } from 'rxjs';
import { BudgetApi } from './budget-api';
import { chosenFiscalYear, fiscalYearsDescending } from './budget-year';
import { ExecutionAlerts } from './execution-alerts';
import { type ExecutionRow, ExecutionTable } from './execution-table';

type LoadState = 'loading' | 'ready' | 'failed' | 'forbidden' | 'notFound';

const isForbidden = (error: unknown) => error instanceof HttpErrorResponse && error.status === 403;

/**
 * The execution of a fiscal year, read only: the total as figures (open CP, committed, paid, left
 * to pay, execution rate against the theoretical rate), then the same figures per line, envelope,
 * funding source and mission area, with the alerts in words. For finance, the board and the
 * coordination.
 */
@Component({
  selector: 'app-budget-execution-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    LowerCasePipe,
    MatFormFieldModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatTabsModule,
    ExecutionTable,
    ExecutionAlerts,
  ],
  templateUrl: './budget-execution-page.html',
  styleUrl: './budget-execution-page.scss',
  host: { class: 'page' },
})
export class BudgetExecutionPage {
  private readonly api = inject(BudgetApi);
  private readonly router = inject(Router);
  private readonly retryYears$ = new Subject<void>();
  private readonly retryExecution$ = new Subject<void>();

  /** Query parameter (withComponentInputBinding). */
  readonly annee = input<string>();

  private readonly currentYear = new Date().getFullYear();

  protected readonly fiscalYears = signal<FiscalYear[] | null>(null);
  protected readonly yearsState = signal<LoadState>('loading');
  protected readonly execution = signal<BudgetExecution | null>(null);
  protected readonly executionState = signal<LoadState>('loading');

  protected readonly years = computed(() => fiscalYearsDescending(this.fiscalYears() ?? []));
  protected readonly year = computed(() => chosenFiscalYear(this.annee(), this.fiscalYears() ?? [], this.currentYear));
  /** One state for the page: the fiscal years first, then the year’s execution. */
  protected readonly state = computed<LoadState | 'empty'>(() => {
    if (this.yearsState() !== 'ready') return this.yearsState();
    return this.year() === null ? 'empty' : this.executionState();
  });

  protected readonly lineRows = computed<ExecutionRow[]>(() =>
    (this.execution()?.lines ?? []).map((line) => ({ ...line, key: String(line.lineId) })),
  );
  protected readonly envelopeRows = computed(() => this.groupRows(this.execution()?.byEnvelope, envelopeLabels));
  protected readonly fundingSourceRows = computed(() => this.groupRows(this.execution()?.byFundingSource));
  protected readonly missionAreaRows = computed(() => this.groupRows(this.execution()?.byMissionArea, missionAreaLabels));

  protected readonly statusLabels = fiscalYearStatusLabels;

  constructor() {
    this.retryYears$
      .pipe(
        startWith(undefined),
        tap(() => this.yearsState.set('loading')),
        switchMap(() =>
          this.api.fiscalYears().pipe(
            catchError((error: unknown) => {
              this.yearsState.set(isForbidden(error) ? 'forbidden' : 'failed');
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((years) => {
        this.fiscalYears.set(years);
        this.yearsState.set('ready');
      });

    merge(toObservable(this.year), this.retryExecution$)
      .pipe(
        filter(() => this.year() !== null),
        tap(() => {
          this.executionState.set('loading');
          this.execution.set(null);
        }),
        switchMap(() =>
          this.api.execution(this.year()!).pipe(
            catchError((error: unknown) => {
              const status = error instanceof HttpErrorResponse ? error.status : 0;
              this.executionState.set(status === 403 ? 'forbidden' : status === 404 ? 'notFound' : 'failed');
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((execution) => {
        this.execution.set(execution);
        this.executionState.set('ready');
      });
  }

  protected chooseYear(year: number): void {
    void this.router.navigate([], { queryParams: { annee: year }, queryParamsHandling: 'merge' });
  }

  protected retry(): void {
    if (this.yearsState() !== 'ready') this.retryYears$.next();
    else this.retryExecution$.next();
  }

  protected euros(cents: number): string {
    return formatEuros(cents);
  }

  protected rate(bp: number | null): string {
    return bp === null ? '—' : formatPercent(bp);
  }

  /** The server’s labels, or the shared French labels when the key is a known code. */
  private groupRows(groups: readonly ExecutionGroup[] | undefined, labels: Record<string, string> = {}): ExecutionRow[] {
    return (groups ?? []).map((group) => ({ ...group, label: group.label || labels[group.key] || group.key }));
  }
}
