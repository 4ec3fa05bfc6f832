import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { type Domain, domainLabels } from '@cn2r/shared';
import type { DashboardFilterValues } from './dashboard-filters';

export interface FilterChoice<T> {
  readonly value: T;
  readonly label: string;
}

/**
 * The filters of a dashboard (year, and when given choices: period, units, domain, funding
 * source). It only emits the change; the page puts it in the URL, which drives the data.
 */
@Component({
  selector: 'app-dashboard-filters-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatFormFieldModule, MatSelectModule, MatButtonModule],
  template: `
    <form class="filters" role="search" aria-label="Filtres du tableau de bord" (submit)="$event.preventDefault()">
      <mat-form-field class="year">
        <mat-label>Année</mat-label>
        <mat-select [value]="filters().year" (selectionChange)="changed.emit({ year: $event.value })">
          @for (year of years(); track year) {
            <mat-option [value]="year">{{ year }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (periods(); as choices) {
        <mat-form-field>
          <mat-label>Période</mat-label>
          <mat-select [value]="filters().period ?? ''" (selectionChange)="changed.emit({ period: $event.value || null })">
            <mat-option value="">Toute l’année</mat-option>
            @for (choice of choices; track choice.value) {
              <mat-option [value]="choice.value">{{ choice.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      @if (units(); as choices) {
        <mat-form-field class="units">
          <mat-label>Centres</mat-label>
          <mat-select multiple [value]="filters().unitIds" placeholder="Tous les centres" (selectionChange)="changed.emit({ unitIds: $event.value })">
            @for (choice of choices; track choice.value) {
              <mat-option [value]="choice.value">{{ choice.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      @if (showDomain()) {
        <mat-form-field>
          <mat-label>Domaine</mat-label>
          <mat-select [value]="filters().domain ?? ''" (selectionChange)="changed.emit({ domain: $event.value || null })">
            <mat-option value="">Tous les domaines</mat-option>
            @for (domain of domains; track domain) {
              <mat-option [value]="domain">{{ domainLabels[domain] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      @if (fundingSources(); as choices) {
        <mat-form-field>
          <mat-label>Source de financement</mat-label>
          <mat-select [value]="filters().fundingSourceId ?? 0" (selectionChange)="changed.emit({ fundingSourceId: $event.value || null })">
            <mat-option [value]="0">Toutes les sources</mat-option>
            @for (choice of choices; track choice.value) {
              <mat-option [value]="choice.value">{{ choice.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
    </form>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      margin: 8px 0 16px;
    }
    .year {
      width: 120px;
    }
    .units {
      min-width: 240px;
    }
  `,
})
export class DashboardFiltersBar {
  readonly filters = input.required<DashboardFilterValues>();
  readonly years = input.required<readonly number[]>();
  /** Null hides the filter. */
  readonly periods = input<readonly FilterChoice<string>[] | null>(null);
  readonly units = input<readonly FilterChoice<number>[] | null>(null);
  readonly fundingSources = input<readonly FilterChoice<number>[] | null>(null);
  readonly showDomain = input(false);
  readonly changed = output<Partial<DashboardFilterValues>>();

  protected readonly domains = Object.keys(domainLabels) as Domain[];
  protected readonly domainLabels = domainLabels;
}
