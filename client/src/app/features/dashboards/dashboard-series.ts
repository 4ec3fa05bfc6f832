import type {
  AdminDashboard,
  BoardDashboard,
  ExecutionRow,
  ExpectedResultProgress,
  FteByFunderRow,
  KeyFigure as ServerKeyFigure,
  MigPostRow,
  NetworkIndicator,
  TrendSpan,
  UnitKeyIndicator,
} from '@cn2r/shared';
import { type FigureChange, formatFigureChange, formatMonthFr, parsePeriod, periodLabel, periodShortLabel } from '@cn2r/shared';
import type { ChartRow, KeyFigure } from '../../shared/charts/chart-model';
import { formatValue } from '../../shared/charts/french-format';

/** The network median’s series name on a unit’s trend. */
export const NETWORK_MEDIAN = 'Médiane du réseau';

/**
 * The points of a yearly trend in the complete years the API drew (`trend.years`): a point of the
 * year under way is never drawn, tabled or exported next to whole years, whatever sends it.
 */
export function completeYearPoints<P extends { readonly year: number }>(points: readonly P[], trend: TrendSpan | undefined): P[] {
  if (!trend) return [...points];
  return points.filter((point) => trend.years.includes(point.year) && point.year !== trend.yearUnderWay?.year);
}

/** A unit’s key indicator over the complete years against the network median (validated values only). */
export function unitTrendRows(indicator: UnitKeyIndicator, unitName: string, trend?: TrendSpan): ChartRow[] {
  return completeYearPoints(indicator.points, trend).flatMap((point) => [
    { series: unitName, category: String(point.year), value: point.value },
    { series: NETWORK_MEDIAN, category: String(point.year), value: point.networkMedian },
  ]);
}

/** A period as people say it: « 2026 », « T3 2026 », « mars 2026 » (never `2026-Q3`). */
export function spokenPeriod(code: string): string {
  try {
    const { type } = parsePeriod(code);
    return type === 'month' ? periodLabel(code) : periodShortLabel(code);
  } catch {
    return code;
  }
}

/**
 * A change against the comparison period in words: « En hausse de 4,4 % par rapport à 2024 »,
 * « En baisse de 1,6 pt par rapport à T1–T3 2025 », « Stable par rapport à 2024 »,
 * « Pas de comparaison possible avec 2024 ».
 */
export function changeInWords(change: FigureChange | null, against: string): string {
  if (change === null) return `Pas de comparaison possible avec ${against}`;
  const magnitude = formatFigureChange({ unit: change.unit, bp: Math.abs(change.bp) }).replace(/^[+\u2212]/, '');
  if (/^0(?:\s|\u00a0)/.test(magnitude)) return `Stable par rapport à ${against}`;
  return `${change.bp > 0 ? 'En hausse' : 'En baisse'} de ${magnitude} par rapport à ${against}`;
}

/** Completeness as a units × periods grid: the share of required values entered, in basis points; null where the unit is not expected. */
export function completenessRows(dashboard: Pick<AdminDashboard, 'units' | 'periods' | 'completeness'>): ChartRow[] {
  const cells = new Map(dashboard.completeness.cells.map((cell) => [`${cell.unitId}\u0000${cell.period}`, cell]));
  return dashboard.units.flatMap((unit) =>
    dashboard.periods.map((period) => {
      const cell = cells.get(`${unit.id}\u0000${period.period}`);
      const value = cell && cell.expected && cell.filledPercent !== null ? Math.round(cell.filledPercent * 100) : null;
      return { series: unit.name, category: spokenPeriod(period.period), value };
    }),
  );
}

/** A network total over the complete years: every value counted, and validated values only. */
export function networkTrendRows(indicator: NetworkIndicator, trend?: TrendSpan): ChartRow[] {
  return completeYearPoints(indicator.points, trend).flatMap((point) => [
    { series: 'Toutes les valeurs saisies', category: String(point.year), value: point.value },
    { series: 'Valeurs validées', category: String(point.year), value: point.validatedValue },
  ]);
}

/** Target against actual for each indicator of an expected result (indicators without a target show the actual alone). */
export function expectedResultRows(progress: ExpectedResultProgress): ChartRow[] {
  return progress.indicators.flatMap((indicator) => [
    { series: 'Cible', category: indicator.label, value: indicator.target },
    { series: 'Réalisé (validé)', category: indicator.label, value: indicator.actual },
  ]);
}

/**
 * The line under an expected result's chart, agreeing with its bars: « pas de cible » only when
 * there is no target; a target without a validated value says so (« cible 1 120, aucune valeur
 * validée »), never « pas de cible »; otherwise the share of the target with both figures.
 */
export function achievementText(indicator: Pick<ExpectedResultProgress['indicators'][number], 'label' | 'target' | 'actual' | 'achievementBp'>): string {
  const { label, target, actual, achievementBp } = indicator;
  if (target === null) return `${label} : pas de cible${actual === null ? ', aucune valeur validée' : ` (réalisé ${formatValue('count', actual)})`}`;
  if (actual === null) return `${label} : cible ${formatValue('count', target)}, aucune valeur validée`;
  if (achievementBp === null) return `${label} : cible ${formatValue('count', target)}, réalisé ${formatValue('count', actual)}`;
  return `${label} : ${formatValue('basisPoints', achievementBp)} de la cible (réalisé ${formatValue('count', actual)} pour une cible de ${formatValue('count', target)})`;
}

/** Open credits, committed, paid, theoretical and forecast per group (envelope, funding source, line), in cents. */
export function executionRows(groups: readonly ExecutionRow[]): ChartRow[] {
  return groups.flatMap((group) => [
    { series: 'CP ouverts', category: group.label, value: group.openCpCents },
    { series: 'Engagé', category: group.label, value: group.committedCents },
    { series: 'Payé', category: group.label, value: group.paidCents },
    { series: 'Payé théorique (rythme régulier)', category: group.label, value: group.theoreticalPaidCents },
    { series: 'Atterrissage', category: group.label, value: group.forecastPaidCents },
  ]);
}

/** The execution bars drawn for each group; the theoretical pace and the forecast stay in the table. */
export const EXECUTION_DRAWN: readonly string[] = ['CP ouverts', 'Engagé', 'Payé'];

/** « 2025-03 » → « mars 2025 » (the shared French month). */
export const formatMonth = formatMonthFr;

/** FTE by funder month by month (stacked), in FTE (10 000 bp = 1 FTE). */
export function fteByFunderRows(rows: readonly FteByFunderRow[]): ChartRow[] {
  return [...rows]
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((row) => ({ series: row.funderLabel, category: formatMonth(row.month), value: row.etpBp / 10000 }));
}

/** MIG H15 posts: funded FTE against the FTE actually worked (ETPT, exact fraction). */
export function migPostRows(posts: readonly MigPostRow[]): ChartRow[] {
  return posts.flatMap((post) => [
    { series: 'Financé (ETP)', category: post.label, value: post.fundedEtp },
    { series: 'Réel (ETPT)', category: post.label, value: post.actualEtpt.den === 0 ? null : post.actualEtpt.num / post.actualEtpt.den },
  ]);
}

/**
 * A key figure of the board for a number card, labelled with what it covers (« 2025 », « T1–T3 2026 »):
 * indicators as counts in their unit (« jours »), cents as euros, FTE from basis points; given what it
 * is compared with (`against`: « 2024 », « T1–T3 2025 »), its change in words.
 */
export function boardKeyFigure(figure: ServerKeyFigure, covers: string, against?: string): KeyFigure {
  const unit = figure.unitOfMeasure;
  const change = against === undefined ? {} : { change: changeInWords(figure.change, against) };
  if (figure.kind === 'etp_bp') return { label: `${figure.label} ${covers}`, value: figure.value === null ? null : figure.value / 10000, kind: 'decimal', unit, ...change };
  return { label: `${figure.label} ${covers}`, value: figure.value, kind: figure.kind === 'cents' ? 'cents' : 'count', unit, ...change };
}

/** Key figures against the same periods of the year before (« T1–T3 2025 » and « T1–T3 2026 » for a year under way), for a grouped bar per figure kind. */
export function yearOverYearRows(dashboard: Pick<BoardDashboard, 'keyFigures' | 'comparison'>, kind: ServerKeyFigure['kind']): ChartRow[] {
  return dashboard.keyFigures
    .filter((figure) => figure.kind === kind)
    .flatMap((figure) => [
      { series: dashboard.comparison.previousLabel, category: figure.label, value: figure.kind === 'etp_bp' && figure.previousValue !== null ? figure.previousValue / 10000 : figure.previousValue },
      { series: dashboard.comparison.currentLabel, category: figure.label, value: figure.kind === 'etp_bp' && figure.value !== null ? figure.value / 10000 : figure.value },
    ]);
}

/** An activity trend of the board over the complete years (validated network values). */
export function activityTrendRows(trend: BoardDashboard['activityTrends'][number], span?: TrendSpan): ChartRow[] {
  return completeYearPoints(trend.points, span).map((point) => ({ series: trend.label, category: String(point.year), value: point.value }));
}

/**
 * The sentence under a yearly trend (board, coordination, unit lead), saying what it shows: complete
 * years only, and the year under way it leaves out with the quarters ended so far — three quarters
 * are never drawn next to whole years. `seeAlso` points to where the year to date is compared.
 * « Années entières jusqu’à 2025. 2026, en cours (T1–T3 2026 terminés), n’est pas tracée :
 * une année incomplète ne se compare pas à des années entières. »
 */
export function trendSpanText(trend: TrendSpan, seeAlso = ''): string {
  const { years, yearUnderWay } = trend;
  // « jusqu’à », not « de 2021 à 2025 »: a chart starts at its first year with a value.
  const shown = years.length === 0 ? '' : `Années entières jusqu’à ${years[years.length - 1]}.`;
  if (!yearUnderWay) return shown;
  const ended = yearUnderWay.endedLabel;
  const done = ended === null ? 'aucun trimestre terminé' : `${ended} terminé${ended.includes('–') ? 's' : ''}`;
  const left = `${yearUnderWay.year}, en cours (${done}), n’est pas tracée : une année incomplète ne se compare pas à des années entières.`;
  return [shown, left, seeAlso].filter(Boolean).join(' ');
}
