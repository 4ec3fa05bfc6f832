import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import {
  type BudgetComparison,
  BudgetComparisonQuery,
  type ComparisonRow,
  type FiscalYear,
  envelopeLabels,
  missionAreaLabels,
} from '@cn2r/shared';
import { EMPTY, Subject, catchError, filter, map, merge, startWith, switchMap, tap } from 'rxjs';
import { BudgetApi } from './budget-api';
import { fiscalYearsDescending } from './budget-year';
import { ComparisonTable, type ComparisonTableRow } from './comparison-table';
import type { LoadState } from '../../shared/loading/load-resource';
import { EmptyState } from '../../shared/loading/empty-state';
import { BudgetLoadStatus } from './budget-load-status';
import { DownloadLink } from '../../shared/download/download-link';


const statusOf = (error: unknown) => (error instanceof HttpErrorResponse ? error.status : 0);

/** The default range: the last three fiscal years (fewer when there are fewer). */
export function defaultComparisonRange(fiscalYears: readonly FiscalYear[]): { from: number; to: number } | null {
  const years = fiscalYearsDescending(fiscalYears).map((fy) => fy.year);
  if (years.length === 0) return null;
  return { from: years[Math.min(2, years.length - 1)], to: years[0] };
}

/**
 * Several fiscal years side by side (multi-year comparison): open credits, commitments, payments
 * and rates of each year, per line (matched by code), envelope, funding source and mission area,
 * the total in the footer, and the same in Excel. For finance, the board and the coordination.
 */
@Component({
  selector: 'app-comparison-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DownloadLink, BudgetLoadStatus, EmptyState, MatFormFieldModule, MatSelectModule, MatTabsModule, ComparisonTable],
  template: `
    <div class="page-header">
      <h1>Comparaison pluriannuelle</h1>
      @if (years().length) {
        <div class="range">
          <mat-form-field class="year" subscriptSizing="dynamic">
            <mat-label>Premier exercice</mat-label>
            <mat-select [value]="from()" (selectionChange)="from.set($event.value)">
              @for (fy of years(); track fy.year) {
                <mat-option [value]="fy.year">{{ fy.year }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field class="year" subscriptSizing="dynamic">
            <mat-label>Dernier exercice</mat-label>
            <mat-select [value]="to()" (selectionChange)="to.set($event.value)">
              @for (fy of years(); track fy.year) {
                <mat-option [value]="fy.year">{{ fy.year }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (state() === 'ready' && xlsxUrl(); as url) {
            <app-download-link [href]="url">Exporter (Excel)</app-download-link>
          }
        </div>
      }
    </div>

    <app-budget-load-status
      [state]="state()"
      loadingLabel="Chargement de la comparaison"
      failedText="La comparaison n’a pas pu être chargée."
      emptyText="Aucun exercice budgétaire : la comparaison s’affichera quand les finances auront ouvert des exercices."
      [notFoundText]="'Aucun exercice de ' + from() + ' à ' + to() + ' : choisissez d’autres années.'"
      (retry)="retry()"
    />
    @if (state() === 'invalid') {
      <p class="empty-state" role="alert">{{ rangeError() }}</p>
    } @else if (state() === 'ready') {
      @if (comparison(); as data) {
        @if (data.lines.length === 0) {
          <app-empty-state icon="request_quote">
            <p>Aucune ligne budgétaire de {{ data.from }} à {{ data.to }} : rien à comparer.</p>
          </app-empty-state>
        } @else {
          <p class="note">
            Exercices {{ data.years.join(', ') }}, chacun à la fin de l’année. « — » : la ligne n’existe pas cet exercice. Les lignes sont
            rapprochées par leur code.
          </p>
          <mat-tab-group mat-stretch-tabs="false" aria-label="Détail de la comparaison">
            <mat-tab label="Par ligne">
              <app-comparison-table [rows]="lineRows()" [total]="data.total" [years]="data.years" labelHeader="Ligne" [caption]="caption('par ligne budgétaire')" />
            </mat-tab>
            <mat-tab label="Par enveloppe">
              <app-comparison-table [rows]="envelopeRows()" [total]="data.total" [years]="data.years" labelHeader="Enveloppe" [caption]="caption('par enveloppe')" />
            </mat-tab>
            <mat-tab label="Par financeur">
              <app-comparison-table
                [rows]="fundingSourceRows()"
                [total]="data.total"
                [years]="data.years"
                labelHeader="Source de financement"
                [caption]="caption('par source de financement')"
              />
            </mat-tab>
            <mat-tab label="Par destination">
              <app-comparison-table [rows]="missionAreaRows()" [total]="data.total" [years]="data.years" labelHeader="Destination" [caption]="caption('par destination')" />
            </mat-tab>
          </mat-tab-group>
        }
      }
    }
  `,
  styles: `
    .range {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    .year {
      width: 160px;
    }
    .note {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    app-comparison-table {
      display: block;
      margin-top: 12px;
    }
  `,
  host: { class: 'page' },
})
export class ComparisonPage {
  private readonly api = inject(BudgetApi);
  private readonly retryYears$ = new Subject<void>();
  private readonly retryComparison$ = new Subject<void>();

  protected readonly fiscalYears = signal<FiscalYear[] | null>(null);
  protected readonly yearsState = signal<LoadState>('loading');
  protected readonly comparison = signal<BudgetComparison | null>(null);
  protected readonly comparisonState = signal<LoadState>('loading');
  protected readonly from = signal<number | null>(null);
  protected readonly to = signal<number | null>(null);

  protected readonly years = computed(() => fiscalYearsDescending(this.fiscalYears() ?? []));
  /** The range checked with the API’s own schema: `from` ≤ `to`, ten years at most. */
  private readonly query = computed(() => {
    const from = this.from();
    const to = this.to();
    return from === null || to === null ? null : BudgetComparisonQuery.safeParse({ from, to });
  });
  protected readonly rangeError = computed(() => {
    const query = this.query();
    return query && !query.success ? query.error.issues.map((issue) => issue.message).join(' ') : null;
  });
  /** One state for the page: the fiscal years first, then the range, then the comparison. */
  protected readonly state = computed<LoadState | 'empty' | 'invalid'>(() => {
    if (this.yearsState() !== 'ready') return this.yearsState();
    const query = this.query();
    if (query === null) return 'empty';
    return query.success ? this.comparisonState() : 'invalid';
  });
  protected readonly xlsxUrl = computed(() => {
    const query = this.query();
    return query?.success ? this.api.comparisonXlsxUrl(query.data) : null;
  });

  protected readonly lineRows = computed<ComparisonTableRow[]>(() => (this.comparison()?.lines ?? []).map((row) => ({ ...row, code: row.key })));
  protected readonly envelopeRows = computed(() => this.groupRows(this.comparison()?.byEnvelope, envelopeLabels));
  protected readonly fundingSourceRows = computed(() => this.groupRows(this.comparison()?.byFundingSource));
  protected readonly missionAreaRows = computed(() => this.groupRows(this.comparison()?.byMissionArea, missionAreaLabels));

  constructor() {
    this.retryYears$
      .pipe(
        startWith(undefined),
        tap(() => this.yearsState.set('loading')),
        switchMap(() =>
          this.api.fiscalYears().pipe(
            catchError((error: unknown) => {
              this.yearsState.set(statusOf(error) === 403 ? 'forbidden' : 'failed');
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((years) => {
        const range = defaultComparisonRange(years);
        if (this.from() === null) this.from.set(range?.from ?? null);
        if (this.to() === null) this.to.set(range?.to ?? null);
        this.fiscalYears.set(years);
        this.yearsState.set('ready');
      });

    merge(toObservable(this.query), this.retryComparison$.pipe(map(() => this.query())))
      .pipe(
        map((query) => (query?.success ? query.data : null)),
        filter((query) => query !== null),
        tap(() => {
          this.comparisonState.set('loading');
          this.comparison.set(null);
        }),
        switchMap((query) =>
          this.api.comparison(query).pipe(
            catchError((error: unknown) => {
              const status = statusOf(error);
              this.comparisonState.set(status === 403 ? 'forbidden' : status === 404 ? 'notFound' : 'failed');
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((comparison) => {
        this.comparison.set(comparison);
        this.comparisonState.set('ready');
      });
  }

  protected retry(): void {
    if (this.yearsState() !== 'ready') this.retryYears$.next();
    else this.retryComparison$.next();
  }

  protected caption(by: string): string {
    const data = this.comparison();
    return data ? `Comparaison ${data.from}–${data.to} ${by}` : `Comparaison ${by}`;
  }

  /** The server’s labels, or the shared French labels when the key is a known code. */
  private groupRows(rows: readonly ComparisonRow[] | undefined, labels: Record<string, string> = {}): ComparisonTableRow[] {
    return (rows ?? []).map((row) => ({ ...row, label: row.label || labels[row.key] || row.key }));
  }
}
