import { Routes } from '@angular/router';

export const mailRoutes: Routes = [
  {
    path: '',
    title: 'Courriels',
    loadComponent: () => import('./outbox-page').then((m) => m.OutboxPage),
  },
];
