import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Campaign, CreateCampaign, PutExtension, UpdateCampaign } from '@cn2r/shared';
import { Observable, map } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

/** A campaign to create: the year, and only what the server should not default (label, periods). */
export type NewCampaign = Pick<CreateCampaign, 'year'> & Partial<Omit<CreateCampaign, 'year'>>;

/** Yearly collection campaigns: their periods with opening and due dates, and the extensions granted to units. */
@Injectable({ providedIn: 'root' })
export class CampaignsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<Campaign[]> {
    return this.http.get<Campaign[]>('/api/campaigns');
  }

  /** 404 is shown by the page (« cette campagne n’existe pas »). */
  get(id: number): Observable<Campaign> {
    return this.http.get<Campaign>(`/api/campaigns/${id}`, { context: handles(404) });
  }

  /** Without periods, the server creates the four quarters and the year. 409: a campaign exists for that year. */
  create(campaign: NewCampaign): Observable<Campaign> {
    return this.http.post<Campaign>('/api/campaigns', campaign, { context: handles(409, 422) });
  }

  /** Label, status or periods, with the version read; 409 means someone else changed the campaign. */
  update(id: number, changes: UpdateCampaign): Observable<Campaign> {
    return this.http.patch<Campaign>(`/api/campaigns/${id}`, changes, { context: handles(409, 422) });
  }

  /** Grants a unit a later due date for a period (or changes the one granted). */
  putExtension(id: number, unitId: number, period: string, extension: PutExtension): Observable<Campaign> {
    return this.http.put<Campaign>(
      `/api/campaigns/${id}/extensions/${unitId}/${encodeURIComponent(period)}`,
      extension,
      { context: handles(409, 422) },
    );
  }

  removeExtension(id: number, unitId: number, period: string): Observable<void> {
    return this.http
      .delete<void>(`/api/campaigns/${id}/extensions/${unitId}/${encodeURIComponent(period)}`)
      .pipe(map(() => undefined));
  }
}
