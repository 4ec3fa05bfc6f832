import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { can, type Capability, type ChangePasswordRequest, type LoginRequest, type Me, type Role } from '@cn2r/shared';
import { Observable, finalize, firstValueFrom, map, tap } from 'rxjs';
import { handles } from '../http/handled-errors';

/** The signed-in user, kept in a signal. The session itself lives in an HttpOnly cookie. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<Me | null>(null);

  readonly user = this.current.asReadonly();
  readonly isSignedIn = computed(() => this.current() !== null);
  readonly role = computed<Role | null>(() => this.current()?.role ?? null);

  /** At start-up: who is signed in? A 401 just means nobody; other failures leave the user signed out too. */
  async load(): Promise<void> {
    try {
      this.current.set(await firstValueFrom(this.http.get<Me>('/api/auth/me')));
    } catch (error) {
      this.current.set(null);
      if (!(error instanceof HttpErrorResponse)) throw error;
    }
  }

  /** 401 (wrong credentials) and 429 (too many attempts) are left to the sign-in page. */
  login(email: string, password: string): Observable<Me> {
    const body: LoginRequest = { email, password };
    return this.http
      .post<Me>('/api/auth/login', body, { context: handles(401, 422, 429) })
      .pipe(tap((me) => this.current.set(me)));
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', null, { context: handles(401) }).pipe(
      map(() => undefined),
      finalize(() => this.current.set(null)),
    );
  }

  /** 422 (wrong current password, too short…) is for the form to show on its fields. */
  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password', request, { context: handles(422) }).pipe(map(() => undefined));
  }

  /** Does the signed-in user hold this capability of the shared access map? Nobody signed in holds none but the public ones. */
  can(capability: Capability): boolean {
    return can(this.role(), capability);
  }

  /** Forget the user locally (the session expired). */
  clear(): void {
    this.current.set(null);
  }
}
