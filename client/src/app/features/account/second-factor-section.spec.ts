import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { SecondFactorStatus } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { SecondFactorSection, deviceName, proofOf } from './second-factor-section';

const off: SecondFactorStatus = { enabled: false, enabledAt: null, required: false, recoveryCodesLeft: 0, devices: [] };
const on: SecondFactorStatus = {
  enabled: true,
  enabledAt: '2026-12-01T09:00:00Z',
  required: false,
  recoveryCodesLeft: 8,
  devices: [
    {
      id: 4,
      label: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      createdAt: '2026-12-02T08:30:00Z',
      lastUsedAt: null,
      expiresAt: '2027-01-01T08:30:00Z',
      current: true,
    },
  ],
};
const codes = ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2', '3456-789a-bcde', 'fghj-kmnp-qrst', 'uvwx-yz23-4567', '89ab-cdef-ghjk', 'mnpq-rstu-vwxy', 'z234-5678-9abc', 'defg-hjkm-npqr', 'stuv-wxyz-2345'];

describe('SecondFactorSection', () => {
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let fixture: ComponentFixture<SecondFactorSection>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    spyOn(TestBed.inject(MatSnackBar), 'open');
    signInAs(aUser('finance'));
  });
  afterEach(() => backend.verify());

  async function render(status: SecondFactorStatus) {
    fixture = TestBed.createComponent(SecondFactorSection);
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    backend.expectOne({ method: 'GET', url: '/api/account/second-factor' }).flush(status);
    await fixture.whenStable();
  }

  const text = () => (fixture.nativeElement.textContent as string).replace(/\s+/g, ' ');
  const button = (label: string) => loader.getHarness(MatButtonHarness.with({ text: label }));

  it('enrols: QR code and the key as text, a labelled 6-digit field, then the recovery codes once with download and print', async () => {
    await render(off);
    expect(text()).toContain('un code à 6 chiffres affiché par une application de votre téléphone');
    await (await button('Activer la double authentification')).click();
    backend.expectOne({ method: 'POST', url: '/api/account/second-factor/enrolment' }).flush({
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      otpauthUri: 'otpauth://totp/CN2R%20Pilotage:finance%40demo.local?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=CN2R%20Pilotage',
      qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><path d="M0 0h1v1H0z"/></svg>',
    });
    await fixture.whenStable();
    const img = fixture.nativeElement.querySelector('img.qr') as HTMLImageElement;
    expect(img.getAttribute('alt')).toBe('QR code à scanner avec votre application d’authentification');
    expect(img.src).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(fixture.nativeElement.querySelector('[data-testid=totp-secret]').textContent.trim()).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    const field = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Code à 6 chiffres' }));
    const input = (await field.getControl()) as MatInputHarness;
    expect(await input.isFocused()).withContext('the code field takes the focus').toBeTrue();
    await input.setValue('12a');
    await (await button('Activer')).click();
    expect(await field.getTextErrors()).toEqual(['Le code compte 6 chiffres.']);
    backend.expectNone('/api/account/second-factor/confirm');

    // A wrong code: the server's sentence.
    await input.setValue('123 456');
    await (await button('Activer')).click();
    const wrong = backend.expectOne({ method: 'POST', url: '/api/account/second-factor/confirm' });
    expect(wrong.request.body).toEqual({ code: '123456' });
    wrong.flush({ error: { code: 'validation_failed', message: 'Code incorrect.', fields: [{ path: 'code', message: 'Code incorrect.' }] } }, { status: 422, statusText: 'Unprocessable' });
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('Code incorrect.');

    await input.setValue('654321');
    await (await button('Activer')).click();
    backend.expectOne({ method: 'POST', url: '/api/account/second-factor/confirm' }).flush({ recoveryCodes: codes });
    backend.expectOne({ method: 'GET', url: '/api/account/second-factor' }).flush({ ...on, recoveryCodesLeft: 10, devices: [] });
    await fixture.whenStable();
    expect(text()).toContain('ils ne seront plus affichés');
    const items = [...fixture.nativeElement.querySelectorAll('ul[aria-label="Codes de secours"] li')].map((li: Element) => li.textContent!.trim());
    expect(items).toEqual(codes);
    const download = fixture.nativeElement.querySelector('a[download]') as HTMLAnchorElement;
    expect(download.getAttribute('download')).toBe('cn2r-codes-de-secours.txt');
    expect(decodeURIComponent(download.href)).toContain('abcd-efgh-jkmn');
    expect(await (await loader.getHarness(MatButtonHarness.with({ text: /Imprimer$/ }))).isDisabled()).toBeFalse();
    await (await button('J’ai conservé mes codes')).click();
    expect(text()).not.toContain('abcd-efgh-jkmn');
    expect(text()).toContain('Codes de secours restants : 10 sur 10.');
  });

  it('lists the remembered devices and forgets one', async () => {
    await render(on);
    expect(text()).toContain('Activée depuis le 1 décembre 2026.');
    expect(text()).toContain('Codes de secours restants : 8 sur 10.');
    expect(text()).toContain('Firefox sur Windows (cet appareil)');
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Oublier Firefox sur Windows (cet appareil)"]' }))).click();
    backend.expectOne({ method: 'DELETE', url: '/api/account/second-factor/devices/4' }).flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/account/second-factor').flush({ ...on, devices: [] });
    await fixture.whenStable();
    expect(text()).toContain('Aucun appareil n’est dispensé du code.');
  });

  it('disables with the password after a confirmation, and offers no « Désactiver » when the role requires it', async () => {
    await render(on);
    const proof = await loader.getHarness(MatInputHarness.with({ selector: 'input[type=password]' }));
    await proof.setValue('mon-mot-de-passe-solide');
    await (await button('Désactiver')).click();
    const dialog = await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Désactiver la double authentification ?');
    await (await (await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(MatButtonHarness.with({ text: 'Désactiver', ancestor: 'mat-dialog-container' })))).click();
    const request = backend.expectOne({ method: 'POST', url: '/api/account/second-factor/disable' });
    expect(request.request.body).toEqual({ password: 'mon-mot-de-passe-solide' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/account/second-factor').flush({ ...on, required: true });
    await fixture.whenStable();
    expect(text()).toContain('Elle est obligatoire pour votre rôle.');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Désactiver' }))).toEqual([]);
  });
});

describe('proofOf and deviceName', () => {
  it('reads six digits as a code and anything else as the password', () => {
    expect(proofOf(' 123 456 ')).toEqual({ code: '123456' });
    expect(proofOf('un-mot-de-passe-de-douze')).toEqual({ password: 'un-mot-de-passe-de-douze' });
    expect(proofOf('1234567')).toEqual({ password: '1234567' });
  });

  it('names a browser from its User-Agent', () => {
    expect(deviceName(null)).toBe('Navigateur inconnu');
    expect(deviceName('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15')).toBe('Safari sur macOS');
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36')).toBe('Chrome sur Linux');
  });
});
