import {
  envelopeLabels,
  formatDateFr,
  missionAreaLabels,
  paymentKindLabels,
  staffCostMaskLabels,
  staffStatusLabels,
  type BudgetComparison,
  type BudgetExecution,
  type BudgetLine,
  type Commitment,
  type ComparisonRow,
  type Etpt,
  type ExecutionFigures,
  type FundingSource,
  type Payment,
  type StaffCostMask,
  type StaffSummary,
} from '@cn2r/shared';
import type { TableCell, TableColumn, TableSheet } from '@cn2r/reports';
import { ENVELOPE_GROUP_KEY } from '@cn2r/shared';
import { MERGED_FUNDING_SOURCE_ID, MERGED_MISSION_AREA, MERGED_MISSION_AREA_LABEL } from '../personnel-disclosure.js';

/**
 * The budget's and the staff summary's tables as sheets for the table workbook: the same figures
 * as the JSON routes, in cents and basis points (the builder writes euros and percentages). Pure.
 */

const figureColumns: readonly TableColumn[] = [
  { key: 'openAeCents', header: 'AE ouvertes', kind: 'euros', total: 'sum' },
  { key: 'openCpCents', header: 'CP ouverts', kind: 'euros', total: 'sum' },
  { key: 'committedCents', header: 'Engagé', kind: 'euros', total: 'sum' },
  { key: 'paidCents', header: 'Payé', kind: 'euros', total: 'sum' },
  { key: 'leftAeCents', header: 'Reste AE', kind: 'euros', total: 'sum' },
  { key: 'leftCpCents', header: 'Reste CP', kind: 'euros', total: 'sum' },
  { key: 'aeRateBp', header: 'Taux AE', kind: 'percent', total: { ratioOf: 'committedCents', over: 'openAeCents' } },
  { key: 'cpRateBp', header: 'Taux CP', kind: 'percent', total: { ratioOf: 'paidCents', over: 'openCpCents' } },
  { key: 'projectedPaidCents', header: 'Projection des paiements', kind: 'euros', total: 'sum' },
  { key: 'forecastPaidCents', header: 'Atterrissage retenu', kind: 'euros', total: 'sum' },
];

const forecastSourceLabels: Record<NonNullable<ExecutionFigures['forecastSource']>, string> = { projected: 'Projection', manual: 'Saisi', mixed: 'Mixte' };

const figureValues = (f: ExecutionFigures) => ({
  openAeCents: f.openAeCents,
  openCpCents: f.openCpCents,
  committedCents: f.committedCents,
  paidCents: f.paidCents,
  leftAeCents: f.leftAeCents,
  leftCpCents: f.leftCpCents,
  aeRateBp: f.aeRateBp,
  cpRateBp: f.cpRateBp,
  projectedPaidCents: f.projectedPaidCents,
  forecastPaidCents: f.forecastPaidCents,
  forecastSource: f.forecastSource === null ? null : forecastSourceLabels[f.forecastSource],
});

/** The execution of a year: one sheet per line, envelope, funding source and mission area. */
export function executionSheets(execution: BudgetExecution, sources: readonly FundingSource[]): TableSheet[] {
  const subtitle = `Exercice ${execution.year} — situation au ${formatDateFr(execution.asOf)} (taux théorique ${(execution.theoreticalRateBp / 100).toFixed(2).replace('.', ',')} %)${execution.staffCostNote ? ` — ${execution.staffCostNote}` : ''}`;
  const sourceCode = new Map(sources.map((s) => [s.id, s.code]));
  sourceCode.set(MERGED_FUNDING_SOURCE_ID, ENVELOPE_GROUP_KEY);
  const group = (name: string, what: string, groups: BudgetExecution['byEnvelope']): TableSheet => ({
    name,
    title: `Exécution ${execution.year} par ${what}`,
    subtitle,
    columns: [{ key: 'label', header: name.replace(/s$/, ''), kind: 'text' }, ...figureColumns, { key: 'forecastSource', header: 'Origine de l’atterrissage', kind: 'text' }],
    rows: groups.map((g) => ({ label: g.label, ...figureValues(g) })),
  });
  return [
    {
      name: 'Lignes',
      title: `Exécution ${execution.year} par ligne`,
      subtitle,
      columns: [
        { key: 'code', header: 'Code', kind: 'text' },
        { key: 'label', header: 'Libellé', kind: 'text' },
        { key: 'envelope', header: 'Enveloppe', kind: 'text' },
        { key: 'missionArea', header: 'Destination', kind: 'text' },
        { key: 'source', header: 'Source de financement', kind: 'text' },
        { key: 'headcount', header: 'Effectif (personnel)', kind: 'integer' },
        ...figureColumns,
        { key: 'forecastSource', header: 'Origine de l’atterrissage', kind: 'text' },
        { key: 'forecastComment', header: 'Commentaire de l’atterrissage', kind: 'text', width: 40 },
      ],
      rows: execution.lines.map((l) => ({
        code: l.code,
        label: l.label,
        envelope: envelopeLabels[l.envelope],
        missionArea: l.missionArea === MERGED_MISSION_AREA ? MERGED_MISSION_AREA_LABEL : missionAreaLabels[l.missionArea],
        source: sourceCode.get(l.fundingSourceId) ?? null,
        headcount: l.headcount ?? null,
        ...figureValues(l),
        forecastComment: l.manualForecast?.comment ?? null,
      })),
    },
    group('Enveloppes', 'enveloppe', execution.byEnvelope),
    group('Sources de financement', 'source de financement', execution.byFundingSource),
    group('Destinations', 'destination', execution.byMissionArea),
  ];
}

/**
 * A sheet of the entries of a year, reversal entries included: number, date, line code, the
 * entry's own `details`, reference, amount, the entry's `paid` column if any, the entry it
 * reverses and why. `values` gives the cells of the date, details and paid columns.
 */
function entriesSheet<E extends Commitment | Payment>(
  name: string,
  year: number,
  entries: readonly E[],
  lines: readonly BudgetLine[],
  own: { readonly date: TableColumn; readonly details: readonly TableColumn[]; readonly paid?: TableColumn },
  values: (entry: E) => Record<string, TableCell>,
): TableSheet {
  const code = new Map(lines.map((l) => [l.id, l.code]));
  return {
    name,
    title: `${name} ${year}`,
    subtitle: 'Écritures d’annulation comprises (montants négatifs)',
    columns: [
      { key: 'id', header: 'N°', kind: 'integer' },
      own.date,
      { key: 'line', header: 'Ligne', kind: 'text' },
      ...own.details,
      { key: 'reference', header: 'Référence', kind: 'text' },
      { key: 'amountCents', header: 'Montant', kind: 'euros', total: 'sum' },
      ...(own.paid ? [own.paid] : []),
      { key: 'reversesId', header: 'Annule le n°', kind: 'integer' },
      { key: 'reason', header: 'Motif', kind: 'text', width: 30 },
    ],
    rows: entries.map((e) => ({ id: e.id, line: code.get(e.lineId) ?? null, reference: e.reference, amountCents: e.amountCents, reversesId: e.reversesId, reason: e.reason, ...values(e) })),
  };
}

export function commitmentsSheet(year: number, commitments: readonly Commitment[], lines: readonly BudgetLine[]): TableSheet {
  return entriesSheet(
    'Engagements',
    year,
    commitments,
    lines,
    {
      date: { key: 'committedOn', header: 'Date', kind: 'date' },
      details: [
        { key: 'thirdParty', header: 'Tiers', kind: 'text' },
        { key: 'object', header: 'Objet', kind: 'text', width: 40 },
      ],
      paid: { key: 'paidCents', header: 'Payé', kind: 'euros', total: 'sum' },
    },
    (c) => ({ committedOn: c.committedOn, thirdParty: c.thirdParty, object: c.object, paidCents: c.paidCents }),
  );
}

export function paymentsSheet(year: number, payments: readonly Payment[], lines: readonly BudgetLine[]): TableSheet {
  return entriesSheet(
    'Paiements',
    year,
    payments,
    lines,
    {
      date: { key: 'paidOn', header: 'Date', kind: 'date' },
      details: [
        { key: 'kind', header: 'Nature', kind: 'text' },
        { key: 'commitmentId', header: 'Engagement n°', kind: 'integer' },
      ],
    },
    (p) => ({ paidOn: p.paidOn, kind: paymentKindLabels[p.kind], commitmentId: p.commitmentId }),
  );
}

/** The multi-year comparison: one sheet per grouping, six columns per year. */
export function comparisonSheets(comparison: BudgetComparison): TableSheet[] {
  const { years } = comparison;
  const columns: TableColumn[] = [{ key: 'label', header: 'Libellé', kind: 'text' }];
  for (const y of years) {
    columns.push(
      { key: `openAe${y}`, header: `AE ouvertes ${y}`, kind: 'euros', total: 'sum' },
      { key: `committed${y}`, header: `Engagé ${y}`, kind: 'euros', total: 'sum' },
      { key: `aeRate${y}`, header: `Taux AE ${y}`, kind: 'percent', total: { ratioOf: `committed${y}`, over: `openAe${y}` } },
      { key: `openCp${y}`, header: `CP ouverts ${y}`, kind: 'euros', total: 'sum' },
      { key: `paid${y}`, header: `Payé ${y}`, kind: 'euros', total: 'sum' },
      { key: `cpRate${y}`, header: `Taux CP ${y}`, kind: 'percent', total: { ratioOf: `paid${y}`, over: `openCp${y}` } },
    );
  }
  const rowOf = (r: ComparisonRow, label: string) => {
    const row: Record<string, string | number | null> = { label };
    for (const c of r.years) {
      row[`openAe${c.year}`] = c.present ? c.openAeCents : null;
      row[`committed${c.year}`] = c.present ? c.committedCents : null;
      row[`aeRate${c.year}`] = c.aeRateBp;
      row[`openCp${c.year}`] = c.present ? c.openCpCents : null;
      row[`paid${c.year}`] = c.present ? c.paidCents : null;
      row[`cpRate${c.year}`] = c.cpRateBp;
    }
    return row;
  };
  const span = years.length === 0 ? '' : years.length === 1 ? `${years[0]}` : `${years[0]}–${years[years.length - 1]}`;
  const sheet = (name: string, what: string, rows: readonly ComparisonRow[], label = (r: ComparisonRow) => r.label): TableSheet => ({
    name,
    title: `Comparaison ${span} par ${what}`,
    subtitle: 'Chaque exercice à sa fin d’année ; case vide : pas de ligne cette année-là',
    columns,
    rows: rows.map((r) => rowOf(r, label(r))),
  });
  return [
    sheet('Enveloppes', 'enveloppe', comparison.byEnvelope),
    sheet('Sources de financement', 'source de financement', comparison.byFundingSource),
    sheet('Destinations', 'destination', comparison.byMissionArea),
    sheet('Lignes', 'ligne (même code)', comparison.lines, (r) => `${r.key} — ${r.label}`),
  ];
}

const etpt = (e: Etpt) => (e.den === 0 ? 0 : e.num / e.den);

/**
 * The staff summary of a year: per line, funder, mission, MIG H15 posts, seconded staff, and per
 * person only when the summary has the detail (finance and administrators; `people` is null for
 * the board, as in the JSON route).
 */
export function staffSheets(summary: StaffSummary): TableSheet[] {
  const etptColumn: TableColumn = { key: 'etpt', header: 'ETPT', kind: 'decimal', total: 'sum' };
  const costColumn: TableColumn = { key: 'costCents', header: 'Coût', kind: 'euros', total: 'sum' };
  /**
   * A cost masked for the board (a group of 1 or 2 people) is an empty cell with the reason beside
   * it, and its column has no total: the sum of the amounts shown would give the masked ones away.
   */
  const maskable = (key: string, header: string, masks: readonly (StaffCostMask | null)[]): TableColumn[] =>
    masks.some(Boolean) ? [{ key, header, kind: 'euros' }, { key: 'note', header: 'Remarque', kind: 'text' }] : [{ key, header, kind: 'euros', total: 'sum' }];
  const note = (mask: StaffCostMask | null) => (mask ? staffCostMaskLabels[mask] : null);
  const subtitle = `Exercice ${summary.year} — ${summary.headcount} personne(s), ${summary.totalEtpt.display} ETPT`;
  const sheets: TableSheet[] = [
    {
      name: 'Par ligne',
      title: `Personnels ${summary.year} : ETPT et coût par ligne budgétaire`,
      subtitle,
      ...(summary.staffCostNote ? { subtitle: `${subtitle} — ${summary.staffCostNote}` } : {}),
      columns: [{ key: 'code', header: 'Ligne', kind: 'text' }, { key: 'label', header: 'Libellé', kind: 'text' }, { key: 'headcount', header: 'Effectif', kind: 'integer' }, etptColumn, costColumn],
      rows: summary.byLine.map((l) => ({ code: l.code, label: l.label, headcount: l.headcount, etpt: etpt(l.etpt), costCents: l.costCents })),
    },
    {
      name: 'Par financeur',
      title: `Personnels ${summary.year} par financeur`,
      subtitle,
      columns: [{ key: 'label', header: 'Financeur', kind: 'text' }, etptColumn, ...maskable('costCents', 'Coût', summary.byFunder.map((g) => g.costMasked))],
      rows: summary.byFunder.map((g) => ({ label: g.label, etpt: etpt(g.etpt), costCents: g.costCents, note: note(g.costMasked) })),
    },
    {
      name: 'Par destination',
      title: `Personnels ${summary.year} par destination`,
      subtitle,
      columns: [{ key: 'label', header: 'Destination', kind: 'text' }, etptColumn, ...maskable('costCents', 'Coût', summary.byMission.map((g) => g.costMasked))],
      rows: summary.byMission.map((g) => ({ label: g.label, etpt: etpt(g.etpt), costCents: g.costCents, note: note(g.costMasked) })),
    },
    {
      name: 'Postes MIG H15',
      title: `Postes MIG H15 ${summary.year} : financés et occupés`,
      subtitle,
      columns: [
        { key: 'label', header: 'Poste', kind: 'text' },
        { key: 'funded', header: 'Postes financés (ETP)', kind: 'integer', total: 'sum' },
        etptColumn,
        { key: 'vacantDays', header: 'Jours de vacance', kind: 'integer', total: 'sum' },
      ],
      rows: summary.migPosts.map((p) => ({ label: p.label, funded: p.fundedEtp, etpt: etpt(p.etpt), vacantDays: p.vacancies.reduce((s, v) => s + v.days, 0) })),
    },
    {
      name: 'Mises à disposition',
      title: `Mises à disposition ${summary.year} (contributions en nature)`,
      subtitle,
      columns: [{ key: 'employer', header: 'Employeur', kind: 'text' }, etptColumn, ...maskable('valueCents', 'Valeur', summary.secondedInKind.map((s) => s.valueMasked))],
      rows: summary.secondedInKind.map((s) => ({ employer: s.employerLabel, etpt: etpt(s.etpt), valueCents: s.valueCents, note: note(s.valueMasked) })),
    },
  ];
  if (summary.people) {
    sheets.unshift({
      name: 'Par personne',
      title: `Personnels ${summary.year} : ETPT et coût par personne`,
      subtitle: `${subtitle} — données personnelles`,
      columns: [{ key: 'name', header: 'Nom', kind: 'text' }, { key: 'status', header: 'Statut', kind: 'text' }, etptColumn, costColumn],
      rows: summary.people.map((p) => ({ name: p.name, status: staffStatusLabels[p.status], etpt: etpt(p.etpt), costCents: p.costCents })),
    });
  }
  return sheets;
}
