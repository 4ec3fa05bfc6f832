import { type Signal, computed, inject, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import type { Completeness } from '@cn2r/shared';
import { Subject, merge } from 'rxjs';
import { PageLoad } from '../../shared/loading/page-load';
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
  const load = new PageLoad();
  const retry$ = new Subject<void>();
  load.follow(merge(toObservable(year), retry$), () => api.ofYear(year()), (answer) => completeness.set(answer));
  return {
    completeness: completeness.asReadonly(),
    loading: load.loading.asReadonly(),
    loadFailed: load.loadFailed.asReadonly(),
    noCampaign: computed(() => {
      const answer = completeness();
      return answer === null || answer.periods.length === 0;
    }),
    retry: () => retry$.next(),
  };
}
