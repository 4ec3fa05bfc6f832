import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import type { PasswordTokenInfo } from '@cn2r/shared';
import { flushApiError } from '../../../testing/api-error-response';
import { provideTestApp } from '../../../testing/test-providers';
import { MISSING_TOKEN_MESSAGE, NewPasswordPage } from './new-password-page';

const TOKEN = 'Abc_def-123456789012345678901234567890123';
const INVALID = 'Ce lien n’est plus valable : il a déjà servi, il a expiré ou il est incomplet. Demandez un nouveau lien.';
const WEAK = 'Mot de passe trop facile à deviner : c’est un mot de passe courant.';

describe('NewPasswordPage', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function open(url: string, link?: PasswordTokenInfo) {
    TestBed.configureTestingModule({ providers: provideTestApp([{ path: 'mot-de-passe/nouveau', component: NewPasswordPage }]) });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    if (link) {
      const check = backend.expectOne({ method: 'POST', url: '/api/auth/password-reset/check' });
      expect(check.request.body).toEqual({ token: TOKEN });
      check.flush(link);
      await harness.fixture.whenStable();
    }
  }
  afterEach(() => backend.verify());

  const reset: PasswordTokenInfo = { purpose: 'reset', email: 'l***@demo.local', expiresAt: '2026-12-07T07:30:00Z' };
  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formControlName=${name}]` }));
  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  const submit = () => loader.getHarness(MatButtonHarness.with({ selector: '[type=submit]' }));
  const heading = () => harness.routeNativeElement!.querySelector('h1')!.textContent!.trim();
  const alertText = () => (harness.routeNativeElement!.querySelector('[role=alert] span')?.textContent ?? '').trim();

  it('without a token says the link is incomplete and offers a new one, asking nothing of the server', async () => {
    await open('/mot-de-passe/nouveau');
    expect(alertText()).toBe(MISSING_TOKEN_MESSAGE);
    expect(harness.routeNativeElement!.querySelector('a[href="/mot-de-passe/oubli"]')?.textContent).toContain('Demander un nouveau lien');
    backend.expectNone('/api/auth/password-reset/check');
  });

  it('shows the server’s message for a link that no longer serves', async () => {
    await open(`/mot-de-passe/nouveau?jeton=${TOKEN}`);
    flushApiError(backend.expectOne('/api/auth/password-reset/check'), 422, 'Certaines valeurs saisies sont invalides.', [{ path: 'token', message: INVALID }]);
    await harness.fixture.whenStable();
    expect(alertText()).toBe(INVALID);
    expect(await loader.getAllHarnesses(MatInputHarness)).toEqual([]);
  });

  it('asks the new password twice with labels, shows and hides both, and checks they match', async () => {
    await open(`/mot-de-passe/nouveau?jeton=${TOKEN}`, reset);
    expect(heading()).toBe('Nouveau mot de passe');
    expect(harness.routeNativeElement!.textContent).toContain('l***@demo.local');
    const fields = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await Promise.all(fields.map((f) => f.getLabel()))).toEqual(['Nouveau mot de passe', 'Confirmation du mot de passe']);
    expect(await (await input('password')).getType()).toBe('password');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Afficher les mots de passe"]' }))).click();
    expect(await (await input('password')).getType()).toBe('text');
    expect(await (await input('confirmation')).getType()).toBe('text');
    await (await input('password')).setValue('girafe-tambour-ciboulette');
    await (await input('confirmation')).setValue('girafe-tambour-cibou');
    await (await submit()).click();
    expect(await (await field('Confirmation du mot de passe')).getTextErrors()).toEqual(['Les deux mots de passe ne correspondent pas.']);
    backend.expectNone('/api/auth/password-reset/confirm');
  });

  it('puts the server’s strength message on the field, then says it is done with a link to sign in', async () => {
    await open(`/mot-de-passe/nouveau?jeton=${TOKEN}`, reset);
    await (await input('password')).setValue('azertyuiop12');
    await (await input('confirmation')).setValue('azertyuiop12');
    await (await submit()).click();
    flushApiError(backend.expectOne('/api/auth/password-reset/confirm'), 422, 'Certaines valeurs saisies sont invalides.', [{ path: 'password', message: WEAK }]);
    await harness.fixture.whenStable();
    expect(await (await field('Nouveau mot de passe')).getTextErrors()).toEqual([WEAK]);

    await (await input('password')).setValue('girafe-tambour-ciboulette');
    await (await input('confirmation')).setValue('girafe-tambour-ciboulette');
    await (await submit()).click();
    const confirm = backend.expectOne({ method: 'POST', url: '/api/auth/password-reset/confirm' });
    expect(confirm.request.body).toEqual({ token: TOKEN, password: 'girafe-tambour-ciboulette' });
    confirm.flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    const status = harness.routeNativeElement!.querySelector('[role=status]')!.textContent!;
    expect(status).toContain('Votre mot de passe est enregistré.');
    expect(status).toContain('Toutes les sessions ouvertes sur votre compte ont été fermées.');
    expect(harness.routeNativeElement!.querySelector('a[href="/connexion"]')?.textContent).toContain('Se connecter');
  });

  it('says « Choisissez votre mot de passe » for an invitation; a link used meanwhile shows its message', async () => {
    await open(`/mot-de-passe/nouveau?jeton=${TOKEN}`, { ...reset, purpose: 'invitation' });
    expect(heading()).toBe('Choisissez votre mot de passe');
    await (await input('password')).setValue('girafe-tambour-ciboulette');
    await (await input('confirmation')).setValue('girafe-tambour-ciboulette');
    await (await submit()).click();
    flushApiError(backend.expectOne('/api/auth/password-reset/confirm'), 422, 'Certaines valeurs saisies sont invalides.', [{ path: 'token', message: INVALID }]);
    await harness.fixture.whenStable();
    expect(alertText()).toBe(INVALID);
  });
});
