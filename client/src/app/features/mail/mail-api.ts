import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MailSchedule, MailStatus, OutboxPage, Unit } from '@cn2r/shared';
import type { Observable } from 'rxjs';

/** The e-mails the application wrote, and the reminders it will write (admin). */
@Injectable({ providedIn: 'root' })
export class MailApi {
  private readonly http = inject(HttpClient);

  outbox(status: MailStatus | '', page: number, unitId: number | null = null): Observable<OutboxPage> {
    const params: Record<string, string | number> = { page };
    if (status) params['status'] = status;
    if (unitId) params['unitId'] = unitId;
    return this.http.get<OutboxPage>('/api/mail/outbox', { params });
  }

  schedule(unitId: number | null): Observable<MailSchedule> {
    return this.http.get<MailSchedule>('/api/mail/schedule', { params: unitId ? { unitId } : {} });
  }

  units(): Observable<Unit[]> {
    return this.http.get<Unit[]>('/api/units');
  }
}
