import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aUser, provideTestApp } from '../../../testing/test-providers';
import { AuthService } from '../../core/auth/auth-service';
import { oidcErrorMessages, type OidcSettings } from '@cn2r/shared';
import { SignInPage, safeReturnUrl } from './sign-in-page';

@Component({ template: '<h1>ailleurs</h1>' })
class Elsewhere {}

describe('SignInPage', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function open(url = '/connexion', oidc: OidcSettings = { enabled: false, buttonLabel: null }) {
    TestBed.configureTestingModule({
      providers: provideTestApp([
        { path: 'connexion', component: SignInPage },
        { path: 'centres', component: Elsewhere },
        { path: '', component: Elsewhere },
      ]),
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    backend.expectOne({ method: 'GET', url: '/api/auth/oidc/config' }).flush(oidc);
    await harness.fixture.whenStable();
  }

  const email = () => loader.getHarness(MatInputHarness.with({ selector: '[formControlName=email]' }));
  const password = () => loader.getHarness(MatInputHarness.with({ selector: '[formControlName=password]' }));
  const submit = () => loader.getHarness(MatButtonHarness.with({ selector: '[type=submit]' }));
  const alertText = () => (harness.routeNativeElement?.querySelector('[role=alert]')?.textContent ?? '').trim();

  afterEach(() => backend.verify());

  it('has labelled fields with autocomplete hints', async () => {
    await open();
    const fields = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await Promise.all(fields.map((field) => field.getLabel()))).toEqual(['Adresse e-mail', 'Mot de passe']);
    expect(await (await email()).getType()).toBe('email');
    const host = await (await password()).host();
    expect(await host.getAttribute('autocomplete')).toBe('current-password');
  });

  it('links « Mot de passe oublié ? » to its page and keeps a word for a blocked account', async () => {
    await open();
    const link = harness.routeNativeElement!.querySelector<HTMLAnchorElement>('a[href="/mot-de-passe/oubli"]');
    expect(link?.textContent?.trim()).toBe('Mot de passe oublié ?');
    const help = harness.routeNativeElement!.querySelector('.help')!.textContent!;
    expect(help).toContain('Compte bloqué ou désactivé');
    expect(help).not.toContain('Mot de passe oublié');
  });

  it('shows French errors and sends nothing when the form is incomplete', async () => {
    await open();
    await (await email()).setValue('pas-une-adresse');
    await (await submit()).click();
    const [emailField, passwordField] = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await emailField.getTextErrors()).toEqual(['Adresse e-mail invalide.']);
    expect(await passwordField.getTextErrors()).toEqual(['Saisissez votre mot de passe.']);
    backend.expectNone('/api/auth/login');
  });

  it('posts the credentials and goes to « retour »', async () => {
    await open('/connexion?retour=%2Fcentres');
    await (await email()).setValue(' admin@demo.local ');
    await (await password()).setValue('demo-password-2026');
    await (await submit()).click();
    expect(await (await submit()).isDisabled()).toBeTrue(); // while signing in
    expect(await (await submit()).getText()).toBe('Connexion…');
    const request = backend.expectOne({ method: 'POST', url: '/api/auth/login' });
    expect(request.request.body).toEqual({ email: 'admin@demo.local', password: 'demo-password-2026' });
    request.flush(aUser('admin'));
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/centres');
    expect(TestBed.inject(AuthService).user()?.email).toBe('admin@demo.local');
  });

  it('shows « Adresse e-mail ou mot de passe incorrect. » on a 401 and empties the password', async () => {
    await open();
    await (await email()).setValue('admin@demo.local');
    await (await password()).setValue('mauvais');
    await (await submit()).click();
    backend
      .expectOne('/api/auth/login')
      .flush({ error: { code: 'unauthenticated', message: 'Identifiants invalides.' } }, { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();
    expect(alertText()).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(await (await password()).getValue()).toBe('');
    expect(TestBed.inject(Router).url).toBe('/connexion');
  });

  it('shows the server’s message on a 429', async () => {
    await open();
    await (await email()).setValue('admin@demo.local');
    await (await password()).setValue('encore');
    await (await submit()).click();
    backend.expectOne('/api/auth/login').flush(
      { error: { code: 'too_many_attempts', message: 'Trop de tentatives de connexion. Réessayez dans 15 minutes.' } },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await harness.fixture.whenStable();
    expect(alertText()).toContain('Trop de tentatives de connexion. Réessayez dans 15 minutes.');
  });
});

describe('SignInPage with an identity provider', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function open(url: string, oidc: OidcSettings | 'server down') {
    TestBed.configureTestingModule({ providers: provideTestApp([{ path: 'connexion', component: SignInPage }]) });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    const config = backend.expectOne({ method: 'GET', url: '/api/auth/oidc/config' });
    if (oidc === 'server down') config.flush(null, { status: 503, statusText: 'Service Unavailable' });
    else config.flush(oidc);
    await harness.fixture.whenStable();
  }

  const providerLink = () => harness.routeNativeElement!.querySelector<HTMLAnchorElement>('a.provider');
  const alertText = () => (harness.routeNativeElement?.querySelector('[role=alert] span')?.textContent ?? '').trim();

  afterEach(() => backend.verify());

  it('shows « Se connecter avec … », a plain link to the server’s sign-in route, when a provider is configured', async () => {
    await open('/connexion', { enabled: true, buttonLabel: 'Se connecter avec ProConnect' });
    const button = await loader.getHarness(MatButtonHarness.with({ text: /Se connecter avec ProConnect/ }));
    expect(await button.getAppearance()).toBe('outlined');
    expect(providerLink()?.getAttribute('href')).toBe('/api/auth/oidc');
  });

  it('shows no provider button when none is configured, or when the server cannot tell', async () => {
    await open('/connexion', { enabled: false, buttonLabel: null });
    expect(providerLink()).toBeNull();
    TestBed.resetTestingModule();
    await open('/connexion', 'server down');
    expect(providerLink()).toBeNull();
    expect(harness.routeNativeElement!.querySelector('form')).not.toBeNull();
  });

  it('explains in French why the provider sign-in failed (?erreur=…), until the form is used', async () => {
    await open('/connexion?erreur=compte-inconnu', { enabled: true, buttonLabel: 'Se connecter avec ProConnect' });
    expect(alertText()).toBe(oidcErrorMessages['compte-inconnu']);
    expect(alertText()).toContain('Demandez à l’administrateur de créer votre compte');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[type=submit]' }))).click();
    expect(alertText()).toBe('');
  });

  it('gives a generic French sentence for an unknown code and the expired-state one for « etat-invalide »', async () => {
    await open('/connexion?erreur=nimporte-quoi', { enabled: true, buttonLabel: 'Se connecter avec ProConnect' });
    expect(alertText()).toBe(oidcErrorMessages['echec-fournisseur']);
    TestBed.resetTestingModule();
    await open('/connexion?erreur=etat-invalide', { enabled: true, buttonLabel: 'Se connecter avec ProConnect' });
    expect(alertText()).toBe('La connexion a expiré ou n’a pas pu être vérifiée. Recommencez depuis cette page.');
  });
});

describe('SignInPage, the second factor', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function open(url = '/connexion?retour=%2Fcentres') {
    TestBed.configureTestingModule({
      providers: provideTestApp([
        { path: 'connexion', component: SignInPage },
        { path: 'centres', component: Elsewhere },
        { path: '', component: Elsewhere },
      ]),
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    backend.expectOne({ method: 'GET', url: '/api/auth/oidc/config' }).flush({ enabled: false, buttonLabel: null });
    await harness.fixture.whenStable();
  }

  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formControlName=${name}]` }));
  const button = (text: string) => loader.getHarness(MatButtonHarness.with({ text }));
  const text = () => (harness.routeNativeElement?.textContent ?? '').replace(/\s+/g, ' ');
  const alertText = () => (harness.routeNativeElement?.querySelector('[role=alert]')?.textContent ?? '').trim();

  afterEach(() => backend.verify());

  /** The password step, answered by the server with a second-factor challenge. */
  async function passwordThen(challenge: object) {
    await (await input('email')).setValue('finance@demo.local');
    await (await input('password')).setValue('demo-password-2026');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[type=submit]' }))).click();
    backend.expectOne('/api/auth/login').flush(challenge);
    await harness.fixture.whenStable();
  }

  it('asks for the 6-digit code after the password, with a labelled field and « remember this device », then goes on', async () => {
    await open();
    await passwordThen({ secondFactor: 'code', enrolment: null });
    expect(TestBed.inject(AuthService).isSignedIn()).toBeFalse();
    expect(text()).toContain('Double authentification');
    const fields = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await Promise.all(fields.map((field) => field.getLabel()))).toEqual(['Code à 6 chiffres']);
    const code = await input('code');
    expect(await code.isFocused()).withContext('the code field takes the focus').toBeTrue();
    expect(await (await code.host()).getAttribute('autocomplete')).toBe('one-time-code');
    expect(await (await code.host()).getAttribute('inputmode')).toBe('numeric');
    const remember = await loader.getHarness(MatCheckboxHarness);
    expect(await remember.getLabelText()).toBe('Se souvenir de cet appareil pendant 30 jours');

    await code.setValue('12345');
    await (await button('Valider')).click();
    expect(await fields[0].getTextErrors()).toEqual(['Le code compte 6 chiffres.']);
    backend.expectNone('/api/auth/second-factor');

    await code.setValue('123 456');
    await remember.check();
    await (await button('Valider')).click();
    const request = backend.expectOne({ method: 'POST', url: '/api/auth/second-factor' });
    expect(request.request.body).toEqual({ code: '123456', rememberDevice: true });
    request.flush({ me: aUser('finance'), recoveryCodes: null });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/centres');
    expect(TestBed.inject(AuthService).user()?.role).toBe('finance');
  });

  it('shows a wrong code’s message, takes a recovery code instead, and goes back to the password when the pending sign-in ends', async () => {
    await open();
    await passwordThen({ secondFactor: 'code', enrolment: null });
    await (await input('code')).setValue('000000');
    await (await button('Valider')).click();
    backend.expectOne('/api/auth/second-factor').flush(
      { error: { code: 'validation_failed', message: 'x', fields: [{ path: 'code', message: 'Code incorrect. Il vous reste 4 essais.' }] } },
      { status: 422, statusText: 'Unprocessable' },
    );
    await harness.fixture.whenStable();
    expect(alertText()).toContain('Code incorrect. Il vous reste 4 essais.');

    await (await button('Utiliser un code de secours')).click();
    const fields = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await Promise.all(fields.map((field) => field.getLabel()))).toEqual(['Code de secours']);
    await (await input('recoveryCode')).setValue('ABCD-EFGH-JKMN');
    await (await button('Valider')).click();
    const request = backend.expectOne('/api/auth/second-factor');
    expect(request.request.body).toEqual({ recoveryCode: 'ABCD-EFGH-JKMN', rememberDevice: false });
    request.flush(
      { error: { code: 'unauthenticated', message: 'Trop de codes incorrects : reconnectez-vous avec votre mot de passe.' } },
      { status: 401, statusText: 'Unauthorized' },
    );
    await harness.fixture.whenStable();
    expect(alertText()).toContain('Trop de codes incorrects : reconnectez-vous avec votre mot de passe.');
    expect(await (await input('password')).getValue()).toBe('');
    expect(TestBed.inject(Router).url).toBe('/connexion?retour=%2Fcentres');
  });

  it('has the enrolment the policy demands done before the session: QR code, key, code, then the recovery codes once', async () => {
    await open();
    await passwordThen({
      secondFactor: 'enrolment',
      enrolment: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    });
    expect(text()).toContain('La double authentification est obligatoire pour votre compte.');
    expect(harness.routeNativeElement!.querySelector('img.qr')).not.toBeNull();
    expect(text()).toContain('JBSW Y3DP EHPK 3PXP');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Utiliser un code de secours' }))).toEqual([]);
    await (await input('code')).setValue('654321');
    await (await button('Valider')).click();
    backend.expectOne('/api/auth/second-factor').flush({ me: aUser('finance'), recoveryCodes: ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2'] });
    await harness.fixture.whenStable();
    expect(text()).toContain('Vos codes de secours');
    expect(text()).toContain('abcd-efgh-jkmn');
    expect(TestBed.inject(Router).url).toBe('/connexion?retour=%2Fcentres');
    await (await button('J’ai conservé mes codes, continuer')).click();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/centres');
  });

  it('picks up a pending sign-in after an identity provider’s return (?etape=second-facteur)', async () => {
    await open('/connexion?etape=second-facteur');
    backend.expectOne({ method: 'GET', url: '/api/auth/second-factor' }).flush({ challenge: { secondFactor: 'code', enrolment: null } });
    await harness.fixture.whenStable();
    expect(await (await input('code')).getValue()).toBe('');
    expect(text()).toContain('Saisissez le code à 6 chiffres');
  });
});

describe('safeReturnUrl', () => {
  it('keeps paths inside the application and refuses the others', () => {
    expect(safeReturnUrl('/journal?action=unit.updated')).toBe('/journal?action=unit.updated');
    expect(safeReturnUrl('//evil.example/x')).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('/\\evil.example')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
  });
});
