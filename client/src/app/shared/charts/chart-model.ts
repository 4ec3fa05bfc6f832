/**
 * What the charts of the dashboards share: the rows they are drawn from, the series ngx-charts
 * expects, and the data table shown under each chart and exported.
 */

/** How the values of a chart read: a count, a decimal (FTE, days), euro cents, or basis points (10 000 = 100 %). */
export type ValueKind = 'count' | 'decimal' | 'cents' | 'basisPoints';

/** One value of a chart: `value` of `series` at `category` (a period, a unit, a year); null when there is none. */
export interface ChartRow {
  readonly series: string;
  readonly category: string;
  readonly value: number | null;
}

/** One point of an ngx-charts series. */
export interface SeriesPoint {
  readonly name: string;
  readonly value: number;
}

/** A named series of points (ngx-charts’ multi-series shape). */
export interface Series {
  readonly name: string;
  readonly series: SeriesPoint[];
}

/** One line of a data table: its header cell, then one value per column (null shows « — »). */
export interface DataTableRow {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** The row’s own kind when it differs from the table’s (key figures of mixed kinds). */
  readonly kind?: ValueKind;
}

/** The data behind a chart, for screen readers, copying and export. */
export interface DataTable {
  readonly caption: string;
  /** The header of the first column (the row headers). */
  readonly rowHeader: string;
  readonly columns: readonly string[];
  readonly rows: readonly DataTableRow[];
  readonly kind: ValueKind;
}

/** A key figure of a number card: its label, its value in its unit, and how it changed in words. */
export interface KeyFigure {
  readonly label: string;
  readonly value: number | null;
  readonly kind: ValueKind;
  /** What a count or a decimal counts (« patients », « jours », « ETPT »): shown after the value. Euros and percents carry their own sign. */
  readonly unit?: string;
  /** The change against the comparison period, in words (« En hausse de 4,4 % par rapport à 2024 »). */
  readonly change?: string;
}
