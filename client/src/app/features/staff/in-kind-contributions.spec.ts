import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatProgressSpinnerHarness } from '@angular/material/progress-spinner/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableHarness } from '@angular/material/table/testing';
import type { InKindContribution } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { InKindContributions } from './in-kind-contributions';

const contribution = (overrides: Partial<InKindContribution> = {}): InKindContribution => ({
  id: 4,
  year: 2026,
  label: 'Locaux du siège',
  contributor: 'CHU de Lille',
  kind: 'premises',
  valuationMethod: '120 m² × 250 €/m²/an',
  amountCents: 3_000_000,
  createdAt: '2026-01-15T09:00:00.000Z',
  updatedAt: '2026-01-15T09:00:00.000Z',
  version: 3,
  ...overrides,
});
const list: InKindContribution[] = [
  contribution(),
  contribution({ id: 5, label: 'Matériel informatique', contributor: 'AP-HP', kind: 'equipment', valuationMethod: 'Valeur nette comptable', amountCents: 250_075, version: 1 }),
];

/** fr-FR amounts use (narrow) no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ').replace(/\s+/g, ' ').trim();

describe('InKindContributions', () => {
  let fixture: ComponentFixture<InKindContributions>;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;
  let snackBar: jasmine.Spy;
  let changed: number;

  const expectList = (): TestRequest =>
    backend.expectOne((req) => req.method === 'GET' && req.url === '/api/staff/in-kind' && req.params.get('year') === '2026');
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const text = () => plain(fixture.nativeElement.textContent as string);

  async function open({ writable = true, answer = list as InKindContribution[] | null } = {}) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open').and.callThrough();
    fixture = TestBed.createComponent(InKindContributions);
    fixture.componentRef.setInput('year', 2026);
    fixture.componentRef.setInput('writable', writable);
    changed = 0;
    fixture.componentInstance.changed.subscribe(() => changed++);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    if (answer) {
      expectList().flush(answer);
      await settle();
    }
  }

  afterEach(() => backend.verify());

  it('lists the year’s contributions with their nature in French, amounts in euros and the total from the cents', async () => {
    await open();
    const table = await loader.getHarness(MatTableHarness);
    expect(await (await table.host()).getAttribute('aria-label')).toBe('Contributions en nature hors personnel 2026');
    const columns = await table.getCellTextByColumnName();
    expect(Object.keys(columns)).toEqual(['kind', 'label', 'contributor', 'valuationMethod', 'amount', 'actions']);
    expect(columns['kind'].headerText).toEqual(['Nature']);
    expect(columns['kind'].text).toEqual(['Locaux', 'Équipements']);
    expect(columns['label'].text).toEqual(['Locaux du siège', 'Matériel informatique']);
    expect(columns['contributor'].text).toEqual(['CHU de Lille', 'AP-HP']);
    expect(columns['valuationMethod'].headerText).toEqual(['Méthode de valorisation']);
    expect(columns['valuationMethod'].text).toEqual(['120 m² × 250 €/m²/an', 'Valeur nette comptable']);
    expect(columns['amount'].text.map(plain)).toEqual(['30 000,00 €', '2 500,75 €']);
    expect(columns['kind'].footerText).toEqual(['Total']);
    expect(columns['amount'].footerText.map(plain)).toEqual(['32 500,75 €']);

    const buttons = await Promise.all(
      (await loader.getAllHarnesses(MatButtonHarness)).map(async (button) => (await (await button.host()).getAttribute('aria-label')) ?? (await button.getText())),
    );
    expect(buttons).toEqual([
      jasmine.stringContaining('Ajouter une contribution'),
      'Modifier Locaux du siège',
      'Supprimer Locaux du siège',
      'Modifier Matériel informatique',
      'Supprimer Matériel informatique',
    ]);
  });

  it('says what to do when the year has none, and shows no empty table', async () => {
    await open({ answer: [] });
    expect(await loader.getAllHarnesses(MatTableHarness)).toEqual([]);
    expect(text()).toContain(
      'Aucune contribution en nature hors personnel en 2026 : ajoutez les locaux ou équipements mis à disposition, valorisés en euros',
    );
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Ajouter une contribution/ }))).toHaveSize(1);
  });

  it('lets the board read the list and the total, with no button to change it', async () => {
    await open({ writable: false });
    const table = await loader.getHarness(MatTableHarness);
    const columns = await table.getCellTextByColumnName();
    expect(Object.keys(columns)).toEqual(['kind', 'label', 'contributor', 'valuationMethod', 'amount']);
    expect(columns['label'].text).toEqual(['Locaux du siège', 'Matériel informatique']);
    expect(columns['amount'].footerText.map(plain)).toEqual(['32 500,75 €']);
    expect(await loader.getAllHarnesses(MatButtonHarness)).toEqual([]);
  });

  it('tells the board plainly when there is none (nothing to add from its side)', async () => {
    await open({ writable: false, answer: [] });
    expect(text()).toContain('Aucune contribution en nature hors personnel enregistrée en 2026.');
    expect(text()).not.toContain('ajoutez');
    expect(await loader.getAllHarnesses(MatButtonHarness)).toEqual([]);
  });

  it('shows a spinner while loading, then a French error with « Réessayer » that loads again', async () => {
    await open({ answer: null });
    expect(await loader.getAllHarnesses(MatProgressSpinnerHarness)).toHaveSize(1);
    expectList().flush({ error: { code: 'internal', message: 'Erreur interne.' } }, { status: 500, statusText: 'Server Error' });
    await settle();
    expect(text()).toContain('Les contributions en nature n’ont pas pu être chargées.');
    expect(await loader.getAllHarnesses(MatTableHarness)).toEqual([]);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Réessayer' }))).click();
    expectList().flush(list);
    await settle();
    expect((await (await loader.getHarness(MatTableHarness)).getRows()).length).toBe(2);
  });

  it('creates a contribution: the amount typed in French is sent in cents, then the list reloads', async () => {
    await open();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Ajouter une contribution/ }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Nouvelle contribution en nature 2026');

    const kind = await dialog.getHarness(MatSelectHarness.with({ selector: '[formControlName=kind]' }));
    await kind.open();
    await kind.clickOptions({ text: 'Prestations' });
    await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=label]' }))).setValue('Nettoyage des locaux');
    await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=contributor]' }))).setValue('Ville de Lille');
    await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=valuationMethod]' }))).setValue('Devis 2026 du prestataire');
    const amount = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=amountCents]' }));
    await amount.setValue('12 345,67');
    await amount.blur();
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();

    const request = backend.expectOne({ method: 'POST', url: '/api/staff/in-kind' });
    expect(request.request.body).toEqual({
      year: 2026,
      kind: 'services',
      label: 'Nettoyage des locaux',
      contributor: 'Ville de Lille',
      valuationMethod: 'Devis 2026 du prestataire',
      amountCents: 1_234_567,
    });
    const created = contribution({ id: 9, kind: 'services', label: 'Nettoyage des locaux', contributor: 'Ville de Lille', amountCents: 1_234_567, version: 1 });
    request.flush(created, { status: 201, statusText: 'Created' });
    await settle();
    expect(snackBar).toHaveBeenCalledWith('Contribution « Nettoyage des locaux » ajoutée.', 'Fermer', jasmine.any(Object));
    expect(changed).toBe(1);
    expectList().flush([...list, created]);
    await settle();
    const columns = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(columns['kind'].text).toEqual(['Locaux', 'Équipements', 'Prestations']);
    expect(columns['amount'].footerText.map(plain)).toEqual(['44 846,42 €']);
  });

  it('refuses an incomplete or negative entry in French, sending nothing', async () => {
    await open();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Ajouter une contribution/ }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    const amount = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=amountCents]' }));
    await amount.setValue('-5');
    await amount.blur();
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
    backend.expectNone((req) => req.method === 'POST');
    const errorsOf = async (label: string) => (await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getTextErrors();
    expect(await errorsOf('Nature')).toEqual(['Ce champ est obligatoire.']);
    expect(await errorsOf('Libellé')).toEqual(['Ce champ est obligatoire.']);
    expect(await errorsOf('Contributeur')).toEqual(['Ce champ est obligatoire.']);
    expect(await errorsOf('Méthode de valorisation')).toEqual(['Ce champ est obligatoire.']);
    expect(await errorsOf('Montant')).toEqual(['Montant négatif non accepté ici.']);
    await dialog.close();
  });

  it('edits with the version read, and after a 409 reloads and says someone else changed it', async () => {
    await open();
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Modifier Locaux du siège"]' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Modifier Locaux du siège');
    const amount = await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=amountCents]' }));
    expect(plain(await amount.getValue())).toBe('30 000,00 €');
    await amount.setValue('31 000');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();

    const request = backend.expectOne({ method: 'PATCH', url: '/api/staff/in-kind/4' });
    expect(request.request.body).toEqual({
      kind: 'premises',
      label: 'Locaux du siège',
      contributor: 'CHU de Lille',
      valuationMethod: '120 m² × 250 €/m²/an',
      amountCents: 3_100_000,
      version: 3,
    });
    request.flush(
      { error: { code: 'conflict', message: 'Cette contribution en nature a été modifiée entre-temps.', fields: [{ path: 'version', message: 'Version périmée.' }] } },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expectList().flush([contribution({ amountCents: 3_200_000, version: 4 }), list[1]]);
    await settle();
    expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toEqual([]);
    const message = plain(snackBar.calls.mostRecent().args[0] as string);
    expect(message).toContain('La contribution « Locaux du siège » a été modifiée par quelqu’un d’autre entre-temps');
    expect(message).toContain('montant : « 30 000,00 € » → « 32 000,00 € »');
    expect(changed).toBe(1);
    const columns = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(columns['amount'].text.map(plain)).toEqual(['32 000,00 €', '2 500,75 €']);
  });

  it('deletes only after confirmation, then reloads', async () => {
    await open();
    const remove = () => loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Supprimer Matériel informatique"]' }));

    await (await remove()).click();
    let dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Supprimer la contribution ?');
    expect(plain(await dialog.getContentText())).toContain('« Matériel informatique » (AP-HP, 2 500,75 €)');
    backend.expectNone((req) => req.method === 'DELETE');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Annuler' }))).click();
    await settle();
    backend.expectNone((req) => req.method === 'DELETE');
    expect(snackBar).not.toHaveBeenCalled();

    await (await remove()).click();
    dialog = await rootLoader.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Supprimer' }))).click();
    backend.expectOne({ method: 'DELETE', url: '/api/staff/in-kind/5' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(snackBar).toHaveBeenCalledWith('Contribution « Matériel informatique » supprimée.', 'Fermer', jasmine.any(Object));
    expect(changed).toBe(1);
    expectList().flush([list[0]]);
    await settle();
    const columns = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(columns['label'].text).toEqual(['Locaux du siège']);
    expect(columns['amount'].footerText.map(plain)).toEqual(['30 000,00 €']);
  });
});
