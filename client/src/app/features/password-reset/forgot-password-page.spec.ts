import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideTestApp } from '../../../testing/test-providers';
import { ForgotPasswordPage } from './forgot-password-page';

const SENTENCE = 'Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe, valable 30 minutes.';

describe('ForgotPasswordPage', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestApp([{ path: 'mot-de-passe/oubli', component: ForgotPasswordPage }]) });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/mot-de-passe/oubli');
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  });
  afterEach(() => backend.verify());

  const email = () => loader.getHarness(MatInputHarness.with({ selector: '[formControlName=email]' }));
  const submit = () => loader.getHarness(MatButtonHarness.with({ selector: '[type=submit]' }));
  const text = () => harness.routeNativeElement!.textContent ?? '';

  it('has a labelled e-mail field, a link back to the sign-in, and refuses an invalid address without sending', async () => {
    const fields = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await Promise.all(fields.map((f) => f.getLabel()))).toEqual(['Adresse e-mail']);
    expect(harness.routeNativeElement!.querySelector('a[href="/connexion"]')?.textContent).toContain('Retour à la connexion');
    await (await submit()).click();
    expect(await fields[0].getTextErrors()).toEqual(['Saisissez votre adresse e-mail.']);
    await (await email()).setValue('pas-une-adresse');
    await (await submit()).click();
    expect(await fields[0].getTextErrors()).toEqual(['Adresse e-mail invalide.']);
    backend.expectNone('/api/auth/password-reset');
  });

  it('sends the address and shows the server’s sentence, whatever the address, in a status region', async () => {
    await (await email()).setValue(' lead.lille@demo.local ');
    await (await submit()).click();
    const request = backend.expectOne({ method: 'POST', url: '/api/auth/password-reset' });
    expect(request.request.body).toEqual({ email: 'lead.lille@demo.local' });
    request.flush({ message: SENTENCE }, { status: 202, statusText: 'Accepted' });
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement!.querySelector('[role=status]')!.textContent).toContain(SENTENCE);
    expect(await loader.getAllHarnesses(MatInputHarness)).toEqual([]);

    // Another address: the form again, empty.
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Utiliser une autre adresse' }))).click();
    expect(await (await email()).getValue()).toBe('');
    expect(text()).not.toContain(SENTENCE);
  });
});
