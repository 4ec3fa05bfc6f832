import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PasswordResetAccepted, PasswordTokenInfo } from '@cn2r/shared';
import { Observable, map } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

/** « Mot de passe oublié ? » and the links to choose a password (reset or invitation). */
@Injectable({ providedIn: 'root' })
export class PasswordResetApi {
  private readonly http = inject(HttpClient);

  /** Always the same sentence, whether the address has an account or not. */
  request(email: string): Observable<PasswordResetAccepted> {
    return this.http.post<PasswordResetAccepted>('/api/auth/password-reset', { email }, { context: handles(422, 429) });
  }

  /** What a link is for; 422 on `token` when it no longer serves. */
  check(token: string): Observable<PasswordTokenInfo> {
    return this.http.post<PasswordTokenInfo>('/api/auth/password-reset/check', { token }, { context: handles(422) });
  }

  /** 422 on `token` (no longer valid) or on `password` (too easy to guess). */
  confirm(token: string, password: string): Observable<void> {
    return this.http.post<void>('/api/auth/password-reset/confirm', { token, password }, { context: handles(422) }).pipe(map(() => undefined));
  }
}
