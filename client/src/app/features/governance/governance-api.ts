import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AssemblyDeliberation,
  CreateDeliverable,
  CreateGovernanceBody,
  CreateGovernanceDeliberation,
  CreateGovernanceMeeting,
  CreateGovernanceMember,
  Deliverable,
  GovernanceBody,
  GovernanceDeliberation,
  GovernanceMeeting,
  GovernanceMember,
  UpdateDeliverable,
  UpdateGovernanceBody,
  UpdateGovernanceDeliberation,
  UpdateGovernanceMeeting,
  UpdateGovernanceMember,
} from '@cn2r/shared';
import { Observable, map } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

const BASE = '/api/governance';

/** The governance records and the deliverables. 409 and 422 on a save are shown on the dialog's form. */
@Injectable({ providedIn: 'root' })
export class GovernanceApi {
  private readonly http = inject(HttpClient);

  members(): Observable<GovernanceMember[]> {
    return this.http.get<GovernanceMember[]>(`${BASE}/members`);
  }
  createMember(body: CreateGovernanceMember): Observable<GovernanceMember> {
    return this.http.post<GovernanceMember>(`${BASE}/members`, body, { context: handles(409, 422) });
  }
  updateMember(id: number, body: UpdateGovernanceMember): Observable<GovernanceMember> {
    return this.http.patch<GovernanceMember>(`${BASE}/members/${id}`, body, { context: handles(409, 422) });
  }
  removeMember(id: number): Observable<void> {
    return this.http.delete<void>(`${BASE}/members/${id}`).pipe(map(() => undefined));
  }

  bodies(): Observable<GovernanceBody[]> {
    return this.http.get<GovernanceBody[]>(`${BASE}/bodies`);
  }
  createBody(body: CreateGovernanceBody): Observable<GovernanceBody> {
    return this.http.post<GovernanceBody>(`${BASE}/bodies`, body, { context: handles(409, 422) });
  }
  updateBody(id: number, body: UpdateGovernanceBody): Observable<GovernanceBody> {
    return this.http.patch<GovernanceBody>(`${BASE}/bodies/${id}`, body, { context: handles(409, 422) });
  }

  meetings(year: number): Observable<GovernanceMeeting[]> {
    return this.http.get<GovernanceMeeting[]>(`${BASE}/meetings`, { params: { year } });
  }
  createMeeting(body: CreateGovernanceMeeting): Observable<GovernanceMeeting> {
    return this.http.post<GovernanceMeeting>(`${BASE}/meetings`, body, { context: handles(409, 422) });
  }
  updateMeeting(id: number, body: UpdateGovernanceMeeting): Observable<GovernanceMeeting> {
    return this.http.patch<GovernanceMeeting>(`${BASE}/meetings/${id}`, body, { context: handles(409, 422) });
  }
  removeMeeting(id: number): Observable<void> {
    return this.http.delete<void>(`${BASE}/meetings/${id}`).pipe(map(() => undefined));
  }

  deliberations(year: number): Observable<GovernanceDeliberation[]> {
    return this.http.get<GovernanceDeliberation[]>(`${BASE}/deliberations`, { params: { year } });
  }
  createDeliberation(body: CreateGovernanceDeliberation): Observable<GovernanceDeliberation> {
    return this.http.post<GovernanceDeliberation>(`${BASE}/deliberations`, body, { context: handles(409, 422) });
  }
  updateDeliberation(id: number, body: UpdateGovernanceDeliberation): Observable<GovernanceDeliberation> {
    return this.http.patch<GovernanceDeliberation>(`${BASE}/deliberations/${id}`, body, { context: handles(409, 422) });
  }
  removeDeliberation(id: number): Observable<void> {
    return this.http.delete<void>(`${BASE}/deliberations/${id}`).pipe(map(() => undefined));
  }
  /** The general assembly's adopted deliberations from `from` to `to` (ISO dates), latest first: what a BI, a BR or a report approval can name. */
  assemblyDeliberations(from: string, to: string): Observable<AssemblyDeliberation[]> {
    return this.http.get<AssemblyDeliberation[]>(`${BASE}/assembly-deliberations`, { params: { from, to } }).pipe(map((list) => [...list].reverse()));
  }

  /** The minutes as the raw PDF; the server checks the bytes. */
  uploadMinutes(id: number, file: File): Observable<GovernanceDeliberation> {
    return this.http.post<GovernanceDeliberation>(`${BASE}/deliberations/${id}/minutes`, file, {
      params: { fileName: file.name },
      headers: { 'Content-Type': 'application/pdf' },
    });
  }
  minutesUrl(id: number): string {
    return `${BASE}/deliberations/${id}/minutes`;
  }

  deliverables(year: number): Observable<Deliverable[]> {
    return this.http.get<Deliverable[]>(`${BASE}/deliverables`, { params: { year } });
  }
  createDeliverable(body: CreateDeliverable): Observable<Deliverable> {
    return this.http.post<Deliverable>(`${BASE}/deliverables`, body, { context: handles(409, 422) });
  }
  updateDeliverable(id: number, body: UpdateDeliverable): Observable<Deliverable> {
    return this.http.patch<Deliverable>(`${BASE}/deliverables/${id}`, body, { context: handles(409, 422) });
  }
  removeDeliverable(id: number): Observable<void> {
    return this.http.delete<void>(`${BASE}/deliverables/${id}`).pipe(map(() => undefined));
  }
  uploadDeliverableFile(id: number, file: File): Observable<Deliverable> {
    return this.http.post<Deliverable>(`${BASE}/deliverables/${id}/file`, file, {
      params: { fileName: file.name },
      headers: { 'Content-Type': 'application/pdf' },
    });
  }
  deliverableFileUrl(id: number): string {
    return `${BASE}/deliverables/${id}/file`;
  }
}
