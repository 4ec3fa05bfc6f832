import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { ReportNarrative, ReportVersion, Role } from '@cn2r/shared';
import { aUser, provideTestApp, signInAs } from '../../../testing/test-providers';
import { ReportsPage } from './reports-page';

const sha = (c: string) => c.repeat(64);
const aVersion = (overrides: Partial<ReportVersion> = {}): ReportVersion => ({
  id: 1,
  year: 2025,
  number: 1,
  status: 'draft',
  snapshotAt: '2026-03-10T09:30:00.000Z',
  files: [
    { file: 'activity.xlsx', sha256: sha('a'), bytes: 1000 },
    { file: 'activity.pdf', sha256: sha('b'), bytes: 2000 },
    { file: 'financial.xlsx', sha256: sha('c'), bytes: 3000 },
    { file: 'financial.pdf', sha256: sha('d'), bytes: 4000 },
  ],
  generated: { at: '2026-03-10T09:30:01.000Z', by: 'Bernard Bureau' },
  presented: null,
  approved: null,
  superseded: null,
  agDate: null,
  deliberationReference: null,
  submittedTo: null,
  deliberation: null,
  certificate: null,
  version: 1,
  ...overrides,
});
const narrative: ReportNarrative = { year: 2025, report: 'activity', section: 'key_figures', body: 'Une année de consolidation.', updatedBy: 'Alice Admin', updatedAt: '2026-03-01T10:00:00Z', version: 3 };

describe('ReportsPage', () => {
  let fixture: ComponentFixture<ReportsPage>;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let backend: HttpTestingController;
  const year = new Date().getFullYear() - 1;

  async function open(role: Role, versions: ReportVersion[]) {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role));
    fixture = TestBed.createComponent(ReportsPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    backend.expectOne('/api/reports/years').flush([{ year: year + 1, versions: [] }, { year, versions }, { year: year - 1, versions: [] }]);
    await fixture.whenStable();
    flushYear(versions);
    await fixture.whenStable();
  }

  function flushYear(versions: ReportVersion[]) {
    backend.expectOne(`/api/reports/${year}/versions`).flush(versions.map((v) => ({ ...v, year })));
    backend.expectOne(`/api/reports/${year}/narratives`).flush([{ ...narrative, year }]);
  }

  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';
  const links = () => [...(fixture.nativeElement as HTMLElement).querySelectorAll('a[download]')].map((a) => a.getAttribute('href'));

  afterEach(() => backend.verify());

  it('shows the last full year: drafts, versions with their status, sha256 and who did what when', async () => {
    await open('board', [
      aVersion({ number: 2, status: 'presented', presented: { at: '2026-06-01T08:00:00Z', by: 'Bernard Bureau' }, version: 2 }),
      aVersion({ number: 1, status: 'superseded', superseded: { at: '2026-06-01T08:00:00Z', by: 'Alice Admin' } }),
    ]);
    expect(links().slice(0, 4)).toEqual([`/api/reports/${year}/activity.xlsx`, `/api/reports/${year}/activity.pdf`, `/api/reports/${year}/financial.xlsx`, `/api/reports/${year}/financial.pdf`]);
    expect(links()).toContain(`/api/reports/${year}/versions/2/files/financial.pdf`);
    const table = await loader.getHarness(MatTableHarness);
    const columns = await table.getCellTextByColumnName();
    expect(columns['number'].text).toEqual(['n° 2', 'n° 1']);
    expect(columns['status'].text).toEqual(['Présentée à l’AG', 'Remplacée']);
    expect(columns['steps'].text[0]).toContain('par Bernard Bureau');
    expect(columns['steps'].text[1]).toContain('Remplacée le 01/06/2026');
    expect(columns['files'].text[0]).toContain(sha('d'));
    expect(columns['actions'].text).toEqual(['Marquer approuvéeMarquer remplacée', '']);
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: 'textarea' }))).getValue()).toBe('Une année de consolidation.');
  });

  it('calls an official version never a draft: « Générée — non présentée » until it is presented', async () => {
    await open('board', [aVersion({ number: 1, status: 'draft' })]);
    const columns = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(columns['status'].text).toEqual(['Générée — non présentée']);
    expect(columns['status'].text.join(' ')).not.toMatch(/brouillon/i);
  });

  it('downloads a draft on live data with a progress indicator, the link disabled until the file arrives', async () => {
    await open('board', []);
    const createUrl = spyOn(URL, 'createObjectURL').and.returnValue('blob:brouillon');
    spyOn(URL, 'revokeObjectURL');
    const save = spyOn(HTMLAnchorElement.prototype, 'click');
    const link = [...(fixture.nativeElement as HTMLElement).querySelectorAll<HTMLAnchorElement>('app-draft-download a')].find((a) =>
      a.textContent?.includes(`Bilan financier (PDF) — brouillon ${year}`),
    )!;
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    await fixture.whenStable();
    const request = backend.expectOne({ method: 'GET', url: `/api/reports/${year}/financial.pdf` });
    expect(request.request.responseType).toBe('blob');
    const host = link.closest('app-draft-download')!;
    expect(link.getAttribute('aria-disabled')).toBe('true');
    expect(host.querySelector('[role="status"]')!.textContent).toContain('Préparation du fichier sur les données du moment…');
    expect(host.querySelector('mat-progress-bar')).not.toBeNull();
    // A second click while it is being prepared asks for nothing more.
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    backend.expectNone(`/api/reports/${year}/financial.pdf`);

    const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    request.flush(pdf, { headers: { 'Content-Disposition': `attachment; filename="bilan-financier-${year}-brouillon.pdf"` } });
    await fixture.whenStable();
    expect(createUrl).toHaveBeenCalledWith(pdf);
    expect(save).toHaveBeenCalledTimes(1);
    expect((save.calls.mostRecent().object as HTMLAnchorElement).download).toBe(`bilan-financier-${year}-brouillon.pdf`);
    expect(link.getAttribute('aria-disabled')).not.toBe('true');
    expect(host.querySelector('[role="status"]')!.textContent!.trim()).toBe('');
  });

  it('generates the official version after confirmation, with a progress indicator, then reloads', async () => {
    await open('board', []);
    expect(text()).toContain(`Aucune version officielle pour ${year}.`);
    await (await loader.getHarness(MatButtonHarness.with({ text: /Générer la version officielle/ }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe(`Générer la version officielle des rapports ${year}`);
    // Every section but the one written is listed as without text, and the button says so.
    const empty = [...document.querySelectorAll('mat-dialog-container ul[aria-label="Sections sans texte"] li')].map((li) => li.textContent?.trim());
    expect(empty).toContain('Rapport d’activité — Perspectives');
    expect(empty).toContain('Bilan financier — États budgétaires');
    expect(empty).not.toContain('Rapport d’activité — Chiffres clés et faits marquants');
    expect(await dialog.getText()).toContain(`${empty.length} sections n’ont pas de texte : elles paraîtront sans commentaire dans la version officielle.`);
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Générer quand même' }))).click();
    const request = backend.expectOne({ method: 'POST', url: `/api/reports/${year}/versions` });
    await fixture.whenStable();
    expect(text()).toContain('Génération en cours');
    request.flush(aVersion({ year }));
    await fixture.whenStable();
    flushYear([aVersion()]);
    await fixture.whenStable();
    expect(text()).not.toContain('Génération en cours');
    expect(await (await loader.getHarness(MatTableHarness)).getRows()).toHaveSize(1);
  });

  it('marks a draft presented after confirmation, with the version read', async () => {
    await open('admin', [aVersion({ version: 4 })]);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Marquer présentée à l’AG' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Marquer présentée' }))).click();
    const request = backend.expectOne({ method: 'POST', url: `/api/reports/${year}/versions/1/present` });
    expect(request.request.body).toEqual({ version: 4 });
    request.flush(aVersion({ status: 'presented', version: 5 }));
    await fixture.whenStable();
    flushYear([aVersion({ status: 'presented', version: 5 })]);
  });

  /** The general assembly's adopted deliberations from the generation day (the server filters them) to the end of the next year. */
  function flushDeliberations(from = '2026-03-10', list = [assemblyDeliberation(12, '2026-02', '2026-03-26')]) {
    backend.expectOne(`/api/governance/assembly-deliberations?from=${from}&to=2027-12-31`).flush(list);
  }
  function assemblyDeliberation(id: number, number: string, adoptedOn: string) {
    const meeting = { id: 1, bodyName: 'Assemblée générale', heldOn: adoptedOn, quorumReached: true };
    return { id, number, title: `Délibération ${number}`, adoptedOn, votesFor: 9, votesAgainst: 0, abstentions: 1, minutesSha256: null, meeting };
  }

  it('records the approval by a general assembly’s deliberation adopted since the generation, then offers the certificate', async () => {
    await open('board', [aVersion({ status: 'presented', version: 2 })]);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Marquer approuvée' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Marquer la version 1 approuvée');
    flushDeliberations();
    await fixture.whenStable();
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Marquer approuvée' }))).click();
    backend.expectNone(`/api/reports/${year}/versions/1/approve`); // the deliberation is required
    const select = await dialog.getHarness(MatSelectHarness);
    await select.open();
    // Generated on 10 March 2026: the AG's adopted deliberations since then are offered.
    expect(await Promise.all((await select.getOptions()).map((o) => o.getText()))).toEqual(['n° 2026-02 du 26/03/2026 — Délibération 2026-02']);
    await select.clickOptions({ text: /2026-02/ });
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Marquer approuvée' }))).click();
    const request = backend.expectOne({ method: 'POST', url: `/api/reports/${year}/versions/1/approve` });
    expect(request.request.body).toEqual({ version: 2, deliberationId: 12 });
    const approved = aVersion({
      status: 'approved',
      agDate: '2026-03-26',
      deliberationReference: 'Délibération n° 2026-02 — Délibération 2026-02',
      deliberation: { id: 12, number: '2026-02', title: 'Délibération 2026-02', adoptedOn: '2026-03-26' },
      certificate: { sha256: sha('e'), bytes: 5000 },
      approved: { at: '2026-03-27T08:00:00Z', by: 'Bernard Bureau' },
      version: 3,
    });
    request.flush(approved);
    await fixture.whenStable();
    flushYear([approved]);
    await fixture.whenStable();
    expect(text()).toContain('Version 1 approuvée par l’assemblée générale du 26/03/2026 (Délibération n° 2026-02 — Délibération 2026-02) : elle ne changera plus.');
    const links = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('a[download]')).map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
    expect(links).toContain(['Télécharger le certificat d’approbation', `/api/reports/${year}/versions/1/certificate.pdf`]);
    expect(links).toContain(['Certificat d’approbation (PDF), version 1', `/api/reports/${year}/versions/1/certificate.pdf`]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Générer la version officielle|Marquer/ }))).toEqual([]);
  });

  it('says what to do when no deliberation of the assembly can have approved the version', async () => {
    await open('board', [aVersion({ status: 'presented', version: 2, snapshotAt: '2026-12-01T09:00:00.000Z' })]);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Marquer approuvée' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    flushDeliberations('2026-12-01', []);
    await fixture.whenStable();
    expect(await (await dialog.host()).text()).toContain('Aucune délibération adoptée par l’assemblée générale depuis la génération de cette version (01/12/2026). Enregistrez d’abord la séance et sa délibération dans Gouvernance.');
  });

  it('shows the server’s refusal inside the approval dialog', async () => {
    await open('board', [aVersion({ status: 'presented', version: 2 })]);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Marquer approuvée' }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    flushDeliberations();
    await fixture.whenStable();
    await (await dialog.getHarness(MatSelectHarness)).clickOptions({ text: /2026-02/ });
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Marquer approuvée' }))).click();
    backend
      .expectOne({ method: 'POST', url: `/api/reports/${year}/versions/1/approve` })
      .flush(
        { error: { code: 'conflict', message: 'Impossible de approuver la version 1 des rapports 2025 : elle est « Remplacée ».', fields: [{ path: 'status', message: 'superseded' }] } },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(await (await dialog.host()).text()).toContain('elle est « Remplacée »');
  });

  it('saves a section text with the version read', async () => {
    await open('admin', []);
    const textarea = await loader.getHarness(MatInputHarness.with({ selector: 'textarea' }));
    await textarea.setValue('Une année de consolidation du réseau.');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer « Chiffres clés et faits marquants »' }))).click();
    const request = backend.expectOne({ method: 'PUT', url: `/api/reports/${year}/narratives/activity/key_figures` });
    expect(request.request.body).toEqual({ body: 'Une année de consolidation du réseau.', version: 3 });
    request.flush({ ...narrative, body: 'Une année de consolidation du réseau.', version: 4 });
  });

  it('gives finance officers the financial summary only, read-only', async () => {
    await open('finance', [aVersion()]);
    expect(links()).toEqual([`/api/reports/${year}/financial.xlsx`, `/api/reports/${year}/financial.pdf`, `/api/reports/${year}/versions/1/files/financial.xlsx`, `/api/reports/${year}/versions/1/files/financial.pdf`]);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Générer|Marquer|Enregistrer/ }))).toEqual([]);
    expect(await loader.getAllHarnesses(MatInputHarness.with({ selector: 'textarea' }))).toEqual([]);
  });
});
