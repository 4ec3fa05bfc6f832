import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  BudgetComparison,
  BudgetComparisonQuery,
  BudgetDecision,
  BudgetExecution,
  BudgetLine,
  Commitment,
  CreateBudgetDecision,
  CreateBudgetLine,
  CreateCommitment,
  CreateFundingSource,
  CreateFundingReceipt,
  CreatePayment,
  FiscalYear,
  FundingNotification,
  FundingReceipt,
  FundingSource,
  LineForecast,
  OpeningCash,
  Payment,
  PutFundingNotification,
  PutLineForecast,
  PutOpeningCash,
  ReceiptsOfYear,
  ReferenceItem,
  ReverseEntry,
  UpdateBudgetDecision,
  UpdateBudgetLine,
  UpdateFiscalYear,
  UpdateFundingSource,
} from '@cn2r/shared';
import { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

export interface BudgetReferenceData {
  readonly envelopes: ReferenceItem[];
  readonly missionAreas: ReferenceItem[];
}

/**
 * The budget API (GBCP). Writes let the dialogs handle their 409 and 422 (messages at the field,
 * a stale version reloads the page); other errors go to the interceptor's snackbar.
 */
@Injectable({ providedIn: 'root' })
export class BudgetApi {
  private readonly http = inject(HttpClient);

  /** The fiscal years, open and closed. A 403 (unit leads) is shown by the page, not in a snackbar. */
  fiscalYears(): Observable<FiscalYear[]> {
    return this.http.get<FiscalYear[]>('/api/budget/fiscal-years', { context: handles(403) });
  }

  openFiscalYear(year: number): Observable<FiscalYear> {
    return this.http.post<FiscalYear>('/api/budget/fiscal-years', { year }, { context: handles(409, 422) });
  }

  updateFiscalYear(year: number, body: UpdateFiscalYear): Observable<FiscalYear> {
    return this.http.patch<FiscalYear>(`/api/budget/fiscal-years/${year}`, body, { context: handles(409) });
  }

  /** The execution of a year on the server’s today (Paris): per line, envelope, funding source, mission area and in total. */
  execution(year: number): Observable<BudgetExecution> {
    return this.http.get<BudgetExecution>(`/api/budget/${year}/execution`, { context: handles(403, 404) });
  }

  referenceData(): Observable<BudgetReferenceData> {
    return this.http.get<BudgetReferenceData>('/api/budget/reference-data');
  }

  fundingSources(): Observable<FundingSource[]> {
    return this.http.get<FundingSource[]>('/api/budget/funding-sources');
  }

  createFundingSource(body: CreateFundingSource): Observable<FundingSource> {
    return this.http.post<FundingSource>('/api/budget/funding-sources', body, { context: handles(409, 422) });
  }

  updateFundingSource(id: number, body: UpdateFundingSource): Observable<FundingSource> {
    return this.http.patch<FundingSource>(`/api/budget/funding-sources/${id}`, body, { context: handles(409, 422) });
  }

  putNotification(id: number, year: number, body: PutFundingNotification): Observable<FundingNotification> {
    return this.http.put<FundingNotification>(`/api/budget/funding-sources/${id}/notifications/${year}`, body, { context: handles(409, 422) });
  }

  lines(year: number): Observable<BudgetLine[]> {
    return this.http.get<BudgetLine[]>('/api/budget/lines', { params: { year } });
  }

  createLine(body: CreateBudgetLine): Observable<BudgetLine> {
    return this.http.post<BudgetLine>('/api/budget/lines', body, { context: handles(409, 422) });
  }

  updateLine(id: number, body: UpdateBudgetLine): Observable<BudgetLine> {
    return this.http.patch<BudgetLine>(`/api/budget/lines/${id}`, body, { context: handles(409, 422) });
  }

  decisions(year: number): Observable<BudgetDecision[]> {
    return this.http.get<BudgetDecision[]>('/api/budget/decisions', { params: { year } });
  }

  createDecision(body: CreateBudgetDecision): Observable<BudgetDecision> {
    return this.http.post<BudgetDecision>('/api/budget/decisions', body, { context: handles(409, 422) });
  }

  updateDecision(id: number, body: UpdateBudgetDecision): Observable<BudgetDecision> {
    return this.http.patch<BudgetDecision>(`/api/budget/decisions/${id}`, body, { context: handles(409, 422) });
  }

  /** Adoption checks the GBCP rules: the caller shows a refusal (409, 422) next to the decision. */
  /** A BI or a BR names the general assembly's deliberation that adopted it; a transfer none. */
  adoptDecision(id: number, version: number, deliberationId?: number): Observable<BudgetDecision> {
    const body = deliberationId === undefined ? { version } : { version, deliberationId };
    return this.http.post<BudgetDecision>(`/api/budget/decisions/${id}/adopt`, body, { context: handles(409, 422) });
  }

  commitments(year: number, lineId?: number): Observable<Commitment[]> {
    return this.http.get<Commitment[]>('/api/budget/commitments', { params: lineId ? { year, lineId } : { year } });
  }

  createCommitment(body: CreateCommitment): Observable<Commitment> {
    return this.http.post<Commitment>('/api/budget/commitments', body, { context: handles(409, 422) });
  }

  reverseCommitment(id: number, body: ReverseEntry): Observable<Commitment> {
    return this.http.post<Commitment>(`/api/budget/commitments/${id}/reversals`, body, { context: handles(409, 422) });
  }

  payments(year: number, lineId?: number): Observable<Payment[]> {
    return this.http.get<Payment[]>('/api/budget/payments', { params: lineId ? { year, lineId } : { year } });
  }

  createPayment(body: CreatePayment): Observable<Payment> {
    return this.http.post<Payment>('/api/budget/payments', body, { context: handles(409, 422) });
  }

  reversePayment(id: number, body: ReverseEntry): Observable<Payment> {
    return this.http.post<Payment>(`/api/budget/payments/${id}/reversals`, body, { context: handles(409, 422) });
  }

  /** A year's receipts (recettes encaissées) per notified source, with notified and collected totals. */
  receipts(year: number): Observable<ReceiptsOfYear> {
    return this.http.get<ReceiptsOfYear>('/api/budget/receipts', { params: { year } });
  }

  createReceipt(body: CreateFundingReceipt): Observable<FundingReceipt> {
    return this.http.post<FundingReceipt>('/api/budget/receipts', body, { context: handles(409, 422) });
  }

  reverseReceipt(id: number, body: ReverseEntry): Observable<FundingReceipt> {
    return this.http.post<FundingReceipt>(`/api/budget/receipts/${id}/reversals`, body, { context: handles(409, 422) });
  }

  /** Sets the cash position on 1 January: without a version the first time, then with the version read (409 when stale). */
  putOpeningCash(year: number, body: PutOpeningCash): Observable<OpeningCash> {
    return this.http.put<OpeningCash>(`/api/budget/fiscal-years/${year}/opening-cash`, body, { context: handles(409, 422) });
  }

  /** Sets the manual year-end forecast (atterrissage) of a line: without a version the first time, then with the version read (409 when stale). */
  putForecast(lineId: number, body: PutLineForecast): Observable<LineForecast> {
    return this.http.put<LineForecast>(`/api/budget/lines/${lineId}/forecast`, body, { context: handles(409, 422) });
  }

  /** Withdraws the manual forecast of a line (the projection is used again), with the version read; 404 when it was already withdrawn. */
  withdrawForecast(lineId: number, version: number): Observable<void> {
    return this.http.post<void>(`/api/budget/lines/${lineId}/forecast/withdrawal`, { version }, { context: handles(404, 409, 422) });
  }

  /** The fiscal years from `from` to `to` side by side (ten at most); a 403 and a 404 (no fiscal year in the range) are shown by the page. */
  comparison(query: BudgetComparisonQuery): Observable<BudgetComparison> {
    return this.http.get<BudgetComparison>('/api/budget/comparison', { params: { from: query.from, to: query.to }, context: handles(403, 404) });
  }

  /** The execution of a year in Excel, as a plain download link (same origin: the session cookie goes with it). */
  executionXlsxUrl(year: number): string {
    return `/api/budget/${year}/execution.xlsx`;
  }

  /** The multi-year comparison in Excel, as a plain download link. */
  comparisonXlsxUrl(query: BudgetComparisonQuery): string {
    return `/api/budget/comparison.xlsx?from=${query.from}&to=${query.to}`;
  }
}
