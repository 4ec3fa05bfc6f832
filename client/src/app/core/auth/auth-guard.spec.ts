import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, Routes } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { authGuard } from './auth-guard';
import { guestGuard } from './guest-guard';
import { capabilityGuard } from './capability-guard';

@Component({ template: '<h1>page</h1>' })
class Page {}

const routes: Routes = [
  { path: 'connexion', canActivate: [guestGuard], component: Page },
  {
    path: '',
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    children: [
      { path: '', pathMatch: 'full', component: Page },
      { path: 'centres', component: Page },
      { path: 'utilisateurs', canActivate: [capabilityGuard('users.manage')], component: Page },
      { path: 'rapports', canActivate: [capabilityGuard('reports.activity.read')], component: Page },
      { path: 'budget', canActivate: [capabilityGuard('budget.read')], component: Page },
    ],
  },
];

describe('route guards', () => {
  let harness: RouterTestingHarness;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestApp(routes) });
    harness = await RouterTestingHarness.create();
    router = TestBed.inject(Router);
  });

  describe('authGuard', () => {
    it('sends a signed-out visitor to /connexion with the page asked for in « retour »', async () => {
      await harness.navigateByUrl('/centres?region=Bretagne');
      expect(router.url).toBe('/connexion?retour=%2Fcentres%3Fregion%3DBretagne');
    });

    it('sends a signed-out visitor of the home page to /connexion without « retour »', async () => {
      await harness.navigateByUrl('/');
      expect(router.url).toBe('/connexion');
    });

    it('lets a signed-in user through', async () => {
      signInAs(aUser('finance'));
      await harness.navigateByUrl('/centres');
      expect(router.url).toBe('/centres');
    });
  });

  describe('capabilityGuard', () => {
    it('lets an admin open an admin page', async () => {
      signInAs(aUser('admin'));
      await harness.navigateByUrl('/utilisateurs');
      expect(router.url).toBe('/utilisateurs');
    });

    for (const role of ['unit_lead', 'finance', 'board'] as const) {
      it(`sends a ${role} home with « Accès refusé »`, async () => {
        const snackBar = spyOn(TestBed.inject(MatSnackBar), 'open').and.callThrough();
        signInAs(aUser(role));
        await harness.navigateByUrl('/utilisateurs');
        expect(router.url).toBe('/');
        expect(snackBar).toHaveBeenCalledWith('Accès refusé', 'Fermer', jasmine.anything());
      });
    }

    it('accepts any role holding the capability', async () => {
      signInAs(aUser('board'));
      await harness.navigateByUrl('/rapports');
      expect(router.url).toBe('/rapports');
    });

    it('refuses a role the shared map leaves out (finance has no activity report, a unit lead no budget)', async () => {
      signInAs(aUser('finance'));
      await harness.navigateByUrl('/rapports');
      expect(router.url).toBe('/');
      signInAs(aUser('unit_lead'));
      await harness.navigateByUrl('/budget');
      expect(router.url).toBe('/');
      signInAs(aUser('finance'));
      await harness.navigateByUrl('/budget');
      expect(router.url).toBe('/budget');
    });
  });

  describe('guestGuard', () => {
    it('shows the sign-in page to a signed-out visitor', async () => {
      await harness.navigateByUrl('/connexion');
      expect(router.url).toBe('/connexion');
    });

    it('sends a signed-in user home', async () => {
      signInAs(aUser('unit_lead'));
      await harness.navigateByUrl('/connexion');
      expect(router.url).toBe('/');
    });
  });
});
