import { toScaled, VALUE_SCALE } from '../collection/aggregation.js';
import { assertCents, centsFromBigInt, roundHalfAwayFromZero } from './money.js';
import { MissionArea, missionAreaLabels } from '../schemas/budget.js';
import { missionAreaCostUnits, type CostLeftOut, type CostPerActivity, type MissionAreaCost } from '../schemas/dashboard.js';

/**
 * Euros spent per activity: `spentCents ÷ count` (per patient followed, per consultation, per
 * professional trained), in integer cents rounded once, half away from zero — computed exactly in
 * BigInt, so 1 000,00 € for 3 patients is 333,33 € and 2,00 € for 8 is 0,25 €. The count is an
 * aggregate of indicator values (a number or a PostgreSQL numeric string, at most 4 decimals).
 * Null when the count is missing or 0 (nothing to divide by), or negative (not a count).
 */
export function costPerActivityCents(spentCents: number, count: number | string | null | undefined): number | null {
  assertCents(spentCents, 'Dépense en centimes');
  const scaled = toScaled(count ?? null);
  if (scaled === null || scaled <= 0n) return null;
  return centsFromBigInt(roundHalfAwayFromZero(BigInt(spentCents) * 10n ** BigInt(VALUE_SCALE), scaled), 'Coût par activité');
}

/** The destinations in the order of the budget's reference list. */
const MISSION_AREAS = MissionArea.options;

/**
 * The cost per activity of one year, the one definition every view uses (the dashboard and the
 * financial summary): the CP paid on the lines of each destination divided by that destination's
 * own unit of work (`missionAreaCostUnits`), never by another destination's outputs nor by the
 * centres' activity, which the CN2R does not fund. A destination's spending is **attributed**
 * when its unit of work has a validated volume greater than 0, else **left out** with its reason
 * (no measured output, no validated volume); each euro is in exactly one destination, so
 * `attributedCents + leftOutCents = spentCents` and no euro is counted twice.
 */
export function costPerMissionArea(
  year: number,
  paidByArea: ReadonlyMap<MissionArea, number>,
  volumeOf: (code: string) => number | null,
  units: Record<MissionArea, { readonly code: string; readonly label: string } | null> = missionAreaCostUnits,
): CostPerActivity {
  let spentCents = 0;
  let attributedCents = 0;
  const byMissionArea: MissionAreaCost[] = MISSION_AREAS.map((missionArea) => {
    const spent = paidByArea.get(missionArea) ?? 0;
    assertCents(spent, 'Dépense en centimes');
    spentCents += spent;
    const output = units[missionArea];
    const volume = output ? volumeOf(output.code) : null;
    const centsPerUnit = output ? costPerActivityCents(spent, volume) : null;
    const leftOut: CostLeftOut | null = output === null ? 'no_measured_output' : centsPerUnit === null ? 'no_validated_volume' : null;
    if (leftOut === null) attributedCents += spent;
    return { missionArea, label: missionAreaLabels[missionArea], spentCents: spent, output: output ? { code: output.code, label: output.label } : null, volume, centsPerUnit, leftOut };
  });
  return { year, spentCents, attributedCents, leftOutCents: spentCents - attributedCents, byMissionArea };
}

/** Said under a cost per activity whose destinations are withheld for the board and the general assembly. */
export const COST_PER_ACTIVITY_STAFF_NOTE =
  'Protection des données personnelles : la dépense d’une destination qui ne porte qu’une partie d’un groupe de personnels de moins de 3 personnes n’est pas présentée, ni, dès lors, les totaux répartis et non répartis (la différence la redonnerait).';

/**
 * The destinations whose spending would give back part of a personnel group merged for privacy:
 * those holding some, but not all, of a group's lines (a destination holding a whole group shows
 * no more than the group's own amount, which the board reads anyway).
 */
export function missionAreasSplittingGroups(
  groups: readonly { readonly lineIds: readonly number[] }[],
  missionAreaOfLine: ReadonlyMap<number, MissionArea>,
): Set<MissionArea> {
  const withheld = new Set<MissionArea>();
  for (const group of groups) {
    const areas = new Map<MissionArea, number>();
    for (const id of group.lineIds) {
      const area = missionAreaOfLine.get(id);
      if (area) areas.set(area, (areas.get(area) ?? 0) + 1);
    }
    if (areas.size > 1) for (const area of areas.keys()) withheld.add(area);
  }
  return withheld;
}

/**
 * The cost per activity as the board and the general assembly read it: the spending and the cost
 * per unit of each withheld destination are null (`spentMasked`), and so are the attributed and
 * left-out totals, since the total CP paid (public) minus the shown destinations would otherwise
 * give back a single withheld one. Unchanged when nothing is withheld.
 */
export function withholdMissionAreaCosts(cost: CostPerActivity, withheld: ReadonlySet<MissionArea>): CostPerActivity {
  if (!cost.byMissionArea.some((a) => withheld.has(a.missionArea) && a.spentCents !== 0)) return cost;
  return {
    ...cost,
    attributedCents: null,
    leftOutCents: null,
    staffCostNote: COST_PER_ACTIVITY_STAFF_NOTE,
    byMissionArea: cost.byMissionArea.map((a) =>
      withheld.has(a.missionArea) ? { ...a, spentCents: null, spentMasked: 'fewer_than_3_people' as const, centsPerUnit: null } : a,
    ),
  };
}
