import { type BudgetComparison, type BudgetLine, type ComparisonCell, type ComparisonRow, type FundingSource, type ReferenceItem, executionRateBp } from '@cn2r/shared';
import type { LineTotals } from './budget-repository.js';

export interface ComparisonYear {
  readonly year: number;
  readonly lines: readonly BudgetLine[];
  readonly totals: ReadonlyMap<number, LineTotals>;
}

function cell(year: number, members: readonly LineTotals[]): ComparisonCell {
  const s = { openAeCents: 0, openCpCents: 0, committedCents: 0, paidCents: 0 };
  for (const t of members) {
    s.openAeCents += t.openAeCents;
    s.openCpCents += t.openCpCents;
    s.committedCents += t.committedCents;
    s.paidCents += t.paidCents;
  }
  return { year, present: members.length > 0, ...s, aeRateBp: executionRateBp(s.committedCents, s.openAeCents), cpRateBp: executionRateBp(s.paidCents, s.openCpCents) };
}

/**
 * Several fiscal years side by side: per line (matched by code across years), envelope, funding
 * source and mission area, and in total, the open credits, commitments, payments and rates of
 * each year. A row has one cell per year, `present: false` and zeros in a year it has no line.
 * Sums of cents, rates from the sums. Pure.
 */
export function computeComparison(input: {
  from: number;
  to: number;
  years: readonly ComparisonYear[];
  envelopes: readonly ReferenceItem[];
  missionAreas: readonly ReferenceItem[];
  fundingSources: readonly FundingSource[];
}): BudgetComparison {
  const sourceById = new Map(input.fundingSources.map((f) => [f.id, f]));
  const zero: LineTotals = { lineId: 0, openAeCents: 0, openCpCents: 0, committedCents: 0, paidCents: 0 };
  /** Rows in the given order of keys, each with the lines of every year whose key matches; keys never used are left out. */
  const rows = (keys: readonly { key: string; label: string }[], keyOf: (line: BudgetLine) => string): ComparisonRow[] =>
    keys.flatMap(({ key, label }) => {
      const years = input.years.map((y) => cell(y.year, y.lines.filter((l) => keyOf(l) === key).map((l) => y.totals.get(l.id) ?? zero)));
      return years.some((c) => c.present) ? [{ key, label, years }] : [];
    });

  // Line codes in order, each labelled as in the latest year it appears in.
  const lineLabels = new Map<string, string>();
  for (const y of input.years) for (const line of y.lines) lineLabels.set(line.code, line.label);
  const lineKeys = [...lineLabels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, label]) => ({ key, label }));

  return {
    from: input.from,
    to: input.to,
    years: input.years.map((y) => y.year),
    lines: rows(lineKeys, (l) => l.code),
    byEnvelope: rows(
      input.envelopes.map((e) => ({ key: e.code, label: e.label })),
      (l) => l.envelope,
    ),
    byFundingSource: rows(
      input.fundingSources.map((f) => ({ key: f.code, label: f.label })),
      (l) => sourceById.get(l.fundingSourceId)!.code,
    ),
    byMissionArea: rows(
      input.missionAreas.map((m) => ({ key: m.code, label: m.label })),
      (l) => l.missionArea,
    ),
    total: { key: 'total', label: 'Total', years: input.years.map((y) => cell(y.year, y.lines.map((l) => y.totals.get(l.id) ?? zero))) },
  };
}
