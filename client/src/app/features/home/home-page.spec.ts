import { TestBed } from '@angular/core/testing';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { HomePage } from './home-page';

describe('HomePage', () => {
  async function renderAs(role: Parameters<typeof aUser>[0], overrides: Parameters<typeof aUser>[1] = {}) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    signInAs(aUser(role, overrides));
    const fixture = TestBed.createComponent(HomePage);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const cardTitles = (page: HTMLElement) => [...page.querySelectorAll('h3')].map((h3) => h3.textContent!.trim());

  it('greets a unit lead with their units and the pages they may use', async () => {
    const page = await renderAs('unit_lead');
    expect(page.querySelector('h1')!.textContent!.trim()).toBe('Bonjour Luc Responsable');
    expect(page.textContent).toContain('Responsable de centre');
    expect([...page.querySelectorAll('.units li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'CRP-IDF CRP Île-de-France',
      'CRP-ARA CRP Auvergne-Rhône-Alpes',
    ]);
    expect(cardTitles(page)).toEqual(['Centres', 'Saisie', 'Complétude', 'Mon compte']);
  });

  it('tells a unit lead without a unit whom to ask', async () => {
    const page = await renderAs('unit_lead', { units: [] });
    expect(page.textContent).toContain('Aucun centre ne vous est encore rattaché.');
  });

  it('shows the administration cards to an admin', async () => {
    const page = await renderAs('admin');
    expect(cardTitles(page)).toEqual(['Centres', 'Saisie', 'Complétude', 'Budget', 'Personnels', 'Catalogue', 'Campagnes', 'Mon compte', 'Utilisateurs', 'Journal d’audit', 'Documentation de l’API (nouvel onglet)']);
    expect(page.querySelector('.units')).toBeNull();
  });
});
