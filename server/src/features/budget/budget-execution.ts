import {
  type BudgetExecution,
  type BudgetLine,
  type ExecutionFigures,
  type ExecutionGroup,
  type ExecutionLine,
  type FundingSource,
  type LineForecast,
  type ReferenceItem,
  executionAlerts,
  executionRateBp,
  forecastLinear,
  theoreticalRateBp,
} from '@cn2r/shared';
import type { LineTotals } from './budget-repository.js';

interface Sums {
  openAeCents: number;
  openCpCents: number;
  committedCents: number;
  paidCents: number;
}

/** The year-end landing of a line or a group: the projection, the landing used and what it is made of. */
interface Landing {
  projectedPaidCents: number | null;
  forecastPaidCents: number | null;
  forecastSource: ExecutionFigures['forecastSource'];
}

function figures(s: Sums, landing: Landing, year: number, asOf: string): ExecutionFigures {
  return {
    openAeCents: s.openAeCents,
    openCpCents: s.openCpCents,
    committedCents: s.committedCents,
    paidCents: s.paidCents,
    leftAeCents: s.openAeCents - s.committedCents,
    leftCpCents: s.openCpCents - s.paidCents,
    aeRateBp: executionRateBp(s.committedCents, s.openAeCents),
    cpRateBp: executionRateBp(s.paidCents, s.openCpCents),
    forecastPaidCents: landing.forecastPaidCents,
    projectedPaidCents: landing.projectedPaidCents,
    forecastSource: landing.forecastSource,
    alerts: executionAlerts({ open: { ae: s.openAeCents, cp: s.openCpCents }, committed: s.committedCents, paid: s.paidCents, asOf, year }),
  };
}

const zero = (): Sums => ({ openAeCents: 0, openCpCents: 0, committedCents: 0, paidCents: 0 });
function add(into: Sums, t: Sums): void {
  into.openAeCents += t.openAeCents;
  into.openCpCents += t.openCpCents;
  into.committedCents += t.committedCents;
  into.paidCents += t.paidCents;
}

/** A line's landing: its manual forecast when there is one, else the projection at the current pace. */
function lineLanding(paidCents: number, manual: LineForecast | undefined, year: number, asOf: string): Landing {
  const projectedPaidCents = forecastLinear(paidCents, asOf, year);
  if (manual) return { projectedPaidCents, forecastPaidCents: manual.amountCents, forecastSource: 'manual' };
  return { projectedPaidCents, forecastPaidCents: projectedPaidCents, forecastSource: projectedPaidCents === null ? null : 'projected' };
}

/**
 * A group's landing, summed from its lines' landings (never re-projected from the group's sums, so
 * a group's figure is the sum of what its lines show). Before the year starts a line without a
 * manual forecast has no projection: it counts for what it paid, and the group's landing is null
 * only when none of its lines has one.
 */
function groupLanding(lines: readonly { sums: Sums; landing: Landing }[]): Landing {
  if (lines.length === 0) return { projectedPaidCents: null, forecastPaidCents: null, forecastSource: null };
  const projected = lines.every((l) => l.landing.projectedPaidCents !== null) ? lines.reduce((sum, l) => sum + l.landing.projectedPaidCents!, 0) : null;
  const manual = lines.filter((l) => l.landing.forecastSource === 'manual').length;
  if (manual === 0) return { projectedPaidCents: projected, forecastPaidCents: projected, forecastSource: projected === null ? null : 'projected' };
  return {
    projectedPaidCents: projected,
    forecastPaidCents: lines.reduce((sum, l) => sum + (l.landing.forecastPaidCents ?? l.sums.paidCents), 0),
    forecastSource: manual === lines.length ? 'manual' : 'mixed',
  };
}

/**
 * The execution of a year: every line, then the same figures summed per envelope, funding source
 * and mission area, and in total. Totals are sums of cents; rates are computed from those sums,
 * never averaged; the year-end landing of a group is the sum of its lines' landings (manual
 * forecast or projection). Pure.
 */
export function computeExecution(input: {
  year: number;
  asOf: string;
  lines: readonly BudgetLine[];
  totals: ReadonlyMap<number, LineTotals>;
  forecasts?: ReadonlyMap<number, LineForecast>;
  envelopes: readonly ReferenceItem[];
  missionAreas: readonly ReferenceItem[];
  fundingSources: readonly FundingSource[];
}): BudgetExecution {
  const { year, asOf } = input;
  const perLine = input.lines.map((line) => {
    const t = input.totals.get(line.id);
    const sums: Sums = t ? { openAeCents: t.openAeCents, openCpCents: t.openCpCents, committedCents: t.committedCents, paidCents: t.paidCents } : zero();
    const manual = input.forecasts?.get(line.id);
    return { line, sums, manual: manual ?? null, landing: lineLanding(sums.paidCents, manual, year, asOf) };
  });
  const aggregate = (members: typeof perLine) => {
    const sums = zero();
    for (const m of members) add(sums, m.sums);
    return figures(sums, groupLanding(members), year, asOf);
  };
  const group = (items: readonly { key: string; label: string }[], keyOf: (line: BudgetLine) => string): ExecutionGroup[] =>
    items.flatMap((i) => {
      const members = perLine.filter((m) => keyOf(m.line) === i.key);
      return members.length === 0 ? [] : [{ key: i.key, label: i.label, ...aggregate(members) }];
    });
  const sourceCode = new Map(input.fundingSources.map((f) => [f.id, f.code]));
  return {
    year,
    asOf,
    theoreticalRateBp: theoreticalRateBp(asOf, year),
    lines: perLine.map(
      ({ line, sums, manual, landing }): ExecutionLine => ({
        lineId: line.id,
        code: line.code,
        label: line.label,
        envelope: line.envelope,
        missionArea: line.missionArea,
        fundingSourceId: line.fundingSourceId,
        manualForecast: manual,
        ...figures(sums, landing, year, asOf),
      }),
    ),
    byEnvelope: group(
      input.envelopes.map((e) => ({ key: e.code, label: e.label })),
      (l) => l.envelope,
    ),
    byFundingSource: group(
      input.fundingSources.map((f) => ({ key: f.code, label: f.label })),
      (l) => sourceCode.get(l.fundingSourceId)!,
    ),
    byMissionArea: group(
      input.missionAreas.map((m) => ({ key: m.code, label: m.label })),
      (l) => l.missionArea,
    ),
    total: aggregate(perLine),
  };
}
