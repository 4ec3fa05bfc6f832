import { costPerActivityCents, costPerMissionArea, withMergedPersonnel, COST_PER_ACTIVITY_STAFF_NOTE } from './cost-per-activity.js';
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

describe('the board’s and the general assembly’s cost per activity, with merged personnel', () => {
  // Personnel lines of 1 or 2 people (180 000,00 €) merged for privacy, taken out of their destinations.
  const cost = costPerMissionArea(
    2025,
    new Map<MissionArea, number>([
      ['formation', 1_000_000],
      ['recherche', 600_000],
      ['support', 250_000],
    ]),
    (code) => (code === 'CN2R_FOR_PERS' ? 40 : code === 'CN2R_RES_GRANT' ? 3 : null),
  );
  const merged = withMergedPersonnel(cost, 18_000_000, 'Personnel regroupé (plusieurs destinations)');

  it('adds the merged personnel as one left-out row: every euro still counted once', () => {
    const row = merged.byMissionArea.find((a) => a.missionArea === 'personnel_regroupe')!;
    expect(row).toEqual({ missionArea: 'personnel_regroupe', label: 'Personnel regroupé (plusieurs destinations)', spentCents: 18_000_000, output: null, volume: null, centsPerUnit: null, leftOut: 'merged_personnel' });
    expect(merged.spentCents).toBe(1_850_000 + 18_000_000);
    expect(merged.attributedCents).toBe(cost.attributedCents);
    expect(merged.leftOutCents).toBe(cost.leftOutCents + 18_000_000);
    expect(merged.attributedCents + merged.leftOutCents).toBe(merged.spentCents);
    expect(merged.byMissionArea.reduce((sum, a) => sum + a.spentCents, 0)).toBe(merged.spentCents);
    expect(merged.staffCostNote).toBe(COST_PER_ACTIVITY_STAFF_NOTE);
  });

  it('keeps each destination’s spending and unit cost without the merged personnel', () => {
    const training = merged.byMissionArea.find((a) => a.missionArea === 'formation')!;
    expect([training.spentCents, training.volume, training.centsPerUnit]).toEqual([1_000_000, 40, 25_000]);
  });

  it('changes nothing when nothing is merged', () => {
    expect(withMergedPersonnel(cost, 0, 'x')).toBe(cost);
  });
});
