import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideTestApp } from '../../../testing/test-providers';
import { aRule } from './catalogue-fixtures.spec';
import { CataloguePage } from './catalogue-page';

describe('CataloguePage', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function open(url: string) {
    TestBed.configureTestingModule({ providers: provideTestApp([{ path: 'catalogue', component: CataloguePage }]) });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  }

  afterEach(() => backend.verify());

  it('has one h1 and the four tabs, the indicators first', async () => {
    await open('/catalogue');
    const root = harness.fixture.nativeElement as HTMLElement;
    expect([...root.querySelectorAll('h1')].map((h1) => h1.textContent!.trim())).toEqual(['Catalogue des indicateurs']);
    const tabs = await (await loader.getHarness(MatTabGroupHarness)).getTabs();
    expect(await Promise.all(tabs.map((tab) => tab.getLabel()))).toEqual(['Indicateurs', 'Ventilations', 'Règles de cohérence', 'Cibles']);
    expect(await tabs[0].isSelected()).toBeTrue();
    backend.expectOne((req) => req.url === '/api/indicators').flush([]);
  });

  it('opens the tab named in the URL, and keeps the tab chosen in the URL', async () => {
    await open('/catalogue?onglet=regles');
    const group = await loader.getHarness(MatTabGroupHarness);
    expect(await (await group.getSelectedTab()).getLabel()).toBe('Règles de cohérence');
    backend.expectOne('/api/rules').flush([aRule()]);

    await group.selectTab({ label: 'Ventilations' });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/catalogue?onglet=ventilations');
    backend.expectOne('/api/dimensions').flush([]);

    await group.selectTab({ label: 'Indicateurs' });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/catalogue');
    backend.expectOne((req) => req.url === '/api/indicators').flush([]);
  });
});
