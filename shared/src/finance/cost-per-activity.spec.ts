import { costPerActivityCents, costPerMissionArea, missionAreasSplittingGroups, withholdMissionAreaCosts, COST_PER_ACTIVITY_STAFF_NOTE } from './cost-per-activity.js';
import type { MissionArea } from '../schemas/budget.js';

describe('costPerActivityCents', () => {
  const cases: [name: string, spentCents: number, count: number | string | null | undefined, expected: number | null][] = [
    ['even division', 28_000_000, 700, 40_000],
    ['1 000,00 € for 3 patients is 333,33 €', 100_000, 3, 33_333],
    ['2 000,00 € for 3 is 666,67 € (rounded up)', 200_000, 3, 66_667],
    ['half a cent rounds away from zero: 2,00 € for 8 is 0,25 €', 200, 8, 25],
    ['half a cent rounds away from zero: 0,05 € for 2 is 0,03 €', 5, 2, 3],
    ['a negative spending (reversals) rounds away from zero too', -5, 2, -3],
    ['a PostgreSQL numeric count', 100_000, '4.0000', 25_000],
    ['a decimal count', 100_000, 2.5, 40_000],
    ['nothing spent', 0, 12, 0],
    ['a count of 0 gives null', 100_000, 0, null],
    ['a count of "0.0000" gives null', 100_000, '0.0000', null],
    ['no count gives null', 100_000, null, null],
    ['an undefined count gives null', 100_000, undefined, null],
    ['a negative count gives null', 100_000, -3, null],
    ['the MIG H15 on 880 patients', 28_000_000, 880, 31_818],
  ];
  for (const [name, spent, count, expected] of cases) {
    it(name, () => expect(costPerActivityCents(spent, count)).toBe(expected));
  }

  it('refuses a spending that is not whole cents', () => {
    expect(() => costPerActivityCents(10.5, 3)).toThrowError(RangeError);
  });
});

describe('costPerMissionArea', () => {
  const paid = new Map<MissionArea, number>([
    ['formation', 68_750_000],
    ['recherche', 8_391_918],
    ['animation_reseau', 16_540_000],
    ['support', 3_930_000],
  ]);
  const volumes: Record<string, number | null> = { CN2R_FOR_PERS: 909, CN2R_BOURSES: 11, CN2R_NET_MEET: null, FOR_PERS: 5_616, ACT_FA: 6_400 };
  const result = costPerMissionArea(2025, paid, (code) => volumes[code] ?? null);
  const area = (key: MissionArea) => result.byMissionArea.find((a) => a.missionArea === key)!;

  it('divides a destination’s spending by its own unit of work only: 687 500,00 € / 909 people trained by the CN2R = 756,33 €', () => {
    expect(area('formation')).toEqual({
      missionArea: 'formation',
      label: 'Formation',
      spentCents: 68_750_000,
      output: { code: 'CN2R_FOR_PERS', label: 'Personne formée par le CN2R' },
      volume: 909,
      centsPerUnit: 75_633,
      leftOut: null,
    });
    expect(area('recherche').centsPerUnit).toBe(762_902); // 83 919,18 € / 11 grants = 7 629,016…
  });

  it('never divides by the centres’ activity (patients, consultations, their trainees)', () => {
    const codes = result.byMissionArea.flatMap((a) => (a.output ? [a.output.code] : []));
    expect(codes.every((c) => c.startsWith('CN2R_'))).toBeTrue();
    expect(codes).not.toContain('FOR_PERS');
    expect(codes).not.toContain('ACT_FA');
  });

  it('states the spending left out with its reason, and counts every euro once', () => {
    expect(area('support')).toEqual(jasmine.objectContaining({ spentCents: 3_930_000, output: null, centsPerUnit: null, leftOut: 'no_measured_output' }));
    expect(area('animation_reseau')).toEqual(jasmine.objectContaining({ spentCents: 16_540_000, volume: null, centsPerUnit: null, leftOut: 'no_validated_volume' }));
    expect(area('information')).toEqual(jasmine.objectContaining({ spentCents: 0, leftOut: 'no_validated_volume' }));
    expect(result.spentCents).toBe(68_750_000 + 8_391_918 + 16_540_000 + 3_930_000);
    expect(result.attributedCents).toBe(68_750_000 + 8_391_918);
    expect(result.leftOutCents).toBe(16_540_000 + 3_930_000);
    expect(result.byMissionArea.reduce((s, a) => s + (a.spentCents ?? 0), 0)).toBe(result.spentCents);
  });

  it('a volume of 0 leaves the spending out rather than dividing by zero', () => {
    const zero = costPerMissionArea(2025, new Map<MissionArea, number>([['formation', 100]]), () => 0);
    expect(zero.byMissionArea.find((a) => a.missionArea === 'formation')!.leftOut).toBe('no_validated_volume');
    expect(zero.attributedCents).toBe(0);
  });
});

describe('withholding destinations for the board and the general assembly', () => {
  // Lines 1 (formation) and 2 (recherche) form one merged personnel group; line 3 is the support's own group.
  const areaOfLine = new Map<number, MissionArea>([
    [1, 'formation'],
    [2, 'recherche'],
    [3, 'support'],
    [4, 'support'],
  ]);

  it('withholds the destinations that hold part, not all, of a merged group', () => {
    expect([...missionAreasSplittingGroups([{ lineIds: [1, 2] }, { lineIds: [3, 4] }], areaOfLine)].sort()).toEqual(['formation', 'recherche']);
    expect(missionAreasSplittingGroups([{ lineIds: [3, 4] }], areaOfLine).size).toBe(0);
  });

  it('hides their spending and cost per unit, and the attributed and left-out totals that would give one back', () => {
    const cost = costPerMissionArea(
      2025,
      new Map<MissionArea, number>([
        ['formation', 1_000_000],
        ['recherche', 600_000],
        ['support', 250_000],
      ]),
      (code) => (code === 'CN2R_FOR_PERS' ? 40 : code === 'CN2R_RES_GRANT' ? 3 : null),
    );
    const masked = withholdMissionAreaCosts(cost, new Set<MissionArea>(['formation', 'recherche']));
    const area = (a: MissionArea) => masked.byMissionArea.find((x) => x.missionArea === a)!;
    expect(area('formation')).toEqual(jasmine.objectContaining({ spentCents: null, centsPerUnit: null, spentMasked: 'fewer_than_3_people' }));
    expect(area('recherche')).toEqual(jasmine.objectContaining({ spentCents: null, centsPerUnit: null, spentMasked: 'fewer_than_3_people' }));
    expect(area('support').spentCents).toBe(250_000);
    expect(masked.spentCents).toBe(1_850_000);
    expect(masked.attributedCents).toBeNull();
    expect(masked.leftOutCents).toBeNull();
    expect(masked.staffCostNote).toBe(COST_PER_ACTIVITY_STAFF_NOTE);
    // What the board can read gives back no single withheld destination: the total minus the shown ones is their sum.
    const shown = masked.byMissionArea.reduce((s, a) => s + (a.spentCents ?? 0), 0);
    expect(masked.spentCents - shown).toBe(1_600_000);
  });

  it('changes nothing when no destination is withheld', () => {
    const cost = costPerMissionArea(2025, new Map<MissionArea, number>([['support', 100]]), () => null);
    expect(withholdMissionAreaCosts(cost, new Set())).toBe(cost);
  });
});
