import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** The budget’s sections as tabs; the chosen year (`?annee=`) follows from one to the other. */
@Component({
  selector: 'app-budget-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTabsModule, RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <nav mat-tab-nav-bar [tabPanel]="panel" mat-stretch-tabs="false" aria-label="Sections du budget">
      @for (section of sections; track section.path) {
        <a
          mat-tab-link
          [routerLink]="section.path"
          queryParamsHandling="preserve"
          routerLinkActive
          #active="routerLinkActive"
          [routerLinkActiveOptions]="{ paths: 'exact', queryParams: 'ignored', matrixParams: 'ignored', fragment: 'ignored' }"
          [active]="active.isActive"
          >{{ section.label }}</a
        >
      }
    </nav>
    <mat-tab-nav-panel #panel>
      <router-outlet />
    </mat-tab-nav-panel>
  `,
})
export class BudgetShell {
  protected readonly sections = [
    { path: '/budget', label: 'Exécution' },
    { path: '/budget/comparaison', label: 'Comparaison' },
    { path: '/budget/engagements', label: 'Engagements et paiements' },
    { path: '/budget/lignes', label: 'Lignes' },
    { path: '/budget/decisions', label: 'Décisions' },
    { path: '/budget/financements', label: 'Financements' },
    { path: '/budget/recettes', label: 'Recettes' },
    { path: '/budget/exercices', label: 'Exercices' },
  ];
}
