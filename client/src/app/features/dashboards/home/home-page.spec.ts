import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aUser, provideTestApp, signInAs } from '../../../../testing/test-providers';
import { aBoardDashboard, aCostPerActivity, aFinanceDashboard, aMapDashboard, anAdminDashboard, aUnitLeadDashboard } from '../dashboards.fixture';
import { HomePage } from './home-page';

@Component({ template: '' })
class Blank {}

const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const settle = async (fixture: ComponentFixture<unknown>) => {
  // @defer loads the role's chunk, then the data requests leave.
  for (let i = 0; i < 4; i++) {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
};

describe('HomePage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  async function openAs(role: Parameters<typeof aUser>[0], url = '/', overrides: Parameters<typeof aUser>[1] = {}) {
    TestBed.configureTestingModule({
      providers: [
        ...provideTestApp([
          { path: '', component: HomePage },
          { path: '**', component: Blank },
        ]),
        provideNoopAnimations(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    signInAs(aUser(role, overrides));
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await settle(harness.fixture);
    return harness.routeNativeElement as HTMLElement;
  }

  const loader = (): HarnessLoader => TestbedHarnessEnvironment.loader(harness.fixture);
  const headings = (page: HTMLElement, level: string) => [...page.querySelectorAll(level)].map((h) => squash(h.textContent!));

  afterEach(() => {
    // The map's published structures of the care offer (its own spec: care-offer-page.spec.ts).
    backend.match((r) => r.url === '/api/care-offer').forEach((r) => r.flush([]));
    backend.verify();
  });

  it('shows a unit lead their unit: the campaign (due dates, what was returned and why), key indicators against the median, warnings', async () => {
    const page = await openAs('unit_lead', '/?annee=2025');
    expect(page.querySelector('h1')!.textContent!.trim()).toBe('Bonjour Luc Responsable');
    backend.expectOne((r) => r.url === '/api/dashboards/unit-lead' && r.params.get('unitId') === '1' && r.params.get('year') === '2025').flush(aUnitLeadDashboard(2025));
    await settle(harness.fixture);
    expect(headings(page, 'h2')).toContain('Campagne 2025 — CRP Île-de-France');
    expect(squash(page.querySelector('section[aria-labelledby="indicateurs-centre"] .trend-span')!.textContent!)).toBe('Années entières jusqu’à 2025.');
    const table = await loader().getHarness(MatTableHarness.with({ selector: '[aria-label="Périodes de la campagne"]' }));
    const rows = await Promise.all((await table.getRows()).map(async (row) => (await row.getCellTextByIndex()).map(squash)));
    expect(rows[1]).toEqual([
      'T2 2025',
      '31/07/2025',
      'Renvoyée pour correction',
      'schedule En retard de 3 jours',
      '87,5 %',
      'Renvoyée le 01/08/2025 : La file active des 0–5 ans semble inversée avec les 6–11 ans.',
    ]);
    expect(headings(page, 'h3')).toContain('File active (patients)');
    // The median delay split adult / minor: one chart per option, each against its own network median.
    expect(headings(page, 'h3')).toContain('Délai médian d’accès — Adulte (18 ans et plus) (jours)');
    expect(headings(page, 'h3')).toContain('Délai médian d’accès — Mineur (moins de 18 ans) (jours)');
    expect(page.textContent).toContain('Avertissements (1 à expliquer)');
    expect(page.textContent).toContain('Consultations : +62 % par rapport à T2 l’an dernier.');
    // The compact links to the pages the role may use.
    expect([...page.querySelectorAll('.quick-links a')].map((a) => squash([...a.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('')))).toEqual(['Centres', 'Saisie', 'Complétude', 'Gouvernance', 'Offre de soins', 'Mon compte']);
  });

  it('opens the unit of the URL when the lead runs several, and puts a change of unit in the URL', async () => {
    const page = await openAs('unit_lead', '/?annee=2025&centres=2');
    backend.expectOne((r) => r.url === '/api/dashboards/unit-lead' && r.params.get('unitId') === '2').flush({ ...aUnitLeadDashboard(2025), unit: { ...aUnitLeadDashboard().unit, id: 2, name: 'CRP Auvergne-Rhône-Alpes' } });
    await settle(harness.fixture);
    expect(page.textContent).toContain('Campagne 2025 — CRP Auvergne-Rhône-Alpes');
    const select = await loader().getHarness(MatSelectHarness.with({ selector: '.lead-filters > mat-form-field mat-select' }));
    await select.clickOptions({ text: 'CRP Île-de-France' });
    await settle(harness.fixture);
    expect(TestBed.inject(Router).url).toBe('/?annee=2025&centres=1');
    backend.expectOne((r) => r.url === '/api/dashboards/unit-lead' && r.params.get('unitId') === '1').flush(aUnitLeadDashboard(2025));
  });

  it('tells a unit lead without a unit whom to ask', async () => {
    const page = await openAs('unit_lead', '/', { units: [] });
    expect(page.textContent).toContain('Aucun centre ne vous est encore rattaché.');
  });

  it('shows the coordination completeness, network totals and expected results, and a filter change goes to the URL and reloads', async () => {
    const page = await openAs('admin', '/?annee=2025&domaine=formation');
    backend.expectOne('/api/units').flush([]);
    backend.expectOne((r) => r.url === '/api/dashboards/admin' && r.params.get('year') === '2025' && r.params.get('domain') === 'formation').flush(anAdminDashboard(2025));
    backend.expectOne((r) => r.url === '/api/dashboards/map').flush(aMapDashboard(2025));
    backend.expectOne((r) => r.url === '/api/dashboards/cost-per-activity').flush(aCostPerActivity(2025));
    await settle(harness.fixture);
    expect(squash(page.querySelector('section[aria-labelledby="totaux-reseau"] .trend-span')!.textContent!)).toBe('Années entières jusqu’à 2025.');
    expect(headings(page, 'h2')).toEqual(jasmine.arrayContaining(['Complétude 2025', 'Totaux du réseau sur cinq ans', 'Les quatre résultats attendus : cible et réalisé 2025', 'Carte de l’offre de soins']));
    expect(page.querySelector('app-heat-map-chart .heat-cell')).not.toBeNull();
    expect(page.textContent).toContain('CRP Grand Est — 12 jours de retard (T2 2025)');
    expect(squash(page.textContent!)).toContain('Professionnels formés : 84 % de la cible');
    expect(page.querySelectorAll('a.marker').length).toBe(2);

    const year = await loader().getHarness(MatSelectHarness.with({ selector: '.year mat-select' }));
    await year.clickOptions({ text: '2024' });
    await settle(harness.fixture);
    expect(TestBed.inject(Router).url).toBe('/?annee=2024&domaine=formation');
    backend.expectOne((r) => r.url === '/api/dashboards/admin' && r.params.get('year') === '2024').flush(anAdminDashboard(2024));
    backend.expectOne((r) => r.url === '/api/dashboards/map' && r.params.get('year') === '2024').flush(aMapDashboard(2024));
    backend.expectOne((r) => r.url === '/api/dashboards/cost-per-activity' && r.params.get('year') === '2024').flush(aCostPerActivity(2024));
    await settle(harness.fixture);
    expect(headings(page, 'h2')).toContain('Complétude 2024');
  });

  it('says when the coordination sees only the first outliers, and how to see the others', async () => {
    const page = await openAs('admin', '/?annee=2025');
    backend.expectOne('/api/units').flush([]);
    const outlier = {
      unitId: 1,
      unitName: 'CRP Grand Est',
      period: '2025-Q1',
      indicatorCode: 'ACT_FA',
      indicatorLabel: 'File active',
      optionCode: null,
      optionLabel: null,
      value: 300,
      lastYearValue: 100,
      changeBp: 20_000,
      change: { unit: 'percent' as const, bp: 20_000 },
      explanation: null,
      status: 'submitted' as const,
    };
    backend.expectOne((r) => r.url === '/api/dashboards/admin').flush({ ...anAdminDashboard(2025), outliers: [outlier, { ...outlier, period: '2025-Q2' }], outliersTotal: 1250 });
    backend.expectOne((r) => r.url === '/api/dashboards/map').flush(aMapDashboard(2025));
    backend.expectOne((r) => r.url === '/api/dashboards/cost-per-activity').flush(aCostPerActivity(2025));
    await settle(harness.fixture);
    expect(squash(page.textContent!)).toContain('Les 2 premières des 1 250 valeurs atypiques, par période et par centre');
    expect(page.querySelectorAll('table[aria-label="Valeurs atypiques"] tbody tr').length).toBe(2);
    // Periods as people say them, never the code.
    const periods = [...page.querySelectorAll('table[aria-label="Valeurs atypiques"] tbody tr td:nth-child(2)')].map((td) => squash(td.textContent!));
    expect(periods).toEqual(['T1 2025', 'T2 2025']);
    expect(page.textContent).not.toContain('2025-Q1');
  });

  it('shows finance the execution, alerts, MIG H15 posts and FTE by funder, filtered by funding source from the URL', async () => {
    const page = await openAs('finance', '/?annee=2025&financeur=1');
    backend.expectOne((r) => r.url === '/api/dashboards/finance' && r.params.get('fundingSourceId') === '1').flush(aFinanceDashboard(2025));
    backend.expectOne((r) => r.url === '/api/dashboards/cost-per-activity').flush(aCostPerActivity(2025));
    await settle(harness.fixture);
    expect(headings(page, 'h3')).toEqual(
      jasmine.arrayContaining(['Par enveloppe 2025', 'Par source de financement 2025', 'Postes MIG H15 : financés et réels 2025', 'ETP par financeur, mois par mois 2025']),
    );
    expect(page.querySelector('ngx-charts-bar-vertical-stacked')).not.toBeNull();
    expect(page.textContent).toContain('Avertissement — PERS-01 Psychiatre : Engagements à 95 % des AE ouvertes.');
    const source = await loader().getHarness(MatSelectHarness.with({ selector: '.filters mat-form-field:nth-child(2) mat-select' }));
    expect(await source.getValueText()).toBe('Dotation MIG H15');
  });

  it('shows the board the last complete year by default', async () => {
    await openAs('board', '/');
    const lastComplete = new Date().getFullYear() - 1;
    backend.expectOne((r) => r.url === '/api/dashboards/board' && r.params.get('year') === String(lastComplete)).flush(aBoardDashboard(lastComplete));
    backend.expectOne((r) => r.url === '/api/dashboards/map' && r.params.get('year') === String(lastComplete)).flush(aMapDashboard(lastComplete));
    backend.expectOne((r) => r.url === '/api/dashboards/cost-per-activity').flush(aCostPerActivity(lastComplete));
  });

  it('compares a year under way on the same quarters, and says so; a rate changes in points', async () => {
    const page = await openAs('board', '/?annee=2026');
    const data = aBoardDashboard(2026, {
      complete: false,
      periods: ['2026-Q1', '2026-Q2', '2026-Q3'],
      previousPeriods: ['2025-Q1', '2025-Q2', '2025-Q3'],
      currentLabel: 'T1–T3 2026',
      previousLabel: 'T1–T3 2025',
      label: 'T1–T3 2026 contre T1–T3 2025',
    });
    const board = {
      ...data,
      keyFigures: [
        { key: 'ACT_CS', label: 'Consultations', kind: 'indicator' as const, unitOfMeasure: 'consultations', value: 46586, previousValue: 43939, changeBp: 602, change: { unit: 'percent' as const, bp: 602 } },
        { key: 'TX', label: 'Part des mineurs', kind: 'indicator' as const, unitOfMeasure: '%', value: 46.9, previousValue: 45.3, changeBp: null, change: { unit: 'points' as const, bp: 160 } },
        { key: 'FOR_PERS', label: 'Professionnels formés', kind: 'indicator' as const, unitOfMeasure: 'personnes', value: null, previousValue: null, changeBp: null, change: null },
      ],
    };
    backend.expectOne((r) => r.url === '/api/dashboards/board' && r.params.get('year') === '2026').flush(board);
    backend.expectOne((r) => r.url === '/api/dashboards/map').flush(aMapDashboard(2026));
    backend.expectOne((r) => r.url === '/api/dashboards/cost-per-activity').flush(aCostPerActivity(2026));
    await settle(harness.fixture);
    const text = squash(page.textContent!);
    expect(text).not.toContain('par rapport à 2025');
    expect(text).toContain('Année 2026 en cours : les chiffres comparent les mêmes périodes, T1–T3 2026 contre T1–T3 2025');
    expect(text).toContain('Activité T1–T3 2026 contre T1–T3 2025');
    // Each card: label, value with its unit, the change in words against the same quarters.
    const cards = [...page.querySelectorAll('section[aria-labelledby="chiffres-cles"] mat-card')].map((card) => [...card.querySelectorAll('.label, .value, .change')].map((span) => squash(span.textContent!)).join(' · '));
    expect(cards).toEqual([
      'Consultations T1–T3 2026 · 46 586 consultations · En hausse de 6 % par rapport à T1–T3 2025',
      'Part des mineurs T1–T3 2026 · 46,9 % · En hausse de 1,6 pt par rapport à T1–T3 2025',
      'Professionnels formés T1–T3 2026 · Aucune valeur · Pas de comparaison possible avec T1–T3 2025',
    ]);
    // Consultations and a share never share a scale: one small chart each.
    expect(page.querySelectorAll('section[aria-labelledby="chiffres-cles"] .multiples .group').length).toBe(3);
    // The trends stop at 2025 and say why; the chart's table (and so its export) has no 2026 row.
    const trends = page.querySelector('section[aria-labelledby="tendances"]') as HTMLElement;
    expect(squash(trends.querySelector('.trend-span')!.textContent!)).toBe(
      'Années entières jusqu’à 2025. 2026, en cours (T1–T3 2026 terminés), n’est pas tracée : une année incomplète ne se compare pas à des années entières. Les chiffres clés ci-dessus comparent T1–T3 2026 aux mêmes trimestres de 2025.',
    );
    const rowHeaders = [...trends.querySelectorAll('app-chart-data-table tbody tr')].map((tr) => squash(tr.firstElementChild!.textContent!));
    expect(rowHeaders).toEqual(['2024', '2025']);
  });

  it('says what failed and offers to retry', async () => {
    const page = await openAs('board', '/?annee=2025');
    backend.expectOne((r) => r.url === '/api/dashboards/board').flush({ error: { code: 'internal', message: 'Erreur' } }, { status: 500, statusText: 'Erreur' });
    backend.expectOne((r) => r.url === '/api/dashboards/map').flush(aMapDashboard(2025));
    backend.expectOne((r) => r.url === '/api/dashboards/cost-per-activity').flush(aCostPerActivity(2025));
    await settle(harness.fixture);
    expect(squash(page.textContent!)).toContain('Échec du chargement : le tableau de bord du bureau.');
    (page.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    await settle(harness.fixture);
    backend.expectOne((r) => r.url === '/api/dashboards/board').flush(aBoardDashboard(2025));
    await settle(harness.fixture);
    expect(headings(page, 'h2')).toContain('Chiffres clés 2025 (valeurs validées)');
    expect(squash(page.textContent!)).toContain('En hausse de 8,5 % par rapport à 2024');
    expect(page.querySelector('a[href="/rapports?annee=2024"]')!.textContent).toContain('Rapport d’activité 2024');
  });
});
