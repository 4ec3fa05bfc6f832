import { HttpTestingController } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { MailPreferences } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { MailPreferencesSection } from './mail-preferences-section';

const lead: MailPreferences = {
  version: 0,
  items: [
    { kind: 'period.opened', label: 'Ouverture de la saisie', received: true, mandatory: false },
    { kind: 'reminder.due_soon', label: 'Échéance proche', received: true, mandatory: false },
    { kind: 'reminder.overdue', label: 'Relance : saisie en retard', received: true, mandatory: true },
    { kind: 'submission.returned', label: 'Saisie renvoyée au centre', received: true, mandatory: false },
  ],
};

describe('MailPreferencesSection', () => {
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  let fixture: ComponentFixture<MailPreferencesSection>;
  let snackBar: jasmine.Spy;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    snackBar = spyOn(TestBed.inject(MatSnackBar), 'open');
    signInAs(aUser('unit_lead'));
  });
  afterEach(() => backend.verify());

  async function render(prefs: MailPreferences) {
    fixture = TestBed.createComponent(MailPreferencesSection);
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    backend.expectOne({ method: 'GET', url: '/api/account/mail-preferences' }).flush(prefs);
    await fixture.whenStable();
  }
  const text = () => (fixture.nativeElement.textContent as string).replace(/\s+/g, ' ');
  const box = (label: string) => loader.getHarness(MatCheckboxHarness.with({ label }));
  const saveButton = () => loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer mes préférences' }));

  it('shows a checkbox per e-mail of the role; the mandatory one checked, disabled, and saying why', async () => {
    await render(lead);
    const boxes = await loader.getAllHarnesses(MatCheckboxHarness);
    expect(await Promise.all(boxes.map((b) => b.getLabelText()))).toEqual(['Ouverture de la saisie', 'Échéance proche', 'Relance : saisie en retard', 'Saisie renvoyée au centre']);
    const overdue = await box('Relance : saisie en retard');
    expect(await overdue.isChecked()).toBeTrue();
    expect(await overdue.isDisabled()).toBeTrue();
    expect(text()).toContain('Obligatoire pour votre rôle : ce courriel ne peut pas être désactivé.');
    expect((fixture.nativeElement as HTMLElement).querySelector('[aria-describedby="mandatory-2"]')).not.toBeNull();
    expect(await (await box('Échéance proche')).isDisabled()).toBeFalse();
    expect(await (await saveButton()).isDisabled()).toBeTrue();
  });

  it('saves a kind turned off with the version read, and confirms with a snackbar', async () => {
    await render(lead);
    await (await box('Échéance proche')).uncheck();
    await (await saveButton()).click();
    const request = backend.expectOne({ method: 'PUT', url: '/api/account/mail-preferences' });
    expect(request.request.body).toEqual({ version: 0, optedOut: ['reminder.due_soon'] });
    request.flush({ version: 1, items: lead.items.map((i) => (i.kind === 'reminder.due_soon' ? { ...i, received: false } : i)) });
    await fixture.whenStable();
    expect(snackBar).toHaveBeenCalledWith('Vos préférences de courriel sont enregistrées.', 'Fermer', { duration: 6000 });
    expect(await (await box('Échéance proche')).isChecked()).toBeFalse();
    expect(await (await saveButton()).isDisabled()).toBeTrue();
  });

  it('shows the server’s refusal in the card', async () => {
    await render(lead);
    await (await box('Ouverture de la saisie')).uncheck();
    await (await saveButton()).click();
    backend.expectOne({ method: 'PUT', url: '/api/account/mail-preferences' }).flush(
      { error: { code: 'conflict', message: 'Vos préférences de courriel ont changé depuis leur affichage (dans un autre onglet ?) : rechargez la page puis recommencez.', fields: [{ path: 'version', message: 'Modifié entre-temps.' }] } },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(text()).toContain('Vos préférences de courriel ont changé depuis leur affichage');
    expect(snackBar).not.toHaveBeenCalled();
  });

  it('says when the role receives no e-mail', async () => {
    await render({ version: 0, items: [] });
    expect(text()).toContain('L’application n’adresse aucun courriel à votre rôle.');
  });
});
