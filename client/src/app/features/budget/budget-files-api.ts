import { HttpClient, HttpEvent, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ACCOUNTING_IMPORT_TYPES,
  ATTACHMENT_TYPES,
  type AccountingImportResult,
  type AttachmentEntityType,
  type AttachmentMediaType,
  type BudgetAttachment,
  type WithdrawAttachment,
} from '@cn2r/shared';
import { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

/** The path segment of each kind of entry in the attachments routes. */
const ENTITY_PATHS: Record<AttachmentEntityType, string> = { commitment: 'commitments', payment: 'payments', decision: 'decisions', receipt: 'receipts' };

const [XLSX_TYPE, CSV_TYPE] = ACCOUNTING_IMPORT_TYPES;

/**
 * The media type of a supporting document, from its name's extension (the server checks the
 * extension, the declared type and the first bytes agree). Null for any other file.
 */
export function attachmentTypeOf(fileName: string): AttachmentMediaType | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.pdf')) return 'application/pdf';
  if (name.endsWith('.png')) return 'image/png';
  if (/\.jpe?g$/.test(name)) return 'image/jpeg';
  return null;
}

/** True when a browser-reported type is one the server accepts (an empty type is left to the extension). */
export function isAttachmentType(type: string): boolean {
  return type === '' || (ATTACHMENT_TYPES as readonly string[]).includes(type);
}

/**
 * The media type to send for an accounting export, from its extension: browsers report CSV files
 * as `application/vnd.ms-excel`, `text/plain` or nothing, depending on the system. Null otherwise.
 */
export function accountingImportTypeOf(fileName: string): (typeof ACCOUNTING_IMPORT_TYPES)[number] | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv')) return CSV_TYPE;
  return null;
}

/** Where a supporting document is downloaded: a plain GET, the server names the file. */
export function attachmentUrl(id: number): string {
  return `/api/budget/attachments/${id}`;
}

const entryQuery = (year: number, lineId: number | null) => new HttpParams({ fromObject: lineId === null ? { year } : { year, lineId } }).toString();

/** The Excel download of a year's commitments (one line only when `lineId` is given). */
export function commitmentsXlsxUrl(year: number, lineId: number | null = null): string {
  return `/api/budget/commitments.xlsx?${entryQuery(year, lineId)}`;
}

/** The Excel download of a year's payments (one line only when `lineId` is given). */
export function paymentsXlsxUrl(year: number, lineId: number | null = null): string {
  return `/api/budget/payments.xlsx?${entryQuery(year, lineId)}`;
}

/**
 * The budget's files: supporting documents of commitments, payments and decisions, and the import
 * of an accounting export. Uploads send the file itself as the body, with its Content-Type; the
 * refusals a dialog can explain (404, 409, 413, 415, 422) are left to it.
 */
@Injectable({ providedIn: 'root' })
export class BudgetFilesApi {
  private readonly http = inject(HttpClient);

  /** The documents of an entry, withdrawn ones included, in the order they were added. */
  attachments(entityType: AttachmentEntityType, entityId: number): Observable<BudgetAttachment[]> {
    return this.http.get<BudgetAttachment[]>(`/api/budget/${ENTITY_PATHS[entityType]}/${entityId}/attachments`);
  }

  /** Sends the file as the raw body, its name in `?fileName=`; emits the upload progress, then the response. */
  uploadAttachment(entityType: AttachmentEntityType, entityId: number, file: File, fileName: string, type: AttachmentMediaType): Observable<HttpEvent<BudgetAttachment>> {
    return this.http.post<BudgetAttachment>(`/api/budget/${ENTITY_PATHS[entityType]}/${entityId}/attachments`, file, {
      params: new HttpParams().set('fileName', fileName),
      headers: new HttpHeaders({ 'Content-Type': type }),
      context: handles(404, 409, 413, 415, 422),
      reportProgress: true,
      observe: 'events',
    });
  }

  withdrawAttachment(id: number, body: WithdrawAttachment): Observable<BudgetAttachment> {
    return this.http.post<BudgetAttachment>(`/api/budget/attachments/${id}/withdrawal`, body, { context: handles(404, 409, 422) });
  }

  /**
   * The accounting export of a year, as the raw body. A dry run records nothing; otherwise every
   * entry is recorded, or none (422 with the problems in `fields`).
   */
  importAccounting(year: number, file: File, dryRun: boolean): Observable<AccountingImportResult> {
    const type = accountingImportTypeOf(file.name) ?? XLSX_TYPE;
    return this.http.post<AccountingImportResult>(`/api/budget/${year}/accounting-import`, file, {
      params: new HttpParams().set('dryRun', dryRun),
      headers: new HttpHeaders({ 'Content-Type': type }),
      context: handles(404, 409, 413, 415, 422),
    });
  }
}
