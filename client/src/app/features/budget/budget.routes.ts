import { Routes } from '@angular/router';
import { BudgetShell } from './budget-shell';

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
        path: 'engagements',
        title: 'Engagements et paiements',
        loadComponent: () => import('./entries-page').then((m) => m.EntriesPage),
      },
    ],
  },
];
