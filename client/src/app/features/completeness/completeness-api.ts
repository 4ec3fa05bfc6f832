import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Completeness } from '@cn2r/shared';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class CompletenessApi {
  private readonly http = inject(HttpClient);

  /** Every unit × period of the year's campaign; a unit lead gets only their own units. */
  ofYear(year: number): Observable<Completeness> {
    return this.http.get<Completeness>('/api/completeness', { params: new HttpParams().set('year', year) });
  }
}
