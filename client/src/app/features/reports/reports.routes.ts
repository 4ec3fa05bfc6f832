import { Routes } from '@angular/router';

export const reportsRoutes: Routes = [
  {
    path: '',
    title: 'Rapports annuels',
    loadComponent: () => import('./reports-page').then((m) => m.ReportsPage),
  },
];
