import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { Router } from '@angular/router';
import type { BudgetExecution, FiscalYear } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { BudgetExecutionPage } from './budget-execution-page';
import { aFiscalYear, anExecution } from './budget-execution.fixture';

/** The words a reader sees, icons left out, spaces (U+00A0 included) squashed to one. */
function words(element: Element): string {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('mat-icon')) parts.push(node.textContent ?? '');
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('BudgetExecutionPage', () => {
  let fixture: ComponentFixture<BudgetExecutionPage>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let snackBar: jasmine.Spy;

  const years: FiscalYear[] = [aFiscalYear(2025, 'closed'), aFiscalYear(2026)];

  async function open(annee: string | undefined, fiscalYears: FiscalYear[] = years) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser('finance'));
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    fixture = TestBed.createComponent(BudgetExecutionPage);
    if (annee) fixture.componentRef.setInput('annee', annee);
    loader = TestbedHarnessEnvironment.loader(fixture);
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
    expect(headers).toEqual([
      'Ligne',
      'AE ouvertes',
      'Engagé',
      'Taux d’engagement',
      'CP ouverts',
      'Payé',
      'Reste à payer',
      'Taux d’exécution (CP)',
      'Atterrissage des paiements',
      'Alertes',
    ]);
    const rows = await table.getRows();
    expect(rows).toHaveSize(2);
    const cells = (await rows[1].getCellTextByIndex()).map(squash);
    expect(cells.slice(0, 9)).toEqual([
      'FONC-01 Déplacements',
      '10 000,00 €',
      '9 500,00 €',
      '95 %',
      '10 000,00 €',
      '5 000,00 €',
      '5 000,00 €',
      '50 %',
      '—',
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
    expect(row.slice(0, 3)).toEqual(['Dotation MIG', '280 000,00 €', '248 164,00 €']);
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
});
