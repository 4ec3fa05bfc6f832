import type { Knex } from 'knex';
import {
  ADMIN_OUTLIERS_SHOWN,
  KEY_INDICATOR_CODES,
  TREND_YEARS,
  achievementBp,
  changeBp,
  envelopeLabels,
  executionAlerts,
  executionRateBp,
  figureChange,
  lastCompleteYear,
  yearComparison,
  yearlyTrendSpan,
  type TrendSpan,
  type FigureMeasure,
  expectedResultLabels,
  missionAreaLabels,
  mulDivRound,
  networkFigureLabel,
  periodLabel,
  regionCodes,
  type AdminDashboard,
  type AdminDashboardQuery,
  type BoardDashboard,
  type BoardDashboardQuery,
  type BudgetExecution,
  type CostPerActivity,
  type CostPerActivityQuery,
  type DashboardIndicatorRef,
  type ExecutionRow,
  type ExpectedResult,
  type FinanceAlert,
  type FinanceDashboard,
  type FinanceDashboardQuery,
  type KeyFigure,
  type MapDashboard,
  type MapDashboardQuery,
  type UnitLeadDashboard,
  type UnitLeadDashboardQuery,
  type UnitLeadPeriodStatus,
  type UnitWarning,
  ENVELOPE_GROUP_KEY,
  formatMessage,
} from '@cn2r/shared';
import { NotFoundError } from '../../errors/http-errors.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../../clock.js';
import type { BudgetExecutionService } from '../budget/index.js';
import { MERGED_FUNDING_SOURCE_ID, MERGED_MISSION_AREA, MERGED_MISSION_AREA_LABEL, staffView } from '../budget/personnel-disclosure.js';
import type { CompletenessService } from '../completeness/index.js';
import type { CostPerActivityService } from '../cost-per-activity/index.js';
import type { DataEntryService } from '../data-entry/index.js';
import type { StaffService } from '../staff/index.js';
import { UnitRepository } from '../units/unit-repository.js';
import { NetworkFigures } from '../reports/index.js';
import { DashboardRepository, indicatorCodeOf, optionCode, type SplitOption } from './dashboard-repository.js';
import type { DataCounter } from '../../db/data-versions.js';
import type { DashboardCache, DashboardReads, ServedDashboard } from './dashboard-cache.js';

/** The dashboards served through the cache, by their route's name. */
export type ServedKind = 'unit-lead' | 'admin' | 'finance' | 'board' | 'map' | 'cost-per-activity';
type ServedQuery = UnitLeadDashboardQuery | AdminDashboardQuery | FinanceDashboardQuery | BoardDashboardQuery | MapDashboardQuery | CostPerActivityQuery;

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const EXPECTED_RESULTS: readonly ExpectedResult[] = ['mapping', 'network', 'good_practice', 'training'];
const RECENT_CHANGES = 20;

interface Sums {
  openAeCents: number;
  openCpCents: number;
  committedCents: number;
  paidCents: number;
  forecasts: (number | null)[];
}

/**
 * The dashboards: every figure computed from the current data (PostgreSQL aggregates in
 * DashboardRepository, the budget execution of BudgetExecutionService, the completeness board of
 * CompletenessService, the staff summary of StaffService) — no snapshot, no nightly rebuild.
 * `unitLead`, `admin`… compute a dashboard; `served` answers it as JSON from the DashboardCache,
 * computed once per version of the data it reads (a write committed shows on the next request,
 * whichever instance of the app serves it).
 */
export class DashboardService {
  private readonly repo = new DashboardRepository();
  private readonly units = new UnitRepository();

  constructor(
    private readonly db: Knex,
    private readonly forms: DataEntryService,
    private readonly budget: BudgetExecutionService,
    private readonly staff: StaffService,
    private readonly completeness: CompletenessService,
    private readonly costs: CostPerActivityService,
    private readonly outlierThresholdPercent: number,
    private readonly clock: Clock,
    private readonly cache: DashboardCache,
  ) {}

  // ---- Served (cached) ----

  /**
   * A dashboard as JSON with its entity tag, from the cache when the data it reads has not changed
   * since it was computed. The key holds everything the result depends on besides that data: the
   * dashboard, the caller's role and units (a unit lead's scope; staff detail and masking follow the
   * role), the parameters and the day (late forms, trend years). `check` runs on each computation
   * (the route's schema, outside production); `counters`, the data versions read for the request.
   */
  served(dashboard: ServedKind, actor: Actor, query: ServedQuery, check?: (value: unknown) => void, counters?: readonly DataCounter[]): Promise<ServedDashboard> {
    const today = this.clock.today();
    const scope = dashboard === 'map' ? '' : `${actor.role}:${actor.role === 'unit_lead' ? [...actor.unitIds].sort((a, b) => a - b).join(',') : ''}`;
    const key = `${dashboard}|${scope}|${today}|${JSON.stringify(query)}`;
    return this.cache.serve(key, this.readsOf(dashboard, query, today), () => this.compute(dashboard, actor, query), check, counters);
  }

  private compute(dashboard: ServedKind, actor: Actor, query: ServedQuery): Promise<unknown> {
    switch (dashboard) {
      case 'unit-lead':
        return this.unitLead(actor, query as UnitLeadDashboardQuery);
      case 'admin':
        return this.admin(actor, query as AdminDashboardQuery);
      case 'finance':
        return this.finance(actor, query as FinanceDashboardQuery);
      case 'board':
        return this.board(actor, query as BoardDashboardQuery);
      case 'map':
        return this.map(query as MapDashboardQuery);
      case 'cost-per-activity':
        return this.costPerActivity(query as CostPerActivityQuery, actor);
    }
  }

  /**
   * The data a dashboard reads: the catalogue always; the values (but for finance) of its trend years through the
   * year asked (the year before too: outliers, the board's comparison); the budget and staff for
   * the finance, board and cost-per-activity dashboards.
   */
  private readsOf(dashboard: ServedKind, query: ServedQuery, today: string): DashboardReads {
    const year = query.year ?? lastCompleteYear(today);
    const from = Math.min(year - 1, this.trendSpan(year).years[0]);
    switch (dashboard) {
      case 'finance':
        return { valueYears: null, budget: true };
      case 'map':
        return { valueYears: [year, year], budget: false };
      case 'unit-lead':
      case 'admin':
        return { valueYears: [from, year], budget: false };
      case 'board':
        // Its annual reports list the newest years up to this one that have a campaign, however old.
        return { valueYears: [0, year], budget: true };
      case 'cost-per-activity':
        return { valueYears: [from, year], budget: true };
    }
  }

  // ---- Unit lead ----

  async unitLead(actor: Actor, query: UnitLeadDashboardQuery): Promise<UnitLeadDashboard> {
    const { year, unitId } = query;
    const unit = await this.units.findById(this.db, unitId);
    if (!unit) throw new NotFoundError(formatMessage('units.not_found'));
    const today = this.clock.today();
    const [campaign, submissions] = await Promise.all([this.repo.campaign(this.db, year), this.repo.unitSubmissions(this.db, unitId, year)]);
    const byPeriod = new Map(submissions.map((s) => [s.period, s]));

    let periods: UnitLeadPeriodStatus[] = [];
    if (campaign) {
      const board = await this.completeness.forYear(actor, year);
      periods = board.periods.map((p) => {
        const cell = board.cells.find((c) => c.unitId === unitId && c.period === p.period);
        const opensOn = campaign.periods.find((cp) => cp.period === p.period)!.opensOn;
        const submission = byPeriod.get(p.period);
        const status = cell?.status ?? 'not_started';
        // The board lists every unit open during the year; one missing from it was not open, so owes nothing.
        const expected = cell?.expected ?? false;
        const dueOn = expected ? (cell?.dueOn ?? p.dueOn) : null;
        const done = status === 'submitted' || status === 'validated';
        return {
          period: p.period,
          label: p.label,
          opensOn,
          dueOn,
          expected,
          status,
          late: cell?.late ?? false,
          daysLeft: expected && !done && dueOn ? daysBetween(today, dueOn) : null,
          filledPercent: cell?.filledPercent ?? null,
          submittedAt: submission?.submittedAt ?? null,
          validatedAt: submission?.validatedAt ?? null,
          returnedAt: submission?.returnedAt ?? null,
          returnMessage: cell?.returnMessage ?? null,
          changedSinceValidation: submission?.changedSinceValidation ?? false,
        };
      });
    }

    const refs = await this.keyIndicatorRefs(year, unit.kind, query.domain);
    const trend = this.trendSpan(year);
    const series = await this.repo.unitVsMedian(this.db, unitId, { codes: refs.map((r) => r.code), fromYear: trend.years[0], toYear: trend.years.at(-1)! });
    const keyIndicators = refs.map((ref) => ({
      ...ref,
      points: trend.years.map((y) => {
        const row = series.find((r) => r.code === ref.code && r.year === y);
        return { year: y, value: row?.value ?? null, validated: row?.value != null && row.validated, networkMedian: row?.networkMedian ?? null, networkUnits: row?.networkUnits ?? 0 };
      }),
    }));

    const warnings: UnitWarning[] = [];
    // Consistency warnings of the forms still open to the unit (a validated form was explained at submission).
    for (const s of submissions.filter((s) => s.status === 'draft' || s.status === 'returned' || s.status === 'submitted').sort((a, b) => a.period.localeCompare(b.period))) {
      const form = await this.forms.get(actor, unitId, s.period);
      for (const r of form.ruleResults.filter((r) => r.severity === 'warning')) {
        warnings.push({ kind: 'rule', period: s.period, periodLabel: periodLabel(s.period), code: r.code, optionCode: null, message: r.message, explanation: r.explanation, toExplain: !r.explanation });
      }
    }
    const { rows: outliers } = await this.repo.outliers(this.db, year, this.outlierThresholdPercent, { unitIds: [unitId], domain: query.domain });
    for (const o of outliers) {
      const change = figureChange(o.value, o.lastYearValue, measureOf(o.valueType));
      warnings.push({
        kind: 'outlier',
        period: o.period,
        periodLabel: periodLabel(o.period),
        code: o.indicatorCode,
        optionCode: o.optionCode,
        message: formatMessage('dashboards.outlier', { indicator: o.indicatorLabel, option: o.optionLabel, change, percent: this.outlierThresholdPercent }),
        explanation: o.explanation,
        toExplain: !o.explanation,
      });
    }

    return {
      year,
      unit: { id: unit.id, code: unit.code, name: unit.name, region: unit.region, kind: unit.kind },
      campaign: campaign ? { id: campaign.id, label: campaign.label, status: campaign.status } : null,
      periods,
      trend,
      keyIndicators,
      warnings,
    };
  }

  // ---- Admin ----

  async admin(actor: Actor, query: AdminDashboardQuery): Promise<AdminDashboard> {
    const { year } = query;
    const campaign = await this.repo.campaign(this.db, year);
    const board = campaign ? await this.completeness.forYear(actor, year) : null;
    const unitWanted = (id: number) => !query.unitIds || query.unitIds.includes(id);
    const periodWanted = (p: string) => !query.period || p === query.period;
    const cells = (board?.cells ?? []).filter((c) => unitWanted(c.unitId) && periodWanted(c.period));
    const expectedCells = cells.filter((c) => c.expected);
    const count = (status: string) => expectedCells.filter((c) => c.status === status).length;
    const today = this.clock.today();
    const units = (board?.units ?? []).filter((u) => unitWanted(u.id));
    const lateUnits = units.flatMap((u) => {
      const late = cells.filter((c) => c.unitId === u.id && c.late);
      if (late.length === 0) return [];
      const earliest = late.map((c) => c.dueOn!).sort()[0];
      return [{ id: u.id, code: u.code, name: u.name, periods: late.map((c) => c.period), daysLate: daysBetween(earliest, today) }];
    });

    const keyRefs = await this.keyIndicatorRefs(year, null, query.domain);
    const trend = this.trendSpan(year);
    const resultRefs = await this.repo.indicatorRefs(this.db, year, { expectedResultOnly: true, domain: query.domain });
    const [network, resultValues, targets, outliers, recentChanges] = await Promise.all([
      this.repo.networkByYear(this.db, { codes: keyRefs.map((r) => r.code), fromYear: trend.years[0], toYear: trend.years.at(-1)!, unitIds: query.unitIds, validatedOnly: false }),
      this.repo.networkByYear(this.db, { codes: resultRefs.map((r) => r.code), fromYear: year, toYear: year, validatedOnly: true }),
      this.repo.targets(this.db, year, resultRefs.map((r) => r.code)),
      this.repo.outliers(this.db, year, this.outlierThresholdPercent, { unitIds: query.unitIds, period: query.period, domain: query.domain, limit: ADMIN_OUTLIERS_SHOWN }),
      this.repo.changesAfterValidation(this.db, year, RECENT_CHANGES, query.unitIds),
    ]);

    return {
      year,
      periods: (board?.periods ?? []).filter((p) => periodWanted(p.period)),
      units: units.map((u) => ({ id: u.id, code: u.code, name: u.name })),
      completeness: {
        cells: cells.map((c) => ({ unitId: c.unitId, period: c.period, expected: c.expected, status: c.status, late: c.late, filledPercent: c.filledPercent, changedSinceValidation: c.changedSinceValidation })),
        expected: expectedCells.length,
        validated: count('validated'),
        submitted: count('submitted'),
        returned: count('returned'),
        draft: count('draft'),
        notStarted: count('not_started'),
        late: expectedCells.filter((c) => c.late).length,
      },
      lateUnits,
      outlierThresholdPercent: this.outlierThresholdPercent,
      outliers: outliers.rows.map(({ valueType, ...o }) => ({
        ...o,
        changeBp: measureOf(valueType) === 'quantity' ? changeBp(o.value, o.lastYearValue) : null,
        change: figureChange(o.value, o.lastYearValue, measureOf(valueType)),
      })),
      outliersTotal: outliers.total,
      trend,
      networkTotals: keyRefs.map((ref) => ({
        ...ref,
        points: trend.years.map((y) => {
          const row = network.find((r) => r.code === ref.code && r.year === y);
          return { year: y, value: row?.value ?? null, validatedValue: row?.validatedValue ?? null, units: row?.units ?? 0, validatedUnits: row?.validatedUnits ?? 0 };
        }),
      })),
      expectedResults: EXPECTED_RESULTS.map((expectedResult) => ({
        expectedResult,
        label: expectedResultLabels[expectedResult],
        indicators: resultRefs
          .filter((r) => r.expectedResult === expectedResult)
          .map((ref) => {
            const actual = resultValues.find((r) => r.code === ref.code)?.validatedValue ?? null;
            const target = targets.get(ref.code) ?? null;
            const label = networkFigureLabel(ref.label, resultRefs.some((c) => c.networkCounterpartCode === ref.code));
            return { ...ref, label, target, actual, achievementBp: achievementBp(actual, target) };
          }),
      })),
      recentChanges,
    };
  }

  // ---- Finance ----

  async finance(actor: Actor, query: FinanceDashboardQuery): Promise<FinanceDashboard> {
    const { year } = query;
    // The board reads personnel lines of 1 or 2 people merged (groups of at least 3 people), as in GET /budget/:year/execution.
    const execution = await this.budget.execution(year, query.asOf ?? this.clock.today(), staffView(actor));
    const fundingSources = await this.repo.fundingSources(this.db);
    if (execution.lines.some((l) => l.fundingSourceId === MERGED_FUNDING_SOURCE_ID)) {
      fundingSources.push({ id: MERGED_FUNDING_SOURCE_ID, code: ENVELOPE_GROUP_KEY, label: 'Personnel de plusieurs financeurs (groupes de moins de 3 personnes regroupés)' } as (typeof fundingSources)[number]);
    }
    const lines = execution.lines.filter((l) => query.fundingSourceId === undefined || l.fundingSourceId === query.fundingSourceId);
    const rows = groupExecution(execution, lines, fundingSources);
    const alerts: FinanceAlert[] = [
      ...this.alertsOf('total', [rows.total], year, execution.asOf),
      ...this.alertsOf('envelope', rows.byEnvelope, year, execution.asOf),
      ...this.alertsOf('funding_source', rows.byFundingSource, year, execution.asOf),
      ...this.alertsOf('line', rows.lines, year, execution.asOf),
    ];
    const [summary, fteByFunder] = await Promise.all([this.staff.summary(actor, year), this.repo.fteByFunderPerMonth(this.db, year, query.fundingSourceId)]);
    return {
      year,
      asOf: execution.asOf,
      theoreticalRateBp: execution.theoreticalRateBp,
      fundingSourceId: query.fundingSourceId ?? null,
      fundingSources,
      total: rows.total,
      byEnvelope: rows.byEnvelope,
      byFundingSource: rows.byFundingSource,
      byMissionArea: rows.byMissionArea,
      lines: rows.lines,
      alerts,
      migPosts: summary.migPosts.map((p) => ({ post: p.post, label: p.label, fundedEtp: p.fundedEtp, actualEtpt: p.etpt, vacancyDays: p.vacancies.reduce((sum, v) => sum + v.days, 0) })),
      fteByFunder,
      staffCostNote: execution.staffCostNote ?? null,
    };
  }

  private alertsOf(scope: FinanceAlert['scope'], rows: readonly ExecutionRow[], year: number, asOf: string): FinanceAlert[] {
    return rows.flatMap((r) =>
      executionAlerts({ open: { ae: r.openAeCents, cp: r.openCpCents }, committed: r.committedCents, paid: r.paidCents, asOf, year }).map((a) => ({
        scope,
        key: r.key,
        label: r.label,
        level: a.level,
        code: a.code,
        measure: a.measure,
        message: a.message,
      })),
    );
  }

  // ---- Board ----

  /**
   * The board: key figures of a year against the year before, on the same periods — the whole
   * years once the year has ended, else the quarters ended so far against the same quarters of the
   * year before (`yearComparison`), budget execution at the same date of both years; a year left
   * out is the last complete year. A change of a count or an amount is in percent, of a rate in
   * points (`figureChange`).
   */
  async board(actor: Actor, query: BoardDashboardQuery): Promise<BoardDashboard> {
    const today = this.clock.today();
    const year = query.year ?? lastCompleteYear(today);
    const previousYear = year - 1;
    const comparison = yearComparison(year, today);
    const refs = await this.keyIndicatorRefs(year, 'crp');
    // The CN2R's own figure of the same activity (catalogue: networkCounterpartCode), shown after the network's, never added to it.
    const beside = await this.repo.indicatorRefs(this.db, year, { counterpartsOf: refs.map((r) => r.code) });
    const codes = [...refs, ...beside].map((r) => r.code);
    const trend = this.trendSpan(year);
    const network = await this.repo.networkByYear(this.db, { codes: refs.map((r) => r.code), fromYear: trend.years[0], toYear: trend.years.at(-1)!, validatedOnly: true });
    let value: (code: string, y: number) => number | null;
    if (comparison.complete) {
      // Whole years: the key figures from the one definition the annual report uses too (NetworkFigures).
      const figures = await NetworkFigures.load(this.db, year, previousYear);
      value = (code, y) => figures.value(indicatorCodeOf(code), y, code.match(/\[([^\]]+)\]$/)?.[1] ?? null);
    } else {
      // Year to date: the same quarters on both sides, unit by unit (a quarter counts only when validated in both years);
      // a yearly indicator has no value before the year ends.
      const compared = await this.repo.networkByYear(this.db, {
        codes,
        fromYear: previousYear,
        toYear: year,
        validatedOnly: true,
        periods: [...comparison.periods, ...comparison.previousPeriods],
        matchedYears: true,
      });
      value = (code, y) => compared.find((r) => r.code === code && r.year === y)?.validatedValue ?? null;
    }
    // A past year is read at its end; a year under way today, and the year before at the same date.
    const asOf = comparison.complete ? `${year}-12-31` : today;
    const previousAsOf = comparison.complete ? `${previousYear}-12-31` : sameDayOfYear(today, previousYear);
    const [execution, previousExecution] = await Promise.all([this.executionOrNull(year, asOf), this.executionOrNull(previousYear, previousAsOf)]);
    const [staff, previousStaff] = await Promise.all([this.staffEtpBp(actor, year), comparison.complete ? this.staffEtpBp(actor, previousYear) : Promise.resolve(null)]);

    const figure = (f: Omit<KeyFigure, 'changeBp' | 'change'>, measure: FigureMeasure = 'quantity'): KeyFigure => ({
      ...f,
      changeBp: measure === 'quantity' ? changeBp(f.value, f.previousValue) : null,
      change: figureChange(f.value, f.previousValue, measure),
    });
    const keyFigures: KeyFigure[] = [
      ...refs.flatMap((r) => {
        const cn2r = beside.filter((b) => b.networkCounterpartCode === r.code);
        const label = networkFigureLabel(r.label, cn2r.length > 0);
        return [r, ...cn2r].map((x) =>
          figure(
            { key: x.code, label: x === r ? label : x.label, kind: 'indicator', unitOfMeasure: x.unitOfMeasure, value: value(x.code, year), previousValue: value(x.code, previousYear) },
            measureOf(x.valueType),
          ),
        );
      }),
      figure({ key: 'paid_cp', label: 'Crédits de paiement consommés', kind: 'cents', unitOfMeasure: '€', value: execution?.total.paidCents ?? null, previousValue: previousExecution?.total.paidCents ?? null }),
      figure({ key: 'open_cp', label: 'Crédits de paiement ouverts', kind: 'cents', unitOfMeasure: '€', value: execution?.total.openCpCents ?? null, previousValue: previousExecution?.total.openCpCents ?? null }),
      // ETPT are a yearly measure: compared only between two complete years.
      figure({ key: 'etpt', label: 'Personnels (ETPT)', kind: 'etp_bp', unitOfMeasure: 'ETPT', value: staff, previousValue: previousStaff }),
    ];
    const fundingSources = execution ? await this.repo.fundingSources(this.db) : [];
    const rows = execution ? groupExecution(execution, execution.lines, fundingSources) : null;
    return {
      year,
      previousYear,
      comparison: { ...comparison, periods: [...comparison.periods], previousPeriods: [...comparison.previousPeriods] },
      keyFigures,
      trend,
      activityTrends: refs.map((ref) => ({
        ...ref,
        points: trend.years.map((y) => {
          const row = network.find((r) => r.code === ref.code && r.year === y);
          return { year: y, value: row?.validatedValue ?? null, units: row?.validatedUnits ?? 0 };
        }),
      })),
      budget: execution && rows ? { asOf: execution.asOf, theoreticalRateBp: execution.theoreticalRateBp, total: rows.total, byEnvelope: rows.byEnvelope } : null,
      annualReports: await this.annualReports(year),
    };
  }

  /** The execution of a year read at `asOf` (capped at the year's end); null when the fiscal year does not exist. */
  private async executionOrNull(year: number, asOf: string): Promise<BudgetExecution | null> {
    if (!(await this.repo.fiscalYearExists(this.db, year))) return null;
    return this.budget.execution(year, asOf > `${year}-12-31` ? `${year}-12-31` : asOf);
  }

  private async staffEtpBp(actor: Actor, year: number): Promise<number | null> {
    const summary = await this.staff.summary(actor, year);
    if (summary.headcount === 0) return null;
    return mulDivRound(10_000, summary.totalEtpt.num, summary.totalEtpt.den);
  }

  /**
   * The reports of the completed years up to `year` that have a campaign or a fiscal year, newest
   * first (three years), each linked to the reports page of its year (drafts, official versions).
   */
  private async annualReports(year: number) {
    const lastCompleted = Math.min(year, Number(this.clock.today().slice(0, 4)) - 1);
    const years = await this.repo.yearsWithData(this.db, lastCompleted, 3);
    return years.flatMap((y) => {
      return [
        { year: y, kind: 'activity' as const, title: `Rapport d’activité ${y}`, url: `/rapports?annee=${y}` },
        { year: y, kind: 'financial' as const, title: `Bilan financier ${y}`, url: `/rapports?annee=${y}` },
      ];
    });
  }

  // ---- Map ----

  async map(query: MapDashboardQuery): Promise<MapDashboard> {
    const { year } = query;
    const units = await this.units.list(this.db);
    const refs = await this.perOption(year, await this.repo.indicatorRefs(this.db, year, { codes: KEY_INDICATOR_CODES }));
    const values = await this.repo.unitYears(this.db, { codes: refs.map((r) => r.code), fromYear: year, toYear: year, validatedOnly: true });
    return {
      year,
      units: units.map((u) => ({
        id: u.id,
        code: u.code,
        name: u.name,
        kind: u.kind,
        region: u.region,
        regionCode: regionCodes[u.region] ?? null,
        hostInstitution: u.hostInstitution,
        openedOn: u.openedOn,
        closedOn: u.closedOn,
        openInYear: u.openedOn <= `${year}-12-31` && (u.closedOn === null || u.closedOn >= `${year}-01-01`),
        keyFigures: refs
          .filter((r) => r.unitKind === u.kind)
          .map((r) => ({ code: r.code, label: r.label, unitOfMeasure: r.unitOfMeasure, value: values.find((v) => v.unitId === u.id && v.code === r.code)?.validatedValue ?? null })),
      })),
    };
  }

  // ---- Cost per activity ----

  /** Each destination's spending divided by its own unit of work (CostPerActivityService, the financial summary's too). */
  async costPerActivity(query: CostPerActivityQuery, actor: Actor): Promise<CostPerActivity> {
    const cost = await this.costs.forYear(query.year, undefined, staffView(actor));
    if (!cost) throw new NotFoundError(formatMessage('budget.fiscal_year_not_found', { year: query.year }));
    return cost;
  }

  // ---- helpers ----

  /**
   * The years of a five-year trend asked for `year`, by the injected clock: complete years only —
   * a year under way (three quarters) is left out and named, never drawn next to whole years.
   */
  private trendSpan(year: number): TrendSpan {
    const span = yearlyTrendSpan(year, this.clock.today(), TREND_YEARS);
    return { years: [...span.years], yearUnderWay: span.yearUnderWay && { ...span.yearUnderWay } };
  }

  /**
   * The key indicators in force at the end of the year, for a unit kind (all kinds when null) and
   * a domain; a disaggregated one whose options do not add up, per option (`perOption`).
   */
  private async keyIndicatorRefs(year: number, kind: 'crp' | 'cn2r' | null, domain?: DashboardIndicatorRef['domain']): Promise<DashboardIndicatorRef[]> {
    const refs = await this.repo.indicatorRefs(this.db, year, { codes: KEY_INDICATOR_CODES, domain });
    const ofKind = refs.filter((r) => kind === null || r.unitKind === kind);
    if (ofKind.length > 0 || kind === null) return this.perOption(year, sortByKeyOrder(ofKind));
    // A unit of another kind (CN2R itself) reports other indicators: its expected-result ones.
    return this.perOption(year, (await this.repo.indicatorRefs(this.db, year, { expectedResultOnly: true, domain })).filter((r) => r.unitKind === kind));
  }

  /**
   * A disaggregated indicator whose options do not add up (the median delay, adult / minor) has no
   * total: it is shown per option, as the aggregates give it — `ACT_WAIT_D[adulte]`, « Délai
   * médian — Adultes », with the indicator's unit and aggregations —, as in the annual report.
   * Other indicators stay as they are.
   */
  /*
   * Small cells: the dashboards show per option only the options that do not add up (a median
   * delay, adult / minor), never counts of a sensitive disaggregation (event types): those are read
   * as totals here, and per option only masked (`SensitiveCountMask`, the annual documents).
   */
  private async perOption(year: number, refs: DashboardIndicatorRef[]): Promise<DashboardIndicatorRef[]> {
    const splits = await this.repo.splitOptions(this.db, year, refs.map((r) => r.code));
    return refs.flatMap((ref) => expandPerOption(ref, splits.get(ref.code)));
  }
}

/** One ref per option of an indicator split by options that do not add up; the ref itself otherwise. */
function expandPerOption(ref: DashboardIndicatorRef, options: readonly SplitOption[] | undefined): DashboardIndicatorRef[] {
  if (!options || options.length === 0) return [ref];
  return options.map((o) => ({ ...ref, code: optionCode(ref.code, o.code), label: `${ref.label} — ${o.label}` }));
}

function sortByKeyOrder(refs: DashboardIndicatorRef[]): DashboardIndicatorRef[] {
  const order = (code: string) => (KEY_INDICATOR_CODES as readonly string[]).indexOf(code);
  return [...refs].sort((a, b) => order(a.code) - order(b.code));
}


/** The same day in another year (29 February → 28 February). */
function sameDayOfYear(day: string, year: number): string {
  const monthDay = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${year}-${monthDay}`;
}

/** What an indicator value measures: a percentage is a rate (its change in points), anything else a quantity. */
function measureOf(valueType: string): FigureMeasure {
  return valueType === 'percentage' ? 'rate_percent' : 'quantity';
}

/**
 * Execution rows from the lines of a year's execution (all of them, or those of one funding
 * source): sums of cents, rates from the sums, the year-end landing as the sum of the lines'
 * landings, the theoretical line as open CP × theoretical rate rounded once.
 */
function groupExecution(execution: BudgetExecution, lines: BudgetExecution['lines'], fundingSources: readonly { id: number; code: string; label: string }[]) {
  const zero = (): Sums => ({ openAeCents: 0, openCpCents: 0, committedCents: 0, paidCents: 0, forecasts: [] });
  const add = (s: Sums, l: BudgetExecution['lines'][number]) => {
    s.openAeCents += l.openAeCents;
    s.openCpCents += l.openCpCents;
    s.committedCents += l.committedCents;
    s.paidCents += l.paidCents;
    s.forecasts.push(l.forecastPaidCents);
  };
  const row = (key: string, label: string, s: Sums): ExecutionRow => ({
    key,
    label,
    openAeCents: s.openAeCents,
    openCpCents: s.openCpCents,
    committedCents: s.committedCents,
    paidCents: s.paidCents,
    forecastPaidCents: s.forecasts.length === 0 || s.forecasts.every((f) => f === null) ? null : s.forecasts.reduce<number>((sum, f) => sum + (f ?? 0), 0),
    theoreticalPaidCents: mulDivRound(s.openCpCents, execution.theoreticalRateBp, 10_000),
    aeRateBp: executionRateBp(s.committedCents, s.openAeCents),
    cpRateBp: executionRateBp(s.paidCents, s.openCpCents),
  });
  const group = <K extends string>(keys: readonly K[], keyOf: (l: BudgetExecution['lines'][number]) => K, labelOf: (k: K) => string): ExecutionRow[] =>
    keys.flatMap((k) => {
      const members = lines.filter((l) => keyOf(l) === k);
      if (members.length === 0) return [];
      const s = zero();
      members.forEach((l) => add(s, l));
      return [row(k, labelOf(k), s)];
    });
  const total = zero();
  lines.forEach((l) => add(total, l));
  const sourceById = new Map(fundingSources.map((f) => [f.id, f]));
  return {
    total: row('total', 'Total', total),
    byEnvelope: group(Object.keys(envelopeLabels) as (keyof typeof envelopeLabels)[], (l) => l.envelope, (k) => envelopeLabels[k]),
    byFundingSource: group(
      fundingSources.map((f) => f.code),
      (l) => sourceById.get(l.fundingSourceId)?.code ?? '',
      (code) => fundingSources.find((f) => f.code === code)!.label,
    ),
    byMissionArea: group([...(Object.keys(missionAreaLabels) as (keyof typeof missionAreaLabels)[]), MERGED_MISSION_AREA], (l) => l.missionArea, (k) => (k === MERGED_MISSION_AREA ? MERGED_MISSION_AREA_LABEL : missionAreaLabels[k])),
    lines: lines.map((l) => {
      const s = zero();
      add(s, l);
      return { ...row(l.code, l.label, s), lineId: l.lineId, envelope: l.envelope, missionArea: l.missionArea, fundingSourceId: l.fundingSourceId, ...(l.headcount !== undefined && { headcount: l.headcount }) };
    }),
  };
}
