import { Routes } from '@angular/router';
import { BudgetShell } from './budget-shell';

/** The budget’s sections, tabs of one shell; the year is the `annee` query parameter. */
export const budgetRoutes: Routes = [
  {
    path: '',
    component: BudgetShell,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Exécution budgétaire',
        loadComponent: () => import('./budget-execution-page').then((m) => m.BudgetExecutionPage),
      },
      {
        path: 'comparaison',
        title: 'Comparaison pluriannuelle',
        loadComponent: () => import('./comparison-page').then((m) => m.ComparisonPage),
      },
      {
        path: 'engagements',
        title: 'Engagements et paiements',
        loadComponent: () => import('./entries-page').then((m) => m.EntriesPage),
      },
      {
        path: 'lignes',
        title: 'Lignes budgétaires',
        loadComponent: () => import('./lines-page').then((m) => m.LinesPage),
      },
      {
        path: 'decisions',
        title: 'Décisions budgétaires',
        loadComponent: () => import('./decisions-page').then((m) => m.DecisionsPage),
      },
      {
        path: 'financements',
        title: 'Sources de financement',
        loadComponent: () => import('./funding-sources-page').then((m) => m.FundingSourcesPage),
      },
      {
        path: 'recettes',
        title: 'Recettes encaissées',
        loadComponent: () => import('./receipts-page').then((m) => m.ReceiptsPage),
      },
      {
        path: 'exercices',
        title: 'Exercices budgétaires',
        loadComponent: () => import('./fiscal-years-page').then((m) => m.FiscalYearsPage),
      },
    ],
  },
];
