import { Routes } from '@angular/router';

export const auditRoutes: Routes = [
  {
    path: '',
    title: 'Journal d’audit',
    loadComponent: () => import('./audit-page').then((m) => m.AuditPage),
  },
];
