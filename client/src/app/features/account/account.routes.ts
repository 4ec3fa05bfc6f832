import { Routes } from '@angular/router';

export const accountRoutes: Routes = [
  {
    path: '',
    title: 'Mon compte',
    loadComponent: () => import('./account-page').then((m) => m.AccountPage),
  },
];
