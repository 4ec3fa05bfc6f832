import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Commune } from '@cn2r/shared';
import { type Observable, catchError, of } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

/** The communes of the Code officiel géographique, for the care-offer form. */
@Injectable({ providedIn: 'root' })
export class CommuneApi {
  private readonly http = inject(HttpClient);

  /** Up to 10 communes whose name (or code) matches; none on an error (the form still takes a typed code). */
  search(text: string): Observable<Commune[]> {
    return this.http.get<Commune[]>('/api/communes', { params: { q: text }, context: handles(422) }).pipe(catchError(() => of([])));
  }

  /** The commune of a code, or null when the code names none (404). */
  find(code: string): Observable<Commune | null> {
    return this.http.get<Commune>(`/api/communes/${encodeURIComponent(code)}`, { context: handles(404, 422) }).pipe(catchError(() => of(null)));
  }
}

/** « Lille (59) — Hauts-de-France », as the form lists a commune. */
export const communeText = (c: Commune) => `${c.name} (${c.department})${c.region ? ` — ${c.region}` : ''}`;
