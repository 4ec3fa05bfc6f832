import { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/role-guard';

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
    canActivate: [roleGuard('finance', 'admin')],
    loadComponent: () => import('./staff-member-page').then((m) => m.StaffMemberPage),
  },
];
