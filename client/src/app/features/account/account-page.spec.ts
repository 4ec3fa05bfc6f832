import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { AccountPage } from './account-page';

describe('AccountPage', () => {
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let snackBar: jasmine.Spy;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    signInAs(aUser('unit_lead'));
  });

  async function render() {
    const fixture = TestBed.createComponent(AccountPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    // The « Double authentification » section loads its state (see second-factor-section.spec.ts).
    backend.expectOne('/api/account/second-factor').flush({ enabled: false, enabledAt: null, required: false, recoveryCodesLeft: 0, devices: [] });
    // The « Courriels » card loads the preferences (see mail-preferences-section.spec.ts).
    backend.expectOne('/api/account/mail-preferences').flush({ items: [], version: 0 });
    await fixture.whenStable();
    return fixture;
  }

  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formControlName=${name}]` }));
  const errors = async (label: string) => (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getTextErrors();
  const submit = async () => (await loader.getHarness(MatButtonHarness.with({ text: 'Changer le mot de passe' }))).click();

  afterEach(() => backend.verify());

  it('shows who the user is, with their units', async () => {
    const fixture = await render();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('unit_lead@demo.local');
    expect(text).toContain('Responsable de centre');
    expect(text).toContain('CRP-ARA — CRP Auvergne-Rhône-Alpes');
  });

  it('checks the confirmation before sending anything', async () => {
    await render();
    await (await input('currentPassword')).setValue('ancien-mot-de-passe');
    await (await input('newPassword')).setValue('nouveau-mot-de-passe');
    await (await input('confirmation')).setValue('nouveau-mot-de-passX');
    await submit();
    expect(await errors('Confirmation du nouveau mot de passe')).toEqual(['Les deux mots de passe ne correspondent pas.']);
    backend.expectNone('/api/auth/password');
  });

  it('changes the password and says so', async () => {
    await render();
    await (await input('currentPassword')).setValue('ancien-mot-de-passe');
    await (await input('newPassword')).setValue('nouveau-mot-de-passe');
    await (await input('confirmation')).setValue('nouveau-mot-de-passe');
    await submit();
    const request = backend.expectOne({ method: 'POST', url: '/api/auth/password' });
    expect(request.request.body).toEqual({ currentPassword: 'ancien-mot-de-passe', newPassword: 'nouveau-mot-de-passe' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    expect(snackBar).toHaveBeenCalledOnceWith('Votre mot de passe a été modifié.', 'Fermer', jasmine.any(Object));
    expect(await (await input('newPassword')).getValue()).toBe('');
  });

  it('shows a wrong current password (422) on its field', async () => {
    const fixture = await render();
    await (await input('currentPassword')).setValue('pas-le-bon');
    await (await input('newPassword')).setValue('nouveau-mot-de-passe');
    await (await input('confirmation')).setValue('nouveau-mot-de-passe');
    await submit();
    backend.expectOne('/api/auth/password').flush(
      {
        error: {
          code: 'validation_failed',
          message: 'Certaines valeurs saisies sont invalides.',
          fields: [{ path: 'currentPassword', message: 'Le mot de passe actuel est incorrect.' }],
        },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(await errors('Mot de passe actuel')).toEqual(['Le mot de passe actuel est incorrect.']);
    expect(snackBar).not.toHaveBeenCalled();
  });
});
