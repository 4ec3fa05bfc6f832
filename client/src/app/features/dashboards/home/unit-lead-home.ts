import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { DashboardUnitRef } from '@cn2r/shared';
import { DashboardFiltersBar } from '../dashboard-filters-bar';
import { UnitDashboard } from '../unit-dashboard';
import { RoleHome } from './role-home';

/** The unit lead’s home: their unit’s dashboard (the first of their units, or the one chosen in the URL). */
@Component({
  selector: 'app-unit-lead-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatFormFieldModule, MatSelectModule, DashboardFiltersBar, UnitDashboard],
  template: `
    <div class="lead-filters">
      @if (units().length > 1) {
        <mat-form-field>
          <mat-label>Centre</mat-label>
          <mat-select [value]="unitId()" (selectionChange)="filtersChange.emit({ unitIds: [$event.value] })">
            @for (unit of units(); track unit.id) {
              <mat-option [value]="unit.id">{{ unit.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <app-dashboard-filters-bar [filters]="filters()" [years]="years()" [showDomain]="true" (changed)="filtersChange.emit($event)" />
    </div>
    @if (unitId(); as id) {
      <app-unit-dashboard [unitId]="id" [year]="filters().year" [domain]="filters().domain" />
    }
  `,
  styles: `
    .lead-filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
  `,
})
export class UnitLeadHome extends RoleHome {
  readonly units = input.required<readonly DashboardUnitRef[]>();

  /** The unit of the URL when it is one of theirs, else their first. */
  protected readonly unitId = computed(() => {
    const mine = this.units().map((u) => u.id);
    const asked = this.filters().unitIds.find((id) => mine.includes(id));
    return asked ?? mine[0] ?? null;
  });
}
