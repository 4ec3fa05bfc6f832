import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
// The access map from its zod-free module, and types only from the barrel: this service is in the
// initial bundle, and a value import of '@cn2r/shared' brings zod and every feature's schemas there.
import { can, type Capability } from '@cn2r/shared/capabilities';
import type {
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  Me,
  PendingSignIn,
  Role,
  SecondFactorChallenge,
  SecondFactorSignInRequest,
  SecondFactorSignInResponse,
} from '@cn2r/shared';
import { Observable, finalize, firstValueFrom, map, tap } from 'rxjs';
import { handles } from '../http/handled-errors';

/** Whether a sign-in answer asks for the second factor (nobody is signed in yet then). */
export function needsSecondFactor(answer: LoginResponse): answer is SecondFactorChallenge {
  return 'secondFactor' in answer;
}

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

  /**
   * 401 (wrong credentials) and 429 (too many attempts) are left to the sign-in page. The answer is
   * the user, or the second factor still to give (`needsSecondFactor`): nobody is signed in yet then.
   */
  login(email: string, password: string): Observable<LoginResponse> {
    const body: LoginRequest = { email, password };
    return this.http
      .post<LoginResponse>('/api/auth/login', body, { context: handles(401, 422, 429) })
      .pipe(tap((answer) => (needsSecondFactor(answer) ? undefined : this.current.set(answer))));
  }

  /** The sign-in of this browser waiting for its second factor, if any (after an identity provider's redirect). */
  pendingSecondFactor(): Observable<PendingSignIn> {
    return this.http.get<PendingSignIn>('/api/auth/second-factor');
  }

  /** Ends a pending sign-in with a code; 401 (expired, too many codes) and 422 (wrong code) are the page's. */
  completeSecondFactor(request: SecondFactorSignInRequest): Observable<SecondFactorSignInResponse> {
    return this.http
      .post<SecondFactorSignInResponse>('/api/auth/second-factor', request, { context: handles(401, 422) })
      .pipe(tap((answer) => this.current.set(answer.me)));
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
