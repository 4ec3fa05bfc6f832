import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password-2026';

/** Signs in through the form, with the keyboard only, and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByLabel('Mot de passe', { exact: true }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Bonjour/ })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Se déconnecter/ }).click();
  await expect(page).toHaveURL(/\/connexion/);
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
}

/** The links of the main navigation, in order. */
export async function navigationLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await expect(nav).toBeVisible();
  const labels = await nav.getByRole('link').allInnerTexts();
  return labels.map((label) => label.replace(/\s*\(nouvel onglet\)/, '').replace(/^\S+\n/, '').trim());
}

/** An axe scan against WCAG 2.1 A and AA: the page must have no violation. */
export async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
  // Let lazy content and animations settle before the scan: a hint fading in after an error, or a
  // dialog still opening, has a transient contrast that no reader ever sees.
  // A dialog that has just closed leaves the rest of the page aria-hidden until its overlay is
  // detached: a violation found once is scanned again after a pause, and only a lasting one fails.
  let summary = await axeViolations(page);
  if (summary.length > 0) {
    await page.waitForTimeout(750);
    summary = await axeViolations(page);
  }
  expect(summary, `violations axe sur ${context}`).toEqual([]);
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await settleAnimations(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}) : ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Waits until no finite CSS animation or transition is running (spinners loop forever: ignored). */
export async function settleAnimations(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().iterations === Infinity),
  );
}

/**
 * The README's pictures of the product (`docs/screenshots/<name>.png`), taken on the demo data when
 * `README_SCREENSHOTS=1` is set (`README_SCREENSHOTS=1 npm run test:e2e -- layout-`); never in CI.
 * The visible viewport only, so the files stay small.
 */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  if (!process.env.README_SCREENSHOTS) return;
  await settleAnimations(page);
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });
}
