import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateInKindContribution,
  CreateStaffAssignment,
  CreateStaffMember,
  InKindContribution,
  PutStaffAllocations,
  PutStaffCeiling,
  StaffAssignment,
  StaffCeiling,
  StaffMember,
  StaffMemberDetail,
  StaffSummary,
  UpdateInKindContribution,
  UpdateStaffAssignment,
  UpdateStaffMember,
} from '@cn2r/shared';
import { Observable, map } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

/**
 * Staff and FTE: members (personal data, finance and administrators), assignments, allocations,
 * the year's summary, and the in-kind contributions besides staff (premises, equipment, services).
 */
@Injectable({ providedIn: 'root' })
export class StaffApi {
  private readonly http = inject(HttpClient);

  members(): Observable<StaffMember[]> {
    return this.http.get<StaffMember[]>('/api/staff/members', { context: handles(403) });
  }

  member(id: number): Observable<StaffMemberDetail> {
    return this.http.get<StaffMemberDetail>(`/api/staff/members/${id}`, { context: handles(404) });
  }

  createMember(body: CreateStaffMember): Observable<StaffMember> {
    return this.http.post<StaffMember>('/api/staff/members', body, { context: handles(409, 422) });
  }

  updateMember(id: number, body: UpdateStaffMember): Observable<StaffMember> {
    return this.http.patch<StaffMember>(`/api/staff/members/${id}`, body, { context: handles(409, 422) });
  }

  createAssignment(memberId: number, body: CreateStaffAssignment): Observable<StaffAssignment> {
    return this.http.post<StaffAssignment>(`/api/staff/members/${memberId}/assignments`, body, { context: handles(409, 422) });
  }

  updateAssignment(id: number, body: UpdateStaffAssignment): Observable<StaffAssignment> {
    return this.http.patch<StaffAssignment>(`/api/staff/assignments/${id}`, body, { context: handles(409, 422) });
  }

  /** Replaces the whole split; the server refuses (422) anything but 100 % every day, with the periods in French. */
  putAllocations(id: number, body: PutStaffAllocations): Observable<StaffAssignment> {
    return this.http.put<StaffAssignment>(`/api/staff/assignments/${id}/allocations`, body, { context: handles(409, 422) });
  }

  summary(year: number): Observable<StaffSummary> {
    return this.http.get<StaffSummary>(`/api/staff/${year}/summary`, { context: handles(403) });
  }

  putCeiling(year: number, body: PutStaffCeiling): Observable<StaffCeiling> {
    return this.http.put<StaffCeiling>(`/api/staff/ceilings/${year}`, body, { context: handles(409, 422) });
  }

  /** The in-kind contributions besides staff of a year (not personal data: the board reads them too). */
  listInKind(year: number): Observable<InKindContribution[]> {
    return this.http.get<InKindContribution[]>('/api/staff/in-kind', { params: { year }, context: handles(403) });
  }

  /** 409 when the fiscal year is closed (read only), 422 with field errors. */
  createInKind(body: CreateInKindContribution): Observable<InKindContribution> {
    return this.http.post<InKindContribution>('/api/staff/in-kind', body, { context: handles(409, 422) });
  }

  /** Sends the version read; 409 naming `version` means someone else changed it, another 409 that the year is closed. */
  updateInKind(id: number, body: UpdateInKindContribution): Observable<InKindContribution> {
    return this.http.patch<InKindContribution>(`/api/staff/in-kind/${id}`, body, { context: handles(409, 422) });
  }

  /** 404 when someone else deleted it first, 409 when its fiscal year is closed: the page says so and reloads. */
  deleteInKind(id: number): Observable<void> {
    return this.http.delete<void>(`/api/staff/in-kind/${id}`, { context: handles(404, 409) }).pipe(map(() => undefined));
  }
}
