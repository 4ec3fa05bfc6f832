import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { AuthService } from '../auth/auth-service';
import { handles } from './handled-errors';

@Component({ template: '<h1>page</h1>' })
class Page {}

describe('apiErrorInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let snackBar: jasmine.Spy;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: provideTestApp([
        { path: 'connexion', component: Page },
        { path: 'centres', component: Page },
      ]),
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
  });

  afterEach(() => backend.verify());

  /** Fires a request, answers it with an error, and returns what the caller received. */
  function fail(url: string, body: string | object | null, status: number, options: { context?: ReturnType<typeof handles> } = {}) {
    let received: unknown = null;
    http.get(url, options).subscribe({ error: (error: unknown) => (received = error) });
    const request = backend.expectOne(url);
    if (status === 0) request.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    else request.flush(body, { status, statusText: 'Error' });
    return received as { status: number } | null;
  }

  it('shows the server’s French message for a 422', () => {
    const error = fail(
      '/api/units',
      { error: { code: 'validation_failed', message: 'Le nom est obligatoire.', fields: [{ path: 'name', message: 'Le nom est obligatoire.' }] } },
      422,
    );
    expect(snackBar).toHaveBeenCalledOnceWith('Le nom est obligatoire.', 'Fermer', jasmine.objectContaining({ panelClass: 'snackbar-error' }));
    expect(error?.status).toBe(422); // the caller still gets the error
  });

  it('adds the error id to a 500 message', () => {
    fail('/api/units', { error: { code: 'internal', message: 'Erreur interne du serveur.', errorId: 'e-7f3a9c' } }, 500);
    expect(snackBar.calls.mostRecent().args[0]).toBe('Erreur interne du serveur. (identifiant de l’erreur : e-7f3a9c)');
  });

  it('falls back on the default message when the body is not the API’s (a proxy page)', () => {
    fail('/api/units', '<html>Bad Gateway</html>', 502);
    expect(snackBar.calls.mostRecent().args[0]).toBe(
      'Erreur interne du serveur. Si elle persiste, contactez l’équipe CN2R avec l’identifiant indiqué.',
    );
  });

  it('says the server is unreachable on a network error (status 0)', () => {
    fail('/api/units', null, 0);
    expect(snackBar).toHaveBeenCalledOnceWith(
      'Le serveur est injoignable. Vérifiez votre connexion.',
      'Fermer',
      jasmine.any(Object),
    );
  });

  it('stays quiet for a status the caller handles itself, but not for others', () => {
    const conflict = fail('/api/units/3', { error: { code: 'conflict', message: 'Modifié entre-temps.' } }, 409, {
      context: handles(409, 422),
    });
    expect(conflict?.status).toBe(409);
    expect(snackBar).not.toHaveBeenCalled();
    fail('/api/units/3', { error: { code: 'forbidden', message: 'Interdit.' } }, 403, { context: handles(409) });
    expect(snackBar).toHaveBeenCalledOnceWith('Interdit.', 'Fermer', jasmine.any(Object));
  });

  it('on a 401 forgets the user and goes to /connexion, keeping the page in « retour »', async () => {
    const harness = await RouterTestingHarness.create('/centres');
    signInAs(aUser('admin'));
    fail('/api/units', { error: { code: 'unauthenticated', message: 'Votre session a expiré.' } }, 401);
    await harness.fixture.whenStable();
    expect(TestBed.inject(AuthService).user()).toBeNull();
    expect(router.url).toBe('/connexion?retour=%2Fcentres');
    expect(snackBar).toHaveBeenCalledOnceWith('Votre session a expiré.', 'Fermer', jasmine.any(Object));
  });

  it('does not redirect on a 401 from /api/auth/me or /api/auth/login', async () => {
    const harness = await RouterTestingHarness.create('/centres');
    fail('/api/auth/me', { error: { code: 'unauthenticated', message: 'Non connecté.' } }, 401);
    fail('/api/auth/login', { error: { code: 'unauthenticated', message: 'Identifiants incorrects.' } }, 401);
    await harness.fixture.whenStable();
    expect(router.url).toBe('/centres');
    expect(snackBar).not.toHaveBeenCalled();
  });
});
