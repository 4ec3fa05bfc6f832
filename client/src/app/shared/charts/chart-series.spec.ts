import type { ChartRow } from './chart-model';
import { keyFiguresTable, toDataTable, toGroupedBarSeries, toHeatMapSeries, toLineSeries, toStackedBarSeries } from './chart-series';

describe('chart series', () => {
  const rows: ChartRow[] = [
    { series: 'CRP Hauts-de-France', category: 'T1 2025', value: 120 },
    { series: 'Médiane du réseau', category: 'T1 2025', value: 100 },
    { series: 'CRP Hauts-de-France', category: 'T2 2025', value: null },
    { series: 'Médiane du réseau', category: 'T2 2025', value: 110 },
    { series: 'CRP Hauts-de-France', category: 'T3 2025', value: 140 },
    { series: 'Médiane du réseau', category: 'T3 2025', value: 0 },
  ];

  it('draws one line per series along the categories, leaving a gap where a value is missing', () => {
    expect(toLineSeries(rows)).toEqual([
      { name: 'CRP Hauts-de-France', series: [{ name: 'T1 2025', value: 120 }, { name: 'T3 2025', value: 140 }] },
      { name: 'Médiane du réseau', series: [{ name: 'T1 2025', value: 100 }, { name: 'T2 2025', value: 110 }, { name: 'T3 2025', value: 0 }] },
    ]);
  });

  it('drops a line that has no value at all', () => {
    expect(toLineSeries([{ series: 'A', category: '2025', value: null }])).toEqual([]);
  });

  it('groups bars by category, one bar per series, in first-appearance order', () => {
    expect(toGroupedBarSeries(rows).map((group) => [group.name, group.series.map((bar) => `${bar.name}=${bar.value}`)])).toEqual([
      ['T1 2025', ['CRP Hauts-de-France=120', 'Médiane du réseau=100']],
      ['T2 2025', ['Médiane du réseau=110']],
      ['T3 2025', ['CRP Hauts-de-France=140', 'Médiane du réseau=0']],
    ]);
  });

  it('stacks segments by category and leaves out zero segments', () => {
    const stacked = toStackedBarSeries(rows);
    expect(stacked[2]).toEqual({ name: 'T3 2025', series: [{ name: 'CRP Hauts-de-France', value: 140 }] });
  });

  it('keeps the heat map rectangular: every series in every column, a missing value drawn as 0', () => {
    expect(toHeatMapSeries(rows)[1]).toEqual({
      name: 'T2 2025',
      series: [
        { name: 'CRP Hauts-de-France', value: 0 },
        { name: 'Médiane du réseau', value: 110 },
      ],
    });
  });

  it('makes the data table: one row per category, one column per series, null where a value is missing', () => {
    expect(toDataTable(rows, { caption: 'File active', rowHeader: 'Période', kind: 'count' })).toEqual({
      caption: 'File active',
      rowHeader: 'Période',
      kind: 'count',
      columns: ['CRP Hauts-de-France', 'Médiane du réseau'],
      rows: [
        { label: 'T1 2025', values: [120, 100] },
        { label: 'T2 2025', values: [null, 110] },
        { label: 'T3 2025', values: [140, 0] },
      ],
    });
  });

  it('transposes the table when rows are by series (units × periods)', () => {
    const table = toDataTable(rows, { caption: 'Complétude', rowHeader: 'Centre', kind: 'basisPoints', rowsBy: 'series' });
    expect(table.columns).toEqual(['T1 2025', 'T2 2025', 'T3 2025']);
    expect(table.rows[0]).toEqual({ label: 'CRP Hauts-de-France', values: [120, null, 140] });
  });

  it('turns key figures into a table in their own kinds, the unit in the label when it does not say it', () => {
    const figures = [
      { label: 'Patients suivis', value: 880, kind: 'count' as const, unit: 'patients' },
      { label: 'Délai médian', value: 74, kind: 'count' as const, unit: 'jours' },
      { label: 'Dépenses payées', value: 24815476, kind: 'cents' as const, unit: '€' },
      { label: 'Taux d’exécution', value: null, kind: 'basisPoints' as const },
    ];
    expect(keyFiguresTable(figures, 'Chiffres clés').rows).toEqual([
      { label: 'Patients suivis', values: [880], kind: 'count' },
      { label: 'Délai médian (jours)', values: [74], kind: 'count' },
      { label: 'Dépenses payées', values: [24815476], kind: 'cents' },
      { label: 'Taux d’exécution', values: [null], kind: 'basisPoints' },
    ]);
  });

  it('has no table row when no key figure has a value, so the frame says why instead', () => {
    expect(keyFiguresTable([{ label: 'Coût par formation', value: null, kind: 'cents' }], 'Coût').rows).toEqual([]);
  });
});
