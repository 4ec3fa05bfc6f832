import { Routes } from '@angular/router';

export const unitsRoutes: Routes = [
  {
    path: '',
    title: 'Centres',
    loadComponent: () => import('./units-page').then((m) => m.UnitsPage),
  },
];
