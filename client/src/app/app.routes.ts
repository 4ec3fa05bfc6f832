import { Routes } from '@angular/router';
import { authGuard } from './core/auth/auth-guard';
import { guestGuard } from './core/auth/guest-guard';
import { capabilityGuard } from './core/auth/capability-guard';

export const routes: Routes = [
  {
    path: 'connexion',
    title: 'Connexion',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    // Public, like the sign-in: « Mot de passe oublié ? » and the e-mails' links (reset, invitation).
    path: 'mot-de-passe/oubli',
    title: 'Mot de passe oublié',
    loadComponent: () => import('./features/password-reset/forgot-password-page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'mot-de-passe/nouveau',
    title: 'Choisir un mot de passe',
    loadComponent: () => import('./features/password-reset/new-password-page').then((m) => m.NewPasswordPage),
  },
  {
    // The signed-in layout (toolbar, side navigation, their Material modules) loads with the first
    // signed-in page, so that the sign-in page's bundle does not carry it.
    path: '',
    loadComponent: () => import('./core/layout/shell').then((m) => m.Shell),
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Accueil',
        loadComponent: () => import('./features/dashboards/home/home-page').then((m) => m.HomePage),
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
        canActivate: [capabilityGuard('forms.write')],
        loadComponent: () => import('./features/collection-import/collection-import-page').then((m) => m.CollectionImportPage),
      },
      {
        // The list is for unit leads and the coordination; finance and the board open validated forms by their address.
        path: 'saisie',
        canActivate: [capabilityGuard('forms.read')],
        loadChildren: () => import('./features/data-entry/data-entry.routes').then((m) => m.dataEntryRoutes),
      },
      {
        path: 'completude',
        canActivate: [capabilityGuard('completeness.read')],
        loadChildren: () => import('./features/completeness/completeness.routes').then((m) => m.completenessRoutes),
      },
      {
        path: 'budget',
        canActivate: [capabilityGuard('budget.read')],
        loadChildren: () => import('./features/budget/budget.routes').then((m) => m.budgetRoutes),
      },
      {
        // Staff and FTE: finance and administrators (personal data); the board reads the aggregate summary.
        path: 'personnels',
        canActivate: [capabilityGuard('staff.read')],
        loadChildren: () => import('./features/staff/staff.routes').then((m) => m.staffRoutes),
      },
      {
        // The board and the coordination: both reports; finance officers: the financial summary (the page shows only it).
        path: 'rapports',
        canActivate: [capabilityGuard('reports.financial.read')],
        loadChildren: () => import('./features/reports/reports.routes').then((m) => m.reportsRoutes),
      },
      {
        // Governance records: every role reads members, meetings and deliberations; the server decides who writes.
        path: 'gouvernance',
        loadChildren: () => import('./features/governance/governance.routes').then((m) => m.governanceRoutes),
      },
      {
        // The care-offer registry: every role reads the published structures; leads propose, the coordination publishes.
        path: 'offre-de-soins',
        canActivate: [capabilityGuard('careOffer.read')],
        loadChildren: () => import('./features/care-offer/care-offer.routes').then((m) => m.careOfferRoutes),
      },
      {
        path: 'catalogue',
        canActivate: [capabilityGuard('catalogue.manage')],
        loadChildren: () => import('./features/catalogue/catalogue.routes').then((m) => m.catalogueRoutes),
      },
      {
        path: 'campagnes',
        canActivate: [capabilityGuard('campaigns.manage')],
        loadChildren: () => import('./features/campaigns/campaigns.routes').then((m) => m.campaignsRoutes),
      },
      {
        path: 'utilisateurs',
        canActivate: [capabilityGuard('users.manage')],
        loadChildren: () => import('./features/users/users.routes').then((m) => m.usersRoutes),
      },
      {
        path: 'journal',
        canActivate: [capabilityGuard('audit.read')],
        loadChildren: () => import('./features/audit/audit.routes').then((m) => m.auditRoutes),
      },
      {
        path: 'courriels',
        canActivate: [capabilityGuard('mail.read')],
        loadChildren: () => import('./features/mail/mail.routes').then((m) => m.mailRoutes),
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
