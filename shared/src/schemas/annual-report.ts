import * as z from 'zod';
import '../zod-config.js';
import { IsoDate } from './common.js';
import { Envelope, FundingNature, MissionArea } from './budget.js';
import { ExpectedResult } from './catalogue.js';
import { EmployerKind, Etpt, InKindKind, MigPost, StaffCategory, StaffCostMask } from './staff.js';
import { UnitKind } from './unit.js';
import { CostLeftOut } from './dashboard.js';

/**
 * The data of the two annual reports presented to the general assembly (AG): the activity report
 * (*rapport d'activité*) and the financial summary (*bilan financier*). The server assembles one
 * snapshot; the builders of `reports/src/annual/` turn it into xlsx and PDF, byte for byte the same
 * on regeneration (`generatedAt` is the documents' creation date).
 *
 * Plain numbers only: amounts in integer euro cents (`…Cents`), shares and rates in basis points
 * (`…Bp`, 10 000 = 100 %), counts as integers; an indicator value may be a decimal (a median delay).
 * `null` means “no data” (a unit not open that year, an indicator not yet collected), never zero.
 * Three-year fields carry N (`n`), N-1 (`n1`) and N-2 (`n2`) side by side.
 */

const cents = z.number().int().min(-1_000_000_000_000).max(1_000_000_000_000);
const nullableCents = cents.nullable();
const basisPoints = z.number().int().nullable();
const count = z.number().int().min(0);
const nullableCount = count.nullable();
const indicatorValue = z.number().finite().nullable();
const text = z.string().max(20_000);
/** The instant of the data snapshot, e.g. `2027-03-15T09:30:00.000Z`: the documents' creation date. */
const generatedAt = z.iso.datetime({ offset: true });

/**
 * What a set of documents is: the live draft (« Projet — document de travail » on its cover and
 * every page), or official version N. Absent in snapshots stored before it (no mention).
 */
export const ReportEdition = z.discriminatedUnion('status', [
  z.object({ status: z.literal('draft') }),
  z.object({
    status: z.literal('official'),
    number: z.number().int().positive(),
    /** The meeting it is submitted to (the next general assembly recorded when it was generated). */
    submittedTo: z.object({ bodyName: z.string(), heldOn: IsoDate }).optional(),
  }),
]);
export type ReportEdition = z.infer<typeof ReportEdition>;
export const DRAFT_MARK = 'Projet — document de travail';

/** N, N-1 and N-2 of the same measure. */
export const annualThreeYears = <T extends z.ZodType>(value: T) => z.object({ n: value, n1: value, n2: value });

// ---- Sections (shared keys: narratives, contents, sheet names) ----

/** The keys of a report's sections as a zod enum, in the order of the table of their titles. */
const sectionKeys = <const K extends string>(titles: Readonly<Record<K, string>>) => z.enum(Object.keys(titles) as [K, ...K[]]);

const activitySectionTitles = {
  key_figures: 'Chiffres clés et faits marquants',
  governance: 'Gouvernance',
  network_activity: 'Activité du réseau',
  expected_results: 'Résultats attendus par le financeur',
  training: 'Formation',
  research: 'Recherche',
  data_collection: 'Complétude et ponctualité de la collecte',
  outlook: 'Perspectives',
  annexes: 'Annexes par centre',
} as const;
export const ActivitySectionKey = sectionKeys(activitySectionTitles);
export type ActivitySectionKey = z.infer<typeof ActivitySectionKey>;
export const ACTIVITY_SECTION_KEYS = ActivitySectionKey.options;
export const activitySectionLabels: Record<ActivitySectionKey, string> = activitySectionTitles;

const financialSectionTitles = {
  key_figures: 'Chiffres clés',
  execution: 'Autorisations budgétaires et exécution par enveloppe',
  budget_statements: 'États budgétaires',
  revenue: 'Recettes par source de financement',
  spending_by_mission: 'Dépenses par destination',
  staff: 'Personnels et plafond d’emplois',
  mig_h15: 'Suivi de la MIG H15',
  in_kind: 'Contributions en nature',
  three_years: 'Comparaison sur trois ans',
  cost_per_activity: 'Coût par activité',
  annexes: 'Annexes',
} as const;
export const FinancialSectionKey = sectionKeys(financialSectionTitles);
export type FinancialSectionKey = z.infer<typeof FinancialSectionKey>;
export const FINANCIAL_SECTION_KEYS = FinancialSectionKey.options;
export const financialSectionLabels: Record<FinancialSectionKey, string> = financialSectionTitles;

/** Narrative text of a section, written by the coordination; a missing key is an empty section text. */
export const ActivityNarratives = z.partialRecord(ActivitySectionKey, text);
export type ActivityNarratives = z.infer<typeof ActivityNarratives>;
export const FinancialNarratives = z.partialRecord(FinancialSectionKey, text);
export type FinancialNarratives = z.infer<typeof FinancialNarratives>;

// ---- Common pieces ----

/** How a figure reads: `count` integer, `euros` cents, `percent` basis points, `days` / `decimal` a number, `etpt` a number of ETPT. */
export const AnnualFigureKind = z.enum(['count', 'euros', 'percent', 'days', 'decimal', 'etpt']);
export type AnnualFigureKind = z.infer<typeof AnnualFigureKind>;

/** One key figure over three years, e.g. the file active of the network, the total paid. */
export const AnnualKeyFigure = z.object({
  code: z.string(),
  label: z.string(),
  kind: AnnualFigureKind,
  ...annualThreeYears(indicatorValue).shape,
});
export type AnnualKeyFigure = z.infer<typeof AnnualKeyFigure>;

/** A unit of the network as shown in the reports (CRP or the CN2R itself). */
export const AnnualReportUnit = z.object({
  code: z.string(),
  name: z.string(),
  region: z.string().nullable(),
  kind: UnitKind,
  openedOn: IsoDate.nullable(),
  closedOn: IsoDate.nullable(),
});
export type AnnualReportUnit = z.infer<typeof AnnualReportUnit>;

/** A value of one option of a disaggregation; `sensitive` (from the dimension) asks for small-cell suppression (1–4 → « < 5 »). */
export const AnnualDisaggregatedValue = z.object({
  optionCode: z.string(),
  optionLabel: z.string(),
  value: indicatorValue,
  sensitive: z.boolean(),
});
export type AnnualDisaggregatedValue = z.infer<typeof AnnualDisaggregatedValue>;

export const AnnualDisaggregation = z.object({
  dimensionCode: z.string(),
  dimensionLabel: z.string(),
  sensitive: z.boolean(),
  /** Values of year N across the network, per option. */
  options: z.array(AnnualDisaggregatedValue),
});
export type AnnualDisaggregation = z.infer<typeof AnnualDisaggregation>;

// ---- Activity report ----

export const AnnualGovernanceMeeting = z.object({
  body: z.enum(['general_assembly', 'board', 'scientific_council', 'network', 'other']),
  label: z.string(),
  date: IsoDate,
  /** Members present and represented (the governance records). */
  present: count,
  represented: count,
  quorumReached: z.boolean(),
});
export type AnnualGovernanceMeeting = z.infer<typeof AnnualGovernanceMeeting>;

export const AnnualGovernance = z.object({
  /** Members of the grouping during the year, with their share of the votes in basis points. */
  members: z.array(z.object({ name: z.string(), kind: z.string(), rightsBp: z.number().int() })),
  meetings: z.array(AnnualGovernanceMeeting),
  /** Deliberations of the year, by date and number, with the vote. */
  deliberations: z.array(
    z.object({ number: z.string(), date: IsoDate, title: z.string(), votesFor: count, votesAgainst: count, abstentions: count }),
  ),
  /** Staff of the grouping by category (aggregates only, never a person). */
  staff: z.array(z.object({ category: StaffCategory, label: z.string(), etpt: Etpt })),
});
export type AnnualGovernance = z.infer<typeof AnnualGovernance>;

/** Value of an indicator in one unit. */
export const AnnualUnitIndicatorValue = z.object({
  unitCode: z.string(),
  ...annualThreeYears(indicatorValue).shape,
  /** Values of year N per option of the indicator's disaggregation (empty when none). */
  options: z.array(AnnualDisaggregatedValue),
});
export type AnnualUnitIndicatorValue = z.infer<typeof AnnualUnitIndicatorValue>;

/** An indicator aggregated across units (by its unit aggregation), with its per-unit table. */
export const AnnualNetworkIndicator = z.object({
  code: z.string(),
  label: z.string(),
  unitOfMeasure: z.string(),
  valueType: z.enum(['count', 'decimal', 'percentage', 'days', 'boolean', 'text']),
  domain: z.string(),
  /** How units add up (the catalogue's unit aggregation): the per-unit table's total row uses the same. */
  unitAggregation: z.enum(['sum', 'average', 'median']),
  ...annualThreeYears(indicatorValue).shape,
  /** Relative change N vs N-1 in basis points (null when N-1 is missing or zero, and for a percentage indicator: a rate changes in points). */
  changeBp: basisPoints,
  disaggregation: AnnualDisaggregation.nullable(),
  byUnit: z.array(AnnualUnitIndicatorValue),
});
export type AnnualNetworkIndicator = z.infer<typeof AnnualNetworkIndicator>;

export const AnnualExpectedResultIndicator = z.object({
  code: z.string(),
  label: z.string(),
  unitOfMeasure: z.string(),
  target: indicatorValue,
  actual: indicatorValue,
  /** actual / target in basis points (null without a target). */
  achievementBp: basisPoints,
  n1: indicatorValue,
});
export type AnnualExpectedResultIndicator = z.infer<typeof AnnualExpectedResultIndicator>;

export const AnnualExpectedResultSection = z.object({
  key: ExpectedResult,
  label: z.string(),
  indicators: z.array(AnnualExpectedResultIndicator),
  deliverables: z.array(z.object({ title: z.string(), date: IsoDate.nullable(), status: z.string() })),
  /**
   * The mapping result only: the care-offer registry's published entries checked in the year, by
   * kind and by region, and the open export's address (absent in older snapshots and without entries).
   */
  careOffer: z
    .object({
      total: z.number().int(),
      byKind: z.array(z.object({ label: z.string(), count: z.number().int() })),
      byRegion: z.array(z.object({ region: z.string(), count: z.number().int() })),
      openDataUrl: z.string(),
    })
    .optional(),
});
export type AnnualExpectedResultSection = z.infer<typeof AnnualExpectedResultSection>;

export const AnnualTrainingSection = z.object({
  /** The network's (the centres'): the CN2R's own trainings are never added to them. */
  sessions: annualThreeYears(nullableCount),
  trained: annualThreeYears(nullableCount),
  /** The CN2R's own sessions and people trained, shown beside the network's (absent in older snapshots). */
  cn2rSessions: annualThreeYears(nullableCount).optional(),
  cn2rTrained: annualThreeYears(nullableCount).optional(),
  byAudience: z.array(z.object({ code: z.string(), label: z.string(), sessions: nullableCount, trained: nullableCount })),
  byUnit: z.array(z.object({ unitCode: z.string(), sessions: nullableCount, trained: nullableCount })),
});
export type AnnualTrainingSection = z.infer<typeof AnnualTrainingSection>;

export const AnnualResearchSection = z.object({
  projectsLead: annualThreeYears(nullableCount),
  projectsPartner: annualThreeYears(nullableCount),
  publications: annualThreeYears(nullableCount),
  /** Research grants awarded by the CN2R (master, doctoral, post-doctoral). */
  grants: z.array(z.object({ code: z.string(), label: z.string(), count: nullableCount })),
  byUnit: z.array(z.object({ unitCode: z.string(), projectsLead: nullableCount, projectsPartner: nullableCount, publications: nullableCount })),
});
export type AnnualResearchSection = z.infer<typeof AnnualResearchSection>;

/** Forms expected, submitted, validated and on time for one unit (pro rata of its opening months). */
export const AnnualCollectionCompleteness = z.object({
  unitCode: z.string(),
  expected: count,
  submitted: count,
  validated: count,
  onTime: count,
  completenessBp: basisPoints,
  timelinessBp: basisPoints,
});
export type AnnualCollectionCompleteness = z.infer<typeof AnnualCollectionCompleteness>;

export const AnnualDataCollectionSection = z.object({
  network: AnnualCollectionCompleteness.omit({ unitCode: true }),
  byUnit: z.array(AnnualCollectionCompleteness),
});
export type AnnualDataCollectionSection = z.infer<typeof AnnualDataCollectionSection>;

/** Annex of one unit: every indicator of year N (and N-1), with disaggregated rows. */
export const AnnualUnitAnnex = z.object({
  unitCode: z.string(),
  rows: z.array(
    z.object({
      indicatorCode: z.string(),
      label: z.string(),
      unitOfMeasure: z.string(),
      /** Null on the indicator's total row, the option's label on a disaggregated row. */
      optionLabel: z.string().nullable(),
      n: indicatorValue,
      n1: indicatorValue,
      sensitive: z.boolean(),
    }),
  ),
});
export type AnnualUnitAnnex = z.infer<typeof AnnualUnitAnnex>;

export const ActivityReportData = z.object({
  year: z.number().int().min(2000).max(2100),
  generatedAt,
  edition: ReportEdition.optional(),
  organisation: z.string(),
  narratives: ActivityNarratives,
  units: z.array(AnnualReportUnit),
  keyFigures: z.array(AnnualKeyFigure),
  governance: AnnualGovernance,
  networkActivity: z.array(AnnualNetworkIndicator),
  expectedResults: z.array(AnnualExpectedResultSection),
  training: AnnualTrainingSection,
  research: AnnualResearchSection,
  dataCollection: AnnualDataCollectionSection,
  annexes: z.array(AnnualUnitAnnex),
  /**
   * Set when the data was masked for a reader who gets sensitive counts masked (the board): the
   * counts hidden by small-cell suppression, primary and secondary, are null, and this says so.
   */
  smallCellNote: z.string().optional(),
});
export type ActivityReportData = z.infer<typeof ActivityReportData>;

// ---- Financial summary ----

/** Authorisations (BI, BRs, transfers) and execution of one envelope; AE = CP for personnel. */
export const AnnualEnvelopeExecution = z.object({
  envelope: Envelope,
  label: z.string(),
  initialAeCents: cents,
  initialCpCents: cents,
  amendingAeCents: cents,
  amendingCpCents: cents,
  transferAeCents: cents,
  transferCpCents: cents,
  openAeCents: cents,
  openCpCents: cents,
  committedCents: cents,
  paidCents: cents,
  aeRateBp: basisPoints,
  cpRateBp: basisPoints,
  leftAeCents: cents,
  leftCpCents: cents,
});
export type AnnualEnvelopeExecution = z.infer<typeof AnnualEnvelopeExecution>;

export const AnnualExecutionSection = z.object({
  envelopes: z.array(AnnualEnvelopeExecution),
  decisions: z.array(z.object({ kind: z.enum(['initial', 'amending', 'transfer']), label: z.string(), adoptedOn: IsoDate.nullable() })),
});
export type AnnualExecutionSection = z.infer<typeof AnnualExecutionSection>;

export const AnnualRevenueSource = z.object({
  code: z.string(),
  label: z.string(),
  funder: z.string(),
  nature: FundingNature,
  inKind: z.boolean(),
  notifiedCents: cents,
  /** Receipts collected in the year (net of reversals); absent in older snapshots (in-kind sources are not revenue rows any more). */
  collectedCents: nullableCents.optional(),
  /**
   * CP paid on the lines this source funds; null, with `paidMasked`, when one of its personnel
   * lines (1 or 2 people) is merged with other funders' (`planPersonnelDisclosure`).
   */
  paidCents: nullableCents,
  paidMasked: StaffCostMask.nullable().optional(),
  notifiedN1Cents: nullableCents,
});
export type AnnualRevenueSource = z.infer<typeof AnnualRevenueSource>;

export const AnnualMissionSpending = z.object({
  /** `personnel_regroupe`: personnel lines of 1 or 2 people merged across mission areas (groups of at least 3 people). */
  missionArea: z.union([MissionArea, z.literal('personnel_regroupe')]),
  label: z.string(),
  openCpCents: cents,
  paidCents: cents,
  paidN1Cents: nullableCents,
});
export type AnnualMissionSpending = z.infer<typeof AnnualMissionSpending>;

/**
 * Staff by category or funder: ETPT paid by the grouping and seconded, never a person. The cost is
 * what the grouping pays (own staff and staff seconded with reimbursement; staff seconded without
 * reimbursement appear only in kind); null, with `costMasked`, when the group or its paid staff
 * cover 1 or 2 people of the year (the reports go to the general assembly).
 */
export const AnnualStaffGroup = z.object({
  key: z.string(),
  label: z.string(),
  paidByGroupingEtpt: Etpt,
  secondedEtpt: Etpt,
  costCents: nullableCents,
  costMasked: StaffCostMask.nullable(),
});
export type AnnualStaffGroup = z.infer<typeof AnnualStaffGroup>;

export const AnnualStaffSection = z.object({
  ceilingEtptBp: basisPoints.describe('Plafond d’emplois en centièmes de centièmes d’ETPT (10 000 = 1 ETPT)'),
  paidByGroupingEtpt: Etpt,
  secondedEtpt: Etpt,
  overCeiling: z.boolean(),
  byCategory: z.array(AnnualStaffGroup.extend({ category: StaffCategory })),
  byFunder: z.array(AnnualStaffGroup),
});
export type AnnualStaffSection = z.infer<typeof AnnualStaffSection>;

/**
 * One line of the MIG H15: a funded post (psychiatrist, psychologist, medical auxiliary), operating
 * costs, or `personnel`: the spending of the posts held by fewer than 3 people each, merged (each
 * such post keeps its ETPT and head count, its `spentCents` is null with `spentMasked`).
 */
export const AnnualMigH15Line = z.object({
  key: z.union([MigPost, z.literal('operating'), z.literal('personnel')]),
  label: z.string(),
  fundedEtp: nullableCount.describe('Postes financés (null pour le fonctionnement)'),
  actualEtpt: Etpt.nullable(),
  /** Distinct people who held the post in the year (null for operating costs). */
  headcount: nullableCount.optional(),
  fundedCents: cents,
  spentCents: nullableCents,
  spentMasked: StaffCostMask.nullable().optional(),
});
export type AnnualMigH15Line = z.infer<typeof AnnualMigH15Line>;

/**
 * The MIG H15's credits, line by line (a post, the merged posts of fewer than 3 people, operating
 * costs): initial budget, open credits after amending budgets and transfers (and what transfers
 * moved), committed, paid, restes à payer (committed − paid on those commitments). The amounts of a
 * post held by fewer than 3 people are null (`masked`), as its spending.
 */
export const AnnualMigH15Credits = z.object({
  key: z.union([MigPost, z.literal('operating'), z.literal('personnel')]),
  label: z.string(),
  initialCents: cents,
  openCents: cents,
  /** Net CP moved onto (+) or off (−) the line by transfers. */
  movedCents: z.number().int(),
  committedCents: nullableCents,
  paidCents: nullableCents,
  remainingToPayCents: nullableCents,
  masked: z.boolean(),
});
export type AnnualMigH15Credits = z.infer<typeof AnnualMigH15Credits>;

export const AnnualMigH15Section = z.object({
  notifiedCents: cents,
  lines: z.array(AnnualMigH15Line),
  /** Absent in snapshots stored before it. */
  credits: z.array(AnnualMigH15Credits).optional(),
});
export type AnnualMigH15Section = z.infer<typeof AnnualMigH15Section>;

export const AnnualInKindSection = z.object({
  /** Valued at full employer cost; null, with `valueMasked`, for an employer of 1 or 2 people of the year. */
  seconded: z.array(z.object({ employerLabel: z.string(), employerKind: EmployerKind, etpt: Etpt, valueCents: nullableCents, valueMasked: StaffCostMask.nullable() })),
  other: z.array(z.object({ kind: InKindKind, label: z.string(), provider: z.string(), valueCents: cents })),
});
export type AnnualInKindSection = z.infer<typeof AnnualInKindSection>;

/**
 * Cost of a destination (mission area) divided by its own unit of work (`missionAreaCostUnits`):
 * euros per person trained by the CN2R, per grant awarded… `code` is the destination (an older
 * snapshot has an activity code there), `activityLabel` the unit of work.
 */
export const AnnualCostPerActivity = z.object({
  code: z.string(),
  label: z.string(),
  activityLabel: z.string(),
  costCents: annualThreeYears(nullableCents),
  volume: annualThreeYears(nullableCount),
  /** costCents / volume rounded half away from zero (null when the volume is missing or zero). */
  unitCostCents: annualThreeYears(nullableCents),
  /** Why a year's spending of the destination is left out of the costs (null: attributed, or no such year); absent in older snapshots. */
  leftOut: annualThreeYears(CostLeftOut.nullable()).optional(),
});
export type AnnualCostPerActivity = z.infer<typeof AnnualCostPerActivity>;

/**
 * The budget statements of a grouping under the GBCP decree (docs/domain/budget-gbcp.md): revenue
 * by origin (forecast = notified, collected), the solde budgétaire (collected − CP paid), the restes
 * à payer (AE consumed − CP consumed on those commitments), the autorisations d'emplois and the
 * équilibre financier (cash on 1 January + solde = cash on 31 December). Built by `budgetStatements`.
 */
export const RevenueOrigin = z.enum(['public', 'own']);
export type RevenueOrigin = z.infer<typeof RevenueOrigin>;
export const revenueOriginLabels: Record<RevenueOrigin, string> = {
  public: 'Financements de l’État et autres financements publics',
  own: 'Ressources propres',
};

export const AnnualBudgetStatements = z.object({
  revenueByOrigin: z.array(z.object({ origin: RevenueOrigin, label: z.string(), notifiedCents: cents, collectedCents: cents, collectedN1Cents: nullableCents })),
  /** N then N-1 (when the year is in the tool). */
  balance: z.array(z.object({ year: z.number().int(), collectedCents: cents, paidCents: cents, balanceCents: cents })),
  /** Per envelope, then the MIG H15's lines. */
  remainingToPay: z.array(z.object({ key: z.string(), label: z.string(), committedCents: cents, paidOnCommitmentsCents: cents, remainingCents: cents })),
  migRemainingToPay: z.object({ committedCents: cents, paidOnCommitmentsCents: cents, remainingCents: cents }).nullable(),
  employment: z.object({
    ceilingEtptBp: basisPoints,
    underCeilingEtpt: Etpt,
    underCeilingHeadcount: count,
    outsideCeilingEtpt: Etpt,
    outsideCeilingHeadcount: count,
    overCeiling: z.boolean(),
  }),
  /** N then N-1: the cash on 1 January (null when finance has not recorded it), the solde, the cash on 31 December. */
  financialBalance: z.array(z.object({ year: z.number().int(), openingCashCents: nullableCents, balanceCents: cents, closingCashCents: nullableCents })),
});
export type AnnualBudgetStatements = z.infer<typeof AnnualBudgetStatements>;

export const FinancialReportData = z.object({
  year: z.number().int().min(2000).max(2100),
  generatedAt,
  edition: ReportEdition.optional(),
  organisation: z.string(),
  narratives: FinancialNarratives,
  keyFigures: z.array(AnnualKeyFigure),
  execution: AnnualExecutionSection,
  revenue: z.array(AnnualRevenueSource),
  spendingByMission: z.array(AnnualMissionSpending),
  staff: AnnualStaffSection,
  migH15: AnnualMigH15Section,
  /** The GBCP statements; absent in snapshots stored before them. */
  statements: AnnualBudgetStatements.optional(),
  inKind: AnnualInKindSection,
  /** Comparison N / N-1 / N-2 (amounts in cents, rates in basis points, by `kind`). */
  threeYears: z.array(AnnualKeyFigure),
  costPerActivity: z.array(AnnualCostPerActivity),
  /** Previous years (N-1, N-2) the summary cannot show, with the reason; absent in older snapshots. */
  missingYears: z.array(z.object({ year: z.number().int(), reason: z.string() })).optional(),
});
export type FinancialReportData = z.infer<typeof FinancialReportData>;
