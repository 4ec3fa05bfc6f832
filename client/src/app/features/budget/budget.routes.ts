import { Routes } from '@angular/router';

export const budgetRoutes: Routes = [
  {
    path: '',
    title: 'Exécution budgétaire',
    loadComponent: () => import('./budget-execution-page').then((m) => m.BudgetExecutionPage),
  },
];
