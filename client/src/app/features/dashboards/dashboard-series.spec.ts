import { aBoardDashboard, aFinanceDashboard, anAdminDashboard, aUnitLeadDashboard } from './dashboards.fixture';
import {
  NETWORK_MEDIAN,
  achievementText,
  activityTrendRows,
  completeYearPoints,
  boardKeyFigure,
  changeInWords,
  completenessRows,
  executionRows,
  expectedResultRows,
  formatMonth,
  fteByFunderRows,
  migPostRows,
  networkTrendRows,
  spokenPeriod,
  trendSpanText,
  unitTrendRows,
  yearOverYearRows,
} from './dashboard-series';

describe('dashboard series', () => {
  it('puts a unit’s key indicator against the network median, year by year', () => {
    const [fa] = aUnitLeadDashboard(2025).keyIndicators;
    expect(unitTrendRows(fa, 'CRP Île-de-France')).toEqual([
      { series: 'CRP Île-de-France', category: '2024', value: 812 },
      { series: NETWORK_MEDIAN, category: '2024', value: 640.5 },
      { series: 'CRP Île-de-France', category: '2025', value: 880 },
      { series: NETWORK_MEDIAN, category: '2025', value: null },
    ]);
  });

  it('puts each option of a median delay split adult / minor against the network median of that option', () => {
    const [, adult, minor] = aUnitLeadDashboard(2025).keyIndicators;
    expect([adult.code, minor.code]).toEqual(['ACT_WAIT_D[adulte]', 'ACT_WAIT_D[mineur]']);
    expect(unitTrendRows(adult, 'CRP Île-de-France')).toEqual([
      { series: 'CRP Île-de-France', category: '2024', value: 32 },
      { series: NETWORK_MEDIAN, category: '2024', value: 28.5 },
      { series: 'CRP Île-de-France', category: '2025', value: 35.5 },
      { series: NETWORK_MEDIAN, category: '2025', value: 30 },
    ]);
    expect(unitTrendRows(minor, 'CRP Île-de-France').filter((r) => r.category === '2025')).toEqual([
      { series: 'CRP Île-de-France', category: '2025', value: null },
      { series: NETWORK_MEDIAN, category: '2025', value: 47 },
    ]);
  });

  it('shapes completeness as units × periods in basis points, null where the unit is not expected', () => {
    expect(completenessRows(anAdminDashboard(2025))).toEqual([
      { series: 'CRP Grand Est', category: 'T1 2025', value: 10000 },
      { series: 'CRP Grand Est', category: 'T2 2025', value: 4550 },
      { series: 'CRP Martinique', category: 'T1 2025', value: null },
      { series: 'CRP Martinique', category: 'T2 2025', value: 9000 },
    ]);
  });

  it('gives a network total with every value and with validated values only', () => {
    expect(networkTrendRows(anAdminDashboard(2025).networkTotals[0]).filter((r) => r.category === '2025')).toEqual([
      { series: 'Toutes les valeurs saisies', category: '2025', value: 3100 },
      { series: 'Valeurs validées', category: '2025', value: 1500 },
    ]);
  });

  it('puts the target beside the actual for an expected result', () => {
    expect(expectedResultRows(anAdminDashboard().expectedResults[0])).toEqual([
      { series: 'Cible', category: 'Professionnels formés', value: 5000 },
      { series: 'Réalisé (validé)', category: 'Professionnels formés', value: 4200 },
    ]);
  });

  it('says « pas de cible » only without a target, and a target without validated value as such', () => {
    const base = { label: 'Professionnels formés' };
    const squash = (t: string) => t.replace(/\s/g, ' ');
    expect(squash(achievementText({ ...base, target: 1120, actual: null, achievementBp: null }))).toBe('Professionnels formés : cible 1 120, aucune valeur validée');
    expect(squash(achievementText({ ...base, target: null, actual: 909, achievementBp: null }))).toBe('Professionnels formés : pas de cible (réalisé 909)');
    expect(squash(achievementText({ ...base, target: null, actual: null, achievementBp: null }))).toBe('Professionnels formés : pas de cible, aucune valeur validée');
    expect(squash(achievementText({ ...base, target: 0, actual: 12, achievementBp: null }))).toBe('Professionnels formés : cible 0, réalisé 12');
    expect(squash(achievementText({ ...base, target: 5000, actual: 4200, achievementBp: 8400 }))).toBe('Professionnels formés : 84 % de la cible (réalisé 4 200 pour une cible de 5 000)');
  });

  it('shows open, committed, paid, theoretical and forecast per envelope, in cents', () => {
    const rows = executionRows(aFinanceDashboard().byEnvelope.slice(1));
    expect(rows.map((r) => [r.series, r.value])).toEqual([
      ['CP ouverts', 4000000],
      ['Engagé', 1000000],
      ['Payé', 1000000],
      ['Payé théorique (rythme régulier)', 2000000],
      ['Atterrissage', 2000000],
    ]);
    expect(rows.every((r) => r.category === 'Fonctionnement')).toBeTrue();
  });

  it('orders FTE by funder by month, in FTE, with French month names', () => {
    expect(fteByFunderRows(aFinanceDashboard(2025).fteByFunder)).toEqual([
      { series: 'Dotation MIG H15', category: 'janv. 2025', value: 1.5 },
      { series: 'MESR', category: 'janv. 2025', value: 0.5 },
      { series: 'Dotation MIG H15', category: 'févr. 2025', value: 2 },
    ]);
    expect(formatMonth('2025-12')).toBe('déc. 2025');
  });

  it('compares MIG H15 posts funded with the exact FTE worked', () => {
    expect(migPostRows(aFinanceDashboard().migPosts)).toEqual([
      { series: 'Financé (ETP)', category: 'Psychiatre', value: 1 },
      { series: 'Réel (ETPT)', category: 'Psychiatre', value: 5 / 6 },
    ]);
  });

  it('turns the board’s key figures into cards in their units, and compares the year with the one before', () => {
    const board = aBoardDashboard(2025);
    expect(board.keyFigures.map((f) => boardKeyFigure(f, board.comparison.currentLabel))).toEqual([
      { label: 'File active 2025', value: 6400, kind: 'count', unit: 'patients' },
      { label: 'Délai médian d’accès — Adulte (18 ans et plus) 2025', value: 30, kind: 'count', unit: 'jours' },
      { label: 'Délai médian d’accès — Mineur (moins de 18 ans) 2025', value: 47, kind: 'count', unit: 'jours' },
      { label: 'Crédits de paiement consommés 2025', value: 24815476, kind: 'cents', unit: '€' },
      { label: 'ETPT 2025', value: 2.83, kind: 'decimal', unit: 'ETPT' },
    ]);
    // Against the year before, the change in words.
    expect(board.keyFigures.map((f) => boardKeyFigure(f, '2025', '2024').change)).toEqual([
      'En hausse de 8,5\u00a0% par rapport à 2024',
      'En hausse de 5,3\u00a0% par rapport à 2024',
      'En hausse de 4,4\u00a0% par rapport à 2024',
      'Pas de comparaison possible avec 2024',
      'En hausse de 4,8\u00a0% par rapport à 2024',
    ]);
    expect(yearOverYearRows(board, 'indicator')).toEqual([
      { series: '2024', category: 'File active', value: 5900 },
      { series: '2025', category: 'File active', value: 6400 },
      // One category per option of the split delay, never a made-up total.
      { series: '2024', category: 'Délai médian d’accès — Adulte (18 ans et plus)', value: 28.5 },
      { series: '2025', category: 'Délai médian d’accès — Adulte (18 ans et plus)', value: 30 },
      { series: '2024', category: 'Délai médian d’accès — Mineur (moins de 18 ans)', value: 45 },
      { series: '2025', category: 'Délai médian d’accès — Mineur (moins de 18 ans)', value: 47 },
    ]);
    expect(yearOverYearRows(board, 'etp_bp').map((r) => r.value)).toEqual([2.7, 2.83]);
  });

  it('names the periods compared for a year under way: « T1–T3 2026 » against « T1–T3 2025 », never 2026 against 2025', () => {
    const board = aBoardDashboard(2026, { complete: false, periods: ['2026-Q1', '2026-Q2', '2026-Q3'], previousPeriods: ['2025-Q1', '2025-Q2', '2025-Q3'], currentLabel: 'T1–T3 2026', previousLabel: 'T1–T3 2025', label: 'T1–T3 2026 contre T1–T3 2025' });
    expect(boardKeyFigure(board.keyFigures[0], board.comparison.currentLabel).label).toBe('File active T1–T3 2026');
    expect(yearOverYearRows(board, 'indicator').slice(0, 2)).toEqual([
      { series: 'T1–T3 2025', category: 'File active', value: 5900 },
      { series: 'T1–T3 2026', category: 'File active', value: 6400 },
    ]);
  });
  describe('yearly trends: complete years only', () => {
    const underWay = { years: [2021, 2022, 2023, 2024, 2025], yearUnderWay: { year: 2026, throughPeriod: '2026-Q3', endedLabel: 'T1–T3 2026' } };

    it('never draws, tables or exports a point of the year under way next to whole years', () => {
      const trend = {
        ...aBoardDashboard(2025).activityTrends[0],
        label: 'Consultations',
        // An older server sending three quarters of 2026 as a point: 46 586 against 74 287 would read as −37 %.
        points: [
          { year: 2024, value: 70_120, units: 10 },
          { year: 2025, value: 74_287, units: 10 },
          { year: 2026, value: 46_586, units: 10 },
        ],
      };
      expect(activityTrendRows(trend, underWay)).toEqual([
        { series: 'Consultations', category: '2024', value: 70_120 },
        { series: 'Consultations', category: '2025', value: 74_287 },
      ]);
      expect(completeYearPoints(trend.points, { years: [2024, 2025, 2026], yearUnderWay: { year: 2026, throughPeriod: null, endedLabel: null } }).map((p) => p.year)).toEqual([2024, 2025]);
      // Without a span (an older reply), the points stay as sent.
      expect(activityTrendRows(trend).length).toBe(3);

      const network = { ...anAdminDashboard(2025).networkTotals[0], points: [{ year: 2025, value: 10, validatedValue: 9, units: 2, validatedUnits: 2 }, { year: 2026, value: 7, validatedValue: 5, units: 2, validatedUnits: 1 }] };
      expect(networkTrendRows(network, underWay).map((r) => r.category)).toEqual(['2025', '2025']);
      const [fa] = aUnitLeadDashboard(2026).keyIndicators;
      expect(unitTrendRows(fa, 'CRP Île-de-France', { years: [2024, 2025], yearUnderWay: underWay.yearUnderWay }).map((r) => r.category)).toEqual(['2025', '2025']);
    });

    it('says under the chart which years it shows and which year under way it leaves out, through which quarter', () => {
      expect(trendSpanText(underWay)).toBe(
        'Années entières jusqu’à 2025. 2026, en cours (T1–T3 2026 terminés), n’est pas tracée : une année incomplète ne se compare pas à des années entières.',
      );
      expect(trendSpanText({ years: [2021, 2022, 2023, 2024, 2025], yearUnderWay: null })).toBe('Années entières jusqu’à 2025.');
      expect(trendSpanText({ years: [2025], yearUnderWay: { year: 2026, throughPeriod: '2026-Q1', endedLabel: 'T1 2026' } }, 'Voir les chiffres clés.')).toBe(
        'Années entières jusqu’à 2025. 2026, en cours (T1 2026 terminé), n’est pas tracée : une année incomplète ne se compare pas à des années entières. Voir les chiffres clés.',
      );
      expect(trendSpanText({ years: [2024, 2025], yearUnderWay: { year: 2026, throughPeriod: null, endedLabel: null } })).toBe(
        'Années entières jusqu’à 2025. 2026, en cours (aucun trimestre terminé), n’est pas tracée : une année incomplète ne se compare pas à des années entières.',
      );
    });
  });

  it('says periods as people say them: « T3 2026 », « mars 2026 », « 2026 », never the code', () => {
    expect(spokenPeriod('2026-Q3')).toBe('T3 2026');
    expect(spokenPeriod('2026-03')).toBe('mars 2026');
    expect(spokenPeriod('2026')).toBe('2026');
    expect(spokenPeriod('pas une période')).toBe('pas une période');
  });

  it('says a change in words, in percent for a count and in points for a rate', () => {
    expect(changeInWords({ unit: 'percent', bp: 440 }, '2024')).toBe('En hausse de 4,4\u00a0% par rapport à 2024');
    expect(changeInWords({ unit: 'percent', bp: -3700 }, 'T1–T3 2025')).toBe('En baisse de 37\u00a0% par rapport à T1–T3 2025');
    expect(changeInWords({ unit: 'points', bp: 160 }, '2024')).toBe('En hausse de 1,6\u00a0pt par rapport à 2024');
    expect(changeInWords({ unit: 'percent', bp: 4 }, '2024')).toBe('Stable par rapport à 2024');
    expect(changeInWords(null, '2024')).toBe('Pas de comparaison possible avec 2024');
  });
});
