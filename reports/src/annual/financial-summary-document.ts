import {
  financialSectionLabels,
  inKindKindLabels,
  employerKindLabels,
  fundingNatureLabels,
  staffCostMaskLabels,
  costLeftOutLabels,
  formatEuros,
  STAFF_COST_GROUP_NOTE,
  COST_PER_ACTIVITY_STAFF_NOTE,
  type AnnualBudgetStatements,
  type AnnualMigH15Credits,
  type FinancialReportData,
  type FinancialSectionKey,
} from '@cn2r/shared';
import { keyFigureTable, frenchDate } from './activity-report-document.js';
import type { AnnualCell, AnnualChart, AnnualColumn, AnnualDocument, AnnualSection, AnnualTable } from './annual-document.js';

/** Sheet names of the financial summary (31 characters at most). */
export const FINANCIAL_SHEETS: Record<FinancialSectionKey, string> = {
  key_figures: 'Chiffres clés',
  execution: 'Exécution par enveloppe',
  budget_statements: 'États budgétaires',
  revenue: 'Recettes',
  spending_by_mission: 'Dépenses par destination',
  staff: 'Personnels',
  mig_h15: 'MIG H15',
  in_kind: 'Contributions en nature',
  three_years: 'Comparaison sur trois ans',
  cost_per_activity: 'Coût par activité',
  annexes: 'Annexes et méthodes',
};

/** An amount in a note: « 12 345,67 € » with no-break spaces the PDF font has. */
const eurosText = (cents: number) => formatEuros(cents);

/**
 * A source whose lines paid more than it brought (« part consommée » over 100 %): said in a note,
 * with the amount paid by the grouping's other resources, so that the assembly reads the
 * « dépassement » explained and the narrative can comment it.
 */
export function overrunNotes(revenue: FinancialReportData['revenue']): string[] {
  return revenue
    .filter((r) => r.paidCents !== null && r.notifiedCents !== null && r.notifiedCents > 0 && r.paidCents > r.notifiedCents)
    .map((r) => {
      const percent = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format((100 * r.paidCents!) / r.notifiedCents!);
      return `Dépassement — ${r.label} : ${eurosText(r.paidCents!)} payés sur ses lignes pour ${eurosText(r.notifiedCents!)} notifiés (${percent} %) ; les ${eurosText(r.paidCents! - r.notifiedCents!)} d’écart sont financés par les autres ressources du groupement (voir le commentaire de la section).`;
    });
}

const euros = (header: string, total = true): AnnualColumn => ({ header, kind: 'euros', total: total ? 'sum' : undefined, width: 17 });

/** What a staff cost over 1 or 2 people of the year shows instead of its amount. */
export const MASKED_COST_TEXT = staffCostMaskLabels.fewer_than_3_people;
export const MASKED_COST_NOTE =
  'Secret des rémunérations : un coût de personnel (ou une valorisation de personnels mis à disposition) portant sur moins de 3 personnes dans l’année est remplacé par « masqué (moins de 3 personnes) » ; les ETPT restent affichés. La colonne n’a alors pas de total.';
export const MIG_MERGED_NOTE =
  'Secret des rémunérations : les dépenses des postes occupés par moins de 3 personnes dans l’année sont regroupées sur la ligne « Dépenses de personnel des postes regroupés » ; chaque poste garde ses ETPT et son effectif.';
export const GROUPING_COST_HEADER = 'Coût pour le groupement (personnels rémunérés ou remboursés par le GIP)';
export const GROUPING_COST_NOTE =
  'Coût pour le groupement : personnels propres et personnels mis à disposition avec remboursement. Les personnels mis à disposition sans remboursement ne coûtent rien au groupement : ils figurent dans les contributions en nature.';

/**
 * A staff amount that may be masked (null: a group of 1 or 2 people; a snapshot stored before the
 * rule has a number and no reason, shown as it is).
 */
const staffAmount = (cents: number | null): AnnualCell => (cents === null ? MASKED_COST_TEXT : cents);

/**
 * Tables of one section whose last column is a staff amount: a column with a masked cell has no
 * total (a sum of the amounts shown would pass for the total), and the rule is stated once, under
 * the section's last table with a masked cell.
 */
function withMaskedCosts(tables: readonly AnnualTable[]): AnnualTable[] {
  const masked = (t: AnnualTable) => t.rows.some((row) => row[t.columns.length - 1] === MASKED_COST_TEXT);
  const lastMasked = tables.reduce((found, t, i) => (masked(t) ? i : found), -1);
  return tables.map((table, index) => {
    if (!masked(table)) return table;
    const last = table.columns.length - 1;
    return {
      ...table,
      columns: table.columns.map((c, i) => (i === last ? { ...c, total: undefined } : c)),
      notes: index === lastMasked ? [...(table.notes ?? []), MASKED_COST_NOTE] : table.notes,
    };
  });
}

/**
 * The MIG H15's credits line by line: initial budget, open credits (after amending budgets and
 * transfers — what transfers moved is said), committed, paid, restes à payer. A post of fewer than
 * 3 people shows its credits, not its spending; the merged row shows the spending, not the credits
 * (already on the posts' rows), so the totals add up.
 */
function migCreditsTable(year: number, credits: readonly AnnualMigH15Credits[]): AnnualTable {
  const anyMasked = credits.some((c) => c.masked);
  const spending = (header: string): AnnualColumn => ({ ...euros(header, !anyMasked) });
  const moved = credits.filter((c) => c.movedCents !== 0);
  return {
    title: `Crédits de la MIG H15 ${year} : ouverts, engagés, payés, restes à payer`,
    columns: [{ header: 'Ligne', kind: 'text', width: 36 }, euros('Budget initial'), euros('Crédits ouverts'), euros('Dont virements'), spending('Engagé'), spending('Payé'), spending('Reste à payer')],
    rows: credits.map((c): AnnualCell[] => {
      const credit = (cents: number) => (c.key === 'personnel' ? null : cents);
      return [c.label, credit(c.initialCents), credit(c.openCents), credit(c.movedCents), staffAmount(c.committedCents), staffAmount(c.paidCents), staffAmount(c.remainingToPayCents)];
    }),
    totalLabel: 'Total',
    notes: [
      'Crédits ouverts : budget initial, budgets rectificatifs et virements adoptés (crédits de paiement). Reste à payer : engagements de l’année non encore payés (engagé − payé sur ces engagements).',
      moved.length === 0
        ? 'Aucun virement n’a déplacé de crédits de la MIG H15 cette année.'
        : `Des virements ont déplacé des crédits : ${moved.map((c) => `${c.label} ${c.movedCents > 0 ? '+' : '−'}${eurosText(Math.abs(c.movedCents))}`).join(', ')} ; les crédits ouverts en tiennent compte.`,
      ...(anyMasked ? [MASKED_COST_NOTE] : []),
    ],
  };
}

export function financialSummaryDocument(data: FinancialReportData): AnnualDocument {
  const { year } = data;
  const years = [String(year - 2), String(year - 1), String(year)];
  const section = (key: FinancialSectionKey, tables: AnnualTable[], charts?: AnnualChart[]): AnnualSection => ({
    key,
    title: financialSectionLabels[key],
    sheetName: FINANCIAL_SHEETS[key],
    narrative: data.narratives[key] ?? '',
    tables,
    charts,
  });

  // A previous year the summary promises but cannot show says why, under each table that has its column.
  const missingNotes = (data.missingYears ?? []).map((m) => `${m.year} : ${m.reason} — pas de chiffres pour cette année.`);
  const withMissingNotes = (tables: AnnualTable[]): AnnualTable[] => (missingNotes.length === 0 ? tables : tables.map((t) => ({ ...t, notes: [...(t.notes ?? []), ...missingNotes] })));
  const keyFigures = section('key_figures', withMissingNotes(keyFigureTable(data.keyFigures, year)));

  const envelopes = data.execution.envelopes;
  const execution = section('execution', [
    {
      title: `Autorisations budgétaires ${year} par enveloppe`,
      columns: [
        { header: 'Enveloppe', kind: 'text', width: 18 },
        euros('BI — AE'),
        euros('BI — CP'),
        euros('BR — AE'),
        euros('BR — CP'),
        euros('Virements — AE'),
        euros('Virements — CP'),
        euros('AE ouvertes'),
        euros('CP ouverts'),
      ],
      rows: envelopes.map((e): AnnualCell[] => [e.label, e.initialAeCents, e.initialCpCents, e.amendingAeCents, e.amendingCpCents, e.transferAeCents, e.transferCpCents, e.openAeCents, e.openCpCents]),
      totalLabel: 'Total',
      notes: ['Crédits limitatifs par enveloppe ; pour le personnel, AE = CP. Crédits ouverts = budget initial + budgets rectificatifs + virements.'],
    },
    {
      title: `Exécution ${year} par enveloppe`,
      columns: [
        { header: 'Enveloppe', kind: 'text', width: 18 },
        euros('AE ouvertes'),
        euros('CP ouverts'),
        euros('AE consommées (engagé)'),
        euros('CP consommés (payé)'),
        { header: 'Taux d’exécution AE', kind: 'percent', derived: { ratio: [3, 1] } },
        { header: 'Taux d’exécution CP', kind: 'percent', derived: { ratio: [4, 2] } },
        { header: 'AE restantes', kind: 'euros', derived: { difference: [1, 3] }, width: 17 },
        { header: 'CP restants', kind: 'euros', derived: { difference: [2, 4] }, width: 17 },
      ],
      rows: envelopes.map((e): AnnualCell[] => [e.label, e.openAeCents, e.openCpCents, e.committedCents, e.paidCents, null, null, null, null]),
      totalLabel: 'Total',
      notes: ['Taux d’exécution = crédits consommés / crédits ouverts ; restant = ouvert − consommé.'],
    },
    {
      title: 'Décisions budgétaires de l’exercice',
      columns: [{ header: 'Décision', kind: 'text', width: 60 }, { header: 'Adoptée le', kind: 'text', width: 16 }],
      rows: data.execution.decisions.map((d) => [d.label, d.adoptedOn ? frenchDate(d.adoptedOn) : 'Non adoptée']),
    },
  ]);

  const budgetStatements = data.statements ? statementsSection(data.statements, year, section) : null;

  const revenuePaidMasked = data.revenue.some((r) => r.paidCents === null);
  // Snapshots stored before the receipts have no collected column.
  const withCollected = data.revenue.some((r) => r.collectedCents !== undefined);
  const revenue = section('revenue', [
    {
      title: `Recettes ${year} par source de financement`,
      columns: [
        { header: 'Source', kind: 'text', width: 40 },
        { header: 'Financeur', kind: 'text', width: 32 },
        { header: 'Nature', kind: 'text', width: 28 },
        euros(`Notifié ${year - 1}`),
        euros(`Notifié ${year}`),
        ...(withCollected ? [euros(`Encaissé ${year}`)] : []),
        // A source whose personnel line of 1 or 2 people is merged with other funders' shows no paid amount, and the column no total.
        euros(`CP payés sur ses lignes ${year}`, !revenuePaidMasked),
        { header: 'Part consommée', kind: 'percent', derived: { ratio: withCollected ? [6, 4] : [5, 4] } },
      ],
      rows: data.revenue.map((r): AnnualCell[] => [
        r.label,
        r.funder,
        `${fundingNatureLabels[r.nature]}${r.inKind ? ' (en nature)' : ''}`,
        r.notifiedN1Cents,
        r.notifiedCents,
        ...(withCollected ? [r.collectedCents ?? null] : []),
        staffAmount(r.paidCents),
        null,
      ]),
      totalLabel: 'Total',
      notes: [
        'Sources versées en numéraire. Les mises à disposition sans remboursement n’apportent pas de recette : leur valorisation figure dans « Contributions en nature ».',
        ...overrunNotes(data.revenue),
        ...(revenuePaidMasked ? [STAFF_COST_GROUP_NOTE, MASKED_COST_NOTE] : []),
      ],
    },
  ]);

  const spending = section(
    'spending_by_mission',
    [
      {
        title: `Dépenses ${year} par destination`,
        columns: [{ header: 'Destination', kind: 'text', width: 32 }, euros('CP ouverts'), euros(`Payé ${year - 1}`), euros(`Payé ${year}`), { header: 'Taux d’exécution', kind: 'percent', derived: { ratio: [3, 1] } }, { header: `Évolution ${year}/${year - 1}`, kind: 'percent', derived: { change: [3, 2] } }],
        rows: data.spendingByMission.map((m): AnnualCell[] => [m.label, m.openCpCents, m.paidN1Cents, m.paidCents, null, null]),
        totalLabel: 'Total',
        notes: [
          'La ventilation par destination est indicative ; seuls les crédits par enveloppe sont limitatifs.',
          ...(data.spendingByMission.some((m) => m.missionArea === 'personnel_regroupe') ? [STAFF_COST_GROUP_NOTE] : []),
        ],
      },
    ],
    [{ title: `Dépenses payées par destination (${year - 1} et ${year})`, categories: data.spendingByMission.map((m) => m.label), kind: 'euros', series: [{ label: years[1], values: data.spendingByMission.map((m) => m.paidN1Cents) }, { label: years[2], values: data.spendingByMission.map((m) => m.paidCents) }] }],
  );

  const s = data.staff;
  const staffColumns = (first: string): AnnualColumn[] => [
    { header: first, kind: 'text', width: 36 },
    { header: 'ETPT rémunérés par le groupement', kind: 'etpt', total: 'sum' },
    { header: 'ETPT mis à disposition', kind: 'etpt', total: 'sum' },
    { header: GROUPING_COST_HEADER, kind: 'euros', total: 'sum', width: 22 },
  ];
  const staff = section('staff', [
    {
      title: `Plafond d’emplois ${year}`,
      columns: [{ header: 'Mesure', kind: 'text', width: 48 }, { header: 'ETPT', kind: 'etpt' }],
      rows: [
        ['Plafond d’emplois voté', s.ceilingEtptBp === null ? null : s.ceilingEtptBp / 10_000],
        ['ETPT rémunérés par le groupement', s.paidByGroupingEtpt],
        ['ETPT mis à disposition (hors plafond)', s.secondedEtpt],
        ['Dépassement du plafond', s.overCeiling ? 'Oui' : 'Non'],
      ],
    },
    ...withMaskedCosts([
      {
        title: 'Par catégorie de personnel',
        columns: staffColumns('Catégorie'),
        rows: s.byCategory.map((g) => [g.label, g.paidByGroupingEtpt, g.secondedEtpt, staffAmount(g.costCents)]),
        totalLabel: 'Total',
        notes: ['Agrégats par catégorie et par financeur : aucune donnée individuelle.', GROUPING_COST_NOTE],
      },
      { title: 'Par financeur', columns: staffColumns('Financeur'), rows: s.byFunder.map((g) => [g.label, g.paidByGroupingEtpt, g.secondedEtpt, staffAmount(g.costCents)]), totalLabel: 'Total' },
    ]),
  ]);

  const mig = data.migH15;
  const migH15 = section(
    'mig_h15',
    [
      {
        title: `MIG H15 ${year} : postes financés, ETPT réels et dépenses`,
        columns: [
          { header: 'Ligne', kind: 'text', width: 36 },
          { header: 'Postes financés (ETP)', kind: 'count', total: 'sum' },
          { header: 'ETPT réels', kind: 'etpt', total: 'sum' },
          euros('Financé'),
          euros('Dépensé'),
          { header: 'Reliquat', kind: 'euros', derived: { difference: [3, 4] }, width: 17 },
          { header: 'Taux de consommation', kind: 'percent', derived: { ratio: [4, 3] } },
        ],
        // Every personnel amount with its head count; a post of fewer than 3 people shows its ETPT, its spending merged on the « personnel » row.
        rows: mig.lines.map((l): AnnualCell[] => [
          `${l.label}${l.headcount != null && l.key !== 'personnel' ? ` — ${l.headcount} ${l.headcount > 1 ? 'personnes' : 'personne'}` : ''}`,
          l.fundedEtp,
          l.actualEtpt,
          l.key === 'personnel' ? null : l.fundedCents,
          staffAmount(l.spentCents),
          null,
          null,
        ]),
        totalLabel: 'Total',
        ...(mig.lines.some((l) => l.key === 'personnel') && { notes: [MIG_MERGED_NOTE] }),
      },
      ...(mig.credits ? [migCreditsTable(year, mig.credits)] : []),
      {
        title: 'Montant notifié et reliquat',
        columns: [{ header: 'Mesure', kind: 'text', width: 48 }, euros('Montant', false), { header: 'Part du notifié', kind: 'percent', width: 14 }],
        rows: (() => {
          const spent = mig.lines.reduce((a, l) => a + (l.spentCents ?? 0), 0);
          const rate = mig.notifiedCents === 0 ? null : Math.round((spent / mig.notifiedCents) * 10_000);
          return [
            ['MIG H15 notifiée', mig.notifiedCents, 10_000],
            ['Dépensé sur la MIG H15', spent, rate],
            ['Reliquat à justifier ou à reporter', mig.notifiedCents - spent, rate === null ? null : 10_000 - rate],
          ];
        })(),
      },
    ],
    [{ title: 'Financé et dépensé par ligne de la MIG H15', categories: mig.lines.map((l) => l.label), kind: 'euros', series: [{ label: 'Financé', values: mig.lines.map((l) => l.fundedCents) }, { label: 'Dépensé', values: mig.lines.map((l) => l.spentCents) }] }],
  );

  const inKind = section('in_kind', [
    ...withMaskedCosts([{
      title: 'Personnels mis à disposition sans remboursement (valorisés au coût employeur complet)',
      columns: [{ header: 'Employeur', kind: 'text', width: 40 }, { header: 'Nature', kind: 'text', width: 22 }, { header: 'ETPT', kind: 'etpt', total: 'sum' }, euros('Valorisation')],
      rows: data.inKind.seconded.map((c) => [c.employerLabel, employerKindLabels[c.employerKind], c.etpt, staffAmount(c.valueCents)]),
      totalLabel: 'Total',
    }]),
    {
      title: 'Autres contributions en nature',
      columns: [{ header: 'Contribution', kind: 'text', width: 40 }, { header: 'Nature', kind: 'text', width: 22 }, { header: 'Apporteur', kind: 'text', width: 24 }, euros('Valorisation')],
      rows: data.inKind.other.map((c) => [c.label, inKindKindLabels[c.kind], c.provider, c.valueCents]),
      totalLabel: 'Total',
    },
  ]);

  const euroFigures = data.threeYears.filter((f) => f.kind === 'euros');
  const threeYears = section('three_years', withMissingNotes(keyFigureTable(data.threeYears, year)), [
    { title: 'Comparaison sur trois ans', categories: years, kind: 'euros', series: euroFigures.map((f) => ({ label: f.label, values: [f.n2, f.n1, f.n] })) },
  ]);

  const leftOutOf = (c: FinancialReportData['costPerActivity'][number], key: 'n' | 'n1' | 'n2') => c.leftOut?.[key] ?? null;
  const costNotes = [
    'Coût unitaire = CP payés sur les lignes de la destination / réalisations validées du CN2R de la même destination (son unité d’œuvre), arrondi au centime. Chaque euro est rattaché à une seule destination : il n’est jamais compté deux fois.',
    'Les patients et consultations des centres régionaux sont financés par leurs établissements, non par le budget du CN2R : aucun coût par patient ni par consultation n’est calculé. Les contributions en nature (hors budget) ne sont pas comptées.',
    ...(['n2', 'n1', 'n'] as const).flatMap((key, i) => {
      const left = data.costPerActivity.filter((c) => leftOutOf(c, key) !== null && (c.costCents[key] ?? 0) !== 0);
      if (left.length === 0) return [];
      const total = left.reduce((sum, c) => sum + (c.costCents[key] ?? 0), 0);
      return [`Dépenses ${years[i]} non réparties : ${eurosText(total)} (${left.map((c) => `${c.label} — ${costLeftOutLabels[leftOutOf(c, key)!]}`).join(' ; ')}).`];
    }),
  ];
  const costPerActivity = section('cost_per_activity', [
    {
      title: 'Coût par activité, par destination',
      columns: [
        { header: 'Destination', kind: 'text', width: 32 },
        { header: 'Unité d’œuvre', kind: 'text', width: 36 },
        ...years.flatMap((y): AnnualColumn[] => [euros(`Dépenses ${y}`), { header: `Volume ${y}`, kind: 'count' }, { header: `Coût unitaire ${y}`, kind: 'euros', width: 15 }]),
      ],
      rows: data.costPerActivity.map((c): AnnualCell[] => [
        c.label,
        c.activityLabel,
        ...(['n2', 'n1', 'n'] as const).flatMap((key): AnnualCell[] => [c.costCents[key], c.volume[key], c.unitCostCents[key]]),
      ]),
      totalLabel: 'Total des CP payés',
      notes: [...costNotes, ...(data.costPerActivity.some((c) => c.code === 'personnel_regroupe') ? [COST_PER_ACTIVITY_STAFF_NOTE] : []), ...missingNotes],
    },
  ]);

  const annexes = section('annexes', [
    {
      title: 'Méthodes',
      columns: [{ header: 'Règle', kind: 'text', width: 100 }],
      rows: [
        ['Montants en euros, calculés au centime près ; les totaux sont calculés sur les montants exacts, jamais sur des valeurs arrondies.'],
        ['ETPT = quotité × jours travaillés / jours de l’année ; une personne à 80 % toute l’année compte 0,80 ETPT et perçoit 6/7 d’une rémunération à temps plein.'],
        ['Les personnels mis à disposition sont comptés à part et ne s’imputent pas sur le plafond d’emplois.'],
        ['Taux d’exécution = crédits consommés / crédits ouverts.'],
      ],
    },
  ]);

  return {
    title: 'Bilan financier',
    subtitle: `Assemblée générale — exercice ${year}`,
    organisation: data.organisation,
    year,
    generatedAt: data.generatedAt,
    edition: data.edition,
    // A snapshot stored before the statements has no such section.
    sections: [keyFigures, execution, ...(budgetStatements ? [budgetStatements] : []), revenue, spending, staff, migH15, inKind, threeYears, costPerActivity, annexes],
  };
}

/**
 * The GBCP statements (décret 2012-1246) as the assembly reads them: revenue by origin (forecast
 * and collected), the solde budgétaire, the restes à payer, the staff authorisations and the
 * équilibre financier; N beside N-1 where the tool has the year.
 */
function statementsSection(
  st: AnnualBudgetStatements,
  year: number,
  section: (key: FinancialSectionKey, tables: AnnualTable[]) => AnnualSection,
): AnnualSection {
  const withN1 = st.balance.length > 1;
  const balanceOf = (y: number) => st.balance.find((b) => b.year === y) ?? null;
  const cashOf = (y: number) => st.financialBalance.find((b) => b.year === y) ?? null;
  const yearColumns = (label: string): AnnualColumn[] => [{ header: label, kind: 'text', width: 48 }, ...(withN1 ? [euros(String(year - 1), false)] : []), euros(String(year), false)];
  const pair = (of: (y: number) => number | null): AnnualCell[] => [...(withN1 ? [of(year - 1)] : []), of(year)];
  const cashN = cashOf(year)!;
  const missingCash = st.financialBalance.filter((b) => b.openingCashCents === null).map((b) => b.year);
  const e = st.employment;
  return section('budget_statements', [
    {
      title: `Recettes budgétaires ${year} par origine`,
      columns: [
        { header: 'Origine', kind: 'text', width: 48 },
        euros(`Prévisions (notifié) ${year}`),
        euros(`Recettes encaissées ${year}`),
        { header: 'Taux d’encaissement', kind: 'percent', derived: { ratio: [2, 1] } },
        ...(withN1 ? [euros(`Recettes encaissées ${year - 1}`)] : []),
      ],
      rows: st.revenueByOrigin.map((r): AnnualCell[] => [r.label, r.notifiedCents, r.collectedCents, null, ...(withN1 ? [r.collectedN1Cents] : [])]),
      totalLabel: 'Total',
      notes: [
        'Recettes encaissées : les sommes effectivement reçues dans l’année (titres de recette encaissés, nets des annulations), qui peuvent différer des montants notifiés. Les contributions en nature (personnels mis à disposition sans remboursement) n’apportent aucune trésorerie : elles figurent dans leur propre section.',
      ],
    },
    {
      title: 'Solde budgétaire',
      columns: yearColumns('Mesure'),
      rows: [
        ['Recettes encaissées', ...pair((y) => balanceOf(y)?.collectedCents ?? null)],
        ['Crédits de paiement consommés (dépenses payées)', ...pair((y) => balanceOf(y)?.paidCents ?? null)],
        ['Solde budgétaire (négatif : déficit)', ...pair((y) => balanceOf(y)?.balanceCents ?? null)],
      ],
      notes: ['Solde budgétaire = recettes encaissées − crédits de paiement consommés. Un déficit est financé par la trésorerie (voir l’équilibre financier).'],
    },
    {
      title: `Restes à payer au 31 décembre ${year}`,
      columns: [{ header: 'Enveloppe', kind: 'text', width: 32 }, euros('AE consommées (engagements)'), euros('CP consommés sur ces engagements'), { header: 'Restes à payer', kind: 'euros', derived: { difference: [1, 2] }, width: 17 }],
      rows: st.remainingToPay.map((r): AnnualCell[] => [r.label, r.committedCents, r.paidOnCommitmentsCents, null]),
      totalLabel: 'Total',
      notes: [
        'Restes à payer = engagements juridiques pris (AE consommées) − paiements effectués sur ces engagements : ce que le groupement doit encore payer.',
        ...(st.migRemainingToPay
          ? [`Dont MIG H15 : ${eurosText(st.migRemainingToPay.committedCents)} engagés, ${eurosText(st.migRemainingToPay.paidOnCommitmentsCents)} payés sur ces engagements, ${eurosText(st.migRemainingToPay.remainingCents)} restant à payer.`]
          : []),
      ],
    },
    {
      title: `Autorisations d’emplois ${year}`,
      columns: [{ header: 'Mesure', kind: 'text', width: 56 }, { header: 'ETPT', kind: 'etpt' }, { header: 'Effectif (personnes)', kind: 'count' }],
      rows: [
        ['Plafond d’emplois voté', e.ceilingEtptBp === null ? null : e.ceilingEtptBp / 10_000, null],
        ['Emplois sous plafond : rémunérés par le groupement (dont mis à disposition avec remboursement)', e.underCeilingEtpt, e.underCeilingHeadcount],
        ['Emplois hors plafond : mis à disposition sans remboursement', e.outsideCeilingEtpt, e.outsideCeilingHeadcount],
        ['Plafond respecté', e.ceilingEtptBp === null ? 'Pas de plafond voté' : e.overCeiling ? 'Non : dépassement' : 'Oui', null],
      ],
      notes: ['ETPT = quotité × jours de présence / jours de l’année ; l’effectif compte chaque personne présente dans l’année une fois.'],
    },
    {
      title: 'Équilibre financier',
      columns: yearColumns('Mesure'),
      rows: [
        ['Trésorerie au 1er janvier', ...pair((y) => cashOf(y)?.openingCashCents ?? null)],
        ['Solde budgétaire de l’année', ...pair((y) => cashOf(y)?.balanceCents ?? null)],
        ['Trésorerie au 31 décembre', ...pair((y) => cashOf(y)?.closingCashCents ?? null)],
      ],
      notes: [
        'Trésorerie au 31 décembre = trésorerie au 1er janvier + solde budgétaire : un déficit est financé par un prélèvement sur la trésorerie, un excédent l’abonde.',
        ...(missingCash.length > 0 ? [`Trésorerie au 1er janvier non saisie pour ${missingCash.join(' et ')} : la saisir dans Budget › Recettes.`] : []),
        ...(cashN.closingCashCents !== null && cashN.closingCashCents < 0 ? ['La trésorerie de fin d’année serait négative : le solde budgétaire ne peut pas être financé par la seule trésorerie.'] : []),
      ],
    },
  ]);
}
