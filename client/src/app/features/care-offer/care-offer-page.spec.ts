import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Router } from '@angular/router';
import type { CareOffer, CareOfferHistoryItem, Role } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { CareOfferPage } from './care-offer-page';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

const anEntry = (overrides: Partial<CareOffer> = {}): CareOffer => ({
  id: 1,
  name: 'Consultation Les Tilleuls',
  kind: 'specialised_consultation',
  address: '12 rue des Tilleuls',
  communeInsee: '69123',
  commune: 'Lyon',
  latitude: 45.764,
  longitude: 4.8357,
  public: 'all',
  care: ['evaluation', 'psychotherapy'],
  access: 'referral',
  phone: '04 72 00 00 00',
  website: null,
  unitId: 2,
  unitName: 'CRP Auvergne-Rhône-Alpes',
  region: 'Auvergne-Rhône-Alpes',
  checkedOn: '2026-03-15',
  status: 'proposed',
  returnMessage: null,
  publishedAt: null,
  createdAt: '2026-03-15T10:00:00.000Z',
  updatedAt: '2026-03-15T10:00:00.000Z',
  version: 1,
  ...overrides,
});

const units = [
  { id: 1, code: 'CRP-IDF', name: 'CRP Île-de-France', region: 'Île-de-France', kind: 'crp', hostInstitution: null, openedOn: '2019-01-01', closedOn: null, createdAt: '', updatedAt: '', version: 1 },
  { id: 2, code: 'CRP-ARA', name: 'CRP Auvergne-Rhône-Alpes', region: 'Auvergne-Rhône-Alpes', kind: 'crp', hostInstitution: null, openedOn: '2019-01-01', closedOn: null, createdAt: '', updatedAt: '', version: 1 },
];

describe('CareOfferPage', () => {
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;

  async function openAs(role: Role, list: CareOffer[]) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    const fixture = TestBed.createComponent(CareOfferPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    backend.expectOne('/api/units').flush(units);
    backend.expectOne('/api/care-offer').flush(list);
    await fixture.whenStable();
    return fixture;
  }

  afterEach(() => backend.verify());

  it('lists the structures with their status; a lead corrects its proposal but cannot publish', async () => {
    const fixture = await openAs('unit_lead', [anEntry(), anEntry({ id: 2, name: 'CUMP du Rhône', kind: 'cump', status: 'published', unitId: 9, unitName: 'CRP Autre' })]);
    const rows = [...(fixture.nativeElement as HTMLElement).querySelectorAll('tbody tr')].map((tr) => squash(tr.textContent ?? ''));
    expect(rows[0]).toContain('Consultation Les Tilleuls');
    expect(rows[0]).toContain('Proposée');
    expect(rows[0]).toContain('15/03/2026');
    expect(rows[1]).toContain('Publiée');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Corriger' }))).toHaveSize(1);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Publier' }))).toHaveSize(0);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Proposer une structure/ }))).toHaveSize(1);
  });

  it('a lead proposes a structure: the dialog says no person’s name, checks the fields, and sends decimals typed with a comma', async () => {
    const fixture = await openAs('unit_lead', []);
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Aucune structure référencée pour l’instant.');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Proposer une structure/ }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getText()).toContain('jamais le nom d’une personne');
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Proposer la structure' }))).click();
    backend.expectNone('/api/care-offer');
    const input = (label: string) => dialog.getHarness(MatInputHarness.with({ selector: `[formControlName="${label}"]` }));
    await (await input('name')).setValue('Centre de santé Les Glycines');
    await (await input('address')).setValue('3 rue du Moulin');
    // The commune found by its name fills the INSEE code, and the code's commune shows under it.
    const lyon = { code: '69123', name: 'Lyon', department: '69', region: 'Auvergne-Rhône-Alpes', postalCodes: ['69001'] };
    const commune = await dialog.getHarness(MatAutocompleteHarness);
    await commune.enterText('Lyo');
    await new Promise((resolve) => setTimeout(resolve, 300));
    backend.expectOne((r) => r.url === '/api/communes' && r.params.get('q') === 'Lyo').flush([lyon]);
    await fixture.whenStable();
    await commune.blur();
    await commune.focus();
    await commune.selectOption({ text: /Lyon \(69\) — Auvergne-Rhône-Alpes/ });
    backend.expectOne('/api/communes/69123').flush(lyon);
    await fixture.whenStable();
    expect(await (await input('communeInsee')).getValue()).toBe('69123');
    expect(await (await input('commune')).getValue()).toBe('Lyon');
    expect(await dialog.getText()).toContain('Lyon (69) — Auvergne-Rhône-Alpes');
    await (await input('latitude')).setValue('45,764');
    await (await input('longitude')).setValue('4,8357');
    await (await input('checkedOn')).setValue('15/03/2026');
    const unit = await dialog.getHarness(MatSelectHarness.with({ selector: '[formControlName="unitId"]' }));
    await unit.open();
    await unit.clickOptions({ text: 'CRP Auvergne-Rhône-Alpes' });
    const care = await dialog.getHarness(MatSelectHarness.with({ selector: '[formControlName="care"]' }));
    await care.open();
    await care.clickOptions({ text: 'Évaluation' });
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Proposer la structure' }))).click();
    const request = backend.expectOne({ method: 'POST', url: '/api/care-offer' });
    expect(request.request.body).toEqual(jasmine.objectContaining({ name: 'Centre de santé Les Glycines', commune: 'Lyon', communeInsee: '69123', latitude: 45.764, longitude: 4.8357, unitId: 2, care: ['evaluation'], checkedOn: '2026-03-15', phone: null }));
    request.flush(anEntry());
    await fixture.whenStable();
    backend.expectOne('/api/care-offer').flush([anEntry()]);
  });

  it('the coordination publishes a proposal after confirmation', async () => {
    const fixture = await openAs('admin', [anEntry()]);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Publier' }))).click();
    const confirm = await rootLoader.getHarness(MatDialogHarness);
    expect(await confirm.getText()).toContain('apparaîtra sur la carte');
    await (await confirm.getHarness(MatButtonHarness.with({ text: 'Publier' }))).click();
    const request = backend.expectOne({ method: 'POST', url: '/api/care-offer/1/publish' });
    expect(request.request.body).toEqual({ version: 1 });
    request.flush(anEntry({ status: 'published', version: 2 }));
    await fixture.whenStable();
    backend.expectOne('/api/care-offer').flush([anEntry({ status: 'published', version: 2 })]);
  });

  it('a lead imports a CSV: first checked, then recorded; the list reloads', async () => {
    const fixture = await openAs('unit_lead', []);
    await (await loader.getHarness(MatButtonHarness.with({ text: /Importer \(Excel ou CSV\)/ }))).click();
    const input = document.querySelector<HTMLInputElement>('#care-offer-import-file')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['nom;type\r\n'], 'structures.csv', { type: 'text/csv' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    const importButton = await rootLoader.getHarness(MatButtonHarness.with({ text: 'Importer' }));
    expect(await importButton.isDisabled()).toBeTrue();
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Vérifier' }))).click();
    const check = backend.expectOne((r) => r.url === '/api/care-offer/import' && r.params.get('dryRun') === 'true');
    expect(check.request.headers.get('Content-Type')).toBe('text/csv');
    check.flush({ dryRun: true, saved: false, lines: [{ line: 2, name: 'Centre de santé Les Glycines', unitName: 'CRP Île-de-France' }], problems: [] });
    await fixture.whenStable();
    expect(await importButton.isDisabled()).toBeFalse();
    await importButton.click();
    backend.expectOne((r) => r.url === '/api/care-offer/import' && r.params.get('dryRun') === 'false').flush({ dryRun: false, saved: true, lines: [{ line: 2, name: 'Centre de santé Les Glycines', unitName: 'CRP Île-de-France' }], problems: [] });
    await fixture.whenStable();
    expect((await (await rootLoader.getHarness(MatDialogHarness)).getText())).toContain('Import enregistré');
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Fermer' }))).click();
    await fixture.whenStable();
    backend.expectOne('/api/care-offer').flush([anEntry()]);
  });

  /** Picks a file in the open import dialog's file input. */
  function pick(file: File): void {
    const input = document.querySelector<HTMLInputElement>('#care-offer-import-file')!;
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
  }

  it('a lead imports a workbook: sent as .xlsx; the problems are listed by the sheet’s line numbers and importing stays disabled', async () => {
    const fixture = await openAs('unit_lead', []);
    await (await loader.getHarness(MatButtonHarness.with({ text: /Importer \(Excel ou CSV\)/ }))).click();
    const input = document.querySelector<HTMLInputElement>('#care-offer-import-file')!;
    expect(input.accept).toContain('.xlsx');
    expect(input.accept).toContain('.csv');
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getText()).toContain('modèle d’import');
    pick(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], 'structures.xlsx'));
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Vérifier' }))).click();
    const check = backend.expectOne((r) => r.url === '/api/care-offer/import' && r.params.get('dryRun') === 'true');
    expect(check.request.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    check.flush({
      dryRun: true,
      saved: false,
      lines: [{ line: 2, name: 'Maison de santé des Forges', unitName: 'CRP Île-de-France' }],
      problems: [{ line: 4, field: 'latitude', message: 'La latitude : nombre décimal attendu (point ou virgule).' }],
    });
    await fixture.whenStable();
    expect(await dialog.getText()).toContain('Ligne 4 — latitude : La latitude : nombre décimal attendu (point ou virgule).');
    expect(await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Importer' }))).isDisabled()).toBeTrue();
    // A file refused whole (too many rows): its message, in the dialog.
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Vérifier' }))).click();
    backend
      .expectOne((r) => r.url === '/api/care-offer/import')
      .flush({ error: { code: 'payload_too_large', message: 'Plus de 2000 lignes : 2000 lignes au plus par fichier.' } }, { status: 413, statusText: 'Payload Too Large' });
    await fixture.whenStable();
    expect(await dialog.getText()).toContain('Plus de 2000 lignes');
  });

  it('offers the exports to every reader and the template to those who import, with the filters shown', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser('finance'));
    await TestBed.inject(Router).navigateByUrl('/?kind=cump&status=published');
    const fixture = TestBed.createComponent(CareOfferPage);
    await fixture.whenStable();
    backend.expectOne('/api/units').flush(units);
    backend.expectOne((r) => r.url === '/api/care-offer' && r.params.get('kind') === 'cump').flush([]);
    await fixture.whenStable();
    const links = [...(fixture.nativeElement as HTMLElement).querySelectorAll<HTMLAnchorElement>('a[download]')].map((a) => [squash(a.textContent ?? '').replace(/^download\s*/, ''), a.getAttribute('href')]);
    expect(links).toContain(['Exporter (xlsx)', '/api/care-offer/export.xlsx?kind=cump&status=published']);
    expect(links).toContain(['Exporter (CSV)', '/api/care-offer/export.csv?kind=cump&status=published']);
    expect(links.map(([text]) => text)).not.toContain('Modèle d’import');
    backend.verify();

    TestBed.resetTestingModule();
    const lead = await openAs('unit_lead', []);
    const hrefs = [...(lead.nativeElement as HTMLElement).querySelectorAll<HTMLAnchorElement>('a[download]')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('/api/care-offer/import-template.xlsx');
    expect(hrefs).toContain('/api/care-offer/export.xlsx');
  });

  it('shows an entry’s history: dates in French, who, what, the return message and the fields a correction changed; focus on « Fermer »', async () => {
    const fixture = await openAs('admin', [anEntry()]);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Historique' }))).click();
    const history: CareOfferHistoryItem[] = [
      { at: '2026-03-15T10:00:00.000Z', action: 'Proposée', actor: 'lead.lyon@demo.local', message: null, changes: [] },
      { at: '2026-03-16T08:30:00.000Z', action: 'Renvoyée au centre', actor: 'admin@demo.local', message: 'Précisez le téléphone.', changes: [] },
      { at: '2026-03-17T09:05:00.000Z', action: 'Modifiée', actor: 'lead.lyon@demo.local', message: null, changes: ['Nom', 'Téléphone'] },
    ];
    backend.expectOne('/api/care-offer/1/history').flush(history);
    await fixture.whenStable();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Historique de « Consultation Les Tilleuls »');
    const rows = [...document.querySelectorAll('app-care-offer-history-dialog tbody tr')].map((tr) => [...tr.children].map((cell) => squash(cell.textContent ?? '')));
    // Paris time: 11:00 for 10:00 UTC in March.
    expect(rows).toEqual([
      ['15/03/2026 11:00', 'Proposée', 'lead.lyon@demo.local', ''],
      ['16/03/2026 09:30', 'Renvoyée au centre', 'admin@demo.local', 'Message : « Précisez le téléphone. »'],
      ['17/03/2026 10:05', 'Modifiée', 'lead.lyon@demo.local', 'Champs modifiés : Nom, Téléphone'],
    ]);
    expect(document.activeElement?.textContent?.trim()).toBe('Fermer');
    // The content scrolls with the keyboard when long.
    expect(document.querySelector('app-care-offer-history-dialog [role="region"]')?.getAttribute('tabindex')).toBe('0');
    await dialog.close();
    expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toHaveSize(0);
  });

  it('an entry without recorded events: the history says so', async () => {
    const fixture = await openAs('finance', [anEntry({ status: 'published' })]);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Historique' }))).click();
    backend.expectOne('/api/care-offer/1/history').flush([]);
    await fixture.whenStable();
    expect(await (await rootLoader.getHarness(MatDialogHarness)).getText()).toContain('Aucun événement enregistré pour cette structure.');
  });
});
