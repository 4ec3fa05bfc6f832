import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { aUser, provideTestApp } from '../../../testing/test-providers';
import { AuthService } from './auth-service';

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads the signed-in user from GET /api/auth/me', async () => {
    const loading = auth.load();
    http.expectOne({ method: 'GET', url: '/api/auth/me' }).flush(aUser('unit_lead'));
    await loading;
    expect(auth.user()?.displayName).toBe('Luc Responsable');
    expect(auth.role()).toBe('unit_lead');
    expect(auth.can('forms.review')).toBeFalse();
    expect(auth.can('forms.write')).toBeTrue();
    expect(auth.can('budget.read')).toBeFalse();
  });

  it('answers can() from the shared capability map, role by role', () => {
    const table: [Parameters<AuthService['can']>[0], string][] = [
      ['budget.read', 'admin finance board'],
      ['budget.write', 'admin finance'],
      ['staff.readIndividual', 'admin finance'],
      ['forms.write', 'admin unit_lead'],
      ['forms.review', 'admin'],
      ['governance.write', 'admin board'],
      ['reports.activity.read', 'admin board'],
      ['units.read', 'admin unit_lead finance board'],
    ];
    for (const [capability, holders] of table) {
      const holding = (['admin', 'unit_lead', 'finance', 'board'] as const).filter((role) => {
        auth.login('x@y.fr', 'x').subscribe();
        http.expectOne('/api/auth/login').flush(aUser(role));
        return auth.can(capability);
      });
      expect(holding.join(' ')).withContext(capability).toBe(holders);
    }
  });

  it('holds no capability when nobody is signed in', () => {
    expect(auth.can('units.read')).toBeFalse();
    expect(auth.can('account.self')).toBeFalse();
  });

  it('treats a 401 on GET /api/auth/me as signed out, without a message', async () => {
    const snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    const loading = auth.load();
    http
      .expectOne('/api/auth/me')
      .flush({ error: { code: 'unauthenticated', message: 'Non connecté.' } }, { status: 401, statusText: 'Unauthorized' });
    await loading;
    expect(auth.user()).toBeNull();
    expect(auth.isSignedIn()).toBeFalse();
    expect(snackBar).not.toHaveBeenCalled();
  });

  it('posts the credentials and keeps the user on login', () => {
    let signedIn = '';
    auth.login('admin@demo.local', 'demo-password-2026').subscribe((me) => (signedIn = 'email' in me ? me.email : ''));
    const request = http.expectOne({ method: 'POST', url: '/api/auth/login' });
    expect(request.request.body).toEqual({ email: 'admin@demo.local', password: 'demo-password-2026' });
    request.flush(aUser('admin'));
    expect(signedIn).toBe('admin@demo.local');
    expect(auth.role()).toBe('admin');
  });

  it('signs nobody in while the second factor is asked, then keeps the user the code step returns', () => {
    auth.login('admin@demo.local', 'demo-password-2026').subscribe();
    http.expectOne('/api/auth/login').flush({ secondFactor: 'code', enrolment: null });
    expect(auth.isSignedIn()).toBeFalse();
    auth.completeSecondFactor({ code: '123456', rememberDevice: true }).subscribe();
    const request = http.expectOne({ method: 'POST', url: '/api/auth/second-factor' });
    expect(request.request.body).toEqual({ code: '123456', rememberDevice: true });
    request.flush({ me: aUser('admin'), recoveryCodes: null });
    expect(auth.role()).toBe('admin');
  });

  it('forgets the user on logout, even when the session had already expired', () => {
    auth.login('a@b.fr', 'x').subscribe();
    http.expectOne('/api/auth/login').flush(aUser('board'));
    auth.logout().subscribe({ error: () => undefined });
    http
      .expectOne({ method: 'POST', url: '/api/auth/logout' })
      .flush({ error: { code: 'unauthenticated', message: 'Session expirée.' } }, { status: 401, statusText: 'Unauthorized' });
    expect(auth.user()).toBeNull();
  });
});
