import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateStaffAssignment,
  CreateStaffMember,
  PutStaffAllocations,
  PutStaffCeiling,
  StaffAssignment,
  StaffCeiling,
  StaffMember,
  StaffMemberDetail,
  StaffSummary,
  UpdateStaffAssignment,
  UpdateStaffMember,
} from '@cn2r/shared';
import { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

/** Staff and FTE: members (personal data, finance and administrators), assignments, allocations, the year's summary. */
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
}
