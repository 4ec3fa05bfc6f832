import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { Router } from '@angular/router';
import type { Completeness, Role } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { aCompleteness } from '../completeness/completeness.fixture';
import { MySubmissionsPage } from './my-submissions-page';
import { words, squash } from '../../../testing/visible-text';

describe('MySubmissionsPage', () => {
  let fixture: ComponentFixture<MySubmissionsPage>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function openAs(role: Role, answer: Completeness, centre?: string) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    fixture = TestBed.createComponent(MySubmissionsPage);
    fixture.componentRef.setInput('annee', '2026');
    if (centre) fixture.componentRef.setInput('centre', centre);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/completeness?year=2026' }).flush(answer);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const own = (): Completeness => {
    const data = aCompleteness();
    data.units = data.units.slice(0, 1);
    data.cells = data.cells.filter((c) => c.unitId === 1);
    return data;
  };

  afterEach(() => backend.verify());

  it('lists a unit lead’s periods with status, due date, late flag and a link to each form', async () => {
    const page = await openAs('unit_lead', own());
    expect(page.querySelector('h1')!.textContent).toBe('Mes saisies');
    expect(squash(page.querySelector('h2')!.textContent!)).toBe('CRP Hauts-de-France CRP-HDF');
    expect(await (await loader.getHarness(MatTableHarness)).getRows()).toHaveSize(2);
    const rows = [...page.querySelectorAll('tr.mat-mdc-row')].map((tr) => [...tr.querySelectorAll('td')].map(words));
    expect(rows[0][0]).toBe('1er trimestre 2026');
    expect(rows[0][1]).toBe('30/04/2026');
    expect(rows[0][2]).toBe('Validée Modifiée depuis la validation');
    expect(rows[0][4]).toBe('Consulter');
    expect(rows[1][1]).toBe('30/07/2026 En retard');
    expect(rows[1][2]).toBe('Renvoyée pour correction Renvoyée par la coordination : ouvrez la saisie pour lire son message.');
    expect(rows[1][3]).toBe('80 % renseigné');
    const link = page.querySelector<HTMLAnchorElement>('a[href="/saisie/1/2026-Q2"]')!;
    expect(squash(link.textContent!)).toBe('Corriger la saisie');
    expect(link.getAttribute('aria-label')).toBe('Corriger la saisie — CRP Hauts-de-France, 2e trimestre 2026');
  });

  it('asks the coordination to pick a unit, then shows its forms', async () => {
    const page = await openAs('admin', aCompleteness());
    expect(squash(page.textContent!)).toContain('Choisissez un centre ci-dessus');
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    const [, unitSelect] = await loader.getAllHarnesses(MatSelectHarness);
    await unitSelect.clickOptions({ text: /CRP-BZH/ });
    expect(navigate).toHaveBeenCalledOnceWith([], { queryParams: { centre: 2 }, queryParamsHandling: 'merge' });

    fixture.componentRef.setInput('centre', '2');
    await fixture.whenStable();
    expect(await (await loader.getHarness(MatTableHarness)).getRows()).toHaveSize(2);
    const rows = [...page.querySelectorAll('tr.mat-mdc-row')].map((tr) => [...tr.querySelectorAll('td')].map(words));
    expect(rows[0][2]).toBe('Non attendue');
    expect(rows[0][4]).toBe('');
    expect(rows[1][2]).toBe('Transmise');
    expect(page.querySelector('a[href="/saisie/2/2026-Q2"]')).not.toBeNull();
  });

  it('tells a unit lead without units whom to ask', async () => {
    const page = await openAs('unit_lead', { ...own(), units: [], cells: [], lateUnits: [] });
    expect(squash(page.textContent!)).toContain('Aucun centre ne vous est rattaché pour 2026.');
  });

  it('says when the year has no campaign', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser('unit_lead'));
    fixture = TestBed.createComponent(MySubmissionsPage);
    fixture.componentRef.setInput('annee', '2026');
    await fixture.whenStable();
    backend
      .expectOne('/api/completeness?year=2026')
      .flush({ error: { code: 'not_found', message: 'Aucune campagne de collecte pour 2026.' } }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(squash(fixture.nativeElement.textContent)).toContain('Aucune campagne de collecte n’est ouverte pour 2026.');
  });
});
