import { expect, type Page, test } from '@playwright/test';
import { readmeScreenshot, settleAnimations, signIn } from './e2e-helpers.js';

/**
 * The role homes read at a glance on a laptop and on a phone: no sideways scrolling of the page,
 * every chart's text (ngx-charts' svg text, legends, labels, values) inside its card, and every
 * such text at least 4.5:1 against the card behind it — text hidden from assistive technology
 * included, since people still read it.
 */

const year = new Date().getFullYear();

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

interface LayoutReport {
  readonly scrollWidth: number;
  readonly innerWidth: number;
  readonly frames: number;
  readonly texts: number;
  readonly outside: string[];
  readonly lowContrast: string[];
}

/** Runs in the page: measures the page's width, then every chart frame's texts against the frame's box and background. */
function measureLayout(): LayoutReport {
  type Rgba = [number, number, number, number];
  const parse = (css: string): Rgba | null => {
    const m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  };
  /** The background actually behind an element: its own and its ancestors' backgrounds, composed down to the first opaque one. */
  const backgroundOf = (element: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg && bg[3] > 0) {
        layers.push(bg);
        if (bg[3] >= 1) break;
      }
    }
    return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]: Rgba) => {
    const channel = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (a: Rgba, b: Rgba) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  /** Opacity inherited down the tree (a faded group fades its text). */
  const opacityOf = (element: Element) => {
    let opacity = 1;
    for (let node: Element | null = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity || 1);
    return opacity;
  };
  const hasOwnText = (element: Element) => [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
  const name = (element: Element) => `« ${element.textContent!.trim().slice(0, 40)} » (${element.tagName.toLowerCase()}.${[...element.classList].join('.')})`;

  const outside: string[] = [];
  const lowContrast: string[] = [];
  let texts = 0;
  const frames = [...document.querySelectorAll('app-chart-frame > section.frame')];
  for (const frame of frames) {
    const box = frame.getBoundingClientRect();
    const heading = frame.querySelector('h3')?.textContent?.trim() ?? '?';
    // Every element carrying text in the card: svg text (ticks, axis labels, map labels), legend items, labels, values.
    for (const element of frame.querySelectorAll('*')) {
      if (!hasOwnText(element) && element.tagName.toLowerCase() !== 'text') continue;
      if (element.closest('.data')) continue; // the data table behind « Voir les données »: a scrolling region of its own
      if (element.closest('mat-icon')) continue; // icon ligatures are glyphs, not text
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
      texts++;
      if (rect.left < box.left - 1 || rect.right > box.right + 1 || rect.top < box.top - 1 || rect.bottom > box.bottom + 1) {
        outside.push(`${heading} : ${name(element)} dépasse de sa carte`);
      }
      const isSvg = element instanceof SVGElement;
      const paint = parse(isSvg && style.fill && style.fill !== 'none' ? style.fill : style.color);
      if (!paint) continue;
      const background = backgroundOf(isSvg ? element.closest('svg')!.parentElement! : element);
      const shown = over([paint[0], paint[1], paint[2], paint[3] * opacityOf(element)], background);
      const ratio = contrast(shown, background);
      if (ratio < 4.5) lowContrast.push(`${heading} : ${name(element)} ${ratio.toFixed(2)}:1`);
    }
  }
  return { scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth, frames: frames.length, texts, outside, lowContrast };
}

/** Each viewport in turn: the page does not scroll sideways, every chart text sits in its card and reads at 4.5:1 or more. */
async function expectChartsReadAtAGlance(page: Page, who: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    // ngx-charts redraws on the window's resize, a moment later.
    await page.waitForTimeout(700);
    await settleAnimations(page);
    const report = await page.evaluate(measureLayout);
    const where = `${who} à ${viewport.width} px`;
    expect(report.frames, `des graphiques sur ${where}`).toBeGreaterThan(0);
    expect(report.texts, `des textes de graphiques sur ${where}`).toBeGreaterThan(0);
    expect(report.scrollWidth, `la page ne défile pas en largeur (${where})`).toBeLessThanOrEqual(report.innerWidth);
    expect(report.outside, `textes hors de leur carte (${where})`).toEqual([]);
    expect(report.lowContrast, `textes sous 4,5:1 (${where})`).toEqual([]);
  }
}

/** Signs in at the laptop size and waits until the home's charts are drawn. */
async function openHome(page: Page, email: string, ready: RegExp | string): Promise<void> {
  await page.setViewportSize(VIEWPORTS[0]);
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 2, name: ready }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.locator('app-chart-frame').first()).toBeVisible();
}

test('l’accueil de la coordination se lit d’un coup d’œil à 1280 et à 390 px', async ({ page }) => {
  await openHome(page, 'admin@demo.local', `Complétude ${year}`);
  // The completeness grid says percent, its labels whole.
  const heat = page.locator('app-heat-map-chart');
  await expect(heat.getByText('80 % à 100 %')).toBeVisible();
  await expect(heat.locator('.column-label').first()).toHaveText(`T1 ${year}`);
  await readmeScreenshot(page, 'accueil-coordination');
  await expectChartsReadAtAGlance(page, 'l’accueil de la coordination');
});

test('l’accueil des finances se lit d’un coup d’œil à 1280 et à 390 px', async ({ page }) => {
  await openHome(page, 'finance@demo.local', `Exécution ${year}`);
  // Many lines: horizontal bars, sorted, each value written.
  const lines = page.locator('app-bar-list-chart').filter({ has: page.getByRole('heading', { name: `Par ligne budgétaire ${year}` }) });
  await expect(lines.locator('.group').first()).toBeVisible();
  expect(await lines.locator('.group').count()).toBeGreaterThan(5);
  await expect(lines.locator('.value').first()).toHaveText(/€$/);
  await readmeScreenshot(page, 'accueil-finances');
  await expectChartsReadAtAGlance(page, 'l’accueil des finances');
});

test('l’accueil du bureau se lit d’un coup d’œil à 1280 et à 390 px', async ({ page }) => {
  await openHome(page, 'board@demo.local', /^Chiffres clés/);
  // Cards: a value with its unit and the change in words; one small chart per indicator.
  const cards = page.locator('app-number-cards').first();
  await expect(cards.locator('mat-card').first()).toBeVisible();
  const values = (await cards.locator('.value').allInnerTexts()).map((v) => v.replace(/\s+/g, ' ').trim());
  expect(values.some((v) => /^\d[\d ]* patients$/.test(v)), `une valeur en patients parmi ${values.join(' | ')}`).toBe(true);
  expect(values.some((v) => /^\d[\d ,]* jours$/.test(v)), `une valeur en jours parmi ${values.join(' | ')}`).toBe(true);
  const changes = await cards.locator('.change').allInnerTexts();
  expect(changes.length, 'une évolution par carte comparée').toBeGreaterThan(5);
  expect(changes.every((c) => /^(En (hausse|baisse) de .+|Stable) par rapport à \d{4}$|^Pas de comparaison possible avec /.test(c.replace(/\s+/g, ' '))), changes.join(' | ')).toBe(true);
  expect(await page.locator('app-bar-list-chart .multiples .group').count()).toBeGreaterThan(3);
  await readmeScreenshot(page, 'accueil-bureau');
  await expectChartsReadAtAGlance(page, 'l’accueil du bureau');
});

test('l’accueil d’un responsable de centre se lit d’un coup d’œil à 1280 et à 390 px', async ({ page }) => {
  await openHome(page, 'lead.lille@demo.local', /^Campagne/);
  // « sur cinq ans »: five years on the axis.
  const trend = page.locator('app-line-chart').first();
  await expect(trend.locator('svg text', { hasText: String(year - 5) }).first()).toBeAttached();
  await expect(trend.locator('svg text', { hasText: String(year - 1) }).first()).toBeAttached();
  await readmeScreenshot(page, 'accueil-centre');
  await expectChartsReadAtAGlance(page, 'l’accueil du responsable de centre');
});
