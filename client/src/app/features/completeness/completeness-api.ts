import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Completeness } from '@cn2r/shared';
import { Observable, catchError, of, throwError } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

@Injectable({ providedIn: 'root' })
export class CompletenessApi {
  private readonly http = inject(HttpClient);

  /**
   * Every unit × period of the year's campaign; a unit lead gets only their own units.
   * Null when the year has no campaign (the server's 404): the pages say so, no error message.
   */
  ofYear(year: number): Observable<Completeness | null> {
    return this.http.get<Completeness>('/api/completeness', { params: new HttpParams().set('year', year), context: handles(404) }).pipe(
      catchError((error: unknown) => (error instanceof HttpErrorResponse && error.status === 404 ? of(null) : throwError(() => error))),
    );
  }
}
