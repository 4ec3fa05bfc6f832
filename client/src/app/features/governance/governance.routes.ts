import { Routes } from '@angular/router';

export const governanceRoutes: Routes = [
  {
    path: '',
    title: 'Gouvernance',
    loadComponent: () => import('./governance-page').then((m) => m.GovernancePage),
  },
];
