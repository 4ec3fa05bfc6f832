import type { BudgetExecution, ExecutionFigures, FiscalYear } from '@cn2r/shared';

/** Test data in the API's shape. Used by the specs only. */
export const aFiscalYear = (year: number, status: FiscalYear['status'] = 'open'): FiscalYear => ({
  year,
  status,
  createdAt: `${year - 1}-12-01T09:00:00.000Z`,
  updatedAt: `${year - 1}-12-01T09:00:00.000Z`,
  version: 1,
});

/**
 * The year-end landing fields added with the manual forecasts, spread (not written inline) so the
 * fixture fits the API's shape before and after they land.
 */
const landing = { projectedPaidCents: 20_000_000, forecastSource: 'projected' as const };
const noManualForecast = { manualForecast: null };

const figures = (overrides: Partial<ExecutionFigures> = {}): ExecutionFigures => ({
  openAeCents: 28_000_000,
  openCpCents: 28_000_000,
  committedCents: 24_816_400,
  paidCents: 12_000_000,
  leftAeCents: 3_183_600,
  leftCpCents: 16_000_000,
  aeRateBp: 8863,
  cpRateBp: 4286,
  forecastPaidCents: 20_000_000,
  alerts: [],
  ...landing,
  ...overrides,
});

/** 2026 read on 31 August: one line of staff costs, one of operations with a warning. */
export const anExecution = (): BudgetExecution => ({
  year: 2026,
  asOf: '2026-08-31',
  theoreticalRateBp: 6658,
  lines: [
    {
      lineId: 1,
      code: 'PERS-01',
      label: 'Rémunérations',
      envelope: 'personnel',
      missionArea: 'support',
      fundingSourceId: 1,
      ...noManualForecast,
      ...figures(),
    },
    {
      lineId: 2,
      code: 'FONC-01',
      label: 'Déplacements',
      envelope: 'fonctionnement',
      missionArea: 'formation',
      fundingSourceId: 1,
      ...noManualForecast,
      ...figures({
        openAeCents: 1_000_000,
        openCpCents: 1_000_000,
        committedCents: 950_000,
        paidCents: 500_000,
        leftAeCents: 50_000,
        leftCpCents: 500_000,
        aeRateBp: 9500,
        cpRateBp: 5000,
        forecastPaidCents: null,
        alerts: [{ level: 'warning', code: 'over_90', measure: 'committed', message: 'Engagements à 95 % des AE ouvertes.' }],
      }),
    },
  ],
  byEnvelope: [
    { key: 'personnel', label: 'Personnel', ...figures() },
    { key: 'fonctionnement', label: 'Fonctionnement', ...figures({ openCpCents: 1_000_000 }) },
  ],
  byFundingSource: [{ key: 'MIG', label: 'Dotation MIG', ...figures() }],
  byMissionArea: [{ key: 'support', label: 'Support', ...figures() }],
  total: figures({ openCpCents: 29_000_000, committedCents: 25_766_400, paidCents: 12_500_000, leftCpCents: 16_500_000, cpRateBp: 4310 }),
});
