import type { Knex } from 'knex';
import { costPerMissionArea, withMergedPersonnel, type BudgetExecution, type CostPerActivity, type MissionArea } from '@cn2r/shared';
import type { BudgetExecutionService } from '../budget/index.js';
import { MERGED_MISSION_AREA, MERGED_MISSION_AREA_LABEL, type StaffView } from '../budget/personnel-disclosure.js';
import { NetworkFigures } from '../reports/index.js';

/**
 * The cost per activity of a year, computed once for every view (the dashboard's
 * `/api/dashboards/cost-per-activity` and the financial summary's section): the CP paid on each
 * destination's lines (the budget execution, as of the year's end or today for the current year)
 * divided by that destination's unit of work, the CN2R's validated value of its own indicator
 * (`costPerMissionArea`). Null when the fiscal year does not exist. `board` (the board and the
 * general assembly's documents): the budget execution's board view, whose personnel lines of 1 or 2
 * people are merged: their spending is one left-out row (`withMergedPersonnel`), each destination's
 * spending is the same as in the board's spending by destination.
 */
export class CostPerActivityService {
  constructor(
    private readonly db: Knex,
    private readonly budget: BudgetExecutionService,
  ) {}

  /** `read`: the year's execution in `view` as of its end or today (null: no such fiscal year), when the caller has it already. */
  async forYear(year: number, figures?: NetworkFigures, view: StaffView = 'detail', read?: Promise<BudgetExecution | null>): Promise<CostPerActivity | null> {
    const execution = await (read ?? this.budget.atYearEnd(year, view));
    if (!execution) return null;
    const paidByArea = new Map<MissionArea, number>();
    let mergedCents = 0;
    for (const line of execution.lines) {
      if (line.missionArea === MERGED_MISSION_AREA) mergedCents += line.paidCents;
      else paidByArea.set(line.missionArea, (paidByArea.get(line.missionArea) ?? 0) + line.paidCents);
    }
    const network = figures ?? (await NetworkFigures.load(this.db, year, year));
    return withMergedPersonnel(costPerMissionArea(year, paidByArea, (code) => network.value(code, year)), mergedCents, MERGED_MISSION_AREA_LABEL);
  }}
