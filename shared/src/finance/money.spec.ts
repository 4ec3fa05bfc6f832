import { seededRandom as seeded } from './seeded-random.js';
import { assertCents, formatEuros, mulDivRound, parseEuros, roundHalfAwayFromZero, sumCents } from './money.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';
const MAX = Number.MAX_SAFE_INTEGER;

const MESSAGES = {
  empty: 'Montant attendu, par exemple 1 234,56.',
  number: 'Montant invalide : écrivez par exemple 1 234,56 ou 1234.56.',
  decimals: 'Deux décimales au plus : un montant se saisit au centime près (par exemple 12,35).',
  twoSeparators: 'Un seul séparateur décimal est accepté : écrivez par exemple 1 234,56.',
  tooLarge: 'Montant trop grand.',
};

describe('parseEuros', () => {
  const accepted: [raw: string, cents: number][] = [
    ['0', 0],
    ['-0', 0],
    ['1', 100],
    ['1234.56', 123_456],
    ['1234,56', 123_456],
    ['1 234,56', 123_456],
    [`1${NBSP}234,56`, 123_456],
    [`1${NNBSP}234,56`, 123_456],
    ['1\u2009234,56', 123_456],
    ['1 234 €', 123_400],
    ['1 234€', 123_400],
    [`1${NNBSP}234,56${NBSP}€`, 123_456],
    ['280 000', 28_000_000],
    ['280 000,00 €', 28_000_000],
    ['1 234 567,8', 123_456_780],
    ['-12,5', -1_250],
    ['\u221212,5', -1_250],
    ['-0,01', -1],
    ['0,5', 50],
    ['0.05', 5],
    ['  36 123,45  ', 3_612_345],
    ['007', 700],
    ['90071992547409,91', MAX],
    ['-90071992547409,91', -MAX],
  ];
  for (const [raw, cents] of accepted) {
    it(`reads ${JSON.stringify(raw)} as ${cents} cents`, () => {
      const result = parseEuros(raw);
      expect(result).toEqual({ ok: true, cents });
      if (result.ok) expect(Object.is(result.cents, -0)).toBeFalse();
    });
  }

  const refused: [raw: string | null | undefined, message: string][] = [
    ['', MESSAGES.empty],
    ['   ', MESSAGES.empty],
    [null, MESSAGES.empty],
    [undefined, MESSAGES.empty],
    ['1,234', MESSAGES.decimals],
    ['1.234', MESSAGES.decimals],
    ['12,345', MESSAGES.decimals],
    ['0,001', MESSAGES.decimals],
    ['1.234,56', MESSAGES.twoSeparators],
    ['1,234.56', MESSAGES.twoSeparators],
    ['12,', MESSAGES.number],
    [',5', MESSAGES.number],
    ['12 34', MESSAGES.number],
    ['1 2345', MESSAGES.number],
    ['€ 12', MESSAGES.number],
    ['12 € 50', MESSAGES.number],
    ['douze', MESSAGES.number],
    ['1e3', MESSAGES.number],
    ['+12', MESSAGES.number],
    ['--12', MESSAGES.number],
    ['90071992547409,92', MESSAGES.tooLarge],
    ['99999999999999999999', MESSAGES.tooLarge],
  ];
  for (const [raw, message] of refused) {
    it(`refuses ${JSON.stringify(raw)}`, () => expect(parseEuros(raw)).toEqual({ ok: false, message }));
  }
});

describe('formatEuros', () => {
  const cases: [cents: number, decimals: string, whole: string][] = [
    [0, `0,00${NBSP}€`, `0${NBSP}€`],
    [1, `0,01${NBSP}€`, `0${NBSP}€`],
    [49, `0,49${NBSP}€`, `0${NBSP}€`],
    [50, `0,50${NBSP}€`, `1${NBSP}€`],
    [-50, `-0,50${NBSP}€`, `-1${NBSP}€`],
    [-49, `-0,49${NBSP}€`, `0${NBSP}€`],
    [-1_250, `-12,50${NBSP}€`, `-13${NBSP}€`],
    [99_999, `999,99${NBSP}€`, `1${NBSP}000${NBSP}€`],
    [123_456, `1${NBSP}234,56${NBSP}€`, `1${NBSP}235${NBSP}€`],
    [28_000_000, `280${NBSP}000,00${NBSP}€`, `280${NBSP}000${NBSP}€`],
    [24_815_476, `248${NBSP}154,76${NBSP}€`, `248${NBSP}155${NBSP}€`],
    [3_184_524, `31${NBSP}845,24${NBSP}€`, `31${NBSP}845${NBSP}€`],
    [120_000_000, `1${NBSP}200${NBSP}000,00${NBSP}€`, `1${NBSP}200${NBSP}000${NBSP}€`],
    [MAX, `90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91${NBSP}€`, `90${NBSP}071${NBSP}992${NBSP}547${NBSP}410${NBSP}€`],
    [-MAX, `-90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91${NBSP}€`, `-90${NBSP}071${NBSP}992${NBSP}547${NBSP}410${NBSP}€`],
  ];
  for (const [cents, decimals, whole] of cases) {
    it(`shows ${cents} cents as ${decimals} and ${whole}`, () => {
      expect(formatEuros(cents)).toBe(decimals);
      expect(formatEuros(cents, { decimals: true })).toBe(decimals);
      expect(formatEuros(cents, { decimals: false })).toBe(whole);
      expect(formatEuros(cents)).not.toContain(NNBSP);
    });
  }

  it('matches Intl fr-FR (with U+202F turned into U+00A0) on 2 000 seeded amounts', () => {
    const random = seeded(20260301);
    const intl = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    for (let i = 0; i < 2_000; i++) {
      const magnitude = Math.floor(random() * 10 ** Math.floor(random() * 12));
      const cents = random() < 0.3 ? -magnitude : magnitude;
      const expected = intl.format(cents / 100).replace(/\u202F/g, NBSP);
      expect(formatEuros(cents)).withContext(String(cents)).toBe(cents === 0 ? `0,00${NBSP}€` : expected);
    }
  });

  it('reads back what it writes', () => {
    const random = seeded(7);
    for (let i = 0; i < 1_000; i++) {
      const cents = Math.floor((random() - 0.5) * 2 * 1e13);
      expect(parseEuros(formatEuros(cents))).withContext(String(cents)).toEqual({ ok: true, cents: cents === 0 ? 0 : cents });
    }
  });

  const notCents: unknown[] = [0.5, 12.34, NaN, Infinity, -Infinity, MAX + 1, '100', null, 10n];
  for (const value of notCents) {
    it(`refuses ${String(value)} with a RangeError`, () => {
      expect(() => formatEuros(value as number)).toThrowError(RangeError, /Montant en centimes invalide/);
      expect(() => assertCents(value)).toThrowError(RangeError);
    });
  }
});

describe('roundHalfAwayFromZero', () => {
  const cases: [num: bigint | number, den: bigint | number, expected: bigint][] = [
    [0n, 7n, 0n],
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [5n, -2n, -3n],
    [-5n, -2n, 3n],
    [7n, 2n, 4n],
    [3n, 2n, 2n],
    [1n, 2n, 1n],
    [-1n, 2n, -1n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-2n, 3n, -1n],
    [-1n, 3n, 0n],
    [14n, 4n, 4n], // 3,5 → 4
    [10n, 4n, 3n], // 2,5 → 3 (not banker’s 2)
    [9n, 4n, 2n],
    [3_672_000_000n, 365n, 10_060_274n], // 120 000 € × 306 / 365
    [36_000_000n, 7n, 5_142_857n], // 60 000 € × 6 / 7
    [10n ** 30n + 5n, 10n, 10n ** 29n + 1n], // far beyond 2^53, still exact
    [15, 10, 2n],
    [-15, 10, -2n],
  ];
  for (const [num, den, expected] of cases) {
    it(`rounds ${num}/${den} to ${expected}`, () => expect(roundHalfAwayFromZero(num, den)).toBe(expected));
  }

  it('refuses a zero denominator and unsafe numbers', () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrowError(RangeError, /Division par zéro/);
    expect(() => roundHalfAwayFromZero(1, 0)).toThrowError(RangeError, /Division par zéro/);
    expect(() => roundHalfAwayFromZero(0.5, 1)).toThrowError(RangeError, /Numérateur invalide/);
    expect(() => roundHalfAwayFromZero(1, 2.5)).toThrowError(RangeError, /Dénominateur invalide/);
  });

  it('agrees with a float reference where floats are exact (|n| < 2^20, small den)', () => {
    const random = seeded(42);
    for (let i = 0; i < 5_000; i++) {
      const den = 1 + Math.floor(random() * 1_000);
      const num = Math.floor((random() - 0.5) * 2 ** 21);
      const q = num / den;
      const reference = Math.sign(q) * Math.floor(Math.abs(q) + 0.5);
      // Halves are exact in binary only when den is a power of two: compare on remainders instead.
      const twice = 2 * Math.abs(num % den);
      const expected = twice === den ? Math.sign(q) * Math.ceil(Math.abs(q)) : reference;
      expect(Number(roundHalfAwayFromZero(num, den))).withContext(`${num}/${den}`).toBe(expected === 0 ? 0 : expected);
    }
  });
});

describe('mulDivRound', () => {
  const cases: [cents: number, num: bigint | number, den: bigint | number, expected: number][] = [
    [12_000_000, 306, 365, 10_060_274],
    [12_000_000, 306, 366, 10_032_787],
    [6_000_000, 6, 7, 5_142_857],
    [6_000_000, 32, 35, 5_485_714],
    [-6_000_000, 6, 7, -5_142_857],
    [1, 1, 2, 1],
    [-1, 1, 2, -1],
    [1, 1, 3, 0],
    [MAX, 1, 1, MAX],
    [MAX, 3n, 3n, MAX], // the product exceeds 2^53 on the way, exactly
    [28_000_000, 8_863, 10_000, 24_816_400],
  ];
  for (const [cents, num, den, expected] of cases) {
    it(`computes ${cents} × ${num} / ${den} = ${expected}`, () => expect(mulDivRound(cents, num, den)).toBe(expected));
  }

  it('refuses a result beyond 2^53 − 1, a fraction of a cent or a zero denominator', () => {
    expect(() => mulDivRound(MAX, 2, 1)).toThrowError(RangeError, /hors limites/);
    expect(() => mulDivRound(10.5, 1, 1)).toThrowError(RangeError, /Montant en centimes invalide/);
    expect(() => mulDivRound(100, 1, 0)).toThrowError(RangeError, /Division par zéro/);
  });
});

describe('sumCents', () => {
  it('adds exactly and refuses overflow and non-integers', () => {
    expect(sumCents([])).toBe(0);
    expect(sumCents([10_060_274, 5_142_857, 6_000_000, 3_612_345])).toBe(24_815_476);
    expect(sumCents([MAX, -MAX, 1])).toBe(1);
    expect(() => sumCents([MAX, 1])).toThrowError(RangeError, /Total en centimes hors limites/);
    expect(() => sumCents([1, 0.1])).toThrowError(RangeError, /Montant en centimes invalide/);
  });
});
