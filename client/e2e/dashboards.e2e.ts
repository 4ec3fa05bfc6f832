import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './e2e-helpers.js';

const year = new Date().getFullYear();

/** A chart frame by its heading: its drawing must be there, with at least one shape. */
async function expectChart(page: Page, heading: string | RegExp, selector: string) {
  const frame = page.locator('app-chart-frame').filter({ has: page.getByRole('heading', { level: 3, name: heading }) }).first();
  await expect(frame).toBeVisible();
  await expect(frame.locator(selector).first()).toBeVisible();
  return frame;
}

/** Opens the data table of a chart and returns the texts of its cells, row by row. */
async function dataTable(frame: ReturnType<Page['locator']>): Promise<string[][]> {
  await frame.getByRole('button', { name: 'Voir les données' }).click();
  const table = frame.getByRole('table');
  await expect(table).toBeVisible();
  const rows = table.locator('tbody tr');
  const count = await rows.count();
  const cells: string[][] = [];
  for (let i = 0; i < count; i++) cells.push((await rows.nth(i).locator('th, td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()));
  return cells;
}

test('un responsable de centre voit la campagne de son centre, ses indicateurs clés face à la médiane et ses avertissements', async ({ page }) => {
  await signIn(page, 'lead.lille@demo.local');
  await expect(page.getByRole('heading', { level: 2, name: `Campagne ${year} — CRP Hauts-de-France` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Périodes de la campagne' })).toBeVisible();
  const fileActive = await expectChart(page, /^File active/, 'ngx-charts-line-chart path.line');
  const rows = await dataTable(fileActive);
  // Five complete years, the unit against the network median; the year under way is left out, and the text says so.
  expect(rows.map((row) => row[0])).toEqual([year - 5, year - 4, year - 3, year - 2, year - 1].map(String));
  expect(rows[4][1]).toMatch(/^\d[\d\s ]*$/);
  expect(rows[4][2]).toMatch(/^\d[\d\s ,]*$/);
  await expect(page.getByText(`${year}, en cours`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Avertissements/ })).toBeVisible();
  await expectNoAxeViolations(page, 'l’accueil du responsable de centre');
});

test('la coordination voit la complétude, les totaux et les résultats attendus ; un filtre change l’adresse et les graphiques ; la carte ouvre un centre', async ({ page }) => {
  await signIn(page, 'admin@demo.local');
  await expect(page.getByRole('heading', { level: 2, name: `Complétude ${year}` })).toBeVisible();
  await expectChart(page, /centres × périodes/, '.heat-cell');
  await expectChart(page, /^File active \(patients distincts vus\) — réseau/, 'ngx-charts-line-chart path.line');
  await expect(page.getByRole('heading', { level: 2, name: /Les quatre résultats attendus/ })).toBeVisible();
  await expectNoAxeViolations(page, 'l’accueil de la coordination');

  // A filter goes to the URL, and the charts follow.
  await page.getByRole('combobox', { name: 'Année' }).click();
  await page.getByRole('option', { name: String(year - 1), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`annee=${year - 1}`));
  await expect(page.getByRole('heading', { level: 2, name: `Complétude ${year - 1}` })).toBeVisible();
  const heat = await expectChart(page, new RegExp(`centres × périodes ${year - 1}`), '.heat-cell');
  const cells = await dataTable(heat);
  expect(cells.length).toBeGreaterThanOrEqual(10);
  // Last year is validated in full in the demo.
  expect(cells.find((row) => row[0] === 'CRP Hauts-de-France')?.slice(1).every((c) => c === '100 %')).toBe(true);

  await page.getByRole('combobox', { name: 'Domaine' }).click();
  await page.getByRole('option', { name: 'Formation' }).click();
  await expect(page).toHaveURL(/domaine=formation/);
  // Back and forward move through the filters; a reload keeps them.
  await page.goBack();
  await expect(page).not.toHaveURL(/domaine=/);
  await expect(page).toHaveURL(new RegExp(`annee=${year - 1}`));
  await page.goBack();
  await expect(page.getByRole('heading', { level: 2, name: `Complétude ${year}` })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 2, name: `Complétude ${year - 1}` })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: `Complétude ${year - 1}` })).toBeVisible();

  // The map: Martinique in its inset, a unit opens its dashboard.
  const map = page.locator('app-care-map');
  await expect(map.getByRole('group', { name: 'Martinique' })).toBeVisible();
  await map.getByRole('link', { name: /^CRP Martinique/ }).click();
  await expect(page).toHaveURL(new RegExp(`/tableaux-de-bord/centres/\\d+\\?annee=${year - 1}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord du centre — CRP Martinique' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: `Campagne ${year - 1} — CRP Martinique` })).toBeVisible();
  await expectNoAxeViolations(page, 'le tableau de bord d’un centre');
});

test('les finances voient l’exécution, les alertes, les postes MIG H15 et les ETP par financeur', async ({ page }) => {
  await signIn(page, 'finance@demo.local');
  await expect(page.getByRole('heading', { level: 2, name: `Exécution ${year}` })).toBeVisible();
  const envelope = await expectChart(page, `Par enveloppe ${year}`, '.bar');
  const rows = await dataTable(envelope);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows[0][1]).toMatch(/€$/);
  await expectChart(page, `Postes MIG H15 : financés et réels ${year}`, '.bar');
  await expectChart(page, `ETP par financeur, mois par mois ${year}`, 'ngx-charts-bar-vertical-stacked path.bar');
  await expect(page.getByRole('heading', { level: 2, name: 'Coût par activité' })).toBeVisible();
  await expectNoAxeViolations(page, 'l’accueil des finances');

  await page.getByRole('combobox', { name: 'Source de financement' }).click();
  await page.getByRole('option').nth(1).click();
  await expect(page).toHaveURL(/financeur=\d+/);
  await expect(page.getByRole('heading', { level: 2, name: `Exécution ${year}` })).toBeVisible();
});

test('le bureau voit les chiffres clés, les tendances et le budget ; au clavier, la carte ouvre un centre', async ({ page }) => {
  await signIn(page, 'board@demo.local');
  // The board opens on the last complete year, compared whole with the year before.
  await expect(page.getByRole('heading', { level: 2, name: `Chiffres clés ${year - 1} (valeurs validées)` })).toBeVisible();
  await expectChart(page, `Chiffres clés ${year - 1}`, 'mat-card');
  await expectChart(page, /^File active/, 'ngx-charts-line-chart path.line');
  await expect(page.getByText(`Années entières jusqu’à ${year - 1}.`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: `Exécution budgétaire ${year - 1}` })).toBeVisible();
  await expectNoAxeViolations(page, 'l’accueil du bureau');

  // The annual reports of last year: the link opens the reports page of that year, in the app.
  await page.getByRole('link', { name: `Rapport d’activité ${year - 1}` }).click();
  await expect(page).toHaveURL(new RegExp(`/rapports\\?annee=${year - 1}$`));
  await expect(page.getByRole('heading', { level: 2, name: `Versions officielles ${year - 1}` })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 2, name: `Chiffres clés ${year - 1} (valeurs validées)` })).toBeVisible();

  const marker = page.locator('app-care-map').getByRole('link', { name: /^CRP Hauts-de-France/ });
  await marker.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/tableaux-de-bord\/centres\/\d+/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord du centre — CRP Hauts-de-France' })).toBeVisible();
  await expectChart(page, /Chiffres clés/, 'mat-card');
  await expectNoAxeViolations(page, 'le tableau de bord d’un centre (bureau)');
});
