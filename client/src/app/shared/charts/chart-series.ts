import type { ChartRow, DataTable, KeyFigure, Series, SeriesPoint, ValueKind } from './chart-model';

/** The distinct values of `key` in the order they first appear. */
function distinct(rows: readonly ChartRow[], key: 'series' | 'category'): string[] {
  return [...new Set(rows.map((row) => row[key]))];
}

/** Rows grouped by `outer`, each group’s points named by `inner`, in first-appearance order; rows without a value left out. */
function groupRows(rows: readonly ChartRow[], outer: 'series' | 'category'): Series[] {
  const inner = outer === 'series' ? 'category' : 'series';
  const groups = new Map<string, SeriesPoint[]>(distinct(rows, outer).map((name) => [name, []]));
  for (const row of rows) {
    if (row.value === null || !Number.isFinite(row.value)) continue;
    groups.get(row[outer])!.push({ name: row[inner], value: row.value });
  }
  return [...groups].map(([name, series]) => ({ name, series }));
}

/** Lines: one series per `series`, its points along the categories (periods, years); a missing value leaves a gap. */
export function toLineSeries(rows: readonly ChartRow[]): Series[] {
  return groupRows(rows, 'series').filter((line) => line.series.length > 0);
}

/** Grouped bars: one group per category (a unit, a year), one bar per series inside it. */
export function toGroupedBarSeries(rows: readonly ChartRow[]): Series[] {
  return groupRows(rows, 'category');
}

/** Stacked bars: one bar per category, one segment per series; zero segments are left out. */
export function toStackedBarSeries(rows: readonly ChartRow[]): Series[] {
  return groupRows(rows, 'category').map((bar) => ({ name: bar.name, series: bar.series.filter((segment) => segment.value !== 0) }));
}

/**
 * Heat map: one column per category (periods), one cell per series (units) in it. Every cell of the
 * grid is present so the grid stays rectangular; a missing value is drawn as 0 but shown « — » in the table.
 */
export function toHeatMapSeries(rows: readonly ChartRow[]): Series[] {
  const values = new Map(rows.map((row) => [`${row.category}\u0000${row.series}`, row.value]));
  const series = distinct(rows, 'series');
  return distinct(rows, 'category').map((category) => ({
    name: category,
    series: series.map((name) => ({ name, value: values.get(`${category}\u0000${name}`) ?? 0 })),
  }));
}


export interface TableOptions {
  readonly caption: string;
  readonly rowHeader: string;
  readonly kind: ValueKind;
  /** `category` (default): one row per category, one column per series; `series`: the transpose. */
  readonly rowsBy?: 'category' | 'series';
}

/** The data table of a chart: every value of the rows, « — » where one is missing. */
export function toDataTable(rows: readonly ChartRow[], options: TableOptions): DataTable {
  const rowsBy = options.rowsBy ?? 'category';
  const columnsBy = rowsBy === 'category' ? 'series' : 'category';
  const columns = distinct(rows, columnsBy);
  const values = new Map(rows.map((row) => [`${row[rowsBy]}\u0000${row[columnsBy]}`, row.value]));
  return {
    caption: options.caption,
    rowHeader: options.rowHeader,
    kind: options.kind,
    columns,
    rows: distinct(rows, rowsBy).map((label) => ({
      label,
      values: columns.map((column) => values.get(`${label}\u0000${column}`) ?? null),
    })),
  };
}

/** The label of a key figure with its unit when the label does not say it: « Délai médian (jours) ». */
export function figureLabelWithUnit(figure: KeyFigure): string {
  const unit = figure.unit ?? '';
  if (!unit || figure.kind === 'cents' || figure.kind === 'basisPoints' || figure.label.toLowerCase().includes(unit.toLowerCase())) return figure.label;
  return `${figure.label} (${unit})`;
}

/**
 * The data table of key figures: one row per figure, in its own kind, its unit in its label, the
 * change in words when there is one. No row at all when no figure has a value (the frame then says why).
 */
export function keyFiguresTable(figures: readonly KeyFigure[], caption: string): DataTable {
  const shown = figures.some((figure) => figure.value !== null) ? figures : [];
  return {
    caption,
    rowHeader: 'Indicateur',
    kind: 'count',
    columns: ['Valeur'],
    rows: shown.map((figure) => ({ label: figureLabelWithUnit(figure), values: [figure.value], kind: figure.kind })),
  };
}
