import { HttpTestingController } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { GovernanceDeliberation } from '@cn2r/shared';
import { flushApiError } from '../../../testing/api-error-response';
import { openDialog } from '../../../testing/dialog-testing';
import { DeliberationDialog, type DeliberationDialogData } from './deliberation-dialog';
import { deliberations, meetings } from '../../../testing/governance-fixtures';

describe('DeliberationDialog', () => {
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let close: jasmine.Spy;

  async function open(deliberation: GovernanceDeliberation | null) {
    const { fixture, ...opened } = await openDialog(DeliberationDialog, { deliberation, meetings, suggestedNumber: '2026-02' } satisfies DeliberationDialogData);
    ({ loader, backend, close } = opened);
    return fixture;
  }

  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formControlName=${name}]` }));
  const save = async (text: string) => (await loader.getHarness(MatButtonHarness.with({ text }))).click();
  const errorOf = async (label: string) => (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getTextErrors();

  afterEach(() => backend.verify());

  it('records a deliberation with the suggested number, the meeting’s date and the vote', async () => {
    await open(null);
    expect(await (await input('number')).getValue()).toBe('2026-02');
    const meeting = await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName=meetingId]' }));
    await meeting.open();
    await meeting.clickOptions({ text: 'Assemblée générale du 26/03/2026' });
    expect(await (await loader.getHarness(MatDatepickerInputHarness)).getValue()).toBe('26/03/2026');
    await (await input('title')).setValue('Approbation du rapport d’activité 2025');
    await (await input('votesFor')).setValue('9');
    await (await input('abstentions')).setValue('1');
    await save('Enregistrer la délibération');
    const req = backend.expectOne({ method: 'POST', url: '/api/governance/deliberations' });
    expect(req.request.body).toEqual({ number: '2026-02', meetingId: 10, adoptedOn: '2026-03-26', title: 'Approbation du rapport d’activité 2025', votesFor: 9, votesAgainst: 0, abstentions: 1 });
    req.flush({ ...deliberations[0], id: 21, number: '2026-02' });
    expect(close).toHaveBeenCalledWith({ outcome: 'saved' });
  });

  it('checks the number with the shared schema before sending (the year of the number is the year of the date)', async () => {
    await open(null);
    await (await input('number')).setValue('2025-02');
    const meeting = await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName=meetingId]' }));
    await meeting.open();
    await meeting.clickOptions({ text: 'Assemblée générale du 26/03/2026' });
    await (await input('title')).setValue('Budget');
    await (await input('votesFor')).setValue('9');
    await save('Enregistrer la délibération');
    expect(await errorOf('Numéro')).toEqual(['Le numéro commence par l’année de la délibération (AAAA-NN).']);
    backend.expectNone('/api/governance/deliberations');
  });

  it('shows the server’s 409 on a taken number, and closes with « conflict » on a stale version', async () => {
    await open(deliberations[0]);
    await (await input('number')).setValue('2026-05');
    await save('Enregistrer');
    const taken = backend.expectOne({ method: 'PATCH', url: '/api/governance/deliberations/20' });
    expect(taken.request.body).toEqual({ number: '2026-05', version: 3 });
    flushApiError(taken, 409, 'Le numéro 2026-05 est déjà attribué à une autre délibération de 2026.', [
      { path: 'number', message: 'Numéro déjà attribué.' },
    ]);
    expect(await errorOf('Numéro')).toEqual(['Numéro déjà attribué.']);
    expect(close).not.toHaveBeenCalled();

    await (await input('number')).setValue('2026-06');
    await save('Enregistrer');
    flushApiError(backend.expectOne({ method: 'PATCH', url: '/api/governance/deliberations/20' }), 409, 'Cette délibération a été modifiée…', [
      { path: 'version', message: 'Version périmée.' },
    ]);
    expect(close).toHaveBeenCalledWith({ outcome: 'conflict' });
  });
});
