import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableHarness } from '@angular/material/table/testing';
import type { CollectionImportResult, Unit } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { CSV_TYPE, XLSX_TYPE, templateUrl, uploadTypeOf } from './collection-import-api';
import { CollectionImportPage } from './collection-import-page';
import { countText, fileSizeText, importedValueText } from './imported-value';

const unit: Unit = {
  id: 4,
  code: 'CRP-HDF',
  name: 'CRP Hauts-de-France',
  region: 'Hauts-de-France',
  hostInstitution: 'CHU de Lille',
  kind: 'crp',
  openedOn: '2019-01-01',
  closedOn: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
};

const result = (overrides: Partial<CollectionImportResult> = {}): CollectionImportResult => ({
  dryRun: true,
  changes: [
    { period: '2026-Q1', indicatorCode: 'ACT_FA', optionCode: 'mineur', label: 'File active — Mineurs', before: null, after: 1234 },
    { period: '2026', indicatorCode: 'NET_MAP', optionCode: null, label: 'Cartographie à jour', before: false, after: true },
  ],
  unchanged: 7,
  problems: [],
  applied: false,
  ...overrides,
});

const IMPORT_URL = '/api/units/4/campaigns/2026/import';
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('CollectionImportPage', () => {
  let fixture: ComponentFixture<CollectionImportPage>;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CollectionImportPage);
    fixture.componentRef.setInput('unitId', '4');
    fixture.componentRef.setInput('year', '2026');
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/units/4' }).flush(unit);
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => backend.verify());

  /** Chooses a file through the page's file input, as the browser does. */
  async function chooseFile(name: string, content: BlobPart = 'PK…', size?: number) {
    const file = size === undefined ? new File([content], name) : new File([new Uint8Array(size)], name);
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const picker = page.querySelector('input[type=file]') as HTMLInputElement;
    picker.files = transfer.files;
    picker.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    return file;
  }

  const button = (text: RegExp) => loader.getHarness(MatButtonHarness.with({ text }));

  async function verify(): Promise<TestRequest> {
    await (await button(/Vérifier le fichier/)).click();
    return backend.expectOne((req) => req.method === 'POST' && req.url === IMPORT_URL);
  }

  it('names the unit and the campaign, links the template, and accepts only .xlsx and .csv files', async () => {
    expect(squash(page.querySelector('.subtitle')?.textContent)).toBe('CRP Hauts-de-France — campagne 2026');
    const link = page.querySelector('a[download]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/units/4/campaigns/2026/template.xlsx');
    expect(squash(link.textContent)).toContain('Télécharger le modèle Excel');
    expect((page.querySelector('input[type=file]') as HTMLInputElement).accept).toBe('.xlsx,.csv');
    expect(await (await button(/Vérifier le fichier/)).isDisabled()).toBeTrue();
  });

  it('checks the file (dry run) and shows the changes, old → new, in French, then offers to import them', async () => {
    const file = await chooseFile('saisie-CRP-HDF-2026.xlsx');
    expect(squash(page.textContent)).toContain('saisie-CRP-HDF-2026.xlsx (5 octets)');
    const request = await verify();
    expect(request.request.params.get('dryRun')).toBe('true');
    expect(request.request.headers.get('Content-Type')).toBe(XLSX_TYPE);
    expect(request.request.body).toBe(file);
    await fixture.whenStable();
    expect(await (await loader.getHarness(MatProgressBarHarness)).getMode()).toBe('indeterminate');
    expect(squash(page.querySelector('.progress')?.textContent)).toBe('Vérification du fichier…');
    expect(await (await button(/Vérifier le fichier/)).isDisabled()).toBeTrue();

    request.flush(result());
    await fixture.whenStable();
    expect(await loader.getAllHarnesses(MatProgressBarHarness)).toEqual([]);
    expect(squash(page.querySelector('.summary')?.textContent)).toBe('2 modifications · 7 valeurs inchangées · aucun problème. Rien n’a encore été enregistré.');
    const table = await loader.getHarness(MatTableHarness.with({ selector: '.changes' }));
    const cells = await table.getCellTextByColumnName();
    expect(cells['period'].text).toEqual(['1er trimestre 2026', 'Année 2026']);
    expect(cells['indicator'].text.map(squash)).toEqual(['File active — Mineurs ACT_FA / mineur', 'Cartographie à jour NET_MAP']);
    expect(cells['before'].text).toEqual(['vide', 'Non']);
    expect(cells['after'].text).toEqual(['1\u00A0234', 'Oui']);
    expect(await (await button(/Importer ces 2 modifications/)).isDisabled()).toBeFalse();
  });

  it('imports after confirmation, shows progress then the success message; nothing is sent when cancelled', async () => {
    const file = await chooseFile('saisie.xlsx');
    (await verify()).flush(result());
    await fixture.whenStable();

    await (await button(/Importer ces 2 modifications/)).click();
    let dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Importer 2 modifications ?');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Annuler' }))).click();
    await fixture.whenStable();
    backend.expectNone((req) => req.method === 'POST');

    await (await button(/Importer ces 2 modifications/)).click();
    dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getContentText()).toContain('« saisie.xlsx »');
    expect(await dialog.getContentText()).toContain('CRP Hauts-de-France pour la campagne 2026');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Importer' }))).click();
    await fixture.whenStable();
    const request = backend.expectOne((req) => req.method === 'POST' && req.url === IMPORT_URL);
    expect(request.request.params.get('dryRun')).toBe('false');
    expect(request.request.body).toBe(file);
    expect(squash(page.querySelector('.progress')?.textContent)).toBe('Import en cours…');

    request.flush(result({ dryRun: false, applied: true }));
    await fixture.whenStable();
    expect(squash(page.querySelector('.success')?.textContent)).toContain('2 modifications importées pour CRP Hauts-de-France, campagne 2026.');
    expect(page.querySelector('.changes')).toBeNull();
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Importer ces/ }))).toEqual([]);
  });

  it('lists the problems by location and offers no import while any remains', async () => {
    await chooseFile('saisie.xlsx');
    (await verify()).flush(
      result({
        changes: [result().changes[0]],
        problems: [
          { location: 'Feuille Trimestres, ligne 4, colonne G', message: 'File active — Adultes : Nombre entier attendu.' },
          { location: 'Feuille Année, ligne 3, colonne G', message: 'Cartographie à jour : Réponse attendue : oui ou non.' },
        ],
      }),
    );
    await fixture.whenStable();
    const problems = await (await loader.getHarness(MatTableHarness.with({ selector: '.problems' }))).getCellTextByColumnName();
    expect(problems['location'].text).toEqual(['Feuille Trimestres, ligne 4, colonne G', 'Feuille Année, ligne 3, colonne G']);
    expect(problems['message'].text).toEqual(['File active — Adultes : Nombre entier attendu.', 'Cartographie à jour : Réponse attendue : oui ou non.']);
    expect(squash(page.textContent)).toContain('rien ne sera importé tant qu’il reste un problème');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Importer ces/ }))).toEqual([]);
  });

  it('shows a refused file on the page (no snackbar), and the problems found at confirmation', async () => {
    const snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    await chooseFile('abime.xlsx');
    (await verify()).flush(
      { error: { code: 'validation_failed', message: 'Le classeur est endommagé et ne peut pas être lu : enregistrez-le de nouveau au format .xlsx puis réessayez.' } },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(squash(page.querySelector('.refusal')?.textContent)).toBe(
      'error Fichier refusé Le classeur est endommagé et ne peut pas être lu : enregistrez-le de nouveau au format .xlsx puis réessayez.',
    );
    expect(snackBar).not.toHaveBeenCalled();

    // Checked fine, then a value changed before the confirmation: 422 with the located problems.
    await chooseFile('saisie.xlsx');
    expect(page.querySelector('.refusal')).toBeNull();
    (await verify()).flush(result());
    await fixture.whenStable();
    await (await button(/Importer ces 2 modifications/)).click();
    await (await (await rootLoader.getHarness(MatDialogHarness)).getHarness(MatButtonHarness.with({ text: 'Importer' }))).click();
    await fixture.whenStable();
    backend.expectOne((req) => req.url === IMPORT_URL).flush(
      {
        error: {
          code: 'validation_failed',
          message: 'Le fichier contient 1 problème : rien n’a été importé. Corrigez-le puis vérifiez-le de nouveau.',
          fields: [{ path: 'Feuille Trimestres, ligne 5, colonne G', message: 'Nouveaux patients (1er trimestre 2026) : La saisie est transmise.' }],
        },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    const problems = await (await loader.getHarness(MatTableHarness.with({ selector: '.problems' }))).getCellTextByColumnName();
    expect(problems['location'].text).toEqual(['Feuille Trimestres, ligne 5, colonne G']);
    expect(squash(page.querySelector('.refusal p')?.textContent)).toContain('rien n’a été importé');
    expect(page.querySelector('.success')).toBeNull();
    expect(snackBar).not.toHaveBeenCalled();
  });

  it('refuses other files and files over 5 MB before sending them, and sends a CSV as text/csv', async () => {
    await chooseFile('rapport.pdf');
    expect(squash(page.querySelector('[role=alert]')?.textContent)).toBe('« rapport.pdf » n’est ni un classeur .xlsx ni un fichier .csv.');
    expect(await (await button(/Vérifier le fichier/)).isDisabled()).toBeTrue();

    await chooseFile('gros.xlsx', undefined, 5 * 1024 * 1024 + 1);
    expect(squash(page.querySelector('[role=alert]')?.textContent)).toBe('Fichier trop volumineux (5 Mo) : 5 Mo au plus.');
    expect(await (await button(/Vérifier le fichier/)).isDisabled()).toBeTrue();

    await chooseFile('valeurs.CSV', 'indicateur;modalite;periode;valeur\n');
    const request = await verify();
    expect(request.request.headers.get('Content-Type')).toBe(CSV_TYPE);
    request.flush(result({ changes: [] }));
    await fixture.whenStable();
    expect(squash(page.textContent)).toContain('Le fichier ne change aucune valeur : il n’y a rien à importer.');
  });
});

describe('collection import helpers', () => {
  it('builds the template link and the media type of a file from its extension', () => {
    expect(templateUrl(12, 2027)).toBe('/api/units/12/campaigns/2027/template.xlsx');
    expect(uploadTypeOf('Saisie.XLSX')).toBe(XLSX_TYPE);
    expect(uploadTypeOf('valeurs.csv')).toBe(CSV_TYPE);
    expect(uploadTypeOf('ancien.xls')).toBeNull();
    expect(uploadTypeOf('csv')).toBeNull();
  });

  it('writes values, sizes and counts in French', () => {
    expect(importedValueText(null)).toBe('vide');
    expect(importedValueText(1234567.5)).toBe('1\u00A0234\u00A0567,5');
    expect(importedValueText(true)).toBe('Oui');
    expect(importedValueText('Deux antennes')).toBe('Deux antennes');
    expect(fileSizeText(1)).toBe('1 octet');
    expect(fileSizeText(12_700)).toBe('12,4 Ko');
    expect(fileSizeText(5_033_165)).toBe('4,8 Mo');
    expect(countText(0, 'problème')).toBe('aucun problème');
    expect(countText(0, 'modification', 'modifications', true)).toBe('aucune modification');
    expect(countText(1, 'modification')).toBe('1 modification');
    expect(countText(1500, 'valeur inchangée', 'valeurs inchangées')).toBe('1\u00A0500 valeurs inchangées');
  });
});
