import type { FinancialReportData } from '@cn2r/shared';
import { financialReportFixture, WORKED_EXAMPLE } from './annual-report-fixture.js';
import { cellNumber, type AnnualCell } from './annual-document.js';
import { financialSummaryDocument, MASKED_COST_TEXT, MIG_MERGED_NOTE } from './financial-summary-document.js';

/**
 * The MIG H15 and revenue sections of the financial summary when the server has merged the posts
 * of fewer than 3 people and withheld the paid amount of a funder whose personnel line is merged
 * with other funders': no single person's spending is printed, nor follows from a subtraction.
 */
function merged(): FinancialReportData {
  const data = financialReportFixture();
  const posts = data.migH15.lines.filter((l) => l.key !== 'operating');
  const operating = data.migH15.lines.find((l) => l.key === 'operating')!;
  const personnel = posts.reduce((a, l) => a + (l.spentCents ?? 0), 0);
  return {
    ...data,
    migH15: {
      ...data.migH15,
      lines: [
        ...posts.map((l) => ({ ...l, headcount: 1, spentCents: null, spentMasked: 'fewer_than_3_people' as const })),
        { key: 'personnel', label: 'Dépenses de personnel des postes regroupés (3 postes, 3 personnes)', fundedEtp: null, actualEtpt: null, headcount: 3, fundedCents: 0, spentCents: personnel, spentMasked: null },
        operating,
      ],
      credits: [
        ...data.migH15.credits!.filter((c) => c.key !== 'operating').map((c) => ({ ...c, committedCents: null, paidCents: null, remainingToPayCents: null, masked: true })),
        { key: 'personnel', label: 'Postes regroupés (3 postes, 3 personnes)', initialCents: 0, openCents: 0, movedCents: 0, committedCents: personnel, paidCents: personnel, remainingToPayCents: 0, masked: false },
        data.migH15.credits!.find((c) => c.key === 'operating')!,
      ],
    },
    revenue: data.revenue.map((r, i) => (i === 1 ? { ...r, paidCents: null, paidMasked: 'fewer_than_3_people' as const } : r)),
  };
}

describe('financial summary: personnel spending merged for the general assembly', () => {
  const data = merged();
  const doc = financialSummaryDocument(data);
  const numbers = (cells: readonly AnnualCell[]) => cells.map((c) => cellNumber('euros', c)).filter((v): v is number => v !== null);

  it('prints no post’s spending, only the merged personnel row, and the same total', () => {
    const [table] = doc.sections.find((s) => s.key === 'mig_h15')!.tables;
    const printed = table.rows.flatMap((r) => numbers([r[4]]));
    // The worked example's three posts (one person each) are absent; the merged row and operating costs remain.
    for (const cents of [WORKED_EXAMPLE.psychiatristCents, WORKED_EXAMPLE.psychologistCents, WORKED_EXAMPLE.auxiliaryCents]) {
      expect(printed).not.toContain(cents / 100);
      // Nor by subtraction of two printed amounts of the table.
      expect(printed.some((a) => printed.includes(Math.round((a - cents / 100) * 100) / 100))).toBeFalse();
    }
    expect(table.rows.filter((r) => r[4] === MASKED_COST_TEXT).length).toBe(3);
    expect(table.rows.map((r) => r[0])).toContain('Psychiatre (1 ETP) — 1 personne');
    expect(table.notes).toContain(MIG_MERGED_NOTE);
    const reliquat = doc.sections.find((s) => s.key === 'mig_h15')!.tables.find((t) => t.title === 'Montant notifié et reliquat')!;
    expect(reliquat.rows[1][1]).toBe(WORKED_EXAMPLE.totalCents);
    // The credits table neither: the posts' open credits, the merged row's spending (its credits shown as « — »).
    const credits = doc.sections.find((s) => s.key === 'mig_h15')!.tables.find((t) => t.title?.startsWith('Crédits de la MIG H15'))!;
    const spending = credits.rows.flatMap((r) => numbers(r.slice(4)));
    for (const cents of [WORKED_EXAMPLE.psychiatristCents, WORKED_EXAMPLE.psychologistCents, WORKED_EXAMPLE.auxiliaryCents]) {
      expect(spending).not.toContain(cents / 100);
      expect(spending.some((a) => spending.includes(Math.round((a - cents / 100) * 100) / 100))).toBeFalse();
    }
    expect(credits.rows.find((r) => r[0] === 'Postes regroupés (3 postes, 3 personnes)')!.slice(1, 4)).toEqual([null, null, null]);
  });

  it('shows « masqué » for a funder’s paid amount and leaves that column without a total', () => {
    const [table] = doc.sections.find((s) => s.key === 'revenue')!.tables;
    expect(table.rows[1][5]).toBe(MASKED_COST_TEXT);
    expect(table.columns[5].total).toBeUndefined();
  });
});
