import * as z from 'zod';
import '../zod-config.js';
import { IsoDate, Timestamp } from './common.js';
import { PeriodCode } from './campaign.js';
import { Domain, ExpectedResult, TimeAggregation, UnitAggregation, ValueTypeSchema } from './catalogue.js';
import { Envelope, ExecutionMissionArea, MissionArea } from './budget.js';
import { SubmissionStatus } from './data-entry.js';
import { UnitKind } from './unit.js';
import { Etpt, MigPost } from './staff.js';

/**
 * The dashboards' data: one answer per role home, plus the care-offer map and the cost per
 * activity. Plain rows (no chart series): the client shapes series with pure functions.
 *
 * Numbers: indicator values are exact decimals with at most 4 decimals (the storage scale; a sum
 * of counts stays an integer); amounts are integer euro cents (`…Cents`); rates and shares are
 * basis points (`…Bp`, 10 000 = 100 %); FTE in basis points of one FTE (`…EtpBp`, 10 000 = 1 ETP)
 * or exact ETPT (`Etpt`). Everything is computed live in PostgreSQL from the current data.
 *
 * Who sees what: finance and board dashboards, the map's key figures and the cost per activity
 * read **validated** values only; the admin dashboard reads every value (with the validated
 * figure beside it); a unit lead sees all of their own unit's values and network medians
 * computed over validated values only.
 */

// ---- Configuration shared by the server, the client and the reports ----

/** The key indicators of the homes and of the map, in display order (catalogue codes). */
/** How many outliers the coordination's home lists at most (the filters narrow the rest down). */
export const ADMIN_OUTLIERS_SHOWN = 100;

export const KEY_INDICATOR_CODES = ['ACT_FA', 'ACT_NEW', 'ACT_CS', 'ACT_WAIT_D', 'FOR_PERS'] as const;

/** How many years a trend shows, the selected year included (the year and the four before it). */
export const TREND_YEARS = 5;

/**
 * The unit of work of each mission area (destination) for the cost per activity: the one output
 * of the CN2R's own catalogue that the spending of that destination produces. The spending of a
 * destination is divided by its unit of work only, so that no euro is counted twice (the other
 * outputs of the destination are produced by the same euros). A destination without one (support
 * functions) serves no measured output: its spending is stated as left out, never spread over the
 * others. The centres' patients and consultations are funded by their hospitals, not by the CN2R's
 * budget: no destination of that budget has them as output.
 */
export const missionAreaCostUnits: Record<MissionArea, { readonly code: string; readonly label: string } | null> = {
  information: { code: 'CN2R_CARTO', label: 'Structure référencée dans la cartographie nationale' },
  outils_bonnes_pratiques: { code: 'CN2R_REF_BP', label: 'Référentiel de bonnes pratiques publié' },
  formation: { code: 'CN2R_FOR_PERS', label: 'Personne formée par le CN2R' },
  recherche: { code: 'CN2R_BOURSES', label: 'Bourse de recherche attribuée' },
  animation_reseau: { code: 'CN2R_NET_MEET', label: 'Réunion du réseau animée par le CN2R' },
  support: null,
};

/**
 * The label of a network figure whose activity the CN2R also reports (a CN2R indicator names it as
 * counterpart): it says the figure is the centres', since the CN2R's is shown beside it. The same
 * everywhere both are shown (board, coordination, activity report).
 */
export const networkFigureLabel = (label: string, hasCn2rCounterpart: boolean): string => (hasCn2rCounterpart ? `${label} (centres du réseau)` : label);

/** Why the spending of a destination is left out of the cost per activity. */
export const CostLeftOut = z.enum(['no_measured_output', 'no_validated_volume', 'merged_personnel']);
export type CostLeftOut = z.infer<typeof CostLeftOut>;
export const costLeftOutLabels: Record<CostLeftOut, string> = {
  no_measured_output: 'ne sert aucune réalisation mesurée (fonctions support) : non répartie',
  no_validated_volume: 'aucune réalisation validée dans l’année : pas de coût unitaire',
  merged_personnel: 'personnel de plusieurs destinations regroupé pour la confidentialité (lignes de moins de 3 personnes) : non réparti',
};

/** Mission areas (destinations) of the budget that serve each of the funder's expected results. */
export const expectedResultMissionAreas: Record<ExpectedResult, readonly MissionArea[]> = {
  mapping: ['information'],
  network: ['animation_reseau'],
  good_practice: ['outils_bonnes_pratiques'],
  training: ['formation'],
};

/** INSEE code of each region by its name as written on a unit (`units.region`), for the map. */
export const regionCodes: Readonly<Record<string, string>> = {
  'Guadeloupe': '01',
  'Martinique': '02',
  'Guyane': '03',
  'La Réunion': '04',
  'Océan Indien': '04',
  'Mayotte': '06',
  'Île-de-France': '11',
  'Centre-Val de Loire': '24',
  'Bourgogne-Franche-Comté': '27',
  'Normandie': '28',
  'Hauts-de-France': '32',
  'Grand Est': '44',
  'Pays de la Loire': '52',
  'Bretagne': '53',
  'Nouvelle-Aquitaine': '75',
  'Occitanie': '76',
  'Auvergne-Rhône-Alpes': '84',
  "Provence-Alpes-Côte d'Azur": '93',
  'Provence-Alpes-Côte d’Azur': '93',
  'PACA': '93',
  'Corse': '94',
};

// ---- Query parameters (the filters in the URL) ----

const DashboardYear = z.coerce
  .number({ error: 'Année attendue.' })
  .int({ error: 'Année attendue.' })
  .min(2000, { error: 'Année attendue entre 2000 et 2100.' })
  .max(2100, { error: 'Année attendue entre 2000 et 2100.' });

const PositiveId = (what: string) =>
  z.coerce
    .number({ error: `${what} : identifiant invalide.` })
    .int({ error: `${what} : identifiant invalide.` })
    .positive({ error: `${what} : identifiant invalide.` })
    .max(2_147_483_647, { error: `${what} : identifiant hors limites.` });
const IdText = (what: string) => z.string().regex(/^\d{1,10}$/, { error: `${what} : identifiant invalide.` }).transform(Number).pipe(z.number().int().positive({ error: `${what} : identifiant invalide.` }).max(2_147_483_647, { error: `${what} : identifiant hors limites.` }));

/** `unitIds=3,7,12` (or repeated `unitIds=3&unitIds=7`) → [3, 7, 12]. */
const UnitIdList = z
  .union([z.string(), z.array(z.string())])
  .transform((raw) => (Array.isArray(raw) ? raw.join(',') : raw).split(',').map((s) => s.trim()).filter((s) => s !== ''))
  .pipe(z.array(IdText('Centre')).max(500, { error: 'Au plus 500 centres.' }));

/** The filters every dashboard understands (each endpoint takes the subset it uses). */
export const DashboardFilters = z.strictObject({
  year: DashboardYear,
  period: PeriodCode.optional(),
  unitIds: UnitIdList.optional(),
  domain: Domain.optional(),
  fundingSourceId: PositiveId('Source de financement').optional(),
});
export type DashboardFilters = z.infer<typeof DashboardFilters>;

export const UnitLeadDashboardQuery = z.strictObject({
  year: DashboardYear,
  unitId: PositiveId('Centre'),
  domain: Domain.optional(),
});
export type UnitLeadDashboardQuery = z.infer<typeof UnitLeadDashboardQuery>;

export const AdminDashboardQuery = DashboardFilters.omit({ fundingSourceId: true });
export type AdminDashboardQuery = z.infer<typeof AdminDashboardQuery>;

export const FinanceDashboardQuery = z.strictObject({
  year: DashboardYear,
  fundingSourceId: PositiveId('Source de financement').optional(),
  /** The date the execution is read at (theoretical line, alerts); today in Paris by default. */
  asOf: IsoDate.optional(),
});
export type FinanceDashboardQuery = z.infer<typeof FinanceDashboardQuery>;

/** Without a year: the last complete year (every period of it has ended), by the server's clock. */
export const BoardDashboardQuery = z.strictObject({ year: DashboardYear.optional() });
export type BoardDashboardQuery = z.infer<typeof BoardDashboardQuery>;

export const MapDashboardQuery = z.strictObject({ year: DashboardYear });
export type MapDashboardQuery = z.infer<typeof MapDashboardQuery>;

export const CostPerActivityQuery = z.strictObject({ year: DashboardYear });
export type CostPerActivityQuery = z.infer<typeof CostPerActivityQuery>;

// ---- Building blocks ----

export const DashboardUnitRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
export type DashboardUnitRef = z.infer<typeof DashboardUnitRef>;

/** An indicator as the dashboards describe it (from the revision in force at the end of the year). */
export const DashboardIndicatorRef = z.object({
  code: z.string(),
  label: z.string(),
  domain: Domain,
  unitKind: UnitKind,
  valueType: ValueTypeSchema,
  unitOfMeasure: z.string(),
  timeAggregation: TimeAggregation,
  unitAggregation: UnitAggregation,
  expectedResult: ExpectedResult.nullable(),
  /** On a CN2R indicator, the network indicator counting the same activity: shown beside it, never added to it. */
  networkCounterpartCode: z.string().nullable().optional(),
});
export type DashboardIndicatorRef = z.infer<typeof DashboardIndicatorRef>;

/** Change from `previous` to `value`, in basis points of `previous`; null when either is missing or `previous` is 0. */
export const ChangeBp = z.number().int().nullable();

// ---- Unit lead ----

export const UnitLeadPeriodStatus = z.object({
  period: z.string(),
  label: z.string(),
  opensOn: z.string(),
  /** The unit's own due date (its extension when it has one); null when the unit is not expected. */
  dueOn: z.string().nullable(),
  expected: z.boolean().describe('Le centre était ouvert pendant la période et au moins un indicateur de son catalogue y est dû'),
  status: SubmissionStatus,
  late: z.boolean(),
  /** Days until the due date (negative once past); null when not expected or already submitted/validated. */
  daysLeft: z.number().int().nullable(),
  filledPercent: z.number().nullable(),
  submittedAt: Timestamp.nullable(),
  validatedAt: Timestamp.nullable(),
  returnedAt: Timestamp.nullable(),
  /** Why it was returned, while it waits for a correction. */
  returnMessage: z.string().nullable(),
  changedSinceValidation: z.boolean(),
});
export type UnitLeadPeriodStatus = z.infer<typeof UnitLeadPeriodStatus>;

/**
 * The years a yearly trend draws (`yearlyTrendSpan`): complete years only, ending with the last
 * complete year not after the year asked for; that year, when still under way, is left out and named.
 */
export const TrendSpan = z.object({
  years: z.array(z.number().int()),
  /** The year asked for while it has not ended (by the server's clock): not drawn; the quarters ended so far. */
  yearUnderWay: z
    .object({
      year: z.number().int(),
      /** The last quarter ended (`2026-Q3`); null when none has. */
      throughPeriod: z.string().nullable(),
      /** « T1–T3 2026 »; null when no quarter has ended. */
      endedLabel: z.string().nullable(),
    })
    .nullable(),
});
export type TrendSpan = z.infer<typeof TrendSpan>;

/** One year of a key indicator: the unit's value (all its values) against the network median (validated only). */
export const UnitIndicatorPoint = z.object({
  year: z.number().int(),
  /** The unit's value aggregated over the year's periods with the indicator's time aggregation; null when nothing entered. */
  value: z.number().nullable(),
  /** True when every period counted in `value` is validated. */
  validated: z.boolean(),
  /** Median across units of their validated yearly values; null when no unit has one. */
  networkMedian: z.number().nullable(),
  /** Units counted in the median. */
  networkUnits: z.number().int(),
});
export type UnitIndicatorPoint = z.infer<typeof UnitIndicatorPoint>;

export const UnitKeyIndicator = DashboardIndicatorRef.extend({ points: z.array(UnitIndicatorPoint) });
export type UnitKeyIndicator = z.infer<typeof UnitKeyIndicator>;

/** Something the unit has to explain or has explained: a consistency warning or a change of more than the threshold vs last year. */
export const UnitWarning = z.object({
  kind: z.enum(['rule', 'outlier']),
  period: z.string(),
  periodLabel: z.string(),
  /** Rule code for a rule warning, indicator code for an outlier. */
  code: z.string(),
  optionCode: z.string().nullable(),
  message: z.string(),
  explanation: z.string().nullable(),
  /** True while it still needs an explanation. */
  toExplain: z.boolean(),
});
export type UnitWarning = z.infer<typeof UnitWarning>;

export const UnitLeadDashboard = z.object({
  year: z.number().int(),
  unit: DashboardUnitRef.extend({ region: z.string(), kind: UnitKind }),
  campaign: z.object({ id: z.number().int(), label: z.string(), status: z.enum(['draft', 'open', 'closed']) }).nullable(),
  periods: z.array(UnitLeadPeriodStatus),
  /** The years of `keyIndicators` (complete years only). */
  trend: TrendSpan,
  keyIndicators: z.array(UnitKeyIndicator),
  warnings: z.array(UnitWarning),
});
export type UnitLeadDashboard = z.infer<typeof UnitLeadDashboard>;

// ---- Admin (CN2R coordination) ----

export const CompletenessHeatCell = z.object({
  unitId: z.number().int(),
  period: z.string(),
  expected: z.boolean(),
  status: SubmissionStatus,
  late: z.boolean(),
  filledPercent: z.number().nullable(),
  changedSinceValidation: z.boolean(),
});
export type CompletenessHeatCell = z.infer<typeof CompletenessHeatCell>;

export const LateUnit = DashboardUnitRef.extend({
  periods: z.array(z.string()),
  /** Days past the earliest missed due date. */
  daysLate: z.number().int(),
});
export type LateUnit = z.infer<typeof LateUnit>;

/** A value that changed by more than the outlier threshold against the same period last year. */
export const OutlierValue = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  period: z.string(),
  indicatorCode: z.string(),
  indicatorLabel: z.string(),
  optionCode: z.string().nullable(),
  optionLabel: z.string().nullable(),
  value: z.number(),
  lastYearValue: z.number(),
  /** Change in basis points of last year's value; null when last year's value is 0, or for a rate. */
  changeBp: z.number().int().nullable(),
  /** The change as it must be read: in percent for a count, in points for a rate (`figureChange`); null from 0. */
  change: z.object({ unit: z.enum(['percent', 'points']), bp: z.number().int() }).nullable(),
  explanation: z.string().nullable(),
  status: SubmissionStatus,
});
export type OutlierValue = z.infer<typeof OutlierValue>;

export const NetworkPoint = z.object({
  year: z.number().int(),
  /** Across units with the indicator's unit aggregation, every value counted. */
  value: z.number().nullable(),
  /** The same over validated values only. */
  validatedValue: z.number().nullable(),
  units: z.number().int(),
  validatedUnits: z.number().int(),
});
export type NetworkPoint = z.infer<typeof NetworkPoint>;

export const NetworkIndicator = DashboardIndicatorRef.extend({ points: z.array(NetworkPoint) });
export type NetworkIndicator = z.infer<typeof NetworkIndicator>;

export const ExpectedResultIndicator = DashboardIndicatorRef.extend({
  target: z.number().nullable(),
  /** Network value of the year (validated values only). */
  actual: z.number().nullable(),
  /** actual / target in basis points; null without a target (or a target of 0). */
  achievementBp: z.number().int().nullable(),
});
export type ExpectedResultIndicator = z.infer<typeof ExpectedResultIndicator>;

export const ExpectedResultProgress = z.object({
  expectedResult: ExpectedResult,
  label: z.string(),
  indicators: z.array(ExpectedResultIndicator),
});
export type ExpectedResultProgress = z.infer<typeof ExpectedResultProgress>;

/** A value changed after its submission was validated (reopened by the coordination). */
export const ChangeAfterValidation = z.object({
  at: Timestamp,
  actor: z.string().nullable(),
  unitId: z.number().int(),
  unitName: z.string(),
  period: z.string(),
  indicatorCode: z.string(),
  optionCode: z.string().nullable(),
  action: z.string(),
  before: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  after: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  reason: z.string().nullable(),
});
export type ChangeAfterValidation = z.infer<typeof ChangeAfterValidation>;

export const AdminDashboard = z.object({
  year: z.number().int(),
  periods: z.array(z.object({ period: z.string(), label: z.string(), dueOn: z.string() })),
  units: z.array(DashboardUnitRef),
  completeness: z.object({
    cells: z.array(CompletenessHeatCell),
    /** Counts over expected cells only. */
    expected: z.number().int(),
    validated: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    draft: z.number().int(),
    notStarted: z.number().int(),
    late: z.number().int(),
  }),
  lateUnits: z.array(LateUnit),
  outlierThresholdPercent: z.number(),
  /** The first ADMIN_OUTLIERS_SHOWN outliers, in period and unit order; `outliersTotal` counts them all. */
  outliers: z.array(OutlierValue),
  outliersTotal: z.number().int(),
  /** The years of `networkTotals` (complete years only). */
  trend: TrendSpan,
  networkTotals: z.array(NetworkIndicator),
  expectedResults: z.array(ExpectedResultProgress),
  recentChanges: z.array(ChangeAfterValidation),
});
export type AdminDashboard = z.infer<typeof AdminDashboard>;

// ---- Finance ----

/** Execution of a line or a group, with the theoretical line (open CP × share of the year elapsed). */
export const ExecutionRow = z.object({
  key: z.string(),
  label: z.string(),
  openAeCents: z.number().int(),
  openCpCents: z.number().int(),
  committedCents: z.number().int(),
  paidCents: z.number().int(),
  /** Year-end landing of payments at the current pace; null before the year starts. */
  forecastPaidCents: z.number().int().nullable(),
  /** What would be paid by `asOf` at an even pace: open CP × theoretical rate, rounded once. */
  theoreticalPaidCents: z.number().int(),
  aeRateBp: z.number().int().nullable(),
  cpRateBp: z.number().int().nullable(),
});
export type ExecutionRow = z.infer<typeof ExecutionRow>;

export const ExecutionLineRow = ExecutionRow.extend({
  lineId: z.number().int(),
  envelope: Envelope,
  missionArea: ExecutionMissionArea,
  fundingSourceId: z.number().int(),
  /** Personnel lines: the distinct people the line pays (a merged group's in the board's view). */
  headcount: z.number().int().optional(),
});
export type ExecutionLineRow = z.infer<typeof ExecutionLineRow>;

export const FinanceAlert = z.object({
  scope: z.enum(['line', 'envelope', 'funding_source', 'total']),
  key: z.string(),
  label: z.string(),
  level: z.enum(['blocking', 'warning']),
  code: z.enum(['over_100', 'over_90', 'under_execution']),
  measure: z.enum(['committed', 'paid']),
  message: z.string(),
});
export type FinanceAlert = z.infer<typeof FinanceAlert>;

export const MigPostRow = z.object({
  post: MigPost,
  label: z.string(),
  fundedEtp: z.number().int(),
  actualEtpt: Etpt,
  vacancyDays: z.number().int(),
});
export type MigPostRow = z.infer<typeof MigPostRow>;

/** Average FTE of a month attributed to a funder (allocations × quotité × days in the month / days of the month). */
export const FteByFunderRow = z.object({
  month: z.string().describe('AAAA-MM'),
  fundingSourceId: z.number().int(),
  funderLabel: z.string(),
  etpBp: z.number().int(),
});
export type FteByFunderRow = z.infer<typeof FteByFunderRow>;

export const FinanceDashboard = z.object({
  year: z.number().int(),
  asOf: z.string(),
  theoreticalRateBp: z.number().int(),
  /** The funding-source filter applied to the lines and groups; null for all. */
  fundingSourceId: z.number().int().nullable(),
  fundingSources: z.array(z.object({ id: z.number().int(), code: z.string(), label: z.string() })),
  total: ExecutionRow,
  byEnvelope: z.array(ExecutionRow),
  byFundingSource: z.array(ExecutionRow),
  byMissionArea: z.array(ExecutionRow),
  lines: z.array(ExecutionLineRow),
  alerts: z.array(FinanceAlert),
  migPosts: z.array(MigPostRow),
  fteByFunder: z.array(FteByFunderRow),
  /** The board's view: why some personnel lines are merged (groups of at least 3 people); null or absent otherwise. */
  staffCostNote: z.string().nullable().optional(),
});
export type FinanceDashboard = z.infer<typeof FinanceDashboard>;

// ---- Board ----

export const KeyFigure = z.object({
  key: z.string().describe('Code d’indicateur, ou paid_cp, open_cp, etpt'),
  label: z.string(),
  kind: z.enum(['indicator', 'cents', 'etp_bp']),
  unitOfMeasure: z.string(),
  value: z.number().nullable(),
  previousValue: z.number().nullable(),
  /** Relative change in basis points of the previous value (a count or an amount); null for a rate. */
  changeBp: ChangeBp,
  /** The change as it must be read: in percent for a count or an amount, in points for a rate (`figureChange`). */
  change: z.object({ unit: z.enum(['percent', 'points']), bp: z.number().int() }).nullable(),
});
export type KeyFigure = z.infer<typeof KeyFigure>;

/**
 * What the key figures compare: the whole year with the year before when the year has ended; the
 * periods ended so far (year to date) with the same periods of the year before otherwise.
 */
export const BoardComparison = z.object({
  /** Every period of the year has ended (by the server's clock). */
  complete: z.boolean(),
  /** The periods compared: `['2025']`, or `['2026-Q1', '2026-Q2', '2026-Q3']` (months too when some indicator is monthly). */
  periods: z.array(z.string()),
  previousPeriods: z.array(z.string()),
  /** What each side covers: « 2025 » / « 2024 », « T1–T3 2026 » / « T1–T3 2025 ». */
  currentLabel: z.string(),
  previousLabel: z.string(),
  /** « 2025 contre 2024 », « T1–T3 2026 contre T1–T3 2025 ». */
  label: z.string(),
});
export type BoardComparison = z.infer<typeof BoardComparison>;

export const ActivityTrend = DashboardIndicatorRef.extend({
  points: z.array(z.object({ year: z.number().int(), value: z.number().nullable(), units: z.number().int() })),
});
export type ActivityTrend = z.infer<typeof ActivityTrend>;

export const AnnualReportLink = z.object({
  year: z.number().int(),
  kind: z.enum(['activity', 'financial']),
  title: z.string(),
  /** The client route that opens or exports it. */
  url: z.string(),
});
export type AnnualReportLink = z.infer<typeof AnnualReportLink>;

export const BoardDashboard = z.object({
  year: z.number().int(),
  previousYear: z.number().int(),
  comparison: BoardComparison,
  keyFigures: z.array(KeyFigure),
  /** The years of `activityTrends` (complete years only). */
  trend: TrendSpan,
  activityTrends: z.array(ActivityTrend),
  /** Null when the fiscal year does not exist yet. */
  budget: z
    .object({
      asOf: z.string(),
      theoreticalRateBp: z.number().int(),
      total: ExecutionRow,
      byEnvelope: z.array(ExecutionRow),
    })
    .nullable(),
  annualReports: z.array(AnnualReportLink),
});
export type BoardDashboard = z.infer<typeof BoardDashboard>;

// ---- Care-offer map ----

export const MapUnit = DashboardUnitRef.extend({
  kind: UnitKind,
  region: z.string(),
  /** INSEE region code (`regionCodes`), null for a region name the table does not know. */
  regionCode: z.string().nullable(),
  hostInstitution: z.string().nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  /** Open at some point of the year. */
  openInYear: z.boolean(),
  /** Key indicators of the year, validated values only (null when none). */
  keyFigures: z.array(z.object({ code: z.string(), label: z.string(), unitOfMeasure: z.string(), value: z.number().nullable() })),
});
export type MapUnit = z.infer<typeof MapUnit>;

export const MapDashboard = z.object({ year: z.number().int(), units: z.array(MapUnit) });
export type MapDashboard = z.infer<typeof MapDashboard>;

// ---- Cost per activity ----

/** One destination of the budget: its spending, its unit of work and the cost of one unit. */
export const MissionAreaCost = z.object({
  /** A destination, or (the board's view) `personnel_regroupe`: personnel lines of 1 or 2 people merged across destinations. */
  missionArea: z.union([MissionArea, z.literal('personnel_regroupe')]),
  label: z.string(),
  /** CP paid in the year on the lines of this destination (the board's view: without the merged personnel lines). */
  spentCents: z.number().int(),
  /** The unit of work (`missionAreaCostUnits`); null for a destination that serves no measured output. */
  output: z.object({ code: z.string(), label: z.string() }).nullable(),
  /** The CN2R's validated value of the unit of work in the year; null when none is validated. */
  volume: z.number().nullable(),
  /** spentCents ÷ volume, rounded once half away from zero; null when the spending is left out. */
  centsPerUnit: z.number().int().nullable(),
  /** Why this spending is left out of the costs; null when it is attributed. */
  leftOut: CostLeftOut.nullable(),
});
export type MissionAreaCost = z.infer<typeof MissionAreaCost>;

/**
 * The cost per activity of a year: each destination's spending divided by its own unit of work,
 * each euro attributed once at most. `attributedCents + leftOutCents = spentCents`.
 */
export const CostPerActivity = z.object({
  year: z.number().int(),
  /** CP paid in the year over every line. */
  spentCents: z.number().int(),
  /** The part of it divided by a unit of work. */
  attributedCents: z.number().int(),
  /** The part of it that serves no measured output or has no validated volume, stated as such. */
  leftOutCents: z.number().int(),
  /** The board's view: said when personnel lines of 1 or 2 people are merged into their own left-out row. */
  staffCostNote: z.string().optional(),
  byMissionArea: z.array(MissionAreaCost),
});
export type CostPerActivity = z.infer<typeof CostPerActivity>;
