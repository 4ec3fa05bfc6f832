import type { AdminDashboard, BoardDashboard, CostPerActivity, DashboardIndicatorRef, ExecutionRow, FinanceDashboard, MapDashboard, TrendSpan, UnitLeadDashboard } from '@cn2r/shared';

const indicator = (code: string, label: string, unitOfMeasure = 'patients'): DashboardIndicatorRef => ({
  code,
  label,
  domain: 'activite_clinique',
  unitKind: 'crp',
  valueType: 'count',
  unitOfMeasure,
  timeAggregation: 'sum',
  unitAggregation: 'sum',
  expectedResult: null,
});

/** The median delay split adult / minor: its options do not add up, so the server gives one indicator per option (`ACT_WAIT_D[adulte]`). */
const delay = (option: 'adulte' | 'mineur'): DashboardIndicatorRef => ({
  ...indicator(`ACT_WAIT_D[${option}]`, `Délai médian d’accès — ${option === 'adulte' ? 'Adulte (18 ans et plus)' : 'Mineur (moins de 18 ans)'}`, 'jours'),
  valueType: 'days',
  timeAggregation: 'average',
  unitAggregation: 'median',
});

/** The years of a fixture's trends: the two complete years up to `year`, nothing under way. */
const wholeYears = (year: number): TrendSpan => ({ years: [year - 1, year], yearUnderWay: null });

export function aUnitLeadDashboard(year = 2025): UnitLeadDashboard {
  return {
    year,
    unit: { id: 1, code: 'CRP-IDF', name: 'CRP Île-de-France', region: 'Île-de-France', kind: 'crp' },
    campaign: { id: 3, label: `Campagne ${year}`, status: 'open' },
    periods: [
      {
        period: `${year}-Q1`, label: `T1 ${year}`, opensOn: `${year}-04-01`, dueOn: `${year}-04-30`, expected: true, status: 'validated', late: false,
        daysLeft: null, filledPercent: 100, submittedAt: null, validatedAt: null, returnedAt: null, returnMessage: null, changedSinceValidation: false,
      },
      {
        period: `${year}-Q2`, label: `T2 ${year}`, opensOn: `${year}-07-01`, dueOn: `${year}-07-31`, expected: true, status: 'returned', late: true,
        daysLeft: -3, filledPercent: 87.5, submittedAt: null, validatedAt: null, returnedAt: `${year}-08-01T10:00:00.000Z`,
        returnMessage: 'La file active des 0–5 ans semble inversée avec les 6–11 ans.', changedSinceValidation: false,
      },
    ],
    trend: wholeYears(year),
    keyIndicators: [
      {
        ...indicator('ACT_FA', 'File active'),
        points: [
          { year: year - 1, value: 812, validated: true, networkMedian: 640.5, networkUnits: 9 },
          { year, value: 880, validated: false, networkMedian: null, networkUnits: 0 },
        ],
      },
      {
        ...delay('adulte'),
        points: [
          { year: year - 1, value: 32, validated: true, networkMedian: 28.5, networkUnits: 8 },
          { year, value: 35.5, validated: true, networkMedian: 30, networkUnits: 9 },
        ],
      },
      {
        ...delay('mineur'),
        points: [
          { year: year - 1, value: 61, validated: true, networkMedian: 45, networkUnits: 8 },
          { year, value: null, validated: false, networkMedian: 47, networkUnits: 9 },
        ],
      },
    ],
    warnings: [
      { kind: 'outlier', period: `${year}-Q2`, periodLabel: `T2 ${year}`, code: 'ACT_CS', optionCode: null, message: 'Consultations : +62 % par rapport à T2 l’an dernier.', explanation: null, toExplain: true },
    ],
  };
}

export function anAdminDashboard(year = 2025): AdminDashboard {
  return {
    year,
    periods: [
      { period: `${year}-Q1`, label: `T1 ${year}`, dueOn: `${year}-04-30` },
      { period: `${year}-Q2`, label: `T2 ${year}`, dueOn: `${year}-07-31` },
    ],
    units: [
      { id: 1, code: 'CRP-GE', name: 'CRP Grand Est' },
      { id: 2, code: 'CRP-MQ', name: 'CRP Martinique' },
    ],
    completeness: {
      cells: [
        { unitId: 1, period: `${year}-Q1`, expected: true, status: 'validated', late: false, filledPercent: 100, changedSinceValidation: false },
        { unitId: 1, period: `${year}-Q2`, expected: true, status: 'draft', late: true, filledPercent: 45.5, changedSinceValidation: false },
        { unitId: 2, period: `${year}-Q1`, expected: false, status: 'not_started', late: false, filledPercent: null, changedSinceValidation: false },
        { unitId: 2, period: `${year}-Q2`, expected: true, status: 'submitted', late: false, filledPercent: 90, changedSinceValidation: false },
      ],
      expected: 3, validated: 1, submitted: 1, returned: 0, draft: 1, notStarted: 0, late: 1,
    },
    lateUnits: [{ id: 1, code: 'CRP-GE', name: 'CRP Grand Est', periods: [`T2 ${year}`], daysLate: 12 }],
    outlierThresholdPercent: 50,
    outliers: [],
    outliersTotal: 0,
    trend: wholeYears(year),
    networkTotals: [
      { ...indicator('ACT_FA', 'File active'), points: [{ year: year - 1, value: 6400, validatedValue: 6400, units: 10, validatedUnits: 10 }, { year, value: 3100, validatedValue: 1500, units: 10, validatedUnits: 4 }] },
    ],
    expectedResults: [
      { expectedResult: 'training', label: 'Référentiels de formation', indicators: [{ ...indicator('FOR_PERS', 'Professionnels formés', 'personnes'), target: 5000, actual: 4200, achievementBp: 8400 }] },
    ],
    recentChanges: [],
  };
}

const execution = (key: string, label: string, open: number, paid: number): ExecutionRow => ({
  key, label, openAeCents: open, openCpCents: open, committedCents: paid, paidCents: paid, forecastPaidCents: paid * 2, theoreticalPaidCents: Math.round(open / 2), aeRateBp: 5000, cpRateBp: Math.round((paid * 10000) / open),
});

export function aFinanceDashboard(year = 2025): FinanceDashboard {
  return {
    year,
    asOf: `${year}-06-30`,
    theoreticalRateBp: 4959,
    fundingSourceId: null,
    fundingSources: [
      { id: 1, code: 'MIG', label: 'Dotation MIG H15' },
      { id: 2, code: 'MESR', label: 'Ministère de l’enseignement supérieur' },
    ],
    total: execution('total', 'Total', 28000000, 12000000),
    byEnvelope: [execution('personnel', 'Personnel', 24000000, 11000000), execution('fonctionnement', 'Fonctionnement', 4000000, 1000000)],
    byFundingSource: [execution('1', 'Dotation MIG H15', 28000000, 12000000)],
    byMissionArea: [],
    lines: [{ ...execution('l1', 'PERS-01 Psychiatre', 12000000, 6000000), lineId: 1, envelope: 'personnel', missionArea: 'animation_reseau', fundingSourceId: 1 }],
    alerts: [{ scope: 'line', key: 'l1', label: 'PERS-01 Psychiatre', level: 'warning', code: 'over_90', measure: 'committed', message: 'Engagements à 95 % des AE ouvertes.' }],
    migPosts: [{ post: 'psychiatrist', label: 'Psychiatre', fundedEtp: 1, actualEtpt: { num: 5, den: 6, display: '0,83' }, vacancyDays: 59 }],
    fteByFunder: [
      { month: `${year}-02`, fundingSourceId: 1, funderLabel: 'Dotation MIG H15', etpBp: 20000 },
      { month: `${year}-01`, fundingSourceId: 1, funderLabel: 'Dotation MIG H15', etpBp: 15000 },
      { month: `${year}-01`, fundingSourceId: 2, funderLabel: 'MESR', etpBp: 5000 },
    ],
  };
}

/**
 * The board of a complete year (2025 against 2024), or of a year under way when `comparison` says
 * so: its trends then stop at the year before, and the API names the year under way through Q3.
 */
export function aBoardDashboard(year = 2025, comparison?: BoardDashboard['comparison']): BoardDashboard {
  const pct = (bp: number) => ({ changeBp: bp, change: { unit: 'percent' as const, bp } });
  return {
    year,
    previousYear: year - 1,
    comparison: comparison ?? { complete: true, periods: [String(year)], previousPeriods: [String(year - 1)], currentLabel: String(year), previousLabel: String(year - 1), label: `${year} contre ${year - 1}` },
    keyFigures: [
      { key: 'ACT_FA', label: 'File active', kind: 'indicator', unitOfMeasure: 'patients', value: 6400, previousValue: 5900, ...pct(847) },
      { key: 'ACT_WAIT_D[adulte]', label: 'Délai médian d’accès — Adulte (18 ans et plus)', kind: 'indicator', unitOfMeasure: 'jours', value: 30, previousValue: 28.5, ...pct(526) },
      { key: 'ACT_WAIT_D[mineur]', label: 'Délai médian d’accès — Mineur (moins de 18 ans)', kind: 'indicator', unitOfMeasure: 'jours', value: 47, previousValue: 45, ...pct(444) },
      { key: 'paid_cp', label: 'Crédits de paiement consommés', kind: 'cents', unitOfMeasure: '€', value: 24815476, previousValue: null, changeBp: null, change: null },
      { key: 'etpt', label: 'ETPT', kind: 'etp_bp', unitOfMeasure: 'ETPT', value: 28300, previousValue: 27000, ...pct(481) },
    ],
    ...(comparison && !comparison.complete
      ? {
          trend: { years: [year - 2, year - 1], yearUnderWay: { year, throughPeriod: `${year}-Q3`, endedLabel: comparison.currentLabel } },
          activityTrends: [{ ...indicator('ACT_FA', 'File active'), points: [{ year: year - 2, value: 5900, units: 10 }, { year: year - 1, value: 6400, units: 10 }] }],
        }
      : {
          trend: wholeYears(year),
          activityTrends: [{ ...indicator('ACT_FA', 'File active'), points: [{ year: year - 1, value: 5900, units: 10 }, { year, value: 6400, units: 10 }] }],
        }),
    budget: { asOf: `${year}-06-30`, theoreticalRateBp: 4959, total: execution('total', 'Total', 28000000, 12000000), byEnvelope: [execution('personnel', 'Personnel', 24000000, 11000000)] },
    annualReports: [{ year: year - 1, kind: 'activity', title: `Rapport d’activité ${year - 1}`, url: `/rapports?annee=${year - 1}` }],
  };
}

export function aMapDashboard(year = 2025): MapDashboard {
  return {
    year,
    units: [
      { id: 4, code: 'CRP-HDF', name: 'CRP Hauts-de-France', kind: 'crp', region: 'Hauts-de-France', regionCode: '32', hostInstitution: 'CHU de Lille', openedOn: '2019-01-01', closedOn: null, openInYear: true, keyFigures: [{ code: 'ACT_FA', label: 'File active', unitOfMeasure: 'patients', value: 812 }] },
      { id: 8, code: 'CRP-MQ', name: 'CRP Martinique', kind: 'crp', region: 'Martinique', regionCode: '02', hostInstitution: 'CHU de Martinique', openedOn: '2019-01-01', closedOn: null, openInYear: true, keyFigures: [{ code: 'ACT_FA', label: 'File active', unitOfMeasure: 'patients', value: null }] },
    ],
  };
}

export function aCostPerActivity(year = 2025): CostPerActivity {
  return {
    year,
    spentCents: 10_000_000,
    attributedCents: 7_000_000,
    leftOutCents: 3_000_000,
    byMissionArea: [
      { missionArea: 'formation', label: 'Formation', spentCents: 4_000_000, output: { code: 'CN2R_FOR_PERS', label: 'Personne formée par le CN2R' }, volume: 800, centsPerUnit: 5_000, leftOut: null },
      { missionArea: 'recherche', label: 'Recherche', spentCents: 3_000_000, output: { code: 'CN2R_BOURSES', label: 'Bourse de recherche attribuée' }, volume: 12, centsPerUnit: 250_000, leftOut: null },
      { missionArea: 'animation_reseau', label: 'Animation du réseau', spentCents: 1_000_000, output: { code: 'CN2R_NET_MEET', label: 'Réunion du réseau animée par le CN2R' }, volume: null, centsPerUnit: null, leftOut: 'no_validated_volume' },
      { missionArea: 'support', label: 'Support', spentCents: 2_000_000, output: null, volume: null, centsPerUnit: null, leftOut: 'no_measured_output' },
    ],
  };
}
