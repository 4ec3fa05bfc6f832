import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AdminDashboard, BoardDashboard, CostPerActivity, FinanceDashboard, MapDashboard, UnitLeadDashboard } from '@cn2r/shared';
import { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

/** Query parameters without the filters left empty. */
function params(values: Record<string, string | number | readonly number[] | null | undefined>): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) result = result.set(key, value.join(','));
    } else result = result.set(key, String(value));
  }
  return result;
}

/** The dashboards’ data (`/api/dashboards/*`), computed live by the server. Pages show 403 and 404 themselves. */
@Injectable({ providedIn: 'root' })
export class DashboardsApi {
  private readonly http = inject(HttpClient);

  unitLead(query: { year: number; unitId: number; domain?: string | null }): Observable<UnitLeadDashboard> {
    return this.http.get<UnitLeadDashboard>('/api/dashboards/unit-lead', { params: params(query), context: handles(403, 404) });
  }

  admin(query: { year: number; period?: string | null; unitIds?: readonly number[]; domain?: string | null }): Observable<AdminDashboard> {
    return this.http.get<AdminDashboard>('/api/dashboards/admin', { params: params(query), context: handles(403) });
  }

  finance(query: { year: number; fundingSourceId?: number | null }): Observable<FinanceDashboard> {
    return this.http.get<FinanceDashboard>('/api/dashboards/finance', { params: params(query), context: handles(403, 404) });
  }

  board(query: { year: number }): Observable<BoardDashboard> {
    return this.http.get<BoardDashboard>('/api/dashboards/board', { params: params(query), context: handles(403) });
  }

  map(query: { year: number }): Observable<MapDashboard> {
    return this.http.get<MapDashboard>('/api/dashboards/map', { params: params(query), context: handles(403) });
  }

  costPerActivity(query: { year: number }): Observable<CostPerActivity> {
    return this.http.get<CostPerActivity>('/api/dashboards/cost-per-activity', { params: params(query), context: handles(403, 404) });
  }
}
