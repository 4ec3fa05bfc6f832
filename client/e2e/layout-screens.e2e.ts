import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, readmeScreenshot, signIn } from './e2e-helpers.js';

/** The boxes of some elements, in CSS pixels of the viewport. */
async function boxes(locator: Locator): Promise<{ text: string; left: number; right: number }[]> {
  return locator.evaluateAll((elements) =>
    elements.map((element) => {
      const rect = element.getBoundingClientRect();
      return { text: (element.textContent ?? '').trim(), left: rect.left, right: rect.right };
    }),
  );
}

/** Header cells that the sticky first column covers, even in part (none expected). */
async function coveredBySticky(table: Locator): Promise<string[]> {
  const [sticky, ...others] = await boxes(table.locator('thead th'));
  return others.filter((cell) => cell.left < sticky.right - 0.5 && cell.right > sticky.left + 0.5).map((cell) => cell.text);
}

/** Tabs until a button or a link has the focus (at most 30 times); returns its accessible text. */
async function tabToButtonOrLink(page: Page): Promise<string> {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const tag = await page.evaluate(() => document.activeElement?.tagName ?? '');
    if (tag === 'BUTTON' || tag === 'A') return page.evaluate(() => (document.activeElement as HTMLElement).innerText.trim());
  }
  throw new Error('Aucun bouton ni lien atteint au clavier');
}

/** The focus indicator of the focused element: an outline or a box-shadow ring. */
async function focusRing(page: Page): Promise<{ outlineStyle: string; outlineWidth: number; boxShadow: string }> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth), boxShadow: style.boxShadow };
  });
}

test('à 1280 px, le tableau d’exécution tient dans l’écran et la colonne « Ligne » ne couvre aucune autre', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'finance@demo.local');
  await page.goto('/budget');
  await expect(page.getByRole('heading', { level: 1, name: 'Exécution budgétaire' })).toBeVisible();
  const table = page.getByRole('table', { name: /^Exécution \d{4} par ligne budgétaire$/ });
  await expect(table).toBeVisible();
  const headers = table.locator('thead th');
  await expect(headers).toHaveText(['Ligne', 'AE ouvertes', 'Engagé', 'CP ouverts', 'Payé', 'Reste à payer', 'Atterrissage', 'Alertes']);

  // Every header cell inside the viewport, « Atterrissage » and « Alertes » included.
  for (const cell of await boxes(headers)) {
    expect(cell.left, `${cell.text} : bord gauche`).toBeGreaterThanOrEqual(0);
    expect(cell.right, `${cell.text} : bord droit`).toBeLessThanOrEqual(1280);
  }
  expect(await coveredBySticky(table)).toEqual([]);

  // The table does not scroll sideways at this width; if it did, nothing would pass under the label column unseen.
  const region = page.getByRole('region', { name: /^Exécution \d{4} par ligne budgétaire$/ });
  const scroll = await region.evaluate((element) => {
    element.scrollLeft = element.scrollWidth;
    return { scrollLeft: element.scrollLeft, overflow: element.scrollWidth - element.clientWidth };
  });
  expect(scroll.overflow, 'débordement horizontal du tableau').toBeLessThanOrEqual(0);
  expect(scroll.scrollLeft).toBe(0);
  expect(await coveredBySticky(table)).toEqual([]);
  // The first row's amounts read whole: « 40 000 € », never cut by the label column.
  const firstRow = table.locator('tbody tr').first();
  await expect(firstRow.locator('td').nth(1)).toHaveText(/^\d{1,3}(\s\d{3})*\s€$/);
  await expect(page.getByText('Montants arrondis à l’euro ; l’export Excel donne les centimes.').first()).toBeVisible();

  await expectNoAxeViolations(page, 'l’exécution budgétaire à 1280 px');
});

test('à 1024 px, le tableau défile de côté : la colonne « Ligne » reste opaque, bordée, et ne couvre aucun en-tête au repos', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await signIn(page, 'finance@demo.local');
  await page.goto('/budget');
  const table = page.getByRole('table', { name: /^Exécution \d{4} par ligne budgétaire$/ });
  await expect(table).toBeVisible();
  expect(await coveredBySticky(table)).toEqual([]);
  const sticky = await table.locator('tbody tr td').first().evaluate((cell) => {
    const style = getComputedStyle(cell);
    return { background: style.backgroundColor, border: style.borderRightStyle, position: style.position };
  });
  expect(sticky.position).toBe('sticky');
  expect(sticky.background).not.toBe('rgba(0, 0, 0, 0)');
  expect(sticky.border).toBe('solid');
});

test('un bouton atteint au clavier montre où est le focus (contour visible)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'finance@demo.local');
  await page.goto('/budget');
  await expect(page.getByRole('table', { name: /^Exécution \d{4} par ligne budgétaire$/ })).toBeVisible();
  // The first buttons and links of the page, in the toolbar, the navigation and the page.
  for (let i = 0; i < 4; i++) {
    const name = await tabToButtonOrLink(page);
    const ring = await focusRing(page);
    const visible = (ring.outlineStyle !== 'none' && ring.outlineWidth >= 2) || (ring.boxShadow !== 'none' && ring.boxShadow !== '');
    expect(visible, `contour de focus sur « ${name} » : ${JSON.stringify(ring)}`).toBe(true);
  }
  // The forecast's button in the table, too.
  const button = page.getByRole('button', { name: /^(Saisir|Modifier) l’atterrissage de la ligne/ }).first();
  await button.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await focusRing(page);
  expect(ring.outlineStyle).not.toBe('none');
  expect(ring.outlineWidth).toBeGreaterThanOrEqual(2);
});

test('à 390 px, le formulaire de saisie tient dans l’écran et « Transmettre » reste à portée ; à 1280 px, pas de défilement de côté non plus', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'lead.lille@demo.local');
  await page.goto('/saisie');
  await expect(page.getByRole('heading', { level: 1, name: 'Mes saisies' })).toBeVisible();
  await page.getByRole('link', { name: /^(Commencer|Continuer|Corriger) la saisie — / }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(' — ');
  const first = page.locator('input[data-entry]').first();
  await expect(first).toBeVisible();
  await readmeScreenshot(page, 'saisie-telephone');

  // No horizontal overflow: neither the page nor its scrolling content, nor any field past the right edge.
  const overflow = await page.evaluate(() => {
    const content = document.querySelector('.mat-sidenav-content') ?? document.documentElement;
    const fieldsPastEdge = [...document.querySelectorAll('input[data-entry]')].filter((input) => input.getBoundingClientRect().right > window.innerWidth + 0.5).length;
    return { page: document.documentElement.scrollWidth - window.innerWidth, content: content.scrollWidth - content.clientWidth, fieldsPastEdge };
  });
  expect(overflow).toEqual({ page: 0, content: 0, fieldsPastEdge: 0 });
  // A card per field, no table; the format said once per indicator.
  await expect(page.locator('app-indicator-entry table')).toHaveCount(0);
  const indicators = await page.locator('app-indicator-entry').count();
  expect(await page.getByText('Nombre entier, par exemple 1 234', { exact: true }).count()).toBeLessThanOrEqual(indicators);

  // The submit button is on screen at once, and still after scrolling down the form.
  const submit = page.getByRole('button', { name: 'Transmettre à la coordination' });
  await expect(submit).toHaveCount(1);
  await expect(submit).toBeInViewport();
  await page.locator('input[data-entry]').nth(6).scrollIntoViewIfNeeded();
  await expect(submit).toBeInViewport();

  // The keyboard path is kept: Enter moves to the next field, which the bar does not hide.
  await first.focus();
  await first.press('Enter');
  await expect(page.locator('input[data-entry]').nth(1)).toBeFocused();
  const hidden = await page.evaluate(() => {
    const field = document.activeElement!.getBoundingClientRect();
    const bar = document.querySelector('.phone-action-bar')!.getBoundingClientRect();
    return field.bottom > bar.top && field.top < bar.bottom;
  });
  expect(hidden, 'le champ qui a le focus est caché par la barre').toBe(false);

  await expectNoAxeViolations(page, 'le formulaire de saisie à 390 px');

  // The same form on a laptop (1280×800): tables again, still no sideways scrolling of the page.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.locator('app-indicator-entry table').first()).toBeVisible();
  const laptop = await page.evaluate(() => {
    const content = document.querySelector('.mat-sidenav-content') ?? document.documentElement;
    return { page: document.documentElement.scrollWidth - window.innerWidth, content: content.scrollWidth - content.clientWidth };
  });
  expect(laptop).toEqual({ page: 0, content: 0 });
});
