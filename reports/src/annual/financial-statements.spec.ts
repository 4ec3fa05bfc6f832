import { formatEuros } from '@cn2r/shared';
import { financialReportFixture } from './annual-report-fixture.js';
import { financialSummaryDocument } from './financial-summary-document.js';

describe('financial summary: the GBCP budget statements', () => {
  const document = financialSummaryDocument(financialReportFixture());
  const statements = document.sections.find((s) => s.key === 'budget_statements')!;

  it('follows the execution with the five statements, N-1 beside N', () => {
    expect(document.sections.map((s) => s.key).slice(0, 4)).toEqual(['key_figures', 'execution', 'budget_statements', 'revenue']);
    expect(statements.title).toBe('États budgétaires');
    expect(statements.tables.map((t) => t.title)).toEqual([
      'Recettes budgétaires 2026 par origine',
      'Solde budgétaire',
      'Restes à payer au 31 décembre 2026',
      'Autorisations d’emplois 2026',
      'Équilibre financier',
    ]);
    const [revenue, balance, remaining, , cash] = statements.tables;
    expect(revenue.columns.map((c) => c.header)).toEqual(['Origine', 'Prévisions (notifié) 2026', 'Recettes encaissées 2026', 'Taux d’encaissement', 'Recettes encaissées 2025']);
    expect(balance.columns.map((c) => c.header)).toEqual(['Mesure', '2025', '2026']);
    expect(balance.rows).toEqual([
      ['Recettes encaissées', 42_000_000, 40_625_000],
      ['Crédits de paiement consommés (dépenses payées)', 40_000_000, 41_000_000],
      ['Solde budgétaire (négatif : déficit)', 2_000_000, -375_000],
    ]);
    expect(remaining.rows.map((r) => r.slice(0, 3))).toEqual([
      ['Personnel', 30_000_000, 29_000_000],
      ['Fonctionnement', 12_345_678, 9_000_000],
    ]);
    expect(remaining.notes?.join(' ')).toContain(`Dont MIG H15 : ${formatEuros(27_000_000)} engagés, ${formatEuros(24_815_476)} payés sur ces engagements, ${formatEuros(2_184_524)} restant à payer.`);
    expect(cash.rows).toEqual([
      ['Trésorerie au 1er janvier', null, 31_500_000],
      ['Solde budgétaire de l’année', 2_000_000, -375_000],
      ['Trésorerie au 31 décembre', null, 31_125_000],
    ]);
    expect(cash.notes).toContain('Trésorerie au 1er janvier non saisie pour 2025 : la saisir dans Budget › Recettes.');
  });

  it('shows what each source paid in cash beside what it notified (nothing for an in-kind source), the consumed share still against the notified', () => {
    const data = financialReportFixture();
    const withCollected = { ...data, revenue: data.revenue.map((r) => ({ ...r, collectedCents: r.inKind ? null : r.notifiedCents - 100 })) };
    const [table] = financialSummaryDocument(withCollected).sections.find((s) => s.key === 'revenue')!.tables;
    expect(table.columns.map((c) => c.header).slice(3)).toEqual(['Notifié 2025', 'Notifié 2026', 'Encaissé 2026', 'CP payés sur ses lignes 2026', 'Part consommée']);
    expect(table.columns[7].derived).toEqual({ ratio: [6, 4] });
    const inKind = withCollected.revenue.findIndex((r) => r.inKind);
    if (inKind >= 0) expect(table.rows[inKind][5]).toBeNull();
    expect(financialSummaryDocument(data).sections.find((s) => s.key === 'revenue')!.tables[0].columns.map((c) => c.header)).not.toContain('Encaissé 2026');
  });

  it('leaves the section out of a snapshot stored before the statements', () => {
    const { statements: _, ...older } = financialReportFixture();
    expect(financialSummaryDocument(older).sections.map((s) => s.key)).not.toContain('budget_statements');
  });
});

describe('financial summary: the MIG H15 credits follow-up', () => {
  const migTable = (data = financialReportFixture()) => financialSummaryDocument(data).sections.find((s) => s.key === 'mig_h15')!.tables.find((t) => t.title?.startsWith('Crédits de la MIG H15'));

  it('gives each post its initial budget, open credits after transfers, committed, paid and reste à payer, and says what transfers moved', () => {
    const table = migTable()!;
    expect(table.columns.map((c) => c.header)).toEqual(['Ligne', 'Budget initial', 'Crédits ouverts', 'Dont virements', 'Engagé', 'Payé', 'Reste à payer']);
    expect(table.rows).toEqual([
      ['Psychiatre (1 ETP)', 12_000_000, 12_000_000, 0, 10_060_274, 10_060_274, 0],
      ['Psychologue clinicien (1 ETP)', 6_000_000, 5_500_000, -500_000, 5_142_857, 5_142_857, 0],
      ['Auxiliaire médical (1 ETP)', 6_000_000, 6_000_000, 0, 6_000_000, 6_000_000, 0],
      ['Frais de fonctionnement', 4_000_000, 4_500_000, 500_000, 4_400_000, 3_612_345, 787_655],
    ]);
    // By hand: 28 000 000 open in all (the 280 000 € notified), 24 815 476 paid (the worked example).
    expect(table.rows.reduce((s, r) => s + (r[2] as number), 0)).toBe(28_000_000);
    expect(table.rows.reduce((s, r) => s + (r[5] as number), 0)).toBe(24_815_476);
    expect(table.columns.slice(1).every((c) => c.total === 'sum')).toBeTrue();
    expect(table.notes).toContain(
      `Des virements ont déplacé des crédits : Psychologue clinicien (1 ETP) −${formatEuros(500_000)}, Frais de fonctionnement +${formatEuros(500_000)} ; les crédits ouverts en tiennent compte.`,
    );
  });

  it('shows a post of fewer than 3 people its credits, not its spending, and then no spending total', () => {
    const data = financialReportFixture();
    const credits = data.migH15.credits!.map((c) => (c.key === 'psychiatrist' ? { ...c, committedCents: null, paidCents: null, remainingToPayCents: null, masked: true } : c));
    const table = migTable({ ...data, migH15: { ...data.migH15, credits } })!;
    expect(table.rows[0]).toEqual(['Psychiatre (1 ETP)', 12_000_000, 12_000_000, 0, 'masqué (moins de 3 personnes)', 'masqué (moins de 3 personnes)', 'masqué (moins de 3 personnes)']);
    expect(table.columns.slice(4).every((c) => c.total === undefined)).toBeTrue();
    expect(table.notes!.join(' ')).toContain('Secret des rémunérations');
  });

  it('is absent from a snapshot stored before it', () => {
    const data = financialReportFixture();
    expect(migTable({ ...data, migH15: { notifiedCents: data.migH15.notifiedCents, lines: data.migH15.lines } })).toBeUndefined();
  });
});

describe('financial summary: a source that paid more than it brought', () => {
  it('is flagged in a note with the amount and the share, and the gap financed by the other resources', () => {
    const data = financialReportFixture();
    const [first, ...rest] = data.revenue;
    const overrun = { ...first, label: 'Ministère de la Santé (DGS) — subvention', notifiedCents: 4_000_000, paidCents: 8_160_000 };
    const document = financialSummaryDocument({ ...data, revenue: [overrun, ...rest] });
    const notes = document.sections.find((s) => s.key === 'revenue')!.tables[0].notes!;
    expect(notes).toContain(
      `Dépassement — Ministère de la Santé (DGS) — subvention : ${formatEuros(8_160_000)} payés sur ses lignes pour ${formatEuros(4_000_000)} notifiés (204 %) ; les ${formatEuros(4_160_000)} d’écart sont financés par les autres ressources du groupement (voir le commentaire de la section).`,
    );
    // Within its notification, or its paid amount masked: no note.
    const within = financialSummaryDocument({ ...data, revenue: [{ ...overrun, paidCents: 3_000_000 }, ...rest] });
    const masked = financialSummaryDocument({ ...data, revenue: [{ ...overrun, paidCents: null }, ...rest] });
    for (const d of [within, masked]) expect(d.sections.find((s) => s.key === 'revenue')!.tables[0].notes!.some((n) => n.startsWith('Dépassement'))).toBeFalse();
  });
});
