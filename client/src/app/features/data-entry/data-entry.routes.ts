import { Routes } from '@angular/router';
import { isPeriodCode, periodLabel } from '@cn2r/shared';
import { capabilityGuard } from '../../core/auth/capability-guard';

export const dataEntryRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Mes saisies',
    canActivate: [capabilityGuard('forms.write')],
    loadComponent: () => import('./my-submissions-page').then((m) => m.MySubmissionsPage),
  },
  {
    // Finance and the board read validated forms; the server refuses the others.
    path: ':unitId/:period',
    title: (route) => {
      const period = route.paramMap.get('period') ?? '';
      return isPeriodCode(period) ? `Saisie — ${periodLabel(period)}` : 'Saisie';
    },
    canActivate: [capabilityGuard('forms.read')],
    loadComponent: () => import('./data-entry-page').then((m) => m.DataEntryPage),
  },
];
