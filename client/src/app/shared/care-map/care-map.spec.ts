import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { provideTestApp } from '../../../testing/test-providers';
import { CareMap, type CareMapUnit, markerLabel } from './care-map';

@Component({ template: '' })
class Blank {}

describe('CareMap', () => {
  const units: CareMapUnit[] = [
    { id: 4, name: 'CRP Hauts-de-France', region: 'Hauts-de-France', regionCode: '32', keyFigures: [{ label: 'File active', value: 812, unitOfMeasure: 'patients' }] },
    { id: 8, name: 'CRP Martinique', region: 'Martinique', regionCode: '02', keyFigures: [{ label: 'File active', value: null, unitOfMeasure: 'patients' }] },
    { id: 1, name: 'CN2R', region: 'National', regionCode: null, keyFigures: [] },
  ];

  async function render() {
    TestBed.configureTestingModule({ providers: provideTestApp([{ path: '**', component: Blank }]) });
    const fixture = TestBed.createComponent(CareMap);
    fixture.componentRef.setInput('units', units);
    fixture.componentRef.setInput('queryParams', { annee: 2025 });
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('draws the thirteen regions and the five overseas insets, each unit a labelled link', async () => {
    const page = await render();
    expect(page.querySelectorAll('svg.metropolitan path.region').length).toBe(13);
    expect([...page.querySelectorAll('.inset-name')].map((e) => e.textContent)).toEqual(['Guadeloupe', 'Martinique', 'Guyane', 'La Réunion', 'Mayotte']);
    const markers = [...page.querySelectorAll<SVGAElement>('a.marker')];
    expect(markers.map((m) => m.getAttribute('aria-label'))).toEqual([
      'CRP Hauts-de-France (Hauts-de-France) — File active : 812 patients. Ouvrir son tableau de bord.',
      'CRP Martinique (Martinique) — File active : non disponible. Ouvrir son tableau de bord.',
    ]);
    expect(markers[0].getAttribute('href')).toBe('/tableaux-de-bord/centres/4?annee=2025');
    // Martinique’s marker sits in its inset.
    expect(markers[1].closest('.inset')!.textContent).toContain('Martinique');
    expect(page.querySelector('svg.metropolitan path.served')).not.toBeNull();
    expect(page.querySelector('.unplaced')!.textContent).toContain('CN2R');
    expect(page.querySelector('.credit')!.textContent).toContain('CC BY-NC 4.0');
  });

  it('opens a unit’s dashboard on a click (Enter on a focused SVG link clicks it too)', async () => {
    const page = await render();
    const navigate = spyOn(TestBed.inject(Router), 'navigateByUrl').and.resolveTo(true);
    const marker = page.querySelectorAll<SVGAElement>('a.marker')[1];
    marker.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(navigate).toHaveBeenCalledOnceWith('/tableaux-de-bord/centres/8?annee=2025');
  });

  it('says a figure without a validated value is not available', () => {
    expect(markerLabel({ ...units[2], keyFigures: [] })).toBe('CN2R (National). Ouvrir son tableau de bord.');
  });
});
