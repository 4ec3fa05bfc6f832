import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn, signOut } from './e2e-helpers.js';

/** A name no other run has used: the e2e database is fresh, but a retry on the same server is not. */
const NAME = `Consultation du psychotraumatisme Les Hirondelles ${Date.now().toString(36).toUpperCase()}`;
/** Valenciennes (59606), where the structure is placed by a click on the map (no demo structure within 30 km). */
const VALENCIENNES = { latitude: 50.357, longitude: 3.5235 };

/** The screen point of a position on the metropolitan map (the base map's equirectangular projection, as the client draws it). */
async function screenPointOf(page: Page, map: ReturnType<Page['locator']>, position: { latitude: number; longitude: number }) {
  return map.evaluate((svg, p) => {
    const x = 15 + (p.longitude + 5.14) * (598 / (9.56 + 5.14));
    const y = -1 + (51.09 - p.latitude) * (586 / (51.09 - 41.33));
    const point = new DOMPoint(x, y).matrixTransform((svg as SVGSVGElement).getScreenCTM()!);
    return { x: point.x, y: point.y };
  }, position);
}

const decimal = (text: string) => Number(text.replace(',', '.'));

test('un responsable propose une structure (commune cherchée par son nom, position prise sur la carte), la coordination la publie : elle paraît sur la carte et dans les données ouvertes', async ({ page }) => {
  // Two sign-ins, a form, a review, the map and the export: longer than one page's test.
  test.slow();
  const nav = () => page.getByRole('navigation', { name: 'Navigation principale' });

  await test.step('le responsable de Lille propose une structure', async () => {
    await signIn(page, 'lead.lille@demo.local');
    await nav().getByRole('link', { name: 'Offre de soins' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Offre de soins' })).toBeVisible();
    await page.getByRole('button', { name: /Proposer une structure/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Proposer une structure' });
    await dialog.getByLabel('Nom de la structure').fill(NAME);
    await dialog.getByLabel('Adresse').fill('14 rue des Hirondelles');

    // The commune found by its name fills its INSEE code; the code's commune shows under it.
    await dialog.getByRole('combobox', { name: 'Commune' }).fill('Valenc');
    await page.getByRole('option', { name: /^Valenciennes \(59\) — Hauts-de-France/ }).click();
    await expect(dialog.getByLabel('Code INSEE de la commune')).toHaveValue('59606');
    await expect(dialog.getByText('Valenciennes (59) — Hauts-de-France')).toBeVisible();

    // The position: zoomed in twice on the map, a click on Valenciennes.
    await dialog.getByRole('button', { name: 'Placer sur la carte' }).click();
    const map = dialog.locator('svg.metropolitan');
    await expect(map).toBeVisible();
    await dialog.getByRole('button', { name: 'Zoom avant' }).click();
    await dialog.getByRole('button', { name: 'Zoom avant' }).click();
    await expect(dialog.getByText('Zoom × 4')).toBeVisible();
    // Zoomed in on the centre of France: Valenciennes is off the view; the arrow keys bring the north in.
    await map.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    const at = await screenPointOf(page, map, VALENCIENNES);
    await page.mouse.click(at.x, at.y);
    await expect(dialog.locator('.pin')).toBeVisible();
    const latitude = decimal(await dialog.getByLabel('Latitude').inputValue());
    const longitude = decimal(await dialog.getByLabel('Longitude').inputValue());
    // At × 4 a screen pixel is about 300 m: the click lands within a kilometre.
    expect(Math.abs(latitude - VALENCIENNES.latitude)).toBeLessThan(0.01);
    expect(Math.abs(longitude - VALENCIENNES.longitude)).toBeLessThan(0.015);

    // From the keyboard (the empty field's label lies over it for the mouse): Entrée opens the list.
    await dialog.getByRole('combobox', { name: 'Soins proposés' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: 'Évaluation' }).click();
    await page.getByRole('option', { name: 'Psychothérapie du psychotraumatisme' }).click();
    await page.keyboard.press('Escape');
    const today = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(new Date());
    await dialog.getByLabel('Vérifiée le').fill(today);
    await expectNoAxeViolations(page, 'le formulaire d’une structure, avec la carte où la placer');
    await dialog.getByRole('button', { name: 'Proposer la structure' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Structure proposée : la coordination la publiera.')).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(NAME) });
    await expect(row).toContainText('Proposée');
    await expect(row).toContainText('Valenciennes (59606)');
    await signOut(page);
  });

  await test.step('la coordination la publie, après confirmation', async () => {
    await signIn(page, 'admin@demo.local');
    await page.goto('/offre-de-soins?status=proposed');
    await expect(page.getByRole('row', { name: new RegExp(NAME) })).toContainText('Proposée');
    await page.getByRole('button', { name: `Publier ${NAME}` }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Publier la structure ?' });
    await expect(confirm).toContainText('apparaîtra sur la carte et dans les données ouvertes');
    await confirm.getByRole('button', { name: 'Publier' }).click();
    await expect(page.getByText('Structure publiée.')).toBeVisible();
  });

  await test.step('elle paraît sur la carte ; un groupe de structures se détaille en zoomant', async () => {
    await page.goto('/offre-de-soins?status=published');
    const map = page.locator('app-care-offer-page svg.metropolitan');
    await expect(page.getByRole('row', { name: new RegExp(NAME) })).toContainText('Publiée');
    const drawn = map.locator('g.place', { has: page.locator('title', { hasText: NAME }) });
    await expect(drawn).toHaveCount(1);
    await expectNoAxeViolations(page, 'la carte et la liste de l’offre de soins');
    // Lille's group (Lille and Roubaix, two structures each): a click on it zooms on it, until it splits.
    const lille = map.locator('g.place.cluster', { has: page.locator('title', { hasText: 'Hôpital des Quatre-Vents (Lille)' }) });
    const before = Number(await lille.locator('text').textContent());
    expect(before).toBeGreaterThanOrEqual(2);
    const box = (await lille.locator('circle').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByText('Zoom × 2')).toBeVisible();
    await page.getByRole('button', { name: 'Zoom avant' }).click();
    await page.getByRole('button', { name: 'Zoom avant' }).click();
    await expect(page.getByText('Zoom × 8')).toBeVisible();
    const after = map.locator('g.place', { has: page.locator('title', { hasText: 'Hôpital des Quatre-Vents (Lille)' }) });
    const alone = (await after.locator('text').count()) === 0;
    expect(alone ? 1 : Number(await after.locator('text').textContent())).toBeLessThan(before);
    await expectNoAxeViolations(page, 'la carte de l’offre de soins, zoomée');
    await signOut(page);
  });

  await test.step('et dans les données ouvertes, sans connexion : champs publics seulement', async () => {
    const anonymous = await playwrightRequest.newContext({ baseURL: page.url().replace(/\/connexion.*$/, '') });
    const geo = await (await anonymous.get('/api/open-data/care-offer.geojson')).json();
    const feature = geo.features.find((f: { properties: { nom: string } }) => f.properties.nom === NAME);
    expect(feature).toBeDefined();
    expect(feature.properties.code_insee).toBe('59606');
    expect(feature.properties.commune).toBe('Valenciennes');
    expect(Object.keys(feature.properties)).not.toContain('status');
    expect(geo.metadata.licence).toContain('Licence Ouverte');
    const csv = await (await anonymous.get('/api/open-data/care-offer.csv')).text();
    expect(csv).toContain(NAME);
    await anonymous.dispose();
  });
});
