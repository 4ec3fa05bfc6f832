import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { Dimension } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { ageBands, eventTypes } from './catalogue-fixtures.spec';
import { DimensionsTab } from './dimensions-tab';

describe('DimensionsTab', () => {
  let fixture: ComponentFixture<DimensionsTab>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function open(answer: Dimension[]) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DimensionsTab);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/dimensions' }).flush(answer);
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('lists the disaggregations with their options in order and the sensitive ones marked', async () => {
    await open([{ ...eventTypes, options: [...eventTypes.options].reverse() }, ageBands]);
    const columns = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(columns['label'].text).toEqual(['Tranche d’âge', 'Type d’événement']);
    expect(columns['options'].text).toEqual(['4 : 0–5 ans, 6–11 ans, 12–17 ans, 18 ans et plus', '2 : Attentat, Violences sexuelles']);
    expect(columns['sensitive'].text).toEqual(['—', 'Sensible']);
    expect(fixture.nativeElement.textContent).toContain('les effectifs de 1 à 4 de ces modalités sont masqués');
  });

  it('opens the dialog of a disaggregation', async () => {
    await open([ageBands]);
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Modifier la ventilation Tranche d’âge"]' }))).click();
    const dialog = await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Modifier la ventilation Tranche d’âge');
    await dialog.close();
  });

  it('says what to do when there is none', async () => {
    await open([]);
    expect(fixture.nativeElement.textContent).toContain('Aucune ventilation pour l’instant.');
    expect(fixture.nativeElement.textContent).toContain('Utilisez « Nouvelle ventilation »');
  });
});
