import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabGroupHarness, MatTabNavBarHarness } from '@angular/material/tabs/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import type { BudgetComparison, ComparisonCell, FiscalYear } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { budgetRoutes } from './budget.routes';
import { aFiscalYear } from './budget-execution.fixture';
import { ComparisonPage, defaultComparisonRange } from './comparison-page';
import { words, squash } from '../../../testing/visible-text';

const cell = (year: number, overrides: Partial<ComparisonCell> = {}): ComparisonCell => ({
  year,
  present: true,
  openAeCents: 1_000_000,
  openCpCents: 1_000_000,
  committedCents: 900_000,
  paidCents: 800_000,
  aeRateBp: 9000,
  cpRateBp: 8000,
  ...overrides,
});
const absent = (year: number): ComparisonCell => cell(year, { present: false, openAeCents: 0, openCpCents: 0, committedCents: 0, paidCents: 0, aeRateBp: null, cpRateBp: null });

/** 2024 to 2026: PERS-01 every year, FONC-02 created in 2025. */
const aComparison = (): BudgetComparison => ({
  from: 2024,
  to: 2026,
  years: [2024, 2025, 2026],
  lines: [
    { key: 'FONC-02', label: 'Missions', years: [absent(2024), cell(2025), cell(2026, { paidCents: 123_456, cpRateBp: 1235 })] },
    {
      key: 'PERS-01',
      label: 'Rémunérations',
      years: [cell(2024, { openAeCents: 28_000_000, openCpCents: 28_000_000 }), cell(2025), cell(2026)],
    },
  ],
  byEnvelope: [
    { key: 'personnel', label: '', years: [cell(2024), cell(2025), cell(2026)] },
    { key: 'fonctionnement', label: 'Fonctionnement', years: [absent(2024), cell(2025), cell(2026)] },
  ],
  byFundingSource: [{ key: 'MIG', label: 'Dotation MIG', years: [cell(2024), cell(2025), cell(2026)] }],
  byMissionArea: [{ key: 'support', label: 'Support', years: [cell(2024), cell(2025), cell(2026)] }],
  total: { key: 'total', label: 'Total', years: [cell(2024, { openCpCents: 29_000_000 }), cell(2025), cell(2026)] },
});

describe('defaultComparisonRange', () => {
  it('defaults to the last three fiscal years', () => {
    const years: FiscalYear[] = [aFiscalYear(2023, 'closed'), aFiscalYear(2024, 'closed'), aFiscalYear(2025, 'closed'), aFiscalYear(2026)];
    expect(defaultComparisonRange(years)).toEqual({ from: 2024, to: 2026 });
    expect(defaultComparisonRange([aFiscalYear(2026), aFiscalYear(2025)])).toEqual({ from: 2025, to: 2026 });
    expect(defaultComparisonRange([])).toBeNull();
  });
});

describe('ComparisonPage', () => {
  let fixture: ComponentFixture<ComparisonPage>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let snackBar: jasmine.Spy;

  const years: FiscalYear[] = [aFiscalYear(2023, 'closed'), aFiscalYear(2024, 'closed'), aFiscalYear(2025, 'closed'), aFiscalYear(2026)];

  async function open(fiscalYears: FiscalYear[] = years) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser('board'));
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    fixture = TestBed.createComponent(ComparisonPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/budget/fiscal-years' }).flush(fiscalYears);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  async function answer(url: string, comparison: BudgetComparison = aComparison()) {
    backend.expectOne({ method: 'GET', url }).flush(comparison);
    await fixture.whenStable();
  }

  afterEach(() => backend?.verify());

  it('asks for the last three fiscal years, then shows each year’s figures per line in fr-FR euros and %, the total in the footer', async () => {
    const page = await open();
    const selects = await loader.getAllHarnesses(MatSelectHarness);
    expect(await Promise.all(selects.map((s) => s.getValueText()))).toEqual(['2024', '2026']);
    await answer('/api/budget/comparison?from=2024&to=2026');

    const table = await loader.getHarness(MatTableHarness.with({ selector: '[aria-label="Comparaison 2024–2026 par ligne budgétaire"]' }));
    const [yearsRow, measuresRow] = await table.getHeaderRows();
    expect((await yearsRow.getCellTextByIndex()).map(squash)).toEqual(['Ligne', '2024', '2025', '2026']);
    const measures = (await measuresRow.getCellTextByIndex()).map(squash);
    expect(measures.length).toBe(18);
    expect(measures.slice(0, 6)).toEqual(['AE ouvertes 2024', 'Engagé 2024', 'Taux d’engagement 2024', 'CP ouverts 2024', 'Payé 2024', 'Taux d’exécution (CP) 2024']);

    const rows = await table.getRows();
    expect(rows).toHaveSize(2);
    const missions = (await rows[0].getCellTextByIndex()).map(squash);
    expect(missions[0]).toBe('FONC-02 Missions');
    // Absent in 2024.
    expect(missions.slice(1, 7)).toEqual(['—', '—', '—', '—', '—', '—']);
    // 2026: paid and execution rate.
    expect(missions.slice(17, 19)).toEqual(['1 234,56 €', '12,35 %']);
    const staff = (await rows[1].getCellTextByIndex()).map(squash);
    expect(staff.slice(0, 7)).toEqual(['PERS-01 Rémunérations', '280 000,00 €', '9 000,00 €', '90 %', '280 000,00 €', '8 000,00 €', '80 %']);

    const [footer] = await table.getFooterRows();
    expect((await footer.getCellTextByIndex()).map(squash).slice(0, 5)).toEqual(['Total', '10 000,00 €', '9 000,00 €', '90 %', '290 000,00 €']);
    expect(words(page)).toContain('« — » : la ligne n’existe pas cet exercice.');
  });

  it('shows the same per envelope, with the French label when the server gives none', async () => {
    await open();
    await answer('/api/budget/comparison?from=2024&to=2026');
    const tabs = await loader.getHarness(MatTabGroupHarness);
    expect(await Promise.all((await tabs.getTabs()).map((t) => t.getLabel()))).toEqual(['Par ligne', 'Par enveloppe', 'Par financeur', 'Par destination']);
    await tabs.selectTab({ label: 'Par enveloppe' });
    const table = await loader.getHarness(MatTableHarness.with({ selector: '[aria-label="Comparaison 2024–2026 par enveloppe"]' }));
    const labels = await Promise.all((await table.getRows()).map(async (row) => squash((await row.getCellTextByIndex())[0])));
    expect(labels).toEqual(['Personnel', 'Fonctionnement']);
  });

  it('asks again when a year is changed, and links to the Excel download of the range shown', async () => {
    const page = await open();
    await answer('/api/budget/comparison?from=2024&to=2026');
    expect([...page.querySelectorAll('a[download]')].map((a) => a.getAttribute('href'))).toEqual(['/api/budget/comparison.xlsx?from=2024&to=2026']);

    const [from] = await loader.getAllHarnesses(MatSelectHarness);
    await from.clickOptions({ text: '2023' });
    await answer('/api/budget/comparison?from=2023&to=2026', { ...aComparison(), from: 2023 });
    expect([...page.querySelectorAll('a[download]')].map((a) => a.getAttribute('href'))).toEqual(['/api/budget/comparison.xlsx?from=2023&to=2026']);
  });

  it('refuses a range that ends before it starts, in French, without asking the server', async () => {
    const page = await open();
    await answer('/api/budget/comparison?from=2024&to=2026');
    const [, to] = await loader.getAllHarnesses(MatSelectHarness);
    await to.clickOptions({ text: '2023' });
    await fixture.whenStable();
    backend.expectNone((req) => req.url === '/api/budget/comparison');
    expect(words(page)).toContain('L’année de début doit précéder l’année de fin.');
    expect(await loader.getAllHarnesses(MatTableHarness)).toEqual([]);
    expect(page.querySelectorAll('a[download]').length).toBe(0);
  });

  it('says when there is no fiscal year, without asking for a comparison', async () => {
    const page = await open([]);
    expect(words(page)).toContain('Aucun exercice budgétaire : la comparaison s’affichera');
    backend.expectNone((req) => req.url === '/api/budget/comparison');
  });

  it('says when the range holds no fiscal year (404), without a snackbar', async () => {
    const page = await open();
    backend
      .expectOne('/api/budget/comparison?from=2024&to=2026')
      .flush({ error: { code: 'not_found', message: 'Aucun exercice entre 2024 et 2026.' } }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(words(page)).toContain('Aucun exercice de 2024 à 2026 : choisissez d’autres années.');
    expect(snackBar).not.toHaveBeenCalled();
  });

  it('offers to retry when the comparison fails to load', async () => {
    const page = await open();
    backend.expectOne('/api/budget/comparison?from=2024&to=2026').flush({ error: { code: 'internal', message: 'Erreur.' } }, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(words(page)).toContain('La comparaison n’a pas pu être chargée.');
    (page.querySelector('.empty-state button') as HTMLButtonElement).click();
    await fixture.whenStable();
    await answer('/api/budget/comparison?from=2024&to=2026');
    expect(await loader.getAllHarnesses(MatTableHarness)).toHaveSize(1);
  });

  it('is the « Comparaison » tab of the budget, at /budget/comparaison', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp([{ path: 'budget', children: budgetRoutes }]) });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser('finance'));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/budget/comparaison');
    expect(harness.routeNativeElement!.querySelector('app-comparison-page')).not.toBeNull();
    backend.expectOne('/api/budget/fiscal-years').flush(years);
    await harness.fixture.whenStable();
    backend.expectOne('/api/budget/comparison?from=2024&to=2026').flush(aComparison());
    await harness.fixture.whenStable();
    const nav = await TestbedHarnessEnvironment.loader(harness.fixture).getHarness(MatTabNavBarHarness);
    expect(await (await nav.getActiveLink()).getLabel()).toBe('Comparaison');
    expect(await Promise.all((await nav.getLinks()).map((l) => l.getLabel()))).toContain('Exécution');
  });
});
