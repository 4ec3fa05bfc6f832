import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { Role, Unit } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { UnitsPage } from './units-page';

const units: Unit[] = [
  {
    id: 2,
    code: 'CRP-HDF',
    name: 'CRP Hauts-de-France',
    region: 'Hauts-de-France',
    hostInstitution: 'CHU de Lille',
    kind: 'crp',
    openedOn: '2019-01-07',
    closedOn: '2020-12-31',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 3,
  },
  {
    id: 1,
    code: 'CN2R',
    name: 'Centre national de ressources et de résilience',
    region: 'National',
    hostInstitution: null,
    kind: 'cn2r',
    openedOn: '2019-03-15',
    closedOn: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
  },
];

describe('UnitsPage', () => {
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function openAs(role: Role, answer: Unit[] = units) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    const fixture = TestBed.createComponent(UnitsPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/units' }).flush(answer);
    await fixture.whenStable();
    return fixture;
  }

  afterEach(() => backend.verify());

  it('lists the units by code with French dates, kind labels and status', async () => {
    await openAs('finance');
    const table = await loader.getHarness(MatTableHarness);
    const headers = await (await table.getHeaderRows())[0].getCellTextByIndex();
    expect(headers).toEqual(['Code', 'Nom', 'Région', 'Établissement porteur', 'Type', 'Ouverture', 'Fermeture', 'Statut']);
    expect(await table.getCellTextByIndex()).toEqual([
      [
        'CN2R',
        'Centre national de ressources et de résilience',
        'National',
        '—',
        'CN2R (centre national)',
        '15/03/2019',
        '—',
        'Ouvert',
      ],
      [
        'CRP-HDF',
        'CRP Hauts-de-France',
        'Hauts-de-France',
        'CHU de Lille',
        'Centre régional du psychotraumatisme',
        '07/01/2019',
        '31/12/2020',
        'Fermé',
      ],
    ]);
  });

  it('gives an admin the buttons to create, edit and delete', async () => {
    await openAs('admin');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Nouveau centre/ }))).toHaveSize(1);
    const table = await loader.getHarness(MatTableHarness);
    const [firstRow] = await table.getRows();
    const [actionsCell] = await firstRow.getCells({ columnName: 'actions' });
    const actions = await actionsCell.getAllHarnesses(MatButtonHarness);
    const labels = await Promise.all(actions.map(async (button) => (await button.host()).getAttribute('aria-label')));
    expect(labels).toEqual([
      'Modifier le centre Centre national de ressources et de résilience',
      'Supprimer le centre Centre national de ressources et de résilience',
    ]);
  });

  for (const role of ['unit_lead', 'finance', 'board'] as const) {
    it(`is read-only for ${role}`, async () => {
      await openAs(role);
      expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Nouveau centre/ }))).toHaveSize(0);
      const table = await loader.getHarness(MatTableHarness);
      expect(Object.keys(await table.getCellTextByColumnName())).not.toContain('actions');
      expect(await loader.getAllHarnesses(MatButtonHarness.with({ ancestor: 'table' }))).toHaveSize(0);
    });
  }

  it('filters on code, name, region or institution, ignoring accents', async () => {
    await openAs('board');
    const filter = await loader.getHarness(MatInputHarness.with({ selector: '[type=search]' }));
    await filter.setValue('lille');
    const table = await loader.getHarness(MatTableHarness);
    expect((await table.getCellTextByColumnName())['code'].text).toEqual(['CRP-HDF']);
    await filter.setValue('resilience');
    expect((await table.getCellTextByColumnName())['code'].text).toEqual(['CN2R']);
    await filter.setValue('bretagne');
    expect(await table.getRows()).toHaveSize(0);
    expect(await (await table.host()).text()).toContain('Aucun centre ne correspond à « bretagne »');
  });

  it('says what to do when there is no unit yet', async () => {
    const fixture = await openAs('admin', []);
    expect(fixture.nativeElement.textContent).toContain('Aucun centre n’est encore enregistré.');
    expect(fixture.nativeElement.textContent).toContain('Utilisez « Nouveau centre »');
  });
});
