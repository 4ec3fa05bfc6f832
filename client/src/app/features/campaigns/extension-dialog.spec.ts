import { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { CampaignExtension } from '@cn2r/shared';
import { flushApiError } from '../../../testing/api-error-response';
import { openDialog } from '../../../testing/dialog-testing';
import { aCampaign, units } from './campaign-fixtures.spec';
import { ExtensionDialog, type ExtensionDialogData } from './extension-dialog';

describe('ExtensionDialog', () => {
  let fixture: ComponentFixture<ExtensionDialog>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let close: jasmine.Spy;

  async function open(extension: CampaignExtension | null = null) {
    ({ fixture, loader, backend, close } = await openDialog(ExtensionDialog, { campaign: aCampaign({ status: 'open' }), units, extension } satisfies ExtensionDialogData));
  }

  const select = (name: string) => loader.getHarness(MatSelectHarness.with({ selector: `[formControlName=${name}]` }));
  const dueOn = () => loader.getHarness(MatDatepickerInputHarness.with({ selector: '[formControlName=dueOn]' }));
  const submit = async (text: string) => (await loader.getHarness(MatButtonHarness.with({ text }))).click();

  afterEach(() => backend.verify());

  it('grants a unit a later due date for a period', async () => {
    await open();
    await (await select('unitId')).clickOptions({ text: /CRP Hauts-de-France/ });
    const period = await select('period');
    await period.open();
    expect(await Promise.all((await period.getOptions()).map((option) => option.getText()))).toEqual([
      '1er trimestre 2026 — échéance 30/04/2026',
      '2e trimestre 2026 — échéance 30/07/2026',
      '3e trimestre 2026 — échéance 30/10/2026',
      '4e trimestre 2026 — échéance 30/01/2027',
      'Année 2026 — échéance 01/03/2027',
    ]);
    await period.clickOptions({ text: /^2e trimestre/ });
    await (await dueOn()).setValue('31/08/2026');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=reason]' }))).setValue('Logiciel métier en panne');
    await submit('Accorder la prolongation');
    const request = backend.expectOne({ method: 'PUT', url: '/api/campaigns/7/extensions/2/2026-Q2' });
    expect(request.request.body).toEqual({ dueOn: '2026-08-31', reason: 'Logiciel métier en panne' });
    const saved = aCampaign({ status: 'open', extensions: [{ unitId: 2, period: '2026-Q2', dueOn: '2026-08-31', reason: 'Logiciel métier en panne' }] });
    request.flush(saved);
    expect(close).toHaveBeenCalledOnceWith(saved);
  });

  it('refuses a date that is not after the normal due date, without calling the server', async () => {
    await open();
    await (await select('unitId')).clickOptions({ text: /CRP-ARA/ });
    await (await select('period')).clickOptions({ text: /^1er trimestre/ });
    await (await dueOn()).setValue('30/04/2026');
    await submit('Accorder la prolongation');
    expect(await (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Nouvelle échéance' }))).getTextErrors()).toEqual([
      'La nouvelle échéance doit suivre l’échéance normale (30/04/2026).',
    ]);
    backend.expectNone((req) => req.method === 'PUT');
  });

  it('changes the date of an extension, its unit and period fixed; the server’s 422 on them goes above the form', async () => {
    await open({ unitId: 5, period: '2026-Q1', dueOn: '2026-05-31', reason: null });
    expect(await (await select('unitId')).isDisabled()).toBeTrue();
    expect(await (await select('period')).isDisabled()).toBeTrue();
    await (await dueOn()).setValue('15/06/2026');
    await submit('Enregistrer');
    const request = backend.expectOne({ method: 'PUT', url: '/api/campaigns/7/extensions/5/2026-Q1' });
    expect(request.request.body).toEqual({ dueOn: '2026-06-15', reason: null });
    flushApiError(request, 422, 'Certaines valeurs saisies sont invalides.', [
      { path: 'unitId', message: 'CRP Auvergne-Rhône-Alpes n’était pas ouvert pendant la période 1er trimestre 2026 : rien à lui demander.' },
    ]);
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain(
      'CRP Auvergne-Rhône-Alpes n’était pas ouvert pendant la période 1er trimestre 2026 : rien à lui demander.',
    );
    expect(close).not.toHaveBeenCalled();
  });
});
