import { Routes } from '@angular/router';

export const dashboardsRoutes: Routes = [
  {
    path: 'centres/:unitId',
    title: 'Tableau de bord du centre',
    loadComponent: () => import('./unit-dashboard-page').then((m) => m.UnitDashboardPage),
  },
  { path: '', pathMatch: 'full', redirectTo: '/' },
];
