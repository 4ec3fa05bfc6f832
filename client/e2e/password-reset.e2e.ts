import { expect, test, type Browser } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, signIn, signOut } from './e2e-helpers.js';

const LEAD = 'lead.lille@demo.local';
const NEW_PASSWORD = 'girafe-tambour-ciboulette-48';

/** The other e2e files sign in as the Lille lead with the demo password: the administrator gives it back. */
async function restoreDemoPassword(browser: Browser): Promise<void> {
  const page = await browser.newPage();
  try {
    await signIn(page, 'admin@demo.local');
    const xsrf = (await page.context().cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')!.value;
    const list = await (await page.request.get(`/api/users?search=${encodeURIComponent(LEAD)}`)).json();
    const lead = list.items.find((u: { email: string }) => u.email === LEAD);
    const reset = await page.request.post(`/api/users/${lead.id}/password`, { headers: { 'X-XSRF-TOKEN': xsrf }, data: { password: DEMO_PASSWORD } });
    expect(reset.status()).toBe(204);
  } finally {
    await page.close();
  }
}

test.afterAll(async ({ browser }) => restoreDemoPassword(browser));

test('mot de passe oublié : la demande, le lien lu dans « Courriels », un nouveau mot de passe, la connexion avec lui', async ({ page }) => {
  // « Mot de passe oublié ? » from the sign-in page, with the keyboard.
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page).toHaveURL(/\/mot-de-passe\/oubli$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
  await expectNoAxeViolations(page, 'la page « Mot de passe oublié »');
  await page.getByLabel('Adresse e-mail').fill(LEAD);
  await page.getByLabel('Adresse e-mail').press('Enter');
  const sentence = page.getByRole('status');
  await expect(sentence).toContainText('Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé');
  await expectNoAxeViolations(page, 'la confirmation de la demande');

  // An unknown address: the very same sentence.
  await page.getByRole('button', { name: 'Utiliser une autre adresse' }).click();
  await page.getByLabel('Adresse e-mail').fill('personne.inconnue@demo.local');
  await page.getByRole('button', { name: 'Recevoir un lien' }).click();
  await expect(page.getByRole('status')).toContainText('Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé');

  // The administrator reads the e-mail in « Courriels » (no SMTP on the demo).
  await signIn(page, 'admin@demo.local');
  await page.goto('/courriels');
  const panel = page.locator('mat-expansion-panel').filter({ hasText: 'CN2R Pilotage : choisir un nouveau mot de passe' }).filter({ hasText: LEAD }).first();
  await panel.locator('mat-expansion-panel-header').click();
  // The body is in the page while folded (hidden): wait until it is shown, then read what the user reads.
  const body = panel.locator('pre.body');
  await expect(body).toBeVisible();
  await expect(body).toContainText('Il est valable 30 minutes');
  const text = (await body.textContent()) ?? '';
  const link = /https?:\/\/\S+\/mot-de-passe\/nouveau\?jeton=[A-Za-z0-9_-]+/.exec(text)?.[0];
  expect(link, 'le lien du courriel').toBeTruthy();
  expect(text).not.toContain(DEMO_PASSWORD);
  await expect(page.locator('mat-expansion-panel').filter({ hasText: 'personne.inconnue@demo.local' })).toHaveCount(0);
  await signOut(page);

  // The link: a new password, twice, the strength checked by the server.
  const url = new URL(link!);
  await page.goto(url.pathname + url.search);
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' })).toBeVisible();
  await expect(page.getByText(/l\*+@demo\.local/)).toBeVisible();
  await expectNoAxeViolations(page, 'le formulaire du nouveau mot de passe');
  await page.getByLabel('Nouveau mot de passe').fill('azertyuiop12');
  await page.getByLabel('Confirmation du mot de passe').fill('azertyuiop12');
  await page.getByLabel('Confirmation du mot de passe').press('Enter');
  await expect(page.getByText(/Mot de passe trop facile à deviner/)).toBeVisible();
  await expectNoAxeViolations(page, 'le refus d’un mot de passe faible');
  await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
  await page.getByLabel('Confirmation du mot de passe').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Afficher les mots de passe' }).click();
  await expect(page.getByLabel('Confirmation du mot de passe')).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByRole('status')).toContainText('Votre mot de passe est enregistré.');
  await expectNoAxeViolations(page, 'la confirmation du nouveau mot de passe');

  // The link served once.
  await page.goto(url.pathname + url.search);
  await expect(page.getByRole('alert')).toContainText('Ce lien n’est plus valable');

  // The old password no longer signs in; the new one does.
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(LEAD);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  await signIn(page, LEAD, NEW_PASSWORD);
});
