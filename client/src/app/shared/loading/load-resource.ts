import { HttpErrorResponse } from '@angular/common/http';
import { type Signal, computed, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { EMPTY, Observable, Subject, catchError, map, merge, switchMap, tap } from 'rxjs';

export type LoadState = 'loading' | 'ready' | 'failed' | 'forbidden' | 'notFound';

export interface LoadResource<T> {
  readonly state: Signal<LoadState>;
  readonly data: Signal<T | null>;
  /** Asks the server again (after an error). */
  retry(): void;
}

/**
 * Loads `fetch(query())` again whenever the query changes (a filter in the URL), dropping an
 * answer that arrives after a newer query (switchMap). Call in an injection context.
 */
export function loadResource<Q, T>(query: () => Q, fetch: (query: Q) => Observable<T>): LoadResource<T> {
  const state = signal<LoadState>('loading');
  const data = signal<T | null>(null);
  const retry$ = new Subject<void>();
  const current = computed(query, { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  merge(toObservable(current), retry$.pipe(map(() => current())))
    .pipe(
      tap(() => {
        state.set('loading');
        data.set(null);
      }),
      switchMap((q) =>
        fetch(q).pipe(
          catchError((error: unknown) => {
            const status = error instanceof HttpErrorResponse ? error.status : 0;
            state.set(status === 403 ? 'forbidden' : status === 404 ? 'notFound' : 'failed');
            return EMPTY;
          }),
        ),
      ),
      takeUntilDestroyed(),
    )
    .subscribe((answer) => {
      data.set(answer);
      state.set('ready');
    });
  return { state, data, retry: () => retry$.next() };
}
