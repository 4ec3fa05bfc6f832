import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import type { AccountingImportResult, BudgetDecision, BudgetLine, Commitment, FiscalYear, Payment, Role } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { anExecution, aFiscalYear } from './budget-execution.fixture';
import { DecisionsPage } from './decisions-page';
import { EntriesPage } from './entries-page';

const line: BudgetLine = {
  id: 3,
  year: 2026,
  code: 'FONC-01',
  label: 'Déplacements',
  envelope: 'fonctionnement',
  missionArea: 'support',
  fundingSourceId: 1,
  createdAt: '2025-12-01T09:00:00.000Z',
  updatedAt: '2025-12-01T09:00:00.000Z',
  version: 1,
};

const commitment: Commitment = {
  id: 12,
  year: 2026,
  lineId: 3,
  committedOn: '2026-02-15',
  thirdParty: 'UGAP',
  object: 'Fournitures',
  reference: 'BC-12',
  amountCents: 100_000,
  reversesId: null,
  reason: null,
  paidCents: 40_000,
  createdAt: '2026-02-15T10:00:00.000Z',
};

const payment: Payment = {
  id: 20,
  year: 2026,
  lineId: 3,
  paidOn: '2026-03-01',
  commitmentId: 12,
  kind: 'invoice',
  reference: null,
  amountCents: 40_000,
  reversesId: null,
  reason: null,
  createdAt: '2026-03-01T10:00:00.000Z',
};

const decision: BudgetDecision = {
  deliberation: null,
  id: 5,
  year: 2026,
  kind: 'initial',
  code: 'BI',
  decidedOn: '2026-01-10',
  reference: null,
  rationale: null,
  status: 'adopted',
  adoptedAt: '2026-01-10T10:00:00.000Z',
  entries: [{ lineId: 3, aeDeltaCents: 1_000_000, cpDeltaCents: 1_000_000 }],
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-10T10:00:00.000Z',
  version: 2,
};

describe('Budget files on the entries and decisions pages', () => {
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;
  let snackBar: jasmine.Spy;

  function setUp(role: Role) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
  }

  async function answerEntries(fixture: ComponentFixture<unknown>) {
    backend.expectOne({ method: 'GET', url: '/api/budget/lines?year=2026' }).flush([line]);
    backend.expectOne({ method: 'GET', url: '/api/budget/commitments?year=2026' }).flush([commitment]);
    backend.expectOne({ method: 'GET', url: '/api/budget/payments?year=2026' }).flush([payment]);
    backend.expectOne({ method: 'GET', url: '/api/budget/2026/execution' }).flush({ ...anExecution(), year: 2026 });
    await fixture.whenStable();
  }

  async function openEntries(role: Role, years: FiscalYear[] = [aFiscalYear(2026)]) {
    setUp(role);
    const fixture = TestBed.createComponent(EntriesPage);
    fixture.componentRef.setInput('annee', '2026');
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/budget/fiscal-years' }).flush(years);
    await fixture.whenStable();
    await answerEntries(fixture);
    return fixture;
  }

  const withLabel = (label: string) => loader.getAllHarnesses(MatButtonHarness.with({ selector: `[aria-label="${label}"]` }));
  const writeButtons = () => loader.getAllHarnesses(MatButtonHarness.with({ text: /Nouvel engagement|Nouveau paiement|Importer un export comptable|Payer|Annuler/ }));

  afterEach(() => backend.verify());

  it('gives the board the Excel downloads and the documents of each entry, read-only, and no write button', async () => {
    const fixture = await openEntries('board');
    const page = fixture.nativeElement as HTMLElement;
    const links = [...page.querySelectorAll('a[download]')] as HTMLAnchorElement[];
    expect(links.map((a) => [a.textContent?.replace(/download|\s+/g, ' ').trim(), a.getAttribute('href')])).toEqual([
      ['Exporter les engagements (Excel)', '/api/budget/commitments.xlsx?year=2026'],
      ['Exporter les paiements (Excel)', '/api/budget/payments.xlsx?year=2026'],
    ]);
    expect(await writeButtons()).toEqual([]);

    const [attachments] = await withLabel('Pièces justificatives de l’engagement BC-12');
    await attachments.click();
    backend.expectOne({ method: 'GET', url: '/api/budget/commitments/12/attachments' }).flush([]);
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Pièces justificatives de l’engagement BC-12');
    expect(await dialog.getAllHarnesses(MatButtonHarness.with({ text: /Joindre|Retirer/ }))).toEqual([]);
    expect(document.querySelector('.mat-mdc-dialog-container input[type=file]')).toBeNull();
    await dialog.close();

    // Payments are named by their reference, or their date when they have none.
    const tabs = await loader.getHarness(MatTabGroupHarness);
    await tabs.selectTab({ label: /Paiements/ });
    await (await withLabel('Pièces justificatives du paiement du 01/03/2026'))[0].click();
    backend.expectOne({ method: 'GET', url: '/api/budget/payments/20/attachments' }).flush([]);
    await (await rootLoader.getHarness(MatDialogHarness)).close();
  });

  it('follows the line filter in the Excel downloads', async () => {
    const fixture = await openEntries('finance');
    const lineField = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Ligne' }));
    await (await lineField.getControl(MatSelectHarness))!.clickOptions({ text: /FONC-01/ });
    await fixture.whenStable();
    const hrefs = [...(fixture.nativeElement as HTMLElement).querySelectorAll('a[download]')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['/api/budget/commitments.xlsx?year=2026&lineId=3', '/api/budget/payments.xlsx?year=2026&lineId=3']);
  });

  it('offers finance the import in an open year, then says what was recorded and reloads the entries', async () => {
    const fixture = await openEntries('finance');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Importer un export comptable/ }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Importer un export comptable — exercice 2026');
    const result: AccountingImportResult = {
      dryRun: false,
      applied: true,
      problems: [],
      commitmentsCents: 50_000,
      paymentsCents: 0,
      receiptsCents: 0,
      entries: [
        {
          location: 'Fichier CSV, ligne 2',
          kind: 'commitment',
          date: '2026-04-01',
          lineCode: 'FONC-01',
          lineId: 3,
          sourceCode: null,
          thirdParty: 'SNCF',
          object: 'Billets',
          reference: 'BC-13',
          amountCents: 50_000,
          commitmentReference: null,
          paymentKind: 'invoice',
          id: 13,
        },
      ],
    };
    // Closed without importing: nothing said, nothing reloaded.
    await dialog.close();
    await fixture.whenStable();
    expect(snackBar).not.toHaveBeenCalled();
    backend.expectNone('/api/budget/lines?year=2026');

    await (await loader.getHarness(MatButtonHarness.with({ text: /Importer un export comptable/ }))).click();
    const again = await rootLoader.getHarness(MatDialogHarness);
    const picker = document.querySelector('app-accounting-import-dialog input[type=file]') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['date;ligne;type;tiers;objet;reference;montant\n'], 'export.csv'));
    picker.files = transfer.files;
    picker.dispatchEvent(new Event('change'));
    await (await again.getHarness(MatButtonHarness.with({ text: /Vérifier le fichier/ }))).click();
    backend.expectOne((req) => req.url === '/api/budget/2026/accounting-import' && req.params.get('dryRun') === 'true').flush({ ...result, dryRun: true, applied: false });
    await (await again.getHarness(MatButtonHarness.with({ text: /^\s*(publish)?\s*Importer$/ }))).click();
    backend.expectOne((req) => req.url === '/api/budget/2026/accounting-import' && req.params.get('dryRun') === 'false').flush(result);
    await fixture.whenStable();
    expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
    expect(snackBar).toHaveBeenCalledOnceWith('Import enregistré : 1 engagement pour 500,00\u00a0€, aucun paiement pour 0,00\u00a0€.', 'Fermer', { duration: 8000 });
    await answerEntries(fixture);
  });

  it('offers no import in a closed year, but still the documents and the downloads', async () => {
    await openEntries('finance', [aFiscalYear(2026, 'closed')]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Importer un export comptable/ }))).toEqual([]);
    expect((await withLabel('Pièces justificatives de l’engagement BC-12')).length).toBe(1);
  });

  it('opens the documents of a decision, writable for finance in an open year', async () => {
    setUp('finance');
    const fixture = TestBed.createComponent(DecisionsPage);
    fixture.componentRef.setInput('annee', '2026');
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/budget/fiscal-years' }).flush([aFiscalYear(2026)]);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/budget/decisions?year=2026' }).flush([decision]);
    backend.expectOne({ method: 'GET', url: '/api/budget/lines?year=2026' }).flush([line]);
    await fixture.whenStable();
    await (await withLabel('Pièces justificatives de la décision BI'))[0].click();
    backend.expectOne({ method: 'GET', url: '/api/budget/decisions/5/attachments' }).flush([]);
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Pièces justificatives de la décision BI');
    expect((await dialog.getAllHarnesses(MatButtonHarness.with({ text: /Joindre le fichier/ }))).length).toBe(1);
    await dialog.close();
  });
});
