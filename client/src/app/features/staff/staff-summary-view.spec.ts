import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { StaffSummary } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { StaffSummaryView } from './staff-summary-view';

const etpt = (num: number, den: number, display: string) => ({ num, den, display });

const summary = (ceiling: { ceilingEtptBp: number | null; version: number | null }): StaffSummary => ({
  year: 2026,
  detail: 'full',
  people: [],
  headcount: 5,
  totalEtpt: etpt(46, 10, '4,60'),
  totalCostCents: 30_000_000,
  byLine: [],
  staffCostNote: null,
  byFunder: [],
  byMission: [],
  migPosts: [],
  ceiling: {
    ...ceiling,
    paidByGroupingEtpt: etpt(42, 10, '4,20'),
    secondedWithoutReimbursementEtpt: etpt(4, 10, '0,40'),
    overCeiling: ceiling.ceilingEtptBp !== null && ceiling.ceilingEtptBp < 42_000,
  },
  secondedInKind: [],
  secondedInKindTotalCents: 0,
  secondedInKindTotalMasked: null,
  otherInKindTotalCents: 0,
});

/** fr-FR numbers use (narrow) no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ').replace(/\s+/g, ' ').trim();

describe('StaffSummaryView, the voted ceiling', () => {
  let fixture: ComponentFixture<StaffSummaryView>;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;
  let snackBar: jasmine.Spy;

  const expectSummary = (): TestRequest => backend.expectOne({ method: 'GET', url: '/api/staff/2026/summary' });
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const text = () => plain(fixture.nativeElement.textContent as string);
  const ceilingFigure = () => plain((fixture.nativeElement as HTMLElement).querySelector('.figure:nth-child(4) .figure-value')?.textContent ?? '');

  async function open(answer: StaffSummary, writable: boolean) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open').and.callThrough();
    fixture = TestBed.createComponent(StaffSummaryView);
    fixture.componentRef.setInput('year', 2026);
    fixture.componentRef.setInput('writable', writable);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    expectSummary().flush(answer);
    await settle();
  }

  afterEach(() => backend.verify());

  it('tells finance to enter the ceiling when none is set, and sends « 4,5 » ETPT as 45 000 basis points with no version', async () => {
    await open(summary({ ceilingEtptBp: null, version: null }), true);
    expect(ceilingFigure()).toBe('4,20 / non fixé');
    expect(text()).toContain(
      'Aucun plafond d’emplois n’est saisi pour 2026 : saisissez le plafond voté, en ETPT (par exemple 4,5), pour comparer les 4,20 ETPT payés par le GIP.',
    );
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Modifier le plafond' }))).toEqual([]);

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Saisir le plafond' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Plafond d’emplois 2026');
    const input = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=ceiling]' }));
    expect(await input.getValue()).toBe('');
    await input.setValue('4,5');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();

    const put = backend.expectOne({ method: 'PUT', url: '/api/staff/ceilings/2026' });
    expect(put.request.body).toEqual({ ceilingEtptBp: 45_000 });
    put.flush({ year: 2026, ceilingEtptBp: 45_000, version: 1 });
    await settle();
    expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
    expect(snackBar).toHaveBeenCalledWith('Plafond d’emplois 2026 enregistré : 4,50 ETPT.', 'Fermer', jasmine.any(Object));
    expectSummary().flush(summary({ ceilingEtptBp: 45_000, version: 1 }));
    await settle();
    expect(ceilingFigure()).toBe('4,20 / 4,50');
    expect(text()).not.toContain('Aucun plafond d’emplois');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Modifier le plafond' }))).toHaveSize(1);
  });

  it('refuses a ceiling that is not a number of ETPT with two decimals at most, in French, sending nothing', async () => {
    await open(summary({ ceilingEtptBp: null, version: null }), true);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Saisir le plafond' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    const input = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=ceiling]' }));
    const field = await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Plafond (ETPT)' }));
    const save = await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }));
    await save.click();
    expect(await field.getTextErrors()).toEqual(['Ce champ est obligatoire.']);
    await input.setValue('4,125');
    await save.click();
    expect(await field.getTextErrors()).toEqual(['Deux décimales au plus (par exemple 4,75).']);
    await input.setValue('-2');
    await save.click();
    expect(await field.getTextErrors()).toEqual(['Le plafond ne peut pas être négatif.']);
    backend.expectNone((req) => req.method === 'PUT');
    await dialog.close();
  });

  it('changes the ceiling with the version read; after a 409 reloads the summary and says what it is now', async () => {
    await open(summary({ ceilingEtptBp: 110_000, version: 3 }), true);
    expect(ceilingFigure()).toBe('4,20 / 11,00');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Modifier le plafond' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    const input = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=ceiling]' }));
    expect(await input.getValue()).toBe('11');
    await input.setValue('11,25');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();

    const put = backend.expectOne({ method: 'PUT', url: '/api/staff/ceilings/2026' });
    expect(put.request.body).toEqual({ ceilingEtptBp: 112_500, version: 3 });
    put.flush(
      {
        error: {
          code: 'conflict',
          message: 'Ce plafond d’emplois a été modifié par quelqu’un d’autre entre-temps.',
          fields: [{ path: 'version', message: 'Version périmée.' }],
        },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
    expectSummary().flush(summary({ ceilingEtptBp: 120_000, version: 4 }));
    await settle();
    expect(ceilingFigure()).toBe('4,20 / 12,00');
    expect(plain(snackBar.calls.mostRecent().args[0] as string)).toBe(
      'Le plafond d’emplois 2026 a été modifié par quelqu’un d’autre entre-temps (« 11,00 ETPT » → « 12,00 ETPT »). La synthèse a été rechargée : reprenez votre modification si besoin.',
    );
  });

  it('shows the server’s refusal (a year closed meanwhile) in the dialog, which stays open', async () => {
    await open(summary({ ceilingEtptBp: 110_000, version: 3 }), true);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Modifier le plafond' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=ceiling]' }))).setValue('12');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
    backend
      .expectOne({ method: 'PUT', url: '/api/staff/ceilings/2026' })
      .flush({ error: { code: 'conflict', message: 'L’exercice 2026 est clos : il est en lecture seule.' } }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(plain(await dialog.getText())).toContain('L’exercice 2026 est clos : il est en lecture seule.');
    await dialog.close();
  });

  it('lets the board read the ceiling, with nothing to change', async () => {
    await open(summary({ ceilingEtptBp: 40_000, version: 2 }), false);
    expect(ceilingFigure()).toContain('4,20 / 4,00');
    expect(text()).toContain('Au-delà du plafond d’emplois voté');
    expect(await loader.getAllHarnesses(MatButtonHarness)).toEqual([]);
  });

  it('tells the board plainly when no ceiling is set, with no invitation to enter it', async () => {
    await open(summary({ ceilingEtptBp: null, version: null }), false);
    expect(text()).toContain('Aucun plafond d’emplois n’est saisi pour 2026.');
    expect(text()).not.toContain('saisissez');
    expect(await loader.getAllHarnesses(MatButtonHarness)).toEqual([]);
  });
});
