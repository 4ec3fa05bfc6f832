import { activitySectionLabels, suppressSmallCells, type ActivityReportData, type ActivitySectionKey, type AnnualKeyFigure, type AnnualReportUnit, type SuppressionMark } from '@cn2r/shared';
import { sensitiveCount, stateSmallCellRuleOnce, SMALL_CELL_NOTE, type AnnualCell, type AnnualCellKind, type AnnualChart, type AnnualColumn, type AnnualDocument, type AnnualSection, type AnnualTable } from './annual-document.js';

/** Sheet names of the activity report (31 characters at most). */
export const ACTIVITY_SHEETS: Record<ActivitySectionKey, string> = {
  key_figures: 'Chiffres clés',
  governance: 'Gouvernance',
  network_activity: 'Activité du réseau',
  expected_results: 'Résultats attendus',
  training: 'Formation',
  research: 'Recherche',
  data_collection: 'Collecte',
  outlook: 'Perspectives',
  annexes: 'Annexes par centre',
};

const figureKind = (kind: AnnualKeyFigure['kind']): AnnualCellKind => kind;

/**
 * The change column of a year-over-year table comparing columns `a` and `b`: in points for rates
 * (« +1,6 pt »), in percent for counts and amounts (DOMAIN.md, « Changes »).
 */
export function changeColumn(kind: AnnualCellKind, year: number, a: number, b: number): AnnualColumn {
  return kind === 'percent'
    ? { header: `Évolution ${year}/${year - 1} (points)`, kind: 'points', derived: { points: [a, b] } }
    : { header: `Évolution ${year}/${year - 1}`, kind: 'percent', derived: { change: [a, b] } };
}

/**
 * « Nouveaux patients par type d’événement »: an indicator's label with its breakdown, the
 * breakdown said once even when the label already ends with it.
 */
export function withBreakdown(label: string, dimensionLabel: string): string {
  const by = `par ${dimensionLabel.toLocaleLowerCase('fr')}`;
  return label.toLocaleLowerCase('fr').endsWith(by) ? label : `${label} ${by}`;
}

/** Key figures N-2, N-1, N and the change of N over N-1 (a formula in the workbook; in points for rates). */
export function keyFigureTable(figures: readonly AnnualKeyFigure[], year: number, title?: string): AnnualTable[] {
  // One table per kind of figure: a column holds one number format.
  const kinds = [...new Set(figures.map((f) => figureKind(f.kind)))];
  return kinds.map((kind) => {
    const columns: AnnualColumn[] = [
      { header: 'Indicateur', kind: 'text', width: 44 },
      { header: String(year - 2), kind },
      { header: String(year - 1), kind },
      { header: String(year), kind },
      changeColumn(kind, year, 3, 2),
    ];
    return {
      title: kinds.length > 1 ? (title ? `${title} — ${kindTitles[kind]}` : kindTitles[kind]) : title,
      columns,
      rows: figures.filter((f) => figureKind(f.kind) === kind).map((f) => [f.label, f.n2, f.n1, f.n, null]),
    };
  });
}

const kindTitles: Record<AnnualCellKind, string> = {
  text: 'Textes',
  count: 'Effectifs et volumes',
  euros: 'Montants',
  percent: 'Taux',
  etpt: 'ETPT',
  decimal: 'Valeurs',
  number: 'Valeurs',
  days: 'Délais (jours)',
  points: 'Évolutions (points)',
};

/** A percentage indicator is a rate: `percent` cells (basis points, see `indicatorCell`), its change in points. */
const indicatorKind = (valueType: string): AnnualCellKind =>
  valueType === 'count' ? 'count' : valueType === 'days' ? 'days' : valueType === 'percentage' ? 'percent' : 'decimal';

/** An indicator value as a cell of its kind: a percentage (45,3) in basis points (4 530). */
const indicatorCell = (valueType: string, value: number | null): number | null => (value !== null && valueType === 'percentage' ? Math.round(value * 100) : value);

/** `count` when every value is a whole number, else `decimal`. */
/** Counts when every value is whole; else each value shown as it is (whole counts never get « ,0 »). */
const numberKind = (values: readonly (number | null)[]): AnnualCellKind => (values.every((v) => v === null || Number.isInteger(v)) ? 'count' : 'number');

function unitName(units: readonly AnnualReportUnit[]): (code: string) => string {
  const names = new Map(units.map((u) => [u.code, u.name]));
  return (code) => names.get(code) ?? code;
}

type Year = 'n' | 'n1';

/**
 * Where the document hides counts of a sensitive disaggregation, primary and secondary
 * (`suppressSmallCells`). For each indicator with a sensitive dimension and each of N and N-1,
 * one two-way table: the units (rows) × the options (columns), whose row totals are the units'
 * totals (the annex's « Total » row and the per-unit table) and whose column totals are the
 * network's value of each option (the disaggregation table for N, last year's report for N-1),
 * with the network's total as the grand total. Margins printed in this document or in last
 * year's count as printed; options that do not add up have no margins.
 */
export function activitySmallCellPlan(data: ActivityReportData) {
  const marks = new Map<string, SuppressionMark>();
  const key = (...parts: (string | null)[]) => parts.map((p) => p ?? '∑').join('|');
  const codes = new Set(data.annexes.flatMap((a) => a.rows.filter((r) => r.sensitive && r.optionLabel !== null).map((r) => r.indicatorCode)));
  for (const code of codes) {
    const network = data.networkActivity.find((i) => i.code === code);
    const units = data.annexes.filter((a) => a.rows.some((r) => r.indicatorCode === code && r.optionLabel !== null));
    const options = [...new Set(units.flatMap((a) => a.rows.filter((r) => r.indicatorCode === code && r.optionLabel !== null).map((r) => r.optionLabel!)))];
    const additive = units.some((a) => a.rows.some((r) => r.indicatorCode === code && r.optionLabel === null));
    const summed = additive && (network?.unitAggregation ?? 'sum') === 'sum';
    for (const year of ['n', 'n1'] as const) {
      const row = (unit: (typeof units)[number], option: string) => unit.rows.find((r) => r.indicatorCode === code && r.optionLabel === option);
      const result = suppressSmallCells({
        cells: units.map((u) => options.map((o) => row(u, o)?.[year] ?? null)),
        sensitive: (r, c) => row(units[r], options[c])?.sensitive ?? false,
        rowTotals: additive,
        columnTotals: summed,
        grandTotal: summed,
        sensitiveColumnTotals: true,
        rowKeys: units.map((u) => u.unitCode),
        columnKeys: options,
      });
      units.forEach((u, r) => {
        options.forEach((o, c) => marks.set(key(u.unitCode, code, o, year), result.cells[r][c]));
        marks.set(key(u.unitCode, code, null, year), result.rowTotals[r]);
      });
      options.forEach((o, c) => marks.set(key(null, code, o, year), result.columnTotals[c]));
      marks.set(key(null, code, null, year), result.grandTotal);
    }
  }
  /** The mark of a unit's (or, with a null unit, the network's) value of an option (null: the total) in N or N-1. */
  const mark = (unitCode: string | null, code: string, option: string | null, year: Year): SuppressionMark => marks.get(key(unitCode, code, option, year)) ?? 'shown';
  /** The cell of a count: a sensitive count when it may be hidden, the plain number otherwise. */
  const cell = (value: number | null, sensitive: boolean, unitCode: string | null, code: string, option: string | null, year: Year): AnnualCell => {
    const m = mark(unitCode, code, option, year);
    if (m === 'secondary') return sensitiveCount(value, true);
    return sensitive || m === 'primary' ? sensitiveCount(value) : value;
  };
  return { mark, cell };
}

/**
 * The data of the activity report as a reader who gets sensitive counts masked may read it (the
 * board, through the live data route): every count the documents hide is null, the same cells
 * (one plan for both), and `smallCellNote` says so.
 */
export function maskActivityReportData(data: ActivityReportData): ActivityReportData {
  const secret = activitySmallCellPlan(data);
  const hidden = (unitCode: string | null, code: string, option: string | null, year: Year) => {
    const m = secret.mark(unitCode, code, option, year);
    return m === 'primary' || m === 'secondary';
  };
  const keep = (value: number | null, isHidden: boolean) => (isHidden ? null : value);
  return {
    ...data,
    networkActivity: data.networkActivity.map((i) => ({
      ...i,
      n: keep(i.n, hidden(null, i.code, null, 'n')),
      n1: keep(i.n1, hidden(null, i.code, null, 'n1')),
      disaggregation: i.disaggregation && {
        ...i.disaggregation,
        options: i.disaggregation.options.map((o) => ({ ...o, value: keep(o.value, hidden(null, i.code, o.optionLabel, 'n')) })),
      },
      byUnit: i.byUnit.map((u) => ({
        ...u,
        n: keep(u.n, hidden(u.unitCode, i.code, null, 'n')),
        n1: keep(u.n1, hidden(u.unitCode, i.code, null, 'n1')),
        options: u.options.map((o) => ({ ...o, value: keep(o.value, hidden(u.unitCode, i.code, o.optionLabel, 'n')) })),
      })),
    })),
    annexes: data.annexes.map((a) => ({
      ...a,
      rows: a.rows.map((r) => ({ ...r, n: keep(r.n, hidden(a.unitCode, r.indicatorCode, r.optionLabel, 'n')), n1: keep(r.n1, hidden(a.unitCode, r.indicatorCode, r.optionLabel, 'n1')) })),
    })),
    smallCellNote: SMALL_CELL_NOTE,
  };
}

export function activityReportDocument(data: ActivityReportData): AnnualDocument {
  const { year } = data;
  const name = unitName(data.units);
  const secret = activitySmallCellPlan(data);
  const narrative = (key: ActivitySectionKey) => data.narratives[key] ?? '';
  const section = (key: ActivitySectionKey, tables: AnnualTable[], charts?: AnnualChart[]): AnnualSection => ({
    key,
    title: activitySectionLabels[key],
    sheetName: ACTIVITY_SHEETS[key],
    narrative: narrative(key),
    tables,
    charts,
  });
  const years = [String(year - 2), String(year - 1), String(year)];

  const keyFigures = section('key_figures', keyFigureTable(data.keyFigures, year), [
    {
      title: 'File active, nouveaux patients et professionnels formés sur trois ans',
      categories: years,
      kind: 'count',
      series: data.keyFigures.filter((f) => ['ACT_FA', 'ACT_NEW', 'FOR_PERS'].includes(f.code)).map((f) => ({ label: f.label, values: [f.n2, f.n1, f.n] })),
    },
  ]);

  // A snapshot stored before the governance records (no deliberations) rebuilds with the layout it was built with, byte for byte.
  const recorded = Array.isArray((data.governance as Partial<typeof data.governance>).deliberations);
  const governance = section('governance', [
    ...(recorded
      ? [
          {
            title: 'Membres du groupement',
            columns: [{ header: 'Membre', kind: 'text', width: 50 }, { header: 'Nature', kind: 'text', width: 24 }, { header: 'Droits de vote', kind: 'percent' }],
            rows: data.governance.members.map((m) => [m.name, m.kind, m.rightsBp]),
          } satisfies AnnualTable,
          {
            title: 'Réunions des instances',
            columns: [
              { header: 'Instance', kind: 'text', width: 44 },
              { header: 'Date', kind: 'text', width: 16 },
              { header: 'Présents', kind: 'count' },
              { header: 'Représentés', kind: 'count' },
              { header: 'Quorum', kind: 'text' },
            ],
            rows: data.governance.meetings.map((m) => [m.label, frenchDate(m.date), m.present, m.represented, m.quorumReached ? 'Atteint' : 'Non atteint']),
          } satisfies AnnualTable,
          {
            title: 'Délibérations',
            columns: [
              { header: 'N°', kind: 'text', width: 10 },
              { header: 'Date', kind: 'text', width: 16 },
              { header: 'Objet', kind: 'text', width: 44 },
              { header: 'Pour', kind: 'count' },
              { header: 'Contre', kind: 'count' },
              { header: 'Abstentions', kind: 'count' },
            ],
            rows: data.governance.deliberations.map((d) => [d.number, frenchDate(d.date), d.title, d.votesFor, d.votesAgainst, d.abstentions]),
          } satisfies AnnualTable,
        ]
      : [
          { title: 'Membres du groupement', columns: [{ header: 'Membre', kind: 'text', width: 50 }, { header: 'Nature', kind: 'text', width: 24 }], rows: data.governance.members.map((m) => [m.name, m.kind]) } satisfies AnnualTable,
          {
            title: 'Réunions des instances',
            columns: [{ header: 'Instance', kind: 'text', width: 50 }, { header: 'Date', kind: 'text', width: 16 }],
            rows: data.governance.meetings.map((m) => [m.label, frenchDate(m.date)]),
          } satisfies AnnualTable,
        ]),
    {
      title: 'Équipe du groupement (ETPT par catégorie)',
      columns: [{ header: 'Catégorie', kind: 'text' }, { header: 'ETPT', kind: 'etpt', total: 'sum' }],
      rows: data.governance.staff.map((s) => [s.label, s.etpt]),
      totalLabel: 'Total',
    },
  ]);

  const aggregatedKinds = [...new Set(data.networkActivity.map((i) => indicatorKind(i.valueType)))];
  const networkTables: AnnualTable[] = [
    ...aggregatedKinds.map(
      (kind): AnnualTable => ({
        title: aggregatedKinds.length > 1 ? `Indicateurs agrégés sur les centres — ${kindTitles[kind].toLowerCase()}` : 'Indicateurs agrégés sur les centres',
        columns: [
          { header: 'Indicateur', kind: 'text', width: 50 },
          { header: 'Unité', kind: 'text', width: 14 },
          { header: years[0], kind },
          { header: years[1], kind },
          { header: years[2], kind },
          changeColumn(kind, year, 4, 3),
        ],
        rows: data.networkActivity
          .filter((i) => indicatorKind(i.valueType) === kind)
          .map((i) => [i.label, i.unitOfMeasure, indicatorCell(i.valueType, i.n2), secret.cell(indicatorCell(i.valueType, i.n1), false, null, i.code, null, 'n1'), secret.cell(indicatorCell(i.valueType, i.n), false, null, i.code, null, 'n'), null]),
        notes: ['Valeurs agrégées selon la règle de chaque indicateur (somme, moyenne ou médiane des centres).'],
      }),
    ),
    ...data.networkActivity
      .filter((i) => i.byUnit.length > 0)
      .map(
        (i): AnnualTable => ({
          title: `${i.label} par centre`,
          columns: [
            { header: 'Centre', kind: 'text', width: 44 },
            { header: years[0], kind: indicatorKind(i.valueType), total: i.unitAggregation },
            { header: years[1], kind: indicatorKind(i.valueType), total: i.unitAggregation },
            { header: years[2], kind: indicatorKind(i.valueType), total: i.unitAggregation },
            changeColumn(indicatorKind(i.valueType), year, 3, 2),
          ],
          rows: i.byUnit.map((u) => [name(u.unitCode), indicatorCell(i.valueType, u.n2), secret.cell(indicatorCell(i.valueType, u.n1), false, u.unitCode, i.code, null, 'n1'), secret.cell(indicatorCell(i.valueType, u.n), false, u.unitCode, i.code, null, 'n'), null]),
          totalLabel: { sum: 'Total du réseau', average: 'Moyenne des centres', median: 'Médiane des centres' }[i.unitAggregation],
        }),
      ),
    ...data.networkActivity
      .filter((i) => i.disaggregation !== null)
      .map(
        (i): AnnualTable => ({
          title: `${withBreakdown(i.label, i.disaggregation!.dimensionLabel)} (${year})`,
          columns: [
            { header: i.disaggregation!.dimensionLabel, kind: 'text', width: 44 },
            { header: 'Réseau', kind: indicatorKind(i.valueType) },
          ],
          rows: i.disaggregation!.options.map((o) => [o.optionLabel, secret.cell(o.sensitive ? o.value : indicatorCell(i.valueType, o.value), o.sensitive, null, i.code, o.optionLabel, 'n')]),
        }),
      ),
  ];
  const networkActivity = section('network_activity', networkTables, [
    {
      title: 'File active et nouveaux patients',
      categories: years,
      kind: 'count',
      series: data.networkActivity.filter((i) => ['ACT_FA', 'ACT_NEW'].includes(i.code)).map((i) => ({ label: i.label, values: [i.n2, i.n1, i.n] })),
    },
  ]);

  const expectedResults = section(
    'expected_results',
    data.expectedResults.flatMap((result): AnnualTable[] => [
      {
        title: result.label,
        columns: [
          { header: 'Indicateur', kind: 'text', width: 44 },
          { header: 'Unité', kind: 'text' },
          { header: `Réalisé ${year - 1}`, kind: numberKind(result.indicators.map((i) => i.n1)) },
          { header: `Cible ${year}`, kind: numberKind(result.indicators.map((i) => i.target)) },
          { header: `Réalisé ${year}`, kind: numberKind(result.indicators.map((i) => i.actual)) },
          { header: 'Atteinte de la cible', kind: 'percent', derived: { ratio: [4, 3] } },
        ],
        rows: result.indicators.map((i) => [i.label, i.unitOfMeasure, i.n1, i.target, i.actual, null]),
      },
      ...(result.deliverables.length
        ? [
            {
              columns: [
                { header: 'Livrable', kind: 'text', width: 44 },
                { header: 'Date', kind: 'text' },
                { header: 'État', kind: 'text' },
              ],
              rows: result.deliverables.map((d) => [d.title, d.date ? frenchDate(d.date) : '—', d.status]),
            } satisfies AnnualTable,
          ]
        : []),
      // The mapping: the care-offer registry's published structures checked in the year, by kind and region.
      ...(result.careOffer
        ? [
            {
              title: `Structures référencées en ${year}, par type`,
              columns: [
                { header: 'Type de structure', kind: 'text', width: 44 },
                { header: 'Structures', kind: 'count', total: 'sum' },
              ],
              rows: result.careOffer.byKind.map((k) => [k.label, k.count]),
              totalLabel: 'Total',
            } satisfies AnnualTable,
            {
              title: `Structures référencées en ${year}, par région`,
              columns: [
                { header: 'Région', kind: 'text', width: 44 },
                { header: 'Structures', kind: 'count', total: 'sum' },
              ],
              rows: result.careOffer.byRegion.map((r) => [r.region, r.count]),
              totalLabel: 'Total',
              notes: [
                `Registre de l’offre de soins : structures publiées, vérifiées dans l’année. Données ouvertes (GeoJSON, CSV, Licence Ouverte 2.0) : ${result.careOffer.openDataUrl} (CSV : même adresse en .csv).`,
              ],
            } satisfies AnnualTable,
          ]
        : []),
    ]),
  );

  const training = section('training', [
    {
      title: 'Sessions et professionnels formés',
      columns: [{ header: 'Mesure', kind: 'text', width: 44 }, { header: years[0], kind: 'count' }, { header: years[1], kind: 'count' }, { header: years[2], kind: 'count' }, { header: `Évolution ${year}/${year - 1}`, kind: 'percent', derived: { change: [3, 2] } }],
      rows: [
        ['Sessions de formation — centres du réseau', data.training.sessions.n2, data.training.sessions.n1, data.training.sessions.n, null],
        ...(data.training.cn2rSessions ? [['Sessions de formation — CN2R', data.training.cn2rSessions.n2, data.training.cn2rSessions.n1, data.training.cn2rSessions.n, null] satisfies AnnualCell[]] : []),
        ['Professionnels formés — centres du réseau', data.training.trained.n2, data.training.trained.n1, data.training.trained.n, null],
        ...(data.training.cn2rTrained ? [['Personnes formées — CN2R', data.training.cn2rTrained.n2, data.training.cn2rTrained.n1, data.training.cn2rTrained.n, null] satisfies AnnualCell[]] : []),
      ],
      notes: data.training.cn2rTrained ? ['Les formations organisées par le CN2R sont montrées à côté de celles des centres, jamais ajoutées au total du réseau.'] : undefined,
    },
    {
      title: `Par public (${year})`,
      columns: [{ header: 'Public', kind: 'text', width: 44 }, { header: 'Sessions', kind: 'count', total: 'sum' }, { header: 'Professionnels formés', kind: 'count', total: 'sum' }],
      rows: data.training.byAudience.map((a) => [a.label, a.sessions, a.trained]),
      totalLabel: 'Total',
    },
    {
      title: `Par centre (${year})`,
      columns: [{ header: 'Centre', kind: 'text', width: 44 }, { header: 'Sessions', kind: 'count', total: 'sum' }, { header: 'Professionnels formés', kind: 'count', total: 'sum' }],
      rows: data.training.byUnit.map((u) => [name(u.unitCode), u.sessions, u.trained]),
      totalLabel: 'Total du réseau',
    },
  ]);

  const r = data.research;
  const research = section('research', [
    {
      title: 'Projets et publications',
      columns: [{ header: 'Mesure', kind: 'text', width: 44 }, { header: years[0], kind: 'count' }, { header: years[1], kind: 'count' }, { header: years[2], kind: 'count' }],
      rows: [
        ['Projets portés', r.projectsLead.n2, r.projectsLead.n1, r.projectsLead.n],
        ['Projets en partenariat', r.projectsPartner.n2, r.projectsPartner.n1, r.projectsPartner.n],
        ['Publications à comité de lecture', r.publications.n2, r.publications.n1, r.publications.n],
      ],
    },
    { title: `Allocations de recherche attribuées (${year})`, columns: [{ header: 'Allocation', kind: 'text', width: 44 }, { header: 'Nombre', kind: 'count', total: 'sum' }], rows: r.grants.map((g) => [g.label, g.count]), totalLabel: 'Total' },
    {
      title: `Par centre (${year})`,
      columns: [
        { header: 'Centre', kind: 'text', width: 44 },
        { header: 'Projets portés', kind: 'count', total: 'sum' },
        { header: 'Projets en partenariat', kind: 'count', total: 'sum' },
        { header: 'Publications', kind: 'count', total: 'sum' },
      ],
      rows: r.byUnit.map((u) => [name(u.unitCode), u.projectsLead, u.projectsPartner, u.publications]),
      totalLabel: 'Total du réseau',
    },
  ]);

  const collectionColumns: AnnualColumn[] = [
    { header: 'Centre', kind: 'text', width: 44 },
    { header: 'Formulaires attendus', kind: 'count', total: 'sum' },
    { header: 'Transmis', kind: 'count', total: 'sum' },
    { header: 'Validés', kind: 'count', total: 'sum' },
    { header: 'Transmis à temps', kind: 'count', total: 'sum' },
    { header: 'Complétude', kind: 'percent', derived: { ratio: [2, 1] } },
    { header: 'Ponctualité', kind: 'percent', derived: { ratio: [4, 1] } },
  ];
  const dataCollection = section('data_collection', [
    {
      title: `Complétude et ponctualité par centre (${year})`,
      columns: collectionColumns,
      rows: data.dataCollection.byUnit.map((u): AnnualCell[] => [name(u.unitCode), u.expected, u.submitted, u.validated, u.onTime, null, null]),
      totalLabel: 'Réseau',
      notes: ['Un formulaire est attendu pour chaque période où le centre était ouvert et où au moins un indicateur de son catalogue est à déclarer (un centre qui ne déclare que des indicateurs annuels n’est attendu que pour l’année) ; complétude = transmis / attendus ; ponctualité = transmis à temps / attendus.'],
    },
  ]);

  const outlook = section('outlook', []);

  const annexKinds = {
    n1: numberKind(data.annexes.flatMap((a) => a.rows.map((r) => r.n1))),
    n: numberKind(data.annexes.flatMap((a) => a.rows.map((r) => r.n))),
  };
  const annexes = section(
    'annexes',
    data.annexes.map(
      (annex): AnnualTable => ({
        title: name(annex.unitCode),
        columns: [
          { header: 'Indicateur', kind: 'text', width: 50 },
          { header: 'Modalité', kind: 'text', width: 26 },
          { header: String(year - 1), kind: annexKinds.n1 },
          { header: String(year), kind: annexKinds.n },
        ],
        rows: annex.rows.map((row): AnnualCell[] => [
          row.label,
          row.optionLabel ?? 'Total',
          secret.cell(row.n1, row.sensitive, annex.unitCode, row.indicatorCode, row.optionLabel, 'n1'),
          secret.cell(row.n, row.sensitive, annex.unitCode, row.indicatorCode, row.optionLabel, 'n'),
        ]),
      }),
    ),
  );

  return {
    title: 'Rapport d’activité',
    subtitle: `Assemblée générale — exercice ${year}`,
    organisation: data.organisation,
    year,
    generatedAt: data.generatedAt,
    edition: data.edition,
    sections: stateSmallCellRuleOnce([keyFigures, governance, networkActivity, expectedResults, training, research, dataCollection, outlook, annexes]),
  };
}

/** `2026-03-24` → `24/03/2026`. */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
