import { Routes } from '@angular/router';

export const usersRoutes: Routes = [
  {
    path: '',
    title: 'Utilisateurs',
    loadComponent: () => import('./users-page').then((m) => m.UsersPage),
  },
];
