import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableHarness } from '@angular/material/table/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Campaign } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { aCampaign, units } from './campaign-fixtures.spec';
import { CampaignDetailPage } from './campaign-detail-page';

describe('CampaignDetailPage', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;
  let snackBar: jasmine.Spy;

  async function open(campaign: Campaign = aCampaign()) {
    TestBed.configureTestingModule({ providers: provideTestApp([{ path: 'campagnes/:id', component: CampaignDetailPage }]) });
    backend = TestBed.inject(HttpTestingController);
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open').and.callThrough();
    harness = await RouterTestingHarness.create(`/campagnes/${campaign.id}`);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(harness.fixture);
    backend.expectOne({ method: 'GET', url: '/api/units' }).flush(units);
    backend.expectOne({ method: 'GET', url: `/api/campaigns/${campaign.id}` }).flush(campaign);
    await harness.fixture.whenStable();
  }

  const text = () => (harness.fixture.nativeElement as HTMLElement).textContent!.replace(/\s+/g, ' ');
  const button = (name: string | RegExp) => loader.getHarness(MatButtonHarness.with({ text: name }));
  const confirm = async (title: string, confirmLabel: string) => {
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe(title);
    const message = await dialog.getContentText();
    await (await dialog.getHarness(MatButtonHarness.with({ text: confirmLabel }))).click();
    return message;
  };
  const dateOf = (label: string) => loader.getHarness(MatDatepickerInputHarness.with({ selector: `[aria-label="${label}"]` }));

  afterEach(() => backend.verify());

  it('shows the campaign: one h1, its status, its periods in order with their dates', async () => {
    await open(aCampaign({ extensions: [{ unitId: 5, period: '2026-Q1', dueOn: '2026-05-31', reason: 'Départ de la secrétaire' }] }));
    const root = harness.fixture.nativeElement as HTMLElement;
    expect([...root.querySelectorAll('h1')].map((h1) => h1.textContent!.trim())).toEqual(['Campagne 2026']);
    expect(root.querySelector('.status-chip')!.textContent!.trim()).toBe('En préparation');
    const [periods, extensions] = await loader.getAllHarnesses(MatTableHarness);
    const columns = await periods.getCellTextByColumnName();
    expect(columns['period'].text).toEqual(['1er trimestre 2026', '2e trimestre 2026', '3e trimestre 2026', '4e trimestre 2026', 'Année 2026']);
    expect(columns['extensions'].text).toEqual(['1', '0', '0', '0', '0']);
    expect(await (await dateOf('Échéance, 1er trimestre 2026')).getValue()).toBe('30/04/2026');
    const rows = await extensions.getCellTextByColumnName();
    expect(rows['unit'].text).toEqual(['CRP Auvergne-Rhône-Alpes']);
    expect(rows['normalDueOn'].text).toEqual(['30/04/2026']);
    expect(rows['dueOn'].text).toEqual(['31/05/2026']);
    expect(rows['reason'].text).toEqual(['Départ de la secrétaire']);
  });

  it('opens the campaign after a confirmation that says the units will be able to enter data', async () => {
    await open();
    await (await button(/Ouvrir la campagne/)).click();
    const message = await confirm('Ouvrir la campagne 2026 ?', 'Ouvrir');
    expect(message).toContain('Les centres pourront saisir et transmettre leurs données de 2026');
    const request = backend.expectOne({ method: 'PATCH', url: '/api/campaigns/7' });
    expect(request.request.body).toEqual({ status: 'open', version: 4 });
    request.flush(aCampaign({ status: 'open', version: 5 }));
    await harness.fixture.whenStable();
    expect(snackBar).toHaveBeenCalledWith('Campagne 2026 ouverte.', 'Fermer', jasmine.any(Object));
    expect(text()).toContain('Clôturer la campagne');
  });

  it('closes the campaign after a confirmation that says entry stops, and then shows the dates read-only', async () => {
    await open(aCampaign({ status: 'open' }));
    await (await button(/Clôturer la campagne/)).click();
    const message = await confirm('Clôturer la campagne 2026 ?', 'Clôturer');
    expect(message).toContain('La saisie s’arrête');
    const request = backend.expectOne({ method: 'PATCH', url: '/api/campaigns/7' });
    expect(request.request.body).toEqual({ status: 'closed', version: 4 });
    request.flush(aCampaign({ status: 'closed', version: 5 }));
    await harness.fixture.whenStable();
    expect(await loader.getAllHarnesses(MatDatepickerInputHarness)).toHaveSize(0);
    expect(text()).toContain('La campagne est clôturée : rouvrez-la pour modifier les dates.');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Accorder une prolongation/ }))).toHaveSize(0);
  });

  it('does nothing when the confirmation is cancelled', async () => {
    await open(aCampaign({ status: 'open' }));
    await (await button(/Clôturer la campagne/)).click();
    await confirm('Clôturer la campagne 2026 ?', 'Annuler');
    backend.expectNone('/api/campaigns/7');
  });

  it('saves the label and the period dates, each with the version read', async () => {
    await open();
    await (await loader.getHarness(MatInputHarness.with({ selector: '.label-field input' }))).setValue('Collecte 2026');
    await (await button('Enregistrer le libellé')).click();
    let request = backend.expectOne({ method: 'PATCH', url: '/api/campaigns/7' });
    expect(request.request.body).toEqual({ label: 'Collecte 2026', version: 4 });
    request.flush(aCampaign({ label: 'Collecte 2026', version: 5 }));
    await harness.fixture.whenStable();

    expect(await (await button('Enregistrer les dates')).isDisabled()).toBeTrue();
    await (await dateOf('Échéance, 1er trimestre 2026')).setValue('15/05/2026');
    await (await button('Enregistrer les dates')).click();
    request = backend.expectOne({ method: 'PATCH', url: '/api/campaigns/7' });
    expect(request.request.body).toEqual({
      periods: [
        { period: '2026-Q1', opensOn: '2026-01-01', dueOn: '2026-05-15' },
        { period: '2026-Q2', opensOn: '2026-04-01', dueOn: '2026-07-30' },
        { period: '2026-Q3', opensOn: '2026-07-01', dueOn: '2026-10-30' },
        { period: '2026-Q4', opensOn: '2026-10-01', dueOn: '2027-01-30' },
        { period: '2026', opensOn: '2026-01-01', dueOn: '2027-03-01' },
      ],
      version: 5,
    });
    request.flush(aCampaign({ version: 6 }));
  });

  it('refuses a due date before the opening, without calling the server', async () => {
    await open();
    await (await dateOf('Échéance, 2e trimestre 2026')).setValue('01/03/2026');
    await (await button('Enregistrer les dates')).click();
    backend.expectNone('/api/campaigns/7');
    expect(text()).toContain('L’échéance doit suivre l’ouverture.');
  });

  it('reloads with a message when someone else changed the campaign', async () => {
    await open();
    await (await loader.getHarness(MatInputHarness.with({ selector: '.label-field input' }))).setValue('Autre');
    await (await button('Enregistrer le libellé')).click();
    backend.expectOne('/api/campaigns/7').flush(
      { error: { code: 'conflict', message: 'Modifiée entre-temps.', fields: [{ path: 'version', message: 'Version périmée.' }] } },
      { status: 409, statusText: 'Conflict' },
    );
    expect(snackBar.calls.mostRecent().args[0]).toContain('Cette campagne a été modifiée par quelqu’un d’autre entre-temps.');
    backend.expectOne({ method: 'GET', url: '/api/campaigns/7' }).flush(aCampaign({ label: 'Leur libellé', version: 5 }));
    await harness.fixture.whenStable();
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '.label-field input' }))).getValue()).toBe('Leur libellé');
  });

  it('removes an extension after confirmation', async () => {
    await open(aCampaign({ status: 'open', extensions: [{ unitId: 2, period: '2026-Q2', dueOn: '2026-08-31', reason: null }] }));
    await (
      await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Retirer la prolongation de CRP Hauts-de-France, 2e trimestre 2026"]' }))
    ).click();
    const message = await confirm('Retirer la prolongation ?', 'Retirer');
    expect(message).toBe(
      'CRP Hauts-de-France devra transmettre ses données de la période « 2e trimestre 2026 » à l’échéance normale (30/07/2026), et non plus le 31/08/2026.',
    );
    backend.expectOne({ method: 'DELETE', url: '/api/campaigns/7/extensions/2/2026-Q2' }).flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne({ method: 'GET', url: '/api/campaigns/7' }).flush(aCampaign({ status: 'open' }));
    await harness.fixture.whenStable();
    expect(text()).toContain('Aucune prolongation accordée.');
  });

  it('says when the campaign does not exist', async () => {
    TestBed.configureTestingModule({ providers: provideTestApp([{ path: 'campagnes/:id', component: CampaignDetailPage }]) });
    backend = TestBed.inject(HttpTestingController);
    const snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    harness = await RouterTestingHarness.create('/campagnes/99');
    backend.expectOne('/api/units').flush(units);
    backend
      .expectOne('/api/campaigns/99')
      .flush({ error: { code: 'not_found', message: 'Campagne introuvable.' } }, { status: 404, statusText: 'Not Found' });
    await harness.fixture.whenStable();
    expect(text()).toContain('Cette campagne n’existe pas ou plus.');
    expect(snackBar).not.toHaveBeenCalled();
  });
});
