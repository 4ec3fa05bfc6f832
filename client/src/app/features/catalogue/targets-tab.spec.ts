import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { Indicator, Target } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { anIndicator } from './catalogue-fixtures.spec';
import { TargetsTab, targetIndicators } from './targets-tab';

const year = new Date().getFullYear();
const indicators: Indicator[] = [
  anIndicator(), // no expected result: no target
  anIndicator({ id: 3, code: 'FOR_PERS', label: 'Professionnels formés', domain: 'formation', expectedResult: 'training', unitOfMeasure: 'personnes' }),
  anIndicator({ id: 4, code: 'NET_REF', label: 'Structures référencées', domain: 'cartographie', expectedResult: 'mapping', unitOfMeasure: '' }),
  anIndicator({ id: 5, code: 'OLD_KPI', label: 'Ancien indicateur', expectedResult: 'network', activeFrom: '2019-01-01', activeTo: `${year - 2}-12-31` }),
];
const targets: Target[] = [{ indicatorCode: 'FOR_PERS', year, target: 800, version: 1 }];

describe('TargetsTab', () => {
  let fixture: ComponentFixture<TargetsTab>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TargetsTab);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    const list = backend.expectOne((req) => req.url === '/api/indicators');
    expect(list.request.params.get('includeInactive')).toBe('true');
    list.flush(indicators);
    answerTargets(year, targets);
    await fixture.whenStable();
  });

  function answerTargets(y: number, answer: Target[]) {
    const request = backend.expectOne((req) => req.url === '/api/targets');
    expect(request.request.params.get('year')).toBe(String(y));
    request.flush(answer);
  }

  const targetInput = (code: string) => loader.getHarness(MatInputHarness.with({ selector: `[aria-label^="Cible ${year} de ${code}"]` }));
  const saveButton = (code: string) => loader.getHarness(MatButtonHarness.with({ selector: `[aria-label="Enregistrer la cible de ${code}"]` }));

  afterEach(() => backend.verify());

  it('lists the indicators tied to an expected result in force this year, with their target in French', async () => {
    const table = await loader.getHarness(MatTableHarness);
    const columns = await table.getCellTextByColumnName();
    expect(columns['code'].text).toEqual(['NET_REF', 'FOR_PERS']);
    expect(columns['expectedResult'].text).toEqual(['Cartographie de l’offre de soins', 'Référentiels de formation']);
    expect(await (await targetInput('FOR_PERS')).getValue()).toBe('800');
    expect(await (await targetInput('NET_REF')).getValue()).toBe('');
    expect(await (await saveButton('FOR_PERS')).isDisabled()).toBeTrue();
  });

  it('saves one row: a number typed the French way', async () => {
    await (await targetInput('NET_REF')).setValue('1 250,5');
    await (await saveButton('NET_REF')).click();
    const request = backend.expectOne({ method: 'PUT', url: `/api/targets/NET_REF/${year}` });
    expect(request.request.body).toEqual({ target: 1250.5 });
    request.flush({ indicatorCode: 'NET_REF', year, target: 1250.5, version: 1 });
    await fixture.whenStable();
    expect(await (await targetInput('NET_REF')).getValue()).toBe('1\u202f250,5');
    expect(await (await saveButton('NET_REF')).isDisabled()).toBeTrue();
  });

  it('refuses what is not a positive number, without calling the server', async () => {
    await (await targetInput('NET_REF')).setValue('-3');
    await (await saveButton('NET_REF')).click();
    const [netRef, forPers] = await loader.getAllHarnesses(MatFormFieldHarness.with({ ancestor: 'table' }));
    expect(await netRef.getTextErrors()).toEqual(['La cible est un nombre positif ou nul.']);
    expect(await forPers.getTextErrors()).toEqual([]);
    backend.expectNone((req) => req.method === 'PUT');
  });

  it('removes a target after confirmation: { target: null }, answered 204', async () => {
    await (await targetInput('FOR_PERS')).setValue('');
    await (await saveButton('FOR_PERS')).click();
    const dialog = await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Retirer la cible ?');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Retirer' }))).click();
    const request = backend.expectOne({ method: 'PUT', url: `/api/targets/FOR_PERS/${year}` });
    expect(request.request.body).toEqual({ target: null });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(await (await saveButton('FOR_PERS')).isDisabled()).toBeTrue();
  });

  it('loads the targets of the year chosen', async () => {
    await (await loader.getHarness(MatSelectHarness)).clickOptions({ text: String(year - 2) });
    answerTargets(year - 2, []);
    await fixture.whenStable();
    const columns = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(columns['code'].text).toEqual(['NET_REF', 'OLD_KPI', 'FOR_PERS']);
  });
});

describe('targetIndicators', () => {
  it('keeps one row per code, the latest revision in force during the year', () => {
    const revised = [
      anIndicator({ id: 1, code: 'NET_REF', revision: 1, expectedResult: 'mapping', activeFrom: '2020-01-01', activeTo: '2025-06-30' }),
      anIndicator({ id: 2, code: 'NET_REF', revision: 2, expectedResult: 'mapping', label: 'Structures (v2)', activeFrom: '2025-07-01' }),
    ];
    expect(targetIndicators(revised, 2025).map((i) => i.label)).toEqual(['Structures (v2)']);
    expect(targetIndicators(revised, 2024).map((i) => i.revision)).toEqual([1]);
    expect(targetIndicators(revised, 2019)).toEqual([]);
  });
});
