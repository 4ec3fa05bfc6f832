import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateUser, ResetPassword, Role, UpdateUser, User, UserList } from '@cn2r/shared';
import { Observable, map } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

export interface UserFilters {
  readonly search?: string;
  readonly role?: Role | '';
  /** 'true' or 'false' as in the query string; '' for all. */
  readonly active?: 'true' | 'false' | '';
}

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(filters: UserFilters = {}): Observable<UserList> {
    let params = new HttpParams();
    const search = filters.search?.trim();
    if (search) params = params.set('search', search);
    if (filters.role) params = params.set('role', filters.role);
    if (filters.active) params = params.set('active', filters.active);
    return this.http.get<UserList>('/api/users', { params });
  }

  /** 409 (e-mail already used) and 422 go on the form. */
  create(user: CreateUser): Observable<User> {
    return this.http.post<User>('/api/users', user, { context: handles(409, 422) });
  }

  /** 409: someone else changed the account since it was read. */
  update(id: number, changes: UpdateUser): Observable<User> {
    return this.http.patch<User>(`/api/users/${id}`, changes, { context: handles(409, 422) });
  }

  /** The account is no longer linked to the identity provider's person. */
  unlinkOidc(id: number): Observable<void> {
    return this.http.delete<void>(`/api/users/${id}/oidc`).pipe(map(() => undefined));
  }

  /** A new invitation (link valid 7 days) for an account that never signed in; 409 otherwise. */
  sendInvitation(id: number): Observable<void> {
    return this.http.post<void>(`/api/users/${id}/invitation`, {}).pipe(map(() => undefined));
  }

  resetPassword(id: number, body: ResetPassword): Observable<void> {
    return this.http
      .post<void>(`/api/users/${id}/password`, body, { context: handles(422) })
      .pipe(map(() => undefined));
  }
}
