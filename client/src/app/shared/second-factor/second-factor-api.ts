import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  RecoveryCodes,
  SecondFactorConfirmRequest,
  SecondFactorEnrolment,
  SecondFactorPolicy,
  SecondFactorProof,
  SecondFactorStatus,
  SecondFactorUsers,
} from '@cn2r/shared';
import { Observable, map } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

/** The second factor: the user's own (account page) and the administrator's policy and reset. */
@Injectable({ providedIn: 'root' })
export class SecondFactorApi {
  private readonly http = inject(HttpClient);

  status(): Observable<SecondFactorStatus> {
    return this.http.get<SecondFactorStatus>('/api/account/second-factor');
  }

  startEnrolment(): Observable<SecondFactorEnrolment> {
    return this.http.post<SecondFactorEnrolment>('/api/account/second-factor/enrolment', null);
  }

  /** 422: a wrong code, for the field. */
  confirm(request: SecondFactorConfirmRequest): Observable<RecoveryCodes> {
    return this.http.post<RecoveryCodes>('/api/account/second-factor/confirm', request, { context: handles(422) });
  }

  /** 422: a wrong code or password; 409: required for the role. */
  disable(proof: SecondFactorProof): Observable<void> {
    return this.http.post<void>('/api/account/second-factor/disable', proof, { context: handles(409, 422) }).pipe(map(() => undefined));
  }

  regenerateRecoveryCodes(proof: SecondFactorProof): Observable<RecoveryCodes> {
    return this.http.post<RecoveryCodes>('/api/account/second-factor/recovery-codes', proof, { context: handles(422) });
  }

  revokeDevice(id: number): Observable<void> {
    return this.http.delete<void>(`/api/account/second-factor/devices/${id}`).pipe(map(() => undefined));
  }

  policy(): Observable<SecondFactorPolicy> {
    return this.http.get<SecondFactorPolicy>('/api/second-factor/policy');
  }

  setPolicy(policy: SecondFactorPolicy): Observable<SecondFactorPolicy> {
    return this.http.put<SecondFactorPolicy>('/api/second-factor/policy', policy);
  }

  enrolledUsers(): Observable<SecondFactorUsers> {
    return this.http.get<SecondFactorUsers>('/api/second-factor/users');
  }

  resetFor(userId: number): Observable<void> {
    return this.http.post<void>(`/api/users/${userId}/second-factor/reset`, null).pipe(map(() => undefined));
  }
}
