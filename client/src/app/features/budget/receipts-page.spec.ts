import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableHarness } from '@angular/material/table/testing';
import { type FiscalYear, type FundingReceipt, type ReceiptsOfYear, type Role, formatEuros } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { aFiscalYear } from './budget-execution.fixture';
import { ReceiptsPage } from './receipts-page';

const receipt = (overrides: Partial<FundingReceipt>): FundingReceipt => ({
  id: 1,
  fundingSourceId: 1,
  year: 2026,
  receivedOn: '2026-04-15',
  reference: 'TR-1',
  amountCents: 14_000_000,
  reversesId: null,
  reason: null,
  netCents: 14_000_000,
  attachmentCount: 0,
  createdAt: '2026-04-15T10:00:00.000Z',
  ...overrides,
});

const aYear = (): ReceiptsOfYear => ({
  year: 2026,
  openingCash: null,
  sources: [
    { fundingSourceId: 2, code: 'MIN-ARMEES', label: 'Armées', inKind: true, notifiedCents: 21_000_000, collectedCents: 0, toCollectCents: 0, receipts: [] },
    {
      fundingSourceId: 1,
      code: 'MIG-H15',
      label: 'MIG H15',
      inKind: false,
      notifiedCents: 28_000_000,
      collectedCents: 13_950_000,
      toCollectCents: 14_050_000,
      receipts: [
        receipt({ netCents: 13_950_000, attachmentCount: 1 }),
        receipt({ id: 2, receivedOn: '2026-04-20', amountCents: -50_000, reversesId: 1, reason: 'Doublon', netCents: 0 }),
      ],
    },
  ],
  notifiedCents: 28_000_000,
  collectedCents: 13_950_000,
});

describe('ReceiptsPage', () => {
  let fixture: ComponentFixture<ReceiptsPage>;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController | undefined;
  let snackBar: jasmine.Spy;

  async function open(role: Role, years: FiscalYear[] = [aFiscalYear(2026)], data: ReceiptsOfYear = aYear()) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    fixture = TestBed.createComponent(ReceiptsPage);
    fixture.componentRef.setInput('annee', '2026');
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/budget/fiscal-years' }).flush(years);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/budget/receipts?year=2026' }).flush(data);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

  afterEach(() => backend?.verify());

  it('shows notified, collected and to collect per source, in-kind sources without cash, and every entry by date', async () => {
    const page = await open('board');
    expect([...page.querySelectorAll('.figure')].map((f) => [...f.children].map((c) => squash(c.textContent)).join(' '))).toEqual([
      'Notifié (hors nature) 280 000,00 €',
      'Encaissé 139 500,00 €',
      'Reste à encaisser 140 500,00 €',
      'Trésorerie au 1er janvier Non saisie',
    ]);
    const [bySource, entries] = await loader.getAllHarnesses(MatTableHarness);
    expect((await bySource.getCellTextByIndex()).map((row) => row.map(squash))).toEqual([
      ['MIN-ARMEES Armées', '210 000,00 € Valorisation issue des fiches de personnel mis à disposition', 'En nature : sans encaissement', '—'],
      ['MIG-H15 MIG H15', '280 000,00 €', '139 500,00 €', '140 500,00 €'],
    ]);
    expect((await entries.getCellTextByIndex()).map((row) => row.slice(0, 4).map(squash))).toEqual([
      ['15/04/2026', 'MIG-H15', 'TR-1', '140 000,00 €'],
      ['20/04/2026', 'MIG-H15', 'TR-1 — annulation : Doublon', '-500,00 €'],
    ]);
    // The board reads: documents, but nothing to record or reverse.
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Nouvelle recette|^Annuler$|trésorerie/ }))).toEqual([]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Pièces \(1\)/ }))).toHaveSize(1);
  });

  it('lets finance record a receipt of a cash source, then says so and reloads', async () => {
    await open('finance');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Nouvelle recette/ }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Nouvelle recette encaissée — 2026');
    const select = await dialog.getHarness(MatSelectHarness);
    await select.open();
    // In-kind sources collect no cash: not offered.
    expect((await select.getOptions()).length).toBe(1);
    await select.clickOptions({ text: /MIG-H15/ });
    const inputs = await dialog.getAllHarnesses(MatInputHarness);
    await inputs[0].setValue('15/10/2026');
    await inputs[1].setValue('140 500');
    await inputs[2].setValue('TR-2');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer la recette' }))).click();
    const request = backend!.expectOne({ method: 'POST', url: '/api/budget/receipts' });
    expect(request.request.body).toEqual({ fundingSourceId: 1, receivedOn: '2026-10-15', amountCents: 14_050_000, reference: 'TR-2' });
    request.flush(receipt({ id: 3, receivedOn: '2026-10-15', amountCents: 14_050_000, reference: 'TR-2' }));
    await fixture.whenStable();
    expect(snackBar).toHaveBeenCalledOnceWith(`Recette de ${formatEuros(14_050_000)} enregistrée (TR-2).`, 'Fermer', { duration: 6000 });
    backend!.expectOne({ method: 'GET', url: '/api/budget/receipts?year=2026' }).flush(aYear());
  });

  it('lets finance record then correct the cash on 1 January, with the version read', async () => {
    await open('finance');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Saisir la trésorerie au 1er janvier' }))).click();
    let dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Trésorerie au 1er janvier 2026');
    let [amount, reference] = await dialog.getAllHarnesses(MatInputHarness);
    await amount.setValue('-1 234,50');
    await reference.setValue('Compte financier 2025');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
    let request = backend!.expectOne({ method: 'PUT', url: '/api/budget/fiscal-years/2026/opening-cash' });
    expect(request.request.body).toEqual({ amountCents: -123_450, reference: 'Compte financier 2025' });
    request.flush({ year: 2026, amountCents: -123_450, reference: 'Compte financier 2025', version: 1 });
    await fixture.whenStable();
    expect(snackBar).toHaveBeenCalledOnceWith(`Trésorerie au 1er janvier 2026 : ${formatEuros(-123_450)}.`, 'Fermer', { duration: 5000 });
    backend!.expectOne({ method: 'GET', url: '/api/budget/receipts?year=2026' }).flush({ ...aYear(), openingCash: { year: 2026, amountCents: -123_450, reference: 'Compte financier 2025', version: 1 } });
    await fixture.whenStable();

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Corriger la trésorerie au 1er janvier' }))).click();
    dialog = await rootLoader.getHarness(MatDialogHarness);
    [amount, reference] = await dialog.getAllHarnesses(MatInputHarness);
    expect(await reference.getValue()).toBe('Compte financier 2025');
    await amount.setValue('315 000');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
    request = backend!.expectOne({ method: 'PUT', url: '/api/budget/fiscal-years/2026/opening-cash' });
    expect(request.request.body).toEqual({ amountCents: 31_500_000, reference: 'Compte financier 2025', version: 1 });
    request.flush({ year: 2026, amountCents: 31_500_000, reference: 'Compte financier 2025', version: 2 });
    await fixture.whenStable();
    backend!.expectOne({ method: 'GET', url: '/api/budget/receipts?year=2026' }).flush(aYear());
  });

  it('says what to do when nothing is notified for the year', async () => {
    const page = await open('finance', undefined, { year: 2026, openingCash: null, sources: [], notifiedCents: 0, collectedCents: 0 });
    expect(squash(page.textContent)).toContain('Aucun montant notifié pour 2026 : saisissez les notifications dans l’onglet « Financements », puis les recettes ici.');
    expect(await (await loader.getHarness(MatButtonHarness.with({ text: /Nouvelle recette/ }))).isDisabled()).toBeTrue();
  });
});
