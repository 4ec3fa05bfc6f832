import { expect, test, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { DEMO_PASSWORD, expectNoAxeViolations, signIn, signOut } from './e2e-helpers.js';

/** The app's code for `secret`, `steps` periods of 30 s from now (a code serves once: the next sign-in takes the next step's). */
const codeFor = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

/** The password step, with the keyboard. */
async function typePassword(page: Page, email: string): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
}

test('double authentification : activée depuis « Mon compte », le code est demandé à la connexion, puis l’appareil retenu s’en dispense', async ({ page, context }) => {
  // An account of its own (the demo accounts keep signing in with their password alone).
  await signIn(page, 'admin@demo.local');
  const xsrf = (await context.cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')!.value;
  const email = `double.facteur.${Date.now()}@demo.local`;
  const created = await page.request.post('/api/users', {
    headers: { 'X-XSRF-TOKEN': xsrf },
    data: { email, displayName: 'Dominique Facteur', role: 'board', password: DEMO_PASSWORD },
  });
  expect(created.status()).toBe(201);
  await signOut(page);

  // Enrolment from the account page: QR code, key as text, a first code, ten recovery codes shown once.
  await signIn(page, email);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon compte' }).click();
  await page.getByRole('button', { name: 'Activer la double authentification' }).click();
  await expect(page.getByRole('img', { name: 'QR code à scanner avec votre application d’authentification' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  await expectNoAxeViolations(page, 'l’activation de la double authentification');
  await page.getByLabel('Code à 6 chiffres').fill(await codeFor(secret));
  await page.getByLabel('Code à 6 chiffres').press('Enter');
  await expect(page.getByRole('list', { name: 'Codes de secours' }).getByRole('listitem')).toHaveCount(10);
  await expect(page.getByRole('link', { name: /Télécharger les codes/ })).toHaveAttribute('download', 'cn2r-codes-de-secours.txt');
  await expectNoAxeViolations(page, 'les codes de secours');
  await page.getByRole('button', { name: 'J’ai conservé mes codes' }).click();
  await expect(page.getByText('Codes de secours restants : 10 sur 10.')).toBeVisible();
  await signOut(page);

  // The sign-in asks for the code; a wrong one is refused with the tries left.
  await typePassword(page, email);
  await expect(page.getByRole('heading', { level: 1, name: 'Double authentification' })).toBeVisible();
  await expectNoAxeViolations(page, 'l’étape du code de la connexion');
  const next = await codeFor(secret, 1);
  await page.getByLabel('Code à 6 chiffres').fill(next === '000000' ? '000001' : '000000');
  await page.getByLabel('Code à 6 chiffres').press('Enter');
  await expect(page.getByRole('alert')).toContainText('Code incorrect. Il vous reste 4 essais.');
  await page.getByLabel('Code à 6 chiffres').fill(next);
  await page.getByLabel('Se souvenir de cet appareil pendant 30 jours').check();
  await page.getByLabel('Code à 6 chiffres').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Bonjour/ })).toBeVisible();

  // This browser is remembered: the password alone, and the device is listed on the account page.
  await signOut(page);
  await signIn(page, email);
  await page.goto('/mon-compte');
  await expect(page.getByRole('list', { name: 'Appareils retenus' })).toContainText('(cet appareil)');
  await signOut(page);
});
