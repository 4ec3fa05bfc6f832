import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideTestApp } from '../../../testing/test-providers';
import { CostPerActivityPanel } from './cost-per-activity-panel';
import { aCostPerActivity } from './dashboards.fixture';

const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

describe('CostPerActivityPanel', () => {
  let backend: HttpTestingController;

  async function render(year: number) {
    TestBed.configureTestingModule({ providers: [...provideTestApp(), provideNoopAnimations()] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CostPerActivityPanel);
    fixture.componentRef.setInput('year', year);
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/dashboards/cost-per-activity' && r.params.get('year') === String(year)).flush(aCostPerActivity(year));
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => backend.verify());

  it('divides each destination’s spending by its own outputs, counting each euro once, and states what is left out', async () => {
    const text = squash((await render(2025)).textContent!);
    expect(text).toContain('Crédits de paiement consommés en 2025 : 100 000,00 €.');
    expect(text).toContain('chaque euro n’est compté qu’une fois (70 000,00 € répartis, 30 000,00 € non répartis)');
    // One figure per destination whose outputs are validated: 40 000 € / 800 people, 30 000 € / 12 grants.
    expect(text).toContain('Formation : par personne formée par le CN2R');
    expect(text).toContain('50,00 €');
    expect(text).toContain('Recherche : par bourse de recherche attribuée');
    expect(text).toContain('2 500,00 €');
    // Left out, with the amount and why; never spread over the others.
    expect(text).toContain('Dépenses non réparties');
    expect(text).toContain('Animation du réseau : 10 000,00 € — aucune réalisation validée dans l’année : pas de coût unitaire');
    expect(text).toContain('Support : 20 000,00 € — ne sert aucune réalisation mesurée (fonctions support) : non répartie');
    expect(text).not.toContain('Animation du réseau : par');
    // The centres' patients are not the CN2R's output.
    expect(text).toContain('aucun coût par patient ni par consultation n’est calculé');
    expect(text).not.toMatch(/Par patient|Par consultation/);
  });
});
