import { type Signal, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { Completeness } from '@cn2r/shared';
import { EMPTY, Subject, catchError, merge, switchMap, tap } from 'rxjs';
import { CompletenessApi } from './completeness-api';

export interface YearCompleteness {
  /** The last answer; kept while the next year loads. */
  readonly completeness: Signal<Completeness | null>;
  readonly loading: Signal<boolean>;
  readonly loadFailed: Signal<boolean>;
  /** The year has no campaign (once loaded). */
  readonly noCampaign: Signal<boolean>;
  /** Asks the server again (after an error). */
  retry(): void;
}

/**
 * The completeness of the campaign of `year()`, loaded again whenever the year changes (an answer
 * for an older year is dropped) or on `retry()`. Call in an injection context.
 */
export function yearCompleteness(year: Signal<number>): YearCompleteness {
  const api = inject(CompletenessApi);
  const completeness = signal<Completeness | null>(null);
  const loading = signal(true);
  const loadFailed = signal(false);
  const retry$ = new Subject<void>();
  merge(toObservable(year), retry$)
    .pipe(
      tap(() => {
        loading.set(true);
        loadFailed.set(false);
      }),
      switchMap(() =>
        api.ofYear(year()).pipe(
          catchError(() => {
            loadFailed.set(true);
            loading.set(false);
            return EMPTY;
          }),
        ),
      ),
      takeUntilDestroyed(),
    )
    .subscribe((answer) => {
      completeness.set(answer);
      loading.set(false);
    });
  return {
    completeness: completeness.asReadonly(),
    loading: loading.asReadonly(),
    loadFailed: loadFailed.asReadonly(),
    noCampaign: computed(() => {
      const answer = completeness();
      return answer === null || answer.periods.length === 0;
    }),
    retry: () => retry$.next(),
  };
}
