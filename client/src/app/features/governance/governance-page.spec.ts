import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import type { Role } from '@cn2r/shared';
import { of } from 'rxjs';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { bodies, deliberations, deliverables, meetings, members } from '../../../testing/governance-fixtures';
import { GovernancePage, nextDeliberationNumber } from './governance-page';

const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/\u202f/g, ' ').trim();

describe('GovernancePage', () => {
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;
  const year = new Date().getFullYear();

  function answer(records: { members?: unknown[]; meetings?: unknown[]; deliberations?: unknown[]; deliverables?: unknown[] } = {}) {
    backend.expectOne('/api/governance/members').flush(records.members ?? members);
    backend.expectOne('/api/governance/bodies').flush(bodies);
    backend.expectOne(`/api/governance/meetings?year=${year}`).flush(records.meetings ?? meetings);
    backend.expectOne(`/api/governance/deliberations?year=${year}`).flush(records.deliberations ?? deliberations);
    backend.expectOne(`/api/governance/deliverables?year=${year}`).flush(records.deliverables ?? deliverables);
  }

  async function openAs(role: Role, records: Parameters<typeof answer>[0] = {}) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    const fixture = TestBed.createComponent(GovernancePage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    answer(records);
    await fixture.whenStable();
    return fixture;
  }

  const selectTab = async (label: string) => (await loader.getHarness(MatTabGroupHarness)).selectTab({ label });
  const tableRows = async (label: string) => {
    const table = await loader.getHarness(MatTableHarness.with({ selector: `[aria-label="${label}"]` }));
    return (await table.getCellTextByIndex()).map((row) => row.map(squash));
  };

  afterEach(() => backend.verify());

  it('lists the members with their share of the votes in percent and French dates, read-only for a unit lead', async () => {
    const fixture = await openAs('unit_lead');
    expect(await tableRows('Membres du groupement')).toEqual([
      ['Ministère chargé de la santé', 'État', '15 %', '01/01/2019', '—'],
      ['AP-HP', 'Établissement de santé', '12 %', '01/01/2019', '31/12/2026'],
    ]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Nouveau membre/ }))).toHaveSize(0);
    await selectTab('Réunions et délibérations');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Nouvelle séance|Nouvelle instance/ }))).toHaveSize(0);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ ancestor: 'table' }))).toHaveSize(0);
    expect([...fixture.nativeElement.querySelectorAll('.body-name')].map((e: Element) => e.textContent)).toEqual(['Assemblée générale', 'Conseil d’administration']);
  });

  it('shows the year’s meetings with attendance and quorum, and the deliberations with the vote and the minutes to download', async () => {
    const fixture = await openAs('board');
    await selectTab('Réunions et délibérations');
    expect((await tableRows('Séances des instances'))[0].slice(0, 5)).toEqual(['26/03/2026', 'Assemblée générale', 'Ordinaire', '1 présent, 1 représenté', 'Atteint']);
    expect((await tableRows('Délibérations'))[0].slice(0, 5)).toEqual(['2026-01', '26/03/2026', 'Approbation du compte financier 2025', '2 / 0 / 0 — adoptée', 'PV-2026-01.pdf']);
    const link = fixture.nativeElement.querySelector('a[download]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/governance/deliberations/20/minutes');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Nouvelle délibération/ }))).toHaveSize(1);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Nouvelle instance/ }))).toHaveSize(1);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ selector: '[aria-label="Renommer l’instance Conseil d’administration"]' }))).toHaveSize(1);
  });

  it('lets only the coordination write deliverables', async () => {
    await openAs('board');
    await selectTab('Livrables');
    expect(await tableRows('Livrables des résultats attendus')).toEqual([
      ['Cartographie de l’offre de soins', 'Cartographie de l’offre de soins — mise à jour 2026', 'Cartographie', '30/06/2026', 'Livré', 'Ouvrir le lien'],
    ]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Nouveau livrable/ }))).toHaveSize(0);
  });

  it('says what to do when the year has no record', async () => {
    const fixture = await openAs('admin', { members: [], meetings: [], deliberations: [], deliverables: [] });
    expect(fixture.nativeElement.textContent).toContain('Utilisez « Nouveau membre »');
    await selectTab('Réunions et délibérations');
    expect(fixture.nativeElement.textContent).toContain(`Aucune séance n’est enregistrée pour ${year}.`);
    expect(fixture.nativeElement.textContent).toContain('Enregistrez d’abord la séance');
    await selectTab('Livrables');
    expect(fixture.nativeElement.textContent).toContain('Utilisez « Nouveau livrable »');
  });

  it('deletes a deliberation only after confirmation, then reloads', async () => {
    await openAs('admin');
    await selectTab('Réunions et délibérations');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Supprimer la délibération 2026-01"]' }))).click();
    const confirm = await rootLoader.getHarness(MatDialogHarness);
    expect(squash(await confirm.getText())).toContain('La délibération 2026-01 « Approbation du compte financier 2025 » sera supprimée, avec son procès-verbal.');
    backend.expectNone({ method: 'DELETE' });
    await (await confirm.getHarness(MatButtonHarness.with({ text: 'Supprimer' }))).click();
    backend.expectOne({ method: 'DELETE', url: '/api/governance/deliberations/20' }).flush(null, { status: 204, statusText: 'No Content' });
    answer({ deliberations: [] });
  });

  it('reloads when a dialog reports that the record changed meanwhile (409)', async () => {
    await openAs('board');
    spyOn(TestBed.inject(MatDialog), 'open').and.returnValue({ afterClosed: () => of({ outcome: 'conflict' }) } as never);
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Modifier le membre AP-HP"]' }))).click();
    answer();
  });
});

describe('nextDeliberationNumber', () => {
  it('suggests the next number of the year', () => {
    expect(nextDeliberationNumber(2026, ['2026-01', '2026-07', '2025-09'])).toBe('2026-08');
    expect(nextDeliberationNumber(2027, ['2026-01'])).toBe('2027-01');
  });
});
