import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditPage } from '@cn2r/shared';
import { Observable } from 'rxjs';

/** The audit filters as they travel in the URL and to the API (all optional). */
export interface AuditFilters {
  readonly actor?: string;
  readonly action?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  /** YYYY-MM-DD, included. */
  readonly from?: string;
  /** YYYY-MM-DD, included. */
  readonly to?: string;
}

export const AUDIT_FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

/** Query parameters for the non-empty filters, in a stable order. */
export function auditFilterParams(filters: AuditFilters): HttpParams {
  let params = new HttpParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) params = params.set(key, value);
  }
  return params;
}

/** The CSV export of the same filters, as a plain download link. */
export function auditCsvUrl(filters: AuditFilters): string {
  const query = auditFilterParams(filters).toString();
  return query ? `/api/audit.csv?${query}` : '/api/audit.csv';
}

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(filters: AuditFilters, limit: number, offset: number): Observable<AuditPage> {
    const params = auditFilterParams(filters).set('limit', limit).set('offset', offset);
    return this.http.get<AuditPage>('/api/audit', { params });
  }
}
