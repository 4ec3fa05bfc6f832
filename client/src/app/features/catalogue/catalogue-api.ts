import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CheckRuleResult,
  ConsistencyRule,
  CreateDimension,
  CreateIndicator,
  CreateRule,
  Dimension,
  Indicator,
  Target,
  UnitKind,
  UpdateDimension,
  UpdateIndicator,
  UpdateRule,
} from '@cn2r/shared';
import { Observable, map } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

export interface IndicatorFilters {
  /** Also the closed revisions (and those to come). */
  readonly includeInactive?: boolean;
  readonly unitKind?: UnitKind | '';
}

/** The indicator catalogue: disaggregations, indicators and their revisions, consistency rules, yearly targets. */
@Injectable({ providedIn: 'root' })
export class CatalogueApi {
  private readonly http = inject(HttpClient);

  // ---- Dimensions (disaggregations) ----

  listDimensions(): Observable<Dimension[]> {
    return this.http.get<Dimension[]>('/api/dimensions');
  }

  /** 409 (code already used) and 422 go on the form. */
  createDimension(dimension: CreateDimension): Observable<Dimension> {
    return this.http.post<Dimension>('/api/dimensions', dimension, { context: handles(409, 422) });
  }

  /** 409: someone else changed it, or an option with values was removed. */
  updateDimension(id: number, changes: UpdateDimension): Observable<Dimension> {
    return this.http.patch<Dimension>(`/api/dimensions/${id}`, changes, { context: handles(409, 422) });
  }

  // ---- Indicators ----

  listIndicators(filters: IndicatorFilters = {}): Observable<Indicator[]> {
    let params = new HttpParams().set('includeInactive', String(filters.includeInactive ?? false));
    if (filters.unitKind) params = params.set('unitKind', filters.unitKind);
    return this.http.get<Indicator[]>('/api/indicators', { params });
  }

  getIndicator(id: number): Observable<Indicator> {
    return this.http.get<Indicator>(`/api/indicators/${id}`);
  }

  /** 409 (code already used) and 422 go on the form. */
  createIndicator(indicator: CreateIndicator): Observable<Indicator> {
    return this.http.post<Indicator>('/api/indicators', indicator, { context: handles(409, 422) });
  }

  /**
   * Sends the changed fields with the version read. On an indicator with values, a change of
   * meaning answers with the new revision (same code, revision + 1) effective from `effectiveFrom`.
   */
  updateIndicator(id: number, changes: UpdateIndicator): Observable<Indicator> {
    return this.http.patch<Indicator>(`/api/indicators/${id}`, changes, { context: handles(409, 422) });
  }

  // ---- Consistency rules ----

  listRules(): Observable<ConsistencyRule[]> {
    return this.http.get<ConsistencyRule[]>('/api/rules');
  }

  createRule(rule: CreateRule): Observable<ConsistencyRule> {
    return this.http.post<ConsistencyRule>('/api/rules', rule, { context: handles(409, 422) });
  }

  updateRule(id: number, changes: UpdateRule): Observable<ConsistencyRule> {
    return this.http.patch<ConsistencyRule>(`/api/rules/${id}`, changes, { context: handles(409, 422) });
  }

  /** 409 when the rule has already produced results: the page suggests deactivating it instead. */
  deleteRule(id: number): Observable<void> {
    return this.http.delete<void>(`/api/rules/${id}`, { context: handles(409) }).pipe(map(() => undefined));
  }

  /** Parses an expression as the admin types it; a 422 (too long…) is shown by the dialog, not in a snackbar. */
  checkRule(expression: string): Observable<CheckRuleResult> {
    return this.http.post<CheckRuleResult>('/api/rules/check', { expression }, { context: handles(422) });
  }

  // ---- Yearly targets ----

  listTargets(year: number): Observable<Target[]> {
    return this.http.get<Target[]>('/api/targets', { params: new HttpParams().set('year', year) });
  }

  /** Sets the target of an indicator code for a year; `null` removes it (204, answered as null). */
  putTarget(code: string, year: number, target: number | null): Observable<Target | null> {
    return this.http
      .put<Target | null>(`/api/targets/${encodeURIComponent(code)}/${year}`, { target }, { context: handles(422) })
      .pipe(map((saved) => saved ?? null));
  }
}
