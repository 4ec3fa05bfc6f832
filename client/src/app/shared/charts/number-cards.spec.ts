import { Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatCardHarness } from '@angular/material/card/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideTestApp } from '../../../testing/test-providers';
import type { KeyFigure } from './chart-model';
import { NumberCards } from './number-cards';

const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

describe('NumberCards', () => {
  function render<T>(component: Type<T>, inputs: Record<string, unknown>): { fixture: ComponentFixture<T>; page: HTMLElement } {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    const fixture = TestBed.createComponent(component);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  const figures: KeyFigure[] = [
    { label: 'File active 2025', value: 6907, kind: 'count', unit: 'patients', change: 'En hausse de 4,4 % par rapport à 2024' },
    { label: 'Délai médian 2025', value: 78.08, kind: 'decimal', unit: 'jours', change: 'En baisse de 2 % par rapport à 2024' },
    { label: 'Payé', value: 116923346, kind: 'cents', unit: '€' },
    { label: 'Taux d’exécution (CP)', value: 8863, kind: 'basisPoints' },
    { label: 'Personnels (ETPT)', value: null, kind: 'decimal', unit: 'ETPT' },
  ];

  it('shows each figure as a card: its label, its value with its unit, its change in words', async () => {
    const { fixture, page } = render(NumberCards, { heading: 'Chiffres clés 2025', figures });
    await fixture.whenStable();
    const cards = await TestbedHarnessEnvironment.loader(fixture).getAllHarnesses(MatCardHarness);
    expect(cards.length).toBe(5);
    const texts = [...page.querySelectorAll('mat-card')].map((card) => ({
      label: squash(card.querySelector('.label')!.textContent!),
      value: squash(card.querySelector('.value')!.textContent!),
      change: card.querySelector('.change') ? squash(card.querySelector('.change')!.textContent!) : null,
    }));
    expect(texts).toEqual([
      { label: 'File active 2025', value: '6 907 patients', change: 'En hausse de 4,4 % par rapport à 2024' },
      { label: 'Délai médian 2025', value: '78,08 jours', change: 'En baisse de 2 % par rapport à 2024' },
      { label: 'Payé', value: '1 169 233,46 €', change: null },
      { label: 'Taux d’exécution (CP)', value: '88,63 %', change: null },
      { label: 'Personnels (ETPT)', value: 'Aucune valeur', change: null },
    ]);
    // Read as text, not hidden as a drawing; a list of cards.
    expect(page.querySelector('.chart')!.getAttribute('aria-hidden')).toBeNull();
    expect(page.querySelectorAll('ul.cards > li').length).toBe(5);
  });

  it('keeps the label above the value in the card’s own text colours, never on a coloured bar', async () => {
    const { fixture, page } = render(NumberCards, { heading: 'Chiffres clés 2025', figures });
    await fixture.whenStable();
    expect(page.querySelector('ngx-charts-number-card')).toBeNull();
    const card = page.querySelector('mat-card')!;
    const [label, value] = [card.querySelector('.label')!, card.querySelector('.value')!].map((e) => e.getBoundingClientRect());
    expect(label.bottom).toBeLessThanOrEqual(value.top + 1);
  });

  it('gives the data table each figure with its unit', async () => {
    const { fixture, page } = render(NumberCards, { heading: 'Chiffres clés 2025', figures: figures.slice(0, 3) });
    await fixture.whenStable();
    (page.querySelector('.frame-header button') as HTMLButtonElement).click();
    await fixture.whenStable();
    const table = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatTableHarness);
    const cells = await Promise.all((await table.getRows()).map(async (row) => (await row.getCellTextByIndex()).map(squash)));
    expect(cells).toEqual([
      ['File active 2025 (patients)', '6 907'],
      ['Délai médian 2025 (jours)', '78,08'],
      ['Payé', '1 169 233,46 €'],
    ]);
  });

  it('says why there is nothing to show, and what to do, when no figure has a value', async () => {
    const { fixture, page } = render(NumberCards, {
      heading: 'Coût par activité 2026',
      figures: [{ label: 'Formation : par personne formée', value: null, kind: 'cents' }],
      emptyText: 'Aucune réalisation validée cette année : le coût s’affichera quand les réalisations seront validées.',
    });
    await fixture.whenStable();
    expect(page.querySelector('mat-card')).toBeNull();
    expect(page.querySelector('.empty')!.textContent).toContain('Aucune réalisation validée cette année');
    expect(page.textContent).not.toContain('Voir les données');
  });
});
