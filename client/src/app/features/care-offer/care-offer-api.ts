import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CARE_OFFER_IMPORT_TYPES, type CareOffer, type CareOfferHistoryItem, type CareOfferImportResult, type CreateCareOffer, type UpdateCareOffer } from '@cn2r/shared';
import type { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

const BASE = '/api/care-offer';
/** The import template (.xlsx): the sheet to fill and the allowed values. */
export const CARE_OFFER_TEMPLATE_URL = `${BASE}/import-template.xlsx`;

/** The filters of the list, as in the page's URL. */
export interface CareOfferFilters {
  readonly kind?: string;
  readonly public?: string;
  readonly care?: string;
  readonly region?: string;
  readonly status?: string;
}

/** The filters as a query string (`?kind=cump&status=proposed`), empty without any. */
const queryOf = (filters: CareOfferFilters) => {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
  return params.size ? `?${params}` : '';
};

/** The registry export of what the user may read, with the list's filters (same origin: the session cookie goes with the download). */
export const careOfferExportUrl = (format: 'xlsx' | 'csv', filters: CareOfferFilters) => `${BASE}/export.${format}${queryOf(filters)}`;

/** The media type the import is sent as: an Excel workbook by its name, else CSV. */
export const importContentType = (file: { readonly name: string }) => (/\.xlsx$/i.test(file.name) ? CARE_OFFER_IMPORT_TYPES[0] : CARE_OFFER_IMPORT_TYPES[1]);

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
  /** A workbook (.xlsx) or CSV of structures: checked only (dryRun), or recorded as proposals, all or none (422 with the line problems; 413 and 415 for a file refused whole). */
  importFile(file: File, dryRun: boolean): Observable<CareOfferImportResult> {
    return this.http.post<CareOfferImportResult>(`${BASE}/import`, file, { params: { dryRun }, headers: { 'Content-Type': importContentType(file) }, context: handles(413, 415, 422) });
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
