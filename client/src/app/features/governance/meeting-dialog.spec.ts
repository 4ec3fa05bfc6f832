import { HttpTestingController } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { GovernanceMeeting } from '@cn2r/shared';
import { openDialog } from '../../../testing/dialog-testing';
import { bodies, meetings, members } from '../../../testing/governance-fixtures';
import { MeetingDialog, type MeetingDialogData } from './meeting-dialog';

describe('MeetingDialog', () => {
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let close: jasmine.Spy;

  async function open(meeting: GovernanceMeeting | null) {
    ({ loader, backend, close } = await openDialog(MeetingDialog, { meeting, bodies, members } satisfies MeetingDialogData));
  }

  const presence = (name: string) => loader.getHarness(MatSelectHarness.with({ selector: `[aria-label="Présence : ${name}"]` }));

  afterEach(() => backend.verify());

  it('records a meeting with the members present or represented, absent ones left out', async () => {
    await open(null);
    await (await loader.getHarness(MatDatepickerInputHarness)).setValue('19/11/2026');
    const apHp = await presence('AP-HP');
    await apHp.open();
    await apHp.clickOptions({ text: 'Représenté' });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer la séance' }))).click();
    const req = backend.expectOne({ method: 'POST', url: '/api/governance/meetings' });
    expect(req.request.body).toEqual({ bodyId: 1, heldOn: '2026-11-19', kind: 'ordinary', quorumReached: true, attendees: [{ memberId: 2, attendance: 'represented' }], notes: null });
    req.flush(meetings[0]);
    expect(close).toHaveBeenCalledWith({ outcome: 'saved' });
  });

  it('sends only what changed, with the version read', async () => {
    await open(meetings[0]);
    expect(await (await presence('Ministère chargé de la santé')).getValueText()).toBe('Présent');
    await (await loader.getHarness(MatCheckboxHarness)).uncheck();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
    const req = backend.expectOne({ method: 'PATCH', url: '/api/governance/meetings/10' });
    expect(req.request.body).toEqual({ quorumReached: false, version: 1 });
    req.flush({ ...meetings[0], quorumReached: false, version: 2 });
    expect(close).toHaveBeenCalledWith({ outcome: 'saved' });
  });
});
