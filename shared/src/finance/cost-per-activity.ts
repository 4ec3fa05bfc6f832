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

/** Said under the board's and the general assembly's cost per activity when personnel lines are merged. */
export const COST_PER_ACTIVITY_STAFF_NOTE =
  'Protection des données personnelles : les lignes de personnel couvrant 1 ou 2 personnes sont regroupées sur une ligne « Personnel regroupé », non répartie ; les dépenses et coûts unitaires des destinations s’entendent hors de ce personnel regroupé.';

/**
 * The cost per activity as the board and the general assembly read it: the spending of personnel
 * lines merged for privacy (`mergedPersonnelCents`, lines of 1 or 2 people, already taken out of
 * each destination's spending) is one more row, left out, so that no destination's amount gives
 * back part of a small group and every euro is still counted once. Unchanged when nothing is merged.
 */
export function withMergedPersonnel(cost: CostPerActivity, mergedPersonnelCents: number, label: string): CostPerActivity {
  assertCents(mergedPersonnelCents, 'Dépense en centimes');
  if (mergedPersonnelCents === 0) return cost;
  return {
    ...cost,
    spentCents: cost.spentCents + mergedPersonnelCents,
    leftOutCents: cost.leftOutCents + mergedPersonnelCents,
    staffCostNote: COST_PER_ACTIVITY_STAFF_NOTE,
    byMissionArea: [
      ...cost.byMissionArea,
      { missionArea: 'personnel_regroupe', label, spentCents: mergedPersonnelCents, output: null, volume: null, centsPerUnit: null, leftOut: 'merged_personnel' },
    ],
  };
}
