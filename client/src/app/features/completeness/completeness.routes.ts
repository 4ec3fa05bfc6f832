import { Routes } from '@angular/router';

export const completenessRoutes: Routes = [
  {
    path: '',
    title: 'Complétude',
    loadComponent: () => import('./completeness-page').then((m) => m.CompletenessPage),
  },
];
