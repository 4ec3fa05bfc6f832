import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, signIn, signOut } from './e2e-helpers.js';

/**
 * The indicator collection, end to end: a unit lead fills a quarter's form with the keyboard
 * only, explains a warning and submits; the coordination sends it back with a message; the lead
 * corrects one value and submits again; the coordination validates. Then what was stored: the
 * submission, its values, its audit trail.
 *
 * The test owns its unit × period: it creates a CRP opening on the first day of the quarter in
 * progress, with its own lead, in the demo's open campaign (the current year, whatever the date).
 */

interface Field {
  readonly code: string;
  readonly option: string;
  /** The field's accessible name: « indicator — option ». */
  readonly label: string;
  readonly value: number;
}

const field = (code: string, option: string, indicator: string, optionLabel: string, value: number): Field => ({
  code,
  option,
  label: `${indicator} — ${optionLabel}`,
  value,
});

const FA = 'File active (patients distincts vus)';
const NEW = 'Nouveaux patients';
const CS = 'Consultations';
const WAIT_N = 'Personnes en liste d’attente en fin de période';
const WAIT_D = 'Délai médian entre le premier contact et le premier rendez-vous';

/** The quarter form of a CRP (db/seeds/collection-demo.ts), in the order of the page. */
const FIELDS: readonly Field[] = [
  field('ACT_FA', '0-5', FA, '0 à 5 ans', 12),
  field('ACT_FA', '6-11', FA, '6 à 11 ans', 25),
  field('ACT_FA', '12-17', FA, '12 à 17 ans', 31),
  field('ACT_FA', '18+', FA, '18 ans et plus', 212),
  field('ACT_NEW', '0-5', NEW, '0 à 5 ans', 3),
  field('ACT_NEW', '6-11', NEW, '6 à 11 ans', 6),
  field('ACT_NEW', '12-17', NEW, '12 à 17 ans', 9),
  field('ACT_NEW', '18+', NEW, '18 ans et plus', 104),
  field('ACT_CS', 'psychiatre', CS, 'Psychiatre', 410),
  field('ACT_CS', 'pedopsychiatre', CS, 'Pédopsychiatre', 95),
  field('ACT_CS', 'psychologue', CS, 'Psychologue', 1270),
  field('ACT_CS', 'infirmier', CS, 'Infirmier ou infirmière', 330),
  field('ACT_CS', 'autre', CS, 'Autre professionnel (assistant social, éducateur…)', 140),
  field('ACT_WAIT_N', 'adulte', WAIT_N, 'Adulte (18 ans et plus)', 64),
  field('ACT_WAIT_N', 'mineur', WAIT_N, 'Mineur (moins de 18 ans)', 17),
  field('ACT_WAIT_D', 'adulte', WAIT_D, 'Adulte (18 ans et plus)', 58),
  // Over 180 days: the warning rule WAIT_MINORS_180 asks for an explanation.
  field('ACT_WAIT_D', 'mineur', WAIT_D, 'Mineur (moins de 18 ans)', 204),
];
const DELAY_MINORS = FIELDS.at(-1)!;
const CORRECTED_DELAY = 126;

const WARNING_EXPLANATION = 'Une seule psychologue pour enfants ce trimestre (congé maternité non remplacé) : les demandes des mineurs attendent.';
const RETURN_MESSAGE = 'Le délai médian des mineurs (204 jours) paraît très élevé pour un centre ouvert ce trimestre : vérifiez-le dans votre agenda et corrigez-le si besoin.';

/** Today in Paris, `YYYY-MM-DD`. */
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The X-XSRF-TOKEN header for a state-changing request of the signed-in page (Angular's convention). */
async function xsrf(page: Page): Promise<Record<string, string>> {
  const token = (await page.context().cookies()).find((c) => c.name === 'XSRF-TOKEN')?.value;
  expect(token, 'cookie XSRF-TOKEN').toBeTruthy();
  return { 'X-XSRF-TOKEN': token! };
}

/** Presses Tab (or Shift+Tab) until `target` has the focus: keyboard navigation, no click. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 120 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Focus jamais atteint au clavier après ${max} tabulations : ${target.toString()}`);
}

/** Replaces the focused field's text as a user would: select all, type. */
async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

interface Scenario {
  readonly year: number;
  readonly period: string;
  readonly periodLabel: string;
  readonly unitId: number;
  readonly unitName: string;
  readonly leadEmail: string;
}

/** As the coordination, through the API: a new CRP opening on the first day of the quarter in progress, and its lead. */
async function createUnitAndLead(page: Page): Promise<Scenario> {
  const campaigns: { year: number; status: string; periods: { period: string; opensOn: string }[] }[] = await (await page.request.get('/api/campaigns')).json();
  const open = campaigns.find((c) => c.status === 'open');
  expect(open, 'la campagne ouverte des données de démonstration').toBeDefined();
  const today = parisToday();
  const quarters = open!.periods.filter((p) => p.period.includes('-Q')).sort((a, b) => a.period.localeCompare(b.period));
  // The quarter in progress (the latest one started); the first one if the campaign has not started yet.
  const quarter = quarters.filter((q) => q.opensOn <= today).at(-1) ?? quarters[0];
  const [year, q] = quarter.period.split('-Q');

  const suffix = Date.now().toString(36).toUpperCase();
  const unitName = `CRP d’essai ${suffix}`;
  const unitResponse = await page.request.post('/api/units', {
    headers: await xsrf(page),
    data: { code: `CRP-E2E-${suffix}`, name: unitName, region: 'Bretagne', hostInstitution: 'CHU de Rennes', kind: 'crp', openedOn: quarter.opensOn },
  });
  expect(unitResponse.status(), await unitResponse.text()).toBe(201);
  const unit: { id: number } = await unitResponse.json();

  const leadEmail = `lead.e2e.${suffix.toLowerCase()}@demo.local`;
  const userResponse = await page.request.post('/api/users', {
    headers: await xsrf(page),
    data: { email: leadEmail, displayName: `Camille Test (${unitName})`, role: 'unit_lead', unitIds: [unit.id], password: DEMO_PASSWORD },
  });
  expect(userResponse.status(), await userResponse.text()).toBe(201);

  return { year: Number(year), period: quarter.period, periodLabel: `${q === '1' ? '1er' : `${q}e`} trimestre ${year}`, unitId: unit.id, unitName, leadEmail };
}

/** « Saisie » in the navigation, on the campaign's year. */
async function openMySubmissions(page: Page, year: number): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Saisie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes saisies' })).toBeVisible();
  if (year !== new Date().getFullYear()) await page.goto(`/saisie?annee=${year}`);
}

/** « Complétude » in the navigation, on the campaign's year; returns the cell of the unit × period. */
async function openCompleteness(page: Page, s: Scenario): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Complétude' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Complétude de la collecte' })).toBeVisible();
  if (s.year !== new Date().getFullYear()) await page.goto(`/completude?annee=${s.year}`);
  const grid = page.getByRole('table', { name: `Complétude ${s.year} par centre et par période` });
  return grid.getByRole('link', { name: `${s.unitName}, ${s.periodLabel} :`, exact: false });
}

const formHeading = (page: Page, s: Scenario) => page.getByRole('heading', { level: 1, name: `${s.unitName} — ${s.periodLabel}` });
const statusChip = (page: Page) => page.getByRole('main').locator('app-submission-status-chip').first();
const rulePanel = (page: Page) => page.getByRole('region', { name: 'Contrôles de cohérence' });
const submitButton = (page: Page) => page.getByRole('button', { name: 'Transmettre à la coordination' });

/** Tab to « Transmettre à la coordination », Enter, then confirm in the dialog with the keyboard. */
async function submitWithKeyboard(page: Page, s: Scenario): Promise<void> {
  await expect(submitButton(page)).toBeEnabled();
  await tabTo(page, submitButton(page));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Transmettre la saisie ?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`${s.unitName}, ${s.periodLabel}`);
  await tabTo(page, dialog.getByRole('button', { name: 'Transmettre' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Saisie transmise à la coordination.')).toBeVisible();
  await expect(statusChip(page)).toHaveText(/Transmise/);
  await expect(page.getByRole('region', { name: 'Transmission' })).toContainText('en attente de validation par la coordination du CN2R');
  // Focus goes to the new status, so that a screen reader hears it.
  await expect(page.getByRole('region', { name: 'Transmission' })).toBeFocused();
}

test('collecte d’un trimestre : saisie au clavier, transmission, renvoi, correction, validation, puis ce qui est stocké', async ({ page }) => {
  test.setTimeout(240_000);
  let s!: Scenario;
  // No script error and no server error anywhere on the way.
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(`erreur de script : ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) failures.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });

  await test.step('la coordination crée un centre et son responsable (API)', async () => {
    await signIn(page, 'admin@demo.local');
    s = await createUnitAndLead(page);
    await signOut(page);
  });

  await test.step('le responsable remplit le formulaire au clavier, explique l’avertissement et transmet', async () => {
    await signIn(page, s.leadEmail);
    await openMySubmissions(page, s.year);
    const table = page.getByRole('table', { name: `Saisies ${s.year} de ${s.unitName}` });
    await expect(table).toBeVisible();
    await expectNoAxeViolations(page, 'Mes saisies (responsable)');
    await table.getByRole('link', { name: `Commencer la saisie — ${s.unitName}, ${s.periodLabel}` }).click();

    await expect(formHeading(page, s)).toBeVisible();
    await expect(statusChip(page)).toHaveText(/Non commencée/);
    await expect(page.getByRole('status').filter({ hasText: 'Chaque valeur est enregistrée automatiquement.' })).toBeVisible();
    await expectNoAxeViolations(page, 'le formulaire vide');

    // From the top of the page to the first field with Tab, then type and Enter from field to field.
    await tabTo(page, page.getByLabel(FIELDS[0].label, { exact: true }));
    for (const f of FIELDS) {
      const input = page.getByLabel(f.label, { exact: true });
      await expect(input, `le focus est sur « ${f.label} »`).toBeFocused();
      await page.keyboard.type(String(f.value));
      await page.keyboard.press('Enter');
    }
    // The last Enter saves the last field and keeps the focus on it.
    const delayMinors = page.getByLabel(DELAY_MINORS.label, { exact: true });
    await expect(delayMinors).toBeFocused();

    // The autosave: every field says « Enregistré », the page says nothing is pending.
    await expect(page.getByRole('status').filter({ hasText: 'Chaque valeur est enregistrée automatiquement.' })).toBeVisible();
    for (const f of FIELDS) {
      const input = page.getByLabel(f.label, { exact: true });
      await expect(input).toHaveValue(String(f.value));
      await expect(input).toHaveAccessibleDescription(/Enregistré/);
    }
    await expect(statusChip(page)).toHaveText(/Brouillon/);

    // The warning rule: listed, naming the field, and the submission waits for its explanation.
    const panel = rulePanel(page);
    await expect(panel.getByRole('status')).toHaveText('1 avertissement à traiter.');
    await expect(panel).toContainText('WAIT_MINORS_180');
    await expect(panel).toContainText('dépasse six mois (180 jours)');
    await expect(page.getByText('1 avertissement de cohérence à expliquer.')).toBeVisible();
    await expect(submitButton(page)).toHaveAttribute('aria-disabled', 'true');
    await expectNoAxeViolations(page, 'le formulaire avec un avertissement');

    const explanation = panel.getByLabel(/Explication de l’avertissement WAIT_MINORS_180/);
    await tabTo(page, explanation);
    await page.keyboard.type(WARNING_EXPLANATION);
    // Who hears of it, truthfully: no e-mail, the form shows in the coordination's completeness page.
    await expect(page.getByText(/^Tout est prêt : une fois transmise, la saisie apparaîtra dans la page « Complétude » de la coordination du CN2R/)).toBeVisible();

    await submitWithKeyboard(page, s);
    // Submitted: nothing can be typed any more.
    await expect(delayMinors).not.toBeEditable();
    await signOut(page);
  });

  await test.step('la coordination voit la saisie « Transmise » et la renvoie avec un message', async () => {
    await signIn(page, 'admin@demo.local');
    const cell = await openCompleteness(page, s);
    await expect(cell).toContainText('Transmise');
    await expect(cell).toContainText('100 % renseigné');
    await expectNoAxeViolations(page, 'la complétude (saisie transmise)');
    await cell.click();

    await expect(formHeading(page, s)).toBeVisible();
    await expect(statusChip(page)).toHaveText(/Transmise/);
    // The explanation of the warning travelled with the submission.
    await expect(rulePanel(page).getByLabel(/Explication de l’avertissement WAIT_MINORS_180/)).toHaveValue(WARNING_EXPLANATION);

    await page.getByRole('button', { name: 'Renvoyer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Renvoyer la saisie au centre' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`${s.unitName} pourra corriger sa saisie de ${s.periodLabel}`);
    // The message is required.
    await dialog.getByRole('button', { name: 'Renvoyer' }).click();
    await expect(dialog.getByText('Message au centre est obligatoire.')).toBeVisible();
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page, 'la boîte de dialogue de renvoi (message manquant)');
    await dialog.getByLabel('Message au centre').fill(RETURN_MESSAGE);
    await expectNoAxeViolations(page, 'la boîte de dialogue de renvoi');
    await dialog.getByRole('button', { name: 'Renvoyer' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Saisie renvoyée au centre avec votre message.')).toBeVisible();
    await expect(statusChip(page)).toHaveText(/Renvoyée pour correction/);
    await signOut(page);
  });

  await test.step('le responsable lit le message, corrige une valeur au clavier et transmet de nouveau', async () => {
    await signIn(page, s.leadEmail);
    await openMySubmissions(page, s.year);
    const table = page.getByRole('table', { name: `Saisies ${s.year} de ${s.unitName}` });
    await expect(table).toContainText('Renvoyée par la coordination : ouvrez la saisie pour lire son message.');
    await expectNoAxeViolations(page, 'Mes saisies (saisie renvoyée)');
    await table.getByRole('link', { name: `Corriger la saisie — ${s.unitName}, ${s.periodLabel}` }).click();

    await expect(formHeading(page, s)).toBeVisible();
    const banner = page.getByRole('region', { name: 'Saisie renvoyée pour correction' });
    await expect(banner).toContainText(RETURN_MESSAGE);
    await expect(banner).toContainText('Corrigez les valeurs concernées puis transmettez à nouveau la saisie.');
    await expectNoAxeViolations(page, 'le formulaire renvoyé, avec son bandeau');

    const delayMinors = page.getByLabel(DELAY_MINORS.label, { exact: true });
    await expect(delayMinors).toHaveValue(String(DELAY_MINORS.value));
    await tabTo(page, delayMinors);
    await typeOver(page, String(CORRECTED_DELAY));
    await page.keyboard.press('Enter');
    await expect(delayMinors).toHaveValue(String(CORRECTED_DELAY));
    await expect(delayMinors).toHaveAccessibleDescription(/Enregistré/);
    // The first correction makes it a draft again; the message stays in sight.
    await expect(statusChip(page)).toHaveText(/Brouillon/);
    await expect(banner).toContainText(RETURN_MESSAGE);
    await expect(rulePanel(page).getByRole('status')).toContainText('Aucune incohérence sur les valeurs saisies.');

    await submitWithKeyboard(page, s);
    await signOut(page);
  });

  await test.step('la coordination valide ; la complétude affiche « Validée »', async () => {
    await signIn(page, 'admin@demo.local');
    const cell = await openCompleteness(page, s);
    await expect(cell).toContainText('Transmise');
    await cell.click();
    await expect(formHeading(page, s)).toBeVisible();
    await page.getByRole('button', { name: 'Valider' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Valider la saisie ?' });
    await expect(dialog).toContainText(`Les valeurs de ${s.unitName} pour ${s.periodLabel} seront verrouillées.`);
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Saisie validée.')).toBeVisible();
    await expect(statusChip(page)).toHaveText(/Validée/);
    await expect(page.getByRole('region', { name: 'Validation' })).toContainText('Les valeurs sont verrouillées');
    for (const f of FIELDS) await expect(page.getByLabel(f.label, { exact: true })).not.toBeEditable();
    await expect(page.getByLabel(DELAY_MINORS.label, { exact: true })).toHaveValue(String(CORRECTED_DELAY));
    await expect(page.getByRole('button', { name: 'Renvoyer' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'le formulaire validé, en lecture seule');

    const validatedCell = await openCompleteness(page, s);
    await expect(validatedCell).toContainText('Validée');
    await expect(validatedCell).toContainText('100 % renseigné');
    await expectNoAxeViolations(page, 'la complétude (saisie validée)');
  });

  await test.step('ce qui est stocké : statut, valeurs, historique d’une valeur, journal d’audit de la saisie', async () => {
    const form = await (await page.request.get(`/api/units/${s.unitId}/forms/${s.period}`)).json();
    expect(form.submission.status).toBe('validated');
    expect(form.submission.returnMessage).toBeNull();
    expect(form.submission.validatedBy).toBeTruthy();

    type Option = { id: number; code: string };
    type Indicator = { id: number; code: string; dimension: { options: Option[] } | null };
    const indicators: Indicator[] = form.indicators;
    const stored = new Map<string, { id: number; value: unknown }>();
    for (const v of form.values as { id: number; indicatorId: number; optionId: number | null; value: unknown }[]) {
      const indicator = indicators.find((i) => i.id === v.indicatorId)!;
      const option = indicator.dimension?.options.find((o) => o.id === v.optionId);
      stored.set(`${indicator.code}|${option?.code ?? ''}`, { id: v.id, value: v.value });
    }
    const expected = Object.fromEntries(FIELDS.map((f) => [`${f.code}|${f.option}`, f === DELAY_MINORS ? CORRECTED_DELAY : f.value]));
    expect(Object.fromEntries([...stored].map(([key, v]) => [key, v.value]))).toEqual(expected);

    // The corrected value: typed, then corrected, both by the lead.
    const delay = stored.get(`${DELAY_MINORS.code}|${DELAY_MINORS.option}`)!;
    const history: { actor: string; action: string; before: unknown; after: unknown }[] = await (
      await page.request.get(`/api/units/${s.unitId}/forms/${s.period}/values/${delay.id}/history`)
    ).json();
    // The history names people by their display name (the audit log below keeps the e-mail).
    const leadName = `Camille Test (${s.unitName})`;
    expect(history.map((h) => [h.action, h.actor, h.before, h.after])).toEqual([
      ['value.created', leadName, null, DELAY_MINORS.value],
      ['value.updated', leadName, DELAY_MINORS.value, CORRECTED_DELAY],
    ]);

    const audit = await page.request.get(`/api/audit?entityType=submission&entityId=${form.submission.id}`);
    expect(audit.status()).toBe(200);
    const entries: { action: string; actorEmail: string; reason: string | null; after: { status: string; unitId: number; period: string; explanation?: string } }[] = (
      await audit.json()
    ).items;
    // The warning's explanation is saved as it is typed: a save that reaches the server before the
    // submission (which carries the whole text too) has its own audit row, by the lead, with the text
    // typed so far.
    for (const e of entries.filter((e) => e.action === 'rule.explained')) {
      expect(e.actorEmail).toBe(s.leadEmail);
      expect(WARNING_EXPLANATION.startsWith(e.after.explanation ?? '∅'), String(e.after.explanation)).toBe(true);
    }
    const trail = entries
      .filter((e) => e.action.startsWith('submission.'))
      .reverse()
      .map((e) => [e.action, e.actorEmail, e.after.status, e.reason]);
    expect(trail).toEqual([
      ['submission.submitted', s.leadEmail, 'submitted', null],
      ['submission.returned', 'admin@demo.local', 'returned', RETURN_MESSAGE],
      ['submission.submitted', s.leadEmail, 'submitted', null],
      ['submission.validated', 'admin@demo.local', 'validated', null],
    ]);
    expect(entries.every((e) => e.after.unitId === s.unitId && e.after.period === s.period)).toBe(true);
    await signOut(page);
  });

  await test.step('le responsable consulte sa saisie validée, en lecture seule', async () => {
    await signIn(page, s.leadEmail);
    await openMySubmissions(page, s.year);
    await page.getByRole('link', { name: `Consulter — ${s.unitName}, ${s.periodLabel}` }).click();
    await expect(formHeading(page, s)).toBeVisible();
    await expect(statusChip(page)).toHaveText(/Validée/);
    await expect(page.getByRole('region', { name: 'Saisie renvoyée pour correction' })).toHaveCount(0);
    for (const f of FIELDS) await expect(page.getByLabel(f.label, { exact: true })).not.toBeEditable();
    await expect(submitButton(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Rouvrir cette valeur/ })).toHaveCount(0);
    await expectNoAxeViolations(page, 'le formulaire validé, en lecture seule (responsable)');
    // Locked on the server too.
    const form = await (await page.request.get(`/api/units/${s.unitId}/forms/${s.period}`)).json();
    expect(form.editable).toBe(false);
    const stored: { indicatorId: number; optionId: number | null; version: number } = form.values[0];
    const write = await page.request.put(`/api/units/${s.unitId}/forms/${s.period}/values`, {
      headers: await xsrf(page),
      data: { indicatorId: stored.indicatorId, optionId: stored.optionId, value: 1, version: stored.version },
    });
    expect(write.status()).toBe(409);
    expect((await write.json()).error.message).toContain('La saisie est validée');
  });

  expect(failures).toEqual([]);
});

test('un responsable de centre ne peut pas ouvrir le formulaire d’un autre centre', async ({ page }) => {
  await signIn(page, 'lead.lille@demo.local');
  const units: { id: number; code: string }[] = await (await page.request.get('/api/units')).json();
  const lyon = units.find((u) => u.code === 'CRP-ARA')!;
  const campaigns: { status: string; periods: { period: string }[] }[] = await (await page.request.get('/api/campaigns')).json();
  const period = campaigns.find((c) => c.status === 'open')!.periods[0].period;

  await page.goto(`/saisie/${lyon.id}/${period}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Saisie des indicateurs' })).toBeVisible();
  await expect(page.getByText('Ce centre ne fait pas partie de votre périmètre.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Retour à mes saisies' })).toBeVisible();
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expectNoAxeViolations(page, 'le refus d’un formulaire hors périmètre');

  const read = await page.request.get(`/api/units/${lyon.id}/forms/${period}`);
  expect(read.status()).toBe(403);
  expect((await read.json()).error.message).toBe('Ce centre ne fait pas partie de votre périmètre.');
  const write = await page.request.post(`/api/units/${lyon.id}/forms/${period}/submit`, { headers: await xsrf(page), data: { ruleExplanations: [], version: 1 } });
  expect(write.status()).toBe(403);
});
