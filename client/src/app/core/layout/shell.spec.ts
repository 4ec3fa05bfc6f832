import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatNavListHarness } from '@angular/material/list/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { AuthService } from '../auth/auth-service';
import { Shell } from './shell';

@Component({ template: '<h1>Page</h1>' })
class Page {}

describe('Shell', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  async function openAs(role: Role) {
    TestBed.configureTestingModule({
      providers: provideTestApp([
        { path: 'connexion', component: Page },
        { path: '', component: Shell, children: [{ path: '**', component: Page }] },
      ]),
    });
    signInAs(aUser(role));
    harness = await RouterTestingHarness.create('/centres');
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  }

  async function navLabels(): Promise<string[]> {
    const nav = await loader.getHarness(MatNavListHarness);
    const items = await nav.getItems();
    return Promise.all(items.map((item) => item.getTitle()));
  }

  const text = (selector: string) => (harness.fixture.nativeElement.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

  it('shows the administration links to an admin', async () => {
    await openAs('admin');
    expect(await navLabels()).toEqual([
      'Accueil',
      'Centres',
      'Saisie',
      'Complétude',
      'Budget',
      'Personnels',
      'Rapports annuels',
      'Gouvernance',
      'Offre de soins',
      'Catalogue',
      'Campagnes',
      'Mon compte',
      'Utilisateurs',
      'Journal d’audit',
      'Courriels',
      'Documentation de l’API (nouvel onglet)',
    ]);
    const docs = harness.fixture.nativeElement.querySelector('a[href="/api/docs"]') as HTMLAnchorElement;
    expect(docs.target).toBe('_blank');
  });

  it('shows a unit lead the shared pages, the data entry and the completeness', async () => {
    await openAs('unit_lead');
    expect(await navLabels()).toEqual(['Accueil', 'Centres', 'Saisie', 'Complétude', 'Gouvernance', 'Offre de soins', 'Mon compte']);
    expect(harness.fixture.nativeElement.querySelector('a[href="/utilisateurs"]')).toBeNull();
  });

  for (const role of ['finance', 'board'] as const) {
    it(`shows only the shared pages, the budget, the staff and the annual reports to ${role}`, async () => {
      await openAs(role);
      expect(await navLabels()).toEqual(['Accueil', 'Centres', 'Budget', 'Personnels', 'Rapports annuels', 'Gouvernance', 'Offre de soins', 'Mon compte']);
      expect(harness.fixture.nativeElement.querySelector('a[href="/utilisateurs"]')).toBeNull();
      expect(harness.fixture.nativeElement.querySelector('a[href="/journal"]')).toBeNull();
    });
  }

  it('marks the current page in the navigation', async () => {
    await openAs('finance');
    const current = harness.fixture.nativeElement.querySelector('nav [aria-current=page]') as HTMLElement;
    expect(current.textContent).toContain('Centres');
  });

  it('names the user, their role and, for a unit lead, their units in the toolbar', async () => {
    await openAs('unit_lead');
    expect(text('header')).toContain('Luc Responsable');
    expect(text('header')).toContain('Responsable de centre · CRP Île-de-France, CRP Auvergne-Rhône-Alpes');
  });

  it('does not list units for other roles', async () => {
    await openAs('board');
    expect(text('header')).toContain('Bureau / gouvernance');
    expect(text('.user-units')).toBe('');
  });

  it('has the landmarks: banner, navigation, main', async () => {
    await openAs('admin');
    const root = harness.fixture.nativeElement as HTMLElement;
    expect(root.querySelector('header')).not.toBeNull();
    expect(root.querySelector('nav')?.getAttribute('aria-label')).toBe('Navigation principale');
    expect(root.querySelector('main#contenu')).not.toBeNull();
  });

  it('moves focus to the content after a move to another page, not after a filter change', async () => {
    await openAs('admin');
    const main = harness.fixture.nativeElement.querySelector('main') as HTMLElement;
    (harness.fixture.nativeElement.querySelector('header a[href="/mon-compte"]') as HTMLElement).focus();
    await harness.navigateByUrl('/mon-compte');
    expect(document.activeElement).toBe(main);
    const link = harness.fixture.nativeElement.querySelector('header a[href="/mon-compte"]') as HTMLElement;
    link.focus();
    await harness.navigateByUrl('/mon-compte?onglet=2');
    expect(document.activeElement).toBe(link);
  });

  it('signs out: POST /api/auth/logout, then /connexion', async () => {
    await openAs('admin');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Se déconnecter/ }))).click();
    TestBed.inject(HttpTestingController).expectOne({ method: 'POST', url: '/api/auth/logout' }).flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    expect(TestBed.inject(AuthService).user()).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/connexion');
  });
});
