import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideTestApp } from '../../../testing/test-providers';
import type { ChartRow } from './chart-model';
import { GroupedBarChart } from './grouped-bar-chart';
import { HeatMapChart } from './heat-map-chart';
import { LineChart } from './line-chart';

const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

describe('chart components', () => {
  const rows: ChartRow[] = [
    { series: 'CRP Hauts-de-France', category: '2024', value: 812 },
    { series: 'Médiane du réseau', category: '2024', value: 640.5 },
    { series: 'CRP Hauts-de-France', category: '2025', value: 880 },
    { series: 'Médiane du réseau', category: '2025', value: null },
  ];

  function render<T>(component: Type<T>, inputs: Record<string, unknown>): { fixture: ComponentFixture<T>; loader: HarnessLoader; page: HTMLElement } {
    TestBed.configureTestingModule({ providers: [...provideTestApp(), provideNoopAnimations()] });
    const fixture = TestBed.createComponent(component);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    return { fixture, loader: TestbedHarnessEnvironment.loader(fixture), page: fixture.nativeElement as HTMLElement };
  }

  it('draws a line chart with French ticks, its data table behind « Voir les données »', async () => {
    const { fixture, loader, page } = render(LineChart, { heading: 'File active', rows, categoryLabel: 'Année' });
    await fixture.whenStable();
    expect(page.querySelector('h3')!.textContent).toBe('File active');
    expect(page.querySelector('ngx-charts-line-chart')).not.toBeNull();
    // The chart is hidden from screen readers, who get the table.
    expect(page.querySelector('.chart')!.getAttribute('aria-hidden')).toBe('true');

    const toggle = await loader.getHarness(MatButtonHarness.with({ text: /Voir les données/ }));
    const region = page.querySelector<HTMLElement>('.data')!;
    expect(region.hidden).toBeTrue();
    expect(await (await toggle.host()).getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(region.hidden).toBeFalse();
    expect(await (await toggle.host()).getAttribute('aria-expanded')).toBe('true');
    expect(await toggle.getText()).toContain('Masquer les données');

    const table = await loader.getHarness(MatTableHarness);
    expect(await table.getHeaderRows().then((h) => h[0].getCellTextByIndex())).toEqual(['Année', 'CRP Hauts-de-France', 'Médiane du réseau']);
    const cells = await Promise.all((await table.getRows()).map(async (row) => (await row.getCellTextByIndex()).map(squash)));
    expect(cells).toEqual([
      ['2024', '812', '640,5'],
      ['2025', '880', '—'],
    ]);
    expect(page.querySelector('caption')!.textContent).toBe('File active');
    expect([...page.querySelectorAll('th[scope="col"]')].length).toBe(3);
    expect([...page.querySelectorAll('th[scope="row"]')].map((th) => th.textContent!.trim())).toEqual(['2024', '2025']);
  });

  it('exports the data to CSV and Excel from the « Exporter » menu', async () => {
    const createUrl = spyOn(URL, 'createObjectURL').and.returnValue('blob:export');
    const click = spyOn(HTMLAnchorElement.prototype, 'click');
    const { fixture, loader } = render(GroupedBarChart, { heading: 'Consultations par centre', rows, kind: 'count' });
    await fixture.whenStable();
    const menu = await loader.getHarness(MatMenuHarness.with({ triggerText: /Exporter/ }));
    await menu.open();
    expect(await Promise.all((await menu.getItems()).map((item) => item.getText()))).toEqual(['CSV (tableur, séparateur « ; »)', 'Excel (.xlsx)']);
    await menu.clickItem({ text: /CSV/ });
    expect(click).toHaveBeenCalledTimes(1);
    expect((click.calls.mostRecent().object as HTMLAnchorElement).download).toBe('consultations-par-centre.csv');
    const blob = createUrl.calls.mostRecent().args[0] as Blob;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
    expect(text).toBe('\uFEFFCentre;CRP Hauts-de-France;Médiane du réseau\r\n2024;812;640,5\r\n2025;880;\r\n');
  });

  it('says there is nothing to show instead of an empty chart', async () => {
    const { fixture, page } = render(LineChart, { heading: 'File active', rows: [], emptyText: 'Aucune valeur saisie cette année.' });
    await fixture.whenStable();
    expect(page.querySelector('ngx-charts-line-chart')).toBeNull();
    expect(page.textContent).toContain('Aucune valeur saisie cette année.');
    expect(page.textContent).not.toContain('Voir les données');
  });

  it('says why instead of drawing bare axes when every value is missing', async () => {
    const { fixture, page } = render(LineChart, {
      heading: 'Personnes formées',
      rows: [{ series: 'Réseau', category: '2024', value: null }, { series: 'Réseau', category: '2025', value: null }],
      years: [2024, 2025],
      emptyText: 'Aucune valeur sur ces années : elles s’afficheront une fois saisies.',
    });
    await fixture.whenStable();
    expect(page.querySelector('ngx-charts-line-chart')).toBeNull();
    expect(page.querySelector('.empty')!.textContent).toContain('Aucune valeur sur ces années');
  });

  it('draws the completeness heat map in HTML: values in percent in the cells, a legend in percent, whole labels', async () => {
    const { fixture, loader, page } = render(HeatMapChart, {
      heading: 'Complétude',
      rows: [
        { series: 'CRP Grand Est', category: 'T1 2025', value: 10000 },
        { series: 'CRP Grand Est', category: 'T2 2025', value: 4550 },
        { series: 'Centre national de ressources et de résilience', category: 'T1 2025', value: null },
      ],
    });
    await fixture.whenStable();
    expect([...page.querySelectorAll('.column-label')].map((e) => e.textContent!.trim())).toEqual(['T1 2025', 'T2 2025']);
    expect([...page.querySelectorAll('.row-label')].map((e) => e.textContent!.trim())).toEqual(['CRP Grand Est', 'Centre national de ressources et de résilience']);
    expect([...page.querySelectorAll('.heat-cell')].map((e) => squash(e.textContent!))).toEqual(['100 %', '46 %', '—', '—']);
    // The legend reads in percent, never in basis points.
    const steps = [...page.querySelectorAll('.steps li')].map((e) => squash(e.textContent!));
    expect(steps[0]).toBe('0 % à moins de 20 %');
    expect(steps[4]).toBe('80 % à 100 %');
    expect(page.textContent).not.toContain('10000');
    // Dark cells carry white text, light ones dark text.
    const full = page.querySelectorAll<HTMLElement>('.heat-cell')[0];
    expect(getComputedStyle(full).color).toBe('rgb(255, 255, 255)');
    const table = await loader.getHarness(MatTableHarness);
    const cells = await Promise.all((await table.getRows()).map(async (row) => (await row.getCellTextByIndex()).map(squash)));
    expect(cells).toEqual([
      ['CRP Grand Est', '100 %', '45,5 %'],
      ['Centre national de ressources et de résilience', '—', '—'],
    ]);
  });

  it('spans every year given on a line chart’s axis, those without a value included', async () => {
    const { fixture, page } = render(LineChart, {
      heading: 'File active',
      rows: [
        { series: 'Réseau', category: '2021', value: null },
        { series: 'Réseau', category: '2024', value: 812 },
        { series: 'Réseau', category: '2025', value: 880 },
      ],
      years: [2021, 2022, 2023, 2024, 2025],
      categoryLabel: 'Année',
    });
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fixture.whenStable();
    const ticks = [...page.querySelectorAll('g.x.axis g.tick text')].map((t) => t.textContent!.trim());
    expect(ticks).toEqual(['2021', '2022', '2023', '2024', '2025']);
    expect(page.querySelector('.description')!.textContent).toBe('Aucune valeur en 2021, 2022 et 2023.');
    // One series: no legend.
    expect(page.querySelector('app-chart-legend')).toBeNull();
  });

  it('puts the legend above the chart in the page’s text, one item per series with its colour', async () => {
    const { fixture, page } = render(LineChart, { heading: 'File active', rows, categoryLabel: 'Année' });
    await fixture.whenStable();
    const items = [...page.querySelectorAll('app-chart-legend li')];
    expect(items.map((li) => li.textContent!.trim())).toEqual(['CRP Hauts-de-France', 'Médiane du réseau']);
    expect((items[0].querySelector('.swatch') as HTMLElement).style.background).toContain('rgb(0, 114, 178)');
    // ngx-charts' own legend is off.
    expect(page.querySelector('ngx-charts-legend')).toBeNull();
  });
});
