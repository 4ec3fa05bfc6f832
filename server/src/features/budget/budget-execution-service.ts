import {
  type BudgetComparison,
  type BudgetExecution,
  type LineForecast,
  type PutLineForecast,
  formatMessage,
} from '@cn2r/shared';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../auth/actor.js';
import { computeComparison } from './budget-comparison.js';
import { computeExecution } from './budget-execution.js';
import { mergePersonnelLines, type StaffView } from './personnel-disclosure.js';
import { BudgetServiceBase, readOnce, type BudgetReading } from './budget-service-base.js';

/**
 * The execution of a year (open, committed, paid, left, rates, alerts, year-end forecasts), the
 * manual year-end forecasts of the lines, and the comparison of several years.
 */
export class BudgetExecutionService extends BudgetServiceBase {
  // ---- Execution ----

  /**
   * The execution of a year. In the board's view, personnel lines of 1 or 2 people are merged
   * (into their funder's group, else the envelope's), every personnel line carries its head count,
   * and `staffCostNote` says so; finance and administrators read every line.
   */
  async execution(year: number, asOf: string = this.clock.today(), view: StaffView = 'detail', reading?: BudgetReading): Promise<BudgetExecution> {
    if (!(await readOnce(reading, `fiscalYear|${year}`, () => this.repo.findFiscalYear(this.db, year)))) throw this.yearNotFound(year);
    const [lines, totals, forecasts, envelopes, missionAreas, fundingSources, plan] = await Promise.all([
      readOnce(reading, `lines|${year}`, () => this.repo.listLines(this.db, year)),
      readOnce(reading, `totals|${year}`, () => this.repo.lineTotals(this.db, { year })),
      readOnce(reading, `forecasts|${year}`, () => this.repo.listForecasts(this.db, year)),
      readOnce(reading, 'envelopes', () => this.repo.listEnvelopes(this.db)),
      readOnce(reading, 'missionAreas', () => this.repo.listMissionAreas(this.db)),
      this.fundingSources(reading),
      this.personnelDisclosure(year, reading),
    ]);
    if (view === 'detail') {
      const execution = computeExecution({ year, asOf, lines, totals, forecasts, envelopes, missionAreas, fundingSources });
      return { ...execution, lines: execution.lines.map((l) => (l.envelope === 'personnel' ? { ...l, headcount: plan.headcount.get(l.lineId) ?? 0 } : l)) };
    }
    const merged = mergePersonnelLines({ lines, totals, forecasts, fundingSources, missionAreas }, plan);
    const execution = computeExecution({ year, asOf, envelopes, ...merged });
    return {
      ...execution,
      lines: execution.lines.map((l) => (l.envelope === 'personnel' ? { ...l, headcount: merged.merged.get(l.lineId)?.headcount ?? plan.headcount.get(l.lineId) ?? 0 } : l)),
      staffCostNote: merged.note,
    };
  }

  /**
   * The execution as of the year's end, or today for the current year (the reports, the cost per
   * activity); null when the fiscal year does not exist. `reading`: the reference data shared with
   * the other figures of one reading (a report's data).
   */
  async atYearEnd(year: number, view: StaffView = 'detail', reading?: BudgetReading): Promise<BudgetExecution | null> {
    const today = this.clock.today();
    try {
      return await this.execution(year, today < `${year}-12-31` ? today : `${year}-12-31`, view, reading);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  // ---- Manual year-end forecasts (atterrissage) ----

  /**
   * Sets the manual year-end forecast of a line's payments, with its comment: created without a
   * version, then changed with the version read (409 when someone changed it meanwhile). Audited;
   * refused in a closed year.
   */
  putForecast(actor: Actor, lineId: number, input: PutLineForecast): Promise<LineForecast> {
    return this.db.transaction(async (trx) => {
      const [line] = await this.repo.lockLines(trx, [lineId]);
      if (!line) throw new NotFoundError(formatMessage('budget.line_not_found'));
      await this.assertOpenYear(trx, line.year);
      const before = await this.repo.findForecast(trx, lineId);
      let after: LineForecast | undefined;
      if (!before) {
        if (input.version !== undefined) throw ConflictError.staleVersion('budget.forecast_stale');
        after = await this.repo.insertForecast(trx, lineId, input.amountCents, input.comment, actor.userId);
      } else {
        if (input.version === undefined) throw ValidationError.field('version', formatMessage('budget.forecast_version_required'));
        after = await this.repo.updateForecast(trx, lineId, input.version, input.amountCents, input.comment, actor.userId);
        if (!after) throw ConflictError.staleVersion('budget.forecast_stale');
      }
      await recordAudit(trx, actor, { action: 'budget_forecast.saved', entityType: 'budget_line', entityId: lineId, before: before ?? null, after, reason: input.comment });
      return after;
    });
  }

  /** Withdraws the manual forecast of a line (the projection is used again), with the version read. Audited. */
  withdrawForecast(actor: Actor, lineId: number, version: number): Promise<void> {
    return this.db.transaction(async (trx) => {
      const [line] = await this.repo.lockLines(trx, [lineId]);
      if (!line) throw new NotFoundError(formatMessage('budget.line_not_found'));
      await this.assertOpenYear(trx, line.year);
      const before = await this.repo.findForecast(trx, lineId);
      if (!before) throw new NotFoundError(formatMessage('budget.forecast_not_found'));
      if (!(await this.repo.deleteForecast(trx, lineId, version))) throw ConflictError.staleVersion('budget.forecast_stale');
      await recordAudit(trx, actor, { action: 'budget_forecast.withdrawn', entityType: 'budget_line', entityId: lineId, before, after: null });
    });
  }

  // ---- Multi-year comparison ----

  /** Open, committed, paid and rates of the fiscal years from `from` to `to`, each at its year end; 404 when none exists. */
  async comparison(from: number, to: number, view: StaffView = 'detail'): Promise<BudgetComparison> {
    const years = (await this.repo.listFiscalYears(this.db)).map((y) => y.year).filter((y) => y >= from && y <= to);
    if (years.length === 0) throw new NotFoundError(formatMessage('budget.no_fiscal_year_between', { from, to }));
    const [envelopes, missionAreas, fundingSources] = await Promise.all([this.repo.listEnvelopes(this.db), this.repo.listMissionAreas(this.db), this.repo.listFundingSources(this.db)]);
    const perYear = [];
    let merged = { fundingSources, missionAreas, note: null as string | null };
    for (const year of years) {
      const lines = await this.repo.listLines(this.db, year);
      const totals = await this.repo.lineTotals(this.db, { year });
      if (view === 'detail') {
        perYear.push({ year, lines, totals });
        continue;
      }
      // The board: each year's personnel lines of 1 or 2 people merged, as in that year's execution.
      const plan = await this.personnelDisclosure(year);
      const m = mergePersonnelLines({ lines, totals, fundingSources: merged.fundingSources, missionAreas: merged.missionAreas }, plan);
      merged = { fundingSources: m.fundingSources, missionAreas: m.missionAreas, note: merged.note ?? m.note };
      perYear.push({ year, lines: m.lines, totals: m.totals });
    }
    const comparison = computeComparison({ from, to, years: perYear, envelopes, missionAreas: merged.missionAreas, fundingSources: merged.fundingSources });
    return view === 'detail' ? comparison : { ...comparison, staffCostNote: merged.note };
  }
}
