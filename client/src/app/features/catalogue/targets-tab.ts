import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, WritableSignal, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { type ExpectedResult, type Indicator, type Target, expectedResultLabels } from '@cn2r/shared';
import { EMPTY, Observable, catchError, filter, map, of, switchMap, tap } from 'rxjs';
import { toApiError } from '../../core/http/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { todayIso } from '../../shared/dates/iso-date';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { CatalogueApi } from './catalogue-api';
import { FRENCH_NUMBER_MESSAGE, formatFrenchNumber, frenchNumberValidator, parseFrenchNumber } from './french-number';
import { byCatalogueOrder } from './indicator-status';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';

/** One indicator code with an expected result, and its target for the year being edited. */
export interface TargetRow {
  readonly code: string;
  readonly label: string;
  readonly expectedResult: ExpectedResult;
  readonly unitOfMeasure: string;
  /** The target as saved; null when there is none. */
  readonly saved: WritableSignal<number | null>;
  readonly saving: WritableSignal<boolean>;
  readonly control: FormControl<string>;
}

const notNegative = (control: AbstractControl<string>): ValidationErrors | null => {
  const value = parseFrenchNumber(control.value);
  return value !== null && value < 0 ? { negative: true } : null;
};

const RESULT_ORDER = Object.keys(expectedResultLabels) as ExpectedResult[];

/**
 * The indicators tied to one of the funder's expected results, one row per code (targets are
 * set per code, whatever the revision), among those in force during the year.
 */
export function targetIndicators(indicators: readonly Indicator[], year: number): Indicator[] {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const byCode = new Map<string, Indicator>();
  for (const indicator of indicators) {
    if (!indicator.expectedResult) continue;
    if (indicator.activeFrom > end || (indicator.activeTo !== null && indicator.activeTo < start)) continue;
    const kept = byCode.get(indicator.code);
    if (!kept || kept.revision < indicator.revision) byCode.set(indicator.code, indicator);
  }
  return [...byCode.values()].sort(
    (a, b) => RESULT_ORDER.indexOf(a.expectedResult!) - RESULT_ORDER.indexOf(b.expectedResult!) || byCatalogueOrder(a, b),
  );
}

/** Yearly network targets of the indicators tied to an expected result, edited row by row. */
@Component({
  selector: 'app-targets-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    LoadingSpinner,
    LoadFailed,
    EmptyState,
    ReactiveFormsModule,
    MatTableModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  templateUrl: './targets-tab.html',
  styleUrls: ['./catalogue-tab.scss', './targets-tab.scss'],
})
export class TargetsTab {
  private readonly api = inject(CatalogueApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly currentYear = Number(todayIso().slice(0, 4));

  protected readonly years = Array.from({ length: 6 }, (_, i) => this.currentYear - 3 + i);
  protected readonly year = signal(this.currentYear);
  protected readonly columns = ['expectedResult', 'code', 'label', 'target', 'actions'];
  protected readonly errorOf = controlErrorMessage;
  protected readonly targetMessages = { frenchNumber: FRENCH_NUMBER_MESSAGE, negative: 'La cible est un nombre positif ou nul.' };

  private readonly indicators = signal<Indicator[] | null>(null);
  private readonly targets = signal<{ year: number; targets: Target[] } | null>(null);
  protected readonly loadFailed = signal(false);
  protected readonly loading = computed(() => this.indicators() === null || this.targets()?.year !== this.year());

  protected readonly rows = computed<TargetRow[]>(() => {
    const indicators = this.indicators();
    const targets = this.targets();
    if (!indicators || !targets) return [];
    const byCode = new Map(targets.targets.map((target) => [target.indicatorCode, target.target]));
    return targetIndicators(indicators, targets.year).map((indicator) => {
      const saved = byCode.get(indicator.code) ?? null;
      return {
        code: indicator.code,
        label: indicator.label,
        expectedResult: indicator.expectedResult!,
        unitOfMeasure: indicator.unitOfMeasure,
        saved: signal(saved),
        saving: signal(false),
        control: new FormControl(formatFrenchNumber(saved), {
          nonNullable: true,
          validators: [frenchNumberValidator, notNegative],
        }),
      };
    });
  });

  constructor() {
    this.loadIndicators();
    toObservable(this.year)
      .pipe(
        tap(() => this.loadFailed.set(false)),
        switchMap((year) =>
          this.api.listTargets(year).pipe(
            map((targets) => ({ year, targets })),
            catchError(() => {
              this.loadFailed.set(true);
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((targets) => this.targets.set(targets));
  }

  private loadIndicators(): void {
    this.api.listIndicators({ includeInactive: true }).subscribe({
      next: (indicators) => this.indicators.set(indicators),
      error: () => this.loadFailed.set(true),
    });
  }

  protected reload(): void {
    this.loadFailed.set(false);
    if (this.indicators() === null) this.loadIndicators();
    const year = this.year();
    this.api.listTargets(year).subscribe({
      next: (targets) => this.targets.set({ year, targets }),
      error: () => this.loadFailed.set(true),
    });
  }

  protected resultLabel(row: TargetRow): string {
    return expectedResultLabels[row.expectedResult];
  }

  /** The typed value differs from the saved one (and reads as a number, or is empty). */
  protected changed(row: TargetRow): boolean {
    const value = parseFrenchNumber(row.control.value);
    return !Number.isNaN(value) && value !== row.saved();
  }

  protected save(row: TargetRow): void {
    row.control.markAsTouched();
    if (row.saving() || row.control.invalid || !this.changed(row)) return;
    const target = parseFrenchNumber(row.control.value);
    const year = this.year();
    const confirmed: Observable<boolean> =
      target === null
        ? confirmAction(this.dialog, {
            title: 'Retirer la cible ?',
            message: `La cible ${year} de ${row.code} (${formatFrenchNumber(row.saved())}) sera retirée : les rapports n’afficheront plus de cible pour cet indicateur.`,
            confirmLabel: 'Retirer',
            destructive: true,
          })
        : of(true);
    confirmed
      .pipe(
        filter(Boolean),
        tap(() => row.saving.set(true)),
        switchMap(() => this.api.putTarget(row.code, year, target)),
      )
      .subscribe({
        next: (saved) => {
          row.saving.set(false);
          row.saved.set(saved?.target ?? null);
          row.control.setValue(formatFrenchNumber(saved?.target ?? null));
          row.control.markAsPristine();
          this.snackBar.open(
            saved ? `Cible ${year} de ${row.code} enregistrée : ${formatFrenchNumber(saved.target)}.` : `Cible ${year} de ${row.code} retirée.`,
            'Fermer',
            { duration: 5000 },
          );
        },
        error: (response: unknown) => {
          row.saving.set(false);
          if (!(response instanceof HttpErrorResponse)) throw response;
          const error = toApiError(response);
          if (error.status !== 422) return; // the snackbar told
          row.control.setErrors({ server: error.fields[0]?.message ?? error.message });
        },
      });
  }
}
