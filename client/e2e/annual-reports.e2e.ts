import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './e2e-helpers.js';

const FILES = ['Rapport d’activité (Excel)', 'Rapport d’activité (PDF)', 'Bilan financier (Excel)', 'Bilan financier (PDF)'];
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Clicks a download link and returns the downloaded file's bytes and name. */
async function downloadFrom(page: Page, name: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name, exact: true }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

test('le bureau génère la version officielle, télécharge les quatre fichiers, la marque présentée, enregistre la séance et la délibération de l’AG, l’approuve par elle et télécharge le certificat ; un second téléchargement donne les mêmes octets', async ({ page }) => {
  test.setTimeout(180_000);
  const year = new Date().getFullYear() - 1;
  await signIn(page, 'board@demo.local');
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Rapports annuels' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rapports annuels' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: `Versions officielles ${year}` })).toBeVisible();
  await expect(page.getByText(`Aucune version officielle pour ${year}.`)).toBeVisible();
  await expectNoAxeViolations(page, 'la page des rapports annuels');

  // A draft on the live data.
  const draft = await downloadFrom(page, `Bilan financier (PDF) — brouillon ${year}`);
  expect(draft.name).toBe(`bilan-financier-${year}-brouillon.pdf`);
  expect(draft.bytes.subarray(0, 5).toString()).toBe('%PDF-');

  // A narrative, keyboard only, saved with the version read.
  await page.getByRole('button', { name: 'Rapport d’activité' }).click();
  const highlights = page.getByRole('textbox', { name: 'Chiffres clés et faits marquants' });
  await highlights.fill('Une année de consolidation du réseau.');
  await page.getByRole('button', { name: 'Enregistrer « Chiffres clés et faits marquants »' }).click();
  await expect(page.getByText(/Enregistré par .* le /).first()).toBeVisible();

  await page.getByRole('button', { name: 'Générer la version officielle' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText(`Générer la version officielle des rapports ${year}`);
  await expect(confirm.getByRole('list', { name: 'Sections sans texte' })).toContainText('Bilan financier — États budgétaires');
  await expectNoAxeViolations(page, 'la confirmation de la génération');
  await confirm.getByRole('button', { name: 'Générer' }).click();
  const versions = page.getByRole('table', { name: `Versions officielles des rapports ${year}` });
  await expect(versions).toBeVisible({ timeout: 90_000 });
  const row = versions.getByRole('row').filter({ hasText: 'n° 1' });
  // An official version is never called a draft.
  await expect(row).toContainText('Générée — non présentée');
  await expect(row).not.toContainText('Brouillon');
  await expect(row).toContainText('par Claude Petit (bureau)');

  const first = new Map<string, Buffer>();
  for (const label of FILES) {
    const file = await downloadFrom(page, `${label}, version 1`);
    expect(file.name).toMatch(new RegExp(`-${year}-v1\\.(xlsx|pdf)$`));
    // The sha256 shown beside the link is the file's.
    await expect(row).toContainText(sha(file.bytes));
    first.set(label, file.bytes);
  }
  await expectNoAxeViolations(page, 'la page avec une version générée');

  await row.getByRole('button', { name: 'Marquer présentée à l’AG' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Marquer présentée' }).click();
  await expect(row).toContainText('Présentée à l’AG');

  // The version goes to the next general assembly recorded: the one planned in March.
  await expect(row).toContainText(`Soumise à la séance « Assemblée générale » du 26/03/${year + 2}`);

  // The assembly met today: the board records the meeting and its deliberation in « Gouvernance ».
  const today = new Date().toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
  const thisYear = Number(today.slice(-4));
  const number = `${thisYear}-09`;
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gouvernance' }).click();
  await page.getByRole('tab', { name: 'Réunions et délibérations' }).click();
  await page.getByRole('button', { name: 'Nouvelle séance' }).click();
  const meetingDialog = page.getByRole('dialog', { name: 'Nouvelle séance' });
  await meetingDialog.getByRole('combobox', { name: 'Instance' }).click();
  await page.getByRole('option', { name: 'Assemblée générale' }).click();
  await meetingDialog.getByLabel('Date de la séance').fill(today);
  await meetingDialog.getByRole('combobox', { name: 'Nature' }).click();
  await page.getByRole('option', { name: 'Extraordinaire' }).click();
  await meetingDialog.getByRole('checkbox', { name: 'Quorum atteint' }).check();
  await meetingDialog.getByRole('button', { name: 'Enregistrer la séance' }).click();
  await expect(meetingDialog).toBeHidden();
  await page.getByRole('button', { name: 'Nouvelle délibération' }).click();
  const deliberationDialog = page.getByRole('dialog', { name: 'Nouvelle délibération' });
  await deliberationDialog.getByLabel('Numéro').fill(number);
  await deliberationDialog.getByRole('combobox', { name: 'Séance' }).click();
  await page.getByRole('option', { name: `Assemblée générale du ${today}` }).click();
  await deliberationDialog.getByLabel('Intitulé').fill(`Approbation des rapports annuels ${year}`);
  await deliberationDialog.getByLabel('Voix pour').fill('9');
  await deliberationDialog.getByLabel('Voix contre').fill('0');
  await deliberationDialog.getByLabel('Abstentions').fill('1');
  await deliberationDialog.getByRole('button', { name: 'Enregistrer la délibération' }).click();
  await expect(deliberationDialog).toBeHidden();
  await expect(page.getByText(`Approbation des rapports annuels ${year}`).first()).toBeVisible();

  // Back to the reports: approved by that deliberation.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Rapports annuels' }).click();
  await row.getByRole('button', { name: 'Marquer approuvée' }).click();
  const approve = page.getByRole('dialog', { name: 'Marquer la version 1 approuvée' });
  await expect(approve).toBeVisible();
  await expect(approve.getByRole('combobox', { name: 'Délibération de l’assemblée générale' })).toBeVisible();
  await expectNoAxeViolations(page, 'le dialogue d’approbation');
  await approve.getByRole('button', { name: 'Marquer approuvée' }).click();
  await expect(approve.getByText('Ce champ est obligatoire.').first()).toBeVisible();
  // By keyboard: the field's floating label lies over the closed select.
  await approve.getByRole('combobox', { name: 'Délibération de l’assemblée générale' }).focus();
  await page.keyboard.press('Enter');
  // Deliberations older than the version are not offered: only today's.
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.getByRole('option', { name: `n° ${number} du ${today} — Approbation des rapports annuels ${year}` }).click();
  await approve.getByRole('button', { name: 'Marquer approuvée' }).click();
  await expect(approve).toBeHidden();
  await expect(row).toContainText('Approuvée');
  await expect(page.getByRole('note')).toContainText(
    `Version 1 approuvée par l’assemblée générale du ${today} (Délibération n° ${number} — Approbation des rapports annuels ${year}) : elle ne changera plus.`,
  );
  await expect(page.getByRole('button', { name: 'Générer la version officielle' })).toHaveCount(0);
  await expect(row.getByRole('button')).toHaveCount(0);

  // The approval certificate: a PDF whose sha256 is shown beside it.
  const certificate = await downloadFrom(page, 'Certificat d’approbation (PDF), version 1');
  expect(certificate.name).toBe(`certificat-approbation-${year}-v1.pdf`);
  expect(certificate.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  await expect(row).toContainText(sha(certificate.bytes));
  expect((await downloadFrom(page, 'Télécharger le certificat d’approbation')).bytes.equals(certificate.bytes)).toBe(true);

  // A second download of each file: the same bytes.
  for (const label of FILES) {
    const again = await downloadFrom(page, `${label}, version 1`);
    expect(again.bytes.equals(first.get(label)!), label).toBe(true);
  }
  // And the server proves it rebuilds them from the snapshot, byte for byte.
  const verification = await page.request.get(`/api/reports/${year}/versions/1/verification`);
  expect((await verification.json()).identical).toBe(true);
  await expectNoAxeViolations(page, 'la page avec une version approuvée');
});

test('un responsable finances voit le bilan financier seulement, en lecture', async ({ page }) => {
  await signIn(page, 'finance@demo.local');
  await page.goto('/rapports');
  await expect(page.getByRole('heading', { level: 1, name: 'Rapports annuels' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Bilan financier \(Excel\) — brouillon/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Rapport d’activité/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Générer la version officielle' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'la page des rapports (finances)');
});
