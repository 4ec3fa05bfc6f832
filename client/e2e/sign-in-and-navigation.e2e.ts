import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, navigationLinks, signIn, signOut } from './e2e-helpers.js';

const everyone = ['Accueil', 'Centres', 'Gouvernance', 'Offre de soins', 'Mon compte'];
const leadsAndAdmin = ['Saisie', 'Complétude'];
const budgetReaders = ['Budget', 'Personnels', 'Rapports annuels'];
const adminOnly = ['Catalogue', 'Campagnes', 'Utilisateurs', 'Journal d’audit', 'Courriels', 'Documentation de l’API'];
/** The navigation's order: the data entry, the completeness, the budget, the catalogue and the campaigns follow « Centres ». */
const menuOrder = ['Accueil', 'Centres', 'Saisie', 'Complétude', 'Budget', 'Personnels', 'Rapports annuels', 'Gouvernance', 'Offre de soins', 'Catalogue', 'Campagnes', 'Mon compte', 'Utilisateurs', 'Journal d’audit', 'Courriels', 'Documentation de l’API'];
const inMenuOrder = (links: string[]) => menuOrder.filter((link) => links.includes(link));

const roles = [
  { email: 'admin@demo.local', role: 'Coordination CN2R', links: inMenuOrder([...everyone, ...leadsAndAdmin, ...budgetReaders, ...adminOnly]) },
  { email: 'finance@demo.local', role: 'Finances', links: inMenuOrder([...everyone, ...budgetReaders]) },
  { email: 'board@demo.local', role: 'Bureau', links: inMenuOrder([...everyone, ...budgetReaders]) },
  { email: 'lead.lille@demo.local', role: 'Responsable de centre', links: inMenuOrder([...everyone, ...leadsAndAdmin]), unit: 'CRP Hauts-de-France' },
  { email: 'lead.lyon@demo.local', role: 'Responsable de centre', links: inMenuOrder([...everyone, ...leadsAndAdmin]), unit: 'CRP Auvergne-Rhône-Alpes' },
];

test('la page de connexion est accessible et refuse un mauvais mot de passe', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/connexion/);
  await expectNoAxeViolations(page, 'la page de connexion');
  await page.getByLabel('Adresse e-mail').fill('admin@demo.local');
  await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon-mot-de-passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  await expectNoAxeViolations(page, 'la page de connexion avec une erreur');
});

for (const account of roles) {
  test(`${account.email} se connecte, voit sa navigation, chaque page est accessible, puis se déconnecte`, async ({ page }) => {
    // Every page of the role with an axe scan each (16 for the coordination, the care offer's 80
    // structures and its map among them): about a minute on a 2-core machine, over the default limit.
    test.setTimeout(180_000);
    await signIn(page, account.email);
    const header = page.getByRole('banner');
    await expect(header).toContainText(account.role);
    if (account.unit) await expect(header).toContainText(account.unit);

    expect(await navigationLinks(page)).toEqual(account.links);
    await expectNoAxeViolations(page, `l’accueil (${account.email})`);

    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    const headings = page.getByRole('heading', { level: 1 });
    for (const label of account.links.filter((l) => l !== 'Accueil' && l !== 'Documentation de l’API')) {
      const previous = await headings.allInnerTexts();
      await nav.getByRole('link', { name: label }).click();
      // The page left may stay in the DOM until its leave animations end: wait for the new page's
      // heading alone, then scan.
      await expect
        .poll(async () => {
          const texts = await headings.allInnerTexts();
          return texts.length === 1 && texts[0] !== previous[0] ? 'la nouvelle page seule' : texts.join(' | ');
        })
        .toBe('la nouvelle page seule');
      await expect(headings).toBeVisible();
      await expect(page).toHaveTitle(/CN2R Pilotage/);
      await expectNoAxeViolations(page, `${label} (${account.email})`);
    }

    // What the session can do is checked by the server, whatever the client shows.
    const me = await page.request.get('/api/auth/me');
    expect((await me.json()).email).toBe(account.email);
    const users = await page.request.get('/api/users');
    expect(users.status()).toBe(account.links.includes('Utilisateurs') ? 200 : 403);

    await signOut(page);
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
  });
}

test('un responsable de centre qui ouvre une page d’administration par son adresse est renvoyé à l’accueil', async ({ page }) => {
  await signIn(page, 'lead.lille@demo.local');
  await page.goto('/utilisateurs');
  await expect(page).not.toHaveURL(/utilisateurs/);
  await expect(page.getByRole('heading', { level: 1, name: /Bonjour/ })).toBeVisible();
  const audit = await page.request.get('/api/audit');
  expect(audit.status()).toBe(403);
});

test('la documentation de l’API s’affiche sans ressource tierce', async ({ page }) => {
  const external: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname !== 'localhost' && url.protocol !== 'data:') external.push(request.url());
  });
  await page.goto('/api/docs');
  await expect(page.getByText('CN2R Pilotage — API')).toBeVisible();
  await expect(page.locator('.opblock-summary-path', { hasText: '/api/auth/login' }).first()).toBeVisible();
  expect(external).toEqual([]);
});
