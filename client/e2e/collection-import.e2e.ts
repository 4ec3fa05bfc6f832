import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './e2e-helpers.js';

test('un responsable télécharge le modèle Excel de son centre et voit les problèmes d’un fichier, sans rien enregistrer', async ({ page }) => {
  await signIn(page, 'lead.lille@demo.local');
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Saisie' }).click();
  await page.getByRole('link', { name: /Saisir par fichier Excel ou CSV/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importer un fichier de saisie' })).toBeVisible();
  await expectNoAxeViolations(page, 'la page d’import');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /Télécharger le modèle Excel/ }).click();
  expect((await download).suggestedFilename()).toMatch(/^saisie-CRP-HDF-\d{4}\.xlsx$/);

  const year = page.url().match(/import\/(\d{4})/)![1];
  const csv = `indicateur;modalite;periode;valeur\r\nXXX_INCONNU;;${year}-Q1;3\r\n`;
  await page.locator('input[type="file"]').setInputFiles({ name: 'saisie.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByText('saisie.csv')).toBeVisible();
  await page.getByRole('button', { name: /Vérifier le fichier/ }).click();
  const problems = page.getByRole('table', { name: 'Problèmes du fichier' });
  await expect(problems).toBeVisible();
  await expect(problems).toContainText('Fichier CSV, ligne 2');
  await expect(page.getByRole('status').filter({ hasText: 'Rien n’a encore été enregistré' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Importer/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'la vérification d’un fichier avec des problèmes');
});
