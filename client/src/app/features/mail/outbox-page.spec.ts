import { HttpTestingController } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MatExpansionPanelHarness } from '@angular/material/expansion/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { MailSchedule, OutboxMessage, OutboxPage as OutboxPageData, Unit } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { OutboxPage } from './outbox-page';

const message = (id: number, overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
  id,
  kind: 'submission.returned',
  to: 'lead.lille@demo.local',
  subject: 'Saisie renvoyée pour correction — CRP Hauts-de-France (2e trimestre 2026)',
  text: 'Bonjour Camille Martin,\n\nLa coordination du CN2R vous a renvoyé la saisie…\n\nCorriger la saisie : http://localhost:3000/saisie/5/2026-Q2',
  html: '<p>…</p>',
  unit: { id: 5, code: 'CRP-HDF', name: 'CRP Hauts-de-France' },
  period: '2026-Q2',
  status: 'outbox',
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
  createdAt: '2026-06-02T09:15:30Z',
  sentAt: null,
  ...overrides,
});

describe('OutboxPage', () => {
  let fixture: ComponentFixture<OutboxPage>;
  let loader: HarnessLoader;
  let backend: HttpTestingController;
  const text = () => (fixture.nativeElement as HTMLElement).textContent!.replace(/\s+/g, ' ');

  const unit = (id: number, code: string, name: string): Unit => ({
    id,
    code,
    name,
    region: 'R',
    hostInstitution: null,
    kind: 'crp',
    openedOn: '2019-01-01',
    closedOn: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
  });
  const units = [unit(5, 'CRP-HDF', 'CRP Hauts-de-France'), unit(2, 'CRP-CVL', 'CRP Centre-Val de Loire')];
  const noSchedule: MailSchedule = { from: '2026-12-07', to: '2027-01-06', items: [] };

  async function open(answer: OutboxPageData, options: { unitId?: string; schedule?: MailSchedule } = {}) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OutboxPage);
    if (options.unitId) fixture.componentRef.setInput('unitId', options.unitId);
    loader = TestbedHarnessEnvironment.loader(fixture);
    fixture.detectChanges();
    backend.expectOne('/api/units').flush(units);
    const q = options.unitId ? `unitId=${options.unitId}` : '';
    backend.expectOne(`/api/mail/outbox?page=1${q ? '&' + q : ''}`).flush(answer);
    backend.expectOne(`/api/mail/schedule${q ? '?' + q : ''}`).flush(options.schedule ?? noSchedule);
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('lists the messages kept in the outbox, says that none leaves without SMTP, and opens one to its text', async () => {
    await open({ items: [message(2), message(1, { kind: 'submission.submitted', to: 'admin@demo.local', subject: 'CRP Hauts-de-France a transmis sa saisie (2e trimestre 2026)' })], total: 2, smtp: false });
    expect(text()).toContain('Aucun serveur SMTP n’est configuré (SMTP_URL) : les courriels restent ici');
    const panels = await loader.getAllHarnesses(MatExpansionPanelHarness);
    expect(panels.length).toBe(2);
    const header = await (await panels[0].host()).text();
    expect(header).toContain('Saisie renvoyée pour correction — CRP Hauts-de-France (2e trimestre 2026)');
    expect(header).toContain('lead.lille@demo.local');
    expect(header).toContain('Dans la boîte d’envoi');
    await panels[0].expand();
    expect(await panels[0].getTextContent()).toContain('Saisie renvoyée au centre — CRP Hauts-de-France — 2e trimestre 2026');
    expect(await panels[0].getTextContent()).toContain('Corriger la saisie : http://localhost:3000/saisie/5/2026-Q2');
  });

  it('shows a failed message with its attempts and its error, and filters by state', async () => {
    await open({ items: [message(3, { status: 'failed', attempts: 5, lastError: 'connect ECONNREFUSED 127.0.0.1:25' })], total: 1, smtp: true });
    expect(text()).toContain('Les courriels partent par le serveur SMTP configuré');
    const [panel] = await loader.getAllHarnesses(MatExpansionPanelHarness);
    expect(await (await panel.host()).text()).toContain('Échec');
    await panel.expand();
    expect(await panel.getTextContent()).toContain('Tentatives5');
    expect(await panel.getTextContent()).toContain('connect ECONNREFUSED 127.0.0.1:25');

    await (await loader.getHarness(MatSelectHarness.with({ selector: '.status-filter:nth-of-type(2) mat-select' }))).clickOptions({ text: 'Envoyé' });
    backend.expectOne('/api/mail/outbox?page=1&status=sent').flush({ items: [], total: 0, smtp: true });
    await fixture.whenStable();
    expect(text()).toContain('Aucun courriel dans cet état. Choisissez « Tous ».');
  });

  it('says what will appear when nothing has been written yet', async () => {
    await open({ items: [], total: 0, smtp: false });
    expect(text()).toContain('Aucun courriel pour l’instant : l’application écrit aux centres, à la coordination et au bureau à chaque étape de la relecture des saisies');
  });

  it('opens on a unit (?unitId=, from the completeness page), with its next reminders, and changes unit', async () => {
    const schedule: MailSchedule = {
      from: '2026-12-07',
      to: '2027-01-06',
      items: [
        { date: '2026-12-12', kind: 'reminder.overdue', unit: { id: 2, code: 'CRP-CVL', name: 'CRP Centre-Val de Loire' }, period: '2026-Q3', dueOn: '2026-10-30', recipients: 1 },
        { date: '2026-12-19', kind: 'reminder.overdue', unit: { id: 2, code: 'CRP-CVL', name: 'CRP Centre-Val de Loire' }, period: '2026-Q3', dueOn: '2026-10-30', recipients: 2 },
      ],
    };
    await open({ items: [message(4, { kind: 'reminder.overdue', unit: { id: 2, code: 'CRP-CVL', name: 'CRP Centre-Val de Loire' } })], total: 1, smtp: false }, { unitId: '2', schedule });
    const unitSelect = await loader.getHarness(MatSelectHarness.with({ selector: '.status-filter:nth-of-type(1) mat-select' }));
    expect(await unitSelect.getValueText()).toBe('CRP Centre-Val de Loire');
    expect(text()).toContain('Prochaines relances');
    expect(text()).toContain('Du 07/12/2026 au 06/01/2027');
    const table = await loader.getHarness(MatTableHarness);
    expect(await table.getCellTextByIndex()).toEqual([
      ['12/12/2026', 'CRP Centre-Val de Loire', '3e trimestre 2026 (échéance 30/10/2026)', 'Relance : saisie en retard', '1'],
      ['19/12/2026', 'CRP Centre-Val de Loire', '3e trimestre 2026 (échéance 30/10/2026)', 'Relance : saisie en retard', '2'],
    ]);

    await unitSelect.clickOptions({ text: 'Tous les centres' });
    backend.expectOne('/api/mail/outbox?page=1').flush({ items: [], total: 0, smtp: false });
    backend.expectOne('/api/mail/schedule').flush(noSchedule);
    await fixture.whenStable();
    expect(text()).toContain('Aucune relance prévue dans les 30 prochains jours.');
  });

  it('says when a unit has no e-mail yet', async () => {
    await open({ items: [], total: 0, smtp: false }, { unitId: '5' });
    expect(text()).toContain('Aucun courriel écrit pour ce centre.');
    expect(text()).toContain('Aucune relance prévue dans les 30 prochains jours pour CRP Hauts-de-France.');
  });
});
