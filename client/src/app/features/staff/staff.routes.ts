import { Routes } from '@angular/router';
import { capabilityGuard } from '../../core/auth/capability-guard';

export const staffRoutes: Routes = [
  {
    path: '',
    title: 'Personnels et ETP',
    loadComponent: () => import('./staff-page').then((m) => m.StaffPage),
  },
  {
    // Personal data: finance and administrators only (the board reads the summary).
    path: ':id',
    title: 'Fiche d’une personne',
    canActivate: [capabilityGuard('staff.readIndividual')],
    loadComponent: () => import('./staff-member-page').then((m) => m.StaffMemberPage),
  },
];
