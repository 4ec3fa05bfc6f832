import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn, signOut } from './e2e-helpers.js';

const RETURN_MESSAGE = 'Le nombre de consultations des mineurs semble doublé : merci de vérifier l’export du trimestre.';

/** The demo's CRP Auvergne-Rhône-Alpes form waiting for review (its last due quarter), read from the API. */
async function waitingForm(page: Page): Promise<{ unitId: number; period: string }> {
  const units: { id: number; code: string }[] = await (await page.request.get('/api/units')).json();
  const unitId = units.find((u) => u.code === 'CRP-ARA')!.id;
  const year = new Date().getFullYear();
  for (const y of [year, year - 1]) {
    const board = await (await page.request.get(`/api/completeness?year=${y}`)).json();
    const cell = (board.cells ?? []).find((c: { unitId: number; status: string }) => c.unitId === unitId && c.status === 'submitted');
    if (cell) return { unitId, period: cell.period };
  }
  throw new Error('aucune saisie transmise pour CRP-ARA dans la démo');
}

test('la coordination renvoie une saisie avec un message : le courriel au responsable paraît dans « Courriels », avec les prochaines relances', async ({ page }) => {
  await signIn(page, 'admin@demo.local');

  await test.step('la démo montre déjà les courriels du circuit de relecture', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Courriels' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Courriels' })).toBeVisible();
    await expect(page.getByRole('button', { name: /a transmis sa saisie/ }).first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Prochaines relances' })).toBeVisible();
  });

  const form = await waitingForm(page);
  await test.step('la coordination renvoie la saisie de CRP Auvergne-Rhône-Alpes avec un message', async () => {
    await page.goto(`/saisie/${form.unitId}/${form.period}`);
    await page.getByRole('button', { name: 'Renvoyer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Renvoyer la saisie au centre' });
    await dialog.getByLabel('Message au centre').fill(RETURN_MESSAGE);
    await dialog.getByRole('button', { name: 'Renvoyer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Saisie renvoyée au centre avec votre message.')).toBeVisible();
  });

  await test.step('« Courriels », filtré sur le centre : le message au responsable, avec le texte de la coordination', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Courriels' }).click();
    await page.getByRole('combobox', { name: 'Centre' }).click();
    await page.getByRole('option', { name: 'CRP Auvergne-Rhône-Alpes' }).click();
    await expect(page).toHaveURL(new RegExp(`unitId=${form.unitId}`));
    const returned = page.getByRole('button', { name: /^Saisie renvoyée pour correction — CRP Auvergne-Rhône-Alpes/ });
    await expect(returned).toBeVisible();
    await expect(returned).toContainText('lead.lyon@demo.local');
    await returned.click();
    const body = page.getByLabel(/^Texte du courriel \d+$/).first();
    await expect(body).toContainText(`« ${RETURN_MESSAGE} »`);
    await expect(body).toContainText(`Corriger la saisie : `);
    await expect(body).toContainText(`/saisie/${form.unitId}/${form.period}`);
    await expectNoAxeViolations(page, 'la page « Courriels » filtrée sur un centre');
  });
  await signOut(page);
});

test('« Mon compte » → « Courriels » : un responsable choisit ses courriels, la relance de retard reste obligatoire', async ({ page }) => {
  await signIn(page, 'lead.lille@demo.local');
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon compte' }).click();
  const card = page.locator('app-mail-preferences-section');
  await expect(card.getByRole('heading', { level: 2, name: 'Courriels' })).toBeVisible();
  const overdue = card.getByRole('checkbox', { name: 'Relance : saisie en retard' });
  await expect(overdue).toBeChecked();
  await expect(overdue).toBeDisabled();
  await expect(overdue).toHaveAccessibleDescription('Obligatoire pour votre rôle : ce courriel ne peut pas être désactivé.');
  await expectNoAxeViolations(page, 'les préférences de courriel de « Mon compte »');

  const dueSoon = card.getByRole('checkbox', { name: 'Échéance proche' });
  await expect(dueSoon).toBeChecked();
  await dueSoon.uncheck();
  await card.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
  await expect(page.getByText('Vos préférences de courriel sont enregistrées.')).toBeVisible();
  await expectNoAxeViolations(page, 'les préférences de courriel enregistrées');

  await page.reload();
  await expect(page.locator('app-mail-preferences-section').getByRole('checkbox', { name: 'Échéance proche' })).not.toBeChecked();
  await expect(page.locator('app-mail-preferences-section').getByRole('checkbox', { name: 'Saisie renvoyée au centre' })).toBeChecked();
});
