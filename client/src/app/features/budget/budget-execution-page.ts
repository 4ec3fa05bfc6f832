import { DatePipe, LowerCasePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import {
  type BudgetExecution,
  type ExecutionGroup,
  envelopeLabels,
  fiscalYearStatusLabels,
  formatEuros,
  formatPercent,
  missionAreaLabels,
} from '@cn2r/shared';
import { EMPTY, Subject, catchError, filter, map, merge, switchMap, tap } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { BudgetApi } from './budget-api';
import { fiscalYearChoice } from './fiscal-year-choice';
import { ExecutionAlerts } from './execution-alerts';
import { type ExecutionRow, ExecutionTable } from './execution-table';
import { ForecastDialog, type ForecastDialogData, type ForecastDialogResult } from './forecast-dialog';
import type { LoadState } from '../../shared/loading/load-resource';
import { EmptyState } from '../../shared/loading/empty-state';
import { BudgetLoadStatus } from './budget-load-status';
import { reportEditOutcome } from '../../shared/forms/edit-outcome';
import { DownloadLink } from '../../shared/download/download-link';

/**
 * The execution of a fiscal year: the total as figures (open CP, committed, paid, left to pay,
 * execution rate against the theoretical rate), then the same figures per line, envelope, funding
 * source and mission area, with the alerts in words, and its Excel download. For finance, the
 * board and the coordination; finance and administrators also enter each line’s year-end
 * forecast (atterrissage) in an open year.
 */
@Component({
  selector: 'app-budget-execution-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DownloadLink,
    BudgetLoadStatus,
    EmptyState,
    DatePipe,
    LowerCasePipe,
    MatFormFieldModule,
    MatSelectModule,
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
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly retryExecution$ = new Subject<void>();
  /** Reloads the execution after a change, keeping the figures on screen meanwhile. */
  private readonly refreshExecution$ = new Subject<void>();
  private readonly canWrite = inject(AuthService).can('budget.write');

  /** Query parameter (withComponentInputBinding). */
  readonly annee = input<string>();

  protected readonly fy = fiscalYearChoice(this.annee);
  protected readonly execution = signal<BudgetExecution | null>(null);
  protected readonly executionState = signal<LoadState>('loading');

  protected readonly years = this.fy.years;
  protected readonly year = this.fy.year;
  /** One state for the page: the fiscal years first, then the year’s execution. */
  protected readonly state = computed<LoadState | 'empty'>(() => {
    if (this.fy.state() !== 'ready') return this.fy.state();
    return this.year() === null ? 'empty' : this.executionState();
  });

  protected readonly lineRows = computed<ExecutionRow[]>(() =>
    (this.execution()?.lines ?? []).map((line) => ({ ...line, key: String(line.lineId) })),
  );
  protected readonly envelopeRows = computed(() => this.groupRows(this.execution()?.byEnvelope, envelopeLabels));
  protected readonly fundingSourceRows = computed(() => this.groupRows(this.execution()?.byFundingSource));
  protected readonly missionAreaRows = computed(() => this.groupRows(this.execution()?.byMissionArea, missionAreaLabels));

  protected readonly forecastEditable = computed(() => this.canWrite && this.fy.isOpen());
  protected readonly xlsxUrl = computed(() => {
    const year = this.year();
    return year === null ? null : this.api.executionXlsxUrl(year);
  });

  protected readonly statusLabels = fiscalYearStatusLabels;

  constructor() {
    merge(toObservable(this.year).pipe(map(() => false)), this.retryExecution$.pipe(map(() => false)), this.refreshExecution$.pipe(map(() => true)))
      .pipe(
        filter(() => this.year() !== null),
        tap((quiet) => {
          if (quiet) return;
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

  protected retry(): void {
    if (this.fy.state() !== 'ready') this.fy.load();
    else this.retryExecution$.next();
  }

  /** The forecast dialog of a line (its row key is its id); reloads the execution after a change, and says so after a conflict. */
  protected editForecast(key: string): void {
    const execution = this.execution();
    const line = execution?.lines.find((l) => String(l.lineId) === key);
    if (!execution || !line) return;
    this.dialog
      .open<ForecastDialog, ForecastDialogData, ForecastDialogResult>(ForecastDialog, { data: { year: execution.year, line }, width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) => {
        const subject = `L’atterrissage de la ligne ${line.code}`;
        reportEditOutcome(
          this.snackBar,
          result,
          {
            conflict: `${subject} a été modifié par quelqu’un d’autre entre-temps. L’exécution a été rechargée : reprenez votre saisie.`,
            saved: (r) =>
              r.outcome === 'saved'
                ? `${subject} est enregistré : ${formatEuros(r.forecast.amountCents)}.`
                : `${subject} est retiré : la projection au rythme actuel s’applique de nouveau.`,
            savedDuration: 6000,
          },
          () => this.refreshExecution$.next(),
        );
      });
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
