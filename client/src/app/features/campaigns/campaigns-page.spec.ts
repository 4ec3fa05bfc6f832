import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Campaign } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { aCampaign } from './campaign-fixtures.spec';
import { CampaignsPage } from './campaigns-page';

@Component({ template: '<h1>Détail</h1>' })
class DetailStub {}

const year = new Date().getFullYear();
const campaigns: Campaign[] = [
  aCampaign({ id: 3, year: year - 1, label: `Campagne ${year - 1}`, status: 'closed', extensions: [{ unitId: 2, period: `${year - 1}-Q4`, dueOn: `${year}-02-15`, reason: null }] }),
  aCampaign({
    id: 7,
    year,
    label: `Collecte ${year}`,
    status: 'open',
    periods: [
      { period: `${year}`, opensOn: `${year}-01-01`, dueOn: `${year + 1}-03-01` },
      { period: `${year}-Q1`, opensOn: `${year}-01-01`, dueOn: `${year}-04-30` },
    ],
  }),
];

describe('CampaignsPage', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function open(answer: Campaign[] = campaigns) {
    TestBed.configureTestingModule({
      providers: provideTestApp([
        { path: 'campagnes', component: CampaignsPage },
        { path: 'campagnes/:id', component: DetailStub },
      ]),
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/campagnes');
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    backend.expectOne({ method: 'GET', url: '/api/campaigns' }).flush(answer);
    await harness.fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('lists the campaigns, newest first, with their status and the due date of each period', async () => {
    await open();
    const table = await loader.getHarness(MatTableHarness);
    const columns = await table.getCellTextByColumnName();
    expect(columns['year'].text).toEqual([String(year), String(year - 1)]);
    expect(columns['label'].text).toEqual([`Collecte ${year}`, `Campagne ${year - 1}`]);
    expect(columns['status'].text).toEqual(['Ouverte', 'Clôturée']);
    expect(columns['periods'].text[0].replace(/\s+/g, ' ')).toBe(`T1 ${year} : 30/04/${year} ${year} : 01/03/${year + 1}`);
    expect(columns['extensions'].text).toEqual(['0', '1']);
    const root = harness.fixture.nativeElement as HTMLElement;
    expect(root.querySelectorAll('h1').length).toBe(1);
    expect(root.querySelector('a[href="/campagnes/7"]')?.textContent?.trim()).toBe(String(year));
  });

  it('creates a campaign: posts { year } only, then opens it', async () => {
    await open();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Nouvelle campagne/ }))).click();
    const dialog = await TestbedHarnessEnvironment.documentRootLoader(harness.fixture).getHarness(MatDialogHarness);
    expect(await (await dialog.getHarness(MatInputHarness.with({ selector: '[formControlName=year]' }))).getValue()).toBe(String(year + 1));
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Créer la campagne' }))).click();
    const request = backend.expectOne({ method: 'POST', url: '/api/campaigns' });
    expect(request.request.body).toEqual({ year: year + 1 });
    request.flush(aCampaign({ id: 12, year: year + 1 }), { status: 201, statusText: 'Created' });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/campagnes/12');
  });

  it('says what to do when there is no campaign yet', async () => {
    await open([]);
    expect(harness.fixture.nativeElement.textContent).toContain('Aucune campagne pour l’instant.');
    expect(harness.fixture.nativeElement.textContent).toContain('Utilisez « Nouvelle campagne »');
  });
});
