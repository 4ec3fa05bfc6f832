import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideTestApp } from '../../../testing/test-providers';
import { BarListChart, toBarListGroups } from './bar-list-chart';
import type { ChartRow } from './chart-model';

const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

describe('BarListChart', () => {
  const lines: ChartRow[] = [
    { series: 'CP ouverts', category: 'Colloque', value: 1_000_000 },
    { series: 'Payé', category: 'Colloque', value: 250_000 },
    { series: 'Atterrissage', category: 'Colloque', value: 900_000 },
    { series: 'CP ouverts', category: 'Psychiatre (1 ETP, MIG H15)', value: 9_000_000 },
    { series: 'Payé', category: 'Psychiatre (1 ETP, MIG H15)', value: 4_500_000 },
    { series: 'Atterrissage', category: 'Psychiatre (1 ETP, MIG H15)', value: null },
  ];

  function render(inputs: Record<string, unknown>): { fixture: ComponentFixture<BarListChart>; page: HTMLElement } {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(BarListChart);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('sorts the categories by a series, draws the chosen series on one scale and writes each value at the end', () => {
    const groups = toBarListGroups(lines, { kind: 'cents', drawn: ['CP ouverts', 'Payé'], sortBy: 'CP ouverts' });
    expect(groups.map((g) => g.label)).toEqual(['Psychiatre (1 ETP, MIG H15)', 'Colloque']);
    expect(groups[0].bars.map((b) => [b.series, Math.round(b.percent), squash(b.text)])).toEqual([
      ['CP ouverts', 100, '90 000,00 €'],
      ['Payé', 50, '45 000,00 €'],
    ]);
    expect(groups[1].bars.map((b) => Math.round(b.percent))).toEqual([11, 3]);
  });

  it('gives each category its own scale for small multiples (consultations and delays never share an axis)', () => {
    const rows: ChartRow[] = [
      { series: '2024', category: 'Consultations', value: 70_000 },
      { series: '2025', category: 'Consultations', value: 74_287 },
      { series: '2024', category: 'Délai médian', value: 71 },
      { series: '2025', category: 'Délai médian', value: 74 },
    ];
    const groups = toBarListGroups(rows, { kind: 'count', scale: 'perCategory' });
    expect(groups[1].bars.map((b) => Math.round(b.percent))).toEqual([96, 100]);
    // On one scale the delays would be invisible.
    expect(toBarListGroups(rows, { kind: 'count' })[1].bars.every((b) => b.percent < 1)).toBeTrue();
  });

  it('draws horizontal bars with their labels, values, legend and units', async () => {
    const { fixture, page } = render({
      heading: 'Activité 2025 contre 2024',
      rows: [
        { series: '2024', category: 'Délai médian', value: 71 },
        { series: '2025', category: 'Délai médian', value: 74 },
      ],
      scale: 'perCategory',
      units: { 'Délai médian': 'jours' },
      categoryLabel: 'Indicateur',
    });
    await fixture.whenStable();
    expect(squash(page.querySelector('.category')!.textContent!)).toBe('Délai médian (jours)');
    expect([...page.querySelectorAll('.value')].map((v) => squash(v.textContent!))).toEqual(['71', '74']);
    expect([...page.querySelectorAll('app-chart-legend li')].map((li) => li.textContent!.trim())).toEqual(['2024', '2025']);
    expect(page.querySelector('.groups')!.classList).toContain('multiples');
  });

  it('shows a missing value as « — » with no bar, and the sentence saying why when there is no data', async () => {
    expect(toBarListGroups(lines, { kind: 'cents', sortBy: 'CP ouverts' })[0].bars[2]).toEqual(jasmine.objectContaining({ percent: 0, text: '—' }));
    const { fixture, page } = render({ heading: 'Par ligne budgétaire 2026', rows: [], emptyText: 'Aucune ligne budgétaire pour ces filtres : choisissez une autre année.' });
    await fixture.whenStable();
    expect(page.querySelector('.groups')).toBeNull();
    expect(page.querySelector('.empty')!.textContent).toContain('choisissez une autre année');
  });
});
