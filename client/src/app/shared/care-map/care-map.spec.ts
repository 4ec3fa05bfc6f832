import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { provideTestApp } from '../../../testing/test-providers';
import { CareMap, type CareMapUnit, type MapPosition, markerLabel } from './care-map';
import { projectMetropolitan } from './care-offer-points';
import { WHOLE_MAP, nextZoom, viewAt } from './map-view';

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

  describe('zoom, clusters and picking a position', () => {
    // Two structures 300 m apart in Lyon, one in Villeurbanne (4 km), one in Toulouse.
    const places = [
      { id: 1, name: 'Structure A', region: 'Auvergne-Rhône-Alpes', latitude: 45.764, longitude: 4.8357 },
      { id: 2, name: 'Structure B', region: 'Auvergne-Rhône-Alpes', latitude: 45.7665, longitude: 4.8357 },
      { id: 3, name: 'Structure C', region: 'Auvergne-Rhône-Alpes', latitude: 45.7719, longitude: 4.8902 },
      { id: 4, name: 'Structure D', region: 'Occitanie', latitude: 43.6047, longitude: 1.4442 },
    ];

    async function renderMap(inputs: Record<string, unknown>) {
      TestBed.configureTestingModule({ providers: provideTestApp([{ path: '**', component: Blank }]) });
      const fixture = TestBed.createComponent(CareMap);
      fixture.componentRef.setInput('units', units);
      for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
      await fixture.whenStable();
      const page = fixture.nativeElement as HTMLElement;
      const button = (label: string) => page.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
      const groups = () => [...page.querySelectorAll('svg.metropolitan g.place')].map((g) => g.querySelector('text')?.textContent ?? '1');
      const svg = page.querySelector<SVGSVGElement>('svg.metropolitan')!;
      return { fixture, page, button, groups, svg };
    }

    it('splits the groups of structures as the map zooms in, and comes back to the whole of France', async () => {
      const { fixture, button, groups, svg } = await renderMap({ places });
      expect(groups().sort()).toEqual(['1', '3']);
      expect(svg.getAttribute('viewBox')).toBe('15 -1 598 586');
      expect(button('Zoom arrière').disabled).toBeTrue();
      for (let i = 0; i < 3; i++) {
        button('Zoom avant').click();
        await fixture.whenStable();
      }
      expect(button('Zoom avant').disabled).toBeTrue();
      // At × 8 (groups within about 4 km): Villeurbanne leaves the Lyon group, the two structures 300 m apart stay together.
      expect(groups().sort()).toEqual(['1', '1', '2']);
      expect(svg.getAttribute('viewBox')).not.toBe('15 -1 598 586');
      button('Toute la France').click();
      await fixture.whenStable();
      expect(svg.getAttribute('viewBox')).toBe('15 -1 598 586');
      expect(groups().sort()).toEqual(['1', '3']);
    });

    it('zooms with + and − and moves with the arrows from the keyboard', async () => {
      const { fixture, svg } = await renderMap({ places });
      const key = async (k: string) => {
        svg.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
        await fixture.whenStable();
      };
      await key('+');
      const zoomed = svg.getAttribute('viewBox')!;
      expect(zoomed.split(' ').slice(2)).toEqual(['299', '293']);
      await key('ArrowRight');
      expect(Number(svg.getAttribute('viewBox')!.split(' ')[0])).toBeGreaterThan(Number(zoomed.split(' ')[0]));
      await key('-');
      expect(svg.getAttribute('viewBox')).toBe('15 -1 598 586');
    });

    it('in pick mode, gives the position clicked (no unit links, no insets) and draws the pin', async () => {
      const { fixture, page, svg } = await renderMap({ places: [], pickable: true, pin: { latitude: 43.6047, longitude: 1.4442 } });
      expect(page.querySelectorAll('a.marker').length).toBe(0);
      expect(page.querySelector('.insets')).toBeNull();
      expect(page.querySelector('.pin')).not.toBeNull();
      const picked: MapPosition[] = [];
      fixture.componentInstance.picked.subscribe((p) => picked.push(p));
      const lille = projectMetropolitan(50.6292, 3.0573);
      const screen = new DOMPoint(lille.x, lille.y).matrixTransform(svg.getScreenCTM()!);
      const at = { clientX: screen.x, clientY: screen.y, bubbles: true, button: 0 };
      svg.dispatchEvent(new PointerEvent('pointerdown', at));
      svg.dispatchEvent(new PointerEvent('pointerup', at));
      expect(picked.length).toBe(1);
      expect(picked[0].latitude).toBeCloseTo(50.6292, 1);
      expect(picked[0].longitude).toBeCloseTo(3.0573, 1);
    });
  });
});

describe('map view', () => {
  it('never shows beyond the base map, and steps through the zoom levels', () => {
    expect(viewAt(1, { x: 0, y: 0 })).toEqual(WHOLE_MAP);
    const corner = viewAt(4, { x: -1000, y: -1000 });
    expect([corner.x, corner.y, corner.width]).toEqual([WHOLE_MAP.x, WHOLE_MAP.y, WHOLE_MAP.width / 4]);
    expect([nextZoom(1, -1), nextZoom(1, 1), nextZoom(8, 1)]).toEqual([1, 2, 8]);
  });
});
