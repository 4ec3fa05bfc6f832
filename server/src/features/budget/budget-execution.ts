import {
  type BudgetExecution,
  type BudgetLine,
  type ExecutionFigures,
  type ExecutionGroup,
  type FundingSource,
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

function figures(s: Sums, year: number, asOf: string): ExecutionFigures {
  const aeRateBp = executionRateBp(s.committedCents, s.openAeCents);
  const cpRateBp = executionRateBp(s.paidCents, s.openCpCents);
  return {
    openAeCents: s.openAeCents,
    openCpCents: s.openCpCents,
    committedCents: s.committedCents,
    paidCents: s.paidCents,
    leftAeCents: s.openAeCents - s.committedCents,
    leftCpCents: s.openCpCents - s.paidCents,
    aeRateBp,
    cpRateBp,
    forecastPaidCents: forecastLinear(s.paidCents, asOf, year),
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

/**
 * The execution of a year: every line, then the same figures summed per envelope, funding source
 * and mission area, and in total. Totals are sums of cents; rates are computed from those sums,
 * never averaged. Pure.
 */
export function computeExecution(input: {
  year: number;
  asOf: string;
  lines: readonly BudgetLine[];
  totals: ReadonlyMap<number, LineTotals>;
  envelopes: readonly ReferenceItem[];
  missionAreas: readonly ReferenceItem[];
  fundingSources: readonly FundingSource[];
}): BudgetExecution {
  const { year, asOf } = input;
  const group = (items: readonly { key: string; label: string }[], keyOf: (line: BudgetLine) => string): ExecutionGroup[] => {
    const sums = new Map(items.map((i) => [i.key, zero()]));
    for (const line of input.lines) add(sums.get(keyOf(line))!, input.totals.get(line.id) ?? zero());
    const used = new Set(input.lines.map(keyOf));
    return items.filter((i) => used.has(i.key)).map((i) => ({ key: i.key, label: i.label, ...figures(sums.get(i.key)!, year, asOf) }));
  };
  const total = zero();
  for (const line of input.lines) add(total, input.totals.get(line.id) ?? zero());
  return {
    year,
    asOf,
    theoreticalRateBp: theoreticalRateBp(asOf, year),
    lines: input.lines.map((line) => ({
      lineId: line.id,
      code: line.code,
      label: line.label,
      envelope: line.envelope,
      missionArea: line.missionArea,
      fundingSourceId: line.fundingSourceId,
      ...figures(input.totals.get(line.id) ?? zero(), year, asOf),
    })),
    byEnvelope: group(
      input.envelopes.map((e) => ({ key: e.code, label: e.label })),
      (l) => l.envelope,
    ),
    byFundingSource: group(
      input.fundingSources.map((f) => ({ key: f.code, label: f.label })),
      (l) => input.fundingSources.find((f) => f.id === l.fundingSourceId)!.code,
    ),
    byMissionArea: group(
      input.missionAreas.map((m) => ({ key: m.code, label: m.label })),
      (l) => l.missionArea,
    ),
    total: figures(total, year, asOf),
  };
}
