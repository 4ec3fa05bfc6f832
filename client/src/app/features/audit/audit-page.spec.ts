import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDatepickerInputHarness } from '@angular/material/datepicker/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuditEntry, AuditPage as AuditPageData } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { auditCsvUrl } from './audit-api';
import { AuditPage } from './audit-page';
import { prettyJson } from './audit-entry-dialog';

const entry = (id: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: '2026-03-02T09:15:30Z',
  actorId: 1,
  actorEmail: 'admin@demo.local',
  action: 'unit.updated',
  entityType: 'unit',
  entityId: '4',
  before: { name: 'CRP Grand Est' },
  after: { name: 'CRP Grand-Est' },
  reason: null,
  requestId: 'req-1',
  ...overrides,
});

describe('AuditPage', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let backend: HttpTestingController;

  async function open(url: string, answer: AuditPageData) {
    TestBed.configureTestingModule({ providers: provideTestApp([{ path: 'journal', component: AuditPage }]) });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    const request = backend.expectOne((req) => req.url === '/api/audit');
    request.flush(answer);
    await harness.fixture.whenStable();
    return request.request;
  }

  afterEach(() => backend.verify());

  it('reads the filters and the page from the URL and asks the API for them', async () => {
    const request = await open('/journal?entityType=unit&from=2026-01-01&limit=25&offset=25', {
      items: [entry(31), entry(30, { actorEmail: null, action: 'user.created', entityType: 'user', entityId: null })],
      total: 52,
    });
    expect(request.params.toString()).toBe('entityType=unit&from=2026-01-01&limit=25&offset=25');
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=entityType]' }))).getValue()).toBe('unit');
    expect(await (await loader.getHarness(MatDatepickerInputHarness.with({ selector: '[formControlName=from]' }))).getValue()).toBe(
      '01/01/2026',
    );

    const table = await loader.getHarness(MatTableHarness);
    const columns = await table.getCellTextByColumnName();
    expect(columns['at'].text[0]).toMatch(/^02\/03\/2026 \d\d:15:30$/);
    expect(columns['actor'].text).toEqual(['admin@demo.local', 'Système']);
    expect(columns['entityId'].text).toEqual(['4', '—']);

    const paginator = await loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('26 – 50 sur 52');
    expect(await paginator.getPageSize()).toBe(25);

    const csv = harness.routeNativeElement!.querySelector('a[download]') as HTMLAnchorElement;
    expect(csv.getAttribute('href')).toBe('/api/audit.csv?entityType=unit&from=2026-01-01');
    expect(csv.textContent).toContain('Exporter en CSV');
  });

  it('puts new filters in the URL, back on the first page, and reloads', async () => {
    await open('/journal?offset=50', { items: [entry(1)], total: 60 });
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=actor]' }))).setValue('lille');
    await (await loader.getHarness(MatDatepickerInputHarness.with({ selector: '[formControlName=to]' }))).setValue('31/01/2026');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Filtrer/ }))).click();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/journal?actor=lille&to=2026-01-31');
    const request = backend.expectOne((req) => req.url === '/api/audit');
    expect(request.request.params.toString()).toBe('actor=lille&to=2026-01-31&limit=50&offset=0');
    request.flush({ items: [], total: 0 });
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement!.textContent).toContain('Aucune entrée ne correspond à ces filtres.');
  });

  it('refuses an end date before the start date', async () => {
    await open('/journal', { items: [], total: 0 });
    expect(harness.routeNativeElement!.textContent).toContain('Le journal est vide');
    await (await loader.getHarness(MatDatepickerInputHarness.with({ selector: '[formControlName=from]' }))).setValue('10/02/2026');
    await (await loader.getHarness(MatDatepickerInputHarness.with({ selector: '[formControlName=to]' }))).setValue('09/02/2026');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Filtrer/ }))).click();
    expect(TestBed.inject(Router).url).toBe('/journal');
    expect(harness.routeNativeElement!.textContent).toContain('La date de fin doit suivre la date de début.');
  });
});

describe('audit helpers', () => {
  it('builds the CSV link from the non-empty filters only', () => {
    expect(auditCsvUrl({})).toBe('/api/audit.csv');
    expect(auditCsvUrl({ actor: ' lille ', action: '', entityId: '12' })).toBe('/api/audit.csv?actor=lille&entityId=12');
  });

  it('pretty-prints stored values, nothing for null', () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson(null)).toBeNull();
  });
});
