import { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { flushApiError } from '../../../testing/api-error-response';
import { openDialog } from '../../../testing/dialog-testing';
import { CampaignCreateDialog, type CampaignCreateDialogData } from './campaign-create-dialog';
import { aCampaign } from './campaign-fixtures.spec';

describe('CampaignCreateDialog', () => {
  let fixture: ComponentFixture<CampaignCreateDialog>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let close: jasmine.Spy;

  beforeEach(async () => {
    ({ fixture, loader, backend, close } = await openDialog(CampaignCreateDialog, { takenYears: [2025, 2026], suggestedYear: 2027 } satisfies CampaignCreateDialogData));
  });

  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formControlName=${name}]` }));
  const create = async () => (await loader.getHarness(MatButtonHarness.with({ text: 'Créer la campagne' }))).click();
  const yearErrors = async () => (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Année' }))).getTextErrors();

  afterEach(() => backend.verify());

  it('posts the year alone: the server names the campaign and creates its periods', async () => {
    expect(fixture.nativeElement.textContent).toContain('les quatre trimestres et l’année');
    await create();
    const request = backend.expectOne({ method: 'POST', url: '/api/campaigns' });
    expect(request.request.body).toEqual({ year: 2027 });
    const created = aCampaign({ id: 9, year: 2027 });
    request.flush(created, { status: 201, statusText: 'Created' });
    expect(close).toHaveBeenCalledOnceWith(created);
  });

  it('adds the label when one is given', async () => {
    await (await input('year')).setValue('2028');
    await (await input('label')).setValue('  Collecte 2028  ');
    await create();
    const request = backend.expectOne('/api/campaigns');
    expect(request.request.body).toEqual({ year: 2028, label: 'Collecte 2028' });
    request.flush(aCampaign({ year: 2028 }), { status: 201, statusText: 'Created' });
  });

  it('refuses a year that already has a campaign, or an impossible one, without calling the server', async () => {
    await (await input('year')).setValue('2026');
    await create();
    expect(await yearErrors()).toEqual(['Une campagne existe déjà pour cette année.']);
    await (await input('year')).setValue('1999');
    expect(await yearErrors()).toEqual(['Une année de 2018 à 2100.']);
    backend.expectNone('/api/campaigns');
    expect(close).not.toHaveBeenCalled();
  });

  it('shows the server’s 409 on the year', async () => {
    await create();
    flushApiError(backend.expectOne('/api/campaigns'), 409, 'Une campagne existe déjà pour 2027.', [
      { path: 'year', message: 'Année déjà couverte par une campagne.' },
    ]);
    await fixture.whenStable();
    expect(await yearErrors()).toEqual(['Année déjà couverte par une campagne.']);
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('Une campagne existe déjà pour 2027.');
    expect(close).not.toHaveBeenCalled();
  });
});
