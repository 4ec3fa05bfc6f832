import { HttpTestingController } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { User } from '@cn2r/shared';
import { flushApiError } from '../../../testing/api-error-response';
import { openDialog } from '../../../testing/dialog-testing';
import { aUnit } from '../campaigns/campaign-fixtures.spec';
import { UserDialog, type UserDialogData } from './user-dialog';

const units = [aUnit(1, 'CRP-HDF', 'CRP Hauts-de-France'), aUnit(2, 'CRP-ARA', 'CRP Auvergne-Rhône-Alpes')];

const lead: User = {
  id: 9,
  email: 'lead.lille@demo.local',
  displayName: 'Alex Lefebvre',
  role: 'unit_lead',
  units: [{ id: 1, code: 'CRP-HDF', name: 'CRP Hauts-de-France' }],
  active: true,
  oidcLinked: false,
  localPasswordDisabled: false,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 2,
};

describe('UserDialog', () => {
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let close: jasmine.Spy;

  async function open(user: User | null) {
    const { fixture, ...opened } = await openDialog(UserDialog, { user } satisfies UserDialogData);
    ({ loader, backend, close } = opened);
    backend.expectOne({ method: 'GET', url: '/api/units' }).flush(units);
    await fixture.whenStable();
    return fixture;
  }

  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formControlName=${name}]` }));
  const select = (name: string) => loader.getHarness(MatSelectHarness.with({ selector: `[formControlName=${name}]` }));
  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  const click = async (text: string) => (await loader.getHarness(MatButtonHarness.with({ text }))).click();
  const initialPassword = () => loader.getHarness(MatRadioGroupHarness);
  const choosePassword = async () => (await initialPassword()).checkRadioButton({ label: 'Définir un mot de passe' });

  afterEach(() => backend.verify());

  it('requires at least one unit for a unit lead, and a 12-character password', async () => {
    await open(null);
    await (await input('email')).setValue('nouveau@demo.local');
    await (await input('displayName')).setValue('Nouvelle Personne');
    await choosePassword();
    await (await input('password')).setValue('court');
    await click('Créer le compte');
    expect(await (await field('Centres')).getTextErrors()).toEqual([
      'Un responsable de centre doit être rattaché à au moins un centre.',
    ]);
    expect(await (await field('Mot de passe initial')).getTextErrors()).toEqual(['12 caractères au moins.']);
    backend.expectNone('/api/users');
  });

  it('invites by e-mail by default: no password field, none sent, and says so when it closes', async () => {
    const fixture = await open(null);
    expect(await (await initialPassword()).getCheckedValue()).toBe('invitation');
    expect(fixture.nativeElement.querySelector('.initial-password').textContent).toContain('valable 7 jours');
    expect(await loader.getAllHarnesses(MatInputHarness.with({ selector: '[formControlName=password]' }))).toEqual([]);
    await (await select('role')).clickOptions({ text: 'Finances' });
    await (await input('email')).setValue('invitee@demo.local');
    await (await input('displayName')).setValue('Personne Invitée');
    await click('Créer le compte');
    const request = backend.expectOne({ method: 'POST', url: '/api/users' });
    expect(request.request.body).toEqual({ email: 'invitee@demo.local', displayName: 'Personne Invitée', role: 'finance', unitIds: [] });
    request.flush({ ...lead, id: 11, role: 'finance', units: [] }, { status: 201, statusText: 'Created' });
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'created', invited: true }));
  });

  it('asks for the password again when switching back from « Définir un mot de passe » to the invitation, and sends none', async () => {
    await open(null);
    await choosePassword();
    await (await input('password')).setValue('court');
    await (await initialPassword()).checkRadioButton({ label: 'Envoyer une invitation par courriel' });
    await (await select('role')).clickOptions({ text: 'Finances' });
    await (await input('email')).setValue('autre@demo.local');
    await (await input('displayName')).setValue('Autre');
    await click('Créer le compte');
    const request = backend.expectOne({ method: 'POST', url: '/api/users' });
    expect(request.request.body.password).toBeUndefined();
    request.flush({ ...lead, id: 12, role: 'finance', units: [] }, { status: 201, statusText: 'Created' });
  });

  it('does not require units for the finance role', async () => {
    await open(null);
    await (await select('role')).clickOptions({ text: 'Finances' });
    await (await input('email')).setValue('Compta@Demo.local');
    await (await input('displayName')).setValue('Comptable');
    await choosePassword();
    await (await input('password')).setValue('une-phrase-de-passe');
    await click('Créer le compte');
    const request = backend.expectOne({ method: 'POST', url: '/api/users' });
    expect(request.request.body).toEqual({
      email: 'compta@demo.local',
      displayName: 'Comptable',
      role: 'finance',
      unitIds: [],
      password: 'une-phrase-de-passe',
    });
    request.flush({ ...lead, id: 10, role: 'finance', units: [] }, { status: 201, statusText: 'Created' });
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'created', invited: false }));
  });

  it('puts the server’s 422 and 409 messages on the fields', async () => {
    const fixture = await open(null);
    await (await input('email')).setValue('finance@demo.local');
    await (await input('displayName')).setValue('Doublon');
    await (await select('unitIds')).clickOptions({ text: /CRP-ARA/ });
    await choosePassword();
    await (await input('password')).setValue('une-phrase-de-passe');
    await click('Créer le compte');
    const request = backend.expectOne('/api/users');
    expect(request.request.body.unitIds).toEqual([2]);
    flushApiError(request, 409, 'Cette adresse e-mail est déjà utilisée.', [{ path: 'email', message: 'Adresse déjà utilisée.' }]);
    await fixture.whenStable();
    expect(await (await field('Adresse e-mail')).getTextErrors()).toEqual(['Adresse déjà utilisée.']);
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('Cette adresse e-mail est déjà utilisée.');

    // The field stays in error until the e-mail changes: no new request before that.
    await click('Créer le compte');
    backend.expectNone('/api/users');
    await (await input('email')).setValue('autre@demo.local');
    expect(await (await field('Adresse e-mail')).getTextErrors()).toEqual([]);
    await click('Créer le compte');
    flushApiError(backend.expectOne('/api/users'), 422, 'Certaines valeurs saisies sont invalides.', [
      { path: 'unitIds.0', message: 'Centre inconnu.' },
    ]);
    await fixture.whenStable();
    expect(await (await field('Centres')).getTextErrors()).toEqual(['Centre inconnu.']);
    expect(close).not.toHaveBeenCalled();
  });

  it('edits: sends only what changed, with the version', async () => {
    await open(lead);
    expect(await (await select('unitIds')).getValueText()).toBe('CRP-HDF — CRP Hauts-de-France');
    await (await select('unitIds')).clickOptions({ text: /CRP-ARA/ });
    await click('Enregistrer');
    const request = backend.expectOne({ method: 'PATCH', url: '/api/users/9' });
    expect(request.request.body).toEqual({ unitIds: [1, 2], version: 2 });
    request.flush({ ...lead, version: 3 });
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'updated' }));
  });

  it('turns off the local password of an account (identity provider only) and says whether it is linked', async () => {
    const fixture = await open({ ...lead, oidcLinked: true });
    expect(fixture.nativeElement.querySelector('.oidc-link').textContent).toContain('Lié au fournisseur d’identité');
    const checkbox = await loader.getHarness(MatCheckboxHarness.with({ label: 'Mot de passe local désactivé' }));
    expect(await checkbox.isChecked()).toBeFalse();
    await checkbox.check();
    await click('Enregistrer');
    const request = backend.expectOne({ method: 'PATCH', url: '/api/users/9' });
    expect(request.request.body).toEqual({ localPasswordDisabled: true, version: 2 });
    request.flush({ ...lead, oidcLinked: true, localPasswordDisabled: true, version: 3 });
    expect(close).toHaveBeenCalledOnceWith(jasmine.objectContaining({ outcome: 'updated' }));
  });

  it('says an account not linked yet will be at its first sign-in through the provider', async () => {
    const fixture = await open(lead);
    expect(fixture.nativeElement.querySelector('.oidc-link').textContent).toContain('Pas encore lié au fournisseur d’identité');
  });

  it('offers no such choice when creating an account', async () => {
    const created = await open(null);
    expect(created.nativeElement.querySelector('.oidc-link')).toBeNull();
    expect(await loader.getAllHarnesses(MatCheckboxHarness)).toEqual([]);
  });
});
