import { Routes } from '@angular/router';

export const careOfferRoutes: Routes = [
  {
    path: '',
    title: 'Offre de soins',
    loadComponent: () => import('./care-offer-page').then((m) => m.CareOfferPage),
  },
];
