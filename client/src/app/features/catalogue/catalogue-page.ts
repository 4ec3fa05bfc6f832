import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { Router } from '@angular/router';
import { DimensionsTab } from './dimensions-tab';
import { IndicatorsTab } from './indicators-tab';
import { RulesTab } from './rules-tab';
import { TargetsTab } from './targets-tab';

/** The tabs, in order, with their name in the URL (`/catalogue?onglet=regles`). */
export const CATALOGUE_TABS = [
  { key: 'indicateurs', label: 'Indicateurs' },
  { key: 'ventilations', label: 'Ventilations' },
  { key: 'regles', label: 'Règles de cohérence' },
  { key: 'cibles', label: 'Cibles' },
] as const;

/** The indicator catalogue, for administrators: indicators, disaggregations, consistency rules, yearly targets. */
@Component({
  selector: 'app-catalogue-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTabsModule, IndicatorsTab, DimensionsTab, RulesTab, TargetsTab],
  templateUrl: './catalogue-page.html',
  styleUrl: './catalogue-page.scss',
  host: { class: 'page' },
})
export class CataloguePage {
  private readonly router = inject(Router);

  /** Query parameter, bound by the router. */
  readonly onglet = input<string>();

  protected readonly tabs = CATALOGUE_TABS;
  protected readonly selectedIndex = computed(() =>
    Math.max(
      0,
      CATALOGUE_TABS.findIndex((tab) => tab.key === this.onglet()),
    ),
  );

  protected selectTab(index: number): void {
    if (index === this.selectedIndex()) return;
    const onglet = index === 0 ? null : CATALOGUE_TABS[index].key;
    void this.router.navigate([], { queryParams: { onglet }, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
