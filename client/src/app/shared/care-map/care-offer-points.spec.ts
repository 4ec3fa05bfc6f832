import { layOutPlaces, projectMetropolitan } from './care-offer-points';

const place = (id: number, latitude: number, longitude: number, region: string) => ({ id, name: `Structure ${id}`, region, latitude, longitude });

describe('care-offer points on the shipped base map', () => {
  it('projects a city inside the metropolitan view box, west to east and north to south', () => {
    const brest = projectMetropolitan(48.39, -4.49);
    const strasbourg = projectMetropolitan(48.57, 7.75);
    const lille = projectMetropolitan(50.63, 3.06);
    const marseille = projectMetropolitan(43.3, 5.37);
    for (const p of [brest, strasbourg, lille, marseille]) {
      expect(p.x).toBeGreaterThan(15);
      expect(p.x).toBeLessThan(613);
      expect(p.y).toBeGreaterThan(-1);
      expect(p.y).toBeLessThan(585);
    }
    expect(brest.x).toBeLessThan(strasbourg.x);
    expect(lille.y).toBeLessThan(marseille.y);
  });

  it('clusters close structures into one point with their count; overseas ones go to their inset', () => {
    const layout = layOutPlaces([place(1, 45.764, 4.8357, 'Auvergne-Rhône-Alpes'), place(2, 45.765, 4.836, 'Auvergne-Rhône-Alpes'), place(3, 43.6047, 1.4442, 'Occitanie'), place(4, 14.6037, -61.0731, 'Martinique')]);
    expect(layout.metropolitan.map((c) => c.places.map((p) => p.id)).sort()).toEqual([[1, 2], [3]]);
    expect(layout.overseas['mq']!.map((c) => c.places.map((p) => p.id))).toEqual([[4]]);
  });
});
