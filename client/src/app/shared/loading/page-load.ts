import { signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { EMPTY, type Observable, catchError, switchMap, tap } from 'rxjs';

/**
 * The loading and failure flags of a page or a tab, set around its requests: `loading` until the
 * answer is shown, `loadFailed` when the request failed (the page then offers « Réessayer »).
 */
export class PageLoad {
  readonly loading = signal(true);
  readonly loadFailed = signal(false);

  /** Sends `request` and gives its answer to `show`. */
  once<T>(request: Observable<T>, show: (answer: T) => void): void {
    this.start();
    request.subscribe({
      next: (answer) => {
        show(answer);
        this.loading.set(false);
      },
      error: () => this.fail(),
    });
  }

  /**
   * Sends `request(query)` each time `trigger` emits a query (filters changed, « Réessayer »),
   * dropping the answer to an older one. Call in an injection context: it stops with the component.
   */
  follow<Q, T>(trigger: Observable<Q>, request: (query: Q) => Observable<T>, show: (answer: T) => void): void {
    trigger
      .pipe(
        tap(() => this.start()),
        switchMap((query) =>
          request(query).pipe(
            catchError(() => {
              this.fail();
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((answer) => {
        show(answer);
        this.loading.set(false);
      });
  }

  private start(): void {
    this.loading.set(true);
    this.loadFailed.set(false);
  }

  private fail(): void {
    this.loadFailed.set(true);
    this.loading.set(false);
  }
}
