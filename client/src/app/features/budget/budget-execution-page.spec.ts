import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { Router } from '@angular/router';
import type { BudgetExecution, FiscalYear, Role } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { BudgetExecutionPage } from './budget-execution-page';
import { aFiscalYear, anExecution } from './budget-execution.fixture';
import { words, squash } from '../../../testing/visible-text';

describe('BudgetExecutionPage', () => {
  let fixture: ComponentFixture<BudgetExecutionPage>;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;
  let snackBar: jasmine.Spy;

  const years: FiscalYear[] = [aFiscalYear(2025, 'closed'), aFiscalYear(2026)];

  async function open(annee: string | undefined, fiscalYears: FiscalYear[] = years, role: Role = 'finance') {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    fixture = TestBed.createComponent(BudgetExecutionPage);
    if (annee) fixture.componentRef.setInput('annee', annee);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/budget/fiscal-years' }).flush(fiscalYears);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  async function answerExecution(year: number, answer: BudgetExecution = anExecution()) {
    backend.expectOne({ method: 'GET', url: `/api/budget/${year}/execution` }).flush(answer);
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('shows the total as figures in fr-FR euros and rates, then the lines with their alerts in words', async () => {
    const page = await open('2026');
    await answerExecution(2026);
    expect(page.querySelectorAll('h1').length).toBe(1);
    expect([...page.querySelectorAll('.figure')].map(words)).toEqual([
      'CP ouverts 290 000,00 € AE ouvertes : 280 000,00 €',
      'Engagé 257 664,00 € Taux d’engagement : 88,63 %',
      'Payé 125 000,00 € Atterrissage : 200 000,00 €',
      'Reste à payer 165 000,00 € Reste à engager : 31 836,00 €',
      'Taux d’exécution (CP) 43,1 % Taux théorique : 66,58 %',
    ]);
    expect(words(page)).toContain('Situation au 31/08/2026');

    const table = await loader.getHarness(MatTableHarness.with({ selector: '[aria-label="Exécution 2026 par ligne budgétaire"]' }));
    const headers = await (await table.getHeaderRows())[0].getCellTextByIndex();
    // Few columns so that they fit at 1280 px: each rate under its amount, the forecast’s button under the forecast.
    expect(headers).toEqual(['Ligne', 'AE ouvertes', 'Engagé', 'CP ouverts', 'Payé', 'Reste à payer', 'Atterrissage', 'Alertes']);
    expect(words(page)).toContain('Montants arrondis à l’euro ; l’export Excel donne les centimes.');
    const rows = await table.getRows();
    expect(rows).toHaveSize(2);
    const cells = (await rows[1].getCellTextByIndex()).map(squash);
    expect(cells.slice(0, 7)).toEqual([
      'FONC-01 Déplacements',
      '10 000 €',
      '9 500 € 95 % des AE (taux d’engagement)',
      '10 000 €',
      '5 000 € 50 % des CP (taux d’exécution)',
      '5 000 €',
      '— Saisir',
    ]);
    // The alert in words behind an icon, its level spelt out for screen readers.
    const alertCell = page.querySelectorAll('tr.mat-mdc-row')[1].querySelector('.alerts-cell')!;
    expect(words(alertCell)).toBe('Avertissement : Engagements à 95 % des AE ouvertes.');
    expect(alertCell.querySelector('mat-icon')!.getAttribute('aria-hidden')).toBe('true');
    // The wide table scrolls in a region keyboard users can focus.
    const region = page.querySelector('[role="region"][aria-label="Exécution 2026 par ligne budgétaire"]')!;
    expect(region.getAttribute('tabindex')).toBe('0');
    // Euros are right-aligned.
    const amount = page.querySelectorAll('tr.mat-mdc-row')[0].querySelectorAll('td')[1];
    expect(getComputedStyle(amount).textAlign).toBe('right');
    // The sticky label column is opaque and set off by a border: figures pass visibly under it, never cut.
    const sticky = page.querySelectorAll('tr.mat-mdc-row')[0].querySelectorAll('td')[0];
    expect(sticky.classList).toContain('mat-mdc-table-sticky');
    expect(getComputedStyle(sticky).backgroundColor).not.toBe('rgba(0, 0, 0, 0)');
    expect(getComputedStyle(sticky).borderRightStyle).toBe('solid');
    expect(Number(getComputedStyle(sticky).zIndex)).toBeGreaterThan(1);
  });

  it('shows the same figures per envelope, funding source and mission area in tabs', async () => {
    await open('2026');
    await answerExecution(2026);
    const tabs = await loader.getHarness(MatTabGroupHarness);
    const labels = await Promise.all((await tabs.getTabs()).map((tab) => tab.getLabel()));
    expect(labels).toEqual(['Par ligne', 'Par enveloppe', 'Par financeur', 'Par destination']);
    await tabs.selectTab({ label: 'Par financeur' });
    const table = await loader.getHarness(MatTableHarness.with({ selector: '[aria-label="Exécution 2026 par source de financement"]' }));
    const row = (await (await table.getRows())[0].getCellTextByIndex()).map(squash);
    expect(row.slice(0, 3)).toEqual(['Dotation MIG', '280 000 €', '248 164 € 88,63 % des AE (taux d’engagement)']);
  });

  it('defaults to the current year when it has a fiscal year, and puts the chosen year in the URL', async () => {
    const current = new Date().getFullYear();
    await open(undefined, [aFiscalYear(current - 1, 'closed'), aFiscalYear(current)]);
    await answerExecution(current, { ...anExecution(), year: current });
    const select = await loader.getHarness(MatSelectHarness);
    expect(await select.getValueText()).toBe(`${current} (ouvert)`);
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    await select.clickOptions({ text: `${current - 1} (clos)` });
    expect(navigate).toHaveBeenCalledOnceWith([], { queryParams: { annee: current - 1 }, queryParamsHandling: 'merge' });
  });

  it('loads the year of the URL', async () => {
    await open('2025');
    await answerExecution(2025, { ...anExecution(), year: 2025 });
    expect(await (await loader.getHarness(MatSelectHarness)).getValueText()).toBe('2025 (clos)');
  });

  it('says there is no fiscal year yet, without asking for an execution', async () => {
    const page = await open('2026', []);
    expect(words(page)).toContain('Aucun exercice budgétaire : l’exécution s’affichera quand les finances auront ouvert un exercice');
    expect(await loader.getAllHarnesses(MatTableHarness)).toEqual([]);
    backend.expectNone('/api/budget/2026/execution');
  });

  it('says access is refused on a 403, without a snackbar', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser('unit_lead'));
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    fixture = TestBed.createComponent(BudgetExecutionPage);
    await fixture.whenStable();
    backend
      .expectOne('/api/budget/fiscal-years')
      .flush({ error: { code: 'forbidden', message: 'Accès refusé.' } }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(words(fixture.nativeElement)).toContain('Accès refusé : le budget est réservé aux finances, au bureau et à la coordination du CN2R.');
    expect(snackBar).not.toHaveBeenCalled();
  });

  it('offers to retry when the execution fails to load', async () => {
    const page = await open('2026');
    backend.expectOne('/api/budget/2026/execution').flush({ error: { code: 'internal', message: 'Erreur.' } }, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(words(page)).toContain('L’exécution budgétaire n’a pas pu être chargée.');
    (page.querySelector('.empty-state button') as HTMLButtonElement).click();
    await fixture.whenStable();
    await answerExecution(2026);
    expect(page.querySelectorAll('.figure').length).toBe(5);
  });

  describe('year-end forecasts (atterrissage)', () => {
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    const expectExecution = (): TestRequest => backend.expectOne({ method: 'GET', url: '/api/budget/2026/execution' });
    const forecastButtons = async () =>
      Promise.all((await loader.getAllHarnesses(MatButtonHarness.with({ ancestor: '.action-cell' }))).map(async (b) => (await b.host()).getAttribute('aria-label')));

    /** PERS-01 with a forecast entered (version 3), FONC-01 projected. */
    const withManualForecast = (): BudgetExecution => {
      const execution = anExecution();
      return {
        ...execution,
        lines: [
          {
            ...execution.lines[0],
            forecastPaidCents: 21_000_000,
            projectedPaidCents: 20_000_000,
            forecastSource: 'manual',
            manualForecast: {
              lineId: 1,
              amountCents: 21_000_000,
              comment: 'Recrutement au 1er septembre',
              updatedBy: 7,
              updatedAt: '2026-08-20T10:00:00.000Z',
              version: 3,
            },
          },
          execution.lines[1],
        ],
      };
    };

    it('says whether each line’s forecast is entered, with its comment, or projected', async () => {
      const page = await open('2026');
      await answerExecution(2026, withManualForecast());
      const forecastCells = [...page.querySelectorAll('tr.mat-mdc-row .forecast-cell')].map(words);
      expect(forecastCells).toEqual(['210 000 € Saisi : « Recrutement au 1er septembre » Projection : 200 000 € Modifier', '— Saisir']);
      expect(await forecastButtons()).toEqual(['Modifier l’atterrissage de la ligne PERS-01 Rémunérations', 'Saisir l’atterrissage de la ligne FONC-01 Déplacements']);
    });

    it('enters a forecast: the amount typed in French in cents and the comment, without a version, then reloads the execution', async () => {
      await open('2026');
      await answerExecution(2026);
      await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Saisir l’atterrissage de la ligne FONC-01 Déplacements"]' }))).click();
      const dialog = await rootLoader.getHarness(MatDialogHarness);
      expect(await dialog.getTitleText()).toBe('Atterrissage de la ligne FONC-01 (2026)');
      expect(await dialog.getAllHarnesses(MatButtonHarness.with({ text: 'Retirer l’atterrissage saisi' }))).toEqual([]);
      const amount = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=amountCents]' }));
      await amount.setValue('12 345,67');
      await amount.blur();
      await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=comment]' }))).setValue('Marché de formation signé en juin');
      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();

      const request = backend.expectOne({ method: 'PUT', url: '/api/budget/lines/2/forecast' });
      expect(request.request.body).toEqual({ amountCents: 1_234_567, comment: 'Marché de formation signé en juin' });
      request.flush({ lineId: 2, amountCents: 1_234_567, comment: 'Marché de formation signé en juin', updatedBy: 7, updatedAt: '2026-08-31T10:00:00.000Z', version: 1 });
      await settle();
      expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
      expect(squash(snackBar.calls.mostRecent().args[0] as string)).toBe('L’atterrissage de la ligne FONC-01 est enregistré : 12 345,67 €.');
      expectExecution().flush(withManualForecast());
      await settle();
      expect(await forecastButtons()).toContain('Modifier l’atterrissage de la ligne PERS-01 Rémunérations');
    });

    it('refuses in French an empty amount or a blank comment (the shared schema), sending nothing', async () => {
      await open('2026');
      await answerExecution(2026);
      await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Saisir l’atterrissage de la ligne FONC-01 Déplacements"]' }))).click();
      const dialog = await rootLoader.getHarness(MatDialogHarness);
      const errorsOf = async (label: string) => (await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getTextErrors();
      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
      expect(await errorsOf('Atterrissage des paiements')).toEqual(['Ce champ est obligatoire.']);
      expect(await errorsOf('Commentaire')).toEqual(['Ce champ est obligatoire.']);

      const amount = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=amountCents]' }));
      await amount.setValue('5 000');
      await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=comment]' }))).setValue('   ');
      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
      expect(await errorsOf('Commentaire')).toEqual(['Le commentaire de l’atterrissage est obligatoire.']);
      backend.expectNone((req) => req.method === 'PUT');
      await dialog.close();
    });

    it('changes a forecast with the version read, and after a 409 reloads and says someone else changed it', async () => {
      await open('2026');
      await answerExecution(2026, withManualForecast());
      await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Modifier l’atterrissage de la ligne PERS-01 Rémunérations"]' }))).click();
      const dialog = await rootLoader.getHarness(MatDialogHarness);
      const amount = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=amountCents]' }));
      const comment = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=comment]' }));
      expect(squash(await amount.getValue())).toBe('210 000,00 €');
      expect(await comment.getValue()).toBe('Recrutement au 1er septembre');
      await amount.setValue('12 345,67');
      await comment.setValue('Recrutement reporté à octobre');
      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();

      const request = backend.expectOne({ method: 'PUT', url: '/api/budget/lines/1/forecast' });
      expect(request.request.body).toEqual({ amountCents: 1_234_567, comment: 'Recrutement reporté à octobre', version: 3 });
      request.flush(
        { error: { code: 'conflict', message: 'L’atterrissage de cette ligne a été modifié entre-temps.', fields: [{ path: 'version', message: 'Version périmée.' }] } },
        { status: 409, statusText: 'Conflict' },
      );
      await settle();
      expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
      expect(squash(snackBar.calls.mostRecent().args[0] as string)).toBe(
        'L’atterrissage de la ligne PERS-01 a été modifié par quelqu’un d’autre entre-temps. L’exécution a été rechargée : reprenez votre saisie.',
      );
      expectExecution().flush(withManualForecast());
      await settle();
      // The figures stayed on screen during the reload.
      expect(fixture.nativeElement.querySelectorAll('.figure').length).toBe(5);
    });

    it('withdraws a forecast only after a confirmation, with the version read, then reloads', async () => {
      await open('2026');
      await answerExecution(2026, withManualForecast());
      const openDialog = async () => {
        await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Modifier l’atterrissage de la ligne PERS-01 Rémunérations"]' }))).click();
        return rootLoader.getHarness(MatDialogHarness.with({ selector: ':has(app-forecast-dialog)' }));
      };
      const confirmation = () => rootLoader.getHarness(MatDialogHarness.with({ selector: '[role="alertdialog"]' }));

      const dialog = await openDialog();
      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Retirer l’atterrissage saisi' }))).click();
      let confirm = await confirmation();
      expect(await confirm.getTitleText()).toBe('Retirer l’atterrissage saisi ?');
      expect(squash(await confirm.getContentText())).toContain('L’atterrissage saisi de la ligne PERS-01 (210 000,00 €) sera retiré');
      await (await confirm.getHarness(MatButtonHarness.with({ text: 'Annuler' }))).click();
      await settle();
      backend.expectNone((req) => req.method === 'POST');

      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Retirer l’atterrissage saisi' }))).click();
      confirm = await confirmation();
      await (await confirm.getHarness(MatButtonHarness.with({ text: 'Retirer' }))).click();
      const request = backend.expectOne({ method: 'POST', url: '/api/budget/lines/1/forecast/withdrawal' });
      expect(request.request.body).toEqual({ version: 3 });
      request.flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
      expect(snackBar).toHaveBeenCalledWith('L’atterrissage de la ligne PERS-01 est retiré : la projection au rythme actuel s’applique de nouveau.', 'Fermer', jasmine.any(Object));
      expectExecution().flush(anExecution());
      await settle();
      expect(await forecastButtons()).toEqual(['Saisir l’atterrissage de la ligne PERS-01 Rémunérations', 'Saisir l’atterrissage de la ligne FONC-01 Déplacements']);
    });

    it('offers no forecast button to the board, nor in a closed year', async () => {
      const page = await open('2026', years, 'board');
      await answerExecution(2026, withManualForecast());
      expect(await forecastButtons()).toEqual([]);
      // The same columns for every reader: the forecast’s button sits under the forecast, when there is one.
      expect(page.querySelectorAll('tr.mat-mdc-header-row th').length).toBe(8);
      // The board still reads the comment of an entered forecast.
      expect(words(page.querySelector('tr.mat-mdc-row .forecast-cell')!)).toContain('Saisi : « Recrutement au 1er septembre »');
    });

    it('offers no forecast button to finance in a closed year', async () => {
      await open('2025');
      await answerExecution(2025, { ...withManualForecast(), year: 2025 });
      expect(await forecastButtons()).toEqual([]);
      expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Saisir|Modifier/ }))).toEqual([]);
    });
  });

  it('links to the Excel download of the year shown', async () => {
    const page = await open('2025');
    await answerExecution(2025, { ...anExecution(), year: 2025 });
    const links = [...page.querySelectorAll('a[download]')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/api/budget/2025/execution.xlsx']);
    expect(words(links[0])).toBe('Exporter (Excel)');
  });
});
