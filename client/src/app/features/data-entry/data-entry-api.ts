import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  DataEntryForm,
  FormValue,
  ReturnRequest,
  SaveValue,
  SavedValue,
  Submission,
  SubmitRequest,
  ValueComment,
  ValueHistoryEntry,
} from '@cn2r/shared';
import { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

const formUrl = (unitId: number, period: string) => `/api/units/${unitId}/forms/${encodeURIComponent(period)}`;

/** The data-entry form of one unit × period and its review circuit. */
@Injectable({ providedIn: 'root' })
export class DataEntryApi {
  private readonly http = inject(HttpClient);

  /** 403 (not validated yet, for finance and board) and 404 (unit closed then) are shown on the page. */
  form(unitId: number, period: string): Observable<DataEntryForm> {
    return this.http.get<DataEntryForm>(formUrl(unitId, period), { context: handles(403, 404) });
  }

  /** Autosave of one value. 409: someone else saved it meanwhile; 409 and 422 are shown on the field. */
  saveValue(unitId: number, period: string, body: SaveValue): Observable<SavedValue> {
    return this.http.put<SavedValue>(`${formUrl(unitId, period)}/values`, body, { context: handles(409, 422) });
  }

  /** Autosave of a warning's explanation (an empty text removes it). */
  saveRuleExplanation(unitId: number, period: string, ruleId: number, explanation: string): Observable<void> {
    return this.http.put<void>(`${formUrl(unitId, period)}/rule-explanations/${ruleId}`, { explanation }, { context: handles(409, 422) });
  }

  /** 422 lists what blocks the submission; 409 an illegal transition or a stale version. */
  submit(unitId: number, period: string, body: SubmitRequest): Observable<Submission> {
    return this.http.post<Submission>(`${formUrl(unitId, period)}/submit`, body, { context: handles(409, 422) });
  }

  validate(unitId: number, period: string, version: number): Observable<Submission> {
    return this.http.post<Submission>(`${formUrl(unitId, period)}/validate`, { version }, { context: handles(409, 422) });
  }

  returnToUnit(unitId: number, period: string, body: ReturnRequest): Observable<Submission> {
    return this.http.post<Submission>(`${formUrl(unitId, period)}/return`, body, { context: handles(409, 422) });
  }

  /** Makes ONE validated value editable again. */
  reopenValue(unitId: number, period: string, valueId: number, reason: string): Observable<FormValue> {
    return this.http.post<FormValue>(`${formUrl(unitId, period)}/values/${valueId}/reopen`, { reason }, { context: handles(409, 422) });
  }

  comments(unitId: number, period: string, valueId: number): Observable<ValueComment[]> {
    return this.http.get<ValueComment[]>(`${formUrl(unitId, period)}/values/${valueId}/comments`);
  }

  addComment(unitId: number, period: string, valueId: number, body: string): Observable<ValueComment> {
    return this.http.post<ValueComment>(`${formUrl(unitId, period)}/values/${valueId}/comments`, { body }, { context: handles(422) });
  }

  history(unitId: number, period: string, valueId: number): Observable<ValueHistoryEntry[]> {
    return this.http.get<ValueHistoryEntry[]>(`${formUrl(unitId, period)}/values/${valueId}/history`);
  }
}
