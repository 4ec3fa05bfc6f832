import { BreakpointObserver, type BreakpointState } from '@angular/cdk/layout';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader, TestKey } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { DataEntryForm, Role, SavedValue } from '@cn2r/shared';
import { of } from 'rxjs';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { aForm, aSubmission, aValue, newPatients } from './data-entry-form.fixture';
import { DataEntryPage, PHONE_QUERY } from './data-entry-page';

const FORM_URL = '/api/units/4/forms/2026-Q1';
const VALUES_URL = `${FORM_URL}/values`;

describe('DataEntryPage', () => {
  let fixture: ComponentFixture<DataEntryPage>;
  let loader: HarnessLoader;
  let dialogs: HarnessLoader;
  let backend: HttpTestingController;

  /** The screen's width, as the breakpoint observer reports it: a laptop unless told. */
  function screen(phone: boolean) {
    const state: BreakpointState = { matches: phone, breakpoints: { [PHONE_QUERY]: phone } };
    return { provide: BreakpointObserver, useValue: { observe: () => of(state), isMatched: () => phone } };
  }

  async function open(role: Role, form: DataEntryForm = aForm(), { phone = false } = {}) {
    TestBed.configureTestingModule({ providers: [...provideTestApp(), screen(phone)] });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    fixture = TestBed.createComponent(DataEntryPage);
    fixture.componentRef.setInput('unitId', '4');
    fixture.componentRef.setInput('period', '2026-Q1');
    loader = TestbedHarnessEnvironment.loader(fixture);
    dialogs = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: FORM_URL }).flush(form);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const field = (label: string) => loader.getHarness(MatInputHarness.with({ selector: `[aria-label="${label}"]` }));
  const formField = (label: string) =>
    loader.getHarness(MatFormFieldHarness.with({ selector: `.mat-mdc-form-field:has([aria-label="${label}"])` }));
  const button = (text: string | RegExp) => loader.getHarness(MatButtonHarness.with({ text }));
  const text = () => (fixture.nativeElement as HTMLElement).textContent!.replace(/\s+/g, ' ');
  const page = () => fixture.nativeElement as HTMLElement;

  /** The server's answer to an autosave. */
  function saved(value: Partial<SavedValue['value']>, overrides: Partial<SavedValue> = {}): SavedValue {
    return { value: aValue(value), ruleResults: [], submission: aSubmission(), ...overrides };
  }

  afterEach(() => backend.verify());

  it('renders one section per domain, a grid per disaggregated indicator with its computed total, and the reference values', async () => {
    const page = await open('unit_lead');
    expect(page.querySelectorAll('h1').length).toBe(1);
    expect(page.querySelector('h1')!.textContent!.trim()).toBe('CRP Hauts-de-France — 1er trimestre 2026');
    expect([...page.querySelectorAll('.domain > h2')].map((h) => h.textContent!.trim())).toEqual(['Activité clinique', 'Formation']);
    expect([...page.querySelectorAll('h3')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'File active ACT_FA',
      'Nouveaux patients ACT_NEW',
      'Sessions de formation FOR_SESS',
    ]);

    // Every field is named after its indicator and option.
    const labels = await Promise.all(
      (await loader.getAllHarnesses(MatInputHarness.with({ selector: '[data-entry]' }))).map(async (input) =>
        (await input.host()).getAttribute('aria-label'),
      ),
    );
    expect(labels).toEqual([
      'File active — 0-5 ans',
      'File active — 6-11 ans',
      'File active — 12-17 ans',
      'File active — 18 ans et plus',
      'Nouveaux patients',
      'Sessions de formation',
    ]);
    expect(await (await field('Nouveaux patients')).getValue()).toBe('40');

    // The grid: previous period and last year beside each option, « — » when there is none; the total row.
    const grid = page.querySelector('app-indicator-entry table')!;
    const rows = [...grid.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td.reference, .total-value')].map((cell) => cell.textContent!.trim()),
    );
    expect(rows).toEqual([
      ['0-5 ans', '12', '10'],
      ['6-11 ans', '—', '—'],
      ['12-17 ans', '—', '—'],
      ['18 ans et plus', '300', '—'],
      ['Total', '—', '312', '10'],
    ]);
    expect(text()).toContain('Échéance : 30/04/2026');
    expect(text()).toContain('Brouillon');
  });

  it('says the expected format once per indicator, every field pointing to it, and keeps each field’s own error', async () => {
    const page = await open('unit_lead');
    const hints = [...page.querySelectorAll('app-indicator-entry .format-hint')];
    expect(hints.map((h) => h.textContent!.trim())).toEqual([
      'Nombre entier, par exemple 1 234',
      'Nombre entier, par exemple 1 234',
      'Nombre entier, par exemple 1 234',
    ]);
    // Not repeated under each of the fields.
    expect(page.querySelectorAll('mat-hint').length).toBe(0);
    expect(text().split('Nombre entier, par exemple 1 234').length - 1).toBe(3);
    const describedBy = async (label: string): Promise<string> => (await (await (await field(label)).host()).getAttribute('aria-describedby')) ?? '';
    for (const label of ['File active — 0-5 ans', 'File active — 18 ans et plus']) {
      expect((await describedBy(label)).split(' ')).toContain('format-ACT_FA');
    }
    expect(page.querySelector('#format-ACT_FA')!.textContent!.trim()).toBe('Nombre entier, par exemple 1 234');

    // A wrong value: its error under its field, the shared hint still described.
    await (await field('Nouveaux patients')).setValue('6 000');
    expect(await (await formField('Nouveaux patients')).getTextErrors()).toEqual(['La valeur doit être au plus 2\u00a0000.']);
    const ids = (await describedBy('Nouveaux patients')).split(' ');
    expect(ids).toContain('format-ACT_NEW');
    expect(ids.some((id) => page.querySelector(`#${id}`)?.tagName === 'MAT-ERROR')).toBeTrue();
    await (await field('Nouveaux patients')).blur();
  });

  it('says who hears of a submission, truthfully: the coordination’s completeness page, no e-mail', async () => {
    // Every required value filled, nothing to explain: ready to submit.
    const fileActive = [10, 10, 10, 300].map((value, i) => aValue({ id: 901 + i, indicatorId: 1, optionId: 11 + i, value, version: 1 }));
    await open('unit_lead', aForm({ values: [aValue(), ...fileActive] }));
    expect(page().querySelector('#raisons-blocage')).toBeNull();
    expect(text()).not.toContain('la coordination sera prévenue');
    expect(text()).toContain('Tout est prêt : une fois transmise, la saisie apparaîtra dans la page « Complétude » de la coordination du CN2R (administrateurs)');
    expect(text()).toContain('Aucun e-mail n’est envoyé.');
  });

  describe('on a phone', () => {
    it('shows a card per field with the earlier values under it, and the submit button in a bar at the bottom', async () => {
      const page = await open('unit_lead', aForm(), { phone: true });
      expect(page.querySelector('app-indicator-entry table')).toBeNull();
      const cards = [...page.querySelector('app-indicator-entry')!.querySelectorAll('.entry-card')];
      expect(cards.map((card) => card.querySelector('.card-label')?.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
        '0-5 ans',
        '6-11 ans',
        '12-17 ans',
        '18 ans et plus',
        'Total calculé, somme des modalités saisies',
      ]);
      // Under the field: the previous period, then last year.
      const first = cards[0];
      expect(first.querySelector('input[data-entry]')!.getAttribute('aria-label')).toBe('File active — 0-5 ans');
      expect([...first.querySelectorAll('.references dd')].map((dd) => dd.textContent!.trim())).toEqual(['12', '10']);
      expect(first.querySelector('.references')!.textContent).toContain('période précédente');
      expect(first.querySelector('.references')!.textContent).toContain('an dernier');
      // The format once per indicator there too.
      expect(page.querySelectorAll('.format-hint').length).toBe(3);

      // One submit button, in the bar at the bottom of the screen.
      const bar = page.querySelector('.phone-action-bar')!;
      expect(bar).not.toBeNull();
      expect(getComputedStyle(bar).position).toBe('sticky');
      const submits = await loader.getAllHarnesses(MatButtonHarness.with({ text: /Transmettre à la coordination/ }));
      expect(submits.length).toBe(1);
      expect(await (await submits[0].host()).matchesSelector('.phone-action-bar button')).toBeTrue();

      // The keyboard path is the same: Enter moves to the next field.
      await (await (await field('File active — 0-5 ans')).host()).sendKeys(TestKey.ENTER);
      expect(document.activeElement?.getAttribute('aria-label')).toBe('File active — 6-11 ans');
    });

    it('keeps the table and the submit button beside the form on a laptop', async () => {
      const page = await open('unit_lead');
      expect(page.querySelectorAll('app-indicator-entry table').length).toBe(3);
      expect(page.querySelector('.entry-card')).toBeNull();
      expect(page.querySelector('.phone-action-bar')).toBeNull();
      expect(await (await (await button(/Transmettre à la coordination/)).host()).matchesSelector('aside button')).toBeTrue();
    });
  });

  it('fills the total as options are typed', async () => {
    const page = await open('unit_lead');
    const young = await field('File active — 0-5 ans');
    await young.setValue('1 200');
    await young.blur();
    const first = backend.expectOne({ method: 'PUT', url: VALUES_URL });
    expect(first.request.body).toEqual({ indicatorId: 1, optionId: 11, value: 1200 }); // a first entry: no version
    first.flush(saved({ id: 901, indicatorId: 1, optionId: 11, value: 1200, version: 1 }));
    const adults = await field('File active — 18 ans et plus');
    await adults.setValue('34');
    expect(page.querySelector('.total-value')!.textContent!.trim()).toBe('1\u00a0234');
    await adults.blur();
    backend.expectOne({ method: 'PUT', url: VALUES_URL }).flush(saved({ id: 902, indicatorId: 1, optionId: 14, value: 34, version: 1 }));
  });

  describe('autosave', () => {
    beforeEach(() => jasmine.clock().install());
    afterEach(() => jasmine.clock().uninstall());

    it('saves « 1 234 » as 1234 after 800 ms without typing, with the version read', async () => {
      await open('unit_lead', aForm({ lastYear: { period: '2025-Q1', values: [{ indicatorId: 2, optionId: null, value: 1100 }] } }));
      await (await field('Nouveaux patients')).setValue('1 234');
      jasmine.clock().tick(799);
      backend.expectNone({ method: 'PUT', url: VALUES_URL });
      expect(await (await formField('Nouveaux patients')).getTextHints()).toEqual(['Enregistrement…']);

      jasmine.clock().tick(1);
      const request = backend.expectOne({ method: 'PUT', url: VALUES_URL });
      expect(request.request.body).toEqual({ indicatorId: 2, optionId: null, value: 1234, version: 2 });
      request.flush(saved({ value: 1234, version: 3 }));
      await fixture.whenStable();
      expect(await (await formField('Nouveaux patients')).getTextHints()).toEqual(['Enregistré']);
    });

    it('saves a warning’s explanation 800 ms after the last keystroke, so leaving the page loses nothing', async () => {
      const page = await open('unit_lead', aForm({ indicators: [newPatients], rules: [], lastYear: { period: '2025-Q1', values: [] } }));
      const input = await field('Nouveaux patients');
      await input.setValue('41');
      jasmine.clock().tick(800);
      backend.expectOne({ method: 'PUT', url: VALUES_URL }).flush(
        saved(
          { value: 41, version: 3 },
          { ruleResults: [{ ruleId: 7, code: 'EVT_SUM', severity: 'warning', message: 'Somme différente.', indicatorCodes: ['ACT_NEW'], explanation: null }] },
        ),
      );
      await fixture.whenStable();
      await (await loader.getHarness(MatInputHarness.with({ ancestor: 'app-rule-panel' }))).setValue('Deux évènements collectifs.');
      jasmine.clock().tick(799);
      backend.expectNone(`${FORM_URL}/rule-explanations/7`);
      jasmine.clock().tick(1);
      const request = backend.expectOne({ method: 'PUT', url: `${FORM_URL}/rule-explanations/7` });
      expect(request.request.body).toEqual({ explanation: 'Deux évènements collectifs.' });
      request.flush(null);
      await fixture.whenStable();
      expect(page.querySelector('app-rule-panel')!.textContent).toContain('Explication enregistrée');
    });

    it('queues the next save of a field until the previous one answered, then sends the latest text with the new version', async () => {
      await open('unit_lead', aForm({ lastYear: { period: '2025-Q1', values: [] } }));
      const input = await field('Nouveaux patients');
      await input.setValue('41');
      await input.blur();
      const first = backend.expectOne({ method: 'PUT', url: VALUES_URL });
      expect(first.request.body.value).toBe(41);

      await input.setValue('42');
      jasmine.clock().tick(800);
      backend.expectNone({ method: 'PUT', url: VALUES_URL }); // waits for the first answer

      first.flush(saved({ value: 41, version: 3 }));
      const second = backend.expectOne({ method: 'PUT', url: VALUES_URL });
      expect(second.request.body).toEqual({ indicatorId: 2, optionId: null, value: 42, version: 3 });
      second.flush(saved({ value: 42, version: 4 }));
    });

    it('keeps the typed text when a save fails, and saves it again on « Réessayer »', async () => {
      await open('unit_lead', aForm({ lastYear: { period: '2025-Q1', values: [] } }));
      const input = await field('Nouveaux patients');
      await input.setValue('44');
      jasmine.clock().tick(800);
      backend
        .expectOne({ method: 'PUT', url: VALUES_URL })
        .flush({ error: { code: 'internal', message: 'Erreur interne du serveur.', errorId: 'e-1' } }, { status: 500, statusText: 'Error' });
      await fixture.whenStable();
      expect(await input.getValue()).toBe('44');
      expect(text()).toContain('Valeur non enregistrée : votre saisie est conservée.');
      await (await button('Réessayer')).click();
      const retry = backend.expectOne({ method: 'PUT', url: VALUES_URL });
      expect(retry.request.body.value).toBe(44);
      retry.flush(saved({ value: 44, version: 3 }));
    });
  });

  it('moves to the next field on Enter, without submitting anything', async () => {
    await open('unit_lead');
    const first = await field('File active — 0-5 ans');
    await (await first.host()).sendKeys(TestKey.ENTER);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('File active — 6-11 ans');
    await (await field('File active — 18 ans et plus')).focus();
    await (await (await field('File active — 18 ans et plus')).host()).sendKeys(TestKey.ENTER);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Nouveaux patients');
    backend.expectNone({ method: 'POST', url: `${FORM_URL}/submit` });
  });

  it('shows a bounds error on the field and does not save the value', async () => {
    await open('unit_lead');
    const input = await field('Nouveaux patients');
    await input.setValue('6 000');
    expect(await (await formField('Nouveaux patients')).getTextErrors()).toEqual(['La valeur doit être au plus 2\u00a0000.']);
    await input.blur();
    backend.expectNone({ method: 'PUT', url: VALUES_URL });
    expect(await (await formField('Nouveaux patients')).getTextErrors()).toEqual(['La valeur doit être au plus 2\u00a0000.']);
    expect(text()).toContain('1 valeur invalide à corriger.');
    expect(await input.getValue()).toBe('6 000');
  });

  it('says which type is expected on a wrong input', async () => {
    await open('unit_lead');
    await (await field('Sessions de formation')).setValue('12,5');
    expect(await (await formField('Sessions de formation')).getTextErrors()).toEqual(['Nombre entier attendu.']);
  });

  it('lists a failing rule as you type, links to its fields and disables the submission', async () => {
    const page = await open('unit_lead');
    // 40 new patients for a file active of 5: the rule fails on the values as typed.
    const fileActive = await field('File active — 0-5 ans');
    await fileActive.setValue('5');
    const panel = page.querySelector('app-rule-panel')!;
    expect(panel.textContent).toContain('Les nouveaux patients ne peuvent pas dépasser la file active.');
    expect(panel.textContent).toContain('1 erreur à traiter.');
    const submit = await button(/Transmettre à la coordination/);
    expect(await submit.isDisabled()).toBeTrue();
    expect(text()).toContain('1 erreur de cohérence à corriger.');

    await (await loader.getHarness(MatButtonHarness.with({ text: /Nouveaux patients/, ancestor: 'app-rule-panel' }))).click();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Nouveaux patients');

    await fileActive.blur();
    backend.expectOne({ method: 'PUT', url: VALUES_URL }).flush(saved({ id: 901, indicatorId: 1, optionId: 11, value: 5, version: 1 }));
  });

  it('shows the server’s rule results after a save when the rule cannot be decided here', async () => {
    // Only the new patients, already entered: nothing else blocks the submission.
    const page = await open('unit_lead', aForm({ indicators: [newPatients], rules: [], lastYear: { period: '2025-Q1', values: [] } }));
    const input = await field('Nouveaux patients');
    await input.setValue('41');
    await input.blur();
    backend.expectOne({ method: 'PUT', url: VALUES_URL }).flush(
      saved(
        { value: 41, version: 3 },
        {
          ruleResults: [
            {
              ruleId: 7,
              code: 'EVT_SUM',
              severity: 'warning',
              message: 'La somme des types d’évènement diffère des nouveaux patients de l’année.',
              indicatorCodes: ['ACT_EVT', 'ACT_NEW'],
              explanation: null,
            },
          ],
        },
      ),
    );
    await fixture.whenStable();
    const panel = page.querySelector('app-rule-panel')!;
    expect(panel.textContent).toContain('La somme des types d’évènement diffère des nouveaux patients de l’année.');
    expect(panel.textContent).toContain('Constaté par le serveur au dernier enregistrement.');
    expect(text()).toContain('1 avertissement de cohérence à expliquer.');

    // The warning's explanation goes with the submission.
    await (await loader.getHarness(MatInputHarness.with({ ancestor: 'app-rule-panel' }))).setValue('Deux évènements collectifs.');
    const form = aForm();
    const submit = await button(/Transmettre à la coordination/);
    expect(await submit.isDisabled()).toBeFalse();
    await submit.click();
    await (await dialogs.getHarness(MatButtonHarness.with({ text: 'Transmettre' }))).click();
    const request = backend.expectOne({ method: 'POST', url: `${FORM_URL}/submit` });
    expect(request.request.body).toEqual({ ruleExplanations: [{ ruleId: 7, explanation: 'Deux évènements collectifs.' }], version: 3 });
    request.flush(aSubmission({ status: 'submitted', version: 4 }));
    backend.expectOne({ method: 'GET', url: FORM_URL }).flush({ ...form, editable: false, submission: aSubmission({ status: 'submitted', version: 4 }) });
    await fixture.whenStable();
    expect(text()).toContain('en attente de validation par la coordination du CN2R');
    // Focus goes to the new status, so that a screen reader hears it.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Transmission');
  });

  it('asks for an explanation of a value far from last year, and sends it with the value', async () => {
    await open('unit_lead');
    const input = await field('Nouveaux patients');
    await input.setValue('80'); // 35 last year: +129 %
    const explanation = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: /Explication de l’écart/ }));
    expect(await explanation.getTextErrors()).toEqual(['Écart de +129 % avec T1 2025 (seuil : 50 %). Une courte explication est demandée.']);
    expect(text()).toContain('1 écart avec l’an dernier à expliquer.');
    expect(await (await button(/Transmettre à la coordination/)).isDisabled()).toBeTrue();

    await input.blur();
    const first = backend.expectOne({ method: 'PUT', url: VALUES_URL });
    expect(first.request.body).toEqual({ indicatorId: 2, optionId: null, value: 80, version: 2 });
    first.flush(saved({ value: 80, version: 3 }));

    const explanationInput = await loader.getHarness(MatInputHarness.with({ selector: '.explanation-field input' }));
    await explanationInput.setValue('Ouverture d’une consultation pour enfants');
    await explanationInput.blur();
    const second = backend.expectOne({ method: 'PUT', url: VALUES_URL });
    expect(second.request.body).toEqual({
      indicatorId: 2,
      optionId: null,
      value: 80,
      explanation: 'Ouverture d’une consultation pour enfants',
      version: 3,
    });
    second.flush(saved({ value: 80, explanation: 'Ouverture d’une consultation pour enfants', version: 4 }));
    await fixture.whenStable();
    expect(await explanation.getTextErrors()).toEqual([]);
    expect(text()).not.toContain('écart avec l’an dernier à expliquer');
  });

  it('on a 409 shows who changed the value, loads the current one, and never overwrites it silently', async () => {
    await open('unit_lead', aForm({ lastYear: { period: '2025-Q1', values: [] } }));
    const input = await field('Nouveaux patients');
    await input.setValue('45');
    await input.blur();
    backend.expectOne({ method: 'PUT', url: VALUES_URL }).flush(
      {
        error: {
          code: 'conflict',
          message: 'Valeur modifiée entre-temps par Alice Martin le 02/03/2026 10:15 : la valeur actuelle est 47. Vérifiez-la avant de la remplacer.',
          fields: [{ path: 'version', message: '5' }],
        },
      },
      { status: 409, statusText: 'Conflict' },
    );
    backend
      .expectOne({ method: 'GET', url: FORM_URL })
      .flush(aForm({ values: [aValue({ value: 47, version: 5, updatedBy: 'alice@demo.local' })] }));
    await fixture.whenStable();

    expect(await input.getValue()).toBe('47');
    expect(text()).toContain('Valeur modifiée entre-temps par Alice Martin le 02/03/2026 10:15 : la valeur actuelle est 47.');
    expect(text()).toContain('Votre saisie « 45 » n’a pas été enregistrée');
    backend.expectNone({ method: 'PUT', url: VALUES_URL });

    await (await button(/Remplacer par ma saisie « 45 »/)).click();
    const retry = backend.expectOne({ method: 'PUT', url: VALUES_URL });
    expect(retry.request.body).toEqual({ indicatorId: 2, optionId: null, value: 45, version: 5 });
    retry.flush(saved({ value: 45, version: 6 }));
  });

  it('shows the return message prominently on a returned form', async () => {
    await open(
      'unit_lead',
      aForm({
        submission: aSubmission({
          status: 'returned',
          returnMessage: 'La file active des 0-5 ans semble inversée avec les 6-11 ans.',
          returnedBy: 'alice@demo.local',
          returnedAt: '2026-05-04T08:30:00Z',
        }),
      }),
    );
    const banner = (fixture.nativeElement as HTMLElement).querySelector('.banner-returned')!;
    expect(banner.querySelector('h2')!.textContent).toContain('Saisie renvoyée pour correction');
    expect(banner.textContent!.replace(/\s+/g, ' ')).toContain('Par alice@demo.local le 04/05/2026');
    expect(banner.querySelector('blockquote')!.textContent).toBe('La file active des 0-5 ans semble inversée avec les 6-11 ans.');

    // The first correction turns the form back into a draft: the message stays in sight.
    const input = await field('File active — 0-5 ans');
    await input.setValue('9');
    await input.blur();
    backend.expectOne({ method: 'PUT', url: VALUES_URL }).flush(
      saved(
        { id: 901, indicatorId: 1, optionId: 11, value: 9, version: 1 },
        { submission: aSubmission({ status: 'draft', returnMessage: 'La file active des 0-5 ans semble inversée avec les 6-11 ans.' }) },
      ),
    );
    await fixture.whenStable();
    expect(text()).toContain('Brouillon');
    expect((fixture.nativeElement as HTMLElement).querySelector('.banner-returned blockquote')).not.toBeNull();
  });

  it('is read-only once validated, for finance, with who validated it and when', async () => {
    await open(
      'finance',
      aForm({
        editable: false,
        submission: aSubmission({ status: 'validated', validatedAt: '2026-05-12T14:00:00Z', validatedBy: 'Alice Martin' }),
      }),
    );
    expect(text()).toContain('Validée le 12/05/2026');
    // The person by their display name, as the server sends it.
    expect(text()).toContain('par Alice Martin.');
    for (const input of await loader.getAllHarnesses(MatInputHarness.with({ selector: '[data-entry]' }))) {
      expect(await input.isReadonly()).toBeTrue();
    }
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Transmettre|Valider|Renvoyer/ }))).toEqual([]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ selector: '[aria-label^="Rouvrir"]' }))).toEqual([]);
  });

  describe('for the coordination', () => {
    it('validates a submitted form after confirmation', async () => {
      await open('admin', aForm({ editable: false, submission: aSubmission({ status: 'submitted', version: 7 }) }));
      await (await button(/^check_circle\s*Valider$/)).click();
      await (await dialogs.getHarness(MatButtonHarness.with({ text: 'Valider' }))).click();
      const request = backend.expectOne({ method: 'POST', url: `${FORM_URL}/validate` });
      expect(request.request.body).toEqual({ version: 7 });
      request.flush(aSubmission({ status: 'validated', version: 8 }));
      backend.expectOne({ method: 'GET', url: FORM_URL }).flush(aForm({ editable: false, submission: aSubmission({ status: 'validated', version: 8 }) }));
    });

    it('sends a form back only with a message', async () => {
      await open('admin', aForm({ editable: false, submission: aSubmission({ status: 'submitted', version: 7 }) }));
      await (await button(/Renvoyer/)).click();
      const send = await dialogs.getHarness(MatButtonHarness.with({ text: 'Renvoyer', ancestor: 'mat-dialog-actions' }));
      await send.click();
      const message = await dialogs.getHarness(MatFormFieldHarness.with({ floatingLabelText: /Message au centre/ }));
      expect(await message.getTextErrors()).toEqual(['Message au centre est obligatoire.']);
      backend.expectNone({ method: 'POST', url: `${FORM_URL}/return` });

      await (await dialogs.getHarness(MatInputHarness.with({ ancestor: 'mat-dialog-container' }))).setValue('   ');
      await send.click();
      backend.expectNone({ method: 'POST', url: `${FORM_URL}/return` });

      await (await dialogs.getHarness(MatInputHarness.with({ ancestor: 'mat-dialog-container' }))).setValue('Vérifiez les 0-5 ans.');
      await send.click();
      const request = backend.expectOne({ method: 'POST', url: `${FORM_URL}/return` });
      expect(request.request.body).toEqual({ message: 'Vérifiez les 0-5 ans.', version: 7 });
      request.flush(aSubmission({ status: 'returned', version: 8, returnMessage: 'Vérifiez les 0-5 ans.' }));
      backend.expectOne({ method: 'GET', url: FORM_URL }).flush(aForm());
    });

    it('reopens one validated value with a reason', async () => {
      await open('admin', aForm({ editable: false, submission: aSubmission({ status: 'validated' }) }));
      const reopen = await loader.getAllHarnesses(MatButtonHarness.with({ selector: '[aria-label^="Rouvrir cette valeur"]' }));
      expect(reopen.length).toBe(1); // only the value that exists
      await reopen[0].click();
      await (await dialogs.getHarness(MatInputHarness.with({ ancestor: 'mat-dialog-container' }))).setValue('Erreur de saisie signalée par le centre.');
      await (await dialogs.getHarness(MatButtonHarness.with({ text: 'Rouvrir' }))).click();
      const request = backend.expectOne({ method: 'POST', url: `${FORM_URL}/values/900/reopen` });
      expect(request.request.body).toEqual({ reason: 'Erreur de saisie signalée par le centre.' });
      request.flush(aValue({ reopened: true }));
      await fixture.whenStable();
      expect(text()).toContain('Rouverte');
      // The reopened value is editable again; the rest stays locked.
      expect(await (await field('Nouveaux patients')).isReadonly()).toBeFalse();
      expect(await (await field('Sessions de formation')).isReadonly()).toBeTrue();
    });
  });

  it('marks a value changed since its validation as pending, with the validated value beside it', async () => {
    const validated = aSubmission({ status: 'validated', changedSinceValidation: true });
    const page = await open(
      'unit_lead',
      aForm({
        editable: false,
        submission: validated,
        values: [aValue({ value: 430, validatedValue: 412, validatedAt: '2026-04-10T08:00:00Z', pendingValidation: true, reopened: true })],
      }),
    );
    const notes = () => [...page.querySelectorAll('.pending-validation')].map((p) => p.textContent!.trim());
    expect(notes()).toEqual(['En attente de validation — valeur validée : 412']);
    expect(page.querySelector('tr.is-pending th')!.textContent!.trim()).toBe('Nouveaux patients');

    // Set back to the validated value, it waits for nothing any more.
    const input = await field('Nouveaux patients');
    await input.setValue('412');
    await input.blur();
    backend
      .expectOne({ method: 'PUT', url: VALUES_URL })
      .flush(saved({ value: 412, validatedValue: 412, validatedAt: '2026-04-10T08:00:00Z', pendingValidation: false, reopened: true, version: 3 }, { submission: validated }));
    await fixture.whenStable();
    expect(notes()).toEqual([]);
  });

  it('says when a value was filled after the form’s validation: no validated value yet', async () => {
    const page = await open('admin', aForm({ values: [aValue({ value: 5, pendingValidation: true })] }));
    expect(page.querySelector('.pending-validation')!.textContent!.trim()).toBe('En attente de validation — valeur validée : aucune');
  });

  it('opens the comment thread and history of a value, and posts a comment', async () => {
    await open('unit_lead');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label^="Commentaires et historique — Nouveaux patients"]' }))).click();
    backend.expectOne({ method: 'GET', url: `${FORM_URL}/values/900/comments` }).flush([]);
    backend.expectOne({ method: 'GET', url: `${FORM_URL}/values/900/history` }).flush([
      { at: '2026-03-02T09:00:00Z', actor: 'lead.lille@demo.local', action: 'value.created', before: null, after: 40, reason: null },
    ]);
    await fixture.whenStable();
    const dialogText = () => document.querySelector('mat-dialog-container')!.textContent!.replace(/\s+/g, ' ');
    expect(dialogText()).toContain('Aucun commentaire.');
    expect(dialogText()).toContain('Première saisie le 02/03/2026');
    expect(dialogText()).toContain('— → 40');

    await (await dialogs.getHarness(MatInputHarness.with({ ancestor: 'mat-dialog-container' }))).setValue('Chiffre provisoire.');
    await (await dialogs.getHarness(MatButtonHarness.with({ text: /Publier le commentaire/ }))).click();
    const post = backend.expectOne({ method: 'POST', url: `${FORM_URL}/values/900/comments` });
    expect(post.request.body).toEqual({ body: 'Chiffre provisoire.' });
    post.flush({ id: 1, author: 'lead.lille@demo.local', body: 'Chiffre provisoire.', createdAt: '2026-03-03T10:00:00Z' }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(dialogText()).toContain('Chiffre provisoire.');
    const commentButton = await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label^="Commentaires et historique — Nouveaux patients"]' }));
    expect(await (await commentButton.host()).getAttribute('aria-label')).toBe('Commentaires et historique — Nouveaux patients (1 commentaire)');
  });

  it('explains a form it cannot show (403 for finance before validation)', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser('board'));
    fixture = TestBed.createComponent(DataEntryPage);
    fixture.componentRef.setInput('unitId', '4');
    fixture.componentRef.setInput('period', '2026-Q1');
    await fixture.whenStable();
    backend.expectOne(FORM_URL).flush(
      { error: { code: 'forbidden', message: 'Cette saisie n’est pas encore validée : elle sera consultable après validation.' } },
      { status: 403, statusText: 'Forbidden' },
    );
    await fixture.whenStable();
    expect(text()).toContain('Cette saisie n’est pas encore validée : elle sera consultable après validation.');
    expect(text()).toContain('Retour à l’accueil');
  });

  it('refuses a malformed address without calling the server', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser('unit_lead'));
    fixture = TestBed.createComponent(DataEntryPage);
    fixture.componentRef.setInput('unitId', 'abc');
    fixture.componentRef.setInput('period', '2026-T1');
    await fixture.whenStable();
    expect(text()).toContain('Adresse de saisie invalide');
    backend.expectNone(() => true);
  });
});
