import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './e2e-helpers.js';

interface ExecutionLine {
  lineId: number;
  code: string;
  envelope: string;
  leftAeCents: number;
  leftCpCents: number;
  paidCents: number;
  committedCents: number;
  openAeCents: number;
  openCpCents: number;
  cpRateBp: number | null;
}

const nbsp = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ');

/** Opens a dialog, scans the page with it, and closes it with Escape (nothing saved). */
async function scanDialog(page: Page, opener: Locator, name: string | RegExp, context: string): Promise<void> {
  await opener.click();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, context);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('les finances engagent puis paient sur une ligne, voient son taux d’exécution changer, y virent des crédits depuis le personnel, et partagent le temps d’une personne entre deux financeurs à partir d’une date', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'finance@demo.local');
  const year = new Date().getFullYear();

  // A line of the open year with room for 1 234,56 € of AE and 1 000 € of CP.
  const before = (await (await page.request.get(`/api/budget/${year}/execution`)).json()) as { lines: ExecutionLine[] };
  const line = before.lines.find((l) => l.envelope !== 'personnel' && l.leftAeCents >= 123_456 && l.leftCpCents >= 100_000 && l.openCpCents > 0);
  expect(line, 'une ligne de fonctionnement avec des crédits disponibles').toBeDefined();
  // A personnel line with 500 € left in AE and CP, to give to that line by a transfer.
  const donor = before.lines.find((l) => l.envelope === 'personnel' && l.leftAeCents >= 50_000 && l.leftCpCents >= 50_000);
  expect(donor, 'une ligne de personnel avec des crédits disponibles').toBeDefined();

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Budget' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exécution budgétaire' })).toBeVisible();
  await expectNoAxeViolations(page, 'l’exécution budgétaire');
  await scanDialog(page, page.getByRole('button', { name: /l’atterrissage de la ligne/ }).first(), /^Atterrissage de la ligne/, 'le dialogue d’atterrissage');

  // The budget's sections are a tab navigation bar (role tablist, each section a tab).
  const sections = page.getByRole('tablist', { name: 'Sections du budget' });
  await sections.getByRole('tab', { name: 'Engagements et paiements' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Engagements et paiements' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Ligne' }).click();
  await page.getByRole('option', { name: new RegExp(`^${line!.code} — `) }).click();
  const figures = page.getByRole('region', { name: new RegExp(`^Ligne ${line!.code} — `) });
  const cpRate = figures.locator('.figure', { hasText: 'Taux d’exécution (CP)' }).locator('.figure-value');
  const rateBefore = nbsp(await cpRate.innerText());
  await expectNoAxeViolations(page, 'les engagements et paiements d’une ligne');

  // The commitment.
  await page.getByRole('button', { name: 'Nouvel engagement' }).click();
  const commitmentDialog = page.getByRole('dialog', { name: /Nouvel engagement/ });
  await expect(commitmentDialog).toBeVisible();
  await expect(commitmentDialog.getByText(/AE disponibles/)).toBeVisible();
  await commitmentDialog.getByLabel('Montant').fill('1 234,5x');
  await commitmentDialog.getByLabel('Tiers').fill('Imprimerie du Nord');
  await expect(commitmentDialog.getByText('Montant invalide : écrivez par exemple 1 234,56 ou 1234.56.')).toBeVisible();
  await commitmentDialog.getByLabel('Montant').fill('1 234,56');
  await commitmentDialog.getByLabel('Objet').fill('Guide régional e2e');
  await commitmentDialog.getByLabel('Référence', { exact: false }).fill('BC-E2E-1');
  await expectNoAxeViolations(page, 'le dialogue d’engagement');
  await commitmentDialog.getByRole('button', { name: 'Engager' }).click();
  await expect(commitmentDialog).toBeHidden();
  const commitmentRow = page.getByRole('row', { name: /Guide régional e2e/ });
  await expect(commitmentRow).toContainText('1 234,56');
  await scanDialog(page, commitmentRow.getByRole('button', { name: /^Pièces justificatives de l’engagement/ }), /^Pièces justificatives/, 'le dialogue des pièces justificatives');
  await scanDialog(page, page.getByRole('button', { name: 'Importer un export comptable' }), /^Importer un export comptable/, 'le dialogue d’import comptable');

  // Its payment, against the commitment: the remainder is shown.
  await commitmentRow.getByRole('button', { name: /Payer sur l’engagement/ }).click();
  const paymentDialog = page.getByRole('dialog', { name: /Nouveau paiement/ });
  await expect(paymentDialog.getByText(/Reste à payer sur cet engagement : 1\s234,56\s€/)).toBeVisible();
  await paymentDialog.getByLabel('Montant').fill('1 500');
  await paymentDialog.getByLabel('Référence', { exact: false }).fill('FAC-E2E-1');
  await expect(paymentDialog.getByText(/Montant hors limites : au plus 1\s234,56\s€/)).toBeVisible();
  await paymentDialog.getByLabel('Montant').fill('1000');
  await expectNoAxeViolations(page, 'le dialogue de paiement');
  await paymentDialog.getByRole('button', { name: 'Payer' }).click();
  await expect(paymentDialog).toBeHidden();
  await expect(commitmentRow).toContainText('234,56');

  // The line's execution rate moved.
  await expect.poll(async () => nbsp(await cpRate.innerText())).not.toBe(rateBefore);

  // What was stored.
  const after = (await (await page.request.get(`/api/budget/${year}/execution`)).json()) as { lines: ExecutionLine[] };
  const lineAfter = after.lines.find((l) => l.lineId === line!.lineId)!;
  expect(lineAfter.committedCents).toBe(line!.committedCents + 123_456);
  expect(lineAfter.paidCents).toBe(line!.paidCents + 100_000);
  expect(lineAfter.cpRateBp).not.toBe(line!.cpRateBp);
  expect(nbsp(await cpRate.innerText())).toBe(`${((lineAfter.cpRateBp ?? 0) / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 }).replace(/\u202F/g, ' ')} %`);
  const commitments = (await (await page.request.get(`/api/budget/commitments?year=${year}&lineId=${line!.lineId}`)).json()) as {
    id: number;
    object: string;
    amountCents: number;
    paidCents: number;
    thirdParty: string;
    reference: string | null;
  }[];
  const stored = commitments.find((c) => c.object === 'Guide régional e2e')!;
  expect(stored).toEqual(expect.objectContaining({ amountCents: 123_456, paidCents: 100_000, thirdParty: 'Imprimerie du Nord', reference: 'BC-E2E-1' }));
  const payments = (await (await page.request.get(`/api/budget/payments?year=${year}&lineId=${line!.lineId}`)).json()) as {
    commitmentId: number | null;
    amountCents: number;
    kind: string;
    reference: string | null;
  }[];
  expect(payments.filter((p) => p.commitmentId === stored.id)).toEqual([
    expect.objectContaining({ amountCents: 100_000, kind: 'invoice', reference: 'FAC-E2E-1' }),
  ]);

  // The other sections of the budget, each scanned.
  for (const [tab, heading] of [
    ['Lignes', 'Lignes budgétaires'],
    ['Financements', 'Sources de financement'],
    ['Exercices', 'Exercices budgétaires'],
    ['Comparaison', 'Comparaison pluriannuelle'],
  ] as const) {
    await sections.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page, `l’onglet « ${tab} » du budget`);
  }

  // A receipt (recette encaissée) of the open year, then the collected total it moves.
  await sections.getByRole('tab', { name: 'Recettes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recettes encaissées' })).toBeVisible();
  const collected = page.getByRole('list', { name: `Recettes ${year}` }).locator('.figure', { hasText: 'Encaissé' }).locator('.figure-value');
  const collectedBefore = (await (await page.request.get(`/api/budget/receipts?year=${year}`)).json()).collectedCents as number;
  const shownBefore = await collected.innerText();
  await page.getByRole('button', { name: 'Nouvelle recette' }).click();
  const receiptDialog = page.getByRole('dialog', { name: `Nouvelle recette encaissée — ${year}` });
  await receiptDialog.getByRole('combobox', { name: 'Source de financement' }).click();
  await page.getByRole('option', { name: /^PROPRES — / }).click();
  await receiptDialog.getByLabel('Date d’encaissement').fill(`02/01/${year}`);
  await receiptDialog.getByLabel('Montant encaissé').fill('1 500,25');
  await receiptDialog.getByLabel('Référence comptable').fill('TR-E2E-1');
  await expectNoAxeViolations(page, 'le dialogue d’une recette');
  await receiptDialog.getByRole('button', { name: 'Enregistrer la recette' }).click();
  await expect(receiptDialog).toBeHidden();
  await expect(page.getByRole('row', { name: /TR-E2E-1/ })).toContainText('1 500,25');
  expect((await (await page.request.get(`/api/budget/receipts?year=${year}`)).json()).collectedCents).toBe(collectedBefore + 150_025);
  await expect(collected).not.toHaveText(shownBefore);
  await expectNoAxeViolations(page, 'les recettes encaissées');

  // A transfer of 500 € from the personnel line to this line: a draft, then its adoption after confirmation.
  await sections.getByRole('tab', { name: 'Décisions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Décisions budgétaires' })).toBeVisible();
  await page.getByRole('button', { name: 'Nouvelle décision' }).click();
  const decisionDialog = page.getByRole('dialog', { name: `Nouvelle décision budgétaire (${year})` });
  await expect(decisionDialog).toBeVisible();
  await decisionDialog.getByRole('combobox', { name: 'Nature de la décision' }).click();
  await page.getByRole('option', { name: 'Virement' }).click();
  await decisionDialog.getByLabel('Référence').fill('Décision e2e n° 1');
  await decisionDialog.getByLabel('Exposé des motifs').fill('Poste vacant : crédits de personnel vers le fonctionnement');
  await decisionDialog.getByRole('combobox', { name: 'Ligne 1' }).click();
  await page.getByRole('option', { name: new RegExp(`^${donor!.code} — `) }).click();
  await decisionDialog.getByLabel('Variation d’AE, ligne 1').fill('-500');
  await decisionDialog.getByLabel('Variation de CP, ligne 1').fill('-500');
  await decisionDialog.getByRole('button', { name: 'Ajouter une ligne' }).click();
  await decisionDialog.getByRole('combobox', { name: 'Ligne 2' }).click();
  await page.getByRole('option', { name: new RegExp(`^${line!.code} — `) }).click();
  await decisionDialog.getByLabel('Variation d’AE, ligne 2').fill('500');
  await decisionDialog.getByLabel('Variation de CP, ligne 2').fill('500');
  await expect(decisionDialog.getByText(/Total : AE 0,00\s€, CP 0,00\s€ \(un virement est à somme nulle\)/)).toBeVisible();
  await expectNoAxeViolations(page, 'le dialogue d’une décision budgétaire');
  await decisionDialog.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(decisionDialog).toBeHidden();
  const decisionRow = page.getByRole('row', { name: /Décision e2e n° 1/ });
  await expect(decisionRow).toContainText('Brouillon');
  await decisionRow.getByRole('button', { name: /^Adopter / }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Adopter' }).click();
  await expect(decisionRow).toContainText('Adoptée');
  await expectNoAxeViolations(page, 'les décisions budgétaires');

  const afterTransfer = (await (await page.request.get(`/api/budget/${year}/execution`)).json()) as { lines: ExecutionLine[] };
  const opened = (id: number) => afterTransfer.lines.find((l) => l.lineId === id)!;
  expect([opened(donor!.lineId).openAeCents, opened(donor!.lineId).openCpCents]).toEqual([donor!.openAeCents - 50_000, donor!.openCpCents - 50_000]);
  expect([opened(line!.lineId).openAeCents, opened(line!.lineId).openCpCents]).toEqual([line!.openAeCents + 50_000, line!.openCpCents + 50_000]);

  // Staff: split the nurse's time between two funders from 1 July.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Personnels' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Personnels et ETP' })).toBeVisible();
  await expectNoAxeViolations(page, 'la liste des personnels');
  const summaryDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: `Exporter la synthèse ${year} (Excel)` }).click();
  expect((await summaryDownload).suggestedFilename()).toMatch(/\.xlsx$/);
  await page.getByRole('link', { name: 'Sandrine Lefèvre' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sandrine Lefèvre' })).toBeVisible();
  await expectNoAxeViolations(page, 'la fiche d’une personne');
  await page.getByRole('button', { name: /^Ventilation de / }).first().click();
  const allocationDialog = page.getByRole('dialog', { name: /Ventilation — Sandrine Lefèvre/ });
  await expect(allocationDialog.getByText('La ventilation couvre l’affectation à 100 % chaque jour.')).toBeVisible();
  const groups = allocationDialog.getByRole('group', { name: /^Ventilation \d+$/ });
  const current = groups.last();
  await current.getByLabel('Au (inclus)').fill(`30/06/${year}`);
  await current.getByLabel('Au (inclus)').press('Tab');
  await expect(allocationDialog.getByText(`Du 01/07/${year}, aucune part n’est affectée`, { exact: false })).toBeVisible();

  for (const [code, share] of [
    ['ESR-RECHERCHE', '50'],
    ['MIG-AUXILIAIRE', '50'],
  ] as const) {
    await allocationDialog.getByRole('button', { name: 'Ajouter une ligne' }).click();
    const row = groups.last();
    await expect(row.getByLabel('Du', { exact: true })).toBeFocused();
    await expect(row.getByLabel('Du', { exact: true })).toHaveValue(`01/07/${year}`);
    await row.getByLabel('Part (%)').fill(share);
    await row.getByRole('combobox', { name: 'Ligne budgétaire' }).click();
    await page.getByRole('option', { name: new RegExp(`^${year} · ${code} — `) }).click();
  }
  await expect(allocationDialog.getByText('La ventilation couvre l’affectation à 100 % chaque jour.')).toBeVisible();
  await expectNoAxeViolations(page, 'l’éditeur de ventilation');
  await allocationDialog.getByRole('button', { name: 'Enregistrer la ventilation' }).click();
  await expect(allocationDialog).toBeHidden();
  await expect(page.getByText('La ventilation est enregistrée.')).toBeVisible();

  const memberId = Number(page.url().match(/personnels\/(\d+)/)![1]);
  const member = (await (await page.request.get(`/api/staff/members/${memberId}`)).json()) as {
    assignments: { allocations: { fromOn: string; toOn: string | null; shareBp: number; fundingSourceId: number }[] }[];
  };
  const allocations = member.assignments[0].allocations;
  expect(allocations.find((a) => a.fromOn === `${year}-01-01`)?.toOn).toBe(`${year}-06-30`);
  const fromJuly = allocations.filter((a) => a.fromOn === `${year}-07-01`);
  expect(fromJuly.map((a) => [a.shareBp, a.toOn])).toEqual([
    [5_000, null],
    [5_000, null],
  ]);
  expect(new Set(fromJuly.map((a) => a.fundingSourceId)).size).toBe(2);

  // An in-kind contribution besides staff, on the year's summary.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Personnels' }).click();
  await page.getByRole('tab', { name: 'Synthèse de l’année' }).click();
  await scanDialog(page, page.getByRole('button', { name: /plafond/ }).first(), `Plafond d’emplois ${year}`, 'le dialogue du plafond d’emplois');
  await page.getByRole('button', { name: 'Ajouter une contribution' }).click();
  const inKindDialog = page.getByRole('dialog', { name: `Nouvelle contribution en nature ${year}` });
  await inKindDialog.getByRole('combobox', { name: 'Nature' }).click();
  await page.getByRole('option', { name: 'Locaux' }).click();
  await inKindDialog.getByLabel('Libellé').fill('Bureaux du siège (e2e)');
  await inKindDialog.getByLabel('Contributeur').fill('CHU de Lille');
  await inKindDialog.getByLabel('Méthode de valorisation').fill('120 m² × 250 € le m² par an');
  await inKindDialog.getByLabel('Montant').fill('30 000');
  await expectNoAxeViolations(page, 'le dialogue d’une contribution en nature');
  await inKindDialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(inKindDialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Bureaux du siège \(e2e\)/ })).toContainText('30 000,00');
  await expectNoAxeViolations(page, 'la synthèse de l’année et les contributions en nature');
  const inKind = (await (await page.request.get(`/api/staff/in-kind?year=${year}`)).json()) as { label: string; amountCents: number; kind: string }[];
  expect(inKind.find((c) => c.label === 'Bureaux du siège (e2e)')).toEqual(expect.objectContaining({ amountCents: 3_000_000, kind: 'premises' }));
});
