import { Routes } from '@angular/router';
import { authGuard } from './core/auth/auth-guard';
import { guestGuard } from './core/auth/guest-guard';
import { roleGuard } from './core/auth/role-guard';
import { Shell } from './core/layout/shell';

export const routes: Routes = [
  {
    path: 'connexion',
    title: 'Connexion',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: '',
    component: Shell,
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Accueil',
        loadComponent: () => import('./features/home/home-page').then((m) => m.HomePage),
      },
      {
        path: 'centres',
        loadChildren: () => import('./features/units/units.routes').then((m) => m.unitsRoutes),
      },
      {
        // A unit's dashboard (opened from the map): every role; the server decides what each may read.
        path: 'tableaux-de-bord',
        loadChildren: () => import('./features/dashboards/dashboards.routes').then((m) => m.dashboardsRoutes),
      },
      {
        // Before « saisie »: the file import of a unit's campaign (template download, check, import).
        path: 'saisie/:unitId/import/:year',
        title: 'Importer un fichier de saisie',
        canActivate: [roleGuard('admin', 'unit_lead')],
        loadComponent: () => import('./features/collection-import/collection-import-page').then((m) => m.CollectionImportPage),
      },
      {
        // The list is for unit leads and the coordination; finance and the board open validated forms by their address.
        path: 'saisie',
        canActivate: [roleGuard('unit_lead', 'admin', 'finance', 'board')],
        loadChildren: () => import('./features/data-entry/data-entry.routes').then((m) => m.dataEntryRoutes),
      },
      {
        path: 'completude',
        canActivate: [roleGuard('admin', 'unit_lead')],
        loadChildren: () => import('./features/completeness/completeness.routes').then((m) => m.completenessRoutes),
      },
      {
        path: 'budget',
        canActivate: [roleGuard('finance', 'board', 'admin')],
        loadChildren: () => import('./features/budget/budget.routes').then((m) => m.budgetRoutes),
      },
      {
        // Staff and FTE: finance and administrators (personal data); the board reads the aggregate summary.
        path: 'personnels',
        canActivate: [roleGuard('finance', 'admin', 'board')],
        loadChildren: () => import('./features/staff/staff.routes').then((m) => m.staffRoutes),
      },
      {
        // The board and the coordination: both reports; finance officers: the financial summary (the page shows only it).
        path: 'rapports',
        canActivate: [roleGuard('admin', 'board', 'finance')],
        loadChildren: () => import('./features/reports/reports.routes').then((m) => m.reportsRoutes),
      },
      {
        // Governance records: every role reads members, meetings and deliberations; the server decides who writes.
        path: 'gouvernance',
        loadChildren: () => import('./features/governance/governance.routes').then((m) => m.governanceRoutes),
      },
      {
        path: 'catalogue',
        canActivate: [roleGuard('admin')],
        loadChildren: () => import('./features/catalogue/catalogue.routes').then((m) => m.catalogueRoutes),
      },
      {
        path: 'campagnes',
        canActivate: [roleGuard('admin')],
        loadChildren: () => import('./features/campaigns/campaigns.routes').then((m) => m.campaignsRoutes),
      },
      {
        path: 'utilisateurs',
        canActivate: [roleGuard('admin')],
        loadChildren: () => import('./features/users/users.routes').then((m) => m.usersRoutes),
      },
      {
        path: 'journal',
        canActivate: [roleGuard('admin')],
        loadChildren: () => import('./features/audit/audit.routes').then((m) => m.auditRoutes),
      },
      {
        path: 'mon-compte',
        loadChildren: () => import('./features/account/account.routes').then((m) => m.accountRoutes),
      },
      {
        path: '**',
        title: 'Page introuvable',
        loadComponent: () => import('./features/not-found/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
