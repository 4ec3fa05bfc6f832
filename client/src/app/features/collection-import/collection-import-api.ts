import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CollectionImportResult, Unit } from '@cn2r/shared';
import { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';
/** Same limit as the server (5 MB): a bigger file is refused before it is sent. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The download link of a unit's template for a campaign: a plain GET, the browser keeps the file name. */
export function templateUrl(unitId: number, year: number): string {
  return `/api/units/${unitId}/campaigns/${year}/template.xlsx`;
}

/**
 * The media type to send for a chosen file, from its extension: browsers report CSV files as
 * `application/vnd.ms-excel`, `text/plain` or nothing, depending on the system. Null for any other file.
 */
export function uploadTypeOf(fileName: string): string | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv')) return CSV_TYPE;
  return null;
}

@Injectable({ providedIn: 'root' })
export class CollectionImportApi {
  private readonly http = inject(HttpClient);

  unit(unitId: number): Observable<Unit> {
    return this.http.get<Unit>(`/api/units/${unitId}`, { context: handles(404) });
  }

  /**
   * Sends the file itself as the body. A dry run writes nothing; a confirmation writes all or
   * nothing. 413, 415 and 422 (file refused, problems) are shown on the page.
   */
  importFile(unitId: number, year: number, file: File, dryRun: boolean): Observable<CollectionImportResult> {
    const type = uploadTypeOf(file.name) ?? XLSX_TYPE;
    return this.http.post<CollectionImportResult>(`/api/units/${unitId}/campaigns/${year}/import`, file, {
      params: new HttpParams().set('dryRun', dryRun),
      headers: new HttpHeaders({ 'Content-Type': type }),
      context: handles(404, 413, 415, 422),
    });
  }
}
