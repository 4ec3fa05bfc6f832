import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { User, UserList } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { UsersPage } from './users-page';

const user = (overrides: Partial<User>): User => ({
  id: 9,
  email: 'lead.lille@demo.local',
  displayName: 'Alex Lefebvre',
  role: 'unit_lead',
  units: [{ id: 1, code: 'CRP-HDF', name: 'CRP Hauts-de-France' }],
  active: true,
  oidcLinked: false,
  localPasswordDisabled: false,
  lastLoginAt: '2026-03-02T08:05:00Z',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 2,
  ...overrides,
});
const page: UserList = {
  items: [user({}), user({ id: 7, email: 'admin@demo.local', displayName: 'Alice Admin', role: 'admin', units: [], lastLoginAt: null })],
  total: 2,
};

describe('UsersPage', () => {
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser('admin')); // id 7
    const fixture = TestBed.createComponent(UsersPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    fixture.detectChanges();
    backend.expectOne({ method: 'GET', url: '/api/second-factor/policy' }).flush({ requiredForAdminAndFinance: false });
    backend.expectOne({ method: 'GET', url: '/api/second-factor/users' }).flush({ users: [{ userId: 9, enabledAt: '2026-12-01T09:00:00Z' }] });
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/users' }).flush(page);
    await fixture.whenStable();
  });

  it('switches the second-factor requirement for admin and finance, and says how many accounts have one', async () => {
    const section = () => (document.querySelector('app-second-factor-policy')?.textContent ?? '').replace(/\s+/g, ' ');
    expect(section()).toContain('1 compte l’a activée.');
    const toggle = await loader.getHarness(MatSlideToggleHarness);
    expect(await toggle.getLabelText()).toBe('Exiger la double authentification pour les administrateurs et les finances');
    expect(await toggle.isChecked()).toBeFalse();
    await toggle.toggle();
    const request = backend.expectOne({ method: 'PUT', url: '/api/second-factor/policy' });
    expect(request.request.body).toEqual({ requiredForAdminAndFinance: true });
    request.flush({ requiredForAdminAndFinance: true });
    expect(await toggle.isChecked()).toBeTrue();
  });

  it('resets a user’s second factor after confirmation', async () => {
    const table = await loader.getHarness(MatTableHarness);
    const [row] = await table.getRows();
    const [cell] = await row.getCells({ columnName: 'actions' });
    await (await cell.getHarness(MatButtonHarness.with({ selector: '[aria-label="Réinitialiser la double authentification de Alex Lefebvre"]' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Réinitialiser la double authentification ?');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Réinitialiser' }))).click();
    backend.expectOne({ method: 'POST', url: '/api/users/9/second-factor/reset' }).flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/second-factor/policy').flush({ requiredForAdminAndFinance: false });
    backend.expectOne('/api/second-factor/users').flush({ users: [] });
    await new Promise((resolve) => setTimeout(resolve));
    expect(document.querySelector('app-second-factor-policy')?.textContent).toContain('Aucun compte ne l’a activée.');
  });

  afterEach(() => backend.verify());

  it('lists the accounts with role labels, units and last sign-in in French', async () => {
    const table = await loader.getHarness(MatTableHarness);
    const columns = await table.getCellTextByColumnName();
    expect(columns['displayName'].text).toEqual(['Alex Lefebvre', 'Alice Admin (vous)']);
    expect(columns['role'].text).toEqual(['Responsable de centre', 'Coordination CN2R (administrateur)']);
    expect(columns['units'].text).toEqual(['CRP-HDF', '—']);
    expect(columns['active'].text).toEqual(['Actif', 'Actif']);
    expect(columns['lastLoginAt'].text[1]).toBe('Jamais');
    expect(columns['lastLoginAt'].text[0]).toMatch(/^02\/03\/2026 \d\d:05$/);
  });

  it('sends the role filter to the server', async () => {
    await (await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName=role]' }))).clickOptions({ text: 'Finances' });
    await new Promise((resolve) => setTimeout(resolve, 350)); // debounce
    const request = backend.expectOne((req) => req.url === '/api/users');
    expect(request.request.params.get('role')).toBe('finance');
    expect(request.request.params.has('search')).toBeFalse();
    request.flush({ items: [], total: 0 });
  });

  it('deactivates after confirmation, with the version read', async () => {
    const table = await loader.getHarness(MatTableHarness);
    const [row] = await table.getRows();
    const [cell] = await row.getCells({ columnName: 'actions' });
    await (await cell.getHarness(MatButtonHarness.with({ selector: '[aria-label="Désactiver Alex Lefebvre"]' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Désactiver le compte ?');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Désactiver' }))).click();
    const request = backend.expectOne({ method: 'PATCH', url: '/api/users/9' });
    expect(request.request.body).toEqual({ active: false, version: 2 });
    request.flush(user({ active: false, version: 3 }));
    backend.expectOne('/api/users').flush(page);
  });

  it('offers no deactivation of one’s own account', async () => {
    const table = await loader.getHarness(MatTableHarness);
    const [, me] = await table.getRows();
    const [cell] = await me.getCells({ columnName: 'actions' });
    const labels = await Promise.all(
      (await cell.getAllHarnesses(MatButtonHarness)).map(async (button) => (await button.host()).getAttribute('aria-label')),
    );
    expect(labels).toEqual(['Modifier Alice Admin', 'Réinitialiser le mot de passe de Alice Admin']);
  });

  it('shows the accounts linked to the identity provider and unlinks one after confirmation', async () => {
    backend.expectNone('/api/users/9/oidc');
    const table = await loader.getHarness(MatTableHarness);
    // Reload with the first account linked and password-less.
    await (await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName=active]' }))).clickOptions({ text: 'Actifs' });
    await new Promise((resolve) => setTimeout(resolve, 350)); // debounce
    backend
      .expectOne((req) => req.url === '/api/users')
      .flush({ items: [user({ oidcLinked: true, localPasswordDisabled: true }), page.items[1]], total: 2 });
    const columns = await table.getCellTextByColumnName();
    expect(columns['active'].text[0]).toMatch(/^Actif Lié au fournisseur d’identité\s*Mot de passe local désactivé$/);
    expect(columns['active'].text[1]).toBe('Actif');

    const [row, me] = await table.getRows();
    const [myActions] = await me.getCells({ columnName: 'actions' });
    expect(await myActions.getAllHarnesses(MatButtonHarness.with({ selector: '[aria-label^="Délier"]' }))).toEqual([]);
    const [cell] = await row.getCells({ columnName: 'actions' });
    await (await cell.getHarness(MatButtonHarness.with({ selector: '[aria-label="Délier Alex Lefebvre du fournisseur d’identité"]' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Délier du fournisseur d’identité ?');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Délier' }))).click();
    backend.expectOne({ method: 'DELETE', url: '/api/users/9/oidc' }).flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne((req) => req.url === '/api/users').flush(page);
  });

  it('sends the invitation again, after confirmation, only to an account that never signed in', async () => {
    const table = await loader.getHarness(MatTableHarness);
    const [signedInBefore] = await table.getRows();
    const [firstActions] = await signedInBefore.getCells({ columnName: 'actions' });
    expect(await firstActions.getAllHarnesses(MatButtonHarness.with({ selector: '[aria-label^="Renvoyer l’invitation"]' }))).toEqual([]);
    // Reload with the first account never signed in.
    await (await loader.getHarness(MatSelectHarness.with({ selector: '[formControlName=active]' }))).clickOptions({ text: 'Actifs' });
    await new Promise((resolve) => setTimeout(resolve, 350)); // debounce
    backend.expectOne((req) => req.url === '/api/users').flush({ items: [user({ lastLoginAt: null }), page.items[1]], total: 2 });
    const [row] = await table.getRows();
    const [cell] = await row.getCells({ columnName: 'actions' });
    await (await cell.getHarness(MatButtonHarness.with({ selector: '[aria-label="Renvoyer l’invitation à Alex Lefebvre"]' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Renvoyer l’invitation ?');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Renvoyer' }))).click();
    backend.expectOne({ method: 'POST', url: '/api/users/9/invitation' }).flush(null, { status: 204, statusText: 'No Content' });
  });
});
