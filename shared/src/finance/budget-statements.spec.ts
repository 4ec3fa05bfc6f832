import { budgetStatements, type StatementsYear } from './budget-statements.js';

const ETPT = (num: number, den: number, display: string) => ({ num, den, display });

/** Year N: MIG 280 000 € notified, 237 500 € collected; a ministry 150 000 € all collected; own 25 000 € notified, 18 750 € collected; an in-kind source. */
const n: StatementsYear = {
  year: 2026,
  envelopes: [
    { envelope: 'personnel', label: 'Personnel', committedCents: 90_000_000, paidCents: 82_500_000, paidOnCommitmentsCents: 82_500_000 },
    { envelope: 'fonctionnement', label: 'Fonctionnement', committedCents: 12_345_678, paidCents: 10_000_000, paidOnCommitmentsCents: 9_000_000 },
  ],
  revenue: [
    { nature: 'mig', inKind: false, notifiedCents: 28_000_000, collectedCents: 23_750_000 },
    { nature: 'financial_contribution', inKind: false, notifiedCents: 15_000_000, collectedCents: 15_000_000 },
    { nature: 'own', inKind: false, notifiedCents: 2_500_000, collectedCents: 1_875_000 },
    { nature: 'seconded_staff', inKind: true, notifiedCents: 21_000_000, collectedCents: 0 },
  ],
  openingCashCents: 31_500_000,
};
const n1: StatementsYear = {
  year: 2025,
  envelopes: [{ envelope: 'personnel', label: 'Personnel', committedCents: 40_000_000, paidCents: 40_000_000, paidOnCommitmentsCents: 40_000_000 }],
  revenue: [{ nature: 'mig', inKind: false, notifiedCents: 28_000_000, collectedCents: 28_000_000 }],
  openingCashCents: null,
};
const employment = {
  ceilingEtptBp: 50_000,
  underCeilingEtpt: ETPT(22, 5, '4,40'),
  underCeilingHeadcount: 5,
  outsideCeilingEtpt: ETPT(3, 2, '1,50'),
  outsideCeilingHeadcount: 2,
  overCeiling: false,
};

describe('budgetStatements', () => {
  const statements = budgetStatements({ n, n1, mig: { committedCents: 27_000_000, paidOnCommitmentsCents: 24_815_476 }, employment });

  it('states revenue by origin, notified and collected, cash sources only (the in-kind secondment is left out)', () => {
    expect(statements.revenueByOrigin).toEqual([
      // 280 000 + 150 000 notified; 237 500 + 150 000 collected; N-1: 280 000.
      { origin: 'public', label: 'Financements de l’État et autres financements publics', notifiedCents: 43_000_000, collectedCents: 38_750_000, collectedN1Cents: 28_000_000 },
      // N-1 had no own resources: 0, not null (the year is in the tool).
      { origin: 'own', label: 'Ressources propres', notifiedCents: 2_500_000, collectedCents: 1_875_000, collectedN1Cents: 0 },
    ]);
  });

  it('computes the solde budgétaire as collected − CP paid, N then N-1', () => {
    // N: 387 500 + 18 750 = 406 250 € collected; 825 000 + 100 000 = 925 000 € paid; −518 750 €.
    expect(statements.balance).toEqual([
      { year: 2026, collectedCents: 40_625_000, paidCents: 92_500_000, balanceCents: -51_875_000 },
      { year: 2025, collectedCents: 28_000_000, paidCents: 40_000_000, balanceCents: -12_000_000 },
    ]);
  });

  it('computes the restes à payer per envelope on the commitments only, and for the MIG H15', () => {
    // Fonctionnement: 123 456,78 committed − 90 000 paid on them = 33 456,78 € (the 10 000 € paid without commitment do not count).
    expect(statements.remainingToPay).toEqual([
      { key: 'personnel', label: 'Personnel', committedCents: 90_000_000, paidOnCommitmentsCents: 82_500_000, remainingCents: 7_500_000 },
      { key: 'fonctionnement', label: 'Fonctionnement', committedCents: 12_345_678, paidOnCommitmentsCents: 9_000_000, remainingCents: 3_345_678 },
    ]);
    // 270 000 − 248 154,76 = 21 845,24 €.
    expect(statements.migRemainingToPay).toEqual({ committedCents: 27_000_000, paidOnCommitmentsCents: 24_815_476, remainingCents: 2_184_524 });
  });

  it('carries the staff authorisations as given', () => {
    expect(statements.employment).toEqual(employment);
  });

  it('balances the cash: 1 January + solde = 31 December, and says nothing of a year whose opening cash is not recorded', () => {
    // 315 000 − 518 750 = −203 750 €.
    expect(statements.financialBalance).toEqual([
      { year: 2026, openingCashCents: 31_500_000, balanceCents: -51_875_000, closingCashCents: -20_375_000 },
      { year: 2025, openingCashCents: null, balanceCents: -12_000_000, closingCashCents: null },
    ]);
  });

  it('has no N-1 column when the year is not in the tool, and no MIG row without a MIG source', () => {
    const alone = budgetStatements({ n, n1: null, mig: null, employment });
    expect(alone.balance.map((b) => b.year)).toEqual([2026]);
    expect(alone.revenueByOrigin.map((r) => r.collectedN1Cents)).toEqual([null, null]);
    expect(alone.migRemainingToPay).toBeNull();
  });
});
