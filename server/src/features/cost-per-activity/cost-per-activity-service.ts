import type { Knex } from 'knex';
import { costPerMissionArea, missionAreasSplittingGroups, withholdMissionAreaCosts, type BudgetExecution, type CostPerActivity, type MissionArea } from '@cn2r/shared';
import { NotFoundError } from '../../errors/http-errors.js';
import type { Clock } from '../../clock.js';
import type { BudgetExecutionService } from '../budget/index.js';
import type { StaffView } from '../budget/personnel-disclosure.js';
import { NetworkFigures } from '../reports/index.js';

/**
 * The cost per activity of a year, computed once for every view (the dashboard's
 * `/api/dashboards/cost-per-activity` and the financial summary's section): the CP paid on each
 * destination's lines (the budget execution, as of the year's end or today for the current year)
 * divided by that destination's unit of work, the CN2R's validated value of its own indicator
 * (`costPerMissionArea`). Null when the fiscal year does not exist. `board` (the board and the
 * general assembly's documents): a destination holding part of a personnel group merged for privacy
 * is withheld (`withholdMissionAreaCosts`).
 */
export class CostPerActivityService {
  constructor(
    private readonly db: Knex,
    private readonly budget: BudgetExecutionService,
    private readonly clock: Clock,
  ) {}

  async forYear(year: number, figures?: NetworkFigures, view: StaffView = 'detail'): Promise<CostPerActivity | null> {
    const today = this.clock.today();
    let execution: BudgetExecution;
    try {
      execution = await this.budget.execution(year, today < `${year}-12-31` ? today : `${year}-12-31`);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
    const paidByArea = new Map<MissionArea, number>();
    for (const line of execution.lines) paidByArea.set(line.missionArea, (paidByArea.get(line.missionArea) ?? 0) + line.paidCents);
    const network = figures ?? (await NetworkFigures.load(this.db, year, year));
    const cost = costPerMissionArea(year, paidByArea, (code) => network.value(code, year));
    if (view === 'detail') return cost;
    const plan = await this.budget.personnelDisclosure(year);
    return withholdMissionAreaCosts(cost, missionAreasSplittingGroups(plan.groups, new Map(execution.lines.map((l) => [l.lineId, l.missionArea]))));
  }
}
