import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CareOffer, CareOfferHistoryItem, CareOfferImportResult, CreateCareOffer, UpdateCareOffer } from '@cn2r/shared';
import type { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

const BASE = '/api/care-offer';

/** The filters of the list, as in the page's URL. */
export interface CareOfferFilters {
  readonly kind?: string;
  readonly public?: string;
  readonly care?: string;
  readonly region?: string;
  readonly status?: string;
}

/** The care-offer registry. 409 and 422 on a save are shown on the dialog's form. */
@Injectable({ providedIn: 'root' })
export class CareOfferApi {
  private readonly http = inject(HttpClient);

  list(filters: CareOfferFilters): Observable<CareOffer[]> {
    const params = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
    return this.http.get<CareOffer[]>(BASE, { params });
  }
  history(id: number): Observable<CareOfferHistoryItem[]> {
    return this.http.get<CareOfferHistoryItem[]>(`${BASE}/${id}/history`);
  }
  create(body: CreateCareOffer): Observable<CareOffer> {
    return this.http.post<CareOffer>(BASE, body, { context: handles(409, 422) });
  }
  update(id: number, body: UpdateCareOffer): Observable<CareOffer> {
    return this.http.patch<CareOffer>(`${BASE}/${id}`, body, { context: handles(409, 422) });
  }
  /** A CSV of structures: checked only (dryRun), or recorded as proposals, all or none (422 with the line problems). */
  importCsv(file: Blob, dryRun: boolean): Observable<CareOfferImportResult> {
    return this.http.post<CareOfferImportResult>(`${BASE}/import`, file, { params: { dryRun }, headers: { 'Content-Type': 'text/csv' }, context: handles(422) });
  }
  publish(entry: CareOffer): Observable<CareOffer> {
    return this.http.post<CareOffer>(`${BASE}/${entry.id}/publish`, { version: entry.version });
  }
  returnToUnit(entry: CareOffer, message: string): Observable<CareOffer> {
    return this.http.post<CareOffer>(`${BASE}/${entry.id}/return`, { version: entry.version, message }, { context: handles(409, 422) });
  }
  withdraw(entry: CareOffer): Observable<CareOffer> {
    return this.http.post<CareOffer>(`${BASE}/${entry.id}/withdraw`, { version: entry.version });
  }
}
