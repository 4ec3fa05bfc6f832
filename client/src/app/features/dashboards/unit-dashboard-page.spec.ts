import { Component } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { RouterTestingHarness } from '@angular/router/testing';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { aMapDashboard, aUnitLeadDashboard } from './dashboards.fixture';
import { dashboardsRoutes } from './dashboards.routes';

@Component({ template: '' })
class Blank {}

const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

describe('UnitDashboardPage', () => {
  let backend: HttpTestingController;

  async function open(role: Parameters<typeof aUser>[0], url: string) {
    TestBed.configureTestingModule({
      providers: [...provideTestApp([{ path: 'tableaux-de-bord', children: dashboardsRoutes }, { path: '**', component: Blank }]), provideNoopAnimations()],
    });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    return harness;
  }

  afterEach(() => backend.verify());

  it('gives the coordination the unit’s full dashboard for the year of the URL', async () => {
    const harness = await open('admin', '/tableaux-de-bord/centres/1?annee=2024');
    backend.expectOne((r) => r.url === '/api/dashboards/map' && r.params.get('year') === '2024').flush(aMapDashboard(2024));
    backend.expectOne((r) => r.url === '/api/dashboards/unit-lead' && r.params.get('unitId') === '1' && r.params.get('year') === '2024').flush(aUnitLeadDashboard(2024));
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement as HTMLElement;
    expect(squash(page.textContent!)).toContain('Campagne 2024 — CRP Île-de-France');
  });

  it('gives the board the unit’s validated key figures from the map, and never asks for the unit’s full dashboard', async () => {
    const harness = await open('board', '/tableaux-de-bord/centres/4?annee=2025');
    backend.expectOne((r) => r.url === '/api/dashboards/map' && r.params.get('year') === '2025').flush(aMapDashboard(2025));
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement as HTMLElement;
    expect(squash(page.querySelector('h1')!.textContent!)).toBe('Tableau de bord du centre — CRP Hauts-de-France');
    const table = await TestbedHarnessEnvironment.loader(harness.fixture).getHarness(MatTableHarness);
    expect((await (await table.getRows())[0].getCellTextByIndex()).map(squash)).toEqual(['File active (patients)', '812']);
    backend.expectNone('/api/dashboards/unit-lead');
  });

  it('says so when the unit is not on the map', async () => {
    const harness = await open('finance', '/tableaux-de-bord/centres/99');
    backend.expectOne((r) => r.url === '/api/dashboards/map').flush(aMapDashboard(2025));
    await harness.fixture.whenStable();
    expect((harness.routeNativeElement as HTMLElement).textContent).toContain('Centre introuvable.');
  });
});
