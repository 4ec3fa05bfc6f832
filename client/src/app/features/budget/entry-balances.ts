import type { Commitment, Payment } from '@cn2r/shared';

export interface CommitmentBalance {
  /** The commitment less its reversals. */
  readonly netCents: number;
  /** Paid on it, payment reversals deducted (as the server counts it). */
  readonly paidCents: number;
  /** Left to pay on it: net − paid. */
  readonly leftCents: number;
}

/**
 * The balance of each original commitment (reversal entries are folded into the one they
 * reverse): what remains committed, what was paid on it, what is left to pay.
 */
export function commitmentBalances(commitments: readonly Commitment[]): Map<number, CommitmentBalance> {
  const net = new Map<number, number>();
  for (const c of commitments) {
    const id = c.reversesId ?? c.id;
    net.set(id, (net.get(id) ?? 0) + c.amountCents);
  }
  const balances = new Map<number, CommitmentBalance>();
  for (const c of commitments) {
    if (c.reversesId !== null) continue;
    const netCents = net.get(c.id) ?? c.amountCents;
    balances.set(c.id, { netCents, paidCents: c.paidCents, leftCents: netCents - c.paidCents });
  }
  return balances;
}

/** What may still be reversed of each original payment: its amount less its reversals. */
export function paymentReversible(payments: readonly Payment[]): Map<number, number> {
  const net = new Map<number, number>();
  for (const p of payments) {
    const id = p.reversesId ?? p.id;
    net.set(id, (net.get(id) ?? 0) + p.amountCents);
  }
  return net;
}
