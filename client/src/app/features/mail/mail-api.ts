import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MailStatus, OutboxPage } from '@cn2r/shared';
import type { Observable } from 'rxjs';

/** The e-mails the application wrote (admin). */
@Injectable({ providedIn: 'root' })
export class MailApi {
  private readonly http = inject(HttpClient);

  outbox(status: MailStatus | '', page: number): Observable<OutboxPage> {
    const params: Record<string, string | number> = { page };
    if (status) params['status'] = status;
    return this.http.get<OutboxPage>('/api/mail/outbox', { params });
  }
}
