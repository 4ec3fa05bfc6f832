import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateUnit, Unit, UpdateUnit } from '@cn2r/shared';
import { Observable, map } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

@Injectable({ providedIn: 'root' })
export class UnitsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<Unit[]> {
    return this.http.get<Unit[]>('/api/units');
  }

  /** 409 (code already used) and 422 are shown on the form. */
  create(unit: CreateUnit): Observable<Unit> {
    return this.http.post<Unit>('/api/units', unit, { context: handles(409, 422) });
  }

  /** Sends only the changed fields with the version read; 409 means someone else changed it. */
  update(id: number, changes: UpdateUnit): Observable<Unit> {
    return this.http.patch<Unit>(`/api/units/${id}`, changes, { context: handles(409, 422) });
  }

  /** 409 when the unit already has data: the page suggests closing it instead. */
  remove(id: number): Observable<void> {
    return this.http.delete<void>(`/api/units/${id}`, { context: handles(409) }).pipe(map(() => undefined));
  }
}
