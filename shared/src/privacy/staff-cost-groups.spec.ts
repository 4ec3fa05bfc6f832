import { seededRandom } from '../finance/seeded-random.js';
import { ENVELOPE_GROUP_KEY, planAcrossYears, planPersonnelDisclosure, type PersonnelLineInput } from './staff-cost-groups.js';

const line = (id: number, code: string, funderKey: string, missionArea: string, people: number[]): PersonnelLineInput => ({ id, code, funderKey, funderLabel: funderKey, missionArea, people });

describe('planPersonnelDisclosure', () => {
  it('merges the three single-person MIG lines into the MIG total, and the single funders’ small lines into the envelope', () => {
    // The demo's shape: three MIG posts of one person each; Justice and Intérieur two seconded
    // people each; Éducation and ressources propres one person each; DGS three people.
    const plan = planPersonnelDisclosure([
      line(1, 'MIG-PSYCHIATRE', 'MIG-H15', 'animation_reseau', [1]),
      line(2, 'MIG-PSYCHOLOGUE', 'MIG-H15', 'outils_bonnes_pratiques', [2]),
      line(3, 'MIG-AUXILIAIRE', 'MIG-H15', 'information', [3]),
      line(4, 'MAD-JUSTICE', 'MIN-JUSTICE', 'formation', [4, 5]),
      line(5, 'MAD-INTERIEUR', 'MIN-INTERIEUR', 'formation', [6, 7]),
      line(6, 'EDU-PERSONNEL', 'MIN-EDUCATION', 'formation', [8]),
      line(7, 'PROPRES-PERSONNEL', 'PROPRES', 'animation_reseau', [9]),
      line(8, 'DGS-PERSONNEL', 'MIN-SANTE-DGS', 'information', [10, 11, 12]),
      line(9, 'MAD-ARMEES', 'MIN-ARMEES', 'recherche', []),
    ]);
    expect(plan.groups.map((g) => [g.key, g.lineCodes, g.headcount, g.funderKey, g.missionArea, g.withheld])).toEqual([
      ['PERSONNEL-MIG-H15', ['MIG-AUXILIAIRE', 'MIG-PSYCHIATRE', 'MIG-PSYCHOLOGUE'], 3, 'MIG-H15', null, false],
      [ENVELOPE_GROUP_KEY, ['EDU-PERSONNEL', 'MAD-INTERIEUR', 'MAD-JUSTICE', 'PROPRES-PERSONNEL'], 6, null, null, false],
    ]);
    expect(plan.groupOf.has(8)).toBeFalse();
    expect(plan.groupOf.has(9)).toBeFalse();
    expect(plan.headcount.get(4)).toBe(2);
  });

  it('lets the smallest other line of the funder join a group that covers fewer than 3 people', () => {
    const plan = planPersonnelDisclosure([line(1, 'A-1', 'A', 'x', [1]), line(2, 'A-2', 'A', 'x', [2, 3, 4, 5]), line(3, 'A-3', 'A', 'x', [6, 7, 8])]);
    expect(plan.groups.map((g) => g.lineCodes)).toEqual([['A-1', 'A-3']]);
    expect(plan.groups[0].missionArea).toBe('x');
  });

  it('counts a person on two lines once', () => {
    const plan = planPersonnelDisclosure([line(1, 'A-1', 'A', 'x', [1, 2]), line(2, 'A-2', 'A', 'x', [1, 2])]);
    // Two people in all: even merged, withheld.
    expect(plan.groups.map((g) => [g.lineCodes, g.headcount, g.withheld])).toEqual([[['A-1', 'A-2'], 2, true]]);
  });

  it('property: every displayed item covers 0 or at least 3 people, and every line of 1 or 2 people is merged', () => {
    const random = seededRandom(11);
    for (let run = 0; run < 500; run++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 9) }, (_, i) =>
        line(i + 1, `L${i + 1}`, `F${Math.floor(random() * 4)}`, `M${Math.floor(random() * 3)}`, [...new Set(Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() * 12)))]),
      );
      const plan = planPersonnelDisclosure(lines);
      const context = JSON.stringify(lines);
      for (const l of lines) {
        const n = new Set(l.people).size;
        if (n > 0 && n < 3) expect(plan.groupOf.has(l.id)).withContext(context).toBeTrue();
        if (!plan.groupOf.has(l.id)) expect(n === 0 || n >= 3).withContext(context).toBeTrue();
      }
      for (const g of plan.groups) {
        expect(g.withheld || g.headcount >= 3).withContext(context).toBeTrue();
        expect(new Set(g.lineIds.flatMap((id) => lines.find((l) => l.id === id)!.people)).size).toBe(g.headcount);
        // A funder's group holds that funder's lines only.
        if (g.key !== ENVELOPE_GROUP_KEY) expect(g.funderKey).not.toBeNull();
        if (g.withheld) expect(plan.groups.length).withContext(context).toBe(1);
      }
      // Every line in at most one group.
      const all = plan.groups.flatMap((g) => g.lineIds);
      expect(new Set(all).size).toBe(all.length);
    }
  });
});

describe('planAcrossYears', () => {
  it('merges a line with the same lines in every year, so the difference of two years is not one line', () => {
    // 2024: X (1 person) and Y (2 people) of two funders merged; Z (3 people) shown.
    // 2025: Z drops to 1 person and joins X and Y: in 2024 too, Z is merged with them.
    const y2024 = [line(1, 'X', 'A', 'm', [1]), line(2, 'Y', 'B', 'm', [2, 3]), line(3, 'Z', 'C', 'm', [4, 5, 6])];
    const y2025 = [line(11, 'X', 'A', 'm', [1]), line(12, 'Y', 'B', 'm', [2, 3]), line(13, 'Z', 'C', 'm', [4])];
    const years = [
      { year: 2024, lines: y2024 },
      { year: 2025, lines: y2025 },
    ];
    expect(planPersonnelDisclosure(y2024).groups.map((g) => g.lineCodes)).toEqual([['X', 'Y']]);
    const p2024 = planAcrossYears(years, 2024);
    const p2025 = planAcrossYears(years, 2025);
    expect(p2024.groups.map((g) => [g.key, g.lineCodes, g.headcount])).toEqual([[ENVELOPE_GROUP_KEY, ['X', 'Y', 'Z'], 6]]);
    expect(p2025.groups.map((g) => [g.key, g.lineCodes, g.headcount])).toEqual([[ENVELOPE_GROUP_KEY, ['X', 'Y', 'Z'], 4]]);
  });

  it('property: in every year every displayed item covers 0 or at least 3 people, and the merged codes are the same in every year', () => {
    const random = seededRandom(7);
    for (let run = 0; run < 300; run++) {
      const codes = Array.from({ length: 1 + Math.floor(random() * 7) }, (_, i) => ({ code: `L${i}`, funder: `F${Math.floor(random() * 3)}` }));
      const years = [2023, 2024, 2025].map((year, y) => ({
        year,
        lines: codes.map((c, i) => line(y * 100 + i, c.code, c.funder, 'm', [...new Set(Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() * 10)))])),
      }));
      const plans = years.map((y) => planAcrossYears(years, y.year));
      const mergedCodes = plans.map((p) => p.groups.flatMap((g) => g.lineCodes).sort());
      const context = JSON.stringify(years);
      for (const m of mergedCodes) expect(m).withContext(context).toEqual(mergedCodes[0]);
      plans.forEach((p, y) => {
        for (const l of years[y].lines) {
          const n = new Set(l.people).size;
          if (!p.groupOf.has(l.id)) expect(n === 0 || n >= 3).withContext(context).toBeTrue();
        }
        for (const g of p.groups) expect(g.withheld || g.headcount >= 3 || g.headcount === 0).withContext(context).toBeTrue();
      });
    }
  });
});
