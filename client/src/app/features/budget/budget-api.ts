import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BudgetExecution, FiscalYear } from '@cn2r/shared';
import { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

@Injectable({ providedIn: 'root' })
export class BudgetApi {
  private readonly http = inject(HttpClient);

  /** The fiscal years, open and closed. A 403 (unit leads) is shown by the page, not in a snackbar. */
  fiscalYears(): Observable<FiscalYear[]> {
    return this.http.get<FiscalYear[]>('/api/budget/fiscal-years', { context: handles(403) });
  }

  /** The execution of a year on the server’s today (Paris): per line, envelope, funding source, mission area and in total. */
  execution(year: number): Observable<BudgetExecution> {
    return this.http.get<BudgetExecution>(`/api/budget/${year}/execution`, { context: handles(403, 404) });
  }
}
