import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MailPreferences, MailPreferencesUpdate } from '@cn2r/shared';
import type { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

/** The signed-in user's e-mail preferences (« Mon compte »). */
@Injectable({ providedIn: 'root' })
export class MailPreferencesApi {
  private readonly http = inject(HttpClient);

  get(): Observable<MailPreferences> {
    return this.http.get<MailPreferences>('/api/account/mail-preferences');
  }

  /** 422 (a mandatory kind) and 409 (changed elsewhere) are shown in the card. */
  save(update: MailPreferencesUpdate): Observable<MailPreferences> {
    return this.http.put<MailPreferences>('/api/account/mail-preferences', update, { context: handles(409, 422) });
  }
}
