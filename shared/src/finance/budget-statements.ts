import type { Envelope, FundingNature } from '../schemas/budget.js';
import { type AnnualBudgetStatements, type RevenueOrigin, revenueOriginLabels } from '../schemas/annual-report.js';

/** One year's figures the statements are built from (all in cents). */
export interface StatementsYear {
  readonly year: number;
  /** Per envelope: AE consumed (commitments, reversals deducted) and CP consumed, all of them and those on commitments. */
  readonly envelopes: readonly {
    readonly envelope: Envelope;
    readonly label: string;
    readonly committedCents: number;
    readonly paidCents: number;
    readonly paidOnCommitmentsCents: number;
  }[];
  /** Per funding source notified: in-kind sources are left out (they bring no cash). */
  readonly revenue: readonly { readonly nature: FundingNature; readonly inKind: boolean; readonly notifiedCents: number; readonly collectedCents: number }[];
  /** The cash on 1 January as finance recorded it; null when it has not. */
  readonly openingCashCents: number | null;
}

export interface BudgetStatementsInput {
  readonly n: StatementsYear;
  /** N-1 when the tool has the year. */
  readonly n1: StatementsYear | null;
  /** The MIG H15's commitments of year N and the payments on them; null without a MIG source. */
  readonly mig: { readonly committedCents: number; readonly paidOnCommitmentsCents: number } | null;
  readonly employment: AnnualBudgetStatements['employment'];
}

/** Own resources are the grouping's own; every other cash source is public funding (State, other public bodies). */
export const revenueOrigin = (nature: FundingNature): RevenueOrigin => (nature === 'own' ? 'own' : 'public');

const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);

/**
 * The GBCP statements of year N (with N-1 where the decree's tables compare them), from figures
 * read elsewhere — pure, so each statement is checked by hand on a fixture:
 * - revenue by origin: notified (the forecast) and collected, cash sources only;
 * - solde budgétaire = revenue collected − CP consumed;
 * - restes à payer = AE consumed − CP consumed on those commitments, per envelope and for the MIG H15;
 * - équilibre financier: cash on 31 December = cash on 1 January + solde budgétaire (null when the
 *   opening cash is not recorded).
 */
export function budgetStatements(input: BudgetStatementsInput): AnnualBudgetStatements {
  const { n, n1 } = input;
  const cash = (y: StatementsYear) => y.revenue.filter((r) => !r.inKind);
  const collectedOf = (y: StatementsYear, origin: RevenueOrigin) => sum(cash(y).filter((r) => revenueOrigin(r.nature) === origin), (r) => r.collectedCents);
  const origins = (['public', 'own'] as const).filter((origin) => [n, ...(n1 ? [n1] : [])].some((y) => cash(y).some((r) => revenueOrigin(r.nature) === origin)));
  const revenueByOrigin = origins.map((origin) => ({
    origin,
    label: revenueOriginLabels[origin],
    notifiedCents: sum(
      cash(n).filter((r) => revenueOrigin(r.nature) === origin),
      (r) => r.notifiedCents,
    ),
    collectedCents: collectedOf(n, origin),
    collectedN1Cents: n1 ? collectedOf(n1, origin) : null,
  }));

  const balanceOf = (y: StatementsYear) => {
    const collectedCents = sum(cash(y), (r) => r.collectedCents);
    const paidCents = sum(y.envelopes, (e) => e.paidCents);
    return { year: y.year, collectedCents, paidCents, balanceCents: collectedCents - paidCents };
  };
  const years = n1 ? [n, n1] : [n];
  const balance = years.map(balanceOf);

  const remainingToPay = n.envelopes.map((e) => ({
    key: e.envelope,
    label: e.label,
    committedCents: e.committedCents,
    paidOnCommitmentsCents: e.paidOnCommitmentsCents,
    remainingCents: e.committedCents - e.paidOnCommitmentsCents,
  }));
  const migRemainingToPay = input.mig ? { ...input.mig, remainingCents: input.mig.committedCents - input.mig.paidOnCommitmentsCents } : null;

  const financialBalance = years.map((y, i) => {
    const { balanceCents } = balance[i];
    return { year: y.year, openingCashCents: y.openingCashCents, balanceCents, closingCashCents: y.openingCashCents === null ? null : y.openingCashCents + balanceCents };
  });

  return { revenueByOrigin, balance, remainingToPay, migRemainingToPay, employment: input.employment, financialBalance };
}
