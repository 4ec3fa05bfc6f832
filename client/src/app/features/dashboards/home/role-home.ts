import { Directive, input, output } from '@angular/core';
import type { DashboardFilterValues } from '../dashboard-filters';

/** What the home page gives each role's home: the filters from the URL and the years to pick from; the home asks to change the filters. */
@Directive()
export abstract class RoleHome {
  readonly filters = input.required<DashboardFilterValues>();
  readonly years = input.required<readonly number[]>();
  readonly filtersChange = output<Partial<DashboardFilterValues>>();
}
