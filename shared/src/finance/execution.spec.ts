import {
  NEAR_LIMIT_BP,
  UNDER_EXECUTION_GAP_BP,
  elapsedDays,
  executionAlerts,
  executionRateBp,
  forecastLinear,
  theoreticalRateBp,
  type ExecutionAlertCode,
  type ExecutionInput,
  type ExecutionMeasure,
} from './execution.js';

const NBSP = '\u00A0';

describe('executionRateBp', () => {
  const cases: [consumed: number, open: number, bp: number | null][] = [
    [24_815_476, 28_000_000, 8_863],
    [28_000_000, 28_000_000, 10_000],
    [28_000_001, 28_000_000, 10_000], // 100,0000036 % shows as 100 %; the alerts compare cents
    [0, 28_000_000, 0],
    [1, 3, 3_333],
    [2, 3, 6_667],
    [1, 20_000, 1], // 0,5 bp → 1
    [-1, 20_000, -1],
    [3, 2, 15_000],
    [0, 0, null],
    [100, 0, null],
  ];
  for (const [consumed, open, bp] of cases) {
    it(`rates ${consumed} of ${open} at ${bp} bp`, () => expect(executionRateBp(consumed, open)).toBe(bp));
  }

  it('refuses negative open credits and fractions of cents', () => {
    expect(() => executionRateBp(1, -1)).toThrowError(RangeError, `Crédits ouverts négatifs : -0,01${NBSP}€.`);
    expect(() => executionRateBp(0.5, 100)).toThrowError(RangeError, /Montant consommé en centimes invalide/);
  });
});

describe('theoreticalRateBp and elapsedDays', () => {
  const cases: [asOf: string, year: number, elapsed: number, bp: number][] = [
    ['2025-12-31', 2026, 0, 0],
    ['2026-01-01', 2026, 1, 27],
    ['2026-06-30', 2026, 181, 4_959],
    ['2026-09-30', 2026, 273, 7_479],
    ['2026-10-31', 2026, 304, 8_329],
    ['2026-12-31', 2026, 365, 10_000],
    ['2027-01-15', 2026, 365, 10_000],
    ['2024-06-30', 2024, 182, 4_973],
    ['2024-12-31', 2024, 366, 10_000],
  ];
  for (const [asOf, year, elapsed, bp] of cases) {
    it(`counts ${elapsed} days (${bp} bp) of ${year} elapsed at the end of ${asOf}`, () => {
      expect(elapsedDays(asOf, year)).toBe(elapsed);
      expect(theoreticalRateBp(asOf, year)).toBe(bp);
    });
  }

  it('refuses an invalid date or year', () => {
    expect(() => theoreticalRateBp('2026-02-29', 2026)).toThrowError(RangeError, 'Date de situation invalide : le 2026-02-29 n’existe pas.');
    expect(() => theoreticalRateBp('2026-06-30', 2026.5)).toThrowError(RangeError, /Année invalide/);
  });
});

describe('forecastLinear', () => {
  const cases: [consumed: number, asOf: string, year: number, forecast: number | null][] = [
    [1_000_000, '2026-06-30', 2026, 2_016_575], // 1 000 000 × 365 / 181 = 2 016 574,6
    [1_000_000, '2026-01-01', 2026, 365_000_000],
    [24_815_476, '2026-12-31', 2026, 24_815_476],
    [24_815_476, '2027-03-31', 2026, 24_815_476],
    [1_000_000, '2025-12-31', 2026, null],
    [-1_000_000, '2026-06-30', 2026, -2_016_575],
    [0, '2026-06-30', 2026, 0],
    [1_830_000, '2024-06-30', 2024, 3_680_110], // 1 830 000 × 366 / 182 = 3 680 109,9
  ];
  for (const [consumed, asOf, year, forecast] of cases) {
    it(`projects ${consumed} at ${asOf} to ${forecast} at the end of ${year}`, () => expect(forecastLinear(consumed, asOf, year)).toBe(forecast));
  }
});

describe('executionAlerts', () => {
  const base: ExecutionInput = { open: 28_000_000, committed: 0, paid: 0, asOf: '2026-05-15', year: 2026 };
  type Expected = [code: ExecutionAlertCode, level: 'blocking' | 'warning', measure: ExecutionMeasure];
  const cases: [label: string, input: Partial<ExecutionInput>, expected: Expected[]][] = [
    ['nothing consumed in May', {}, []],
    ['the worked example at the end of the year (88,63 %)', { committed: 24_815_476, paid: 24_815_476, asOf: '2026-12-31' }, []],
    ['commitments one cent over', { committed: 28_000_001 }, [['over_100', 'blocking', 'committed']]],
    ['commitments at exactly 100 %', { committed: 28_000_000 }, [['over_90', 'warning', 'committed']]],
    ['payments over, commitments near the limit', { committed: 27_000_000, paid: 28_500_000 }, [['over_90', 'warning', 'committed'], ['over_100', 'blocking', 'paid']]],
    ['exactly 90 %', { committed: 25_200_000 }, []],
    ['one cent above 90 %', { committed: 25_200_001 }, [['over_90', 'warning', 'committed']]],
    ['nothing paid on 30 September (not checked yet)', { asOf: '2026-09-30' }, []],
    ['nothing consumed on 1 October', { asOf: '2026-10-01' }, [['under_execution', 'warning', 'committed'], ['under_execution', 'warning', 'paid']]],
    // 31 October: 304/365 − 25 % = 58,2876… %: of 28 000 000, the limit is 16 320 547,9 cents.
    ['31 October, one cent under the limit', { asOf: '2026-10-31', committed: 20_000_000, paid: 16_320_547 }, [['under_execution', 'warning', 'paid']]],
    ['31 October, at the limit', { asOf: '2026-10-31', committed: 20_000_000, paid: 16_320_548 }, []],
    ['after the year, below 75 %', { asOf: '2027-01-20', committed: 20_999_999, paid: 21_000_000 }, [['under_execution', 'warning', 'committed']]],
    ['no open credits, something committed', { open: 0, committed: 100 }, [['over_100', 'blocking', 'committed']]],
    ['no open credits, nothing consumed, in December', { open: 0, asOf: '2026-12-31' }, []],
    ['AE and CP open apart: commitments within AE, payments over CP', { open: { ae: 30_000_000, cp: 20_000_000 }, committed: 25_000_000, paid: 20_000_001 }, [['over_100', 'blocking', 'paid']]],
    ['AE and CP open apart: under-execution of CP only', { open: { ae: 10_000_000, cp: 40_000_000 }, committed: 9_000_000, paid: 9_000_000, asOf: '2026-12-31' }, [['under_execution', 'warning', 'paid']]],
  ];
  for (const [label, input, expected] of cases) {
    it(`alerts for ${label}`, () => {
      const alerts = executionAlerts({ ...base, ...input });
      expect(alerts.map((a) => [a.code, a.level, a.measure])).toEqual(expected);
    });
  }

  it('says what is wrong in French, with amounts and rates', () => {
    expect(executionAlerts({ ...base, committed: 28_500_000 })[0].message).toBe(
      `Les engagements (285${NBSP}000,00${NBSP}€, soit 101,79${NBSP}%) dépassent les crédits ouverts (280${NBSP}000,00${NBSP}€) de 5${NBSP}000,00${NBSP}€.`,
    );
    expect(executionAlerts({ ...base, open: 0, paid: 100 })[0].message).toBe(`Les paiements (1,00${NBSP}€) n’ont aucun crédit ouvert en regard.`);
    expect(executionAlerts({ ...base, committed: 26_000_000 })[0].message).toBe(
      `Les engagements atteignent 92,86${NBSP}% des crédits ouverts (plus de 90${NBSP}%) : il reste 20${NBSP}000,00${NBSP}€.`,
    );
    expect(executionAlerts({ ...base, asOf: '2026-10-31', committed: 20_000_000, paid: 14_000_000 })[0].message).toBe(
      `Sous-exécution au 31/10/2026 : taux des paiements de 50${NBSP}% pour un taux théorique de 83,29${NBSP}% (écart de plus de 25${NBSP}points).`,
    );
  });

  it('documents its thresholds', () => {
    expect(NEAR_LIMIT_BP).toBe(9_000);
    expect(UNDER_EXECUTION_GAP_BP).toBe(2_500);
  });

  it('refuses negative open credits, fractions of cents and bad dates', () => {
    expect(() => executionAlerts({ ...base, open: -1 })).toThrowError(RangeError, /Crédits ouverts négatifs/);
    expect(() => executionAlerts({ ...base, open: { ae: 100, cp: -1 } })).toThrowError(RangeError, /Crédits ouverts négatifs/);
    expect(() => executionAlerts({ ...base, open: { ae: 0.5, cp: 1 } })).toThrowError(RangeError, /Crédits ouverts en centimes invalide/);
    expect(() => executionAlerts({ ...base, paid: 0.1 })).toThrowError(RangeError, /Paiements en centimes invalide/);
    expect(() => executionAlerts({ ...base, asOf: '31/10/2026' })).toThrowError(RangeError, /Date de situation invalide/);
  });
});
