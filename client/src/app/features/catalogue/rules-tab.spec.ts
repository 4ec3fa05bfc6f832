import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableHarness } from '@angular/material/table/testing';
import type { ConsistencyRule } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { aRule } from './catalogue-fixtures.spec';
import { RulesTab } from './rules-tab';

const rules: ConsistencyRule[] = [
  aRule({
    id: 6,
    code: 'WAIT_MINORS',
    label: 'Liste d’attente des mineurs plausible',
    expression: 'ACT_WAIT_N[mineur] <= 400',
    severity: 'warning',
    active: false,
  }),
  aRule(),
];

describe('RulesTab', () => {
  let fixture: ComponentFixture<RulesTab>;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;
  let snackBar: jasmine.Spy;

  async function open(answer: ConsistencyRule[] = rules) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open').and.callThrough();
    fixture = TestBed.createComponent(RulesTab);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/rules' }).flush(answer);
    await fixture.whenStable();
  }

  /** The toggle of a rule, found by its accessible name (carried by the inner switch, not the host). */
  async function toggleOf(code: string): Promise<MatSlideToggleHarness> {
    for (const toggle of await loader.getAllHarnesses(MatSlideToggleHarness)) {
      if ((await toggle.getAriaLabel()) === `Règle ${code} active`) return toggle;
    }
    throw new Error(`Pas d’interrupteur pour ${code}`);
  }

  afterEach(() => backend.verify());

  it('lists the rules by code with their expression, a severity chip and their state', async () => {
    await open();
    const table = await loader.getHarness(MatTableHarness);
    const columns = await table.getCellTextByColumnName();
    expect(columns['code'].text).toEqual(['NEW_LE_FA', 'WAIT_MINORS']);
    expect(columns['expression'].text).toEqual(['ACT_NEW <= ACT_FA', 'ACT_WAIT_N[mineur] <= 400']);
    expect(columns['severity'].text).toEqual(['Erreur', 'Avertissement']);
    const toggles = await loader.getAllHarnesses(MatSlideToggleHarness);
    expect(await Promise.all(toggles.map((toggle) => toggle.isChecked()))).toEqual([true, false]);
    expect(await toggles[0].getAriaLabel()).toBe('Règle NEW_LE_FA active');
  });

  it('deactivates a rule from its toggle, with the version read', async () => {
    await open();
    await (await toggleOf('NEW_LE_FA')).toggle();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/rules/5' });
    expect(request.request.body).toEqual({ active: false, version: 2 });
    request.flush(aRule({ active: false, version: 3 }));
    await fixture.whenStable();
    expect(snackBar).toHaveBeenCalledWith('Règle NEW_LE_FA désactivée.', 'Fermer', jasmine.any(Object));
    expect(await (await loader.getAllHarnesses(MatSlideToggleHarness))[0].isChecked()).toBeFalse();
  });

  it('deletes after confirmation', async () => {
    await open();
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Supprimer la règle WAIT_MINORS"]' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Supprimer la règle ?');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Supprimer' }))).click();
    backend.expectOne({ method: 'DELETE', url: '/api/rules/6' }).flush(null, { status: 204, statusText: 'No Content' });
    expect(snackBar).toHaveBeenCalledWith('Règle WAIT_MINORS supprimée.', 'Fermer', jasmine.any(Object));
    backend.expectOne('/api/rules').flush([aRule()]);
  });

  it('shows why a rule already applied cannot be deleted, and offers to deactivate it', async () => {
    await open();
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Supprimer la règle NEW_LE_FA"]' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Supprimer' }))).click();
    const message = 'Des saisies ont déjà expliqué cette règle (3 explications) : elle ne peut pas être supprimée, désactivez-la plutôt.';
    backend.expectOne({ method: 'DELETE', url: '/api/rules/5' }).flush({ error: { code: 'conflict', message } }, { status: 409, statusText: 'Conflict' });
    expect(snackBar).toHaveBeenCalledOnceWith(message, 'Désactiver', jasmine.objectContaining({ panelClass: 'snackbar-error' }));
    await (await rootLoader.getHarness(MatButtonHarness.with({ text: 'Désactiver' }))).click();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/rules/5' });
    expect(request.request.body).toEqual({ active: false, version: 2 });
    request.flush(aRule({ active: false, version: 3 }));
  });

  it('reloads after a stale toggle, with a message', async () => {
    await open();
    await (await toggleOf('WAIT_MINORS')).toggle();
    backend.expectOne('/api/rules/6').flush(
      { error: { code: 'conflict', message: 'Modifiée entre-temps.', fields: [{ path: 'version', message: 'Version périmée.' }] } },
      { status: 409, statusText: 'Conflict' },
    );
    expect(snackBar.calls.mostRecent().args[0]).toContain('Cette règle a été modifiée par quelqu’un d’autre entre-temps.');
    backend.expectOne('/api/rules').flush(rules);
  });

  it('says what to do when there is no rule yet', async () => {
    await open([]);
    expect(fixture.nativeElement.textContent).toContain('Aucune règle de cohérence pour l’instant.');
    expect(fixture.nativeElement.textContent).toContain('Utilisez « Nouvelle règle »');
  });
});
