import { Routes } from '@angular/router';

export const campaignsRoutes: Routes = [
  {
    path: '',
    title: 'Campagnes',
    loadComponent: () => import('./campaigns-page').then((m) => m.CampaignsPage),
  },
  {
    path: ':id',
    title: 'Campagne',
    loadComponent: () => import('./campaign-detail-page').then((m) => m.CampaignDetailPage),
  },
];
