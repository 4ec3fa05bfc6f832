import { Clipboard } from '@angular/cdk/clipboard';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import type { Completeness, Role } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { aCompleteness } from './completeness.fixture';
import { CompletenessPage } from './completeness-page';
import { words, squash } from '../../../testing/visible-text';

describe('CompletenessPage', () => {
  let fixture: ComponentFixture<CompletenessPage>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function openAs(role: Role, answer: Completeness = aCompleteness()) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    fixture = TestBed.createComponent(CompletenessPage);
    fixture.componentRef.setInput('annee', '2026');
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/completeness?year=2026' }).flush(answer);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => backend.verify());

  it('shows units × periods with each status in words, filled share, late and changed markers, linking to the form', async () => {
    const page = await openAs('admin');
    expect(page.querySelectorAll('h1').length).toBe(1);
    const table = await loader.getHarness(MatTableHarness);
    const headers = await (await table.getHeaderRows())[0].getCellTextByIndex();
    expect(headers.map(squash)).toEqual(['Centre', 'T1 2026 échéance 30/04/2026', 'T2 2026 échéance 30/07/2026']);
    expect(await table.getRows()).toHaveSize(2);
    const cells = [...page.querySelectorAll('tr.mat-mdc-row')].map((tr) => [...tr.querySelectorAll('td')].map(words));
    expect(cells).toEqual([
      [
        'CRP Hauts-de-France CRP-HDF',
        'CRP Hauts-de-France, 1er trimestre 2026 : Validée 100 % renseigné Modifiée depuis validation',
        'CRP Hauts-de-France, 2e trimestre 2026 : Renvoyée pour correction 80 % renseigné En retard',
      ],
      ['CRP Bretagne CRP-BZH', 'Non attendue', 'CRP Bretagne, 2e trimestre 2026 : Transmise 100 % renseigné'],
    ]);

    // Each cell is a link to its form, named with its unit and period for screen readers.
    const link = page.querySelector<HTMLAnchorElement>('a.cell-link[href="/saisie/1/2026-Q2"]')!;
    expect(words(link)).toBe('CRP Hauts-de-France, 2e trimestre 2026 : Renvoyée pour correction 80 % renseigné En retard');
    expect(page.querySelector('a[href="/saisie/2/2026-Q1"]')).toBeNull();
    expect(squash(page.querySelector('.summary')!.textContent!)).toBe('3 saisies attendues · 1 validée · 1 en retard');
  });

  it('lists the late units with a reminder text to copy', async () => {
    const page = await openAs('admin');
    const section = page.querySelector('.late-units')!;
    expect(section.querySelector('h2')!.textContent).toContain('Centres en retard');
    expect(words(section)).toContain('CRP Hauts-de-France Périodes en retard : 2e trimestre 2026');
    const copy = spyOn(TestBed.inject(Clipboard), 'copy').and.returnValue(true);
    await (await loader.getHarness(MatButtonHarness.with({ text: /Copier le texte de relance/ }))).click();
    expect(copy).toHaveBeenCalledOnceWith('Bonjour,\nla saisie du 2e trimestre 2026 est attendue.');
  });

  it('shows a unit lead their own rows without the reminder list', async () => {
    const own = aCompleteness();
    own.units = own.units.slice(0, 1);
    own.cells = own.cells.filter((c) => c.unitId === 1);
    const page = await openAs('unit_lead', own);
    const table = await loader.getHarness(MatTableHarness);
    expect(await table.getRows()).toHaveSize(1);
    expect(page.querySelector('.late-units')).toBeNull();
  });

  it('puts the chosen year in the URL', async () => {
    await openAs('admin');
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    await (await loader.getHarness(MatSelectHarness)).clickOptions({ text: '2025' });
    expect(navigate).toHaveBeenCalledOnceWith([], { queryParams: { annee: 2025 }, queryParamsHandling: 'merge' });
  });

  it('says what to do when the year has no campaign (the server’s 404), without an error message', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser('admin'));
    const snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    fixture = TestBed.createComponent(CompletenessPage);
    fixture.componentRef.setInput('annee', '2019');
    await fixture.whenStable();
    backend
      .expectOne('/api/completeness?year=2019')
      .flush({ error: { code: 'not_found', message: 'Aucune campagne de collecte pour 2019.' } }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(words(fixture.nativeElement)).toContain('Aucune campagne de collecte pour 2019. Créez la campagne de l’année');
    expect(snackBar).not.toHaveBeenCalled();
  });

  it('says the same of a campaign without periods', async () => {
    const page = await openAs('admin', { ...aCompleteness(), periods: [], cells: [], lateUnits: [] });
    expect(words(page)).toContain('Aucune campagne de collecte pour 2026. Créez la campagne de l’année');
  });
});
