import { HttpTestingController } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { Unit } from '@cn2r/shared';
import { flushApiError } from '../../../testing/api-error-response';
import { openDialog } from '../../../testing/dialog-testing';
import { UnitDialog, type UnitDialogData, unitChanges } from './unit-dialog';

const existing: Unit = {
  id: 4,
  code: 'CRP-GE',
  name: 'CRP Grand Est',
  region: 'Grand Est',
  hostInstitution: 'CHRU de Strasbourg',
  kind: 'crp',
  openedOn: '2019-01-01',
  closedOn: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 5,
};

describe('UnitDialog', () => {
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let close: jasmine.Spy;

  async function open(unit: Unit | null) {
    const { fixture, ...opened } = await openDialog(UnitDialog, { unit } satisfies UnitDialogData);
    ({ loader, backend, close } = opened);
    return fixture;
  }

  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formControlName=${name}]` }));
  const date = (name: string) => loader.getHarness(MatDatepickerInputHarness.with({ selector: `[formControlName=${name}]` }));
  const save = async (text: string) => (await loader.getHarness(MatButtonHarness.with({ text }))).click();
  const errorOf = async (label: string) => (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getTextErrors();

  afterEach(() => backend.verify());

  it('creates a unit: upper-case code, YYYY-MM-DD dates typed as JJ/MM/AAAA', async () => {
    await open(null);
    await (await input('code')).setValue('crp-bzh');
    await (await input('name')).setValue('CRP Bretagne');
    await (await input('region')).setValue('Bretagne');
    await (await date('openedOn')).setValue('02/09/2024');
    await save('Créer le centre');
    const request = backend.expectOne({ method: 'POST', url: '/api/units' });
    expect(request.request.body).toEqual({
      code: 'CRP-BZH',
      name: 'CRP Bretagne',
      region: 'Bretagne',
      hostInstitution: null,
      kind: 'crp',
      openedOn: '2024-09-02',
      closedOn: null,
    });
    const created = { ...existing, id: 12, code: 'CRP-BZH' };
    request.flush(created, { status: 201, statusText: 'Created' });
    expect(close).toHaveBeenCalledOnceWith({ outcome: 'created', unit: created });
  });

  it('refuses a closing date before the opening date, without calling the server', async () => {
    await open(null);
    await (await input('code')).setValue('CRP-BZH');
    await (await input('name')).setValue('CRP Bretagne');
    await (await input('region')).setValue('Bretagne');
    await (await date('openedOn')).setValue('02/09/2024');
    await (await date('closedOn')).setValue('01/09/2024');
    await save('Créer le centre');
    expect(await errorOf('Date de fermeture')).toEqual(['La date de fermeture doit suivre la date d’ouverture.']);
    backend.expectNone('/api/units');
    expect(close).not.toHaveBeenCalled();
  });

  it('shows a duplicate code (409 with a field) on the form', async () => {
    const fixture = await open(null);
    await (await input('code')).setValue('CRP-GE');
    await (await input('name')).setValue('Doublon');
    await (await input('region')).setValue('Grand Est');
    await (await date('openedOn')).setValue('01/01/2024');
    await save('Créer le centre');
    flushApiError(backend.expectOne('/api/units'), 409, 'Le code « CRP-GE » est déjà utilisé par un autre centre.', [
      { path: 'code', message: 'Code déjà utilisé.' },
    ]);
    await fixture.whenStable();
    expect(await errorOf('Code')).toEqual(['Code déjà utilisé.']);
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('Le code « CRP-GE » est déjà utilisé');
    expect(close).not.toHaveBeenCalled();
  });

  it('sends only the changed fields with the version read', async () => {
    await open(existing);
    expect(await (await date('openedOn')).getValue()).toBe('01/01/2019');
    await (await input('name')).setValue('CRP Grand-Est');
    await (await date('closedOn')).setValue('31/12/2026');
    await save('Enregistrer');
    const request = backend.expectOne({ method: 'PATCH', url: '/api/units/4' });
    expect(request.request.body).toEqual({ name: 'CRP Grand-Est', closedOn: '2026-12-31', version: 5 });
    request.flush({ ...existing, name: 'CRP Grand-Est', closedOn: '2026-12-31', version: 6 });
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'updated' }));
  });

  it('closes as a conflict when someone else changed the unit (409 on version)', async () => {
    await open(existing);
    await (await input('region')).setValue('Alsace');
    await save('Enregistrer');
    flushApiError(backend.expectOne('/api/units/4'), 409, 'Le centre a été modifié par quelqu’un d’autre entre-temps.', [
      { path: 'version', message: 'Version périmée.' },
    ]);
    expect(close).toHaveBeenCalledOnceWith({ outcome: 'conflict' });
  });

  it('closes without a request when nothing changed', async () => {
    await open(existing);
    await save('Enregistrer');
    backend.expectNone('/api/units/4');
    expect(close).toHaveBeenCalledOnceWith();
  });
});

describe('unitChanges', () => {
  it('keeps only what differs', () => {
    const { id, createdAt, updatedAt, version, ...fields } = existing;
    expect(unitChanges(existing, { ...fields, region: 'Alsace', closedOn: null })).toEqual({ region: 'Alsace' });
  });
});
