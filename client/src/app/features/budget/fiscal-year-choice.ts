import { type Signal, computed, inject, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { Router } from '@angular/router';
import type { FiscalYear } from '@cn2r/shared';
import { BudgetApi } from './budget-api';
import { chosenFiscalYear, fiscalYearsDescending } from './budget-year';

export type FiscalYearsState = 'loading' | 'ready' | 'failed' | 'forbidden';

/**
 * The fiscal year a budget page shows: the fiscal years loaded once, the one named by the
 * `annee` query parameter (else the current year, else the latest), and whether it is open to
 * writes. Call it in a field initializer (it injects the API and the router).
 */
export function fiscalYearChoice(annee: Signal<string | undefined>) {
  const api = inject(BudgetApi);
  const router = inject(Router);
  const fiscalYears = signal<FiscalYear[]>([]);
  const state = signal<FiscalYearsState>('loading');
  const currentYear = new Date().getFullYear();

  const load = () => {
    state.set('loading');
    api.fiscalYears().subscribe({
      next: (years) => {
        fiscalYears.set(years);
        state.set('ready');
      },
      error: (error: unknown) => state.set(error instanceof HttpErrorResponse && error.status === 403 ? 'forbidden' : 'failed'),
    });
  };
  load();

  const year = computed(() => chosenFiscalYear(annee(), fiscalYears(), currentYear));
  const current = computed(() => fiscalYears().find((fy) => fy.year === year()) ?? null);
  return {
    fiscalYears: fiscalYears.asReadonly(),
    years: computed(() => fiscalYearsDescending(fiscalYears())),
    state: state.asReadonly(),
    year,
    current,
    /** Closed years are read only, for everyone. */
    isOpen: computed(() => current()?.status === 'open'),
    load,
    choose: (chosen: number) => void router.navigate([], { queryParams: { annee: chosen }, queryParamsHandling: 'merge' }),
  };
}

export type FiscalYearChoice = ReturnType<typeof fiscalYearChoice>;

/** The default date of a new entry in `year`: today when it falls in the year, else its last day. */
export function defaultEntryDate(year: number, today: string): string {
  if (today.startsWith(`${year}-`)) return today;
  return today < `${year}-01-01` ? `${year}-01-01` : `${year}-12-31`;
}
