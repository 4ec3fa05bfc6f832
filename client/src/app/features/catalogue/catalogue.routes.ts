import { Routes } from '@angular/router';

export const catalogueRoutes: Routes = [
  {
    path: '',
    title: 'Catalogue',
    loadComponent: () => import('./catalogue-page').then((m) => m.CataloguePage),
  },
];
